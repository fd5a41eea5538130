//! The vehicle owner, without a browser: a test approves, denies or fails a link
//! as the grant page would, and gets the redirect back.

use std::fmt;

use connect_core::{Callback, CallbackError};

use crate::connect::{check, undecided_message, Refusal, DEFAULT_OWNER};
use crate::decision::{decide, Decision, Ending, Undecided};
use crate::handle::StandIn;

/// How the owner approves a link: as whom (the v3 `user_id` is the same for the
/// same owner), and which optional permissions they uncheck.
///
/// ```
/// use connect_stand_in::{Approval, OwnerError, StandIn};
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let link = "https://connect.smartcar.com/oauth/authorize?response_type=code\
///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback\
///     &scope=required%3Aread_vin%20read_odometer";
/// let alice = stand_in.approve_with(link, &Approval::new().owner("alice").uncheck("read_odometer"))?;
/// let again = stand_in.approve_with(link, &Approval::new().owner("alice"))?;
/// assert_eq!(alice.callback()?.user_id(), again.callback()?.user_id());
/// // A required permission cannot be unchecked.
/// let refused = stand_in.approve_with(link, &Approval::new().uncheck("read_vin"));
/// assert!(matches!(refused, Err(OwnerError::RequiredPermission { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Approval {
    owner: String,
    unchecked: Vec<String>,
}

impl Default for Approval {
    fn default() -> Self {
        Approval {
            owner: DEFAULT_OWNER.to_owned(),
            unchecked: Vec::new(),
        }
    }
}

impl Approval {
    /// Every permission of the link checked, by the stand-in's default owner.
    #[must_use]
    pub fn new() -> Self {
        Approval::default()
    }

    /// Approved by `owner` (any name: the stand-in gives each its own v3 `user_id`).
    #[must_use]
    pub fn owner(mut self, owner: &str) -> Self {
        owner.clone_into(&mut self.owner);
        self
    }

    /// With `permission` (its name, e.g. `read_odometer`) unchecked.
    #[must_use]
    pub fn uncheck(mut self, permission: &str) -> Self {
        self.unchecked.push(permission.to_owned());
        self
    }
}

/// A documented Connect error, for [`StandIn::fail`]: the redirect back carries its
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
    /// `access_denied`: the owner denied access (what [`StandIn::deny`] sends).
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

/// The redirect back to the application, as Connect's grant page would send the
/// browser: read it with [`callback`](Self::callback), or hand
/// [`as_str`](Self::as_str) to your own callback handler.
///
/// ```
/// use connect_core::Outcome;
/// use connect_stand_in::StandIn;
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let back = stand_in.approve(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&state=s\
///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback",
/// )?;
/// assert!(back.as_str().starts_with("http://localhost:8000/callback?code="));
/// assert!(back.query().contains("&state=s"));
/// let callback = back.callback()?;
/// assert!(matches!(callback.outcome(), Outcome::Code(_)));
/// assert!(callback.user_id().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectBack(String);

impl RedirectBack {
    /// The whole URL: the link's redirect URI and the query Connect adds.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The query of the redirect back (what a callback handler reads).
    #[must_use]
    pub fn query(&self) -> &str {
        self.0.split_once('?').map_or("", |(_, query)| query)
    }

    /// The redirect back read by connect-core.
    ///
    /// # Errors
    ///
    /// What [`Callback::from_url`] says of it (not expected: the stand-in writes it).
    pub fn callback(&self) -> Result<Callback, CallbackError> {
        Callback::from_url(&self.0)
    }
}

impl fmt::Display for RedirectBack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an owner's action on a link did not end in a redirect back.
///
/// ```
/// use connect_stand_in::{OwnerError, StandIn};
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let error = stand_in.approve("not a link").unwrap_err();
/// assert!(matches!(error, OwnerError::LinkRefused { .. }));
/// assert!(error.to_string().starts_with("Connect would refuse this link"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OwnerError {
    /// Connect would refuse the link (or it is no link): every problem, as the
    /// stand-in's 400 page lists them.
    #[non_exhaustive]
    LinkRefused {
        /// Each problem, with its help when it has one.
        problems: Vec<String>,
    },
    /// A required permission was unchecked: the grant page locks it.
    #[non_exhaustive]
    RequiredPermission {
        /// Its name.
        permission: String,
    },
    /// Every permission was unchecked: allow at least one, or deny.
    NothingAllowed,
    /// The link is the Tesla permission upgrade, which ends on Connect's own page:
    /// use [`StandIn::grant_upgrade`].
    NoRedirectBack,
    /// [`StandIn::grant_upgrade`] was given another kind of link.
    NotAnUpgrade,
    /// The battery capacity is not a positive number of kWh.
    #[non_exhaustive]
    InvalidCapacity {
        /// What was given.
        capacity: String,
    },
    /// The stand-in could not answer (no randomness for a code).
    #[non_exhaustive]
    Failed {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for OwnerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OwnerError::LinkRefused { problems } => {
                write!(f, "Connect would refuse this link: {}", problems.join("; "))
            }
            OwnerError::RequiredPermission { permission } => write!(
                f,
                "`{permission}` is required and cannot be unchecked: approve with it, or deny"
            ),
            OwnerError::NothingAllowed => {
                f.write_str("every permission is unchecked: allow at least one, or deny")
            }
            OwnerError::NoRedirectBack => f.write_str(
                "the Tesla permission upgrade does not redirect back: use `StandIn::grant_upgrade`",
            ),
            OwnerError::NotAnUpgrade => f.write_str(
                "not a Tesla permission upgrade link (`/oauth/reauthenticate` with `make=TESLA` \
                 and `scope`, no `vehicle_id`): use `StandIn::approve`",
            ),
            OwnerError::InvalidCapacity { capacity } => write!(
                f,
                "battery capacity `{capacity}` is not a positive number of kWh, e.g. `75` or `82.5`"
            ),
            OwnerError::Failed { reason } => write!(f, "the stand-in failed: {reason}"),
        }
    }
}

impl std::error::Error for OwnerError {}

impl From<Refusal> for OwnerError {
    fn from(refusal: Refusal) -> Self {
        let mut problems: Vec<String> = refusal
            .problems
            .shown
            .into_iter()
            .map(|(message, help)| match help {
                Some(help) => format!("{message} (help: {help})"),
                None => message,
            })
            .collect();
        if refusal.problems.more > 0 {
            problems.push(format!("and {} more", refusal.problems.more));
        }
        OwnerError::LinkRefused { problems }
    }
}

impl From<Undecided> for OwnerError {
    fn from(undecided: Undecided) -> Self {
        match undecided {
            Undecided::Required(permission) => OwnerError::RequiredPermission { permission },
            Undecided::NothingAllowed => OwnerError::NothingAllowed,
            Undecided::NoRandomness(_) => OwnerError::Failed {
                reason: undecided_message(&undecided),
            },
        }
    }
}

impl StandIn {
    /// The link's decision as the grant page takes it, the link opened first.
    fn decide_on(&self, link: &str, decision: &Decision) -> Result<Ending, OwnerError> {
        let shared = self.shared();
        shared.received.link_opened(link);
        let incoming = check(&shared.config, link)?;
        Ok(decide(shared, &incoming, decision)?)
    }

    fn redirect(&self, link: &str, decision: &Decision) -> Result<RedirectBack, OwnerError> {
        match self.decide_on(link, decision)? {
            Ending::Redirect(location) => Ok(RedirectBack(location)),
            Ending::Upgraded(_) => Err(OwnerError::NoRedirectBack),
        }
    }

    /// The owner opens `link` and allows every permission it asks for: the redirect
    /// back with `code` (or `vehicle_id` after re-authentication, neither with
    /// `response_type=none`), the owner's v3 `user_id`, and the link's `state` and
    /// `external_id`. The link's origin does not matter (a `connect_url!` link
    /// goes to `https://connect.smartcar.com`).
    ///
    /// ```
    /// # use connect_stand_in::StandIn;
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let back = stand_in.approve(
    ///     "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id\
    ///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc\
    ///      &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback",
    /// )?;
    /// assert!(back.query().starts_with("vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`OwnerError::LinkRefused`] when Connect would refuse the link (it shows its
    /// 400 page), [`OwnerError::NoRedirectBack`] for the Tesla permission upgrade.
    pub fn approve(&self, link: &str) -> Result<RedirectBack, OwnerError> {
        self.approve_with(link, &Approval::new())
    }

    /// [`approve`](Self::approve) as `approval` says: another owner, optional
    /// permissions unchecked.
    ///
    /// # Errors
    ///
    /// Those of [`approve`](Self::approve), and
    /// [`OwnerError::RequiredPermission`] / [`OwnerError::NothingAllowed`] as the
    /// grant page refuses them.
    pub fn approve_with(
        &self,
        link: &str,
        approval: &Approval,
    ) -> Result<RedirectBack, OwnerError> {
        let decision = self.allow(link, approval)?;
        self.redirect(link, &decision)
    }

    /// The grant page's Allow for `approval`: every permission of the link but
    /// those unchecked.
    fn allow(&self, link: &str, approval: &Approval) -> Result<Decision, OwnerError> {
        let incoming = check(&self.shared().config, link)?;
        let chosen = incoming
            .url
            .request()
            .scope()
            .map(|scope| {
                scope
                    .entries()
                    .iter()
                    .map(|e| e.permission().name().to_owned())
                    .filter(|name| !approval.unchecked.contains(name))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Decision::Allow {
            chosen,
            owner: approval.owner.clone(),
        })
    }

    /// The owner denies `link`: `error=access_denied` back.
    ///
    /// ```
    /// # use connect_stand_in::StandIn;
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let back = stand_in.deny(
    ///     "https://connect.smartcar.com/oauth/authorize?response_type=code\
    ///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback",
    /// )?;
    /// assert!(back.query().starts_with("error=access_denied&error_description="));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`OwnerError::LinkRefused`] when Connect would refuse the link.
    pub fn deny(&self, link: &str) -> Result<RedirectBack, OwnerError> {
        self.redirect(link, &Decision::Deny)
    }

    /// Connect answers `link` with `failure` (see [`ConnectFailure`]).
    ///
    /// # Errors
    ///
    /// [`OwnerError::LinkRefused`] when Connect would refuse the link.
    pub fn fail(&self, link: &str, failure: &ConnectFailure) -> Result<RedirectBack, OwnerError> {
        self.redirect(link, &Decision::Fail(failure.clone()))
    }

    /// The owner grants a Tesla permission upgrade (`/oauth/reauthenticate` with
    /// `make=TESLA` and `scope`): the permissions granted. Connect then shows its
    /// own page: there is no redirect back.
    ///
    /// ```
    /// # use connect_stand_in::{Approval, StandIn};
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let granted = stand_in.grant_upgrade(
    ///     "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&make=TESLA\
    ///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=control_charge%20read_battery\
    ///      &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback",
    ///     &Approval::new().uncheck("read_battery"),
    /// )?;
    /// assert_eq!(granted, ["control_charge"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`OwnerError::NotAnUpgrade`] for another link; those of
    /// [`approve_with`](Self::approve_with).
    pub fn grant_upgrade(
        &self,
        link: &str,
        approval: &Approval,
    ) -> Result<Vec<String>, OwnerError> {
        let decision = self.allow(link, approval)?;
        match self.decide_on(link, &decision)? {
            Ending::Upgraded(granted) => Ok(granted),
            Ending::Redirect(_) => Err(OwnerError::NotAnUpgrade),
        }
    }

    /// The owner answers a battery-capacity link (its `redirect_uri` filled in) with
    /// `capacity` kWh: `vehicle_id`, `selected_capacity` and
    /// `reason=battery_capacity` back.
    ///
    /// ```
    /// # use connect_stand_in::StandIn;
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let link = "https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0\
    ///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&token=t&response_type=vehicle_id\
    ///     &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback";
    /// let back = stand_in.choose_capacity(link, "82.5")?;
    /// assert_eq!(back.query(), "vehicle_id=36ab27d0&selected_capacity=82.5&reason=battery_capacity");
    /// let skipped = stand_in.skip_capacity(link)?;
    /// assert!(skipped.query().starts_with("error=battery_capacity_no_selection"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`OwnerError::LinkRefused`] when the link does not read or its redirect URI
    /// is empty or not registered; [`OwnerError::InvalidCapacity`].
    pub fn choose_capacity(&self, link: &str, capacity: &str) -> Result<RedirectBack, OwnerError> {
        self.capacity(link, Some(capacity))
    }

    /// The owner answers a battery-capacity link with "I don't know":
    /// `error=battery_capacity_no_selection` with `vehicle_id` back.
    ///
    /// # Errors
    ///
    /// [`OwnerError::LinkRefused`] as for [`choose_capacity`](Self::choose_capacity).
    pub fn skip_capacity(&self, link: &str) -> Result<RedirectBack, OwnerError> {
        self.capacity(link, None)
    }

    fn capacity(&self, link: &str, capacity: Option<&str>) -> Result<RedirectBack, OwnerError> {
        let shared = self.shared();
        shared.received.link_opened(link);
        let (link, redirect_uri) = crate::battery::check(&shared.config, link)?;
        crate::battery::answer(&link, &redirect_uri, capacity)
            .map(RedirectBack)
            .map_err(|_| OwnerError::InvalidCapacity {
                capacity: capacity.unwrap_or_default().to_owned(),
            })
    }
}
