//! `flags`: feature flags, `name:value` pairs such as `country:DE`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Parameter, Problem};
use crate::Country;

/// The flag whose value must be an ISO 3166-1 alpha-2 code.
pub const COUNTRY_FLAG: &str = "country";

fn error(problem: Problem) -> Error {
    Error::new(Parameter::Flags, problem)
}

/// One feature flag. Its value is text on the wire; booleans and integers are
/// written as `true`, `false`, `42`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flag {
    name: Cow<'static, str>,
    value: Cow<'static, str>,
}

impl Flag {
    /// A flag, checked: the name is `A-Z a-z 0-9 _ -`; the value is non-empty
    /// without whitespace; `country` takes an assigned country code.
    pub fn new(name: &str, value: &str) -> Result<Flag, Error> {
        Flag::check(name, value)?;
        Ok(Flag {
            name: Cow::Owned(name.to_owned()),
            value: Cow::Owned(value.to_owned()),
        })
    }

    /// The `country` flag.
    pub fn country(country: Country) -> Flag {
        Flag {
            name: Cow::Borrowed(COUNTRY_FLAG),
            value: Cow::Borrowed(country.code()),
        }
    }

    /// The rules of a flag, for callers that hold the parts separately.
    pub fn check(name: &str, value: &str) -> Result<(), Error> {
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
    pub fn check_name(name: &str) -> Result<(), Error> {
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if name.is_empty() || !name.chars().all(valid) {
            return Err(error(Problem::InvalidFlagName {
                name: name.to_owned(),
            }));
        }
        Ok(())
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value as sent.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The value as a boolean, if it is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        self.value.parse().ok()
    }

    /// For `connect_url!`, which has checked the flag at compile time.
    #[doc(hidden)]
    pub const fn __literal(name: &'static str, value: &'static str) -> Self {
        Flag {
            name: Cow::Borrowed(name),
            value: Cow::Borrowed(value),
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
        write!(f, "{}:{}", self.name, self.value)
    }
}

/// The feature flags of a link, in the order written: non-empty, each name once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags(Cow<'static, [Flag]>);

impl Flags {
    /// Flags from these, or the first broken rule.
    pub fn new(flags: impl IntoIterator<Item = Flag>) -> Result<Flags, Error> {
        let flags: Vec<Flag> = flags.into_iter().collect();
        match Flags::problems(&flags).into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(Flags(Cow::Owned(flags))),
        }
    }

    /// Every broken rule of a list of flags, each with the index of the flag at
    /// fault (`None` for the list as a whole): empty, or a name set again.
    pub fn problems(flags: &[Flag]) -> Vec<(Option<usize>, Error)> {
        if flags.is_empty() {
            return vec![(None, error(Problem::Empty))];
        }
        // A set of the names seen so far: linear in the number of flags.
        let mut seen = std::collections::HashSet::with_capacity(flags.len());
        flags
            .iter()
            .enumerate()
            .filter(|(_, f)| !seen.insert(f.name()))
            .map(|(i, f)| {
                (
                    Some(i),
                    error(Problem::DuplicateFlag {
                        name: f.name.to_string(),
                    }),
                )
            })
            .collect()
    }

    /// The flags, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Flag> {
        self.0.iter()
    }

    /// The value of the flag `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|f| f.name == name).map(Flag::value)
    }

    /// The `country` flag, if set.
    pub fn country(&self) -> Option<Country> {
        self.get(COUNTRY_FLAG).and_then(|code| code.parse().ok())
    }

    /// For `connect_url!`, which has checked the flags at compile time.
    #[doc(hidden)]
    pub const fn __literal(flags: &'static [Flag]) -> Self {
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
        assert_eq!(flags.get("color"), Some("00819D"));
        assert_eq!(flags.iter().nth(2).and_then(Flag::as_bool), Some(true));
        assert_eq!(
            Flag::country("GB".parse().unwrap()).to_string(),
            "country:GB"
        );
        assert_eq!(
            "url:https://x".parse::<Flag>().unwrap().value(),
            "https://x"
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
        assert_eq!(problem(":1"), Problem::InvalidFlagName { name: "".into() });
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
}
