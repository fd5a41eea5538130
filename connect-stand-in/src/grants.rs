//! What the stand-in has issued and expects back: codes, refresh tokens, access
//! and application tokens, and the owners' v3 user ids; each with its expiry on
//! the stand-in's [clock](crate::clock). Bounded in number ([`MAX_GRANTS`] of
//! each kind, the oldest forgotten first), so that a client asking in a loop
//! cannot grow the stand-in's memory.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use connect_core::{ClientId, RedirectUri, State};

use crate::serving::bounded::BoundedMap;

/// How long a code may be exchanged: 10 minutes, as Smartcar's.
///
/// ```
/// assert_eq!(connect_stand_in::CODE_LIFETIME.as_secs(), 600);
/// ```
pub const CODE_LIFETIME: Duration = Duration::from_secs(600);

/// The `expires_in` of access tokens: 2 hours, as Smartcar's.
///
/// ```
/// assert_eq!(connect_stand_in::ACCESS_TOKEN_LIFETIME.as_secs(), 7200);
/// ```
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(2 * 3600);

/// The `expires_in` of v3 application tokens (client credentials): 1 hour.
///
/// ```
/// assert_eq!(connect_stand_in::APPLICATION_TOKEN_LIFETIME.as_secs(), 3600);
/// ```
pub const APPLICATION_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// How long a refresh token may be used: 60 days (no response field says so).
///
/// ```
/// assert_eq!(connect_stand_in::REFRESH_TOKEN_LIFETIME.as_secs(), 60 * 24 * 3600);
/// ```
pub const REFRESH_TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 24 * 3600);

/// After a refresh, the old refresh token keeps working this long (Smartcar's
/// refresh page): two instances refreshing at once both get tokens.
///
/// ```
/// assert_eq!(connect_stand_in::REFRESH_GRACE.as_secs(), 60);
/// ```
pub const REFRESH_GRACE: Duration = Duration::from_secs(60);

/// At most this many grants of each kind are remembered.
///
/// ```
/// assert!(connect_stand_in::MAX_GRANTS >= 1000);
/// ```
pub const MAX_GRANTS: usize = 10_000;

/// What a code was issued for.
#[derive(Debug, Clone)]
pub(crate) struct CodeGrant {
    pub(crate) client_id: ClientId,
    /// The link's own `redirect_uri`, `None` when it had none.
    pub(crate) redirect_uri: Option<RedirectUri>,
    pub(crate) expires: Instant,
}

/// A refresh token: its application, its expiry, and when it was used (the
/// start of its grace).
#[derive(Debug, Clone)]
pub(crate) struct RefreshGrant {
    pub(crate) client_id: String,
    pub(crate) expires: Instant,
    pub(crate) used: Option<Instant>,
}

/// Everything issued.
#[derive(Debug)]
pub(crate) struct Issued {
    pub(crate) codes: BoundedMap<CodeGrant>,
    pub(crate) refresh_tokens: BoundedMap<RefreshGrant>,
    /// Access token → expiry.
    pub(crate) access_tokens: BoundedMap<Instant>,
    /// Application token → expiry.
    pub(crate) application_tokens: BoundedMap<Instant>,
    /// Owner → v3 user id: the same owner gets the same id.
    user_ids: HashMap<String, String>,
}

/// The issued grants, behind one lock (every operation is short).
#[derive(Debug)]
pub(crate) struct Grants {
    inner: Mutex<Issued>,
}

impl Default for Grants {
    fn default() -> Self {
        Grants {
            inner: Mutex::new(Issued {
                codes: BoundedMap::new(MAX_GRANTS),
                refresh_tokens: BoundedMap::new(MAX_GRANTS),
                access_tokens: BoundedMap::new(MAX_GRANTS),
                application_tokens: BoundedMap::new(MAX_GRANTS),
                user_ids: HashMap::new(),
            }),
        }
    }
}

/// A fresh random token (at least 128 bits, URL-safe).
pub(crate) fn fresh() -> Result<String, std::io::Error> {
    Ok(State::generate()?.to_string())
}

impl Grants {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Issued> {
        // No code holding the lock panics; a poisoned lock still holds usable maps.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A fresh code for a link of `client_id` with `redirect_uri`.
    pub(crate) fn issue_code(
        &self,
        client_id: &ClientId,
        redirect_uri: Option<&RedirectUri>,
        now: Instant,
    ) -> Result<String, std::io::Error> {
        let code = fresh()?;
        self.lock().codes.insert(
            code.clone(),
            CodeGrant {
                client_id: client_id.clone(),
                redirect_uri: redirect_uri.cloned(),
                expires: now + CODE_LIFETIME,
            },
        );
        Ok(code)
    }

    /// The v3 user id of `owner`, the same each time (at most [`MAX_GRANTS`]
    /// owners are remembered).
    pub(crate) fn user_id(&self, owner: &str) -> Result<String, std::io::Error> {
        let mut issued = self.lock();
        if let Some(id) = issued.user_ids.get(owner) {
            return Ok(id.clone());
        }
        let id = uuid()?;
        if issued.user_ids.len() >= MAX_GRANTS {
            issued.user_ids.clear();
        }
        issued.user_ids.insert(owner.to_owned(), id.clone());
        Ok(id)
    }

    /// Fresh access and refresh tokens for `client_id`, remembered.
    pub(crate) fn issue_tokens(
        &self,
        client_id: &str,
        now: Instant,
    ) -> Result<(String, String), std::io::Error> {
        let (access, refresh) = (fresh()?, fresh()?);
        let mut issued = self.lock();
        issued
            .access_tokens
            .insert(access.clone(), now + ACCESS_TOKEN_LIFETIME);
        issued.refresh_tokens.insert(
            refresh.clone(),
            RefreshGrant {
                client_id: client_id.to_owned(),
                expires: now + REFRESH_TOKEN_LIFETIME,
                used: None,
            },
        );
        Ok((access, refresh))
    }

    /// A fresh application token, remembered.
    pub(crate) fn issue_application_token(&self, now: Instant) -> Result<String, std::io::Error> {
        let token = fresh()?;
        self.lock()
            .application_tokens
            .insert(token.clone(), now + APPLICATION_TOKEN_LIFETIME);
        Ok(token)
    }
}

/// A random UUID (version 4), as Smartcar's ids are written.
fn uuid() -> Result<String, std::io::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().fold(String::with_capacity(32), |mut hex, b| {
        use std::fmt::Write as _;
        // Writing to a `String` cannot fail.
        let _ = write!(hex, "{b:02x}");
        hex
    });
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}
