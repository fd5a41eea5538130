//! The helpers the rows of the error tables write with: [`DidYouMean`], the one
//! way a near miss is worded, the list of the parameters, where an escape is; and
//! [`Part`], which of a problem's two texts is written.

use std::fmt;

use crate::parameter::Parameter;

/// Which of a problem's two texts to write.
#[derive(Clone, Copy)]
pub(crate) enum Part {
    Message,
    Help,
}

/// `did you mean `x`?`, or the fallback when nothing is close: the one way this
/// project words a near miss (the macro's own syntax messages use it too).
pub struct DidYouMean<T>(pub Option<&'static str>, pub T);

impl<T: fmt::Display> fmt::Display for DidYouMean<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, "did you mean `{s}`?"),
            None => self.1.fmt(f),
        }
    }
}

/// "the parameters are `client_id`, …": every parameter one may write.
pub(super) struct KnownParameters;

impl fmt::Display for KnownParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the parameters are ")?;
        for (i, p) in Parameter::ALL[1..].iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{p}`")?;
        }
        Ok(())
    }
}

/// Where a percent escape is: in a parameter's value, or in the query.
pub(super) struct Where(pub(super) Option<Parameter>);

impl fmt::Display for Where {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, "`{p}`"),
            None => f.write_str("the query"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Error, Problem};
    use super::*;

    #[test]
    fn unknown_parameter_without_suggestion_lists_the_parameters() {
        let far = Error::general(Problem::UnknownParameter {
            name: "colour".into(),
            suggestion: None,
        });
        let help = far.help().unwrap();
        assert!(
            help.starts_with("the parameters are `client_id`, `application_id`"),
            "{help}"
        );
        assert!(help.ends_with("`external_id`"), "{help}");
    }

    #[test]
    fn messages_follow_rustc_style() {
        let samples = [
            Error::new(Parameter::Scope, Problem::Empty),
            Error::new(
                Parameter::Mode,
                Problem::InvalidMode {
                    value: "test".into(),
                },
            ),
            Error::new(
                Parameter::SingleSelectVin,
                Problem::VinCharacter { character: 'O' },
            ),
            Error::new(Parameter::ClientId, Problem::NotUrlSafe { character: ' ' }),
            Error::general(Problem::BadPercentEscape {
                escape: "%G1".into(),
            }),
            Error::new(
                Parameter::Mode,
                Problem::DeprecatedMode {
                    value: "test".into(),
                },
            ),
        ];
        for e in samples {
            let m = e.message();
            assert!(
                m.chars().next().unwrap().is_lowercase()
                    || m.starts_with('`')
                    || m.starts_with("a "),
                "{m}"
            );
            assert!(!m.ends_with('.'), "{m}");
        }
    }

    #[test]
    fn every_quoted_field_is_escaped() {
        let bad = || "x\ny".to_owned();
        let problems = [
            Problem::UnknownPermission {
                name: bad(),
                suggestion: None,
            },
            Problem::UnknownPrefix {
                prefix: bad(),
                suggestion: None,
            },
            Problem::InvalidApprovalPrompt { value: bad() },
            Problem::InvalidMode { value: bad() },
            Problem::DeprecatedMode { value: bad() },
            Problem::UnknownMake {
                name: bad(),
                suggestion: None,
            },
            Problem::MakeNotUpperCase { upper: bad() },
            Problem::VinNotUpperCase { upper: bad() },
            Problem::UnknownCountry {
                code: bad(),
                suggestion: None,
            },
            Problem::CountryNotUpperCase { upper: bad() },
            Problem::InvalidFlagName { name: bad() },
            Problem::InvalidFlagValue { name: bad() },
            Problem::FlagWithoutValue { entry: bad() },
            Problem::DuplicateFlag { name: bad() },
            Problem::RedirectNotAbsolute { reason: bad() },
            Problem::RedirectInsecure { host: bad() },
            Problem::RedirectScheme { scheme: bad() },
            Problem::RedirectMobileMismatch {
                found: bad(),
                expected: bad(),
            },
            Problem::InvalidResponseType { value: bad() },
            Problem::UnknownParameter {
                name: bad(),
                suggestion: None,
            },
            Problem::ApiCredentialAsAppId { id: bad() },
            Problem::InvalidBool { value: bad() },
            Problem::WrongResponseType {
                found: bad(),
                expected: "code",
            },
            Problem::BadPercentEscape { escape: bad() },
            Problem::ParameterWithoutValue { name: bad() },
            Problem::NotConnectUrl { reason: bad() },
            Problem::InvalidOrigin { reason: bad() },
            Problem::PermissionUpgradeNotTesla { make: bad() },
            Problem::NotBatteryCapacityLink { reason: bad() },
        ];
        for problem in problems {
            let text = Error::new(Parameter::Make, problem).to_string();
            assert!(!text.contains('\n') && text.contains("x\\ny"), "{text}");
        }
    }
}
