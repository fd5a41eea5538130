//! `ConnectUrl: FromStr`: any Connect or re-authentication link back into the
//! typed model, checked by the same rules as the builder.

use std::str::FromStr;

use crate::connect_url::{AUTHORIZE_PATH, REAUTHENTICATE_PATH};
use crate::encode::decode;
use crate::error::{Error, Parameter, Problem};
use crate::request::ConnectRequest;
use crate::rules::Combination;
use crate::{ConnectUrl, Origin};

impl FromStr for ConnectUrl {
    type Err = Error;

    /// Parses a link (see [`ConnectUrl::parse_all`]) and reports its first problem.
    fn from_str(text: &str) -> Result<Self, Error> {
        ConnectUrl::parse_all(text).map_err(|mut errors| errors.swap_remove(0))
    }
}

fn not_connect(reason: impl Into<String>) -> Vec<Error> {
    vec![Error::general(Problem::NotConnectUrl {
        reason: reason.into(),
    })]
}

impl ConnectUrl {
    /// Parses a Connect link and reports every problem found, not only the first.
    ///
    /// Accepts any origin (so a local stand-in can parse the links it receives),
    /// parameters in any order, `+` or `%20` for a space, either hex case, and
    /// empty `&&` pieces; surrounding whitespace is trimmed. Refuses a link over
    /// [`MAX_URL_LEN`](crate::MAX_URL_LEN) bytes, a fragment,
    /// unknown or repeated parameters, bad percent escapes, and every value or
    /// combination the rules refuse. The result renders canonically.
    pub fn parse_all(text: &str) -> Result<ConnectUrl, Vec<Error>> {
        let text = text.trim();
        if text.len() > crate::MAX_URL_LEN {
            return Err(vec![Error::general(Problem::UrlTooLong {
                length: text.len(),
            })]);
        }
        if text.contains('#') {
            return Err(not_connect("a Connect URL has no fragment (`#…`)"));
        }
        let (base, query) = text
            .split_once('?')
            .ok_or_else(|| not_connect("it has no query (`?…`)"))?;
        let url = url::Url::parse(base).map_err(|e| not_connect(e.to_string()))?;
        let origin = Origin::from_url(&url).map_err(|e| vec![e])?;
        let reauthenticate = match url.path() {
            AUTHORIZE_PATH => false,
            REAUTHENTICATE_PATH => true,
            other => {
                return Err(not_connect(format!(
                    "the path is `{other}`, not `{AUTHORIZE_PATH}` or `{REAUTHENTICATE_PATH}`"
                )))
            }
        };
        let raw = split_query(query)?;
        let request = typed_request(&raw, reauthenticate)?;
        Ok(ConnectUrl::render(origin, request))
    }
}

/// Each parameter's decoded value, indexed by [`Parameter`] order.
type RawParameters = [Option<String>; Parameter::ALL.len()];

fn split_query(query: &str) -> Result<RawParameters, Vec<Error>> {
    let mut raw: RawParameters = Default::default();
    let mut errors = Vec::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let Some((name, value)) = piece.split_once('=') else {
            errors.push(Error::general(Problem::ParameterWithoutValue {
                name: piece.to_owned(),
            }));
            continue;
        };
        let parameter = match decode(name, None) {
            Ok(name) => match Parameter::from_name(&name) {
                Some(p) => p,
                None => {
                    errors.push(Parameter::unknown(&name));
                    continue;
                }
            },
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let slot = &mut raw[parameter as usize];
        if slot.is_some() {
            errors.push(Error::new(parameter, Problem::DuplicateParameter));
            continue;
        }
        match decode(value, Some(parameter)) {
            Ok(value) => *slot = Some(value),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(raw)
    } else {
        Err(errors)
    }
}

fn typed_request(raw: &RawParameters, reauthenticate: bool) -> Result<ConnectRequest, Vec<Error>> {
    let mut errors = Vec::new();
    let text = |p: Parameter| raw[p as usize].as_deref();
    fn parse<T: FromStr<Err = Error>>(value: Option<&str>, errors: &mut Vec<Error>) -> Option<T> {
        value.and_then(|v| v.parse().map_err(|e| errors.push(e)).ok())
    }

    let expected = if reauthenticate { "vehicle_id" } else { "code" };
    match text(Parameter::ResponseType) {
        None => errors.push(Error::new(Parameter::ResponseType, Problem::Missing)),
        Some(found) if found != expected => errors.push(Error::new(
            Parameter::ResponseType,
            Problem::WrongResponseType {
                found: found.to_owned(),
                expected,
            },
        )),
        Some(_) => {}
    }
    let client_id = parse(text(Parameter::ClientId), &mut errors);
    if text(Parameter::ClientId).is_none() {
        errors.push(Error::new(Parameter::ClientId, Problem::Missing));
    }
    match (reauthenticate, text(Parameter::VehicleId)) {
        (true, None) => errors.push(Error::new(Parameter::VehicleId, Problem::Missing)),
        (false, Some(_)) => errors.push(Error::new(
            Parameter::VehicleId,
            Problem::NotConnectUrl {
                reason: format!(
                    "`vehicle_id` belongs to `{REAUTHENTICATE_PATH}` links, not `{AUTHORIZE_PATH}`"
                ),
            },
        )),
        _ => {}
    }
    let single_select = text(Parameter::SingleSelect).and_then(|v| match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            errors.push(Error::new(
                Parameter::SingleSelect,
                Problem::InvalidBool {
                    value: v.to_owned(),
                },
            ));
            None
        }
    });
    let client_parsed = client_id.is_some();
    let request = ConnectRequest {
        // Only read when `errors` is empty, and then the client id parsed.
        client_id: client_id.unwrap_or_else(|| crate::ClientId::__literal("")),
        vehicle_id: parse(text(Parameter::VehicleId), &mut errors),
        scope: parse(text(Parameter::Scope), &mut errors),
        redirect_uri: parse(text(Parameter::RedirectUri), &mut errors),
        state: parse(text(Parameter::State), &mut errors),
        approval_prompt: parse(text(Parameter::ApprovalPrompt), &mut errors),
        mode: parse(text(Parameter::Mode), &mut errors),
        make: parse(text(Parameter::Make), &mut errors),
        single_select,
        single_select_vin: parse(text(Parameter::SingleSelectVin), &mut errors),
        flags: parse(text(Parameter::Flags), &mut errors),
        user: parse(text(Parameter::User), &mut errors),
    };
    // The rules between parameters, from which are present (even with a bad
    // value, so that every problem shows at once) and the values that parsed.
    let present = |p: Parameter| text(p).is_some();
    let combination = Combination {
        client_id: client_parsed.then_some(&request.client_id),
        redirect_uri: request.redirect_uri.as_ref(),
        make: present(Parameter::Make),
        single_select,
        single_select_vin: present(Parameter::SingleSelectVin),
        vehicle_id: present(Parameter::VehicleId),
    };
    errors.extend(combination.errors());
    if errors.is_empty() {
        Ok(request)
    } else {
        errors.sort_by_key(|e| e.parameter());
        Err(errors)
    }
}
