//! [`ConnectUrlBuilder`]: typed values in, a checked [`ConnectUrl`] out.

use crate::connect_url::ConnectUrl;
use crate::error::{Error, Problem};
use crate::model::origin::Origin;
use crate::model::parts::Parts;
use crate::model::request::ConnectRequest;
// A glob, for the reason given in `model/request.rs`.
#[allow(clippy::wildcard_imports)]
use crate::model::value::*;
use crate::parameter::connect_parameters;
use crate::parameter::Parameter;
use crate::rules::Combination;

/// Builds a [`ConnectUrl`] from typed values; [`build`](Self::build) checks the
/// rules between parameters. Setting a parameter twice keeps the last value.
///
/// ```
/// use connect_core::{ConnectUrl, Mode, Permission, Scope, ScopeEntry};
///
/// let url = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
///     .scope(Scope::new([
///         ScopeEntry::required(Permission::ReadOdometer),
///         ScopeEntry::optional(Permission::ReadVin),
///     ])?)
///     .redirect_uri("https://example.com/home".parse()?)
///     .mode(Mode::Simulated)
///     .build()?;
/// assert_eq!(
///     url.as_str(),
///     "https://connect.smartcar.com/oauth/authorize?response_type=code\
///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07\
///      &scope=required%3Aread_odometer%20read_vin\
///      &redirect_uri=https%3A%2F%2Fexample.com%2Fhome&mode=simulated"
/// );
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build`"]
pub struct ConnectUrlBuilder {
    request: ConnectRequest,
    origin: Origin,
}

macro_rules! setters {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ty = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty = $form:ident $(as $expr:ty)?, $doc:literal; )* }
    ) => {
        impl ConnectUrlBuilder {
            $(
                #[doc = $doc]
                #[doc = ""]
                #[doc = concat!(
                    "Takes a `", stringify!($ty), "`: text from outside becomes one where it is \
                     checked, `text.parse::<", stringify!($ty), ">()?`."
                )]
                pub fn $name(mut self, value: $ty) -> Self {
                    self.request.$name = Some(value);
                    self
                }
            )*
        }
    };
}
connect_parameters!(setters);

impl ConnectUrl {
    /// A builder for a link of this application, sending its id as `client_id`.
    pub fn builder(client_id: ClientId) -> ConnectUrlBuilder {
        ConnectUrlBuilder::new(client_id, Parameter::ClientId)
    }

    /// A builder for a link of this application, sending its id under the newer
    /// name `application_id`, as Smartcar's JavaScript, iOS and Android SDKs do.
    pub fn builder_with_application_id(application_id: ApplicationId) -> ConnectUrlBuilder {
        ConnectUrlBuilder::new(application_id, Parameter::ApplicationId)
    }
}

impl ConnectUrlBuilder {
    pub(crate) fn new(app_id: ClientId, app_id_parameter: Parameter) -> Self {
        ConnectUrlBuilder {
            request: ConnectRequest::new(app_id, app_id_parameter),
            origin: Origin::SMARTCAR,
        }
    }

    /// `response_type=none`: a flow that ends without an authorization code
    /// (`code`, or `vehicle_id` for re-authentication, is implied otherwise).
    pub fn response_type_none(mut self) -> Self {
        self.request.no_response = true;
        self
    }

    /// A re-authentication link (`/oauth/reauthenticate?response_type=vehicle_id`),
    /// which [`vehicle_id`](Self::vehicle_id) implies. Without `vehicle_id` it is
    /// the Tesla permission upgrade, which asks a Tesla owner for the permissions of
    /// `scope` and sends no code back: it needs [`make`](Self::make) = `TESLA` and a
    /// [`scope`](Self::scope).
    ///
    /// ```
    /// use connect_core::{makes, ConnectUrl, Permission, Scope, ScopeEntry};
    ///
    /// let upgrade = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
    ///     .reauthenticate()
    ///     .make(makes::TESLA)
    ///     .scope(Scope::new([ScopeEntry::optional(Permission::ControlCharge)])?)
    ///     .build()?;
    /// assert_eq!(
    ///     upgrade.as_str(),
    ///     "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id\
    ///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=control_charge&make=TESLA"
    /// );
    /// assert!(upgrade.request().is_permission_upgrade());
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    pub fn reauthenticate(mut self) -> Self {
        self.request.reauthenticate = true;
        self
    }

    /// Points the link at another Connect origin, e.g. a local stand-in.
    pub fn origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// The link: its text, rendered once, and the parts it keeps.
    ///
    /// # Errors
    ///
    /// [`Problem::ApiCredentialAsAppId`] for an app id that is a v3 API credential
    /// ([`ClientId::is_api_credential`]), the first rule between parameters it
    /// breaks (see [`Combination::errors`]), or [`Problem::CanonicalTooLong`] for a link
    /// longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN), which no web server passes
    /// on and [`ConnectUrl::read`] would refuse.
    pub fn build(self) -> Result<ConnectUrl, Error> {
        // A v3 API credential as app id: Connect refuses the link.
        self.request
            .app_id
            .check_app_id(self.request.app_id_parameter)?;
        if let Some(error) = Combination::of(&self.request).errors().into_iter().next() {
            return Err(error);
        }
        let url = self.build_checked();
        match url.as_str().len() {
            length if length > crate::limits::MAX_URL_LEN => {
                Err(Error::general(Problem::CanonicalTooLong { length }))
            }
            _ => Ok(url),
        }
    }

    /// The link, for `connect_url!`, which decided every rule at compile time. Not
    /// limited in length: a link of `connect_url!` cannot fail at run time.
    pub(crate) fn build_checked(mut self) -> ConnectUrl {
        // As a link read back has it: `vehicle_id` is re-authentication.
        self.request.reauthenticate |= self.request.vehicle_id.is_some();
        ConnectUrl::from_parts(Parts {
            origin: self.origin,
            request: self.request,
        })
    }
}
