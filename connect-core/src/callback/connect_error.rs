//! Connect's error catalog: one table (`messages!`), each `error` code of the
//! redirect back beside its variant, its fields and its sentence.

use std::fmt;

use super::CallbackError;
use crate::error::{messages, Escaped};
use crate::model::value::VehicleId;

/// An error Connect redirected back with.
///
/// `Display` is for logs and terminals: what came from the query is escaped
/// there (control, line-breaking and bidi characters), but not for HTML (see
/// [`CallbackError`]).
///
/// ```
/// use connect_core::{Callback, ConnectErrorKind, Outcome};
///
/// let query = "error=vehicle_incompatible&error_description=No%20odometer&make=TESLA&year=2019&state=s";
/// let Outcome::Error(error) = Callback::from_query(query)?.verify(&"s".parse()?)? else { panic!() };
/// assert_eq!(error.kind().code(), "vehicle_incompatible");
/// assert_eq!(error.description(), Some("No odometer"));
/// if let ConnectErrorKind::VehicleIncompatible { make, year, .. } = error.kind() {
///     assert_eq!((make.as_deref(), *year), (Some("TESLA"), Some(2019)));
/// }
/// assert_eq!(error.to_string(), "Connect returned `vehicle_incompatible`: No odometer");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    pub(super) kind: ConnectErrorKind,
    pub(super) description: Option<String>,
}

messages! {
/// The `error` codes of Connect, with the fields each adds.
///
/// `#[non_exhaustive]`, and so is each variant with fields: Connect adds codes
/// and fields. A code this crate does not know yet is [`Other`](Self::Other).
/// `Display` says what happened in a sentence, escaped as [`ConnectError`]'s is.
///
/// ```
/// use connect_core::{Callback, ConnectErrorKind, Outcome};
///
/// let query = "error=configuration_error&status_code=400&error_message=Bad%20scope&state=s";
/// let Outcome::Error(error) = Callback::from_query(query)?.verify(&"s".parse()?)? else { panic!() };
/// match error.kind() {
///     ConnectErrorKind::AccessDenied => println!("the owner said no"),
///     ConnectErrorKind::ConfigurationError { status_code, .. } => assert_eq!(*status_code, Some(400)),
///     other => println!("{other}"),
/// }
/// assert_eq!(
///     error.kind().to_string(),
///     "the application is misconfigured for this connection (status 400): Bad scope"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectErrorKind where (f) coded {
    /// The owner denied access.
    AccessDenied => code ("access_denied"), message ("the owner denied access");
    /// The application's subscription does not allow this connection.
    InvalidSubscription => code ("invalid_subscription"),
        message ("the application's subscription does not allow this connection");
    /// The application is misconfigured for this connection.
    #[non_exhaustive]
    ConfigurationError {
        /// `status_code`.
        status_code: Option<u16>,
        /// `error_message`.
        error_message: Option<String>,
    } => code ("configuration_error"), message {
        f.write_str("the application is misconfigured for this connection")?;
        if let Some(status) = status_code {
            write!(f, " (status {status})")?;
        }
        if let Some(message) = error_message {
            write!(f, ": {}", Escaped(message))?;
        }
        Ok(())
    };
    /// The owner's account has no vehicles.
    NoVehicles => code ("no_vehicles"), message ("the owner's account has no vehicles");
    /// The chosen vehicle cannot do what the application asked.
    #[non_exhaustive]
    VehicleIncompatible {
        /// `vin`.
        vin: Option<String>,
        /// `make`.
        make: Option<String>,
        /// `model`.
        model: Option<String>,
        /// `year`.
        year: Option<u16>,
    } => code ("vehicle_incompatible"), message {
        f.write_str("the vehicle cannot do what the application asked")?;
        let year = year.map(|y| y.to_string());
        let named: Vec<String> = [make.as_deref(), model.as_deref(), year.as_deref()]
            .into_iter()
            .flatten()
            .map(|part| Escaped(part).to_string())
            .collect();
        match (named.is_empty(), vin) {
            (true, None) => Ok(()),
            (false, None) => write!(f, " ({})", named.join(" ")),
            (true, Some(vin)) => write!(f, " (VIN {})", Escaped(vin)),
            (false, Some(vin)) => write!(f, " ({}, VIN {})", named.join(" "), Escaped(vin)),
        }
    };
    /// Smartcar failed.
    ServerError => code ("server_error"), message ("Smartcar failed");
    /// The owner left Connect before granting access.
    UserManuallyReturnedToApplication => code ("user_manually_returned_to_application"),
        message ("the owner left Connect before granting access");
    /// The owner cancelled the login on the vehicle maker's page.
    OemCancelledLogin => code ("oem_cancelled_login"),
        message ("the owner cancelled the login on the vehicle maker's page");
    /// The owner chose no battery capacity for the vehicle.
    #[non_exhaustive]
    BatteryCapacityNoSelection {
        /// `vehicle_id`, of the vehicle concerned.
        vehicle_id: Option<VehicleId>,
    } => code ("battery_capacity_no_selection"), message {
        f.write_str("the owner chose no battery capacity for the vehicle")?;
        match vehicle_id {
            Some(id) => write!(f, " `{id}`"),
            None => Ok(()),
        }
    };
    /// A code this library does not know yet (e.g. the iOS SDK's undocumented
    /// `user_cancelled`), kept as it came.
    Other(code: String) => code (code), message ("Connect returned the error `{}`", Escaped(code));
}
}

impl ConnectError {
    /// Which error, with its fields.
    #[must_use]
    pub fn kind(&self) -> &ConnectErrorKind {
        &self.kind
    }

    /// `error_description`, Connect's own words.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both come from the query: escaped, so that logging one forges no line.
        write!(f, "Connect returned `{}`", Escaped(self.kind.code()))?;
        if let Some(d) = &self.description {
            write!(f, ": {}", Escaped(d))?;
        }
        Ok(())
    }
}

impl std::error::Error for ConnectError {}

pub(super) fn error_kind(
    code: String,
    vehicle_id: &mut Option<String>,
    take: &mut impl FnMut(&str) -> Option<String>,
) -> Result<ConnectErrorKind, CallbackError> {
    fn number<T: std::str::FromStr>(
        name: &'static str,
        value: Option<String>,
    ) -> Result<Option<T>, CallbackError> {
        value
            .map(|v| {
                v.parse()
                    .map_err(|_| CallbackError::InvalidValue { name, value: v })
            })
            .transpose()
    }
    Ok(match code.as_str() {
        "configuration_error" => ConnectErrorKind::ConfigurationError {
            status_code: number("status_code", take("status_code"))?,
            error_message: take("error_message"),
        },
        "vehicle_incompatible" => ConnectErrorKind::VehicleIncompatible {
            vin: take("vin"),
            make: take("make"),
            model: take("model"),
            year: number("year", take("year"))?,
        },
        "battery_capacity_no_selection" => ConnectErrorKind::BatteryCapacityNoSelection {
            vehicle_id: vehicle_id
                .take()
                .map(|id| {
                    VehicleId::try_from(id.clone()).map_err(|_| CallbackError::InvalidValue {
                        name: "vehicle_id",
                        value: id,
                    })
                })
                .transpose()?,
        },
        _ => ConnectErrorKind::from_code_alone(&code).unwrap_or(ConnectErrorKind::Other(code)),
    })
}
