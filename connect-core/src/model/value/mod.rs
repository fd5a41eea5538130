//! The typed values of a Connect request. Each validates on entry (`FromStr`,
//! `TryFrom<String>`) and writes itself back unchanged (`Display`).

mod choice;
mod client_id;
mod country;
mod flags;
mod list;
mod make;
mod redirect_uri;
mod scope;
mod state;
mod text;
mod vin;

pub use choice::{ApprovalPrompt, DeprecatedMode, Mode, ResponseType};
#[cfg(feature = "registration")]
pub(crate) use client_id::parse_app_id;
pub(crate) use client_id::{read_app_id, AppIdError};
pub use client_id::{ApplicationId, ClientId, VehicleId};
pub use country::Country;
pub use flags::{Flag, Flags, COUNTRY_FLAG};
pub(crate) use list::problems_as_written;
pub use make::Make;
pub use redirect_uri::{RedirectUri, WebRedirectUri};
pub use scope::{Scope, ScopeEntry, REQUIRED_PREFIX};
pub use state::State;
pub use text::{ExternalId, User};
pub use vin::Vin;

use crate::encode::Sink;
use crate::error::{Error, Findings, Problem};
use crate::parameter::Parameter;

/// A parameter's value as it travels in a query: written canonically, and read
/// back as Connect reads it. The renderer and the link reader call these for every
/// optional parameter of the table in [`crate::parameter`].
pub(crate) trait QueryValue: Sized {
    /// Writes the value, percent-encoded where needed.
    fn write(&self, out: &mut impl Sink);

    /// Reads a percent-decoded value as Connect does: what Connect accepts is
    /// read (with a warning where it deserves one), what it refuses is an error.
    fn read(parameter: Parameter, text: &str, findings: &mut Findings) -> Option<Self>;

    /// The spelling to keep when `text` was read into a value that writes itself
    /// otherwise: an old name Connect still reads (`mode=test`, read as
    /// `simulated`). The link reader keeps it beside the value, and the renderer
    /// writes it in the value's place, so that a link read renders back as it was
    /// (SPEC §5). `None` (the default): the value's own writing is its spelling.
    fn spelling(_text: &str) -> Option<&'static str> {
        None
    }
}

/// A string value whose rules `connect_url!` checked at compile time (reached
/// through `__private`: not public API).
pub trait Literal {
    /// The value, unchecked.
    fn literal(text: &'static str) -> Self;
}

/// Reading exactly as writing: the value's own `FromStr` rules.
pub(crate) fn read_strict<T: std::str::FromStr<Err = Error>>(
    text: &str,
    findings: &mut Findings,
) -> Option<T> {
    findings.take(text.parse())
}

impl QueryValue for bool {
    fn write(&self, out: &mut impl Sink) {
        out.raw(if *self { "true" } else { "false" });
    }

    fn read(parameter: Parameter, text: &str, findings: &mut Findings) -> Option<Self> {
        findings.take(parse_bool(parameter, text))
    }
}

/// `true` or `false`, in lower case, as Connect and every SDK write them.
pub fn parse_bool(parameter: Parameter, text: &str) -> Result<bool, Error> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Error::new(
            parameter,
            Problem::InvalidBool {
                value: text.to_owned(),
            },
        )),
    }
}

/// Declares a value type backed by a string, checked by `$check` on entry.
///
/// The storage is `Cow<'static, str>` so that catalog constants and the literals
/// `connect_url!` checked at compile time borrow their text, while run-time values
/// own theirs.
///
/// A value marked `secret` (`string_value! { secret State, check }`) derives no
/// comparison: its module writes `PartialEq`, `Eq` and `Hash` by hand, equality
/// in constant time, and gives it no order (comparing by order would stop at the
/// first differing byte, and tell an attacker how much of a guess is right). Its
/// `Debug` shows only the type's name (`State(…)`), so logging a request or a
/// session that holds one does not print it; `Display` and `as_str` still give it.
macro_rules! string_value {
    ($(#[$doc:meta])* secret $name:ident, $check:path $(, read = $read:path)?) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(::std::borrow::Cow<'static, str>);

        /// Kept out of logs: the value is a secret.
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(…)"))
            }
        }

        $crate::model::value::string_value!(@common $name, $check $(, read = $read)?);
    };
    ($(#[$doc:meta])* $name:ident, $check:path $(, read = $read:path)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(::std::borrow::Cow<'static, str>);

        $crate::model::value::string_value!(@common $name, $check $(, read = $read)?);
    };
    (@common $name:ident, $check:path $(, read = $read:path)?) => {
        impl $name {
            /// The value as written.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Checks a `'static` string without copying it.
            ///
            /// # Errors
            ///
            /// The rule the value breaks.
            pub fn from_static(value: &'static str) -> Result<Self, $crate::error::Error> {
                $check(value)?;
                Ok($name(::std::borrow::Cow::Borrowed(value)))
            }

            /// A value whose check already ran (at compile time, in `connect_url!`,
            /// or by the catalog's own tests).
            pub(crate) const fn checked(value: &'static str) -> Self {
                $name(::std::borrow::Cow::Borrowed(value))
            }
        }

        impl $crate::model::value::QueryValue for $name {
            fn write(&self, out: &mut impl $crate::encode::Sink) {
                out.encoded(&self.0);
            }

            fn read(
                _: $crate::parameter::Parameter,
                text: &str,
                findings: &mut $crate::error::Findings,
            ) -> Option<Self> {
                #[allow(unused_variables)]
                let read: fn(&str, &mut $crate::error::Findings) -> Option<Self> =
                    $crate::model::value::read_strict;
                $( let read: fn(&str, &mut $crate::error::Findings) -> Option<Self> = $read; )?
                read(text, findings)
            }
        }

        impl $crate::model::value::Literal for $name {
            fn literal(text: &'static str) -> Self {
                $name::checked(text)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $check(value)?;
                Ok($name(::std::borrow::Cow::Owned(value.to_owned())))
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::error::Error;
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

/// The spelling rule shared by makes and VINs: only `allowed` characters, written
/// in upper case. A value that is right once upper-cased gets `not_upper` with that
/// spelling (a fix the user can copy); otherwise the first other character is `bad`.
pub(crate) fn check_upper_case_charset(
    value: &str,
    allowed: fn(char) -> bool,
    not_upper: fn(String) -> Problem,
    bad: fn(char) -> Problem,
) -> Result<(), Problem> {
    match value.chars().find(|&c| !allowed(c)) {
        None => Ok(()),
        Some(character) => {
            let upper = value.to_ascii_uppercase();
            if upper.chars().all(allowed) {
                Err(not_upper(upper))
            } else {
                Err(bad(character))
            }
        }
    }
}

/// The rule of `state`, `user` and `external_id`: any text, but not empty.
pub(crate) fn check_non_empty(parameter: Parameter, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::new(parameter, Problem::Empty));
    }
    Ok(())
}
