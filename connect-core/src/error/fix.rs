//! [`Fix`]: a fix that sets a parameter (which, to what), declared by a problem's
//! row, and [`Syntax`], whose syntax prints it: the builder, the reader, the macro.

use std::fmt;

use crate::parameter::Parameter;

/// How to fix a problem by setting one parameter: which, and to what.
///
/// A problem's row declares it once; the builder, the link reader and
/// `connect_url!` each print it in their own syntax (`.single_select(true)`,
/// `single_select=true`, `single_select: true`).
///
/// ```
/// use connect_core::{ConnectUrl, Parameter};
///
/// let built = ConnectUrl::builder("app-id".parse().unwrap())
///     .single_select_vin("1HGCM82633A004352".parse().unwrap())
///     .build()
///     .unwrap_err();
/// let fix = built.fix().unwrap();
/// assert_eq!((fix.parameter(), fix.value()), (Parameter::SingleSelect, "true"));
/// assert_eq!(built.help().as_deref(), Some("add `.single_select(true)`"));
///
/// // The same fix, read from a link: in the link's syntax.
/// let read = ConnectUrl::read(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=app-id\
///     &single_select_vin=1HGCM82633A004352",
/// );
/// let error = read.findings()[0].as_error();
/// assert_eq!(error.fix(), Some(fix));
/// assert_eq!(error.help().as_deref(), Some("add `single_select=true`"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fix {
    parameter: Parameter,
    value: &'static str,
}

impl Fix {
    pub(crate) const fn new(parameter: Parameter, value: &'static str) -> Self {
        Fix { parameter, value }
    }

    /// The parameter to set.
    #[must_use]
    pub fn parameter(self) -> Parameter {
        self.parameter
    }

    /// The value to set it to, as written in a link.
    #[must_use]
    pub fn value(self) -> &'static str {
        self.value
    }

    /// The fix in `syntax`, quoted: `` `.single_select(true)` ``.
    pub(crate) fn written(self, syntax: Syntax) -> impl fmt::Display {
        Written(self, syntax)
    }
}

/// Whose syntax an error's words use where they name a fix (or, for a make the
/// catalog does not know, how to write one anyway): whoever raised the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Rust code: the builder and the value types (`.single_select(true)`).
    Builder,
    /// A link's query, for the reader (`single_select=true`).
    Query,
    /// `connect_url!`'s `key: value` (set through `__private`).
    Macro,
}

struct Written(Fix, Syntax);

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Written(Fix { parameter, value }, syntax) = self;
        match syntax {
            Syntax::Builder => write!(f, "`.{parameter}({value})`"),
            Syntax::Query => write!(f, "`{parameter}={value}`"),
            Syntax::Macro => write!(f, "`{parameter}: {value}`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Problem};

    #[test]
    fn one_fix_printed_in_each_syntax() {
        let error = Error::new(
            Parameter::SingleSelectVin,
            Problem::SingleSelectVinWithoutSingleSelect,
        );
        assert_eq!(error.fix(), Some(Fix::new(Parameter::SingleSelect, "true")));
        let help = |syntax| error.clone().written_in(syntax).help().unwrap();
        assert_eq!(help(Syntax::Builder), "add `.single_select(true)`");
        assert_eq!(help(Syntax::Query), "add `single_select=true`");
        assert_eq!(help(Syntax::Macro), "add `single_select: true`");
        let upgrade = Problem::PermissionUpgradeNotTesla {
            make: "FORD".into(),
        };
        assert_eq!(upgrade.fix(), Some(Fix::new(Parameter::Make, "TESLA")));
        assert_eq!(Problem::Empty.fix(), None);
    }
}
