//! `flags`: feature flags, `name:value` pairs such as `country:DE`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::list::{checked_list, list_problems, read_list};
use super::QueryValue;
use crate::encode::Sink;
use crate::error::{Error, Findings, Problem};
use crate::model::value::Country;
use crate::parameter::Parameter;

/// The flag whose value must be an ISO 3166-1 alpha-2 code (`country`, see
/// [`Flag::country`](crate::Flag::country)); `connect_url!` reads it through
/// `__private`.
pub const COUNTRY_FLAG: &str = "country";

fn error(problem: Problem) -> Error {
    Error::new(Parameter::Flags, problem)
}

/// One feature flag. Its value is text on the wire; booleans and integers are
/// written as `true`, `false`, `42`.
///
/// A flag written by this crate always has a value (the documentation defines
/// flags as `name:value`); a flag read from a link may have none, as Connect and
/// the JavaScript and Android SDKs allow (`flags=feature3`).
///
/// ```
/// use connect_core::Flag;
///
/// let flag = Flag::new("account_sync", "true")?;
/// assert_eq!(flag.to_string(), "account_sync:true");
/// assert_eq!(flag.as_bool(), Some(true));
/// let parsed: Flag = "tier:2".parse()?;
/// assert_eq!((parsed.name(), parsed.value()), ("tier", Some("2")));
/// assert!(Flag::new("has space", "x").is_err());
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flag {
    name: Cow<'static, str>,
    value: Option<Cow<'static, str>>,
}

impl Flag {
    /// A flag, checked: the name is `A-Z a-z 0-9 _ -`; the value is non-empty
    /// without whitespace; `country` takes an assigned country code.
    ///
    /// # Errors
    ///
    /// The rule the name or the value breaks.
    pub fn new(name: &str, value: &str) -> Result<Flag, Error> {
        Flag::check(name, value)?;
        Ok(Flag {
            name: Cow::Owned(name.to_owned()),
            value: Some(Cow::Owned(value.to_owned())),
        })
    }

    /// The `country` flag.
    #[must_use]
    pub fn country(country: Country) -> Flag {
        Flag {
            name: Cow::Borrowed(COUNTRY_FLAG),
            value: Some(Cow::Borrowed(country.code())),
        }
    }

    /// The rules of a flag, for callers that hold the parts separately.
    pub(crate) fn check(name: &str, value: &str) -> Result<(), Error> {
        Flag::check_name(name)?;
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(error(Problem::InvalidFlagValue {
                name: name.to_owned(),
            }));
        }
        if name == COUNTRY_FLAG {
            value.parse::<Country>()?;
        }
        Ok(())
    }

    /// The rule of a flag's name: non-empty `A-Z a-z 0-9 _ -`.
    pub(crate) fn check_name(name: &str) -> Result<(), Error> {
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if name.is_empty() || !name.chars().all(valid) {
            return Err(error(Problem::InvalidFlagName {
                name: name.to_owned(),
            }));
        }
        Ok(())
    }

    /// The name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value as sent; `None` for a flag read without one.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The value as a boolean, if it is `true` or `false`.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        self.value()?.parse().ok()
    }

    /// A flag `connect_url!` checked at compile time.
    pub(crate) const fn checked(name: &'static str, value: &'static str) -> Self {
        Flag {
            name: Cow::Borrowed(name),
            value: Some(Cow::Borrowed(value)),
        }
    }

    /// A flag of a link read from elsewhere: `name` alone, or `name:value`.
    fn read(entry: &str) -> Result<Flag, Error> {
        match entry.split_once(':') {
            Some((name, value)) => Flag::new(name, value),
            None => {
                Flag::check_name(entry)?;
                Ok(Flag {
                    name: Cow::Owned(entry.to_owned()),
                    value: None,
                })
            }
        }
    }
}

impl FromStr for Flag {
    type Err = Error;

    /// `name:value`; the value may itself contain `:`.
    fn from_str(entry: &str) -> Result<Self, Error> {
        let (name, value) = entry.split_once(':').ok_or_else(|| {
            error(Problem::FlagWithoutValue {
                entry: entry.to_owned(),
            })
        })?;
        Flag::new(name, value)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        match &self.value {
            Some(value) => write!(f, ":{value}"),
            None => Ok(()),
        }
    }
}

/// The feature flags of a link, in the order written: non-empty, each name once.
///
/// ```
/// use connect_core::{Country, Flag, Flags};
///
/// let flags = Flags::new([Flag::country("DE".parse()?), Flag::new("account_sync", "true")?])?;
/// assert_eq!(flags.to_string(), "country:DE account_sync:true");
/// assert_eq!(flags.country(), Some("DE".parse::<Country>()?));
/// assert!(flags.get("account_sync").is_some());
/// // Each name once.
/// assert!(Flags::new([Flag::new("a", "1")?, Flag::new("a", "2")?]).is_err());
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags(Cow<'static, [Flag]>);

impl Flags {
    /// Flags from these.
    ///
    /// # Errors
    ///
    /// The first broken rule: no flag, or a name set twice.
    pub fn new(flags: impl IntoIterator<Item = Flag>) -> Result<Flags, Error> {
        let flags = checked_list(
            Parameter::Flags,
            flags.into_iter().collect(),
            |f| f.name.clone(),
            duplicate,
        )?;
        Ok(Flags(Cow::Owned(flags)))
    }

    /// Every broken rule of a list of flags, each with the index of the flag at
    /// fault (`None` for the list as a whole): empty, or a name set again.
    pub(crate) fn problems(flags: &[Flag]) -> Vec<(Option<usize>, Error)> {
        list_problems(Parameter::Flags, flags, |f| f.name.clone(), duplicate)
    }

    /// The flags, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Flag> {
        self.0.iter()
    }

    /// The flag `name`, if set.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Flag> {
        self.0.iter().find(|f| f.name == name)
    }

    /// The `country` flag, if set.
    #[must_use]
    pub fn country(&self) -> Option<Country> {
        self.get(COUNTRY_FLAG)?.value()?.parse().ok()
    }

    /// Flags `connect_url!` checked at compile time.
    pub(crate) const fn checked(flags: &'static [Flag]) -> Self {
        Flags(Cow::Borrowed(flags))
    }
}

impl FromStr for Flags {
    type Err = Error;

    /// Space-separated `name:value` pairs.
    fn from_str(text: &str) -> Result<Self, Error> {
        Flags::new(
            text.split_whitespace()
                .map(str::parse)
                .collect::<Result<Vec<Flag>, _>>()?,
        )
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, flag) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{flag}")?;
        }
        Ok(())
    }
}

fn duplicate(flag: &Flag) -> Problem {
    Problem::DuplicateFlag {
        name: flag.name.to_string(),
    }
}

impl QueryValue for Flags {
    fn write(&self, out: &mut impl Sink) {
        for (i, flag) in self.0.iter().enumerate() {
            if i > 0 {
                out.raw("%20");
            }
            out.encoded(&flag.name);
            if let Some(value) = &flag.value {
                out.raw("%3A");
                out.encoded(value);
            }
        }
    }

    /// Every flag is read, each broken one its own finding; a flag without a value
    /// is accepted (see [`Flag`]).
    fn read(_: Parameter, text: &str, findings: &mut Findings) -> Option<Self> {
        read_list(text, Flag::read, Flags::problems, findings).map(|flags| Flags(Cow::Owned(flags)))
    }
}

crate::serde_impls::as_string!(Flag);
crate::serde_impls::as_string!(Flags);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_parse_and_render_in_order() {
        let flags: Flags = "country:DE color:00819D account_sync:true".parse().unwrap();
        assert_eq!(
            flags.to_string(),
            "country:DE color:00819D account_sync:true"
        );
        assert_eq!(flags.country().map(Country::code), Some("DE"));
        assert_eq!(flags.get("color").and_then(Flag::value), Some("00819D"));
        assert_eq!(flags.iter().nth(2).and_then(Flag::as_bool), Some(true));
        assert_eq!(
            Flag::country("GB".parse().unwrap()).to_string(),
            "country:GB"
        );
        assert_eq!(
            "url:https://x".parse::<Flag>().unwrap().value(),
            Some("https://x")
        );
    }

    #[test]
    fn flag_rules() {
        let problem = |s: &str| s.parse::<Flags>().unwrap_err().problem().clone();
        assert_eq!(
            problem("feature3"),
            Problem::FlagWithoutValue {
                entry: "feature3".into()
            }
        );
        assert_eq!(
            problem("a:1 a:2"),
            Problem::DuplicateFlag { name: "a".into() }
        );
        assert_eq!(problem(""), Problem::Empty);
        assert_eq!(
            problem("b@d:1"),
            Problem::InvalidFlagName { name: "b@d".into() }
        );
        assert_eq!(
            problem(":1"),
            Problem::InvalidFlagName {
                name: String::new()
            }
        );
        assert_eq!(
            problem("x:"),
            Problem::InvalidFlagValue { name: "x".into() }
        );
        assert_eq!(
            problem("country:UK"),
            Problem::UnknownCountry {
                code: "UK".into(),
                suggestion: Some("GB")
            }
        );
        assert_eq!(
            problem("country:de"),
            Problem::CountryNotUpperCase { upper: "DE".into() }
        );
        assert!(Flag::new("x", "a b").is_err());
        let at: Vec<_> =
            Flags::problems(&[Flag::new("a", "1").unwrap(), Flag::new("a", "2").unwrap()])
                .into_iter()
                .map(|(i, _)| i)
                .collect();
        assert_eq!(at, [Some(1)]);
    }

    #[test]
    fn reading_keeps_flags_without_a_value_and_reports_each_problem() {
        let mut findings = Findings::default();
        let flags =
            Flags::read(Parameter::Flags, "flag:suboption feature3", &mut findings).unwrap();
        assert!(findings.0.is_empty());
        assert_eq!(flags.get("feature3").map(Flag::value), Some(None));
        let mut rendered = String::new();
        flags.write(&mut rendered);
        assert_eq!(rendered, "flag%3Asuboption%20feature3");
        assert_eq!(flags.to_string(), "flag:suboption feature3");

        let mut findings = Findings::default();
        assert!(Flags::read(Parameter::Flags, "b@d country:UK a a", &mut findings).is_none());
        let problems: Vec<_> = findings
            .0
            .iter()
            .map(|f| f.as_error().problem().clone())
            .collect();
        assert_eq!(
            problems,
            [
                Problem::InvalidFlagName { name: "b@d".into() },
                Problem::UnknownCountry {
                    code: "UK".into(),
                    suggestion: Some("GB")
                },
                Problem::DuplicateFlag { name: "a".into() },
            ]
        );
    }
}
