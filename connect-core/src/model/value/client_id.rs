use super::{check_url_safe, string_value};
use crate::error::Error;
use crate::parameter::Parameter;

fn check_client_id(value: &str) -> Result<(), Error> {
    check_url_safe(Parameter::ClientId, value)
}

fn check_vehicle_id(value: &str) -> Result<(), Error> {
    check_url_safe(Parameter::VehicleId, value)
}

string_value! {
    /// The application's id, from the credentials tab of the Smartcar dashboard,
    /// sent as `client_id` or under its newer name `application_id`.
    ///
    /// Non-empty, no whitespace, only `A-Z a-z 0-9 - . _ ~`. Not required to be a
    /// UUID. An id beginning with `client_` is accepted, but reading a link warns
    /// about it: that is the v3 API credential, which Connect refuses as app id.
    ///
    /// ```
    /// use connect_core::ClientId;
    ///
    /// let id: ClientId = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?;
    /// assert_eq!(id.as_str(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
    /// // A constant, checked without copying.
    /// let id = ClientId::from_static("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07")?;
    /// assert_eq!(id.to_string(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
    /// let error = "my app".parse::<ClientId>().unwrap_err();
    /// assert_eq!(error.message(), "`client_id` must not contain whitespace");
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    ClientId, check_client_id
}

/// The app id under its newer name: the same value and rules as [`ClientId`].
/// A link renders it under the name it was given
/// ([`ConnectUrl::builder_with_application_id`](crate::ConnectUrl::builder_with_application_id)).
///
/// ```
/// use connect_core::{ApplicationId, ClientId};
///
/// let id: ApplicationId = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?;
/// let same: ClientId = id.clone();
/// assert_eq!(same, id);
/// # Ok::<(), connect_core::Error>(())
/// ```
pub type ApplicationId = ClientId;

/// The prefix of Smartcar's v3 API credentials, which are not Connect app ids.
pub(crate) const API_CREDENTIAL_PREFIX: &str = "client_";

string_value! {
    /// The id Smartcar gave a connected vehicle; a link with one re-authenticates it.
    ///
    /// Non-empty, no whitespace, only `A-Z a-z 0-9 - . _ ~`.
    ///
    /// ```
    /// use connect_core::{ConnectUrl, VehicleId};
    ///
    /// let vehicle: VehicleId = "36ab27d0-fd9d-4455-823a-ce30af709ffc".parse()?;
    /// let link = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
    ///     .vehicle_id(vehicle)
    ///     .build()?;
    /// assert!(link.as_str().starts_with("https://connect.smartcar.com/oauth/reauthenticate?"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    VehicleId, check_vehicle_id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn accepts_uuids_and_new_style_ids() {
        for id in ["8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", "client_abc.DEF~1"] {
            assert_eq!(id.parse::<ClientId>().unwrap().as_str(), id);
            assert_eq!(ClientId::from_static(id).unwrap().to_string(), id);
        }
    }

    #[test]
    fn rejects_empty_whitespace_and_unsafe() {
        let e = "".parse::<ClientId>().unwrap_err();
        assert_eq!(
            (e.parameter(), e.problem()),
            (Some(Parameter::ClientId), &Problem::Empty)
        );
        assert_eq!(
            "a b".parse::<ClientId>().unwrap_err().problem(),
            &Problem::Whitespace
        );
        assert_eq!(
            "a/b".parse::<ClientId>().unwrap_err().problem(),
            &Problem::NotUrlSafe { character: '/' }
        );
        assert_eq!(
            "é".parse::<VehicleId>().unwrap_err().problem(),
            &Problem::NotUrlSafe { character: 'é' }
        );
        assert_eq!(
            ClientId::try_from("x&y".to_owned())
                .unwrap_err()
                .parameter(),
            Some(Parameter::ClientId)
        );
        assert_eq!(
            "".parse::<VehicleId>().unwrap_err().parameter(),
            Some(Parameter::VehicleId)
        );
    }
}
