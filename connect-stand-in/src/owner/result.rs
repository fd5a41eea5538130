//! What an owner's action ends in: the [`RedirectBack`], or the [`OwnerError`]
//! that says why there is none.

use std::fmt;

use connect_core::{Callback, CallbackError};

use crate::connect::{undecided_message, Refusal};
use crate::decision::Undecided;

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
pub struct RedirectBack(pub(super) String);

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
    /// use [`StandIn::grant_upgrade`](crate::StandIn::grant_upgrade).
    NoRedirectBack,
    /// [`StandIn::grant_upgrade`](crate::StandIn::grant_upgrade) was given another kind of link.
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
