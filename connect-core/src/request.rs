//! The typed model of a Connect request, and the builder that checks it.

use crate::error::Error;
use crate::rules::Combination;
use crate::{
    ApprovalPrompt, ClientId, ConnectUrl, Flags, Make, Mode, Origin, RedirectUri, Scope, State,
    User, VehicleId, Vin,
};

/// Every parameter of a Connect link, typed. Only what was declared is `Some`:
/// nothing is filled in with Connect's defaults.
///
/// Read it through [`ConnectUrl::request`]; make one with [`ConnectUrl::builder`],
/// by parsing a link, or with `connect_url!`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConnectRequest {
    pub(crate) client_id: ClientId,
    pub(crate) vehicle_id: Option<VehicleId>,
    pub(crate) scope: Option<Scope>,
    pub(crate) redirect_uri: Option<RedirectUri>,
    pub(crate) state: Option<State>,
    pub(crate) approval_prompt: Option<ApprovalPrompt>,
    pub(crate) mode: Option<Mode>,
    pub(crate) make: Option<Make>,
    pub(crate) single_select: Option<bool>,
    pub(crate) single_select_vin: Option<Vin>,
    pub(crate) flags: Option<Flags>,
    pub(crate) user: Option<User>,
}

impl ConnectRequest {
    /// `client_id`.
    pub fn client_id(&self) -> &ClientId {
        &self.client_id
    }
    /// `vehicle_id`, on a re-authentication link.
    pub fn vehicle_id(&self) -> Option<&VehicleId> {
        self.vehicle_id.as_ref()
    }
    /// `scope`; without it Connect uses the dashboard's Vehicle Access settings.
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }
    /// `redirect_uri`; without it Connect uses the dashboard's default.
    pub fn redirect_uri(&self) -> Option<&RedirectUri> {
        self.redirect_uri.as_ref()
    }
    /// `state`.
    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }
    /// `approval_prompt`; Connect's default is `auto`.
    pub fn approval_prompt(&self) -> Option<ApprovalPrompt> {
        self.approval_prompt
    }
    /// `mode`; Connect's default is `live`.
    pub fn mode(&self) -> Option<Mode> {
        self.mode
    }
    /// `make`.
    pub fn make(&self) -> Option<&Make> {
        self.make.as_ref()
    }
    /// `single_select`.
    pub fn single_select(&self) -> Option<bool> {
        self.single_select
    }
    /// `single_select_vin`.
    pub fn single_select_vin(&self) -> Option<&Vin> {
        self.single_select_vin.as_ref()
    }
    /// `flags`.
    pub fn flags(&self) -> Option<&Flags> {
        self.flags.as_ref()
    }
    /// `user`.
    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    /// Whether this re-authenticates a connected vehicle (`vehicle_id` is given).
    pub fn is_reauthentication(&self) -> bool {
        self.vehicle_id.is_some()
    }

    /// `code`, or `vehicle_id` for re-authentication.
    pub fn response_type(&self) -> &'static str {
        if self.is_reauthentication() {
            "vehicle_id"
        } else {
            "code"
        }
    }

    /// `/oauth/authorize`, or `/oauth/reauthenticate` for re-authentication.
    pub fn path(&self) -> &'static str {
        if self.is_reauthentication() {
            crate::connect_url::REAUTHENTICATE_PATH
        } else {
            crate::connect_url::AUTHORIZE_PATH
        }
    }

    /// What the rules between parameters need to know of this request.
    pub(crate) fn combination(&self) -> Combination<'_> {
        Combination {
            client_id: Some(&self.client_id),
            redirect_uri: self.redirect_uri.as_ref(),
            make: self.make.is_some(),
            single_select: self.single_select,
            single_select_vin: self.single_select_vin.is_some(),
            vehicle_id: self.vehicle_id.is_some(),
        }
    }

    /// For `connect_url!`, which has checked every value and rule at compile time.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __literal(
        client_id: ClientId,
        vehicle_id: Option<VehicleId>,
        scope: Option<Scope>,
        redirect_uri: Option<RedirectUri>,
        state: Option<State>,
        approval_prompt: Option<ApprovalPrompt>,
        mode: Option<Mode>,
        make: Option<Make>,
        single_select: Option<bool>,
        single_select_vin: Option<Vin>,
        flags: Option<Flags>,
        user: Option<User>,
    ) -> Self {
        ConnectRequest {
            client_id,
            vehicle_id,
            scope,
            redirect_uri,
            state,
            approval_prompt,
            mode,
            make,
            single_select,
            single_select_vin,
            flags,
            user,
        }
    }
}

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
    ($( $(#[$doc:meta])* $field:ident: $ty:ty; )*) => {$(
        $(#[$doc])*
        pub fn $field(mut self, value: $ty) -> Self {
            self.request.$field = Some(value);
            self
        }
    )*};
}

impl ConnectUrlBuilder {
    pub(crate) fn new(client_id: ClientId) -> Self {
        ConnectUrlBuilder {
            request: ConnectRequest::__literal(
                client_id, None, None, None, None, None, None, None, None, None, None, None,
            ),
            origin: Origin::SMARTCAR,
        }
    }

    setters! {
        /// `vehicle_id`: makes the link re-authenticate this vehicle.
        vehicle_id: VehicleId;
        /// `scope`: the permissions requested.
        scope: Scope;
        /// `redirect_uri`: where Connect sends the owner back.
        redirect_uri: RedirectUri;
        /// `state`: handed back on the redirect.
        state: State;
        /// `approval_prompt`.
        approval_prompt: ApprovalPrompt;
        /// `mode`.
        mode: Mode;
        /// `make`: skips the brand selector.
        make: Make;
        /// `single_select`: one vehicle only.
        single_select: bool;
        /// `single_select_vin`: only this vehicle; needs `single_select(true)`.
        single_select_vin: Vin;
        /// `flags`.
        flags: Flags;
        /// `user`.
        user: User;
    }

    /// Points the link at another Connect origin, e.g. a local stand-in.
    pub fn origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// The link, or the first rule between parameters it breaks (see
    /// [`Combination::errors`]).
    pub fn build(self) -> Result<ConnectUrl, Error> {
        match self.request.combination().errors().into_iter().next() {
            Some(error) => Err(error),
            None => Ok(self.build_checked()),
        }
    }

    /// The link without checking the rules between parameters, for
    /// `connect_url!`, which has checked them at compile time.
    #[doc(hidden)]
    pub fn __build_checked(self) -> ConnectUrl {
        self.build_checked()
    }

    fn build_checked(self) -> ConnectUrl {
        ConnectUrl::render(self.origin, self.request)
    }
}
