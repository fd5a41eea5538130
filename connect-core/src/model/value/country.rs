use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Problem};
use crate::model::catalog::countries::COUNTRIES;
use crate::parameter::Parameter;

/// An ISO 3166-1 alpha-2 country code, for the `country` flag: every officially
/// assigned code. `UK` is refused with help `GB`; lower case with its upper case.
///
/// ```
/// use connect_core::Country;
///
/// let germany: Country = "DE".parse()?;
/// assert_eq!((germany.code(), germany.name()), ("DE", "Germany"));
/// let error = "UK".parse::<Country>().unwrap_err();
/// assert_eq!(error.help().as_deref(), Some("did you mean `GB`?"));
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country(&'static str);

impl Country {
    /// The two-letter code, e.g. `DE`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        self.0
    }

    /// The English short name, e.g. `Germany`.
    #[must_use]
    pub fn name(self) -> &'static str {
        lookup(self.0).map_or("", |i| COUNTRIES[i].1)
    }

    /// Every assigned code, sorted.
    pub fn all() -> impl Iterator<Item = Country> {
        COUNTRIES.iter().map(|(code, _)| Country(code))
    }
}

fn lookup(code: &str) -> Option<usize> {
    COUNTRIES.binary_search_by(|(c, _)| (*c).cmp(code)).ok()
}

impl FromStr for Country {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        if let Some(i) = lookup(code) {
            return Ok(Country(COUNTRIES[i].0));
        }
        let upper = code.to_ascii_uppercase();
        let problem = if upper == "UK" {
            Problem::UnknownCountry {
                code: code.to_owned(),
                suggestion: Some("GB"),
            }
        } else if lookup(&upper).is_some() {
            Problem::CountryNotUpperCase { upper }
        } else {
            Problem::UnknownCountry {
                code: code.to_owned(),
                suggestion: None,
            }
        };
        Err(Error::new(Parameter::Flags, problem))
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

crate::serde_impls::as_string!(Country);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assigned_code_parses() {
        assert_eq!(Country::all().count(), 249);
        for c in Country::all() {
            assert_eq!(c.code().parse::<Country>().unwrap(), c);
            assert!(!c.name().is_empty());
        }
        assert_eq!("DE".parse::<Country>().unwrap().name(), "Germany");
    }

    #[test]
    fn uk_lowercase_and_unassigned_get_their_own_help() {
        let err = |s: &str| s.parse::<Country>().unwrap_err();
        assert_eq!(err("UK").help().as_deref(), Some("did you mean `GB`?"));
        assert_eq!(err("uk").help().as_deref(), Some("did you mean `GB`?"));
        assert_eq!(
            err("de").problem(),
            &Problem::CountryNotUpperCase { upper: "DE".into() }
        );
        assert_eq!(err("De").help().as_deref(), Some("write `DE`"));
        assert_eq!(
            err("XX").message(),
            "`XX` is not an ISO 3166-1 alpha-2 country code"
        );
        assert_eq!(err("XX").help(), None);
        assert!(err("").parameter() == Some(Parameter::Flags));
        assert!("DEU".parse::<Country>().is_err());
        assert!("EU".parse::<Country>().is_err());
    }
}
