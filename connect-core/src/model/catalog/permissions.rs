//! Every permission of Smartcar's permissions page, with its description and kind.
//!
//! One table produces the [`Permission`] enum, its name, description and kind, and
//! the documented constants of [`crate::permissions`] that `connect_url!` points
//! each permission name at, so an IDE shows the description on hover.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Problem};
use crate::parameter::Parameter;

/// Whether a permission reads data (`GET`) or issues commands (`POST`/`PUT`).
///
/// Exhaustive on purpose: Smartcar's permission names are `read_…` or
/// `control_…`, and a `match` on the kind is meant to cover both. A third kind
/// would be a new major version.
///
/// ```
/// use connect_core::{Permission, PermissionKind};
///
/// let controls: Vec<_> = Permission::ALL
///     .iter()
///     .filter(|p| p.kind() == PermissionKind::Control)
///     .map(|p| p.name())
///     .collect();
/// assert!(controls.contains(&"control_trunk"));
/// assert_eq!(Permission::ReadVin.kind(), PermissionKind::Read);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    /// `read_…`: get data from the vehicle.
    Read,
    /// `control_…`: issue commands or apply settings.
    Control,
}

macro_rules! permission_catalog {
    ($( $variant:ident $name:ident $kind:ident $description:literal; )*) => {
        /// A Smartcar permission (an OAuth scope), as listed on
        /// <https://smartcar.com/docs/api-reference/permissions>.
        ///
        /// `FromStr` takes the name (`read_odometer`); `Display` writes it.
        /// `#[non_exhaustive]`: Smartcar adds permissions, and a new one is not a
        /// breaking change here; a `match` on it needs a `_` arm.
        ///
        /// ```
        /// use connect_core::{Permission, PermissionKind};
        ///
        /// let permission: Permission = "read_odometer".parse()?;
        /// assert_eq!(permission, Permission::ReadOdometer);
        /// assert_eq!(permission.name(), "read_odometer");
        /// assert_eq!(permission.description(), "Retrieve total distance traveled");
        /// assert_eq!(permission.kind(), PermissionKind::Read);
        /// // A near miss gets a suggestion.
        /// let error = "read_odometr".parse::<Permission>().unwrap_err();
        /// assert_eq!(error.help().as_deref(), Some("did you mean `read_odometer`?"));
        /// # Ok::<(), connect_core::Error>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Permission {
            $( #[doc = $description] $variant, )*
        }

        impl Permission {
            /// Every permission, in the order of the permissions page.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant),*];

            /// The name written in a scope, e.g. `read_odometer`.
            pub const fn name(self) -> &'static str {
                match self { $(Permission::$variant => stringify!($name),)* }
            }

            /// The description from the permissions page.
            pub const fn description(self) -> &'static str {
                match self { $(Permission::$variant => $description,)* }
            }

            /// Whether it reads data or controls the vehicle.
            pub const fn kind(self) -> PermissionKind {
                match self { $(Permission::$variant => PermissionKind::$kind,)* }
            }
        }

        /// Every permission as a documented constant named as in a scope.
        ///
        /// `connect_url!` resolves each permission name of a `scope: [...]` to the
        /// constant of the same name here, so hovering `read_odometer` in the macro
        /// shows its description and go-to-definition lands here.
        ///
        /// ```
        /// use connect_core::{permissions, Permission};
        ///
        /// assert_eq!(permissions::read_odometer, Permission::ReadOdometer);
        /// assert_eq!(permissions::control_trunk.name(), "control_trunk");
        /// ```
        #[allow(non_upper_case_globals)]
        pub mod names {
            use super::Permission;
            $(
                #[doc = $description]
                #[doc = ""]
                #[doc = concat!("A `", stringify!($kind), "` permission, written `", stringify!($name), "` in a scope.")]
                pub const $name: Permission = Permission::$variant;
            )*
        }
    };
}

permission_catalog! {
    ReadAlerts read_alerts Read "Read alerts from the vehicle";
    ReadBattery read_battery Read "Read an EV’s high voltage battery data";
    ReadCharge read_charge Read "Read charging data";
    ReadChargeLocations read_charge_locations Read "Access previous charging locations and their associated charging configurations";
    ReadChargeRecords read_charge_records Read "Read charge records and associated billing information";
    ReadChargeEvents read_charge_events Read "Receive notifications for events associated with charging";
    ReadClimate read_climate Read "Read the status and settings of the vehicle’s climate control system";
    ReadCompass read_compass Read "Read the compass direction the vehicle is facing";
    ReadDiagnostics read_diagnostics Read "Read a vehicle’s system status and/or Diagnostic Trouble Codes";
    ReadEngineOil read_engine_oil Read "Read vehicle engine oil health";
    ReadExtendedVehicleInfo read_extended_vehicle_info Read "Read vehicle configuration information from a vehicle";
    ReadFuel read_fuel Read "Read fuel tank level";
    ReadLocation read_location Read "Access the vehicle’s location";
    ReadOdometer read_odometer Read "Retrieve total distance traveled";
    ReadSecurity read_security Read "Read the lock status of doors, windows, charging port, etc.";
    ReadServiceHistory read_service_history Read "Read a vehicle’s dealer service history";
    ReadSpeedometer read_speedometer Read "Read a vehicle’s speed";
    ReadThermometer read_thermometer Read "Read temperatures from inside and outside the vehicle";
    ReadTires read_tires Read "Read a vehicle’s tire status";
    ReadUserProfile read_user_profile Read "Read the information associated with a user’s connected services account profile such as their email and phone number.";
    ReadVehicleInfo read_vehicle_info Read "Know make, model, and year";
    ReadVin read_vin Read "Read VIN";
    ControlCharge control_charge Control "Control a vehicle’s charge state";
    ControlClimate control_climate Control "Set the status and settings of the vehicle’s climate control system";
    ControlNavigation control_navigation Control "Send commands to the vehicle’s navigation system";
    ControlSecurity control_security Control "Lock or unlock the vehicle";
    ControlPin control_pin Control "Modify a PIN and enable the PIN to Drive feature for the vehicle.";
    ControlTrunk control_trunk Control "Open a vehicle’s trunk or frunk";
}

impl FromStr for Permission {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Permission::ALL
            .iter()
            .copied()
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                let suggestion =
                    crate::suggest::closest(name, Permission::ALL.iter().map(|p| p.name()));
                Error::new(
                    Parameter::Scope,
                    Problem::UnknownPermission {
                        name: name.to_owned(),
                        suggestion,
                    },
                )
            })
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

crate::serde_impls::as_string!(Permission);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_the_28_permissions_of_the_page() {
        assert_eq!(Permission::ALL.len(), 28);
        let read = Permission::ALL
            .iter()
            .filter(|p| p.kind() == PermissionKind::Read)
            .count();
        assert_eq!(read, 22);
        for p in Permission::ALL {
            assert_eq!(p.name().parse::<Permission>().unwrap(), *p);
            let prefix = if p.kind() == PermissionKind::Read {
                "read_"
            } else {
                "control_"
            };
            assert!(p.name().starts_with(prefix), "{p}");
            assert!(!p.description().is_empty());
        }
        assert_eq!(
            Permission::ReadOdometer.description(),
            "Retrieve total distance traveled"
        );
        assert_eq!(crate::permissions::read_vin, Permission::ReadVin);
    }

    #[test]
    fn unknown_permission_suggests() {
        let e = "read_odometr".parse::<Permission>().unwrap_err();
        assert_eq!(e.message(), "unknown permission `read_odometr`");
        assert_eq!(e.help().as_deref(), Some("did you mean `read_odometer`?"));
        let far = "fly".parse::<Permission>().unwrap_err();
        assert!(far
            .help()
            .unwrap()
            .contains("smartcar.com/docs/api-reference/permissions"));
    }
}
