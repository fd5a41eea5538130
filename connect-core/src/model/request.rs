//! The typed model of a Connect request: every parameter of the table in
//! [`crate::parameter`], typed.

// The table names its value types: a glob, so that a new one needs no import here
// (and in every other module that expands the table).
#[allow(clippy::wildcard_imports)]
use crate::model::value::*;
use crate::parameter::connect_parameters;
use crate::parameter::Parameter;

/// The path of a first connection.
///
/// ```
/// let link = connect_core::ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?).build()?;
/// assert_eq!(link.request().path(), connect_core::AUTHORIZE_PATH);
/// # Ok::<(), connect_core::Error>(())
/// ```
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
/// The path of a re-authentication (a link with a `vehicle_id`).
///
/// ```
/// let link = connect_core::ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
///     .vehicle_id("36ab27d0-fd9d-4455-823a-ce30af709ffc".parse()?)
///     .build()?;
/// assert_eq!(link.request().path(), connect_core::REAUTHENTICATE_PATH);
/// # Ok::<(), connect_core::Error>(())
/// ```
pub const REAUTHENTICATE_PATH: &str = "/oauth/reauthenticate";
/// The path of the battery-capacity link Smartcar's API hands over
/// ([`BatteryCapacityLink`](crate::BatteryCapacityLink)).
pub const BATTERY_CAPACITY_PATH: &str = "/battery-capacity";

macro_rules! request_struct {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ty = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty = $form:ident $(as $expr:ty)?, $doc:literal; )* }
    ) => {
        /// Every parameter of a Connect link, typed. Only what was declared is
        /// `Some`: nothing is filled in with Connect's defaults.
        ///
        /// Read it through [`ConnectUrl::request`](crate::ConnectUrl::request); make
        /// one with [`ConnectUrl::builder`](crate::ConnectUrl::builder), by reading a
        /// link, or with `connect_url!`.
        ///
        /// ```
        /// use connect_core::{ConnectUrl, Mode, Permission};
        ///
        /// let link: ConnectUrl = "https://connect.smartcar.com/oauth/authorize?response_type=code\
        ///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=required%3Aread_odometer%20read_vin\
        ///     &mode=simulated".parse()?;
        /// let request = link.request();
        /// assert_eq!(request.client_id().as_str(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
        /// assert_eq!(request.mode(), Some(&Mode::Simulated));
        /// assert!(request.scope().is_some_and(|s| s.contains(Permission::ReadVin)));
        /// assert_eq!(request.state(), None); // not declared, not filled in
        /// assert!(!request.is_reauthentication());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct ConnectRequest {
            pub(crate) app_id: ClientId,
            /// `client_id` or `application_id`: the name the app id is sent under.
            pub(crate) app_id_parameter: Parameter,
            /// `response_type=none` was written.
            pub(crate) no_response: bool,
            /// The path is `/oauth/reauthenticate` (`vehicle_id` sets it too, when
            /// the link is built): without `vehicle_id`, the Tesla permission upgrade.
            pub(crate) reauthenticate: bool,
            /// The spellings a link read from elsewhere gave values that write
            /// themselves otherwise (`QueryValue::spelling`: `mode=test`, whose
            /// `mode` is `simulated`), in the table's order; the link renders each
            /// as read. Empty on a link the builder or `connect_url!` made.
            pub(crate) spellings: Vec<(Parameter, &'static str)>,
            $( pub(crate) $name: Option<$ty>, )*
            /// Parameters this crate does not model, decoded, in the order read.
            pub(crate) extra: Vec<(String, String)>,
        }

        impl ConnectRequest {
            /// A request with this app id, sent under `app_id_parameter`, and
            /// nothing else.
            pub(crate) fn new(app_id: ClientId, app_id_parameter: Parameter) -> Self {
                ConnectRequest {
                    app_id,
                    app_id_parameter,
                    no_response: false,
                    reauthenticate: false,
                    spellings: Vec::new(),
                    $( $name: None, )*
                    extra: Vec::new(),
                }
            }

            $(
                #[doc = $doc]
                #[must_use]
                pub fn $name(&self) -> Option<&$ty> {
                    self.$name.as_ref()
                }
            )*
        }
    };
}
connect_parameters!(request_struct);

impl ConnectRequest {
    /// The application's id, whichever name it is sent under (see
    /// [`app_id_parameter`](Self::app_id_parameter)).
    #[must_use]
    pub fn client_id(&self) -> &ClientId {
        &self.app_id
    }

    /// [`Parameter::ClientId`] or [`Parameter::ApplicationId`]: the name the app
    /// id is sent under.
    #[must_use]
    pub fn app_id_parameter(&self) -> Parameter {
        self.app_id_parameter
    }

    /// Whether this is a re-authentication link (`/oauth/reauthenticate`): of the
    /// vehicle `vehicle_id` names, or the Tesla permission upgrade without it.
    #[must_use]
    pub fn is_reauthentication(&self) -> bool {
        self.reauthenticate || self.vehicle_id.is_some()
    }

    /// Whether this is the Tesla permission upgrade: `/oauth/reauthenticate`
    /// without `vehicle_id`, with `make=TESLA` and a `scope`. Connect shows the
    /// permissions to grant and sends no code back.
    #[must_use]
    pub fn is_permission_upgrade(&self) -> bool {
        self.reauthenticate && self.vehicle_id.is_none()
    }

    /// The deprecated spelling of `mode` of a link read from elsewhere (`test`
    /// or `test_mode`), which it renders back: [`mode`](Self::mode) is then
    /// [`Mode::Simulated`], what Connect reads it as. Never set on a link the
    /// builder or `connect_url!` made: they write only `live` and `simulated`.
    #[must_use]
    pub fn deprecated_mode(&self) -> Option<DeprecatedMode> {
        self.spelling(Parameter::Mode)
            .and_then(DeprecatedMode::from_name)
    }

    /// The spelling `parameter`'s value was read with, when the value writes
    /// itself otherwise (see the field `spellings`).
    pub(crate) fn spelling(&self, parameter: Parameter) -> Option<&'static str> {
        self.spellings
            .iter()
            .find(|(kept, _)| *kept == parameter)
            .map(|&(_, spelling)| spelling)
    }

    /// `none` when written; otherwise `code`, or `vehicle_id` for re-authentication.
    #[must_use]
    pub fn response_type(&self) -> ResponseType {
        if self.no_response {
            ResponseType::None
        } else if self.is_reauthentication() {
            ResponseType::VehicleId
        } else {
            ResponseType::Code
        }
    }

    /// `/oauth/authorize`, or `/oauth/reauthenticate` for re-authentication.
    #[must_use]
    pub fn path(&self) -> &'static str {
        if self.is_reauthentication() {
            REAUTHENTICATE_PATH
        } else {
            AUTHORIZE_PATH
        }
    }

    /// The parameters of a link read from elsewhere that this crate does not model
    /// (`sdk_platform`, `utm_source`, …), decoded, in the order read. They are
    /// rendered after the canonical parameters, so reading a link loses nothing.
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }
}
