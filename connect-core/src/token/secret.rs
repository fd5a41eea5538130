//! What must stay out of logs and links: the client secret and the tokens.
//!
//! None of these types implements `Display` or `AsRef<str>`: the text is reached
//! only by a method whose name says what it is, so a secret cannot end up in a
//! link, a `format!` or a log line by accident. Their `Debug` shows the type and
//! nothing of the value. With the `serde` feature, the tokens serialize (to be
//! stored) and deserialize; the client secret only deserializes (it is read from
//! configuration, never written back).

use std::fmt;
use std::str::FromStr;

use super::error::TokenError;
use crate::model::value::ClientId;

/// Compares in time that depends only on the lengths (as [`State::matches`](crate::State::matches)).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// Text a secret may be: non-empty, no control character (a secret travels in a
/// header or a form; a newline in it is a copy-paste accident).
fn check_secret(what: &'static str, text: &str) -> Result<(), TokenError> {
    if text.is_empty() {
        return Err(TokenError::EmptySecret { what });
    }
    if text.chars().any(char::is_control) {
        return Err(TokenError::ControlInSecret { what });
    }
    Ok(())
}

macro_rules! secret_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $debug:literal $(, $derive:ident)*) => {
        $(#[$doc])*
        #[derive(Clone $(, $derive)*)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("A ", $what, " as stored or received.")]
            ///
            /// # Errors
            ///
            /// [`TokenError::EmptySecret`] for an empty text,
            /// [`TokenError::ControlInSecret`] for one with a control character
            /// (a newline pasted with it).
            pub fn new(text: impl Into<String>) -> Result<Self, TokenError> {
                let text = text.into();
                check_secret($what, &text)?;
                Ok($name(text))
            }

            #[doc = concat!("The ", $what, " itself: only to send it or store it, never to log it.")]
            #[must_use]
            pub fn expose_secret(&self) -> &str {
                &self.0
            }

            /// Whether `other` is this value, compared in time that depends only
            /// on the lengths (for a server that checks one, like a stand-in).
            #[must_use]
            pub fn matches(&self, other: &str) -> bool {
                constant_time_eq(self.0.as_bytes(), other.as_bytes())
            }
        }

        impl FromStr for $name {
            type Err = TokenError;

            fn from_str(text: &str) -> Result<Self, TokenError> {
                $name::new(text)
            }
        }

        /// Shows nothing of the value.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($debug)
            }
        }

        /// Its text, checked as by [`new`](Self::new).
        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                $name::new(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// Serializes a token as its text, to be stored (not the client secret: it is
/// only read from configuration).
macro_rules! stored {
    ($name:ident) => {
        /// Its text, to be stored where the application keeps its tokens.
        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
}

secret_text! {
    /// The application's client secret, from the credentials tab of the Smartcar
    /// dashboard (or the v3 API credential's secret).
    ///
    /// It goes only into a token request ([`TokenRequest`](super::TokenRequest)):
    /// it has no `Display` and is no value of any link parameter, so it cannot be
    /// rendered into a Connect link (the community `smartcar` crate puts it there).
    ///
    /// With the `serde` feature it deserializes from configuration (checked as by
    /// [`new`](Self::new)), and has no `Serialize`: nothing writes it back. It has
    /// no `PartialEq` either, which would compare in time that depends on where
    /// the texts differ: compare with [`matches`](Self::matches), in constant time.
    ///
    /// ```
    /// use connect_core::token::ClientSecret;
    ///
    /// let secret: ClientSecret = "s3cr3t-from-the-dashboard".parse()?;
    /// assert_eq!(format!("{secret:?}"), "ClientSecret(…)");
    /// assert_eq!(secret.expose_secret(), "s3cr3t-from-the-dashboard");
    /// assert!("".parse::<ClientSecret>().is_err());
    /// # Ok::<(), connect_core::token::TokenError>(())
    /// ```
    ///
    /// It cannot be formatted into a link:
    ///
    /// ```compile_fail
    /// # let secret: connect_core::token::ClientSecret = "s".parse().unwrap();
    /// let link = format!("https://connect.smartcar.com/oauth/authorize?secret={secret}");
    /// ```
    ///
    /// and no link parameter takes it:
    ///
    /// ```compile_fail
    /// # use connect_core::ConnectUrl;
    /// # let secret: connect_core::token::ClientSecret = "s".parse().unwrap();
    /// let link = ConnectUrl::builder("app-id".parse().unwrap()).state(secret);
    /// ```
    ClientSecret, "client secret", "ClientSecret(…)"
}

secret_text! {
    /// An access token: the `Authorization: Bearer` credential of Smartcar's API,
    /// valid two hours. `Debug` shows nothing of it.
    ///
    /// ```
    /// use connect_core::token::AccessToken;
    ///
    /// let token = AccessToken::new("eyJhbGciOi…")?;
    /// assert_eq!(format!("{token:?}"), "AccessToken(…)");
    /// let header = format!("Bearer {}", token.expose_secret());
    /// # assert_eq!(header, "Bearer eyJhbGciOi…");
    /// # Ok::<(), connect_core::token::TokenError>(())
    /// ```
    AccessToken, "access token", "AccessToken(…)", PartialEq, Eq
}
stored!(AccessToken);

secret_text! {
    /// A refresh token, valid 60 days and rotated by every refresh: store the new
    /// one each time. `Debug` shows nothing of it.
    ///
    /// ```
    /// use connect_core::token::RefreshToken;
    ///
    /// // Read back from the application's own storage.
    /// let token = RefreshToken::new("8f2c…")?;
    /// assert_eq!(format!("{token:?}"), "RefreshToken(…)");
    /// # Ok::<(), connect_core::token::TokenError>(())
    /// ```
    RefreshToken, "refresh token", "RefreshToken(…)", PartialEq, Eq
}
stored!(RefreshToken);

/// The application's id and client secret: what authenticates it to Smartcar's
/// token endpoint.
///
/// ```
/// use connect_core::token::Credentials;
///
/// let credentials = Credentials::new(
///     "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?,
///     "s3cr3t".parse()?,
/// );
/// assert_eq!(credentials.client_id().as_str(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
/// // The secret stays out of `Debug`.
/// assert!(!format!("{credentials:?}").contains("s3cr3t"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Credentials {
    client_id: ClientId,
    client_secret: ClientSecret,
}

impl Credentials {
    /// The app id (or the v3 API credential's id) with its secret.
    #[must_use]
    pub fn new(client_id: ClientId, client_secret: ClientSecret) -> Self {
        Credentials {
            client_id,
            client_secret,
        }
    }

    /// The app id.
    #[must_use]
    pub fn client_id(&self) -> &ClientId {
        &self.client_id
    }

    /// The client secret.
    #[must_use]
    pub fn client_secret(&self) -> &ClientSecret {
        &self.client_secret
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_nothing_and_bad_text_is_refused() {
        let secret = ClientSecret::new("hunter2").unwrap();
        assert_eq!(
            format!("{secret:?} {secret:#?}"),
            "ClientSecret(…) ClientSecret(…)"
        );
        assert!(secret.matches("hunter2"));
        assert!(!secret.matches("hunter3") && !secret.matches("hunter22"));
        assert_eq!(
            ClientSecret::new("").unwrap_err(),
            TokenError::EmptySecret {
                what: "client secret"
            }
        );
        assert_eq!(
            "abc\n".parse::<RefreshToken>().unwrap_err().to_string(),
            "the refresh token contains a control character (a newline pasted with it?)"
        );
    }
}
