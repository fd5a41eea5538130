//! The parameters with a small set of values, each declared once by [`choice!`].

use std::fmt;
use std::str::FromStr;

use super::QueryValue;
use crate::encode::Sink;
use crate::error::{Error, Findings, Problem};
use crate::parameter::Parameter;

/// An enum whose values are written as fixed names, with `ALL`, `name`,
/// `FromStr` (refusing anything else with `$invalid`) and `Display`.
macro_rules! choice {
    (
        $(#[$doc:meta])*
        $name:ident, $parameter:ident, $invalid:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $text:literal, )*
        }
        $( deprecated $deprecated:path )?
    ) => {
        $(#[$doc])*
        ///
        /// `#[non_exhaustive]`: Connect may add values, and a new one is not a breaking
        /// change here; a `match` on it needs a `_` arm.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in the URL.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }

            /// Each value's name in the URL and its variant's name, for the
            /// expansion of `connect_url!` (`simulated` → `Mode::Simulated`).
            #[allow(dead_code)] // `ResponseType`'s: the macro writes only `none`
            pub(crate) const VARIANTS: &'static [(&'static str, &'static str)] =
                &[$( ($text, stringify!($variant)) ),*];

            /// Names Connect still reads but the documentation no longer lists:
            /// refused when written, with a pointer to today's name.
            #[allow(dead_code)] // `ResponseType`'s: the macro writes only `none`
            pub(crate) const DEPRECATED: &'static [&'static str] = choice!(@deprecated $($deprecated)?);
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(value: &str) -> Result<Self, Error> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == value)
                    .ok_or_else(|| {
                        Error::new(
                            Parameter::$parameter,
                            Problem::$invalid {
                                value: value.to_owned(),
                            },
                        )
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        crate::serde_impls::as_string!($name);
    };
    (@deprecated) => { &[] };
    (@deprecated $deprecated:path) => { $deprecated };
}

choice! {
    /// Whether Connect shows the approval dialog again to an owner who approved before.
    ///
    /// ```
    /// use connect_core::ApprovalPrompt;
    ///
    /// let prompt: ApprovalPrompt = "force".parse()?;
    /// assert_eq!(prompt, ApprovalPrompt::Force);
    /// assert_eq!(ApprovalPrompt::Auto.to_string(), "auto");
    /// assert!("always".parse::<ApprovalPrompt>().is_err());
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    ApprovalPrompt, ApprovalPrompt, InvalidApprovalPrompt {
        /// Show it only if the owner has not approved this scope yet (Connect's default).
        Auto = "auto",
        /// Always show it.
        Force = "force",
    }
}

choice! {
    /// Which vehicles the link connects to.
    ///
    /// ```
    /// use connect_core::Mode;
    ///
    /// let mode: Mode = "simulated".parse()?;
    /// assert_eq!(mode, Mode::Simulated);
    /// assert_eq!(Mode::ALL.iter().map(|m| m.name()).collect::<Vec<_>>(), ["live", "simulated"]);
    /// // `test`, the deprecated name, is refused when writing, with the fix.
    /// let error = "test".parse::<Mode>().unwrap_err();
    /// assert_eq!(error.help().as_deref(), Some("`test` is the deprecated name of `simulated`: write `simulated`"));
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    Mode, Mode, InvalidMode {
        /// Real vehicles (Connect's default).
        Live = "live",
        /// Vehicles of the Vehicle Simulator. Replaces the deprecated `test` mode.
        Simulated = "simulated",
    }
    deprecated crate::parameter::DEPRECATED_MODES
}

choice! {
    /// What Connect hands back on the redirect.
    ///
    /// A link states it, but one writes only [`ResponseType::None`]
    /// ([`ConnectUrlBuilder::response_type_none`](crate::ConnectUrlBuilder::response_type_none)):
    /// `code` is implied, and `vehicle_id` with `vehicle_id`.
    ///
    /// ```
    /// use connect_core::ResponseType;
    ///
    /// let link: connect_core::ConnectUrl = "https://connect.smartcar.com/oauth/authorize?\
    ///     response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?;
    /// assert_eq!(link.request().response_type(), ResponseType::Code);
    /// assert_eq!("none".parse::<ResponseType>()?, ResponseType::None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ResponseType, ResponseType, InvalidResponseType {
        /// An authorization code (`/oauth/authorize`).
        Code = "code",
        /// The vehicle's id, after re-authentication (`/oauth/reauthenticate`).
        VehicleId = "vehicle_id",
        /// Nothing: the flow ends without a code, on the redirect URI or, without
        /// one, on a page Smartcar hosts (FACTS, "Connect as it is in late 2026").
        None = "none",
    }
}

/// A deprecated spelling of `mode=simulated` that Connect still reads, kept by a
/// link read from elsewhere so that it renders back as written
/// ([`ConnectRequest::deprecated_mode`](crate::ConnectRequest::deprecated_mode)).
///
/// Not a [`Mode`]: a program hands the builder or `connect_url!` only values they
/// may write, so that no `Mode` can make either fail.
///
/// ```
/// use connect_core::{ConnectUrl, DeprecatedMode, Mode};
///
/// let link = "https://connect.smartcar.com/oauth/authorize?response_type=code\
///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&mode=test";
/// let url = ConnectUrl::read(link).into_result()?;
/// assert_eq!(url.request().mode(), Some(&Mode::Simulated));
/// assert_eq!(url.request().deprecated_mode(), Some(DeprecatedMode::Test));
/// assert_eq!(DeprecatedMode::Test.name(), "test");
/// assert!(url.as_str().contains("&mode=test"));
/// # Ok::<(), connect_core::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeprecatedMode {
    /// `mode=test`, the predecessor of `simulated`.
    Test,
    /// `mode=test_mode`.
    TestMode,
}

impl DeprecatedMode {
    /// The value as written in the URL.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            DeprecatedMode::Test => "test",
            DeprecatedMode::TestMode => "test_mode",
        }
    }

    /// The deprecated spelling `text` is, if it is one.
    #[must_use]
    pub fn from_name(text: &str) -> Option<DeprecatedMode> {
        match text {
            "test" => Some(DeprecatedMode::Test),
            "test_mode" => Some(DeprecatedMode::TestMode),
            _ => None,
        }
    }

    /// What Connect reads it as: [`Mode::Simulated`].
    #[must_use]
    pub const fn mode(self) -> Mode {
        Mode::Simulated
    }
}

impl fmt::Display for DeprecatedMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl QueryValue for ApprovalPrompt {
    fn write(&self, out: &mut impl Sink) {
        out.raw(self.name());
    }

    fn read(_: Parameter, text: &str, findings: &mut Findings) -> Option<Self> {
        super::read_strict(text, findings)
    }
}

impl QueryValue for Mode {
    fn write(&self, out: &mut impl Sink) {
        out.raw(self.name());
    }

    /// `test` and `test_mode`, the deprecated names of `simulated`, are still read
    /// by Connect and sent by every SDK: read as `simulated`, with a warning (the
    /// link reader keeps the spelling beside it, [`spelling`](Self::spelling)).
    fn read(_: Parameter, text: &str, findings: &mut Findings) -> Option<Self> {
        if let Some(deprecated) = DeprecatedMode::from_name(text) {
            findings.warning(Error::new(
                Parameter::Mode,
                Problem::DeprecatedMode {
                    value: text.to_owned(),
                },
            ));
            return Some(deprecated.mode());
        }
        super::read_strict(text, findings)
    }

    /// A deprecated name, kept as read (the one `read` warned of).
    fn spelling(text: &str) -> Option<&'static str> {
        DeprecatedMode::from_name(text).map(DeprecatedMode::name)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_deprecated_modes_are_the_ones_read() {
        assert_eq!(Mode::DEPRECATED, crate::parameter::DEPRECATED_MODES);
        for name in Mode::DEPRECATED {
            assert_eq!(
                DeprecatedMode::from_name(name).map(|d| d.mode()),
                Some(Mode::Simulated)
            );
            assert_eq!(Mode::spelling(name), Some(*name));
        }
        for mode in Mode::ALL {
            assert_eq!(Mode::spelling(mode.name()), None);
        }
    }

    use super::*;

    #[test]
    fn values_round_trip() {
        for &v in ApprovalPrompt::ALL {
            assert_eq!(v.to_string().parse::<ApprovalPrompt>().unwrap(), v);
        }
        for &v in Mode::ALL {
            assert_eq!(v.to_string().parse::<Mode>().unwrap(), v);
        }
    }

    #[test]
    fn test_mode_points_to_simulated() {
        let e = "test".parse::<Mode>().unwrap_err();
        assert_eq!(e.message(), "`test` is not a valid `mode`");
        assert_eq!(
            e.help().as_deref(),
            Some("`test` is the deprecated name of `simulated`: write `simulated`")
        );
        let e = "Live".parse::<Mode>().unwrap_err();
        assert_eq!(e.help().as_deref(), Some("use `live` or `simulated`"));
        let mut findings = Findings::default();
        assert_eq!(
            Mode::read(Parameter::Mode, "test", &mut findings),
            Some(Mode::Simulated)
        );
        assert_eq!(
            findings.0[0].as_error().problem(),
            &Problem::DeprecatedMode {
                value: "test".into()
            }
        );
        assert!(!findings.has_errors());
        let e = "token".parse::<ResponseType>().unwrap_err();
        assert_eq!(e.message(), "`token` is not a valid `response_type`");
        assert_eq!("code".parse::<ResponseType>(), Ok(ResponseType::Code));
        let e = "always".parse::<ApprovalPrompt>().unwrap_err();
        assert_eq!(e.parameter(), Some(Parameter::ApprovalPrompt));
        assert_eq!(e.help().as_deref(), Some("use `auto` or `force`"));
    }
}
