use super::{check_upper_case_charset, string_value};
use crate::error::{Error, Findings, Problem};
use crate::parameter::Parameter;

/// The spelling rule of every make: `A-Z 0-9 _`, non-empty.
fn check_make(value: &str) -> Result<(), Error> {
    let fail = |problem| Err(Error::new(Parameter::Make, problem));
    if value.is_empty() {
        return fail(Problem::Empty);
    }
    check_upper_case_charset(
        value,
        |c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_',
        |upper| Problem::MakeNotUpperCase { upper },
        |character| Problem::MakeCharacter { character },
    )
    .or_else(fail)
}

string_value! {
    /// A vehicle brand, for skipping Connect's brand selector: `TESLA`, `BMW`, ….
    ///
    /// `FromStr` checks only the spelling (`A-Z 0-9 _`), so a brand newer than the
    /// catalog still works; [`Make::from_catalog`] also checks the catalog, as
    /// `connect_url!` does for `make: TESLA`. The cataloged makes are constants in
    /// [`crate::makes`].
    ///
    /// ```
    /// use connect_core::{makes, Make};
    ///
    /// let make: Make = "TESLA".parse()?;
    /// assert_eq!(make, makes::TESLA);
    /// assert_eq!(make.brand(), Some("Tesla"));
    /// // A brand newer than the catalog is still a make: only its spelling is checked...
    /// let newer: Make = "NEW_BRAND".parse()?;
    /// assert_eq!(newer.brand(), None);
    /// // ...unless the catalog is asked, as `connect_url!` does for `make: TESLA`.
    /// let error = Make::from_catalog("TESLAA").unwrap_err();
    /// assert_eq!(error.help().as_deref(), Some("did you mean `TESLA`?"));
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    Make, check_make, read = read_make
}

/// Connect reads a make in any case (the Python SDK's own test sends `make=Ford`):
/// a link read from elsewhere keeps it, in the canonical upper case, with a warning.
fn read_make(text: &str, findings: &mut Findings) -> Option<Make> {
    match check_make(text) {
        Ok(()) => Some(Make(text.to_owned().into())),
        Err(e) => match e.problem() {
            Problem::MakeNotUpperCase { upper } => {
                let make = Make(upper.clone().into());
                findings.warning(e);
                Some(make)
            }
            _ => {
                findings.error(e);
                None
            }
        },
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
            Some("for a make newer than the catalog, `\"ZZZZZZZZ\".parse::<Make>()` checks only its spelling")
        );
        // connect_url! says it in its own syntax.
        assert_eq!(
            crate::__private::in_macro(far).help().as_deref(),
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
