//! A link's text → its typed parts, read as Connect reads it: every finding
//! recorded, with its severity (SPEC §5, "reading is faithful").

use crate::encode::decode;
use crate::error::{Error, Findings, Problem};
use crate::model::origin::Origin;
use crate::model::parts::Parts;
use crate::model::request::{
    ConnectRequest, AUTHORIZE_PATH, BATTERY_CAPACITY_PATH, REAUTHENTICATE_PATH,
};
// A glob, for the reason given in `model/request.rs`.
#[allow(clippy::wildcard_imports)]
use crate::model::value::*;
use crate::parameter::connect_parameters;
use crate::parameter::Parameter;
use crate::rules::{Combination, Given};

/// Parameters Smartcar's client SDKs add on their own (`sdk_platform` and
/// `sdk_version` from iOS and Android, `app_origin` from JavaScript): known to
/// Connect, kept like any parameter this crate does not model, without a warning.
///
/// ```
/// use connect_core::{ConnectUrl, SDK_PARAMETERS};
///
/// assert!(SDK_PARAMETERS.contains(&"sdk_platform"));
/// let report = ConnectUrl::read(
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&sdk_platform=ios",
/// );
/// assert_eq!(report.findings().len(), 0); // kept, without a warning
/// assert!(report.url().unwrap().as_str().ends_with("&sdk_platform=ios"));
/// ```
pub const SDK_PARAMETERS: [&str; 3] = ["sdk_platform", "sdk_version", "app_origin"];

/// The parts of a canonical text this crate rendered (of any length: the limit
/// guards against foreign input, not against this crate's own links), or every
/// finding when one is an error.
pub(crate) fn read_parts(text: &str) -> Result<Parts, Findings> {
    let mut findings = Findings::default();
    match read_any_length(text, &mut findings) {
        Some(parts) if !findings.has_errors() => Ok(parts),
        _ => Err(findings),
    }
}

/// Reads a link from elsewhere: every finding goes to `findings`; the parts come
/// back when no finding is an error. A link over [`crate::MAX_URL_LEN`] is refused
/// unread.
pub(crate) fn read_link(text: &str, findings: &mut Findings) -> Option<Parts> {
    let text = text.trim();
    if text.len() > crate::limits::MAX_URL_LEN {
        findings.error(Error::general(Problem::UrlTooLong { length: text.len() }));
        return None;
    }
    read_any_length(text, findings)
}

fn read_any_length(text: &str, findings: &mut Findings) -> Option<Parts> {
    let (origin, reauthenticate, query) = findings.take(split_link(text.trim()))?;
    let query = read_query(query, findings);
    let request = typed_request(query, reauthenticate, findings);
    // Stable: findings about one parameter stay in the order found.
    findings.0.sort_by_key(|f| f.as_error().parameter());
    let request = request.filter(|_| !findings.has_errors())?;
    Some(Parts { origin, request })
}

fn not_connect(reason: String) -> Error {
    Error::general(Problem::NotConnectUrl { reason })
}

/// The page a link's path opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Page {
    /// `/oauth/authorize`: a Connect link.
    Authorize,
    /// `/oauth/reauthenticate`: a Connect link, re-authentication.
    Reauthenticate,
    /// `/battery-capacity`: the link Smartcar's API hands over.
    BatteryCapacity,
    /// Any other path.
    Other(String),
}

/// A link's text split into its origin, the page its path opens and its query:
/// the one splitter of Connect links and battery-capacity links. `refuse` words
/// why the text is not the link `what` names (`"a Connect URL"`).
pub(crate) fn split<'t>(
    text: &'t str,
    what: &str,
    refuse: fn(String) -> Error,
) -> Result<(Origin, Page, &'t str), Error> {
    if text.contains('#') {
        return Err(refuse(format!("{what} has no fragment (`#…`)")));
    }
    let (base, query) = text
        .split_once('?')
        .ok_or_else(|| refuse("it has no query (`?…`)".to_owned()))?;
    let url = url::Url::parse(base).map_err(|e| refuse(e.to_string()))?;
    let origin = Origin::from_url(&url)?;
    let page = match url.path() {
        AUTHORIZE_PATH => Page::Authorize,
        REAUTHENTICATE_PATH => Page::Reauthenticate,
        BATTERY_CAPACITY_PATH => Page::BatteryCapacity,
        other => Page::Other(other.to_owned()),
    };
    Ok((origin, page, query))
}

/// The origin, whether the path is the re-authentication one, and the query.
fn split_link(text: &str) -> Result<(Origin, bool, &str), Error> {
    let (origin, page, query) = split(text, "a Connect URL", not_connect)?;
    let reauthenticate = match page {
        Page::Authorize => false,
        Page::Reauthenticate => true,
        Page::BatteryCapacity => {
            return Err(not_connect(format!(
                "it is a battery-capacity link (`{BATTERY_CAPACITY_PATH}`): read it as a \
                 `BatteryCapacityLink`"
            )))
        }
        Page::Other(other) => {
            return Err(not_connect(format!(
                "the path is `{other}`, not `{AUTHORIZE_PATH}` or `{REAUTHENTICATE_PATH}`"
            )))
        }
    };
    Ok((origin, reauthenticate, query))
}

/// The query, decoded: each known parameter's value, whether it was given at all
/// (a value that failed to decode is given, but has no value), and the others in
/// order.
struct Query {
    known: [Option<String>; Parameter::ALL.len()],
    given: [bool; Parameter::ALL.len()],
    extra: Vec<(String, String)>,
}

impl Query {
    fn get(&self, parameter: Parameter) -> Option<&str> {
        self.known[parameter as usize].as_deref()
    }

    fn given(&self, parameter: Parameter) -> bool {
        self.given[parameter as usize]
    }
}

/// The `name=value` pieces of a query, each as its name, decoded, and its value as
/// written: a piece without `=`, or a name that does not decode, is an error found
/// and left out. Every link this crate reads is split here.
pub(crate) fn query_pieces<'q>(query: &'q str, findings: &mut Findings) -> Vec<(String, &'q str)> {
    let mut pieces = Vec::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let Some((name, value)) = piece.split_once('=') else {
            findings.error(Error::general(Problem::ParameterWithoutValue {
                name: piece.to_owned(),
            }));
            continue;
        };
        if let Some(name) = findings.take(decode(name, None)) {
            pieces.push((name, value));
        }
    }
    pieces
}

fn read_query(query: &str, findings: &mut Findings) -> Query {
    let mut read = Query {
        known: Default::default(),
        given: [false; Parameter::ALL.len()],
        extra: Vec::new(),
    };
    for (name, value) in query_pieces(query, findings) {
        let Some(parameter) = Parameter::from_name(&name) else {
            if let Some(value) = findings.take(decode(value, None)) {
                if !SDK_PARAMETERS.contains(&name.as_str()) {
                    findings.warning(unknown_parameter(&name));
                }
                read.extra.push((name, value));
            }
            continue;
        };
        read.given[parameter as usize] = true;
        let Some(value) = findings.take(decode(value, Some(parameter))) else {
            continue;
        };
        match &read.known[parameter as usize] {
            None => read.known[parameter as usize] = Some(value),
            // The Java SDK's own test sends `single_select=true` twice.
            Some(earlier) if *earlier == value => {
                findings.warning(Error::new(parameter, Problem::RepeatedParameter));
            }
            Some(_) => findings.error(Error::new(parameter, Problem::DuplicateParameter)),
        }
    }
    read
}

/// A parameter this crate does not know, with the closest known name.
#[must_use]
pub fn unknown_parameter(name: &str) -> Error {
    let suggestion = crate::suggest::closest(name, Parameter::ALL.iter().map(|p| p.name()));
    Error::general(Problem::UnknownParameter {
        name: name.to_owned(),
        suggestion,
    })
}

macro_rules! read_optional {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ty = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty = $form:ident $(as $expr:ty)?, $doc:literal; )* }
    ) => {
        /// Every optional parameter of the query, each read by its value type.
        fn read_optional(query: &Query, request: &mut ConnectRequest, findings: &mut Findings) {
            $(
                request.$name =
                    read_value::<$ty>(Parameter::$variant, query, &mut request.spellings, findings);
            )*
        }
    };
}
connect_parameters!(read_optional);

/// One optional parameter of the query, read by its value type `T`; the spelling
/// it was read with is kept in `spellings` when the value writes itself otherwise
/// (`QueryValue::spelling`: `mode=test`, read as `simulated`), for the renderer.
fn read_value<T: QueryValue>(
    parameter: Parameter,
    query: &Query,
    spellings: &mut Vec<(Parameter, &'static str)>,
    findings: &mut Findings,
) -> Option<T> {
    let text = query.get(parameter)?;
    let value = T::read(parameter, text, findings)?;
    if let Some(spelling) = T::spelling(text) {
        spellings.push((parameter, spelling));
    }
    Some(value)
}

fn typed_request(
    query: Query,
    reauthenticate: bool,
    findings: &mut Findings,
) -> Option<ConnectRequest> {
    let no_response = response_type(&query, reauthenticate, findings);
    let app_id = app_id(&query, findings);
    // `/oauth/reauthenticate` without `vehicle_id` is the Tesla permission
    // upgrade: `Combination` checks its rules.
    if !reauthenticate && query.given(Parameter::VehicleId) {
        findings.error(Error::new(
            Parameter::VehicleId,
            Problem::VehicleIdOnAuthorize,
        ));
    }
    let (app_id, app_id_parameter) = app_id.unzip();
    // A stand-in app id, so that every other parameter is still read and checked.
    let mut request = ConnectRequest::new(
        app_id.clone().unwrap_or_else(|| ClientId::checked("-")),
        app_id_parameter.unwrap_or(Parameter::ClientId),
    );
    request.no_response = no_response;
    request.reauthenticate = reauthenticate;
    read_optional(&query, &mut request, findings);
    // The rules between parameters, from which are given (even with a bad value,
    // so that every problem shows at once) and the values that were read; a value
    // already reported as wrong takes part in no rule, so one mistake is one error.
    let app_id_given = query.given(Parameter::ClientId) || query.given(Parameter::ApplicationId);
    let combination = Combination::known(&request, |parameter| {
        let (given, read) = if parameter.is_app_id() {
            (app_id_given, app_id.is_some())
        } else {
            (query.given(parameter), query.get(parameter).is_some())
        };
        match (given, read) {
            (false, _) => Given::Absent,
            (true, true) => Given::Value,
            (true, false) => Given::Invalid,
        }
    });
    findings.extend(combination.findings());
    request.extra = query.extra;
    app_id.map(|_| request)
}

/// Checks `response_type` against the path; whether it is `none`.
fn response_type(query: &Query, reauthenticate: bool, findings: &mut Findings) -> bool {
    let expected = if reauthenticate {
        ResponseType::VehicleId
    } else {
        ResponseType::Code
    };
    match query.get(Parameter::ResponseType) {
        // Given with a value that did not decode: reported already.
        None if query.given(Parameter::ResponseType) => false,
        None => {
            findings.error(Error::new(Parameter::ResponseType, Problem::Missing));
            false
        }
        Some(found) if found == ResponseType::None.name() => true,
        Some(found) if found == expected.name() => false,
        Some(found) => {
            findings.error(Error::new(
                Parameter::ResponseType,
                Problem::WrongResponseType {
                    found: found.to_owned(),
                    expected: expected.name(),
                },
            ));
            false
        }
    }
}

/// The app id, under exactly one of its two names.
fn app_id(query: &Query, findings: &mut Findings) -> Option<(ClientId, Parameter)> {
    let written = [Parameter::ClientId, Parameter::ApplicationId].map(|p| query.get(p));
    match read_app_id(written[0], written[1], |text| Some(*text)) {
        Ok((parameter, Ok(id))) => Some((id, parameter)),
        // Given with a value that did not decode: reported already.
        Err(AppIdError::NotOne(e))
            if *e.problem() == Problem::Missing
                && (query.given(Parameter::ClientId) || query.given(Parameter::ApplicationId)) =>
        {
            None
        }
        Err(AppIdError::NotOne(e) | AppIdError::Refused(e)) => {
            findings.error(e);
            None
        }
        // Text is always read.
        Ok((_, Err(_))) => None,
    }
}
