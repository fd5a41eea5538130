//! The v3 `user_id` of the redirect back: who the owner is to Smartcar's v3 API.

use std::fmt;
use std::str::FromStr;

use super::CallbackError;

/// The owner's Smartcar user, from the `user_id` of the redirect back: the
/// `sc-user-id` header of every v3 API call, with the application token
/// ([`ApplicationToken::authorize`](crate::token::ApplicationToken::authorize),
/// feature `token`).
///
/// Non-empty visible ASCII without spaces (it travels in an HTTP header); a
/// UUID today. Store it with the owner's account: it is not a secret, but it
/// names the owner to Smartcar. With the `serde` feature it (de)serializes as
/// its text, checked on the way in.
///
/// ```
/// use connect_core::{Callback, Outcome, UserId};
///
/// let callback = Callback::from_query("user_id=2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4&state=s")?;
/// let Outcome::Connected(user) = callback.verify(&"s".parse()?)? else { panic!() };
/// assert_eq!(user.as_str(), "2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4");
/// let same: UserId = "2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4".parse()?;
/// assert_eq!(user, same);
/// assert!("two words".parse::<UserId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(String);

impl UserId {
    /// The id as Smartcar wrote it.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UserId {
    type Error = CallbackError;

    /// # Errors
    ///
    /// [`CallbackError::InvalidValue`] naming `user_id`: empty, or a character
    /// that is not visible ASCII (a space, a control character, non-ASCII).
    fn try_from(value: String) -> Result<Self, CallbackError> {
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(CallbackError::InvalidValue {
                name: "user_id",
                value,
            });
        }
        Ok(UserId(value))
    }
}

impl FromStr for UserId {
    type Err = CallbackError;

    fn from_str(text: &str) -> Result<Self, CallbackError> {
        UserId::try_from(text.to_owned())
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

crate::serde_impls::as_string!(UserId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_ascii_only() {
        assert!("2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4"
            .parse::<UserId>()
            .is_ok());
        for bad in ["", "a b", "a\nb", "é"] {
            assert!(
                matches!(
                    bad.parse::<UserId>(),
                    Err(CallbackError::InvalidValue {
                        name: "user_id",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }
}
