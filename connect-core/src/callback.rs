//! The redirect back: what Connect appends to the redirect URI, typed.

use std::fmt;

use crate::encode::decode;
use crate::error::Escaped;
use crate::model::value::{State, VehicleId};

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
    user_id: Option<String>,
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
///     ("state=0facda3319", "nothing"),
///     ("error=access_denied&state=0facda3319", "denied"),
/// ] {
///     let what = match Callback::from_query(query)?.verify(&sent)? {
///         Outcome::Code(_) => "a code",
///         Outcome::Reauthenticated(_) => "a vehicle",
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
    /// The flow ended without a code, as a link with `response_type=none` asks:
    /// neither `code`, `vehicle_id` nor `error` came back.
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

/// The authorization code of a successful first connection. Its `Debug` hides it:
/// it is a credential for ten minutes.
///
/// ```
/// use connect_core::{Callback, Outcome};
///
/// let callback = Callback::from_query("code=abc-123&state=0facda3319")?;
/// let Outcome::Code(code) = callback.verify(&"0facda3319".parse()?)? else { panic!() };
/// assert_eq!(code.as_str(), "abc-123");
/// assert_eq!(format!("{code:?}"), "AuthorizationCode(…)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AuthorizationCode(String);

impl AuthorizationCode {
    /// The code, to exchange for tokens.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Kept out of logs: the code is a credential for ten minutes.
impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode(…)")
    }
}

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
    kind: ConnectErrorKind,
    description: Option<String>,
}

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
pub enum ConnectErrorKind {
    /// The owner denied access.
    AccessDenied,
    /// The application's subscription does not allow this connection.
    InvalidSubscription,
    /// The application is misconfigured for this connection.
    #[non_exhaustive]
    ConfigurationError {
        /// `status_code`.
        status_code: Option<u16>,
        /// `error_message`.
        error_message: Option<String>,
    },
    /// The owner's account has no vehicles.
    NoVehicles,
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
    },
    /// Smartcar failed.
    ServerError,
    /// The owner left Connect before granting access.
    UserManuallyReturnedToApplication,
    /// The owner cancelled the login on the vehicle maker's page.
    OemCancelledLogin,
    /// The owner chose no battery capacity for the vehicle.
    #[non_exhaustive]
    BatteryCapacityNoSelection {
        /// `vehicle_id`, of the vehicle concerned.
        vehicle_id: Option<VehicleId>,
    },
    /// A code this library does not know yet (e.g. the iOS SDK's undocumented
    /// `user_cancelled`), kept as it came.
    Other(String),
}

impl ConnectErrorKind {
    /// The `error` code as Connect writes it.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            ConnectErrorKind::AccessDenied => "access_denied",
            ConnectErrorKind::InvalidSubscription => "invalid_subscription",
            ConnectErrorKind::ConfigurationError { .. } => "configuration_error",
            ConnectErrorKind::NoVehicles => "no_vehicles",
            ConnectErrorKind::VehicleIncompatible { .. } => "vehicle_incompatible",
            ConnectErrorKind::ServerError => "server_error",
            ConnectErrorKind::UserManuallyReturnedToApplication => {
                "user_manually_returned_to_application"
            }
            ConnectErrorKind::OemCancelledLogin => "oem_cancelled_login",
            ConnectErrorKind::BatteryCapacityNoSelection { .. } => "battery_capacity_no_selection",
            ConnectErrorKind::Other(code) => code,
        }
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

impl fmt::Display for ConnectErrorKind {
    /// What happened, in a sentence, with the fields that came with it; what came
    /// from the query is escaped (control, line-breaking and bidi characters).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectErrorKind::AccessDenied => f.write_str("the owner denied access"),
            ConnectErrorKind::InvalidSubscription => {
                f.write_str("the application's subscription does not allow this connection")
            }
            ConnectErrorKind::ConfigurationError {
                status_code,
                error_message,
            } => {
                f.write_str("the application is misconfigured for this connection")?;
                if let Some(status) = status_code {
                    write!(f, " (status {status})")?;
                }
                if let Some(message) = error_message {
                    write!(f, ": {}", Escaped(message))?;
                }
                Ok(())
            }
            ConnectErrorKind::NoVehicles => f.write_str("the owner's account has no vehicles"),
            ConnectErrorKind::VehicleIncompatible {
                vin,
                make,
                model,
                year,
            } => {
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
                    (false, Some(vin)) => {
                        write!(f, " ({}, VIN {})", named.join(" "), Escaped(vin))
                    }
                }
            }
            ConnectErrorKind::ServerError => f.write_str("Smartcar failed"),
            ConnectErrorKind::UserManuallyReturnedToApplication => {
                f.write_str("the owner left Connect before granting access")
            }
            ConnectErrorKind::OemCancelledLogin => {
                f.write_str("the owner cancelled the login on the vehicle maker's page")
            }
            ConnectErrorKind::BatteryCapacityNoSelection { vehicle_id } => {
                f.write_str("the owner chose no battery capacity for the vehicle")?;
                match vehicle_id {
                    Some(id) => write!(f, " `{id}`"),
                    None => Ok(()),
                }
            }
            ConnectErrorKind::Other(code) => {
                write!(f, "Connect returned the error `{}`", Escaped(code))
            }
        }
    }
}

impl std::error::Error for ConnectError {}

/// Why a redirect back could not be read or trusted.
///
/// `Display` gives the message, with what came from the query escaped for logs
/// and terminals: control characters (C0, DEL and C1: line breaks, so a value
/// cannot forge a log line, and terminal escape sequences), the Unicode line and
/// paragraph separators, and the bidi marks, embeddings, overrides and isolates
/// that reorder text on screen are written as Rust escapes (`\n`, `\u{1b}`,
/// `\u{202e}`); everything else is written as it came. It is **not** HTML-escaped: `<`, `>`, `&` and `"`
/// are left as they came, so an error put into a web page must go through the
/// page's own escaping, as any text from a request must (a template engine's
/// autoescape, or the web example's `html.rs`). `Debug` gives the variant and
/// that message. [`source`](std::error::Error::source) is the parse error of a
/// [`Malformed`](Self::Malformed) query.
///
/// ```
/// use connect_core::{Callback, CallbackError};
///
/// let error = Callback::from_query("code=abc&code=<b>x</b>").unwrap_err();
/// assert!(matches!(error, CallbackError::Duplicate { .. }));
/// let error = Callback::from_query("code=a&state=%0Aforged%20line&error=x").unwrap_err();
/// assert_eq!(error, CallbackError::ConflictingOutcome);
/// // What came from the query is escaped for a log line, not for HTML.
/// let error = Callback::from_query("state=1&state=2&%3Cb%3E%0A=1").unwrap_err();
/// assert_eq!(error.to_string(), "`state` appears more than once in the redirect query");
/// let error = Callback::from_query("%3Cb%3E%0A=1&%3Cb%3E%0A=2").unwrap_err();
/// assert_eq!(error.to_string(), "`<b>\\n` appears more than once in the redirect query");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallbackError {
    /// The query is not well-formed (a bad percent escape, or not UTF-8).
    Malformed(crate::error::Error),
    /// A parameter appears twice.
    #[non_exhaustive]
    Duplicate {
        /// Its name.
        name: String,
    },
    /// A field has a value of the wrong shape.
    #[non_exhaustive]
    InvalidValue {
        /// The field.
        name: &'static str,
        /// The value as received.
        value: String,
    },
    /// An empty query: not a redirect from Connect.
    NoOutcome,
    /// More than one of `code`, `vehicle_id` and `error`.
    ConflictingOutcome,
    /// No `state` came back, but one was sent.
    MissingState,
    /// The `state` is not the one sent: a forged or stale redirect.
    StateMismatch,
    /// The URL or query is longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN) bytes,
    /// more than a browser sends: refused before it is read.
    #[non_exhaustive]
    TooLong {
        /// Its length in bytes.
        length: usize,
    },
    /// A field the outcome needs is missing (`vehicle_id` or `selected_capacity`
    /// of a battery capacity).
    #[non_exhaustive]
    MissingField {
        /// The field.
        name: &'static str,
    },
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::Malformed(e) => write!(f, "malformed redirect query: {e}"),
            CallbackError::Duplicate { name } => write!(
                f,
                "`{}` appears more than once in the redirect query",
                Escaped(name)
            ),
            CallbackError::InvalidValue { name, value } => {
                write!(f, "`{name}` has the invalid value `{}`", Escaped(value))
            }
            CallbackError::NoOutcome => {
                f.write_str("the redirect query is empty; is this the redirect from Connect?")
            }
            CallbackError::ConflictingOutcome => f.write_str(
                "the redirect query has more than one of `code`, `vehicle_id` and `error`",
            ),
            CallbackError::MissingState => f.write_str(
                "the redirect has no `state`; start the flow again from your Connect link",
            ),
            CallbackError::StateMismatch => f.write_str(
                "the redirect's `state` does not match the one sent; it may be forged, start the \
                flow again",
            ),
            CallbackError::TooLong { length } => write!(
                f,
                "the redirect is {length} bytes long, over the {} bytes a redirect from \
                 Connect can be; it was not sent by Connect, start the flow again",
                crate::limits::MAX_URL_LEN
            ),
            CallbackError::MissingField { name } => write!(
                f,
                "the redirect query has no `{name}`, which this outcome needs"
            ),
        }
    }
}

impl std::error::Error for CallbackError {
    /// The percent-decoding error of a [`Malformed`](Self::Malformed) query.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallbackError::Malformed(error) => Some(error),
            _ => None,
        }
    }
}

/// `CallbackError { kind: StateMismatch, message: "…" }`: the variant to match
/// on, and what `Display` says, so `unwrap` and `main` print something readable.
impl fmt::Debug for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            CallbackError::Malformed(_) => "Malformed",
            CallbackError::Duplicate { .. } => "Duplicate",
            CallbackError::InvalidValue { .. } => "InvalidValue",
            CallbackError::NoOutcome => "NoOutcome",
            CallbackError::ConflictingOutcome => "ConflictingOutcome",
            CallbackError::MissingState => "MissingState",
            CallbackError::StateMismatch => "StateMismatch",
            CallbackError::TooLong { .. } => "TooLong",
            CallbackError::MissingField { .. } => "MissingField",
        };
        f.debug_struct("CallbackError")
            .field("kind", &format_args!("{kind}"))
            .field("message", &self.to_string())
            .finish()
    }
}

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
        let user_id = take("user_id");
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
                (None, None, None) => Outcome::Completed,
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

    /// `user_id`: the owner's Smartcar user, for the `sc-user-id` header of the v3 API.
    #[must_use]
    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
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

fn error_kind(
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
        "access_denied" => ConnectErrorKind::AccessDenied,
        "invalid_subscription" => ConnectErrorKind::InvalidSubscription,
        "configuration_error" => ConnectErrorKind::ConfigurationError {
            status_code: number("status_code", take("status_code"))?,
            error_message: take("error_message"),
        },
        "no_vehicles" => ConnectErrorKind::NoVehicles,
        "vehicle_incompatible" => ConnectErrorKind::VehicleIncompatible {
            vin: take("vin"),
            make: take("make"),
            model: take("model"),
            year: number("year", take("year"))?,
        },
        "server_error" => ConnectErrorKind::ServerError,
        "user_manually_returned_to_application" => {
            ConnectErrorKind::UserManuallyReturnedToApplication
        }
        "oem_cancelled_login" => ConnectErrorKind::OemCancelledLogin,
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
        _ => ConnectErrorKind::Other(code),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        "0facda3319".parse().unwrap()
    }

    #[test]
    fn success_with_code_and_state() {
        let cb =
            Callback::from_url("https://example.com/home?code=abc-123&state=0facda3319").unwrap();
        assert_eq!(cb.state(), Some("0facda3319"));
        match cb.verify(&state()).unwrap() {
            Outcome::Code(code) => assert_eq!(code.as_str(), "abc-123"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reauthentication_returns_the_vehicle() {
        let cb = Callback::from_query(
            "?vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&state=0facda3319",
        )
        .unwrap();
        assert!(matches!(
            cb.verify(&state()),
            Ok(Outcome::Reauthenticated(v)) if v.as_str().starts_with("36ab")
        ));
        assert!(matches!(
            Callback::from_query("vehicle_id=a%20b"),
            Err(CallbackError::InvalidValue {
                name: "vehicle_id",
                ..
            })
        ));
    }

    #[test]
    fn typed_errors_with_their_fields() {
        let cb = Callback::from_query(
            "error=vehicle_incompatible&error_description=The+vehicle+is+incompatible.\
            &vin=1HGCM82633A004352&make=TESLA&model=Model+3&year=2019&state=0facda3319",
        )
        .unwrap();
        let Outcome::Error(e) = cb.verify(&state()).unwrap() else {
            panic!()
        };
        assert_eq!(e.description(), Some("The vehicle is incompatible."));
        assert_eq!(
            e.kind(),
            &ConnectErrorKind::VehicleIncompatible {
                vin: Some("1HGCM82633A004352".into()),
                make: Some("TESLA".into()),
                model: Some("Model 3".into()),
                year: Some(2019),
            }
        );
        let cb = Callback::from_query(
            "error=configuration_error&status_code=400&error_message=bad&state=s",
        )
        .unwrap();
        assert_eq!(
            cb.outcome(),
            &Outcome::Error(ConnectError {
                kind: ConnectErrorKind::ConfigurationError {
                    status_code: Some(400),
                    error_message: Some("bad".into())
                },
                description: None,
            })
        );
        for (code, kind) in [
            ("access_denied", ConnectErrorKind::AccessDenied),
            (
                "invalid_subscription",
                ConnectErrorKind::InvalidSubscription,
            ),
            ("no_vehicles", ConnectErrorKind::NoVehicles),
            ("server_error", ConnectErrorKind::ServerError),
            (
                "brand_new_code",
                ConnectErrorKind::Other("brand_new_code".into()),
            ),
        ] {
            let cb = Callback::from_query(&format!("error={code}&state=s")).unwrap();
            let Outcome::Error(e) = cb.outcome() else {
                panic!()
            };
            assert_eq!(e.kind(), &kind);
            assert_eq!(e.kind().code(), code);
        }
    }

    #[test]
    fn newer_fields_and_unknown_parameters_are_kept() {
        let cb = Callback::from_query(
            "code=c&state=s&virtual_key_url=https%3A%2F%2Ftesla.com%2F_ak&user_id=u1\
             &external_id=owner%2042&utm=x",
        )
        .unwrap();
        assert_eq!(cb.virtual_key_url(), Some("https://tesla.com/_ak"));
        assert_eq!(cb.user_id(), Some("u1"));
        assert_eq!(cb.external_id(), Some("owner 42"));
        assert_eq!(cb.extra(), [("utm".to_owned(), "x".to_owned())]);
    }

    #[test]
    fn response_type_none_and_the_2026_errors() {
        let done = Callback::from_query("state=0facda3319&external_id=e1&user_id=u").unwrap();
        assert_eq!(done.external_id(), Some("e1"));
        assert_eq!(done.verify(&state()), Ok(Outcome::Completed));
        let cases = [
            (
                "error=user_manually_returned_to_application\
                 &error_description=the%20user%20exited%20Connect",
                ConnectErrorKind::UserManuallyReturnedToApplication,
            ),
            (
                "error=oem_cancelled_login&error_description=x",
                ConnectErrorKind::OemCancelledLogin,
            ),
            (
                "error=battery_capacity_no_selection&vehicle_id=v-1&error_description=x",
                ConnectErrorKind::BatteryCapacityNoSelection {
                    vehicle_id: Some("v-1".parse().unwrap()),
                },
            ),
            (
                "error=user_cancelled",
                ConnectErrorKind::Other("user_cancelled".into()),
            ),
        ];
        for (query, kind) in cases {
            let cb =
                Callback::from_query(&format!("{query}&state=0facda3319&external_id=e")).unwrap();
            assert_eq!(cb.external_id(), Some("e"), "{query}");
            match cb.verify(&state()).unwrap() {
                Outcome::Error(e) => assert_eq!(e.kind(), &kind, "{query}"),
                other => panic!("{query}: {other:?}"),
            }
        }
        // Another error with a `vehicle_id` keeps it as an extra parameter.
        let cb = Callback::from_query("error=access_denied&vehicle_id=v&state=s").unwrap();
        assert_eq!(cb.extra(), [("vehicle_id".to_owned(), "v".to_owned())]);
    }

    #[test]
    fn state_is_verified() {
        let forged = Callback::from_query("code=c&state=0facda3318").unwrap();
        assert_eq!(forged.verify(&state()), Err(CallbackError::StateMismatch));
        let missing = Callback::from_query("code=c").unwrap();
        assert_eq!(missing.verify(&state()), Err(CallbackError::MissingState));
        let error_forged = Callback::from_query("error=access_denied&state=x").unwrap();
        assert_eq!(
            error_forged.verify(&state()),
            Err(CallbackError::StateMismatch)
        );
    }

    #[test]
    fn malformed_queries_are_errors() {
        assert_eq!(Callback::from_query(""), Err(CallbackError::NoOutcome));
        assert_eq!(
            Callback::from_query("code=a&error=access_denied"),
            Err(CallbackError::ConflictingOutcome)
        );
        assert_eq!(
            Callback::from_query("code=a&code=b"),
            Err(CallbackError::Duplicate {
                name: "code".into()
            })
        );
        assert!(matches!(
            Callback::from_query("code=%ZZ"),
            Err(CallbackError::Malformed(_))
        ));
        assert!(matches!(
            Callback::from_query("code="),
            Err(CallbackError::InvalidValue { name: "code", .. })
        ));
        assert!(matches!(
            Callback::from_query("error=configuration_error&status_code=abc"),
            Err(CallbackError::InvalidValue {
                name: "status_code",
                ..
            })
        ));
        assert!(matches!(
            Callback::from_query("error=vehicle_incompatible&year=20x9"),
            Err(CallbackError::InvalidValue { name: "year", .. })
        ));
        assert_eq!(
            format!("{:?}", AuthorizationCode("secret".into())),
            "AuthorizationCode(…)"
        );
    }

    #[test]
    fn query_text_in_errors_is_escaped() {
        let duplicate = Callback::from_query("a%0Ab%1B%5B31m=1&a%0Ab%1B%5B31m=2").unwrap_err();
        assert_eq!(
            duplicate.to_string(),
            "`a\\nb\\u{1b}[31m` appears more than once in the redirect query"
        );
        let invalid = Callback::from_query("vehicle_id=v%0D%0Aforged").unwrap_err();
        assert_eq!(
            invalid.to_string(),
            "`vehicle_id` has the invalid value `v\\r\\nforged`"
        );
        let cb = Callback::from_query(
            "error=x%0Ay&error_description=line%0AINFO%20forged%E2%80%AE&state=s",
        )
        .unwrap();
        let Outcome::Error(e) = cb.outcome() else {
            panic!("{cb:?}")
        };
        assert_eq!(
            e.to_string(),
            "Connect returned `x\\ny`: line\\nINFO forged\\u{202e}"
        );
        // The typed values keep what came, unescaped.
        assert_eq!(e.description(), Some("line\nINFO forged\u{202E}"));
        let plain =
            Callback::from_query("error=access_denied&error_description=No%20thanks.").unwrap();
        let Outcome::Error(e) = plain.outcome() else {
            panic!("{plain:?}")
        };
        assert_eq!(
            e.to_string(),
            "Connect returned `access_denied`: No thanks."
        );
    }

    #[test]
    fn debug_of_callback_errors_is_readable() {
        assert_eq!(
            format!("{:?}", CallbackError::StateMismatch),
            "CallbackError { kind: StateMismatch, message: \"the redirect's `state` does not \
            match the one sent; it may be forged, start the flow again\" }"
        );
        let duplicate = CallbackError::Duplicate {
            name: "co\nde".into(),
        };
        assert_eq!(
            format!("{duplicate:?}"),
            "CallbackError { kind: Duplicate, message: \"`co\\\\nde` appears more than once in \
            the redirect query\" }"
        );
    }

    #[test]
    fn a_malformed_query_has_its_parse_error_as_source() {
        use std::error::Error as _;
        let error = Callback::from_query("code=%zz&state=s").unwrap_err();
        let CallbackError::Malformed(inner) = &error else {
            panic!("{error:?}")
        };
        let source = error.source().expect("a source");
        assert_eq!(source.to_string(), inner.to_string());
        assert!(source.downcast_ref::<crate::Error>().is_some());
        assert!(CallbackError::StateMismatch.source().is_none());
        assert!(CallbackError::NoOutcome.source().is_none());
    }

    #[test]
    fn connect_error_kinds_display_as_sentences_escaped() {
        let kind = |query: &str| match Callback::from_query(query).unwrap().outcome() {
            Outcome::Error(e) => e.kind().to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(kind("error=access_denied"), "the owner denied access");
        assert_eq!(
            kind("error=configuration_error"),
            "the application is misconfigured for this connection"
        );
        assert_eq!(
            kind("error=vehicle_incompatible&make=TESLA&model=Model%203&year=2019&vin=5YJ3E1EA7KF000000"),
            "the vehicle cannot do what the application asked (TESLA Model 3 2019, VIN 5YJ3E1EA7KF000000)"
        );
        assert_eq!(
            kind("error=vehicle_incompatible&vin=5YJ3E1EA7KF000000"),
            "the vehicle cannot do what the application asked (VIN 5YJ3E1EA7KF000000)"
        );
        assert_eq!(
            kind("error=vehicle_incompatible"),
            "the vehicle cannot do what the application asked"
        );
        assert_eq!(
            kind("error=battery_capacity_no_selection&vehicle_id=v1"),
            "the owner chose no battery capacity for the vehicle `v1`"
        );
        // What came from the query cannot forge a line or reorder the text.
        assert_eq!(
            kind("error=user_cancelled%0Aforged%E2%80%AE"),
            "Connect returned the error `user_cancelled\\nforged\\u{202e}`"
        );
        assert_eq!(
            kind("error=configuration_error&status_code=400&error_message=a%0Db"),
            "the application is misconfigured for this connection (status 400): a\\rb"
        );
        assert_eq!(
            kind("error=vehicle_incompatible&make=%1B%5B31m"),
            "the vehicle cannot do what the application asked (\\u{1b}[31m)"
        );
    }
}
