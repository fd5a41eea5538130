//! The parameters with a small set of values.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Parameter, Problem};

/// Whether Connect shows the approval dialog again to an owner who approved before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApprovalPrompt {
    /// Show it only if the owner has not approved this scope yet (Connect's default).
    Auto,
    /// Always show it.
    Force,
}

/// Which vehicles the link connects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Real vehicles (Connect's default).
    Live,
    /// Vehicles of the Vehicle Simulator. Replaces the deprecated `test` mode.
    Simulated,
}

impl ApprovalPrompt {
    /// Both values.
    pub const ALL: [ApprovalPrompt; 2] = [ApprovalPrompt::Auto, ApprovalPrompt::Force];

    /// The value as written in the URL.
    pub const fn name(self) -> &'static str {
        match self {
            ApprovalPrompt::Auto => "auto",
            ApprovalPrompt::Force => "force",
        }
    }
}

impl Mode {
    /// Both values.
    pub const ALL: [Mode; 2] = [Mode::Live, Mode::Simulated];

    /// The value as written in the URL.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Live => "live",
            Mode::Simulated => "simulated",
        }
    }
}

impl FromStr for ApprovalPrompt {
    type Err = Error;
    fn from_str(value: &str) -> Result<Self, Error> {
        ApprovalPrompt::ALL
            .into_iter()
            .find(|v| v.name() == value)
            .ok_or_else(|| {
                Error::new(
                    Parameter::ApprovalPrompt,
                    Problem::InvalidApprovalPrompt {
                        value: value.to_owned(),
                    },
                )
            })
    }
}

impl FromStr for Mode {
    type Err = Error;
    fn from_str(value: &str) -> Result<Self, Error> {
        Mode::ALL
            .into_iter()
            .find(|v| v.name() == value)
            .ok_or_else(|| {
                Error::new(
                    Parameter::Mode,
                    Problem::InvalidMode {
                        value: value.to_owned(),
                    },
                )
            })
    }
}

impl fmt::Display for ApprovalPrompt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

crate::serde_impls::as_string!(ApprovalPrompt);
crate::serde_impls::as_string!(Mode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        for v in ApprovalPrompt::ALL {
            assert_eq!(v.to_string().parse::<ApprovalPrompt>().unwrap(), v);
        }
        for v in Mode::ALL {
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
        let e = "always".parse::<ApprovalPrompt>().unwrap_err();
        assert_eq!(e.parameter(), Some(Parameter::ApprovalPrompt));
        assert_eq!(e.help().as_deref(), Some("use `auto` or `force`"));
    }
}
