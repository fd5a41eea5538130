//! The flow in progress, kept in the owner's browser: connect-core's
//! [`PendingFlow`] in an encrypted, authenticated cookie, so that any instance
//! of the app that shares the key can finish it, and no instance keeps a store
//! of pending flows.
//!
//! The cookie is axum-extra's [`PrivateCookieJar`]: AES-256-GCM from the
//! `cookie` crate (RustCrypto's `aes-gcm`), the cookie's name bound to its value
//! as associated data, so a value cannot be read, altered or moved to another
//! cookie name without the key. It is the Rust web ecosystem's convention for
//! per-flow state across instances; a *signed* jar would leave the state
//! readable in the browser, and a server-side session store (tower-sessions)
//! would need one more shared store beside the database.
//!
//! The key: [`KEY_VARIABLE`] (`CONNECT_WEB_KEY`), 64 bytes as 128 hex digits,
//! the same on every instance (`openssl rand -hex 64` makes one). Without it each
//! start draws a random key: flows begun before a restart, or on another
//! instance, cannot be finished there.
//!
//! Names: with https the cookies carry the `__Host-` prefix, which browsers
//! accept only from a secure origin, with `Path=/` and no `Domain`: a sibling
//! subdomain cannot set one (cookie tossing). A request that carries two cookies
//! of one name is refused ([`FlowCookieError::Ambiguous`]): neither may choose
//! the flow.

use std::time::Duration;

use axum::http::{header, HeaderMap};
use axum_extra::extract::cookie::{Cookie, Key, PrivateCookieJar, SameSite};
use connect_core::PendingFlow;

/// The environment variable holding the key the instances share.
pub const KEY_VARIABLE: &str = "CONNECT_WEB_KEY";

/// The key's length in bytes (the `cookie` crate's: encryption and signing halves).
pub const KEY_BYTES: usize = 64;

/// The cookie names of one app: `__Host-` prefixed when it is served over https.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookieNames {
    /// The flow in progress.
    pub flow: &'static str,
    /// The session: the owner's id (never a token).
    pub session: &'static str,
    /// Whether the cookies are `Secure` (the app is served over https).
    pub secure: bool,
}

impl CookieNames {
    /// The names for an app served over https (`secure`) or plain http.
    #[must_use]
    pub fn new(secure: bool) -> Self {
        if secure {
            CookieNames {
                flow: "__Host-connect_flow",
                session: "__Host-connect_session",
                secure,
            }
        } else {
            CookieNames {
                flow: "connect_flow",
                session: "connect_session",
                secure,
            }
        }
    }
}

/// Where the key came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// [`KEY_VARIABLE`]: shared by the instances.
    Environment,
    /// Drawn at start: this instance alone can read its cookies, until it stops.
    Random,
}

/// The key from `value` (the variable's content, if set).
///
/// # Errors
///
/// A sentence naming the variable and what is wrong: not hex, or not 64 bytes.
pub fn key_from(value: Option<&str>) -> Result<(Key, KeySource), String> {
    let Some(text) = value else {
        return Ok((Key::generate(), KeySource::Random));
    };
    let text = text.trim();
    let bytes = decode_hex(text).ok_or_else(|| {
        format!("{KEY_VARIABLE} must be {KEY_BYTES} bytes as hex digits (0-9, a-f); make one with `openssl rand -hex {KEY_BYTES}`")
    })?;
    if bytes.len() != KEY_BYTES {
        return Err(format!(
            "{KEY_VARIABLE} is {} bytes ({} hex digits); it must be {KEY_BYTES} bytes ({} hex digits): make one with `openssl rand -hex {KEY_BYTES}`",
            bytes.len(),
            text.len(),
            KEY_BYTES * 2
        ));
    }
    // `Key::from` panics under 64 bytes: checked just above.
    Ok((Key::from(&bytes), KeySource::Environment))
}

/// Hex digits to bytes; `None` for an odd count or a non-hex character.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            let digits = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(digits, 16).ok()
        })
        .collect()
}

/// Why the flow cookie gives no flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowCookieError {
    /// No cookie: another browser, cookies blocked, or the flow already finished.
    Missing,
    /// Two or more cookies of the name: refused, neither may choose the flow.
    Ambiguous,
    /// Not made by an instance with this key (tampered, or from an instance with
    /// another key), or not a flow.
    Unreadable,
}

impl std::fmt::Display for FlowCookieError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FlowCookieError::Missing => {
                "this browser has no sign-in in progress here (it finished already, or began in another browser)"
            }
            FlowCookieError::Ambiguous => {
                "this browser sent two sign-in cookies; neither is trusted"
            }
            FlowCookieError::Unreadable => {
                "this browser's sign-in cookie was not made by this app (altered, or made with another key)"
            }
        })
    }
}

/// How many cookies named `name` the request carries.
fn count(headers: &HeaderMap, name: &str) -> usize {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(n, _)| *n == name)
        .count()
}

/// The value of the one cookie `name`, decrypted and authenticated.
///
/// # Errors
///
/// [`FlowCookieError`]: none, two, or one this key did not make.
pub fn read(headers: &HeaderMap, key: &Key, name: &str) -> Result<String, FlowCookieError> {
    match count(headers, name) {
        0 => return Err(FlowCookieError::Missing),
        1 => {}
        _ => return Err(FlowCookieError::Ambiguous),
    }
    PrivateCookieJar::from_headers(headers, key.clone())
        .get(name)
        .map(|cookie| cookie.value().to_owned())
        .ok_or(FlowCookieError::Unreadable)
}

/// The flow of this browser.
///
/// # Errors
///
/// As [`read`], and [`FlowCookieError::Unreadable`] for a value that is not a flow.
pub fn read_flow(
    headers: &HeaderMap,
    key: &Key,
    names: &CookieNames,
) -> Result<PendingFlow, FlowCookieError> {
    let json = read(headers, key, names.flow)?;
    serde_json::from_str(&json).map_err(|_| FlowCookieError::Unreadable)
}

/// A cookie of this app: `HttpOnly`, `Path=/`, `Secure` over https, no
/// `Domain` (as `__Host-` requires). Add it to a [`PrivateCookieJar`], which
/// encrypts it; remove it with [`PrivateCookieJar::remove`] and the same
/// attributes (a browser keeps a `__Host-` cookie whose removal is not `Secure`).
#[must_use]
pub fn cookie(
    names: &CookieNames,
    name: &'static str,
    value: String,
    max_age: Duration,
    same_site: SameSite,
) -> Cookie<'static> {
    Cookie::build((name, value))
        .http_only(true)
        .secure(names.secure)
        .same_site(same_site)
        .path("/")
        .max_age(cookie_duration(max_age))
        .build()
}

fn cookie_duration(duration: Duration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_64_bytes_of_hex() {
        assert_eq!(key_from(None).unwrap().1, KeySource::Random);
        let good = "ab".repeat(64);
        assert_eq!(key_from(Some(&good)).unwrap().1, KeySource::Environment);
        let short = key_from(Some(&"ab".repeat(32))).unwrap_err();
        assert!(
            short.starts_with(
                "CONNECT_WEB_KEY is 32 bytes (64 hex digits); it must be 64 bytes (128 hex digits)"
            ),
            "{short}"
        );
        let not_hex = key_from(Some(&"zz".repeat(64))).unwrap_err();
        assert!(
            not_hex.starts_with("CONNECT_WEB_KEY must be 64 bytes as hex digits"),
            "{not_hex}"
        );
        assert!(key_from(Some("abc")).is_err());
        assert!(key_from(Some("é")).is_err());
    }

    #[test]
    fn one_cookie_of_a_name_or_none() {
        let key = Key::generate();
        let names = CookieNames::new(true);
        assert_eq!(names.flow, "__Host-connect_flow");
        let mut jar = ::cookie::CookieJar::new();
        jar.private_mut(&key).add(cookie(
            &names,
            names.flow,
            "v".to_owned(),
            Duration::from_secs(60),
            SameSite::Lax,
        ));
        let sealed = jar.get(names.flow).unwrap().value().to_owned();
        let headers = |cookies: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, cookies.parse().unwrap());
            headers
        };
        let one = headers(&format!("{}={sealed}", names.flow));
        assert_eq!(read(&one, &key, names.flow).as_deref(), Ok("v"));
        let two = headers(&format!("{0}={sealed}; {0}={sealed}", names.flow));
        assert_eq!(
            read(&two, &key, names.flow),
            Err(FlowCookieError::Ambiguous)
        );
        assert_eq!(
            read(&HeaderMap::new(), &key, names.flow),
            Err(FlowCookieError::Missing)
        );
        let other_key = Key::generate();
        assert_eq!(
            read(&one, &other_key, names.flow),
            Err(FlowCookieError::Unreadable)
        );
        let mut tampered = sealed.into_bytes();
        tampered[20] ^= 1;
        let tampered = headers(&format!(
            "{}={}",
            names.flow,
            String::from_utf8(tampered).unwrap()
        ));
        assert_eq!(
            read(&tampered, &key, names.flow),
            Err(FlowCookieError::Unreadable)
        );
    }
}
