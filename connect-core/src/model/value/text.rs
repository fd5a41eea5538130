use super::{check_non_empty, string_value};
use crate::error::Error;
use crate::parameter::Parameter;

fn check_user(value: &str) -> Result<(), Error> {
    check_non_empty(Parameter::User, value)
}

fn check_external_id(value: &str) -> Result<(), Error> {
    check_non_empty(Parameter::ExternalId, value)
}

string_value! {
    /// An id of the vehicle owner, for analytics across Connect sessions on the
    /// dashboard. Any non-empty text; it is percent-encoded in the link.
    ///
    /// ```
    /// use connect_core::User;
    ///
    /// let user: User = "owner 42".parse()?;
    /// assert_eq!(user.as_str(), "owner 42");
    /// assert!("".parse::<User>().is_err());
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    User, check_user
}

string_value! {
    /// The application's own id for the vehicle owner, echoed back on the redirect
    /// and shown in webhooks and `/connections`. Any non-empty text; it is
    /// percent-encoded in the link. (Smartcar publishes no further rule: it is
    /// treated like `state`.) The iOS SDK deprecates `user` in its favour.
    ///
    /// ```
    /// use connect_core::{Callback, ExternalId};
    ///
    /// let owner: ExternalId = "account-7781".parse()?;
    /// // Sent in the link, echoed back on the redirect.
    /// let callback = Callback::from_query("code=abc&state=s&external_id=account-7781")?;
    /// assert_eq!(callback.external_id(), Some(owner.as_str()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ExternalId, check_external_id
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
        assert_eq!(
            "".parse::<ExternalId>().unwrap_err().parameter(),
            Some(Parameter::ExternalId)
        );
        assert_eq!(
            "owner 42/✓".parse::<ExternalId>().unwrap().as_str(),
            "owner 42/✓"
        );
    }
}
