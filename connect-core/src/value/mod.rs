//! The typed values of a Connect request. Each validates on entry (`FromStr`,
//! `TryFrom<String>`) and writes itself back unchanged (`Display`).

mod choice;
mod client_id;
mod country;
mod make;
mod redirect_uri;
mod state;
mod text;
mod vin;

pub use choice::{ApprovalPrompt, Mode};
pub use client_id::{ClientId, VehicleId};
pub use country::Country;
pub use make::Make;
pub use redirect_uri::RedirectUri;
pub use state::State;
pub use text::User;
pub use vin::Vin;

use crate::error::{Error, Parameter, Problem};

/// Declares a value type backed by a string, checked by `$check` on entry.
///
/// The storage is `Cow<'static, str>` so that `connect_url!` can build a fully
/// literal link in a `const` (`__literal`), while run-time values own their text.
macro_rules! string_value {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(::std::borrow::Cow<'static, str>);

        impl $name {
            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Checks a `'static` string without copying it.
            pub fn from_static(value: &'static str) -> Result<Self, $crate::Error> {
                $check(value)?;
                Ok($name(::std::borrow::Cow::Borrowed(value)))
            }

            /// For `connect_url!`, which has run the check at compile time.
            #[doc(hidden)]
            pub const fn __literal(value: &'static str) -> Self {
                $name(::std::borrow::Cow::Borrowed(value))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $check(value)?;
                Ok($name(::std::borrow::Cow::Owned(value.to_owned())))
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::Error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $check(&value)?;
                Ok($name(::std::borrow::Cow::Owned(value)))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        $crate::serde_impls::as_string!($name);
    };
}
pub(crate) use string_value;

/// The rule shared by `client_id` and `vehicle_id`: non-empty, no whitespace, and
/// only the characters a query value carries unencoded.
pub(crate) fn check_url_safe(parameter: Parameter, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::new(parameter, Problem::Empty));
    }
    if let Some(character) = value
        .chars()
        .find(|c| !c.is_ascii() || !crate::encode::is_unreserved(*c as u8))
    {
        let problem = if character.is_whitespace() {
            Problem::Whitespace
        } else {
            Problem::NotUrlSafe { character }
        };
        return Err(Error::new(parameter, problem));
    }
    Ok(())
}

/// The rule of `state` and `user`: any text, but not empty.
pub(crate) fn check_non_empty(parameter: Parameter, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::new(parameter, Problem::Empty));
    }
    Ok(())
}
