use super::string_value;
use crate::catalog::makes::MAKES;
use crate::error::{Error, Parameter, Problem};

/// The spelling rule of every make: `A-Z 0-9 _`, non-empty.
fn check_make(value: &str) -> Result<(), Error> {
    let fail = |problem| Err(Error::new(Parameter::Make, problem));
    if value.is_empty() {
        return fail(Problem::Empty);
    }
    let is_make_char = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_';
    let upper = value.to_ascii_uppercase();
    if upper != value && upper.chars().all(is_make_char) {
        return fail(Problem::MakeNotUpperCase { upper });
    }
    match value.chars().find(|&c| !is_make_char(c)) {
        Some(character) => fail(Problem::MakeCharacter { character }),
        None => Ok(()),
    }
}

string_value! {
    /// A vehicle brand, for skipping Connect's brand selector: `TESLA`, `BMW`, ….
    ///
    /// `FromStr` checks only the spelling (`A-Z 0-9 _`), so a brand newer than the
    /// catalog still works; [`Make::from_catalog`] also checks the catalog, as
    /// `connect_url!` does for `make: TESLA`. The cataloged makes are constants in
    /// [`crate::makes`].
    Make, check_make
}

impl Make {
    /// The cataloged make of this exact name, or an error with the closest one.
    pub fn from_catalog(name: &str) -> Result<Make, Error> {
        match MAKES.binary_search_by(|(make, _)| (*make).cmp(name)) {
            Ok(i) => Ok(Make::__literal(MAKES[i].0)),
            Err(_) => Err(Error::new(
                Parameter::Make,
                Problem::UnknownMake {
                    name: name.to_owned(),
                    suggestion: crate::suggest::closest(name, MAKES.iter().map(|(m, _)| *m)),
                },
            )),
        }
    }

    /// Every cataloged make's identifier, sorted.
    pub fn catalog() -> impl Iterator<Item = &'static str> {
        MAKES.iter().map(|(make, _)| *make)
    }

    /// The brand's name (`Mercedes-Benz` for `MERCEDES_BENZ`), if cataloged.
    pub fn brand(&self) -> Option<&'static str> {
        let i = MAKES
            .binary_search_by(|(make, _)| (*make).cmp(self.as_str()))
            .ok()?;
        Some(MAKES[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lookup_and_suggestions() {
        assert_eq!(Make::from_catalog("TESLA").unwrap().as_str(), "TESLA");
        assert_eq!(
            Make::from_catalog("MERCEDES_BENZ").unwrap().brand(),
            Some("Mercedes-Benz")
        );
        let miss = Make::from_catalog("TESLAA").unwrap_err();
        assert_eq!(
            miss.problem(),
            &Problem::UnknownMake {
                name: "TESLAA".into(),
                suggestion: Some("TESLA")
            }
        );
        assert_eq!(
            Make::from_catalog("Tesla").unwrap_err().help().as_deref(),
            Some("did you mean `TESLA`?")
        );
        let far = Make::from_catalog("ZZZZZZZZ").unwrap_err();
        assert_eq!(
            far.help().as_deref(),
            Some("for a make newer than the catalog, write it as a string: `\"ZZZZZZZZ\"`")
        );
        assert!(Make::catalog().any(|m| m == "LAND_ROVER"));
    }

    #[test]
    fn spelling_rule_allows_uncataloged_makes() {
        let m: Make = "NEW_BRAND_2027".parse().unwrap();
        assert_eq!(m.brand(), None);
        let problem = |s: &str| s.parse::<Make>().unwrap_err().problem().clone();
        assert_eq!(
            problem("tesla"),
            Problem::MakeNotUpperCase {
                upper: "TESLA".into()
            }
        );
        assert_eq!(
            problem("LAND ROVER"),
            Problem::MakeCharacter { character: ' ' }
        );
        assert_eq!(problem("ŠKODA"), Problem::MakeCharacter { character: 'Š' });
        assert_eq!(problem(""), Problem::Empty);
    }
}
