//! [`ConnectFailure`]: the documented Connect errors a test makes the stand-in
//! answer with, one table (`failures!`): each row its variant, fields, `error`
//! code and `error_description`, as connect-core's error tables are written.

/// Declares [`ConnectFailure`], one row per Connect error: its doc, its fields
/// (each `Option<String>` or `Option<u16>`, named as the redirect back names it),
/// then `code ("…")` and `description ("…")`. Generates the enum, `code`,
/// `description`, the reading of a grant form's fields and the writing of the
/// redirect back's.
macro_rules! failures {
    (
        $(#[$enum_attr:meta])*
        pub enum $name:ident {
            $(
                $(#[$attr:meta])*
                $variant:ident $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
                    => code ($code:literal), description ($description:literal);
            )*
        }
    ) => {
        $(#[$enum_attr])*
        pub enum $name {
            $(
                $(#[$attr])*
                $variant $({ $($(#[$field_attr])* $field: $ty),* })?,
            )*
        }

        impl $name {
            /// Every `error` code, in the order of the table.
            const CODES: &'static [&'static str] = &[$($code),*];

            /// The `error` code of the redirect back.
            ///
            /// ```
            /// assert_eq!(connect_stand_in::ConnectFailure::NoVehicles.code(), "no_vehicles");
            /// ```
            #[must_use]
            pub fn code(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => $code, )*
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
                    $( $name::$variant { .. } => $description, )*
                }
            }

            /// The failure a grant form asks for with `decision=error`: `error` (its
            /// code) and the failure's own fields (`vin`, `make`, `model`, `year`;
            /// `status_code`, `error_message`).
            pub(crate) fn from_fields(fields: &[(String, String)]) -> Result<Self, String> {
                let field = |name: &str| {
                    fields
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                };
                let code = field("error");
                $(
                    if code.as_deref() == Some($code) {
                        return Ok($name::$variant $({
                            $($field: FieldValue::read(stringify!($field), field(stringify!($field)))?),*
                        })?);
                    }
                )*
                Err(format!("`decision=error` takes `error`: one of {}", Self::CODES.join(", ")))
            }

            /// `error`, `error_description` and the failure's own fields, in that order.
            pub(crate) fn fields(&self) -> Vec<(String, String)> {
                let mut fields = vec![
                    ("error".to_owned(), self.code().to_owned()),
                    ("error_description".to_owned(), self.description().to_owned()),
                ];
                match self {
                    $(
                        $name::$variant $({ $($field),* })? => {
                            $($(
                                if let Some(value) = FieldValue::write($field) {
                                    fields.push((stringify!($field).to_owned(), value));
                                }
                            )*)?
                        }
                    )*
                }
                fields
            }
        }
    };
}

/// A field of a Connect error, as the redirect back writes it and a grant form
/// gives it.
trait FieldValue: Sized {
    fn read(name: &str, value: Option<String>) -> Result<Self, String>;
    fn write(&self) -> Option<String>;
}

impl FieldValue for Option<String> {
    fn read(_: &str, value: Option<String>) -> Result<Self, String> {
        Ok(value)
    }

    fn write(&self) -> Option<String> {
        self.clone()
    }
}

impl FieldValue for Option<u16> {
    fn read(name: &str, value: Option<String>) -> Result<Self, String> {
        value
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("`{name}` is a number, not `{v}`"))
            })
            .transpose()
    }

    fn write(&self) -> Option<String> {
        self.map(|n| n.to_string())
    }
}

failures! {
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
        AccessDenied => code ("access_denied"),
            description ("The user denied access to your application.");
        /// `no_vehicles`: no vehicle in the owner's account.
        NoVehicles => code ("no_vehicles"), description ("The user's account has no vehicles.");
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
        } => code ("vehicle_incompatible"),
             description ("The user's vehicle is not compatible with your application.");
        /// `configuration_error`, with `status_code` and `error_message`.
        ConfigurationError {
            /// `status_code`.
            status_code: Option<u16>,
            /// `error_message`.
            error_message: Option<String>,
        } => code ("configuration_error"),
             description ("Connect could not start: see error_message.");
        /// `invalid_subscription`: the application's subscription is not active.
        InvalidSubscription => code ("invalid_subscription"),
            description ("The application's Smartcar subscription is not active.");
        /// `server_error`: Smartcar failed.
        ServerError => code ("server_error"),
            description ("Smartcar encountered an unexpected error.");
        /// `user_manually_returned_to_application`: the owner left Connect.
        UserManuallyReturnedToApplication => code ("user_manually_returned_to_application"),
            description ("The user exited Connect before granting your application access.");
        /// `oem_cancelled_login`: the login at the manufacturer was cancelled.
        OemCancelledLogin => code ("oem_cancelled_login"),
            description ("The login at the vehicle's brand was cancelled.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_reads_back_from_the_fields_it_writes() {
        let failures = [
            ConnectFailure::AccessDenied,
            ConnectFailure::NoVehicles,
            ConnectFailure::VehicleIncompatible {
                vin: Some("5YJ3E1EA7KF000001".into()),
                make: None,
                model: Some("Model 3".into()),
                year: Some(2019),
            },
            ConnectFailure::ConfigurationError {
                status_code: Some(400),
                error_message: Some("Bad scope".into()),
            },
            ConnectFailure::InvalidSubscription,
            ConnectFailure::ServerError,
            ConnectFailure::UserManuallyReturnedToApplication,
            ConnectFailure::OemCancelledLogin,
        ];
        assert_eq!(failures.len(), ConnectFailure::CODES.len());
        for failure in failures {
            let fields = failure.fields();
            assert_eq!(fields[0], ("error".to_owned(), failure.code().to_owned()));
            assert_eq!(ConnectFailure::from_fields(&fields), Ok(failure));
        }
    }

    #[test]
    fn an_unknown_code_lists_the_known_ones() {
        let fields = [("error".to_owned(), "made_up".to_owned())];
        assert_eq!(
            ConnectFailure::from_fields(&fields),
            Err(
                "`decision=error` takes `error`: one of access_denied, no_vehicles, \
                vehicle_incompatible, configuration_error, invalid_subscription, server_error, \
                user_manually_returned_to_application, oem_cancelled_login"
                    .to_owned()
            )
        );
        let fields = [
            ("error".to_owned(), "configuration_error".to_owned()),
            ("status_code".to_owned(), "x".to_owned()),
        ];
        assert_eq!(
            ConnectFailure::from_fields(&fields),
            Err("`status_code` is a number, not `x`".to_owned())
        );
    }
}
