//! [`ConnectFailure`]: the documented Connect errors a test makes the stand-in
//! answer with, their codes, descriptions and fields.

/// A documented Connect error, for [`StandIn::fail`](crate::StandIn::fail): the redirect back carries its
/// `error` code, an `error_description`, and its own fields.
///
/// ```
/// use connect_core::{ConnectErrorKind, Outcome};
/// use connect_stand_in::{ConnectFailure, StandIn};
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let link = "https://connect.smartcar.com/oauth/authorize?response_type=code\
///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback&state=s";
/// let failure = ConnectFailure::VehicleIncompatible {
///     vin: Some("5YJ3E1EA7KF000001".into()),
///     make: Some("TESLA".into()),
///     model: Some("Model 3".into()),
///     year: Some(2019),
/// };
/// let back = stand_in.fail(link, &failure)?;
/// let Outcome::Error(error) = back.callback()?.outcome().clone() else { panic!() };
/// let ConnectErrorKind::VehicleIncompatible { year, .. } = error.kind() else { panic!() };
/// assert_eq!(*year, Some(2019));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectFailure {
    /// `access_denied`: the owner denied access (what [`StandIn::deny`](crate::StandIn::deny) sends).
    AccessDenied,
    /// `no_vehicles`: no vehicle in the owner's account.
    NoVehicles,
    /// `vehicle_incompatible`, with the vehicle's `vin`, `make`, `model`, `year`.
    VehicleIncompatible {
        /// `vin`.
        vin: Option<String>,
        /// `make`.
        make: Option<String>,
        /// `model`.
        model: Option<String>,
        /// `year`.
        year: Option<u16>,
    },
    /// `configuration_error`, with `status_code` and `error_message`.
    ConfigurationError {
        /// `status_code`.
        status_code: Option<u16>,
        /// `error_message`.
        error_message: Option<String>,
    },
    /// `invalid_subscription`: the application's subscription is not active.
    InvalidSubscription,
    /// `server_error`: Smartcar failed.
    ServerError,
    /// `user_manually_returned_to_application`: the owner left Connect.
    UserManuallyReturnedToApplication,
    /// `oem_cancelled_login`: the login at the manufacturer was cancelled.
    OemCancelledLogin,
}

impl ConnectFailure {
    /// The `error` code of the redirect back.
    ///
    /// ```
    /// assert_eq!(connect_stand_in::ConnectFailure::NoVehicles.code(), "no_vehicles");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ConnectFailure::AccessDenied => "access_denied",
            ConnectFailure::NoVehicles => "no_vehicles",
            ConnectFailure::VehicleIncompatible { .. } => "vehicle_incompatible",
            ConnectFailure::ConfigurationError { .. } => "configuration_error",
            ConnectFailure::InvalidSubscription => "invalid_subscription",
            ConnectFailure::ServerError => "server_error",
            ConnectFailure::UserManuallyReturnedToApplication => {
                "user_manually_returned_to_application"
            }
            ConnectFailure::OemCancelledLogin => "oem_cancelled_login",
        }
    }

    /// The `error_description` the stand-in sends (Smartcar's wording where the
    /// documentation gives it).
    ///
    /// ```
    /// use connect_stand_in::ConnectFailure;
    /// assert_eq!(
    ///     ConnectFailure::AccessDenied.description(),
    ///     "The user denied access to your application."
    /// );
    /// ```
    #[must_use]
    pub fn description(&self) -> &'static str {
        match self {
            ConnectFailure::AccessDenied => "The user denied access to your application.",
            ConnectFailure::NoVehicles => "The user's account has no vehicles.",
            ConnectFailure::VehicleIncompatible { .. } => {
                "The user's vehicle is not compatible with your application."
            }
            ConnectFailure::ConfigurationError { .. } => {
                "Connect could not start: see error_message."
            }
            ConnectFailure::InvalidSubscription => {
                "The application's Smartcar subscription is not active."
            }
            ConnectFailure::ServerError => "Smartcar encountered an unexpected error.",
            ConnectFailure::UserManuallyReturnedToApplication => {
                "The user exited Connect before granting your application access."
            }
            ConnectFailure::OemCancelledLogin => "The login at the vehicle's brand was cancelled.",
        }
    }

    /// The failure a grant form asks for with `decision=error`: `error` (its code)
    /// and the failure's own fields (`vin`, `make`, `model`, `year`; `status_code`,
    /// `error_message`).
    pub(crate) fn from_fields(fields: &[(String, String)]) -> Result<Self, String> {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let number = |name: &str| -> Result<Option<u16>, String> {
            field(name)
                .map(|v| {
                    v.parse()
                        .map_err(|_| format!("`{name}` is a number, not `{v}`"))
                })
                .transpose()
        };
        Ok(match field("error").as_deref() {
            Some("access_denied") => ConnectFailure::AccessDenied,
            Some("no_vehicles") => ConnectFailure::NoVehicles,
            Some("vehicle_incompatible") => ConnectFailure::VehicleIncompatible {
                vin: field("vin"),
                make: field("make"),
                model: field("model"),
                year: number("year")?,
            },
            Some("configuration_error") => ConnectFailure::ConfigurationError {
                status_code: number("status_code")?,
                error_message: field("error_message"),
            },
            Some("invalid_subscription") => ConnectFailure::InvalidSubscription,
            Some("server_error") => ConnectFailure::ServerError,
            Some("user_manually_returned_to_application") => {
                ConnectFailure::UserManuallyReturnedToApplication
            }
            Some("oem_cancelled_login") => ConnectFailure::OemCancelledLogin,
            _ => {
                return Err(
                    "`decision=error` takes `error`: one of access_denied, no_vehicles, \
                     vehicle_incompatible, configuration_error, invalid_subscription, \
                     server_error, user_manually_returned_to_application, oem_cancelled_login"
                        .to_owned(),
                )
            }
        })
    }

    /// `error`, `error_description` and the failure's own fields, in that order.
    pub(crate) fn fields(&self) -> Vec<(String, String)> {
        let mut fields = vec![
            ("error".to_owned(), self.code().to_owned()),
            (
                "error_description".to_owned(),
                self.description().to_owned(),
            ),
        ];
        let mut push = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                fields.push((name.to_owned(), value));
            }
        };
        match self {
            ConnectFailure::VehicleIncompatible {
                vin,
                make,
                model,
                year,
            } => {
                push("vin", vin.clone());
                push("make", make.clone());
                push("model", model.clone());
                push("year", year.map(|y| y.to_string()));
            }
            ConnectFailure::ConfigurationError {
                status_code,
                error_message,
            } => {
                push("status_code", status_code.map(|s| s.to_string()));
                push("error_message", error_message.clone());
            }
            _ => {}
        }
        fields
    }
}
