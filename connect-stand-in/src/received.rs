//! What the stand-in received, for the test to read: the links opened (pages and
//! owner actions) and the token requests with how they were answered.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

/// At most this many of each are kept (the oldest dropped first).
const MAX_KEPT: usize = 10_000;

/// A request to a token endpoint and its answer, as the stand-in saw it. Secrets,
/// codes and tokens are not kept.
///
/// ```
/// use connect_stand_in::{StandIn, DEMO_CLIENT_SECRET};
/// use connect_core::token::{Credentials, RefreshToken, TokenRequest};
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let credentials = Credentials::new("app-id".parse()?, DEMO_CLIENT_SECRET.parse()?);
/// let unknown = RefreshToken::new("n0t-1ssu3d")?;
/// let request = TokenRequest::refresh(&unknown, &credentials).with_origin(stand_in.origin());
/// stand_in.send(request.to_http()?);
/// let call = &stand_in.token_requests()[0];
/// assert_eq!(call.path, "/oauth/token");
/// assert_eq!(call.grant_type.as_deref(), Some("refresh_token"));
/// assert_eq!(call.client_id.as_deref(), Some("app-id"));
/// assert_eq!(call.status, 400);
/// assert_eq!(call.error.as_deref(), Some("invalid_request"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenCall {
    /// `/oauth/token` or `/oauth2/token`.
    pub path: String,
    /// The form's `grant_type`, when it had one.
    pub grant_type: Option<String>,
    /// The client id the request authenticated with (Basic, or the form's for
    /// client credentials), when it sent one.
    pub client_id: Option<String>,
    /// The answer's HTTP status.
    pub status: u16,
    /// The answer's OAuth `error`, when it was one.
    pub error: Option<String>,
}

/// The log.
#[derive(Debug, Default)]
pub(crate) struct Received {
    links: Mutex<VecDeque<String>>,
    token_calls: Mutex<VecDeque<TokenCall>>,
}

fn push<T>(log: &Mutex<VecDeque<T>>, item: T) {
    let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
    if log.len() >= MAX_KEPT {
        log.pop_front();
    }
    log.push_back(item);
}

impl Received {
    pub(crate) fn link_opened(&self, link: &str) {
        push(&self.links, link.to_owned());
    }

    pub(crate) fn token_call(&self, call: TokenCall) {
        push(&self.token_calls, call);
    }

    pub(crate) fn links(&self) -> Vec<String> {
        self.links
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    pub(crate) fn token_calls(&self) -> Vec<TokenCall> {
        self.token_calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }
}
