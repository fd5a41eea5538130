//! The vehicle owner, without a browser: a test approves, denies or fails a link
//! as the grant page would, and gets the redirect back.

mod failure;
mod result;

pub use failure::ConnectFailure;
pub use result::{OwnerError, RedirectBack};

use crate::connect::{check, DEFAULT_OWNER};
use crate::decision::{decide, Decision, Ending};
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
