use super::{check_upper_case_charset, string_value};
use crate::error::{Error, Problem};
use crate::parameter::Parameter;

/// A character a VIN may contain: `A-H J-N P R-Z 0-9` (never I, O or Q).
const fn is_vin_char(c: char) -> bool {
    matches!(c, 'A'..='H' | 'J'..='N' | 'P' | 'R'..='Z' | '0'..='9')
}

fn check_vin(value: &str) -> Result<(), Error> {
    let fail = |problem| Err(Error::new(Parameter::SingleSelectVin, problem));
    if value.is_empty() {
        return fail(Problem::Empty);
    }
    let length = value.chars().count();
    if length != 17 {
        return fail(Problem::VinLength { length });
    }
    check_upper_case_charset(
        value,
        is_vin_char,
        |upper| Problem::VinNotUpperCase { upper },
        |character| Problem::VinCharacter { character },
    )
    .or_else(fail)
}

string_value! {
    /// A Vehicle Identification Number: 17 characters of `A-H J-N P R-Z 0-9`.
    ///
    /// The check digit (position 9) is not verified: it is mandatory only in North
    /// America, and Connect serves Europe too.
    ///
    /// ```
    /// use connect_core::Vin;
    ///
    /// let vin: Vin = "1HGCM82633A004352".parse()?;
    /// assert_eq!(vin.as_str(), "1HGCM82633A004352");
    /// // Lower case is refused, with the upper-case spelling as help.
    /// let error = "1hgcm82633a004352".parse::<Vin>().unwrap_err();
    /// assert!(error.help().unwrap().contains("1HGCM82633A004352"));
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    Vin, check_vin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_seventeen_vin_characters() {
        for vin in [
            "1HGCM82633A004352",
            "WVWZZZ1JZXW000001",
            "5YJ3E1EA7KF317000",
        ] {
            assert_eq!(vin.parse::<Vin>().unwrap().as_str(), vin);
        }
    }

    #[test]
    fn reports_length_case_and_characters() {
        let problem = |s: &str| s.parse::<Vin>().unwrap_err().problem().clone();
        assert_eq!(
            problem("1HGCM82633A00435"),
            Problem::VinLength { length: 16 }
        );
        assert_eq!(
            problem("1HGCM82633A0043521"),
            Problem::VinLength { length: 18 }
        );
        assert_eq!(problem(""), Problem::Empty);
        assert_eq!(
            problem("1hgcm82633a004352"),
            Problem::VinNotUpperCase {
                upper: "1HGCM82633A004352".into()
            }
        );
        assert_eq!(
            problem("1HGCM82633O004352"),
            Problem::VinCharacter { character: 'O' }
        );
        assert_eq!(
            problem("1HGCM82633-004352"),
            Problem::VinCharacter { character: '-' }
        );
        // Lower case that would still be invalid reports the character, not the case.
        assert_eq!(
            problem("1hgcm82633o004352"),
            Problem::VinCharacter { character: 'h' }
        );
        assert_eq!(
            problem("ÉHGCM82633A004352"),
            Problem::VinCharacter { character: 'É' }
        );
    }
}
