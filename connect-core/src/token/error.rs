//! What can go wrong with a token request or its response: one table
//! (`messages!`), each variant with its message beside it.

use std::fmt;

use http::StatusCode;

use super::MAX_RESPONSE_LEN;
use crate::error::{messages, Escaped};

/// At most this many bytes of a body are kept to quote in an error.
pub(crate) const MAX_QUOTE: usize = 200;

/// A body's first [`MAX_QUOTE`] bytes, decoded lossily; a character cut at the
/// bound is dropped, not shown as U+FFFD.
pub(crate) fn quote(body: &[u8]) -> String {
    let mut prefix = &body[..body.len().min(MAX_QUOTE)];
    if prefix.len() < body.len() {
        // The last character starts at most 3 bytes before the end.
        for back in 1..=3.min(prefix.len()) {
            let at = prefix.len() - back;
            if prefix[at] & 0xC0 != 0x80 {
                let needed = match prefix[at] {
                    b if b >= 0xF0 => 4,
                    b if b >= 0xE0 => 3,
                    b if b >= 0xC0 => 2,
                    _ => 1,
                };
                if needed > back {
                    prefix = &prefix[..at];
                }
                break;
            }
        }
    }
    String::from_utf8_lossy(prefix).into_owned()
}

/// `text` cut to at most `max` bytes, on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `` `the body…` `` with its length when cut; escaped, so a hostile body forges no
/// log line. The text is [`quote`]'s: the body was cut when it is longer than
/// [`MAX_QUOTE`] bytes (the text's own length says nothing: a body that is not
/// UTF-8 decodes longer than it was).
struct Quoted<'a>(&'a str, usize);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}", Escaped(self.0))?;
        if self.1 > MAX_QUOTE {
            write!(f, "…` ({} bytes)", self.1)
        } else {
            f.write_str("`")
        }
    }
}

messages! {
    /// Why a token request could not be made, or its response gave no tokens.
    ///
    /// `Display` is a message in rustc's style (lower case, no final period); text
    /// from the response is quoted at most 200 bytes long and escaped, and marked
    /// with `…` and its length in bytes where it was cut: a body, or an OAuth
    /// error's `error` and `error_description` together.
    ///
    /// ```
    /// use connect_core::token::{OAuthErrorKind, TokenError, Tokens};
    /// use connect_core::token::http::StatusCode;
    /// use std::time::SystemTime;
    ///
    /// let body = br#"{"error":"invalid_grant","error_description":"Invalid code: 42"}"#;
    /// let error = Tokens::read_parts(StatusCode::BAD_REQUEST, body, SystemTime::now()).unwrap_err();
    /// match &error {
    ///     TokenError::OAuth(oauth) => assert_eq!(oauth.kind(), &OAuthErrorKind::InvalidGrant),
    ///     other => panic!("{other}"),
    /// }
    /// assert_eq!(
    ///     error.to_string(),
    ///     "the token endpoint refused the request (400 Bad Request): `invalid_grant`: Invalid code: 42"
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum TokenError where (f) {
        /// Smartcar refused: an OAuth error (`invalid_grant`, `invalid_client`, …).
        OAuth(error: OAuthError) => message ("the token endpoint refused the request ({}): {error}", error.status());
        /// The body is not JSON.
        #[non_exhaustive]
        NotJson {
            /// The response's status.
            status: StatusCode,
            /// The body's first 200 bytes, decoded lossily.
            body: String,
            /// The body's length in bytes.
            length: usize,
            /// What the JSON reader said.
            reason: String,
        } => message ("the token endpoint answered {status} with a body that is not JSON ({reason}): {}", Quoted(body, *length));
        /// JSON, but neither tokens nor an OAuth error: `field` is missing or not
        /// of its type (or, for `expires_in`, out of range).
        #[non_exhaustive]
        UnexpectedJson {
            /// The response's status.
            status: StatusCode,
            /// The first field missing or wrong.
            field: &'static str,
            /// The body's first 200 bytes, decoded lossily.
            body: String,
            /// The body's length in bytes.
            length: usize,
        } => message ("the token endpoint answered {status} with JSON that has no valid `{field}`: {}", Quoted(body, *length));
        /// The body is over [`MAX_RESPONSE_LEN`] bytes, far more than tokens take:
        /// refused unread.
        #[non_exhaustive]
        TooLarge {
            /// The response's status.
            status: StatusCode,
            /// The body's length in bytes.
            length: usize,
        } => message ("the token endpoint answered {status} with {length} bytes, over the {MAX_RESPONSE_LEN} bytes a token response can be");
        /// The link of a code exchange was made for another app id than the
        /// credentials': Smartcar would refuse the code.
        #[non_exhaustive]
        ClientIdMismatch {
            /// The link's `client_id`.
            link: String,
            /// The credentials' client id.
            credentials: String,
        } => message ("the link was made for the app id `{}`, but the credentials are of `{}`: exchange the code with the credentials of the link's application", Escaped(link), Escaped(credentials));
        /// An empty secret or token.
        #[non_exhaustive]
        EmptySecret {
            /// `client secret`, `access token` or `refresh token`.
            what: &'static str,
        } => message ("the {what} is empty");
        /// A secret or token with a control character in it.
        #[non_exhaustive]
        ControlInSecret {
            /// `client secret`, `access token` or `refresh token`.
            what: &'static str,
        } => message ("the {what} contains a control character (a newline pasted with it?)");
        /// The `http` crate refused a part of the request (not expected: every
        /// part is checked before).
        #[non_exhaustive]
        RequestNotBuilt {
            /// What the `http` crate said.
            reason: String,
        } => message ("the token request could not be built: {reason}");
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TokenError::OAuth(error) => Some(error),
            _ => None,
        }
    }
}

impl From<OAuthError> for TokenError {
    fn from(error: OAuthError) -> Self {
        TokenError::OAuth(error)
    }
}

/// An OAuth error from the token endpoint: `{"error": "…", "error_description": "…"}`.
///
/// ```
/// use connect_core::token::{OAuthErrorKind, TokenError, Tokens};
/// use connect_core::token::http::StatusCode;
/// use std::time::SystemTime;
///
/// let body = br#"{"error":"invalid_grant","error_description":"Unauthorized redirect_uri: https://example.com"}"#;
/// let Err(TokenError::OAuth(error)) = Tokens::read_parts(StatusCode::BAD_REQUEST, body, SystemTime::now()) else {
///     panic!("an OAuth error");
/// };
/// assert_eq!(error.kind(), &OAuthErrorKind::InvalidGrant);
/// assert_eq!(error.kind().code(), "invalid_grant");
/// assert_eq!(error.status(), 400);
/// assert_eq!(error.description(), Some("Unauthorized redirect_uri: https://example.com"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub(crate) status: StatusCode,
    pub(crate) kind: OAuthErrorKind,
    pub(crate) description: Option<String>,
}

impl OAuthError {
    /// Which error.
    #[must_use]
    pub fn kind(&self) -> &OAuthErrorKind {
        &self.kind
    }

    /// `error_description`, Smartcar's own words, whole (the error's message quotes
    /// at most 200 bytes of it).
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The response's status (400 or 401 as a rule).
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both come from the response: escaped, so that logging one forges no line,
        // and [`MAX_QUOTE`] bytes of them at most, together, each cut one marked
        // with `…` (the description with its length).
        let code = self.kind.code();
        let shown = prefix(code, MAX_QUOTE);
        write!(f, "`{}", Escaped(shown))?;
        f.write_str(if shown.len() < code.len() {
            "…`"
        } else {
            "`"
        })?;
        if let Some(description) = &self.description {
            let said = prefix(description, MAX_QUOTE - shown.len());
            write!(f, ": {}", Escaped(said))?;
            if said.len() < description.len() {
                write!(f, "… ({} bytes)", description.len())?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for OAuthError {}

/// The `error` codes of the token endpoints (RFC 6749 §5.2, as Smartcar uses them).
///
/// ```
/// use connect_core::token::OAuthErrorKind;
///
/// assert_eq!(OAuthErrorKind::from_code("invalid_client"), OAuthErrorKind::InvalidClient);
/// assert_eq!(OAuthErrorKind::from_code("slow_down").code(), "slow_down");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuthErrorKind {
    /// The code or refresh token is invalid, expired, used, or was issued for
    /// another redirect URI (`Unauthorized redirect_uri: …`).
    InvalidGrant,
    /// The client id or secret is wrong (status 401).
    InvalidClient,
    /// A parameter is missing or malformed (`Invalid code: …`, `Invalid refresh_token: …`).
    InvalidRequest,
    /// The application may not do this, e.g. "Application not authorized to
    /// requested make(s): SEAT".
    UnauthorizedClient,
    /// The `grant_type` is not one the endpoint takes.
    UnsupportedGrantType,
    /// The scope asked for is not allowed.
    InvalidScope,
    /// A code this library does not know, kept as it came.
    Other(String),
}

impl OAuthErrorKind {
    /// The kind of an `error` code; an unknown code is kept in [`OAuthErrorKind::Other`].
    #[must_use]
    pub fn from_code(code: &str) -> Self {
        match code {
            "invalid_grant" => OAuthErrorKind::InvalidGrant,
            "invalid_client" => OAuthErrorKind::InvalidClient,
            "invalid_request" => OAuthErrorKind::InvalidRequest,
            "unauthorized_client" => OAuthErrorKind::UnauthorizedClient,
            "unsupported_grant_type" => OAuthErrorKind::UnsupportedGrantType,
            "invalid_scope" => OAuthErrorKind::InvalidScope,
            other => OAuthErrorKind::Other(other.to_owned()),
        }
    }

    /// The `error` code as the endpoint writes it.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            OAuthErrorKind::InvalidGrant => "invalid_grant",
            OAuthErrorKind::InvalidClient => "invalid_client",
            OAuthErrorKind::InvalidRequest => "invalid_request",
            OAuthErrorKind::UnauthorizedClient => "unauthorized_client",
            OAuthErrorKind::UnsupportedGrantType => "unsupported_grant_type",
            OAuthErrorKind::InvalidScope => "invalid_scope",
            OAuthErrorKind::Other(code) => code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_bounded_on_a_character_boundary() {
        assert_eq!(quote(b"short"), "short");
        let long = "é".repeat(150); // 300 bytes
        let q = quote(long.as_bytes());
        assert_eq!(q, "é".repeat(100));
        let mut odd = vec![b'a'];
        odd.extend_from_slice(long.as_bytes());
        assert_eq!(quote(&odd).len(), 199);
        assert_eq!(quote(&[0xFF, b'a']), "\u{FFFD}a");
        assert_eq!(
            Quoted("a\nb", 3).to_string() + &Quoted("ab", 900).to_string(),
            "`a\\nb``ab…` (900 bytes)"
        );
    }

    /// The crafted inputs of issue 24 (also in `fuzz/corpus/token_response/`).
    fn message(body: &[u8]) -> String {
        let now = std::time::SystemTime::UNIX_EPOCH;
        super::super::Tokens::read_parts(StatusCode::BAD_REQUEST, body, now)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_long_description_is_quoted_200_bytes_long_with_its_length() {
        let body = format!(
            r#"{{"error":"invalid_grant","error_description":"Invalid code: {}"}}"#,
            "7".repeat(60_000 - "Invalid code: ".len())
        );
        let text = message(body.as_bytes());
        let expected = format!(
            "`invalid_grant`: Invalid code: {}… (60000 bytes)",
            "7".repeat(MAX_QUOTE - "invalid_grant".len() - "Invalid code: ".len())
        );
        assert!(text.ends_with(&expected), "{text}");
        assert!(text.len() < 2 * MAX_QUOTE, "{}", text.len());
        // A short one is whole, unmarked.
        let short =
            message(br#"{"error":"invalid_grant","error_description":"Invalid code: 42."}"#);
        assert!(
            short.ends_with("`invalid_grant`: Invalid code: 42."),
            "{short}"
        );
    }

    #[test]
    fn the_code_and_the_description_share_the_bound_so_escapes_stay_under_2000() {
        // 2,138 bytes of JSON whose strings are control characters: each is 6
        // characters escaped (`\u{1}`); the fuzz target's bound is 2,000.
        let body = format!(
            r#"{{"error":"{}","error_description":"{}xxx"}}"#,
            r"\u0001".repeat(100),
            r"\u0001".repeat(250)
        );
        assert_eq!(body.len(), 2_138);
        let text = message(body.as_bytes());
        assert!(text.chars().count() < 2_000, "{}", text.chars().count());
        assert!(!text.chars().any(char::is_control), "{text}");
        assert!(text.ends_with("… (253 bytes)"), "{text}");
        // A code alone over the bound is cut and marked too.
        let code = format!(r#"{{"error":"{}"}}"#, "e".repeat(300));
        let text = message(code.as_bytes());
        assert!(
            text.ends_with(&format!("`{}…`", "e".repeat(MAX_QUOTE))),
            "{text}"
        );
    }

    #[test]
    fn a_cut_body_that_is_not_utf8_is_marked_as_cut() {
        let text = message(&[0xFF; 201]);
        assert!(text.ends_with("\u{FFFD}…` (201 bytes)"), "{text}");
        assert!(text.chars().count() < 2 * MAX_QUOTE + 150, "{text}");
        // 200 bytes are whole: no marker, though they decode to 600.
        assert!(message(&[0xFF; 200]).ends_with("\u{FFFD}`"));
    }

    #[test]
    fn codes_round_trip() {
        for code in [
            "invalid_grant",
            "invalid_client",
            "invalid_request",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "something_new",
        ] {
            assert_eq!(OAuthErrorKind::from_code(code).code(), code);
        }
    }
}
