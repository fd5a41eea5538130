//! The application side of the Connect flow: a home page with a "Connect your
//! vehicle" button, `/connect` sending the owner to a fresh link from
//! `connect_url!` with a random state, and `/callback` checking that state and
//! showing the outcome.
//!
//! Written as a reference for production code, where an app runs several
//! instances behind a load balancer and restarts:
//!
//! - The flow in progress is connect-core's `PendingFlow` (the state, the link's
//!   redirect URI and flags, when it began) in an encrypted, authenticated cookie
//!   ([`crate::flow_cookie`]), with a key the instances share
//!   (`CONNECT_WEB_KEY`): any instance finishes a flow another began, and no
//!   instance keeps a store of pending flows. The cookie is `HttpOnly`,
//!   `SameSite=Lax`, `Secure` and `__Host-` prefixed when the app's own URL (its
//!   redirect URI) is `https`.
//! - A callback that does not carry this browser's state (a forged or foreign
//!   link, a stale tab), or that carries no flow cookie, two of them, or one this
//!   key did not make, is refused and changes nothing: the flow in progress can
//!   still finish. A flow older than [`FLOW_LIFETIME`] is refused.
//! - Replay. The flow cookie is cleared when the callback is answered, and the
//!   authorization code is single use at Smartcar: RFC 6749 §10.12 asks the
//!   client to bind the redirect to the browser that began the flow (the state,
//!   checked against this browser's cookie, in constant time), and §4.1.2 makes
//!   the code single use, refused when presented again. A replayed callback
//!   (the same URL, even with a copy of the cookie) reaches the token endpoint
//!   with a used code and gets no tokens, so the app keeps no record of finished
//!   flows: the token endpoint is that record.
//! - Tokens and v3 user ids are in a database ([`crate::token_store`]:
//!   `DATABASE_URL`, SQLite by default, or PostgreSQL). The session cookie
//!   (`SameSite=Strict`, so no other site can make the browser post `/refresh`)
//!   names the owner, never a token. The page shows only when the tokens expire.
//! - Refresh rotates the refresh token. A refresh that loses a race (another
//!   instance, or another click, rotated the stored token meanwhile) uses the
//!   tokens the winner stored: the update is a compare-and-swap on the stored
//!   refresh token, atomic in the database, and never fails the owner.
//! - The database unreachable: a 503 page, no panic; the flow cookie is kept, so
//!   the callback can be loaded again once the database is back.
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
use std::time::{Duration, SystemTime};

use axum::extract::{RawQuery, State as AppState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use axum_extra::extract::cookie::{Key, PrivateCookieJar, SameSite};
use connect_core::registration::Registration;
use connect_core::token::{ClientSecret, Credentials, TokenError, TokenRequest, Tokens};
use connect_core::{
    Callback, CallbackError, ConnectErrorKind, ConnectUrl, Origin, Outcome, PendingFlow, State,
    UserId, WebRedirectUri,
};
use connect_macros::connect_url;

use crate::flow_cookie::{self, CookieNames, FlowCookieError};
use crate::harden::{harden, Hardening};
use crate::html::{escape, page, stylesheet};
use crate::http_client::HttpClient;
use crate::offload::{Offload, OffloadFailed};
use crate::token_store::{DatabaseUrl, Owner, StoreError, TokenStore};

/// How long an owner has to come back from Connect: the flow cookie's `Max-Age`
/// and the most [`PendingFlow::verify`] accepts.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(600);

/// How long a session is kept: the refresh token's lifetime.
pub const SESSION_LIFETIME: Duration = connect_core::token::REFRESH_TOKEN_LIFETIME;

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
    /// decides whether the cookies are `Secure` and `__Host-` prefixed.
    pub redirect_uri: WebRedirectUri,
    /// The token endpoint's origin: Smartcar's (`https://auth.smartcar.com`), or
    /// a local stand-in's.
    pub auth_origin: Origin,
    /// The application's client secret, for the token exchange.
    pub client_secret: ClientSecret,
}

/// What the instances of one app share: the cookie key and the token database.
#[derive(Clone)]
pub struct Shared {
    /// Encrypts and authenticates the cookies (`CONNECT_WEB_KEY`).
    pub key: Key,
    /// Where tokens and v3 user ids are kept (`DATABASE_URL`).
    pub store: TokenStore,
}

impl Shared {
    /// What the instances share, from the values of `CONNECT_WEB_KEY` and
    /// `DATABASE_URL` (if set), as the `web` example's `main` reads them: the
    /// database opened (an SQLite file created and migrated), with the warnings
    /// to print (no shared key; PostgreSQL unreachable for now).
    ///
    /// # Errors
    ///
    /// A key of the wrong length or not hex, a `DATABASE_URL` of another scheme,
    /// an SQLite file that cannot be opened or migrated: a sentence each.
    pub async fn from_env(
        key: Option<&str>,
        database: Option<&str>,
    ) -> Result<(Shared, Vec<String>), String> {
        let mut warnings = Vec::new();
        let (key, source) = flow_cookie::key_from(key)?;
        if source == flow_cookie::KeySource::Random {
            warnings.push(format!(
                "{} is not set: this start drew a random cookie key, so a flow begun on another \
                 instance, or before a restart, cannot finish here; give every instance the same \
                 key (`openssl rand -hex 64`)",
                flow_cookie::KEY_VARIABLE
            ));
        }
        let url = DatabaseUrl::from_env_value(database)?;
        let store = TokenStore::open(&url)
            .await
            .map_err(|e| format!("the tokens database ({url}): {e}"))?;
        // Not fatal: the app answers 503 until the database is back.
        if let Err(e) = store.ping().await {
            warnings.push(format!(
                "the tokens database ({url}) is unreachable for now: {e}"
            ));
        }
        Ok((Shared { key, store }, warnings))
    }
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
    shared: Shared,
    names: CookieNames,
    /// Long redirects back are read off the async workers (see [`crate::offload`]).
    offload: Offload,
    /// Sends the token requests.
    client: HttpClient,
}

/// The application's routes, hardened, for one instance: a random cookie key and
/// an in-memory database of its own (tests and a quick look; see [`router_with`]).
///
/// # Panics
///
/// Never: the in-memory database opens without I/O.
pub fn router(config: WebConfig) -> Router {
    let store = TokenStore::in_memory().unwrap_or_else(|e| unreachable!("in-memory SQLite: {e}"));
    router_with(
        config,
        Shared {
            key: Key::generate(),
            store,
        },
    )
}

/// The application's routes, hardened, with what the instances share.
pub fn router_with(config: WebConfig, shared: Shared) -> Router {
    let names = CookieNames::new(config.redirect_uri.as_str().starts_with("https:"));
    let app = App {
        config: Arc::new(config),
        shared,
        names,
        offload: Offload::default(),
        client: HttpClient::default(),
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

/// 302 to a fresh Connect link; the flow goes into an encrypted cookie.
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
    let flow = PendingFlow::begin(&link, SystemTime::now()).and_then(|flow| {
        serde_json::to_string(&flow).map_err(|e| unreachable!("a flow serializes: {e}"))
    });
    let (Ok(flow), Ok(location)) = (flow, HeaderValue::from_str(link.as_str())) else {
        return error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the link is not a valid header value",
        );
    };
    // Lax, not Strict: the owner comes back from Connect's site by a top-level
    // navigation, which Strict would strip the cookie from.
    let names = app.names;
    let cookie = flow_cookie::cookie(&names, names.flow, flow, FLOW_LIFETIME, SameSite::Lax);
    let jar = PrivateCookieJar::new(app.shared.key.clone()).add(cookie);
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(header::LOCATION, location);
    (jar, response).into_response()
}

/// Sends a token request built by connect-core and reads the answer with it;
/// why it gave no tokens, as a sentence.
async fn send(app: &App, request: TokenRequest<'_>) -> Result<Tokens, String> {
    let request = request
        .with_origin(&app.config.auth_origin)
        .to_http()
        .map_err(|e| e.to_string())?;
    let response = app.client.send(request).await?;
    Tokens::read(&response, SystemTime::now()).map_err(|e: TokenError| e.to_string())
}

/// The page for a database that cannot be reached: nothing was changed.
fn unavailable(error: &StoreError) -> Response {
    error_page(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(
            "The database is unreachable ({error}). Nothing was changed: try again in a moment."
        ),
    )
}

/// `POST /refresh`: new tokens for this session's refresh token, which rotates.
async fn refresh(AppState(app): AppState<App>, headers: HeaderMap) -> Response {
    let Ok(owner_id) = flow_cookie::read(&headers, &app.shared.key, app.names.session) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This browser has no tokens here: connect your vehicle first.",
        );
    };
    let owner = match app.shared.store.owner(&owner_id).await {
        Ok(Some(owner)) => owner,
        Ok(None) => {
            return error_page(
                StatusCode::BAD_REQUEST,
                "This browser has no tokens here: connect your vehicle first.",
            )
        }
        Err(e) => return unavailable(&e),
    };
    let Some(stored) = owner.tokens else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This connection has no refresh token (a v3 connection: the app asks for its own token).",
        );
    };
    let credentials = Credentials::new(owner.client_id.clone(), app.config.client_secret.clone());
    let sent = stored.refresh_token().clone();
    let store = &app.shared.store;
    let refreshed = match send(&app, TokenRequest::refresh(&sent, &credentials)).await {
        // Stored only if the stored refresh token is still the one sent.
        Ok(tokens) => match store.replace_tokens(&owner_id, &sent, &tokens).await {
            Ok(true) => Ok(tokens),
            // Another instance or click rotated it meanwhile: its tokens are kept.
            Ok(false) => match store.owner(&owner_id).await {
                Ok(Some(Owner {
                    tokens: Some(theirs),
                    ..
                })) => Ok(theirs),
                Ok(_) => Err("the connection was removed meanwhile".to_owned()),
                Err(e) => return unavailable(&e),
            },
            Err(e) => return unavailable(&e),
        },
        // Refused: if another instance or click rotated the token (after the grace,
        // or at an endpoint without one), its tokens are, or are about to be, stored.
        Err(failure) => match rotated_elsewhere(store, &owner_id, &sent).await {
            Ok(Some(theirs)) => Ok(theirs),
            Ok(None) => Err(failure),
            Err(e) => return unavailable(&e),
        },
    };
    match refreshed {
        Ok(tokens) => page(
            StatusCode::OK,
            "Tokens refreshed",
            &format!(
                "<p id=\"refreshed\">New tokens; the old refresh token no longer works.</p>{}<p><a href=\"/\">Home</a></p>",
                tokens_section(&tokens)
            ),
        ),
        Err(failure) => error_page(
            StatusCode::BAD_GATEWAY,
            &format!(
                "Refreshing the tokens failed: {failure}. The stored tokens are kept; connect your vehicle again if this persists."
            ),
        ),
    }
}

/// How long a refused refresh waits for the tokens of a refresh that won the
/// race: the winner stores them right after its answer.
pub const REFRESH_RACE_WAIT: Duration = Duration::from_secs(2);

/// The tokens stored for `owner_id` once their refresh token is no longer `sent`,
/// looked for during [`REFRESH_RACE_WAIT`]; `None` if it stays `sent`.
async fn rotated_elsewhere(
    store: &TokenStore,
    owner_id: &str,
    sent: &connect_core::token::RefreshToken,
) -> Result<Option<Tokens>, StoreError> {
    let deadline = tokio::time::Instant::now() + REFRESH_RACE_WAIT;
    loop {
        match store.owner(owner_id).await? {
            Some(Owner {
                tokens: Some(theirs),
                ..
            }) if theirs.refresh_token() != sent => return Ok(Some(theirs)),
            None | Some(Owner { tokens: None, .. }) => return Ok(None),
            Some(_) if tokio::time::Instant::now() >= deadline => return Ok(None),
            Some(_) => tokio::time::sleep(Duration::from_millis(50)).await,
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

/// What a verified redirect back carried besides its outcome.
struct Echoed {
    external_id: Option<String>,
    user_id: Option<UserId>,
}

/// Checks the redirect back against this browser's flow cookie (state in
/// constant time, age), exchanges a code for tokens, stores them, and shows the
/// outcome. A refused callback changes nothing.
async fn callback(
    AppState(app): AppState<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let names = app.names;
    let flow = match flow_cookie::read_flow(&headers, &app.shared.key, &names) {
        Ok(flow) => flow,
        Err(error) => return cookie_refusal(&error),
    };
    let query = query.unwrap_or_default();
    let verified = {
        let flow = flow.clone();
        app.offload
            .run(query.len(), move || verify(&query, &flow))
            .await
    };
    let (outcome, echoed) = match verified {
        Ok(Ok(verified)) => verified,
        // Not this browser's flow, not from Connect, or expired: refused, and the
        // flow cookie is left as it is (an expired one the browser drops itself,
        // its Max-Age being the flow's lifetime).
        Ok(Err(error)) => return refusal_page(&error),
        Err(OffloadFailed) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "reading the redirect back failed unexpectedly",
            )
        }
    };
    // The outcome is this browser's: what it needs stored is stored first; the
    // flow ends (its cookie goes) once nothing is left to retry.
    let store = &app.shared.store;
    let stored = match &outcome {
        Outcome::Code(code) => {
            // The code is spent by the exchange: with the database down, keep it
            // for a reload once it is back.
            if let Err(e) = store.ping().await {
                return unavailable(&e);
            }
            let credentials =
                Credentials::new(flow.client_id().clone(), app.config.client_secret.clone());
            match send(&app, TokenRequest::from_flow(&flow, code, &credentials)).await {
                Ok(tokens) => Some(Ok((echoed.user_id.clone(), Some(tokens)))),
                Err(failure) => Some(Err(failure)),
            }
        }
        Outcome::Connected(user_id) => Some(Ok((Some(user_id.clone()), None))),
        _ => None,
    };
    let mut session = None;
    let exchanged = match stored {
        Some(Ok((user_id, tokens))) => {
            let Ok(owner_id) = State::generate() else {
                return error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "no randomness for the session",
                );
            };
            let owner = Owner {
                id: owner_id.to_string(),
                client_id: flow.client_id().clone(),
                user_id,
                tokens,
            };
            if let Err(e) = store.insert(&owner).await {
                // A spent code cannot be retried: that flow is over. A v3 outcome
                // spent nothing: the same callback works once the database is back.
                return match owner.tokens {
                    Some(_) => forget_flow(&app, unavailable(&e)),
                    None => unavailable(&e),
                };
            }
            session = Some(owner.id);
            Some(Ok(owner.tokens))
        }
        Some(Err(failure)) => Some(Err(failure)),
        None => None,
    };
    let response = outcome_page(outcome, &echoed, exchanged);
    let response = forget_flow(&app, response);
    match session {
        // Strict: sent only with requests from the app's own pages.
        Some(id) => {
            let cookie = flow_cookie::cookie(
                &names,
                names.session,
                id,
                SESSION_LIFETIME,
                SameSite::Strict,
            );
            (
                PrivateCookieJar::new(app.shared.key.clone()).add(cookie),
                response,
            )
                .into_response()
        }
        None => response,
    }
}

/// `response`, clearing the flow cookie: the flow has ended.
fn forget_flow(app: &App, mut response: Response) -> Response {
    let names = app.names;
    let mut removal = flow_cookie::cookie(
        &names,
        names.flow,
        String::new(),
        Duration::ZERO,
        SameSite::Lax,
    );
    removal.make_removal();
    if let Ok(value) = HeaderValue::from_str(&removal.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The redirect back, read and checked against this browser's flow: the one
/// place the app calls connect-core's callback API. With the outcome, what
/// Connect echoed.
fn verify(query: &str, flow: &PendingFlow) -> Result<(Outcome, Echoed), CallbackError> {
    let callback = Callback::from_query(query)?;
    let echoed = Echoed {
        external_id: callback.external_id().map(str::to_owned),
        user_id: callback.user_id().cloned(),
    };
    Ok((
        flow.verify(callback, SystemTime::now(), FLOW_LIFETIME)?,
        echoed,
    ))
}

fn cookie_refusal(error: &FlowCookieError) -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        &format!("Refused: {error}. Start again from the home page."),
    )
}

fn refusal_page(error: &CallbackError) -> Response {
    match error {
        CallbackError::StateMismatch
        | CallbackError::MissingState
        | CallbackError::FlowExpired { .. } => {
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
    echoed: &Echoed,
    exchanged: Option<Result<Option<Tokens>, String>>,
) -> Response {
    const HOME: &str = "<p><a href=\"/\">Home</a></p>";
    // With a code, a v3 user id may come along: kept with the tokens.
    let user = echoed
        .user_id
        .as_ref()
        .map(|user| {
            format!(
                "<p>Smartcar's user id for the v3 API: <code id=\"user_id\">{}</code>.</p>",
                escape(user.as_str())
            )
        })
        .unwrap_or_default();
    let (title, body, footer) = match outcome {
        // A code is single use: once exchanged it is worth nothing, so showing it
        // gives nothing away (the tokens are never shown).
        Outcome::Code(code) => match exchanged {
            Some(Ok(Some(tokens))) => (
                "Vehicle connected",
                format!(
                    "<p>Connect returned an authorization code, exchanged for tokens:</p>\
                     <p><code id=\"code\">{}</code></p>{}{user}",
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
        Outcome::Connected(user) => (
            "Vehicle connected",
            format!(
                "<p>Connected through Smartcar's v3 flow: the owner's user id is \
                 <code id=\"user_id\">{}</code>, kept on this server for the v3 API's \
                 <code>sc-user-id</code>.</p>",
                escape(user.as_str())
            ),
            HOME,
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
    let owner = echoed
        .external_id
        .as_deref()
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
