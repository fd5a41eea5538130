//! `ConnectUrl::read` and `FromStr`: a link read from elsewhere, with every
//! finding graded as an error or a warning.

use std::fmt;
use std::str::FromStr;

use crate::connect_url::ConnectUrl;
use crate::error::{Error, Finding, Findings, Problem, Severity};

/// What reading a link found: the link, unless an error stops it, and every
/// finding, errors and warnings, in the order of the parameters.
///
/// ```
/// use connect_core::ConnectUrl;
///
/// let report = ConnectUrl::read(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code\
///      &client_id=8229df9f&make=Ford&mode=test&utm_source=newsletter",
/// );
/// assert_eq!(report.errors().count(), 0);
/// assert_eq!(report.warnings().count(), 3); // make case, mode=test, utm_source
/// let url = report.into_result()?;
/// assert_eq!(
///     url.as_str(),
///     "https://connect.smartcar.com/oauth/authorize?response_type=code\
///      &client_id=8229df9f&mode=test&make=FORD&utm_source=newsletter"
/// );
/// # Ok::<(), connect_core::ParseError>(())
/// ```
///
/// `Report<BatteryCapacityLink>` is what [`BatteryCapacityLink::read`](crate::BatteryCapacityLink::read)
/// finds.
#[derive(Debug, Clone)]
#[must_use]
pub struct Report<T = ConnectUrl> {
    url: Option<T>,
    findings: Vec<Finding>,
}

impl<T> Report<T> {
    /// A report of these findings, with the link when none is an error.
    pub(crate) fn new(url: Option<T>, findings: Vec<Finding>) -> Self {
        let url = url.filter(|_| !findings.iter().any(Finding::is_error));
        Report { url, findings }
    }

    /// The link, when no finding is an error.
    #[must_use]
    pub fn url(&self) -> Option<&T> {
        self.url.as_ref()
    }

    /// Every finding, errors and warnings.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings that make the link unusable.
    pub fn errors(&self) -> impl Iterator<Item = &Error> {
        of_severity(&self.findings, Severity::Error)
    }

    /// The findings that leave the link working.
    pub fn warnings(&self) -> impl Iterator<Item = &Error> {
        of_severity(&self.findings, Severity::Warning)
    }

    /// The link, dropping the warnings.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] with every finding, when one is an error.
    pub fn into_result(self) -> Result<T, ParseError> {
        match self.url {
            Some(url) => Ok(url),
            None => Err(ParseError {
                findings: self.findings,
            }),
        }
    }
}

/// A link that cannot be used: every finding of reading it, at least one of them
/// an error. `Display` writes one finding per line; `Debug` lists the same lines.
///
/// ```
/// use connect_core::{ConnectUrl, Parameter, Problem};
///
/// let error = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c\
///              &scope=read_odometr"
///     .parse::<ConnectUrl>()
///     .unwrap_err();
/// assert_eq!(error.first().parameter(), Some(Parameter::Scope));
/// assert!(matches!(error.first().problem(), Problem::UnknownPermission { .. }));
/// assert_eq!(
///     error.to_string(),
///     "error: unknown permission `read_odometr`; did you mean `read_odometer`?"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ParseError {
    findings: Vec<Finding>,
}

impl ParseError {
    /// Every finding, errors and warnings.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Error> {
        of_severity(&self.findings, Severity::Error)
    }

    /// The first error, to match on.
    #[must_use]
    pub fn first(&self) -> &Error {
        // A `ParseError` is made only when some finding is an error.
        self.errors()
            .next()
            .unwrap_or_else(|| self.findings[0].as_error())
    }
}

fn of_severity(findings: &[Finding], severity: Severity) -> impl Iterator<Item = &Error> {
    findings
        .iter()
        .filter(move |f| f.severity() == severity)
        .map(Finding::as_error)
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, finding) in self.findings.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// `ParseError { findings: ["error: …; …", "warning: …"] }`: each finding as
/// `Display` writes it, so `unwrap` and `main` print what is wrong and how to fix it.
impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Lines<'a>(&'a [Finding]);
        impl fmt::Debug for Lines<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(self.0.iter().map(Finding::to_string))
                    .finish()
            }
        }
        f.debug_struct("ParseError")
            .field("findings", &Lines(&self.findings))
            .finish()
    }
}

impl ConnectUrl {
    /// Reads a Connect link as Connect reads it, and reports every finding at once.
    ///
    /// Accepts any origin (so a local stand-in can read the links it receives),
    /// parameters in any order, `+` or `%20`, either hex case, `client_id` or
    /// `application_id`, `make` in any case, the deprecated `mode=test`, a flag
    /// without a value, a parameter repeated with the same value, and parameters
    /// it does not model (kept, and rendered after the canonical ones). Errors:
    /// what Connect refuses or what cannot work (a conflicting repeat, an unknown
    /// permission, a malformed VIN, broken rules between parameters, a fragment, a
    /// bad percent escape). Warnings: what works but is deprecated, suspicious or
    /// not canonical. The link renders canonically and loses nothing it carried.
    ///
    /// The limit [`MAX_URL_LEN`](crate::MAX_URL_LEN) applies to the text given
    /// and to its canonical rendering, which percent-encoding can make up to three
    /// times longer ([`Problem::CanonicalTooLong`](crate::Problem::CanonicalTooLong)):
    /// every link that reads without error reads back from its own text.
    pub fn read(text: &str) -> Report {
        let mut findings = Findings::default();
        let url = crate::read::link::read_link(text, &mut findings)
            .filter(|_| !findings.has_errors())
            .map(ConnectUrl::from_parts);
        let url = url.filter(|url| match url.as_str().len() {
            length if length > crate::limits::MAX_URL_LEN => {
                findings.error(Error::general(Problem::CanonicalTooLong { length }));
                false
            }
            _ => true,
        });
        Report::new(url, findings.0)
    }
}

impl FromStr for ConnectUrl {
    type Err = ParseError;

    /// Reads a link (see [`ConnectUrl::read`]); the warnings are dropped.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        ConnectUrl::read(text).into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_a_parse_error_lists_its_findings_as_sentences() {
        let error = "https://connect.smartcar.com/oauth/authorize?response_type=code\
                     &client_id=a%0Ab&mode=test"
            .parse::<ConnectUrl>()
            .unwrap_err();
        let debug = format!("{error:?}");
        assert_eq!(
            debug,
            "ParseError { findings: [\"error: `client_id` must not contain whitespace; \
            remove the whitespace from `client_id`\", \"warning: `mode=test` is deprecated; \
            Connect reads it as `simulated`; write `mode=simulated`\"] }",
        );
        assert!(!debug.contains('\n'), "{debug}");
    }
}
