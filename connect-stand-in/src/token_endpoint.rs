//! The token endpoints, as Smartcar's behave (FACTS.md, "The token exchange" and
//! "Late 2026"):
//!
//! `POST /oauth/token` (code exchange and refresh):
//! - the client authenticates first, with `Authorization: Basic
//!   base64(id:secret)` of an application the stand-in serves: without it, or with a
//!   wrong secret, `401 invalid_client`, whatever else the request holds;
//! - then the request must be form data (`Content-Type`, UTF-8 body), each field
//!   once: otherwise `400 invalid_request`;
//! - a code is single use and valid [`CODE_LIFETIME`], for the application whose
//!   link it came from: an unknown, used, expired or another application's code is
//!   `400 invalid_request` `Invalid code: X.`;
//! - the `redirect_uri` must equal the one of the link (absent when the link had
//!   none): otherwise `400 invalid_grant` `Unauthorized redirect_uri: X`;
//! - a refresh rotates the refresh token: the old one keeps working
//!   [`REFRESH_GRACE`] after its first use, then is refused, as one 60 days old or
//!   of another application: `400 invalid_request` `Invalid refresh_token: X.`.
//!
//! A refusal consumes nothing: the code or refresh token stays as it was for its
//! own application.
//!
//! `POST /oauth2/token` (the v3 application token): the form's `grant_type=
//! client_credentials`, `client_id` and `client_secret` (Basic also accepted) of a
//! v3 credential; `401 invalid_client` without them or with a wrong one, `400
//! invalid_request` for anything else wrong; `{access_token, token_type, expires_in:
//! 3600}`.
//!
//! Answers are Smartcar's JSON, `{"error", "error_description"}` for errors.
//!
//! [`CODE_LIFETIME`]: crate::CODE_LIFETIME
//! [`REFRESH_GRACE`]: crate::REFRESH_GRACE

use std::collections::HashMap;

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use connect_core::RedirectUri;

use crate::grants::{ACCESS_TOKEN_LIFETIME, APPLICATION_TOKEN_LIFETIME, REFRESH_GRACE};
use crate::handle::Shared;
use crate::received::TokenCall;

/// At most this many characters of a value the request sent are echoed in an
/// error description.
const MAX_ECHO: usize = 100;

/// A token endpoint's answer: a status and a JSON body.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: String,
    /// The OAuth `error`, for the log.
    error: Option<&'static str>,
}

impl Answer {
    fn json(status: StatusCode, body: &serde_json::Value) -> Self {
        Answer {
            status,
            body: body.to_string(),
            error: None,
        }
    }

    fn error(status: StatusCode, error: &'static str, description: &str) -> Self {
        Answer {
            status,
            body: serde_json::json!({ "error": error, "error_description": description })
                .to_string(),
            error: Some(error),
        }
    }

    /// As an `http` response of bytes, for [`StandIn::send`](crate::StandIn::send).
    pub(crate) fn into_http(self) -> axum::http::Response<Vec<u8>> {
        let mut response = axum::http::Response::new(self.body.into_bytes());
        *response.status_mut() = self.status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        );
        response
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            self.body,
        )
            .into_response()
    }
}

fn invalid_request(description: &str) -> Answer {
    Answer::error(StatusCode::BAD_REQUEST, "invalid_request", description)
}

fn invalid_client() -> Answer {
    Answer::error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "Invalid client credentials.",
    )
}

fn server_error() -> Answer {
    Answer::error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        "The stand-in has no randomness for the tokens.",
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

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// The form's fields, each once.
fn form_fields(body: &[u8]) -> Result<HashMap<String, String>, Answer> {
    if std::str::from_utf8(body).is_err() {
        return Err(invalid_request(
            "The request body is not UTF-8 form data (application/x-www-form-urlencoded).",
        ));
    }
    let mut fields = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(body) {
        if fields
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return Err(invalid_request(&format!(
                "Duplicate parameter: {}.",
                echo(&name)
            )));
        }
    }
    Ok(fields)
}

/// The request's form, once it is known to be form data.
fn checked_form(headers: &HeaderMap, body: &[u8]) -> Result<HashMap<String, String>, Answer> {
    if !is_form(headers) {
        return Err(invalid_request(
            "Content-Type must be application/x-www-form-urlencoded.",
        ));
    }
    form_fields(body)
}

/// `POST /oauth/token`, logged.
pub(crate) fn token(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    let credentials = basic_credentials(headers);
    let grant_type = grant_type_of(body);
    let answer = exchange(shared, credentials.as_ref(), headers, body);
    log(shared, "/oauth/token", grant_type, credentials, answer)
}

/// `answer`, written in the stand-in's log first.
fn log(
    shared: &Shared,
    path: &str,
    grant_type: Option<String>,
    credentials: Option<(String, String)>,
    answer: Answer,
) -> Answer {
    shared.received.token_call(TokenCall {
        path: path.to_owned(),
        grant_type,
        client_id: credentials.map(|(id, _)| id),
        status: answer.status.as_u16(),
        error: answer.error.map(str::to_owned),
    });
    answer
}

/// The `grant_type` of a body, for the log.
fn grant_type_of(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(name, _)| name == "grant_type")
        .map(|(_, value)| echo(&value))
}

fn exchange(
    shared: &Shared,
    credentials: Option<&(String, String)>,
    headers: &HeaderMap,
    body: &[u8],
) -> Answer {
    // Who asks comes first: without credentials nothing else is said.
    let Some((client_id, client_secret)) = credentials else {
        return invalid_client();
    };
    let config = &shared.config;
    if !config.knows_app(client_id) || !config.secret_of(client_id).matches(client_secret) {
        return invalid_client();
    }
    let fields = match checked_form(headers, body) {
        Ok(fields) => fields,
        Err(answer) => return answer,
    };
    let field = |name: &str| fields.get(name).map(String::as_str);
    match field("grant_type") {
        Some("authorization_code") => {
            let code = field("code").unwrap_or_default();
            let now = shared.clock.now();
            let mut issued = shared.grants.lock();
            // The code's own application, unexpired: anything else is refused
            // without touching it.
            let Some(grant) = issued
                .codes
                .get(code)
                .filter(|g| now < g.expires && g.client_id.as_str() == client_id.as_str())
            else {
                return invalid_request(&format!("Invalid code: {}.", echo(code)));
            };
            let sent = field("redirect_uri");
            if sent != grant.redirect_uri.as_ref().map(RedirectUri::as_str) {
                return Answer::error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    &format!(
                        "Unauthorized redirect_uri: {}",
                        echo(sent.unwrap_or_default())
                    ),
                );
            }
            issued.codes.take(code);
            drop(issued);
            tokens(shared, client_id)
        }
        Some("refresh_token") => {
            let token = field("refresh_token").unwrap_or_default();
            let now = shared.clock.now();
            let mut issued = shared.grants.lock();
            let usable = match issued.refresh_tokens.get_mut(token) {
                Some(grant) if grant.client_id == *client_id && now < grant.expires => {
                    match grant.used {
                        None => {
                            grant.used = Some(now);
                            true
                        }
                        // Within the grace: another instance refreshing at once.
                        Some(used) => now < used + REFRESH_GRACE,
                    }
                }
                _ => false,
            };
            drop(issued);
            if usable {
                tokens(shared, client_id)
            } else {
                invalid_request(&format!("Invalid refresh_token: {}.", echo(token)))
            }
        }
        Some(other) => invalid_request(&format!("Invalid grant_type: {}.", echo(other))),
        None => invalid_request("Missing grant_type."),
    }
}

/// Fresh tokens for `client_id`.
fn tokens(shared: &Shared, client_id: &str) -> Answer {
    match shared.grants.issue_tokens(client_id, shared.clock.now()) {
        Ok((access, refresh)) => Answer::json(
            StatusCode::OK,
            &serde_json::json!({
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": ACCESS_TOKEN_LIFETIME.as_secs(),
                "refresh_token": refresh,
            }),
        ),
        Err(_) => server_error(),
    }
}

/// `POST /oauth2/token`, logged.
pub(crate) fn application_token(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    let fields = form_fields(body).ok();
    let basic = basic_credentials(headers);
    let from_form = fields.as_ref().and_then(|f| {
        Some((
            f.get("client_id")?.clone(),
            f.get("client_secret").cloned().unwrap_or_default(),
        ))
    });
    let credentials = from_form.or(basic);
    let answer = client_credentials(shared, credentials.as_ref(), headers, body);
    log(
        shared,
        "/oauth2/token",
        grant_type_of(body),
        credentials,
        answer,
    )
}

fn client_credentials(
    shared: &Shared,
    credentials: Option<&(String, String)>,
    headers: &HeaderMap,
    body: &[u8],
) -> Answer {
    let Some((client_id, client_secret)) = credentials else {
        return invalid_client();
    };
    match shared.config.v3_credentials.get(client_id.as_str()) {
        Some(secret) if secret.matches(client_secret) => {}
        _ => return invalid_client(),
    }
    let fields = match checked_form(headers, body) {
        Ok(fields) => fields,
        Err(answer) => return answer,
    };
    match fields.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(other) => return invalid_request(&format!("Invalid grant_type: {}.", echo(other))),
        None => return invalid_request("Missing grant_type."),
    }
    match shared.grants.issue_application_token(shared.clock.now()) {
        Ok(token) => Answer::json(
            StatusCode::OK,
            &serde_json::json!({
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": APPLICATION_TOKEN_LIFETIME.as_secs(),
            }),
        ),
        Err(_) => server_error(),
    }
}
