//! The redirect back: what Connect appends to the redirect URI, typed.
//!
//! This file reads the query into a [`Callback`] and its [`Outcome`];
//! `code.rs` holds the [`AuthorizationCode`], `connect_error.rs` Connect's
//! error catalog and its wording, `error.rs` why a redirect cannot be read
//! ([`CallbackError`]) and its wording.

mod code;
mod connect_error;
mod error;
#[cfg(test)]
mod tests;
mod user_id;

pub use code::AuthorizationCode;
pub use connect_error::{ConnectError, ConnectErrorKind};
pub use error::CallbackError;
pub use user_id::UserId;

use crate::encode::decode;
use crate::model::value::{State, VehicleId};
use connect_error::error_kind;

/// The query Connect sends the owner back with.
///
/// Parse it with [`Callback::from_query`] or [`Callback::from_url`], then check the
/// state with [`Callback::verify`] before trusting the outcome.
///
/// ```
/// use connect_core::{Callback, Outcome, State};
///
/// let sent: State = "0facda3319".parse()?; // kept from when the link was made
/// let callback = Callback::from_url("https://example.com/home?code=abc-123&state=0facda3319")?;
/// assert_eq!(callback.state(), Some("0facda3319"));
/// match callback.verify(&sent)? {
///     Outcome::Code(code) => assert_eq!(code.as_str(), "abc-123"), // exchange it for tokens
///     Outcome::Error(error) => panic!("{error}"),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    outcome: Outcome,
    state: Option<String>,
    user_id: Option<UserId>,
    external_id: Option<String>,
    virtual_key_url: Option<String>,
    extra: Vec<(String, String)>,
}

/// How the Connect flow ended.
///
/// `#[non_exhaustive]`: Connect may end a flow in new ways (it added
/// `response_type=none`); a `match` needs a `_` arm.
///
/// ```
/// use connect_core::{Callback, ConnectErrorKind, Outcome, State};
///
/// let sent: State = "0facda3319".parse()?;
/// for (query, expected) in [
///     ("code=abc&state=0facda3319", "a code"),
///     ("vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&state=0facda3319", "a vehicle"),
///     ("user_id=2d1ba1a4&state=0facda3319", "a v3 user"),
///     ("state=0facda3319", "nothing"),
///     ("error=access_denied&state=0facda3319", "denied"),
/// ] {
///     let what = match Callback::from_query(query)?.verify(&sent)? {
///         Outcome::Code(_) => "a code",
///         Outcome::Reauthenticated(_) => "a vehicle",
///         Outcome::Connected(_) => "a v3 user",
///         Outcome::Completed => "nothing",
///         Outcome::Error(e) if *e.kind() == ConnectErrorKind::AccessDenied => "denied",
///         _ => "something else",
///     };
///     assert_eq!(what, expected);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The owner granted access: exchange the code at
    /// `POST https://auth.smartcar.com/oauth/token` within 10 minutes.
    Code(AuthorizationCode),
    /// Re-authentication succeeded for this vehicle.
    Reauthenticated(VehicleId),
    /// The owner connected (Smartcar's v3 flow): a `user_id` and no `code` came
    /// back. Keep the [`UserId`] with the owner's account: it is the
    /// `sc-user-id` of every v3 API call. (When a `code` comes along, the outcome
    /// is [`Code`](Self::Code) for the v2 exchange, and the user id is at
    /// [`Callback::user_id`].)
    Connected(UserId),
    /// The flow ended without a code and without a user id, as a link with
    /// `response_type=none` asks: neither `code`, `vehicle_id`, `user_id` nor
    /// `error` came back.
    Completed,
    /// Connect reports an error.
    Error(ConnectError),
    /// The owner chose the battery capacity of a vehicle, on a
    /// [`BatteryCapacityLink`](crate::BatteryCapacityLink): `vehicle_id`,
    /// `selected_capacity` and `reason=battery_capacity` came back.
    ///
    /// That link carries no `state`, so neither does this redirect: read it with
    /// [`Callback::outcome`], and trust the capacity only as Smartcar's API
    /// reports it (`GET /vehicles/{id}/battery/nominal_capacity`).
    BatteryCapacity(BatteryCapacity),
}

/// The battery capacity an owner chose for a vehicle.
///
/// ```
/// use connect_core::{Callback, Outcome};
///
/// let query = "vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&selected_capacity=75.5&reason=battery_capacity";
/// let callback = Callback::from_query(query)?;
/// let Outcome::BatteryCapacity(capacity) = callback.outcome() else {
///     panic!("{:?}", callback.outcome());
/// };
/// assert_eq!(capacity.vehicle_id().as_str(), "36ab27d0-fd9d-4455-823a-ce30af709ffc");
/// assert_eq!(capacity.selected_capacity(), "75.5");
/// assert_eq!(capacity.kilowatt_hours(), 75.5);
/// # Ok::<(), connect_core::CallbackError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatteryCapacity {
    vehicle_id: VehicleId,
    selected_capacity: String,
}

impl BatteryCapacity {
    /// The vehicle.
    #[must_use]
    pub fn vehicle_id(&self) -> &VehicleId {
        &self.vehicle_id
    }

    /// `selected_capacity` as it came (also read under Smartcar's misspelling
    /// `selected_capcity`): a positive number of kilowatt-hours.
    #[must_use]
    pub fn selected_capacity(&self) -> &str {
        &self.selected_capacity
    }

    /// The capacity in kilowatt-hours.
    #[must_use]
    pub fn kilowatt_hours(&self) -> f64 {
        // Checked on entry: a finite positive number.
        self.selected_capacity.parse().unwrap_or(f64::NAN)
    }
}

/// The value of `reason` on the redirect back from a battery-capacity link.
const BATTERY_CAPACITY_REASON: &str = "battery_capacity";
impl Callback {
    /// Parses the query of the redirect (with or without its leading `?`).
    /// Parameters this library does not know are kept in [`extra`](Self::extra).
    ///
    /// ```
    /// use connect_core::Callback;
    ///
    /// let callback = Callback::from_query("?code=abc&state=0facda3319&utm_source=mail")?;
    /// assert_eq!(callback.state(), Some("0facda3319"));
    /// assert_eq!(callback.extra(), [("utm_source".to_owned(), "mail".to_owned())]);
    /// # Ok::<(), connect_core::CallbackError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A query over [`MAX_URL_LEN`](crate::MAX_URL_LEN), a bad percent escape or a
    /// parameter given twice, a value of the wrong shape, more than one of `code`,
    /// `vehicle_id` and `error`, or an empty query.
    pub fn from_query(query: &str) -> Result<Callback, CallbackError> {
        if query.len() > crate::limits::MAX_URL_LEN {
            return Err(CallbackError::TooLong {
                length: query.len(),
            });
        }
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut fields: Vec<(String, String)> = Vec::new();
        // The names seen so far: the duplicate check is linear in the parameters.
        let mut seen = std::collections::HashSet::new();
        for piece in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            let name = decode(name, None).map_err(CallbackError::Malformed)?;
            let value = decode(value, None).map_err(CallbackError::Malformed)?;
            if !seen.insert(name.clone()) {
                return Err(CallbackError::Duplicate { name });
            }
            fields.push((name, value));
        }
        Callback::from_fields(fields)
    }

    /// Parses the full URL the owner landed on: its query, without any fragment.
    ///
    /// ```
    /// use connect_core::{Callback, ConnectErrorKind, Outcome};
    ///
    /// let callback = Callback::from_url("https://example.com/home?error=access_denied&state=s#_")?;
    /// assert!(matches!(callback.outcome(), Outcome::Error(e) if *e.kind() == ConnectErrorKind::AccessDenied));
    /// # Ok::<(), connect_core::CallbackError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_query`](Self::from_query).
    pub fn from_url(url: &str) -> Result<Callback, CallbackError> {
        if url.len() > crate::limits::MAX_URL_LEN {
            return Err(CallbackError::TooLong { length: url.len() });
        }
        let without_fragment = url.split('#').next().unwrap_or_default();
        let query = without_fragment.split_once('?').map_or("", |(_, q)| q);
        Callback::from_query(query)
    }

    fn from_fields(mut fields: Vec<(String, String)>) -> Result<Callback, CallbackError> {
        if fields.is_empty() {
            return Err(CallbackError::NoOutcome);
        }
        // Called a fixed number of times, each a pass over the fields: linear.
        let mut take = |name: &str| {
            let i = fields.iter().position(|(n, _)| n == name)?;
            Some(fields.remove(i).1)
        };
        let state = take("state");
        let user_id = take("user_id").map(UserId::try_from).transpose()?;
        let external_id = take("external_id");
        let virtual_key_url = take("virtual_key_url");
        let code = take("code");
        let mut vehicle_id = take("vehicle_id");
        let error = take("error");
        let reason = take("reason");
        let mut capacity = selected_capacity(take("selected_capacity"), take("selected_capcity"))?;
        let battery = reason.as_deref() == Some(BATTERY_CAPACITY_REASON) || capacity.is_some();
        let battery = battery && error.is_none();
        if !battery {
            // Not a battery capacity: what was taken for one is kept as it came.
            let taken = [("reason", reason), ("selected_capacity", capacity.take())];
            fields.extend(
                taken
                    .into_iter()
                    .filter_map(|(name, value)| Some((name.to_owned(), value?))),
            );
        }
        let (outcome, extra) = if battery {
            if code.is_some() {
                return Err(CallbackError::ConflictingOutcome);
            }
            let vehicle_id =
                vehicle_id.ok_or(CallbackError::MissingField { name: "vehicle_id" })?;
            let selected_capacity = capacity.ok_or(CallbackError::MissingField {
                name: "selected_capacity",
            })?;
            let outcome = Outcome::BatteryCapacity(BatteryCapacity {
                vehicle_id: vehicle_id_of(vehicle_id)?,
                selected_capacity,
            });
            (outcome, fields)
        } else if error.is_some() && code.is_none() {
            let mut take = |name: &str| {
                let i = fields.iter().position(|(n, _)| n == name)?;
                Some(fields.remove(i).1)
            };
            // `battery_capacity_no_selection` names the vehicle with its error.
            let description = take("error_description");
            let kind = error_kind(error.unwrap_or_default(), &mut vehicle_id, &mut take)?;
            let mut extra = fields;
            if let Some(id) = vehicle_id {
                extra.push(("vehicle_id".to_owned(), id));
            }
            (Outcome::Error(ConnectError { kind, description }), extra)
        } else {
            let outcome = match (code, vehicle_id, error) {
                (Some(code), None, None) if !code.is_empty() => {
                    Outcome::Code(AuthorizationCode(code))
                }
                (Some(code), None, None) => {
                    return Err(CallbackError::InvalidValue {
                        name: "code",
                        value: code,
                    });
                }
                (None, Some(id), None) => Outcome::Reauthenticated(vehicle_id_of(id)?),
                (None, None, None) => match &user_id {
                    Some(user) => Outcome::Connected(user.clone()),
                    None => Outcome::Completed,
                },
                _ => return Err(CallbackError::ConflictingOutcome),
            };
            (outcome, fields)
        };
        Ok(Callback {
            outcome,
            state,
            user_id,
            external_id,
            virtual_key_url,
            extra,
        })
    }

    /// `user_id`: the owner's Smartcar user, for the `sc-user-id` header of the
    /// v3 API (also with a `code`, or on an error).
    #[must_use]
    pub fn user_id(&self) -> Option<&UserId> {
        self.user_id.as_ref()
    }

    /// `external_id`: the application's own id for the owner, echoed back from the
    /// link (on success and on error).
    #[must_use]
    pub fn external_id(&self) -> Option<&str> {
        self.external_id.as_deref()
    }

    /// `virtual_key_url`: where a Tesla owner adds the application's virtual key.
    #[must_use]
    pub fn virtual_key_url(&self) -> Option<&str> {
        self.virtual_key_url.as_deref()
    }

    /// How the flow ended, before the state is checked.
    #[must_use]
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// The `state` that came back.
    #[must_use]
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// Parameters not known to this library, in the order received.
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }

    /// The outcome, once the returned state is the `expected` one (compared in
    /// constant time). Errors from Connect are checked too: a forged redirect
    /// could carry one as well as a code.
    ///
    /// ```
    /// use connect_core::{Callback, CallbackError, State};
    ///
    /// let sent: State = "0facda3319".parse()?;
    /// let forged = Callback::from_query("code=abc&state=guess")?;
    /// assert_eq!(forged.verify(&sent).unwrap_err(), CallbackError::StateMismatch);
    /// let genuine = Callback::from_query("code=abc&state=0facda3319")?;
    /// assert!(genuine.verify(&sent).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallbackError::MissingState`] or [`CallbackError::StateMismatch`].
    pub fn verify(self, expected: &State) -> Result<Outcome, CallbackError> {
        match &self.state {
            None => Err(CallbackError::MissingState),
            Some(state) if !expected.matches(state) => Err(CallbackError::StateMismatch),
            Some(_) => Ok(self.outcome),
        }
    }
}

fn vehicle_id_of(id: String) -> Result<VehicleId, CallbackError> {
    VehicleId::try_from(id.clone()).map_err(|_| CallbackError::InvalidValue {
        name: "vehicle_id",
        value: id,
    })
}

/// `selected_capacity`, under either spelling (one of Smartcar's pages writes
/// `selected_capcity`): a finite positive number.
fn selected_capacity(
    right: Option<String>,
    misspelt: Option<String>,
) -> Result<Option<String>, CallbackError> {
    let value = match (right, misspelt) {
        (Some(a), Some(b)) if a != b => {
            return Err(CallbackError::Duplicate {
                name: "selected_capacity".to_owned(),
            })
        }
        (Some(value), _) | (None, Some(value)) => value,
        (None, None) => return Ok(None),
    };
    match value.parse::<f64>() {
        Ok(kwh) if kwh.is_finite() && kwh > 0.0 => Ok(Some(value)),
        _ => Err(CallbackError::InvalidValue {
            name: "selected_capacity",
            value,
        }),
    }
}
