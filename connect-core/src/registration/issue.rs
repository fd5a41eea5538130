//! [`RegistrationError`]: every problem of a registration file, each with its
//! line and column, and [`Locator`], which finds them in time linear in the file.

use std::fmt;

use super::RegistrationProblem;
use crate::error::Error;

/// One problem of a registration file: where it is (1-based line and column, in
/// characters) and what it is, as an [`Error`] (message and help).
///
/// ```
/// use connect_core::registration::Registration;
///
/// let text = "[applications.production]\n\
///             app_id = \"8229df9f\"\n\
///             redirect_uris = [\"https://example.com/callback\"]\n\
///             permission = [\"read_vin\"]\n";
/// let error = Registration::from_toml(text, "smartcar.toml").unwrap_err();
/// let issue = &error.issues()[0];
/// assert_eq!((issue.line(), issue.column()), (4, 1));
/// assert_eq!(issue.error().message(), "unknown key `permission` in the registration");
/// assert_eq!(issue.error().help().as_deref(), Some("did you mean `permissions`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    line: usize,
    column: usize,
    /// Byte offsets of the offending text in the file.
    span: (usize, usize),
    error: Error,
}

impl Issue {
    /// The line, from 1.
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column, from 1, in characters.
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }

    /// The byte range of the offending text in the file.
    #[must_use]
    pub fn span(&self) -> std::ops::Range<usize> {
        self.span.0..self.span.1
    }

    /// What is wrong, with its message and help.
    #[must_use]
    pub fn error(&self) -> &Error {
        &self.error
    }
}

/// Every problem of a registration file at once, in the order of the file.
///
/// `Display` writes each in rustc's style, the file's path, line and column after
/// the message:
///
/// ```text
/// error: unknown key `permission` in the registration
///  --> smartcar.toml:4:1
///   = help: did you mean `permissions`?
/// ```
///
/// ```
/// use connect_core::registration::Registration;
///
/// let text = "[applications.production]\napp_id = \"a b\"\nredirect_uris = [\"http://example.com/cb\"]\n";
/// let error = Registration::from_toml(text, "smartcar.toml").unwrap_err();
/// assert_eq!(error.path(), "smartcar.toml");
/// assert_eq!(error.issues().len(), 2);
/// let shown = error.to_string();
/// assert!(shown.contains("error: `client_id` must not contain whitespace\n --> smartcar.toml:2:11"));
/// assert!(shown.contains(" --> smartcar.toml:3:19\n  = help: use `https://example.com…`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationError {
    path: String,
    issues: Vec<Issue>,
}

/// At most this many problems of one file are reported, the last of them
/// [`RegistrationProblem::MoreProblems`](RegistrationProblem::MoreProblems)
/// with the count of the others: a file of 10,000 problems gave as many errors at
/// every link (500,000 with 50 links), and what a report says past the first few
/// is seldom read.
pub const MAX_ISSUES: usize = 50;

impl RegistrationError {
    /// The file's path, as given to [`Registration::from_toml`](super::Registration::from_toml).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Every problem, in the order of the file; never empty. At most
    /// [`MAX_ISSUES`]: past them, the last says how many more the file has.
    #[must_use]
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// `path:line:column: message`, then `  = help: …`, for each problem: the
    /// form `connect_url!` writes into one compile error.
    #[must_use]
    pub fn compact(&self) -> String {
        let mut text = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write(&mut text, Layout::Compact);
        text
    }

    /// Each issue in `layout`, then its help as `  = help: …`, one per line.
    fn write(&self, f: &mut dyn fmt::Write, layout: Layout) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let (path, line, column) = (&self.path, issue.line, issue.column);
            let message = issue.error.message();
            match layout {
                Layout::Compact => write!(f, "{path}:{line}:{column}: {message}")?,
                Layout::Rustc => write!(f, "error: {message}\n --> {path}:{line}:{column}")?,
            }
            if let Some(help) = issue.error.help() {
                write!(f, "\n  = help: {help}")?;
            }
        }
        Ok(())
    }
}

/// How [`RegistrationError`] places an issue's path, line and column: after the
/// message as rustc does (`Display`), or before it on one line (`compact`).
#[derive(Clone, Copy)]
enum Layout {
    Rustc,
    Compact,
}

impl fmt::Display for RegistrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Layout::Rustc)
    }
}

impl std::error::Error for RegistrationError {}

/// Collects the issues of one file, locating each: the line by binary search in
/// the line starts (found once), the column by counting characters from the last
/// position found on the same line, so issues in file order cost time linear in
/// the file, however many there are.
pub(super) struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last position located: byte offset, line index, column index.
    last: (usize, usize, usize),
    issues: Vec<Issue>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            text,
            line_starts,
            last: (0, 0, 0),
            issues: Vec::new(),
        }
    }

    /// Records `error` at the byte range `start..end` of the file.
    pub(super) fn issue(&mut self, (start, end): (usize, usize), error: Error) {
        let start = floor_char_boundary(self.text, start.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= start) - 1;
        let (from, mut column) = match self.last {
            (offset, last_line, column) if last_line == line && offset <= start => (offset, column),
            _ => (self.line_starts[line], 0),
        };
        column += self.text[from..start].chars().count();
        self.last = (start, line, column);
        self.issues.push(Issue {
            line: line + 1,
            column: column + 1,
            span: (start, end.max(start)),
            error,
        });
    }

    pub(super) fn has_issues(&self) -> bool {
        !self.issues.is_empty()
    }

    pub(super) fn into_error(mut self, path: &str) -> RegistrationError {
        // Found mostly in file order; the checks across applications come last.
        self.issues.sort_by_key(|issue| issue.span.0);
        if self.issues.len() > MAX_ISSUES {
            let shown = MAX_ISSUES - 1;
            let count = self.issues.len() - shown;
            let at = self.issues[shown].clone();
            self.issues.truncate(shown);
            self.issues.push(Issue {
                error: Error::general(RegistrationProblem::MoreProblems { count }.into()),
                ..at
            });
        }
        RegistrationError {
            path: path.to_owned(),
            issues: self.issues,
        }
    }
}

/// The largest char boundary at or before `index` (`str::floor_char_boundary` is
/// unstable).
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
