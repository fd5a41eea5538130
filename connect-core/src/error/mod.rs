//! The one error type of every rule, by concern:
//!
//! - [`table`]: the macros every error table is written with, one row per variant;
//! - [`problem`]: [`Problem`], what is wrong, each with its message and help;
//! - [`wording`]: the helpers the rows write with;
//! - [`quote`]: how untrusted text is quoted in them;
//! - [`finding`]: [`Severity`] and [`Finding`], the grading of a link read from elsewhere.
//!
//! An [`Error`] is a [`Problem`] and the [`Parameter`] it concerns. Run-time callers
//! read it through `Display`; `connect_url!` shows [`Error::message`] on the
//! offending token and [`Error::help`] as a `help:` line.

use std::fmt;

use crate::parameter::Parameter;

#[macro_use]
mod table;
mod finding;
mod fix;
#[cfg(feature = "registration")]
mod listing;
mod problem;
mod quote;
#[cfg(feature = "registration")]
mod registration;
mod wording;

pub(crate) use finding::Findings;
pub use finding::{Finding, Severity};
pub use fix::Fix;
pub(crate) use fix::Syntax;
pub use problem::Problem;
pub(crate) use quote::Escaped;
#[cfg(feature = "registration")]
pub use registration::RegistrationProblem;
pub(crate) use table::{messages, problems, table_text};
pub use wording::DidYouMean;
pub(crate) use wording::Part;

/// A broken rule: which parameter, and what is wrong with it.
///
/// `Display` gives the message and, after `; `, how to fix it. `Debug` gives the
/// parameter, the message and the help, so that `fn main() -> Result<(), Error>`
/// and `unwrap` print something a person can act on; match on
/// [`problem`](Error::problem) for the details.
///
/// A help that says how to set a parameter (its [`fix`](Error::fix)) says it in
/// the syntax of whoever raised the error: `.single_select(true)` from the builder
/// and the value types, `single_select=true` from the link reader,
/// `single_select: true` from `connect_url!`.
///
/// ```
/// use connect_core::{Parameter, Problem, Vin};
///
/// let error = "1hgcm82633a004352".parse::<Vin>().unwrap_err();
/// assert_eq!(error.parameter(), Some(Parameter::SingleSelectVin));
/// assert!(matches!(error.problem(), Problem::VinNotUpperCase { .. }));
/// assert_eq!(error.message(), "a VIN is written in upper case");
/// assert_eq!(error.help().as_deref(), Some("write `1HGCM82633A004352`"));
/// assert_eq!(error.to_string(), "a VIN is written in upper case; write `1HGCM82633A004352`");
/// ```
#[derive(Clone)]
pub struct Error {
    parameter: Option<Parameter>,
    problem: Problem,
    syntax: Syntax,
}

impl Error {
    /// An error about `parameter` (for connect-macros: `__private::error`).
    #[must_use]
    pub(crate) const fn new(parameter: Parameter, problem: Problem) -> Self {
        Error {
            parameter: Some(parameter),
            problem,
            syntax: Syntax::Builder,
        }
    }

    /// An error about the URL as a whole (its origin, path or query syntax).
    #[must_use]
    pub(crate) const fn general(problem: Problem) -> Self {
        Error {
            parameter: None,
            problem,
            syntax: Syntax::Builder,
        }
    }

    /// The same error, its fix written in `syntax`.
    pub(crate) fn written_in(mut self, syntax: Syntax) -> Self {
        self.syntax = syntax;
        self
    }

    /// The parameter at fault, if the error concerns one.
    #[must_use]
    pub fn parameter(&self) -> Option<Parameter> {
        self.parameter
    }

    /// What is wrong.
    #[must_use]
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The fix that sets a parameter, when setting one fixes this error: the
    /// message and the help name it in the syntax of whoever raised the error.
    #[must_use]
    pub fn fix(&self) -> Option<Fix> {
        self.problem.fix()
    }

    /// What is wrong, in rustc's style: lower case, no trailing period.
    #[must_use]
    pub fn message(&self) -> String {
        let mut text = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.explain(Part::Message, &mut text);
        text
    }

    /// Writes the message or the help; `false` when there is no help.
    fn explain(&self, part: Part, f: &mut dyn fmt::Write) -> Result<bool, fmt::Error> {
        self.problem.explain(self.parameter, self.syntax, part, f)
    }

    /// How to fix it, when there is something useful to say.
    #[must_use]
    pub fn help(&self) -> Option<String> {
        let mut text = String::new();
        match self.explain(Part::Help, &mut text) {
            Ok(true) => Some(text),
            _ => None,
        }
    }
}

/// Writes `message; help` straight to the formatter.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.explain(Part::Message, f)?;
        let mut help = Prefixed { f, started: false };
        self.explain(Part::Help, &mut help).map(|_| ())
    }
}

/// Writes `; ` before the first piece of the help, so an absent help writes nothing.
struct Prefixed<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    started: bool,
}

impl fmt::Write for Prefixed<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.started {
            self.started = true;
            self.f.write_str("; ")?;
        }
        self.f.write_str(s)
    }
}

impl std::error::Error for Error {}

/// The parameter and the problem: the syntax its fix is written in is not part of what is wrong.
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.parameter == other.parameter && self.problem == other.problem
    }
}

impl Eq for Error {}

/// `Error { parameter: Some(ClientId), message: "…", help: Some("…"), .. }`, like
/// `std::io::Error`, whose `Debug` shows its kind and its message.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("parameter", &self.parameter)
            .field("message", &self.message())
            .field("help", &self.help())
            // The problem's fields are in the message; `..` says it is there.
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_joins_message_and_help() {
        let e = Error::new(Parameter::ClientId, Problem::Empty);
        assert_eq!(
            e.to_string(),
            "`client_id` must not be empty; copy the app id from the credentials tab of the \
            Smartcar dashboard"
        );
        assert_eq!(e.parameter(), Some(Parameter::ClientId));
        let no_help = Error::new(Parameter::State, Problem::Missing);
        assert_eq!(no_help.to_string(), "`state` is missing");
        assert_eq!(no_help.help(), None);
    }

    #[test]
    fn debug_carries_the_message_and_the_help() {
        let e = Error::new(Parameter::ClientId, Problem::Whitespace);
        assert_eq!(
            format!("{e:?}"),
            "Error { parameter: Some(ClientId), message: \"`client_id` must not contain \
            whitespace\", help: Some(\"remove the whitespace from `client_id`\"), .. }"
        );
        let no_help = Error::new(Parameter::State, Problem::Missing);
        assert_eq!(
            format!("{no_help:?}"),
            "Error { parameter: Some(State), message: \"`state` is missing\", help: None, .. }"
        );
        let finding = Finding::warning(e);
        let debug = format!("{finding:?}");
        assert!(
            debug.starts_with("Finding { severity: Warning, error: Error {")
                && debug.contains("must not contain whitespace"),
            "{debug}"
        );
    }
}
