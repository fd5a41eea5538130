use super::{check_non_empty, string_value};
use crate::error::{Error, Parameter};

fn check_user(value: &str) -> Result<(), Error> {
    check_non_empty(Parameter::User, value)
}

string_value! {
    /// An id of the vehicle owner, for analytics across Connect sessions on the
    /// dashboard. Any non-empty text; it is percent-encoded in the link.
    User, check_user
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_non_empty_text() {
        assert_eq!(
            "e9b24987 & ✓".parse::<User>().unwrap().as_str(),
            "e9b24987 & ✓"
        );
        assert_eq!(
            "".parse::<User>().unwrap_err().parameter(),
            Some(Parameter::User)
        );
    }
}
