//! The stand-in's `POST /oauth/token`, as Smartcar's token endpoint behaves
//! (FACTS.md, "The token exchange"):
//!
//! - the client authenticates with `Authorization: Basic base64(id:secret)`; a
//!   wrong or missing secret is `401 invalid_client`;
//! - a code is single use and valid [`CODE_LIFETIME`]; an unknown, used or expired
//!   one is `400 invalid_request` `Invalid code: …` (the code is used up by its
//!   first exchange, even one refused for its redirect URI);
//! - the `redirect_uri` must equal the one of the link the code came from (absent
//!   when the link had none): otherwise `400 invalid_grant` `Unauthorized
//!   redirect_uri: …`;
//! - a refresh rotates the refresh token: the old one is refused at once (Smartcar
//!   keeps it a minute; refusing at once makes an app that keeps the old one fail
//!   in its tests, not a minute later in production), with `400 invalid_request`
//!   `Invalid refresh_token: …`.
//!
//! Answers are Smartcar's JSON: `{"access_token", "token_type": "Bearer",
//! "expires_in": 7200, "refresh_token"}`, or `{"error", "error_description"}`.
//! Codes and refresh tokens are bounded in number ([`MAX_GRANTS`] each, the
//! oldest forgotten first), like the web example's pending states.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use connect_core::token::ClientSecret;
use connect_core::{ClientId, RedirectUri, State};

use crate::bounded::BoundedMap;

/// How long a code may be exchanged: 10 minutes, as Smartcar's.
pub const CODE_LIFETIME: Duration = Duration::from_secs(600);

/// `expires_in` of the access tokens issued: 2 hours, as Smartcar's.
pub const ACCESS_TOKEN_LIFETIME_SECS: u64 = 7200;

/// At most this many codes, and this many refresh tokens, are remembered.
pub const MAX_GRANTS: usize = 10_000;

/// The client secret the stand-in checks unless started with `--client-secret`:
/// for the demo only (the web example's default too).
pub const DEMO_CLIENT_SECRET: &str = "stand-in-demo-secret";

/// At most this many characters of a value the request sent are echoed in an
/// error description.
const MAX_ECHO: usize = 100;

/// What a code was issued for.
#[derive(Debug, Clone)]
struct CodeGrant {
    client_id: ClientId,
    /// The link's own `redirect_uri`, `None` when it had none.
    redirect_uri: Option<RedirectUri>,
    expires: Instant,
}

/// The codes and refresh tokens the stand-in has issued and not yet seen used.
#[derive(Debug)]
pub struct Grants {
    inner: Mutex<Inner>,
}

impl Default for Grants {
    fn default() -> Self {
        Grants {
            inner: Mutex::new(Inner {
                codes: BoundedMap::new(MAX_GRANTS),
                refresh_tokens: BoundedMap::new(MAX_GRANTS),
            }),
        }
    }
}

#[derive(Debug)]
struct Inner {
    codes: BoundedMap<CodeGrant>,
    /// Refresh token → the app id it was issued to.
    refresh_tokens: BoundedMap<ClientId>,
}

impl Grants {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // No code holding the lock panics; a poisoned lock still holds usable maps.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A fresh code for a link of `client_id` with `redirect_uri` (the link's
    /// own, `None` when it had none).
    ///
    /// # Errors
    ///
    /// When the system has no randomness.
    pub fn issue_code(
        &self,
        client_id: &ClientId,
        redirect_uri: Option<&RedirectUri>,
    ) -> Result<String, std::io::Error> {
        let code = State::generate()?.to_string();
        self.lock().codes.insert(
            code.clone(),
            CodeGrant {
                client_id: client_id.clone(),
                redirect_uri: redirect_uri.cloned(),
                expires: Instant::now() + CODE_LIFETIME,
            },
        );
        Ok(code)
    }
}

/// An OAuth error answer: status, `error`, `error_description`.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = serde_json::json!({ "error": error, "error_description": description });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn invalid_request(description: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", description)
}

fn invalid_client() -> Response {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "Invalid client credentials",
    )
}

/// A value of the request, cut for an error description.
fn echo(value: &str) -> String {
    value.chars().take(MAX_ECHO).collect()
}

/// `Authorization: Basic base64(id:secret)` → id and secret.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    use base64::Engine as _;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Fresh tokens for `client_id`: the answer, its refresh token remembered.
fn issue_tokens(grants: &Grants, client_id: ClientId) -> Response {
    let (Ok(access), Ok(refresh)) = (State::generate(), State::generate()) else {
        return oauth_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "no randomness for the tokens",
        );
    };
    grants
        .lock()
        .refresh_tokens
        .insert(refresh.to_string(), client_id);
    let body = serde_json::json!({
        "access_token": access.as_str(),
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_LIFETIME_SECS,
        "refresh_token": refresh.as_str(),
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// `POST /oauth/token`: the client authenticated, then the grant checked and used.
pub fn exchange(
    grants: &Grants,
    secret: &ClientSecret,
    headers: &HeaderMap,
    body: &str,
) -> Response {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form_type {
        return invalid_request("Content-Type must be application/x-www-form-urlencoded");
    }
    let Some((client_id, client_secret)) = basic_credentials(headers) else {
        return invalid_client();
    };
    if !secret.matches(&client_secret) {
        return invalid_client();
    }
    let Ok(client_id) = client_id.parse::<ClientId>() else {
        return invalid_client();
    };
    let mut fields: HashMap<String, String> = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(body.as_bytes()) {
        if fields
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return invalid_request(&format!("Duplicate parameter: {}", echo(&name)));
        }
    }
    match fields.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = fields.get("code").map(String::as_str).unwrap_or_default();
            let grant = grants.lock().codes.take(code);
            let Some(grant) =
                grant.filter(|g| Instant::now() < g.expires && g.client_id == client_id)
            else {
                return invalid_request(&format!("Invalid code: {}", echo(code)));
            };
            let sent = fields.get("redirect_uri").map(String::as_str);
            if sent != grant.redirect_uri.as_ref().map(RedirectUri::as_str) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    &format!(
                        "Unauthorized redirect_uri: {}",
                        echo(sent.unwrap_or_default())
                    ),
                );
            }
            issue_tokens(grants, client_id)
        }
        Some("refresh_token") => {
            let token = fields
                .get("refresh_token")
                .map(String::as_str)
                .unwrap_or_default();
            let owner = grants.lock().refresh_tokens.take(token);
            match owner {
                Some(owner) if owner == client_id => issue_tokens(grants, client_id),
                _ => invalid_request(&format!("Invalid refresh_token: {}", echo(token))),
            }
        }
        Some(other) => invalid_request(&format!("Invalid grant_type: {}", echo(other))),
        None => invalid_request("Missing grant_type"),
    }
}
