//! The application side of the Connect flow: a home page with a "Connect your
//! vehicle" button, `/connect` sending the owner to a fresh link from
//! `connect_url!` with a random state, and `/callback` checking that state and
//! showing the outcome.
//!
//! Written as a reference for production code:
//!
//! - The state travels in an `HttpOnly`, `SameSite=Lax` cookie, `Secure` when the
//!   app's own URL (its redirect URI) is `https`, and is also kept on the server
//!   ([`PendingStates`]): a callback is accepted once, a replay with the same
//!   cookie is refused.
//! - A callback that does not carry this browser's state (a forged or foreign
//!   link, a stale tab) is refused and changes nothing: the flow in progress can
//!   still finish. Only a callback whose state matches ends the flow.
//! - Every response is `Cache-Control: no-store` (the callback page shows the
//!   code), framed by nobody, without referrer, under a Content-Security-Policy
//!   that allows only the app's own stylesheet; bodies and handler time are
//!   bounded ([`crate::harden`]), and so is the time to send a request head
//!   ([`crate::serve`]). A long redirect back is read off the async workers
//!   ([`crate::offload`]), so a flood of them does not hold up other requests.
//! - The link carries an `external_id`, the application's own id for the owner,
//!   which Connect echoes on the redirect back (on success and on error). The
//!   example has no accounts, so every flow sends the same demo id,
//!   [`DEMO_EXTERNAL_ID`]; a real app sends the id of its signed-in user
//!   (`external_id: &user.external_id`, a `connect_core::ExternalId`). The
//!   callback page shows what came back, but the account a vehicle is attached to
//!   comes from the session: the echoed id is part of a query anyone can edit, so
//!   it is a label, not a credential.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State as AppState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use connect_core::{
    Callback, CallbackError, ConnectErrorKind, Origin, Outcome, State, WebRedirectUri,
};
use connect_macros::connect_url;

use crate::harden::{harden, Hardening};
use crate::html::{escape, page, stylesheet};
use crate::offload::{Offload, OffloadFailed};
use crate::pending::PendingStates;

/// The cookie holding the state of the flow in progress.
pub const STATE_COOKIE: &str = "connect_state";

/// How long an owner has to come back from Connect: the cookie's `Max-Age` and
/// the server-side state's lifetime.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(600);

/// At most this many flows in progress are remembered (see [`PendingStates`]).
pub const MAX_PENDING_FLOWS: usize = 10_000;

/// Pages load only the app's stylesheet; no script, no frame, no form.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The `external_id` every flow of the example sends: a fixed demo value, since
/// the example has no signed-in users (see the module docs).
pub const DEMO_EXTERNAL_ID: &str = "demo-owner-42";

/// The app takes no request bodies: every route is a GET.
pub const BODY_LIMIT: usize = 1024;

/// Where the application sends owners, and where Connect sends them back.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Connect's origin: Smartcar's, or a local stand-in's.
    pub connect_origin: Origin,
    /// This application's `/callback`, as registered with Connect. Its scheme
    /// decides whether the state cookie is `Secure`.
    pub redirect_uri: WebRedirectUri,
}

/// What the handlers share.
#[derive(Clone)]
struct App {
    config: Arc<WebConfig>,
    states: Arc<PendingStates>,
    /// `; Secure` when the app is served over https, else empty.
    secure: &'static str,
    /// Long redirects back are read off the async workers (see [`crate::offload`]).
    offload: Offload,
}

/// The application's routes, hardened.
pub fn router(config: WebConfig) -> Router {
    let secure = if config.redirect_uri.as_str().starts_with("https:") {
        "; Secure"
    } else {
        ""
    };
    let app = App {
        config: Arc::new(config),
        states: Arc::new(PendingStates::new(FLOW_LIFETIME, MAX_PENDING_FLOWS)),
        secure,
        offload: Offload::default(),
    };
    let routes = Router::new()
        .route("/", get(home))
        .route("/connect", get(connect))
        .route("/callback", get(callback))
        .route("/style.css", get(stylesheet))
        .with_state(app);
    harden(
        routes,
        Hardening {
            content_security_policy: CONTENT_SECURITY_POLICY,
            body_limit: BODY_LIMIT,
        },
    )
}

async fn home() -> Response {
    page(
        StatusCode::OK,
        "Your vehicle, in this app",
        "<p>Connect your car to read its odometer. You choose what to share on Smartcar's page.</p>\
         <p><a class=\"button\" id=\"connect\" href=\"/connect\">Connect your vehicle</a></p>",
    )
}

/// 302 to a fresh Connect link; its state is remembered on the server and set in
/// an HttpOnly, SameSite cookie.
async fn connect(AppState(app): AppState<App>) -> Response {
    let state = match State::generate() {
        Ok(state) => state,
        Err(e) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("no randomness for the state: {e}"),
            )
        }
    };
    // The redirect URI comes from the configuration, as a `WebRedirectUri`: it
    // goes with any app id, so the link cannot fail.
    let link = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: &app.config.redirect_uri,
        scope: [required read_odometer, read_vehicle_info, read_location],
        state: &state,
        mode: simulated,
        external_id: "demo-owner-42", // DEMO_EXTERNAL_ID: the macro checks a literal
    )
    .with_origin(app.config.connect_origin.clone());
    // Lax, not Strict: the owner comes back from Connect's site by a top-level
    // navigation, which Strict would strip the cookie from.
    let cookie = format!(
        "{STATE_COOKIE}={state}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{}",
        FLOW_LIFETIME.as_secs(),
        app.secure
    );
    match (
        HeaderValue::from_str(link.as_str()),
        HeaderValue::from_str(&cookie),
    ) {
        (Ok(location), Ok(cookie)) => {
            app.states.insert(&state);
            let mut response = StatusCode::FOUND.into_response();
            let headers = response.headers_mut();
            headers.insert(header::LOCATION, location);
            headers.insert(header::SET_COOKIE, cookie);
            response
        }
        _ => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the link or state is not a valid header value",
        ),
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
}

/// Checks the state (constant time) against this browser's cookie, then takes
/// it from the pending ones, then shows the code or Connect's error.
async fn callback(
    AppState(app): AppState<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(expected) = cookie(&headers, STATE_COOKIE).and_then(|s| s.parse::<State>().ok())
    else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This sign-in has no session: start again from the home page.",
        );
    };
    let query = query.unwrap_or_default();
    let verified = {
        let expected = expected.clone();
        app.offload
            .run(query.len(), move || verify(&query, &expected))
            .await
    };
    let (outcome, external_id) = match verified {
        Ok(Ok(verified)) => verified,
        // Not this browser's flow, or not from Connect: refused, and the flow in
        // progress (cookie and pending state) is left as it is.
        Ok(Err(error)) => return refusal_page(&error),
        Err(OffloadFailed) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "reading the redirect back failed unexpectedly",
            )
        }
    };
    // The state matched the cookie: the flow ends here, whatever happens next.
    let mut response = if app.states.take(&expected) {
        outcome_page(outcome, external_id.as_deref())
    } else {
        error_page(
            StatusCode::BAD_REQUEST,
            "Refused: this sign-in was already completed or has expired. Start again from the home page.",
        )
    };
    let forget = format!(
        "{STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{}",
        app.secure
    );
    if let Ok(forget) = HeaderValue::from_str(&forget) {
        response.headers_mut().insert(header::SET_COOKIE, forget);
    }
    response
}

/// The redirect back, read and checked against the state this browser was
/// given: the one place the app calls connect-core's callback API. With the
/// outcome, the `external_id` Connect echoed, if any.
fn verify(query: &str, expected: &State) -> Result<(Outcome, Option<String>), CallbackError> {
    let callback = Callback::from_query(query)?;
    let external_id = callback.external_id().map(str::to_owned);
    Ok((callback.verify(expected)?, external_id))
}

fn refusal_page(error: &CallbackError) -> Response {
    match error {
        CallbackError::StateMismatch | CallbackError::MissingState => {
            error_page(StatusCode::BAD_REQUEST, &format!("Refused: {error}."))
        }
        _ => error_page(
            StatusCode::BAD_REQUEST,
            &format!("This is not a redirect from Connect: {error}."),
        ),
    }
}

/// The page of a verified redirect back; `external_id` is the id Connect echoed.
fn outcome_page(outcome: Outcome, external_id: Option<&str>) -> Response {
    const HOME: &str = "<p><a href=\"/\">Home</a></p>";
    let (title, body, footer) = match outcome {
        Outcome::Code(code) => (
            "Vehicle connected",
            format!(
                "<p>Connect returned an authorization code. Exchange it for tokens within ten minutes:</p>\
                 <p><code id=\"code\">{}</code></p>",
                escape(code.as_str())
            ),
            HOME,
        ),
        Outcome::Reauthenticated(vehicle) => (
            "Vehicle reconnected",
            format!("<p>Vehicle <code id=\"vehicle\">{}</code> is connected again.</p>", escape(vehicle.as_str())),
            "",
        ),
        Outcome::Completed => (
            "Done",
            "<p>Connect finished without a code, as the link asked.</p>".to_owned(),
            HOME,
        ),
        Outcome::BatteryCapacity(capacity) => (
            "Battery capacity chosen",
            format!(
                "<p>Vehicle <code id=\"vehicle\">{}</code>: <span id=\"capacity\">{}</span> kWh.</p>",
                escape(capacity.vehicle_id().as_str()),
                escape(capacity.selected_capacity())
            ),
            HOME,
        ),
        Outcome::Error(error) => {
            let (title, text) = match error.kind() {
                ConnectErrorKind::AccessDenied => {
                    ("Access denied", "You chose not to share your vehicle. You can connect it any time.".to_owned())
                }
                ConnectErrorKind::VehicleIncompatible { vin, make, model, year } => {
                    let vehicle = [make.as_deref(), model.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
                    let vin = vin.as_deref().map(|v| format!(", VIN {v}")).unwrap_or_default();
                    ("Vehicle not compatible", format!("Your {vehicle}{year}{vin} cannot share what this app needs."))
                }
                ConnectErrorKind::NoVehicles => ("No vehicles", "Your account has no vehicles to connect.".to_owned()),
                ConnectErrorKind::InvalidSubscription => {
                    ("Subscription required", "Your connected-services subscription is not active.".to_owned())
                }
                ConnectErrorKind::ConfigurationError { status_code, error_message } => (
                    "Configuration error",
                    format!(
                        "This app is misconfigured{}{}.",
                        status_code.map(|s| format!(" (status {s})")).unwrap_or_default(),
                        error_message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
                    ),
                ),
                ConnectErrorKind::ServerError => ("Smartcar had a problem", "Please try again later.".to_owned()),
                ConnectErrorKind::UserManuallyReturnedToApplication => {
                    ("Connect was closed", "You left Connect before sharing your vehicle. You can connect it any time.".to_owned())
                }
                other => ("Connect failed", format!("Connect returned `{}`.", other.code())),
            };
            let description = error.description().map(|d| format!("<p>{}</p>", escape(d))).unwrap_or_default();
            (
                title,
                format!(
                    "<p id=\"error\" data-code=\"{}\">{}</p>{description}",
                    escape(error.kind().code()),
                    escape(&text)
                ),
                "<p><a href=\"/\">Try again</a></p>",
            )
        }
        _ => ("Done", "<p>Connect finished.</p>".to_owned(), HOME),
    };
    // Shown, not trusted: see the module docs.
    let owner = external_id
        .map(|id| format!("<p>For owner <code id=\"external_id\">{}</code> (the <code>external_id</code> Connect echoed).</p>", escape(id)))
        .unwrap_or_default();
    page(StatusCode::OK, title, &format!("{body}{owner}{footer}"))
}

fn error_page(status: StatusCode, message: &str) -> Response {
    page(
        status,
        "Something went wrong",
        &format!("<p class=\"error\" id=\"problem\">{}</p>", escape(message)),
    )
}
