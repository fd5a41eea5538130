//! The battery-capacity link: Smartcar's API hands it over, the application fills
//! in its redirect URI (FACTS.md, "Battery capacity").
//!
//! It is the `url` field of `GET /vehicles/{id}/battery/nominal_capacity`, e.g.
//! `https://connect.smartcar.com/battery-capacity?vehicle_id=…&client_id=…&token=…&response_type=vehicle_id&redirect_uri=`,
//! and ends in an empty `redirect_uri=` for the application to fill. It is not a
//! link the application writes (its `token` is Smartcar's), so it is its own type,
//! not a [`ConnectUrl`](crate::ConnectUrl): read as handed over, completed with
//! [`BatteryCapacityLink::with_redirect_uri`]. The redirect back is a
//! [`Callback`](crate::Callback) whose outcome is
//! [`Outcome::BatteryCapacity`](crate::Outcome::BatteryCapacity) or the error
//! `battery_capacity_no_selection`.

use std::fmt;
use std::str::FromStr;

use crate::connect_url::report::{ParseError, Report};
use crate::encode::{decode, Length, Sink};
use crate::error::{Error, Findings, Problem};
use crate::model::origin::Origin;
use crate::model::request::{AUTHORIZE_PATH, BATTERY_CAPACITY_PATH, REAUTHENTICATE_PATH};
use crate::model::value::{
    read_app_id, AppIdError, ClientId, RedirectUri, ResponseType, VehicleId,
};
use crate::parameter::Parameter;
use crate::read::link::{query_pieces, Page};

/// The battery-capacity link Smartcar's API hands over, read and checked.
///
/// Its text is canonical: `vehicle_id`, the app id, `token`, `response_type` and
/// `redirect_uri` in the order Smartcar writes them (so a link as handed over
/// renders as it came), percent-encoded with upper-case hex, then any parameter
/// this crate does not know, kept as read. An empty `redirect_uri=` is a link
/// still to fill.
///
/// ```
/// use connect_core::BatteryCapacityLink;
///
/// let handed_over = "https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0\
///     &client_id=8229df9f&token=t0k3n&response_type=vehicle_id&redirect_uri=";
/// let link: BatteryCapacityLink = handed_over.parse()?;
/// assert_eq!(link.as_str(), handed_over);
/// assert!(link.redirect_uri().is_none());
/// let usable = link.with_redirect_uri("https://example.com/battery".parse()?)?;
/// assert_eq!(
///     usable.as_str(),
///     "https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0\
///      &client_id=8229df9f&token=t0k3n&response_type=vehicle_id\
///      &redirect_uri=https%3A%2F%2Fexample.com%2Fbattery"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BatteryCapacityLink {
    text: String,
    origin: Origin,
    vehicle_id: VehicleId,
    app_id: ClientId,
    app_id_parameter: Parameter,
    token: String,
    redirect_uri: Option<RedirectUri>,
    extra: Vec<(String, String)>,
}

impl BatteryCapacityLink {
    /// Reads a battery-capacity link as Smartcar hands it over (or as filled),
    /// with every finding at once. Errors: another path, a missing `vehicle_id`,
    /// app id (`client_id` or `application_id`) or `token`, a `response_type`
    /// other than `vehicle_id`, a bad redirect URI, a conflicting repeat, a bad
    /// percent escape, a text or canonical rendering over
    /// [`MAX_URL_LEN`](crate::MAX_URL_LEN). A parameter repeated with the same
    /// value is a warning; parameters this crate does not know are kept without
    /// one (the link is Smartcar's, not the application's).
    pub fn read(text: &str) -> Report<BatteryCapacityLink> {
        let mut findings = Findings::default();
        let link = read(text.trim(), &mut findings).filter(|_| !findings.has_errors());
        let link = link.filter(|link| match link.text.len() {
            length if length > crate::limits::MAX_URL_LEN => {
                findings.error(Error::general(Problem::CanonicalTooLong { length }));
                false
            }
            _ => true,
        });
        findings.0.sort_by_key(|f| f.as_error().parameter());
        Report::new(link, findings.0)
    }

    /// The link's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The origin it points at.
    #[must_use]
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The vehicle whose capacity the owner is asked for.
    #[must_use]
    pub fn vehicle_id(&self) -> &VehicleId {
        &self.vehicle_id
    }

    /// The application's id, under either name.
    #[must_use]
    pub fn client_id(&self) -> &ClientId {
        &self.app_id
    }

    /// [`Parameter::ClientId`] or [`Parameter::ApplicationId`]: the name the link uses.
    #[must_use]
    pub fn app_id_parameter(&self) -> Parameter {
        self.app_id_parameter
    }

    /// Smartcar's token for this link (valid for 30 days): a credential, kept
    /// out of `Debug`.
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The redirect URI, once filled; `None` for the empty `redirect_uri=` of the
    /// link as handed over.
    #[must_use]
    pub fn redirect_uri(&self) -> Option<&RedirectUri> {
        self.redirect_uri.as_ref()
    }

    /// Parameters this crate does not know, decoded, in the order read.
    #[must_use]
    pub fn extra(&self) -> &[(String, String)] {
        &self.extra
    }

    /// The link with the application's redirect URI filled in (replacing any):
    /// the link to send the owner to. The owner comes back to it with
    /// `vehicle_id`, `selected_capacity` and `reason=battery_capacity`, or the
    /// error `battery_capacity_no_selection`.
    ///
    /// # Errors
    ///
    /// A mobile `sc<id>://` redirect URI whose id is not the link's app id
    /// ([`Problem::RedirectMobileMismatch`]), or a link that would be longer than
    /// [`MAX_URL_LEN`](crate::MAX_URL_LEN) ([`Problem::CanonicalTooLong`]).
    pub fn with_redirect_uri(&self, redirect_uri: RedirectUri) -> Result<Self, Error> {
        redirect_uri.check_client(&self.app_id)?;
        let mut link = self.clone();
        link.redirect_uri = Some(redirect_uri);
        link.text = link.render();
        match link.text.len() {
            length if length > crate::limits::MAX_URL_LEN => {
                Err(Error::general(Problem::CanonicalTooLong { length }))
            }
            _ => Ok(link),
        }
    }

    /// The same link at another origin, e.g. a local Connect stand-in in tests.
    #[must_use]
    pub fn with_origin(&self, origin: Origin) -> Self {
        let mut link = self.clone();
        link.origin = origin;
        link.text = link.render();
        link
    }

    /// The link as a `url::Url`.
    ///
    /// # Panics
    ///
    /// Never: the text is an origin that `url` parsed, a fixed path and a query of
    /// unreserved characters and `%XX`.
    #[must_use]
    pub fn to_url(&self) -> url::Url {
        url::Url::parse(&self.text).expect("a rendered battery-capacity link is a valid URL")
    }

    fn render(&self) -> String {
        let mut length = Length::default();
        self.write(&mut length);
        let mut text = String::with_capacity(length.0);
        self.write(&mut text);
        text
    }

    fn write(&self, out: &mut impl Sink) {
        out.raw(self.origin.as_str());
        out.raw(BATTERY_CAPACITY_PATH);
        out.raw("?vehicle_id=");
        out.encoded(self.vehicle_id.as_str());
        out.raw("&");
        out.raw(self.app_id_parameter.name());
        out.raw("=");
        out.encoded(self.app_id.as_str());
        out.raw("&token=");
        out.encoded(&self.token);
        out.raw("&response_type=");
        out.raw(ResponseType::VehicleId.name());
        out.raw("&redirect_uri=");
        if let Some(uri) = &self.redirect_uri {
            out.encoded(uri.as_str());
        }
        for (name, value) in &self.extra {
            out.raw("&");
            out.encoded(name);
            out.raw("=");
            out.encoded(value);
        }
    }
}

/// The parameters of the link, as they are read.
#[derive(Default)]
struct Fields {
    vehicle_id: Option<String>,
    client_id: Option<String>,
    application_id: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    token: Option<String>,
    extra: Vec<(String, String)>,
}

fn not_battery(reason: String) -> Error {
    Error::general(Problem::NotBatteryCapacityLink { reason })
}

fn read(text: &str, findings: &mut Findings) -> Option<BatteryCapacityLink> {
    if text.len() > crate::limits::MAX_URL_LEN {
        findings.error(Error::general(Problem::UrlTooLong { length: text.len() }));
        return None;
    }
    let (origin, query) = findings.take(split(text))?;
    let fields = read_query(query, findings);
    let vehicle_id = required(Parameter::VehicleId, fields.vehicle_id, findings)
        .and_then(|id| findings.take(VehicleId::try_from(id)));
    let app_id = app_id(fields.client_id, fields.application_id, findings);
    let token = match fields.token {
        None => {
            findings.error(Error::general(Problem::BatteryCapacityToken {
                reason: "is missing",
            }));
            None
        }
        Some(token) if token.is_empty() => {
            findings.error(Error::general(Problem::BatteryCapacityToken {
                reason: "is empty",
            }));
            None
        }
        Some(token) => Some(token),
    };
    if let Some(found) = required(Parameter::ResponseType, fields.response_type, findings)
        && found != ResponseType::VehicleId.name()
    {
        findings.error(Error::new(
            Parameter::ResponseType,
            Problem::WrongResponseType {
                found,
                expected: ResponseType::VehicleId.name(),
            },
        ));
    }
    // Empty, as handed over: the application fills it.
    let redirect_uri = match fields.redirect_uri.filter(|uri| !uri.is_empty()) {
        None => None,
        Some(uri) => Some(findings.take(RedirectUri::try_from(uri))?),
    };
    let (app_id, app_id_parameter) = app_id?;
    if let Some(uri) = &redirect_uri {
        findings.take(uri.check_client(&app_id))?;
    }
    let mut link = BatteryCapacityLink {
        text: String::new(),
        origin,
        vehicle_id: vehicle_id?,
        app_id,
        app_id_parameter,
        token: token?,
        redirect_uri,
        extra: fields.extra,
    };
    link.text = link.render();
    Some(link)
}

/// The origin and the query.
fn split(text: &str) -> Result<(Origin, &str), Error> {
    let (origin, page, query) =
        crate::read::link::split(text, "a battery-capacity link", not_battery)?;
    match page {
        Page::BatteryCapacity => Ok((origin, query)),
        Page::Authorize => Err(not_battery(format!(
            "the path is `{AUTHORIZE_PATH}`, a Connect link: read it as a `ConnectUrl`"
        ))),
        Page::Reauthenticate => Err(not_battery(format!(
            "the path is `{REAUTHENTICATE_PATH}`, a Connect link: read it as a `ConnectUrl`"
        ))),
        Page::Other(other) => Err(not_battery(format!(
            "the path is `{other}`, not `{BATTERY_CAPACITY_PATH}`"
        ))),
    }
}

fn read_query(query: &str, findings: &mut Findings) -> Fields {
    let mut fields = Fields::default();
    for (name, value) in query_pieces(query, findings) {
        let (slot, parameter) = match name.as_str() {
            "vehicle_id" => (&mut fields.vehicle_id, Some(Parameter::VehicleId)),
            "client_id" => (&mut fields.client_id, Some(Parameter::ClientId)),
            "application_id" => (&mut fields.application_id, Some(Parameter::ApplicationId)),
            "response_type" => (&mut fields.response_type, Some(Parameter::ResponseType)),
            "redirect_uri" => (&mut fields.redirect_uri, Some(Parameter::RedirectUri)),
            "token" => (&mut fields.token, None),
            _ => {
                if let Some(value) = findings.take(decode(value, None)) {
                    fields.extra.push((name, value));
                }
                continue;
            }
        };
        let Some(value) = findings.take(decode(value, parameter)) else {
            continue;
        };
        match (slot.as_deref(), parameter) {
            (None, _) => *slot = Some(value),
            (Some(earlier), Some(parameter)) if earlier == value => {
                findings.warning(Error::new(parameter, Problem::RepeatedParameter));
            }
            (Some(earlier), None) if earlier == value => {}
            (Some(_), Some(parameter)) => {
                findings.error(Error::new(parameter, Problem::DuplicateParameter));
            }
            (Some(_), None) => findings.error(Error::general(Problem::BatteryCapacityToken {
                reason: "is given twice with different values",
            })),
        }
    }
    fields
}

fn required(
    parameter: Parameter,
    value: Option<String>,
    findings: &mut Findings,
) -> Option<String> {
    if value.is_none() {
        findings.error(Error::new(parameter, Problem::Missing));
    }
    value
}

fn app_id(
    client_id: Option<String>,
    application_id: Option<String>,
    findings: &mut Findings,
) -> Option<(ClientId, Parameter)> {
    match read_app_id(client_id, application_id, |text| Some(text.as_str())) {
        Ok((parameter, Ok(id))) => Some((id, parameter)),
        Err(AppIdError::NotOne(e) | AppIdError::Refused(e)) => {
            findings.error(e);
            None
        }
        // Text is always read.
        Ok((_, Err(_))) => None,
    }
}

impl FromStr for BatteryCapacityLink {
    type Err = ParseError;

    /// Reads a link (see [`BatteryCapacityLink::read`]); the warnings are dropped.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        BatteryCapacityLink::read(text).into_result()
    }
}

impl fmt::Display for BatteryCapacityLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for BatteryCapacityLink {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// The vehicle, the app id and the redirect URI; not the token, a credential.
impl fmt::Debug for BatteryCapacityLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatteryCapacityLink")
            .field("origin", &self.origin)
            .field("vehicle_id", &self.vehicle_id)
            .field("client_id", &self.app_id)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANDED_OVER: &str = "https://connect.smartcar.com/battery-capacity?\
        vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07\
        &token=abc.DEF_123&response_type=vehicle_id&redirect_uri=";

    #[test]
    fn reads_as_handed_over_and_renders_the_same() {
        let report = BatteryCapacityLink::read(HANDED_OVER);
        assert!(report.findings().is_empty(), "{:?}", report.findings());
        let link = report.into_result().unwrap();
        assert_eq!(link.as_str(), HANDED_OVER);
        assert_eq!(link.token(), "abc.DEF_123");
        assert_eq!(link.redirect_uri(), None);
        assert!(!format!("{link:?}").contains("abc.DEF"));
        let filled = link
            .with_redirect_uri("http://localhost:8000/battery?x=1".parse().unwrap())
            .unwrap();
        assert!(filled
            .as_str()
            .ends_with("&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fbattery%3Fx%3D1"));
        let again: BatteryCapacityLink = filled.as_str().parse().unwrap();
        assert_eq!(again, filled);
        assert_eq!(
            again.redirect_uri().unwrap().as_str(),
            "http://localhost:8000/battery?x=1"
        );
    }

    #[test]
    fn the_app_id_is_read_as_a_links_is() {
        // A v3 API credential is no Connect app id, here as in any link.
        let credential = HANDED_OVER.replace("client_id=8229df9f", "client_id=client_8229df9f");
        let report = BatteryCapacityLink::read(&credential);
        let problems: Vec<&Problem> = report
            .findings()
            .iter()
            .map(|f| f.as_error().problem())
            .collect();
        assert!(
            matches!(problems[..], [Problem::ApiCredentialAsAppId { .. }]),
            "{problems:?}"
        );
        let newer = HANDED_OVER.replace("client_id=", "application_id=");
        let link = BatteryCapacityLink::read(&newer).into_result().unwrap();
        assert_eq!(link.app_id_parameter(), Parameter::ApplicationId);
    }

    #[test]
    fn every_finding_at_once() {
        let e = "https://connect.smartcar.com/battery-capacity?client_id=a%20b&response_type=code\
                 &token=&redirect_uri=ftp%3A%2F%2Fx"
            .parse::<BatteryCapacityLink>()
            .unwrap_err();
        let problems: Vec<_> = e.errors().map(|e| e.problem().clone()).collect();
        assert!(problems.contains(&Problem::Missing), "{e}");
        assert!(problems.contains(&Problem::Whitespace), "{e}");
        assert!(
            problems.contains(&Problem::BatteryCapacityToken { reason: "is empty" }),
            "{e}"
        );
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, Problem::WrongResponseType { .. })),
            "{e}"
        );
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, Problem::RedirectScheme { .. })),
            "{e}"
        );
        let connect = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c"
            .parse::<BatteryCapacityLink>()
            .unwrap_err();
        assert!(
            connect.to_string().contains("read it as a `ConnectUrl`"),
            "{connect}"
        );
        let token_twice = format!("{HANDED_OVER}&token=other")
            .parse::<BatteryCapacityLink>()
            .unwrap_err();
        assert_eq!(
            token_twice.first().message(),
            "the battery-capacity link's `token` is given twice with different values"
        );
    }

    #[test]
    fn unknown_parameters_are_kept_and_a_mobile_redirect_checked() {
        let link: BatteryCapacityLink = format!("{HANDED_OVER}&utm=a+b").parse().unwrap();
        assert_eq!(link.extra(), [("utm".to_owned(), "a b".to_owned())]);
        assert!(link.as_str().ends_with("&redirect_uri=&utm=a%20b"));
        let wrong = link
            .with_redirect_uri("scother://cb".parse().unwrap())
            .unwrap_err();
        assert!(matches!(
            wrong.problem(),
            Problem::RedirectMobileMismatch { .. }
        ));
        let right = link
            .with_redirect_uri(
                "sc8229df9f-91a0-4ff0-a1ae-a1f38ee24d07://battery"
                    .parse()
                    .unwrap(),
            )
            .unwrap();
        assert_eq!(
            right.as_str().parse::<BatteryCapacityLink>().unwrap(),
            right
        );
    }
}
