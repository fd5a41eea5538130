//! The authorization code of a successful first connection.

use std::fmt;

/// The authorization code of a successful first connection. Its `Debug` hides it:
/// it is a credential for ten minutes.
///
/// ```
/// use connect_core::{Callback, Outcome};
///
/// let callback = Callback::from_query("code=abc-123&state=0facda3319")?;
/// let Outcome::Code(code) = callback.verify(&"0facda3319".parse()?)? else { panic!() };
/// assert_eq!(code.as_str(), "abc-123");
/// assert_eq!(format!("{code:?}"), "AuthorizationCode(…)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AuthorizationCode(pub(super) String);

impl AuthorizationCode {
    /// The code, to exchange for tokens.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Kept out of logs: the code is a credential for ten minutes.
impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode(…)")
    }
}
