//! Why a redirect back could not be read or trusted: one table (`messages!`),
//! each variant with its message beside it.

use std::fmt;

use crate::error::{messages, Escaped};

messages! {
/// Why a redirect back could not be read or trusted.
///
/// `Display` gives the message, with what came from the query escaped for logs
/// and terminals: control characters (C0, DEL and C1: line breaks, so a value
/// cannot forge a log line, and terminal escape sequences), the Unicode line and
/// paragraph separators, and the bidi marks, embeddings, overrides and isolates
/// that reorder text on screen are written as Rust escapes (`\n`, `\u{1b}`,
/// `\u{202e}`); everything else is written as it came. It is **not** HTML-escaped: `<`, `>`, `&` and `"`
/// are left as they came, so an error put into a web page must go through the
/// page's own escaping, as any text from a request must (a template engine's
/// autoescape, or the web example's `html.rs`). `Debug` gives the variant and
/// that message. [`source`](std::error::Error::source) is the parse error of a
/// [`Malformed`](Self::Malformed) query.
///
/// ```
/// use connect_core::{Callback, CallbackError};
///
/// let error = Callback::from_query("code=abc&code=<b>x</b>").unwrap_err();
/// assert!(matches!(error, CallbackError::Duplicate { .. }));
/// let error = Callback::from_query("code=a&state=%0Aforged%20line&error=x").unwrap_err();
/// assert_eq!(error, CallbackError::ConflictingOutcome);
/// // What came from the query is escaped for a log line, not for HTML.
/// let error = Callback::from_query("state=1&state=2&%3Cb%3E%0A=1").unwrap_err();
/// assert_eq!(error.to_string(), "`state` appears more than once in the redirect query");
/// let error = Callback::from_query("%3Cb%3E%0A=1&%3Cb%3E%0A=2").unwrap_err();
/// assert_eq!(error.to_string(), "`<b>\\n` appears more than once in the redirect query");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallbackError where (f) {
    /// The query is not well-formed (a bad percent escape, or not UTF-8).
    Malformed(error: crate::error::Error) => message ("malformed redirect query: {error}");
    /// A parameter appears twice.
    #[non_exhaustive]
    Duplicate {
        /// Its name.
        name: String,
    } => message ("`{}` appears more than once in the redirect query", Escaped(name));
    /// A field has a value of the wrong shape.
    #[non_exhaustive]
    InvalidValue {
        /// The field.
        name: &'static str,
        /// The value as received.
        value: String,
    } => message ("`{name}` has the invalid value `{}`", Escaped(value));
    /// An empty query: not a redirect from Connect.
    NoOutcome => message ("the redirect query is empty; is this the redirect from Connect?");
    /// More than one of `code`, `vehicle_id` and `error`.
    ConflictingOutcome
        => message ("the redirect query has more than one of `code`, `vehicle_id` and `error`");
    /// No `state` came back, but one was sent.
    MissingState
        => message ("the redirect has no `state`; start the flow again from your Connect link");
    /// The `state` is not the one sent: a forged or stale redirect.
    StateMismatch => message (
        "the redirect's `state` does not match the one sent; it may be forged, start the flow \
        again"
    );
    /// The URL or query is longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN) bytes,
    /// more than a browser sends: refused before it is read.
    #[non_exhaustive]
    TooLong {
        /// Its length in bytes.
        length: usize,
    } => message (
        "the redirect is {length} bytes long, over the {} bytes a redirect from Connect can be; \
        it was not sent by Connect, start the flow again",
        crate::limits::MAX_URL_LEN
    );
    /// A field the outcome needs is missing (`vehicle_id` or `selected_capacity`
    /// of a battery capacity).
    #[non_exhaustive]
    MissingField {
        /// The field.
        name: &'static str,
    } => message ("the redirect query has no `{name}`, which this outcome needs");
    /// The flow began longer ago than allowed
    /// ([`PendingFlow::verify`](crate::PendingFlow::verify)): a stale tab or a
    /// replayed cookie.
    #[non_exhaustive]
    FlowExpired {
        /// How long ago the flow began, to the second.
        age: std::time::Duration,
        /// The most allowed.
        max_age: std::time::Duration,
    } => message (
        "this sign-in began {} s ago, longer than the {} s allowed; start the flow again",
        age.as_secs(),
        max_age.as_secs()
    );
}
}

impl std::error::Error for CallbackError {
    /// The percent-decoding error of a [`Malformed`](Self::Malformed) query.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallbackError::Malformed(error) => Some(error),
            _ => None,
        }
    }
}

/// `CallbackError { kind: StateMismatch, message: "…" }`: the variant to match
/// on, and what `Display` says, so `unwrap` and `main` print something readable.
impl fmt::Debug for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.variant_name();
        f.debug_struct("CallbackError")
            .field("kind", &format_args!("{kind}"))
            .field("message", &self.to_string())
            .finish()
    }
}
