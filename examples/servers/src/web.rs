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
//! - After a verified callback with a code, the app exchanges it at the token
//!   endpoint (Smartcar's, or the stand-in's) with connect-core's
//!   `TokenRequest`, sent by hyper-util's client ([`crate::http_client`]). The
//!   exchange's `redirect_uri` comes from the same link the owner was sent with
//!   ([`link`]), so the two cannot differ. The tokens stay on the server,
//!   in a session ([`SESSION_COOKIE`], `HttpOnly`, `SameSite=Strict` so no other
//!   site can make the browser post `/refresh`); the page shows only when they
//!   expire, and a Refresh button (`POST /refresh`) rotates them.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use axum::extract::{RawQuery, State as AppState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use connect_core::registration::Registration;
use connect_core::token::{ClientSecret, Credentials, TokenError, TokenRequest, Tokens};
use connect_core::{
    AuthorizationCode, Callback, CallbackError, ClientId, ConnectErrorKind, ConnectUrl, Origin,
    Outcome, State, WebRedirectUri,
};
use connect_macros::connect_url;

use crate::bounded::BoundedMap;
use crate::harden::{harden, Hardening};
use crate::html::{escape, page, stylesheet};
use crate::http_client::HttpClient;
use crate::offload::{Offload, OffloadFailed};
use crate::pending::PendingStates;

/// The cookie holding the state of the flow in progress.
pub const STATE_COOKIE: &str = "connect_state";

/// How long an owner has to come back from Connect: the cookie's `Max-Age` and
/// the server-side state's lifetime.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(600);

/// At most this many flows in progress are remembered (see [`PendingStates`]).
pub const MAX_PENDING_FLOWS: usize = 10_000;

/// The cookie naming the session that holds the tokens.
pub const SESSION_COOKIE: &str = "connect_session";

/// How long a session is kept: the refresh token's lifetime.
pub const SESSION_LIFETIME: Duration = connect_core::token::REFRESH_TOKEN_LIFETIME;

/// At most this many sessions with tokens are kept; beyond, the oldest is forgotten.
pub const MAX_SESSIONS: usize = 10_000;

/// Pages load only the app's stylesheet; no script, no frame; the one form (Refresh)
/// posts to the app itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The `external_id` every flow of the example sends: a fixed demo value, since
/// the example has no signed-in users (see the module docs).
pub const DEMO_EXTERNAL_ID: &str = "demo-owner-42";

/// The app takes no request bodies: every route is a GET, but for the empty form
/// of `POST /refresh`.
pub const BODY_LIMIT: usize = 1024;

/// Where the application sends owners, and where Connect sends them back.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Connect's origin: Smartcar's, or a local stand-in's.
    pub connect_origin: Origin,
    /// This application's `/callback`, as registered with Connect. Its scheme
    /// decides whether the state cookie is `Secure`.
    pub redirect_uri: WebRedirectUri,
    /// The token endpoint's origin: Smartcar's (`https://auth.smartcar.com`), or
    /// a local stand-in's.
    pub auth_origin: Origin,
    /// The application's client secret, for the token exchange.
    pub client_secret: ClientSecret,
}

/// The tokens of one owner's connection, and the app id they were issued to.
#[derive(Debug, Clone)]
struct Session {
    client_id: ClientId,
    tokens: Tokens,
}

/// The link `/connect` sends the owner to, with a fresh `state`. The redirect
/// URI comes from the configuration, as a `WebRedirectUri`: it goes with any app
/// id, so the link cannot fail.
#[must_use]
pub fn link(config: &WebConfig, state: &State) -> ConnectUrl {
    connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: &config.redirect_uri,
        scope: [required read_odometer, read_vehicle_info, read_location],
        state: state,
        mode: simulated,
        external_id: "demo-owner-42", // DEMO_EXTERNAL_ID: the macro checks a literal
    )
    .with_origin(config.connect_origin.clone())
}

/// The run-time use of the application's registration: the links this app makes
/// (its redirect URI comes from `--public-url`, known only at start-up) checked
/// against it before serving, in Connect's wording, so a redirect URI the dashboard
/// does not have is found at start-up rather than on Connect's page.
///
/// # Errors
///
/// Every finding, one per line, each with its help.
pub fn check_registration(config: &WebConfig, registration: &Registration) -> Result<(), String> {
    let state = State::generate().map_err(|e| format!("no randomness for the state: {e}"))?;
    let report = registration.check(&link(config, &state));
    if report.is_ok() {
        return Ok(());
    }
    let lines: Vec<String> = report
        .findings()
        .iter()
        .map(|f| {
            let e = f.as_error();
            match e.help() {
                Some(help) => format!("error: {}\n  help: {help}", e.message()),
                None => format!("error: {}", e.message()),
            }
        })
        .collect();
    Err(lines.join("\n"))
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
    /// Sends the token requests.
    client: HttpClient,
    /// Session id → tokens.
    sessions: Arc<Mutex<BoundedMap<Session>>>,
}

impl App {
    fn sessions(&self) -> std::sync::MutexGuard<'_, BoundedMap<Session>> {
        // No code holding the lock panics; a poisoned lock still holds a usable map.
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
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
        client: HttpClient::default(),
        sessions: Arc::new(Mutex::new(BoundedMap::new(MAX_SESSIONS))),
    };
    let routes = Router::new()
        .route("/", get(home))
        .route("/connect", get(connect))
        .route("/callback", get(callback))
        .route("/refresh", post(refresh))
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
    let link = link(&app.config, &state);
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

/// Why the token endpoint gave no tokens, as a sentence; `refused` when it
/// answered with an OAuth error (the grant is no good), not for a failed transport.
struct Failure {
    message: String,
    refused: bool,
}

impl From<TokenError> for Failure {
    fn from(error: TokenError) -> Self {
        Failure {
            refused: matches!(error, TokenError::OAuth(_)),
            message: error.to_string(),
        }
    }
}

/// Sends a token request built by connect-core and reads the answer with it.
async fn send(app: &App, request: TokenRequest<'_>) -> Result<Tokens, Failure> {
    let request = request.with_origin(&app.config.auth_origin).to_http()?;
    let response = app.client.send(request).await.map_err(|message| Failure {
        message,
        refused: false,
    })?;
    Ok(Tokens::read(&response, SystemTime::now())?)
}

/// Exchanges the code of the flow with `state` for tokens, kept in a new session:
/// its id and the tokens.
async fn exchange(
    app: &App,
    state: &State,
    code: &AuthorizationCode,
) -> Result<(String, Tokens), Failure> {
    let link = link(&app.config, state);
    let client_id = link.request().client_id().clone();
    let credentials = Credentials::new(client_id.clone(), app.config.client_secret.clone());
    let tokens = send(
        app,
        TokenRequest::authorization_code(&link, code, &credentials),
    )
    .await?;
    let id = State::generate().map_err(|e| Failure {
        message: format!("no randomness for the session: {e}"),
        refused: false,
    })?;
    app.sessions().insert(
        id.to_string(),
        Session {
            client_id,
            tokens: tokens.clone(),
        },
    );
    Ok((id.to_string(), tokens))
}

/// `POST /refresh`: new tokens for this session's refresh token, which rotates.
async fn refresh(AppState(app): AppState<App>, headers: HeaderMap) -> Response {
    let id = cookie(&headers, SESSION_COOKIE).unwrap_or_default();
    let session = app.sessions().get(&id).cloned();
    let Some(session) = session else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This browser has no tokens here: connect your vehicle first.",
        );
    };
    let credentials = Credentials::new(session.client_id.clone(), app.config.client_secret.clone());
    match send(
        &app,
        TokenRequest::refresh(session.tokens.refresh_token(), &credentials),
    )
    .await
    {
        Ok(tokens) => {
            let page_body = tokens_section(&tokens);
            app.sessions().insert(
                id,
                Session {
                    client_id: session.client_id,
                    tokens,
                },
            );
            page(
                StatusCode::OK,
                "Tokens refreshed",
                &format!("<p id=\"refreshed\">New tokens; the old refresh token no longer works.</p>{page_body}<p><a href=\"/\">Home</a></p>"),
            )
        }
        Err(failure) => {
            if failure.refused {
                // The refresh token is no good any more: so is the session.
                app.sessions().take(&id);
            }
            error_page(
                StatusCode::BAD_GATEWAY,
                &format!(
                    "Refreshing the tokens failed: {}. Connect your vehicle again.",
                    failure.message
                ),
            )
        }
    }
}

/// When the tokens expire (never the tokens), and the Refresh button.
fn tokens_section(tokens: &Tokens) -> String {
    format!(
        "<p>The access token is valid until <time id=\"expires_at\">{}</time>, the refresh token \
         until <time id=\"refresh_expires_at\">{}</time>. They stay on this server.</p>\
         <form method=\"post\" action=\"/refresh\"><button id=\"refresh\">Refresh the tokens</button></form>",
        rfc3339(tokens.expires_at()),
        rfc3339(tokens.refresh_expires_at())
    )
}

/// `2026-12-01T22:40:00Z`: an instant in UTC, to the second.
#[must_use]
pub fn rfc3339(time: SystemTime) -> String {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count.
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
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
    let mut session = None;
    let mut response = if app.states.take(&expected) {
        let exchanged = match &outcome {
            Outcome::Code(code) => match exchange(&app, &expected, code).await {
                Ok((id, tokens)) => {
                    session = Some(id);
                    Some(Ok(tokens))
                }
                Err(failure) => Some(Err(failure.message)),
            },
            _ => None,
        };
        outcome_page(outcome, external_id.as_deref(), exchanged)
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
    // Strict: sent only with requests from the app's own pages.
    let session = session.map(|id| {
        format!(
            "{SESSION_COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
            SESSION_LIFETIME.as_secs(),
            app.secure
        )
    });
    if let Some(Ok(session)) = session.map(|s| HeaderValue::from_str(&s)) {
        response.headers_mut().append(header::SET_COOKIE, session);
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

/// The page of a verified redirect back; `external_id` is the id Connect echoed;
/// `exchanged`, for a code, the tokens it was exchanged for or why it was not.
fn outcome_page(
    outcome: Outcome,
    external_id: Option<&str>,
    exchanged: Option<Result<Tokens, String>>,
) -> Response {
    const HOME: &str = "<p><a href=\"/\">Home</a></p>";
    let (title, body, footer) = match outcome {
        // A code is single use: once exchanged it is worth nothing, so showing it
        // gives nothing away (the tokens are never shown).
        Outcome::Code(code) => match exchanged {
            Some(Ok(tokens)) => (
                "Vehicle connected",
                format!(
                    "<p>Connect returned an authorization code, exchanged for tokens:</p>\
                     <p><code id=\"code\">{}</code></p>{}",
                    escape(code.as_str()),
                    tokens_section(&tokens)
                ),
                HOME,
            ),
            failed => (
                "Vehicle connected, but no tokens",
                format!(
                    "<p>Connect returned an authorization code:</p><p><code id=\"code\">{}</code></p>\
                     <p class=\"error\" id=\"exchange_error\">The token exchange failed: {}</p>",
                    escape(code.as_str()),
                    escape(&failed.and_then(Result::err).unwrap_or_default())
                ),
                "<p><a href=\"/\">Try again</a></p>",
            ),
        },
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
                ConnectErrorKind::VehicleIncompatible { vin, make, model, year, .. } => {
                    let vehicle = [make.as_deref(), model.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
                    let vin = vin.as_deref().map(|v| format!(", VIN {v}")).unwrap_or_default();
                    ("Vehicle not compatible", format!("Your {vehicle}{year}{vin} cannot share what this app needs."))
                }
                ConnectErrorKind::NoVehicles => ("No vehicles", "Your account has no vehicles to connect.".to_owned()),
                ConnectErrorKind::InvalidSubscription => {
                    ("Subscription required", "Your connected-services subscription is not active.".to_owned())
                }
                ConnectErrorKind::ConfigurationError { status_code, error_message, .. } => (
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
        // `Outcome` is `#[non_exhaustive]`: an ending newer than this app.
        _ => (
            "Connect finished",
            "<p>Connect ended the flow in a way this app does not know yet.</p>".to_owned(),
            HOME,
        ),
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
