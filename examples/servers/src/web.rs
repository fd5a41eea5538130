//! The application side of the Connect flow: a home page with a "Connect your
//! vehicle" button, `/connect` sending the owner to a fresh link from
//! `connect_url!` with a random state kept in a cookie, and `/callback` checking
//! that state and showing the outcome.

use axum::extract::{RawQuery, State as AppState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use connect_core::{
    Callback, CallbackError, ConnectErrorKind, Origin, Outcome, RedirectUri, State,
};
use connect_macros::connect_url;

use crate::html::{escape, page};

/// The cookie holding the state of the flow in progress.
pub const STATE_COOKIE: &str = "connect_state";

/// Where the application sends owners, and where Connect sends them back.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Connect's origin: Smartcar's, or a local stand-in's.
    pub connect_origin: Origin,
    /// This application's `/callback`, as registered with Connect.
    pub redirect_uri: RedirectUri,
}

/// The application's routes.
pub fn router(config: WebConfig) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/connect", get(connect))
        .route("/callback", get(callback))
        .with_state(config)
}

async fn home() -> Response {
    page(
        StatusCode::OK,
        "Your vehicle, in this app",
        "<p>Connect your car to read its odometer. You choose what to share on Smartcar's page.</p>\
         <p><a class=\"button\" id=\"connect\" href=\"/connect\">Connect your vehicle</a></p>",
    )
}

/// 302 to a fresh Connect link; its state goes into an HttpOnly, SameSite cookie.
async fn connect(AppState(config): AppState<WebConfig>) -> Response {
    let state = match State::generate() {
        Ok(state) => state,
        Err(e) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("no randomness for the state: {e}"),
            )
        }
    };
    // The redirect URI comes from the configuration: the macro yields a `Result`.
    let link = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: config.redirect_uri.clone(),
        scope: [required read_odometer, read_vehicle_info, read_location],
        state: state.clone(),
        mode: simulated,
    );
    let link = match link {
        Ok(link) => link.with_origin(config.connect_origin.clone()),
        Err(e) => return error_page(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    // Lax, not Strict: the owner comes back from Connect's site by a top-level
    // navigation, which Strict would strip the cookie from.
    let cookie = format!("{STATE_COOKIE}={state}; HttpOnly; SameSite=Lax; Path=/; Max-Age=600");
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    match (
        HeaderValue::from_str(link.as_str()),
        HeaderValue::from_str(&cookie),
    ) {
        (Ok(location), Ok(cookie)) => {
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

/// Checks the state (constant time), then shows the code or Connect's error.
async fn callback(headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let mut response = callback_page(&headers, query.as_deref().unwrap_or_default());
    // The state is single-use: forget it whatever happened.
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("connect_state=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"),
    );
    response
}

fn callback_page(headers: &HeaderMap, query: &str) -> Response {
    let Some(expected) = cookie(headers, STATE_COOKIE).and_then(|s| s.parse::<State>().ok()) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This sign-in has no session: start again from the home page.",
        );
    };
    let outcome = Callback::from_query(query).and_then(|callback| callback.verify(&expected));
    match outcome {
        Ok(Outcome::Code(code)) => page(
            StatusCode::OK,
            "Vehicle connected",
            &format!(
                "<p>Connect returned an authorization code. Exchange it for tokens within ten minutes:</p>\
                 <p><code id=\"code\">{}</code></p><p><a href=\"/\">Home</a></p>",
                escape(code.as_str())
            ),
        ),
        Ok(Outcome::Reauthenticated(vehicle)) => page(
            StatusCode::OK,
            "Vehicle reconnected",
            &format!("<p>Vehicle <code id=\"vehicle\">{}</code> is connected again.</p>", escape(vehicle.as_str())),
        ),
        Ok(Outcome::Error(error)) => {
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
                other => ("Connect failed", format!("Connect returned `{}`.", other.code())),
            };
            let description = error.description().map(|d| format!("<p>{}</p>", escape(d))).unwrap_or_default();
            page(
                StatusCode::OK,
                title,
                &format!(
                    "<p id=\"error\" data-code=\"{}\">{}</p>{description}<p><a href=\"/\">Try again</a></p>",
                    escape(error.kind().code()),
                    escape(&text)
                ),
            )
        }
        Err(e @ (CallbackError::StateMismatch | CallbackError::MissingState)) => {
            error_page(StatusCode::BAD_REQUEST, &format!("Refused: {e}."))
        }
        Err(e) => error_page(StatusCode::BAD_REQUEST, &format!("This is not a redirect from Connect: {e}.")),
    }
}

fn error_page(status: StatusCode, message: &str) -> Response {
    page(
        status,
        "Something went wrong",
        &format!("<p class=\"error\" id=\"problem\">{}</p>", escape(message)),
    )
}
