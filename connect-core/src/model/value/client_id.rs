use super::{check_url_safe, string_value};
use crate::error::{Error, Problem};
use crate::parameter::Parameter;

/// The app id under exactly one of its two names, `client_id` and
/// `application_id`: the name and what is written under it. The one owner of
/// that rule, through [`read_app_id`].
///
/// # Errors
///
/// Both names (`BothAppIds`, on `application_id`), or neither (`Missing`, on
/// `client_id`).
fn one_app_id<T>(client_id: Option<T>, application_id: Option<T>) -> Result<(Parameter, T), Error> {
    match (client_id, application_id) {
        (Some(id), None) => Ok((Parameter::ClientId, id)),
        (None, Some(id)) => Ok((Parameter::ApplicationId, id)),
        (Some(_), Some(_)) => Err(Error::new(Parameter::ApplicationId, Problem::BothAppIds)),
        (None, None) => Err(Error::new(Parameter::ClientId, Problem::Missing)),
    }
}

/// Why [`read_app_id`] has no app id.
#[derive(Debug)]
pub(crate) enum AppIdError {
    /// Both names, or neither ([`one_app_id`]): about the keys.
    NotOne(Error),
    /// Text an app id's rules refuse ([`parse_app_id`]), under the name written:
    /// about the value.
    Refused(Error),
}

/// The app id a link writes: under exactly one of its two names, and, when it is
/// text, read with an app id's rules ([`parse_app_id`]). The one reader of the
/// app id, for links (`read/link.rs`), battery-capacity links and `connect_url!`,
/// whose value may be an expression: `text` gives `None` for it, and it comes
/// back unread (`Err(value)`).
///
/// # Errors
///
/// [`AppIdError`]: both names or neither, or text the rules refuse.
pub(crate) fn read_app_id<V>(
    client_id: Option<V>,
    application_id: Option<V>,
    text: impl FnOnce(&V) -> Option<&str>,
) -> Result<(Parameter, Result<ClientId, V>), AppIdError> {
    let (parameter, value) = one_app_id(client_id, application_id).map_err(AppIdError::NotOne)?;
    match text(&value) {
        Some(text) => match parse_app_id(text, parameter) {
            Ok(id) => Ok((parameter, Ok(id))),
            Err(e) => Err(AppIdError::Refused(e)),
        },
        None => Ok((parameter, Err(value))),
    }
}

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
    /// UUID. An id beginning with `client_` parses (it is the id of a v3 API
    /// credential, which `token::Credentials` also carry) but
    /// is refused as a Connect app id, which Connect answers with `400: Invalid
    /// parameter client_id`: [`ConnectUrlBuilder::build`](crate::ConnectUrlBuilder::build),
    /// a literal of `connect_url!`, reading a link and the registration each report
    /// it as an error ([`is_api_credential`](ClientId::is_api_credential)). A link
    /// of `connect_url!` with the app id as an expression cannot fail at run time:
    /// check an id read from configuration with `is_api_credential` where it is read.
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
const API_CREDENTIAL_PREFIX: &str = "client_";

impl ClientId {
    /// Whether this is a v3 API credential's id (`client_…`, for `POST
    /// https://iam.smartcar.com/oauth2/token`) rather than a Connect app id: a link
    /// that sends one is refused by Connect (`400: Invalid parameter client_id`),
    /// so every link this crate writes or reads refuses it.
    ///
    /// ```
    /// use connect_core::{ClientId, ConnectUrl};
    ///
    /// let credential: ClientId = "client_9a8b7c6d5e4f".parse()?;
    /// assert!(credential.is_api_credential());
    /// let error = ConnectUrl::builder(credential).build().unwrap_err();
    /// assert_eq!(
    ///     error.message(),
    ///     "`client_9a8b7c6d5e4f` is a v3 API credential, not a Connect app id: \
    ///      Connect answers \"400: Invalid parameter client_id\""
    /// );
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    #[must_use]
    pub fn is_api_credential(&self) -> bool {
        self.as_str().starts_with(API_CREDENTIAL_PREFIX)
    }

    /// The rule of a Connect app id beyond the value's own, sent as `parameter`:
    /// not a v3 API credential. The one place it is decided, for the builder, the
    /// reader, the registration and `connect_url!`.
    pub(crate) fn check_app_id(&self, parameter: Parameter) -> Result<(), Error> {
        if self.is_api_credential() {
            return Err(Error::new(
                parameter,
                Problem::ApiCredentialAsAppId {
                    id: self.as_str().to_owned(),
                },
            ));
        }
        Ok(())
    }
}

/// A Connect app id from text, sent as `parameter`: the value's rules, then the
/// app id's ([`ClientId::check_app_id`]), each error under that name.
pub(crate) fn parse_app_id(text: &str, parameter: Parameter) -> Result<ClientId, Error> {
    let id = text
        .parse::<ClientId>()
        .map_err(|e| Error::new(parameter, e.problem().clone()))?;
    id.check_app_id(parameter)?;
    Ok(id)
}

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

    #[test]
    fn the_app_id_is_under_exactly_one_of_its_names() {
        assert_eq!(
            one_app_id(Some("a"), None).unwrap(),
            (Parameter::ClientId, "a")
        );
        assert_eq!(
            one_app_id(None, Some("b")).unwrap(),
            (Parameter::ApplicationId, "b")
        );
        let both = one_app_id(Some("a"), Some("b")).unwrap_err();
        assert_eq!(
            (both.parameter(), both.problem()),
            (Some(Parameter::ApplicationId), &Problem::BothAppIds)
        );
        let neither = one_app_id::<&str>(None, None).unwrap_err();
        assert_eq!(
            (neither.parameter(), neither.problem()),
            (Some(Parameter::ClientId), &Problem::Missing)
        );
    }

    #[test]
    fn accepts_uuids_and_new_style_ids() {
        for id in ["8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", "client_abc.DEF~1"] {
            assert_eq!(id.parse::<ClientId>().unwrap().as_str(), id);
            assert_eq!(ClientId::from_static(id).unwrap().to_string(), id);
        }
    }

    #[test]
    fn a_v3_api_credential_is_refused_as_app_id_under_the_name_it_is_sent_as() {
        for parameter in [Parameter::ClientId, Parameter::ApplicationId] {
            let e = parse_app_id("client_9a8b7c6d5e4f", parameter).unwrap_err();
            assert_eq!(e.parameter(), Some(parameter));
            assert_eq!(
                e.problem(),
                &Problem::ApiCredentialAsAppId {
                    id: "client_9a8b7c6d5e4f".into()
                }
            );
            assert!(e.help().unwrap().contains("Smartcar dashboard"));
            assert_eq!(
                parse_app_id("a b", parameter).unwrap_err().parameter(),
                Some(parameter)
            );
        }
        // Only the prefix: an app id may contain `client` elsewhere.
        assert!(parse_app_id("my-client_1", Parameter::ClientId).is_ok());
        assert!(parse_app_id("Client_1", Parameter::ClientId).is_ok());
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
