//! Reading a link grades each [`Error`] as a [`Finding`] of some [`Severity`].

use std::fmt;

use super::{Error, Syntax};

/// How much a finding of a link read from elsewhere matters.
///
/// ```
/// use connect_core::{ConnectUrl, Severity};
///
/// let report = ConnectUrl::read(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&mode=test",
/// );
/// assert_eq!(report.findings()[0].severity(), Severity::Warning);
/// assert!(Severity::Error > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// It works, but is deprecated, suspicious or not canonical.
    Warning,
    /// Connect refuses the link, or it cannot work.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding of reading a link: an [`Error`] and its [`Severity`].
///
/// `Display` writes `error: message; help` or `warning: message; help`.
///
/// ```
/// use connect_core::{ConnectUrl, Parameter};
///
/// let report = ConnectUrl::read(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&colour=red",
/// );
/// let finding = &report.findings()[0];
/// assert!(!finding.is_error());
/// assert_eq!(finding.as_error().parameter(), None);
/// assert!(finding.to_string().starts_with("warning: unknown parameter `colour`"));
/// # let _ = Parameter::ClientId;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    severity: Severity,
    error: Error,
}

impl Finding {
    /// A finding that makes the link unusable.
    #[must_use]
    pub const fn error(error: Error) -> Self {
        Finding {
            severity: Severity::Error,
            error,
        }
    }

    /// A finding that leaves the link working.
    #[must_use]
    pub const fn warning(error: Error) -> Self {
        Finding {
            severity: Severity::Warning,
            error,
        }
    }

    /// How much it matters.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether it is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What was found: the parameter, the problem, the message and the help.
    #[must_use]
    pub fn as_error(&self) -> &Error {
        &self.error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.error)
    }
}

/// Collects the findings of one reading, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Findings(pub(crate) Vec<Finding>);

impl Findings {
    pub(crate) fn error(&mut self, error: Error) {
        self.0.push(Finding::error(error.written_in(Syntax::Query)));
    }

    pub(crate) fn warning(&mut self, error: Error) {
        self.0
            .push(Finding::warning(error.written_in(Syntax::Query)));
    }

    /// Findings graded elsewhere (the rules between parameters), each spoken in
    /// the reader's syntax.
    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for Finding { severity, error } in findings {
            self.0.push(Finding {
                severity,
                error: error.written_in(Syntax::Query),
            });
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Finding::is_error)
    }

    /// The value, or its error recorded.
    pub(crate) fn take<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.error(e)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;
    use crate::parameter::Parameter;

    #[test]
    fn findings_show_their_severity() {
        let w = Finding::warning(Error::new(Parameter::State, Problem::RepeatedParameter));
        assert_eq!(
            w.to_string(),
            "warning: `state` is repeated with the same value; give `state` once"
        );
        assert!(!w.is_error());
        assert!(Severity::Error > Severity::Warning);
    }
}
