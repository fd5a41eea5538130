//! A local Connect stand-in, for developing and testing offline.
//!
//! It serves `/oauth/authorize`, `/oauth/reauthenticate` (both of its shapes: with
//! `vehicle_id`, and the Tesla permission upgrade, whose Allow ends on a page of its
//! own, with no redirect back, as on Connect) and `/battery-capacity` (the link
//! Smartcar's API hands over, `stand_in/battery.rs`), reads the incoming
//! link with connect-core, and answers 400 with the exact problem for a link
//! Smartcar would refuse: a rule of the link, or a redirect URI it was not started
//! with. It accepts every link Connect accepts (reading is faithful: `make=Ford`,
//! `mode=test`, SDK parameters, …) and lists the link's warnings on the grant
//! page, each with its help. Otherwise it shows a grant page as Connect does since
//! 2026-06-16: every permission checked, `required` ones locked, optional ones
//! uncheckable. Allow redirects back with `code` (or `vehicle_id`); Deny with
//! `error=access_denied`. Both echo `external_id` and `state` when the link
//! carried them, percent-encoded (`%20` for a space, as the links themselves).
//!
//! Started with a whole registration ([`StandInConfig::registration`],
//! `--registration smartcar.toml`), it refuses like Connect an app id no
//! application has, a redirect URI not registered for the link's application, and
//! permissions or a make it may not request, each with Connect's message; a link
//! without a redirect URI goes back to the application's default.
//!
//! Hardened like the web example ([`crate::harden`]): security headers on every
//! response, a request body bounded to what a grant form needs, and requests in
//! absolute form (`GET http://host/oauth/authorize?… HTTP/1.1`, as sent to a
//! proxy) answered like origin-form ones. Long links are read off the async
//! workers ([`crate::offload`]), and a page lists at most [`MAX_NOTES_SHOWN`]
//! findings of a link, then how many more.
//!
//! `POST /oauth/token` is Smartcar's token endpoint ([`crate::token_endpoint`]):
//! the codes it redirects back with are exchanged there, checked against the link
//! they came from and the client secret ([`StandInConfig::client_secret`]).

#![allow(clippy::format_collect)] // a test page of a few items: `format!` per item reads best

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::State as AppState;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use connect_core::registration::Registration;
use connect_core::token::ClientSecret;
use connect_core::{ConnectUrl, RedirectUri};

use crate::harden::{harden, Hardening};
use crate::html::{escape, page, stylesheet};
use crate::offload::{Offload, OffloadFailed};
use crate::token_endpoint::{self, Grants};

mod battery;

/// Pages load only the stand-in's stylesheet. No `form-action`: the grant form
/// ends in a redirect to the application, and browsers check `form-action`
/// against redirects too, so it would have to list every registered redirect URI.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The largest grant form accepted, in bytes. The form carries the link, the
/// decision and at most 28 permission fields: with every parameter set and all
/// 28 permissions required, the whole form is about 2.1 KB percent-encoded (the
/// link 1.2 KB of it). But the stand-in shows the grant page of every link that
/// reads, up to [`MAX_URL_LEN`](connect_core::MAX_URL_LEN) canonical, and its form
/// must go through: form-encoded, each `%XX` of the link becomes `%25XX`, so the
/// link takes at most three times its length; 16 KiB more for the rest.
pub const BODY_LIMIT: usize = 3 * connect_core::MAX_URL_LEN + 16 * 1024;

/// At most this many warnings (or errors) of a link are listed on a page, then
/// how many more there are: a 60 KB link of thousands of unknown parameters would
/// otherwise get a page of megabytes, and making it would cost more than reading
/// the link.
pub const MAX_NOTES_SHOWN: usize = 50;

/// What the stand-in knows of the applications, like the dashboard: a whole
/// registration, or (the `--redirect-uri` shortcut) the redirect URIs of one
/// application whose app id is whatever the link carries.
#[derive(Clone, Debug)]
pub struct StandInConfig {
    /// Registered redirect URIs, default first; used when `registration` is `None`.
    pub redirect_uris: Vec<RedirectUri>,
    /// The application's registration (`smartcar.toml`): when given, each link is
    /// checked against it as Connect does, and `redirect_uris` is not used.
    pub registration: Option<Registration>,
    /// The application's client secret, checked at `POST /oauth/token`.
    pub client_secret: ClientSecret,
}

/// What the handlers share.
#[derive(Clone)]
struct StandIn {
    config: Arc<StandInConfig>,
    /// Long links are read off the async workers (see [`crate::offload`]).
    offload: Offload,
    /// Codes and refresh tokens issued, for `POST /oauth/token`.
    grants: Arc<Grants>,
}

/// The stand-in's routes, hardened.
pub fn router(config: StandInConfig) -> Router {
    let stand_in = StandIn {
        config: Arc::new(config),
        offload: Offload::default(),
        grants: Arc::default(),
    };
    let routes = Router::new()
        .route("/oauth/authorize", get(grant_page))
        .route("/oauth/reauthenticate", get(grant_page))
        .route("/oauth/grant", post(decide))
        .route("/battery-capacity", get(battery::ask).post(battery::choose))
        .route("/oauth/token", post(token))
        .route("/style.css", get(stylesheet))
        .with_state(stand_in);
    harden(
        routes,
        Hardening {
            content_security_policy: CONTENT_SECURITY_POLICY,
            body_limit: BODY_LIMIT,
        },
    )
}

/// A finding of reading a link: its message and its help, if any.
type Note = (String, Option<String>);

/// The link as received, its redirect URI resolved against the registered ones.
struct Incoming {
    url: ConnectUrl,
    redirect_uri: RedirectUri,
    /// What works but is deprecated, suspicious or not canonical.
    warnings: Notes,
}

/// Findings to show: the first [`MAX_NOTES_SHOWN`], and how many more there are.
struct Notes {
    shown: Vec<Note>,
    more: usize,
}

impl Notes {
    /// The message and help of the first [`MAX_NOTES_SHOWN`] findings; the rest
    /// are only counted.
    fn of<'a>(findings: impl Iterator<Item = &'a connect_core::Error>) -> Self {
        let mut notes = Notes {
            shown: Vec::new(),
            more: 0,
        };
        for finding in findings {
            if notes.shown.len() < MAX_NOTES_SHOWN {
                notes.shown.push((finding.message(), finding.help()));
            } else {
                notes.more += 1;
            }
        }
        notes
    }

    fn is_empty(&self) -> bool {
        self.shown.is_empty() && self.more == 0
    }

    /// `<li class="CLASS">` items, each message and help escaped, then one that
    /// counts those not shown.
    fn items(&self, class: &str) -> String {
        let mut items: String = self
            .shown
            .iter()
            .map(|(message, help)| {
                let help = help
                    .as_ref()
                    .map(|h| format!("<br><small>help: {}</small>", escape(h)))
                    .unwrap_or_default();
                format!("<li class=\"{class}\">{}{help}</li>", escape(message))
            })
            .collect();
        if self.more > 0 {
            // Writing to a `String` cannot fail.
            let _ = write!(items, "<li class=\"more\">and {} more</li>", self.more);
        }
        items
    }
}

/// Why the stand-in refuses a link: each problem with its help, as Connect would.
struct Refusal {
    problems: Notes,
    link: Option<String>,
}

impl Refusal {
    fn one(problem: impl Into<String>) -> Self {
        Refusal {
            problems: Notes {
                shown: vec![(problem.into(), None)],
                more: 0,
            },
            link: None,
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let items = self.problems.items("problem");
        let link = self
            .link
            .map(|l| format!("<p><code>{}</code></p>", escape(&l)))
            .unwrap_or_default();
        page(
            StatusCode::BAD_REQUEST,
            "Connect would refuse this link",
            &format!("<ul id=\"problems\">{items}</ul>{link}"),
        )
    }
}

/// The link read with connect-core, as Connect reads it: what has only warnings
/// is accepted, and the warnings are kept to show. The one place the stand-in
/// calls its parser.
fn read_link(link: &str) -> Result<(ConnectUrl, Notes), Refusal> {
    let report = ConnectUrl::read(link);
    let warnings = Notes::of(report.warnings());
    match report.into_result() {
        Ok(url) => Ok((url, warnings)),
        Err(e) => Err(Refusal {
            problems: Notes::of(e.errors()),
            link: Some(link.to_owned()),
        }),
    }
}

/// The link against a whole registration, as Connect checks it: every refusal at
/// once, in Connect's wording; the redirect URI is the link's or the application's
/// default.
fn check_registered(
    registration: &Registration,
    url: ConnectUrl,
    warnings: Notes,
    link: &str,
) -> Result<Incoming, Refusal> {
    let report = registration.check(&url);
    if !report.is_ok() {
        return Err(Refusal {
            problems: Notes::of(report.findings().iter().map(|f| f.as_error())),
            link: Some(link.to_owned()),
        });
    }
    let redirect_uri = match (report.redirect_uri(), report.application()) {
        (Some(uri), _) => uri.clone(),
        // `response_type=none` without a redirect URI: Connect ends on its own
        // page; the stand-in, which has none, goes back to the default.
        (None, Some(app)) => app.default_redirect_uri().clone(),
        (None, None) => return Err(Refusal::one("the link's application is not registered")),
    };
    Ok(Incoming {
        url,
        redirect_uri,
        warnings,
    })
}

fn check(config: &StandInConfig, link: &str) -> Result<Incoming, Refusal> {
    let (url, warnings) = read_link(link)?;
    if let Some(registration) = &config.registration {
        return check_registered(registration, url, warnings, link);
    }
    let redirect_uri = match url.request().redirect_uri() {
        Some(uri) => uri.clone(),
        None => config.redirect_uris.first().cloned().ok_or_else(|| {
            Refusal::one("the link has no `redirect_uri` and the stand-in has no default one; start it with --redirect-uri")
        })?,
    };
    if !config.redirect_uris.contains(&redirect_uri) {
        let registered: Vec<String> = config
            .redirect_uris
            .iter()
            .map(|u| format!("`{u}`"))
            .collect();
        return Err(Refusal::one(format!(
            "`redirect_uri` `{redirect_uri}` is not registered; registered: {}",
            registered.join(", ")
        )));
    }
    Ok(Incoming {
        url,
        redirect_uri,
        warnings,
    })
}

/// The link as the browser requested it; only its query matters to the checks.
/// A request target in absolute form carries the authority itself (which then
/// wins over `Host`, RFC 9112 section 3.2.2); only its path and query are appended.
fn requested(headers: &HeaderMap, uri: &Uri) -> String {
    let host = uri
        .authority()
        .map(|authority| authority.as_str())
        .or_else(|| headers.get(header::HOST).and_then(|h| h.to_str().ok()))
        .unwrap_or("127.0.0.1");
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("http://{host}{path}")
}

fn refuse(problem: &str) -> Response {
    Refusal::one(problem).into_response()
}

async fn grant_page(
    AppState(stand_in): AppState<StandIn>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let link = requested(&headers, &uri);
    let config = Arc::clone(&stand_in.config);
    let incoming = match stand_in
        .offload
        .run(link.len(), move || check(&config, &link))
        .await
    {
        Ok(Ok(incoming)) => incoming,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(OffloadFailed) => return internal_error(),
    };
    let request = incoming.url.request();
    let permissions: String = match request.scope() {
        Some(scope) => scope
            .entries()
            .iter()
            .map(|entry| {
                let name = entry.permission().name();
                let description = escape(entry.permission().description());
                // A disabled checkbox is not submitted: a hidden field carries the
                // required permission instead.
                let (lock, hidden) = if entry.is_required() {
                    (" disabled", format!("<input type=\"hidden\" name=\"permission\" value=\"{name}\">"))
                } else {
                    ("", String::new())
                };
                let tag = if entry.is_required() { " <small>(required)</small>" } else { "" };
                format!(
                    "<label><input type=\"checkbox\" id=\"{name}\" name=\"permission\" value=\"{name}\" checked{lock}>\
                     {description} <code>{name}</code>{tag}</label>{hidden}"
                )
            })
            .collect(),
        None => "<p>The permissions set in the dashboard's Vehicle Access tab.</p>".to_owned(),
    };
    let action = if request.is_permission_upgrade() {
        "be granted more permissions on"
    } else if request.is_reauthentication() {
        "reconnect"
    } else {
        "connect"
    };
    // Connect says nothing of these to the owner; the stand-in is a developer's
    // tool, so it shows what connect-core would change in the link.
    let warnings = if incoming.warnings.is_empty() {
        String::new()
    } else {
        format!(
            "<p>Connect accepts this link, with warnings:</p><ul id=\"warnings\">{}</ul>",
            incoming.warnings.items("warning")
        )
    };
    page(
        StatusCode::OK,
        "Smartcar Connect (local stand-in)",
        &format!(
            "{warnings}<p>An application wants to {action} your vehicle and asks for:</p>\
             <form method=\"post\" action=\"/oauth/grant\">{permissions}\
             <input type=\"hidden\" name=\"link\" value=\"{}\">\
             <p><button id=\"allow\" name=\"decision\" value=\"allow\">Allow</button> \
             <button id=\"deny\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button></p></form>\
             <p><small>Returning to <code>{}</code></small></p>",
            escape(incoming.url.as_str()),
            escape(incoming.redirect_uri.as_str())
        ),
    )
}

/// Allow or Deny, then back to the application.
/// The grant form: the decision, the permissions chosen, and the link checked
/// again (the form came back from the browser).
struct Form {
    decision: Option<String>,
    chosen: Vec<String>,
    incoming: Incoming,
}

fn read_form(config: &StandInConfig, body: &str) -> Result<Form, Refusal> {
    let mut link = None;
    let mut decision = None;
    let mut chosen = Vec::new();
    for (name, value) in url::form_urlencoded::parse(body.as_bytes()) {
        match name.as_ref() {
            "link" => link = Some(value.into_owned()),
            "decision" => decision = Some(value.into_owned()),
            "permission" => chosen.push(value.into_owned()),
            _ => {}
        }
    }
    let Some(link) = link else {
        return Err(Refusal::one(
            "the form has no `link`: open the grant page from a Connect link",
        ));
    };
    Ok(Form {
        decision,
        chosen,
        incoming: check(config, &link)?,
    })
}

/// The end of the Tesla permission upgrade: a page, no redirect back.
fn permissions_granted(chosen: &[String]) -> Response {
    let items: String = chosen
        .iter()
        .map(|name| format!("<li><code>{}</code></li>", escape(name)))
        .collect();
    page(
        StatusCode::OK,
        "Permissions granted",
        &format!(
            "<p id=\"upgraded\">Your Tesla now shares:</p><ul>{items}</ul>\
             <p>You can close this page.</p>"
        ),
    )
}

fn internal_error() -> Response {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "The stand-in failed",
        "<p class=\"error\">Reading the link failed unexpectedly: see the stand-in's output.</p>",
    )
}

async fn decide(AppState(stand_in): AppState<StandIn>, body: String) -> Response {
    let config = Arc::clone(&stand_in.config);
    let form = stand_in
        .offload
        .run(body.len(), move || read_form(&config, &body))
        .await;
    let Form {
        decision,
        chosen,
        incoming,
    } = match form {
        Ok(Ok(form)) => form,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(OffloadFailed) => return internal_error(),
    };
    let request = incoming.url.request();
    let back =
        match decision.as_deref() {
            Some("deny") => vec![
                ("error", "access_denied".to_owned()),
                (
                    "error_description",
                    "The user denied access to your application.".to_owned(),
                ),
            ],
            Some("allow") => {
                if let Some(scope) = request.scope() {
                    if let Some(locked) = scope.entries().iter().find(|e| {
                        e.is_required() && !chosen.iter().any(|c| c == e.permission().name())
                    }) {
                        return refuse(&format!(
                            "`{}` is required and cannot be unchecked",
                            locked.permission()
                        ));
                    }
                    if !scope
                        .entries()
                        .iter()
                        .any(|e| chosen.iter().any(|c| c == e.permission().name()))
                    {
                        return refuse("select at least one permission to allow, or deny");
                    }
                }
                // The Tesla permission upgrade sends nothing back (FACTS.md).
                if request.is_permission_upgrade() {
                    return permissions_granted(&chosen);
                }
                match request.vehicle_id() {
                    Some(vehicle) => vec![("vehicle_id", vehicle.to_string())],
                    // Exchanged at `POST /oauth/token` against this link's redirect URI.
                    None => match stand_in
                        .grants
                        .issue_code(request.client_id(), request.redirect_uri())
                    {
                        Ok(code) => vec![("code", code)],
                        Err(e) => return refuse(&format!("no randomness for the code: {e}")),
                    },
                }
            }
            _ => return refuse("the form has no Allow or Deny decision"),
        };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in &back {
        query.append_pair(name, value);
    }
    if let Some(state) = request.state() {
        query.append_pair("state", state.as_str());
    }
    // Echoed on success and on error alike, as Connect does.
    if let Some(external_id) = request.external_id() {
        query.append_pair("external_id", external_id.as_str());
    }
    // The serializer writes a space as `+` (and a `+` as `%2B`): `%20` instead, so
    // the redirect is percent-encoded as RFC 3986 has it and reads the same to a
    // parser that does not take `+` for a space.
    let query = query.finish().replace('+', "%20");
    let uri = incoming.redirect_uri.as_str();
    let separator = if uri.contains('?') { '&' } else { '?' };
    let location = format!("{uri}{separator}{query}");
    match HeaderValue::from_str(&location) {
        Ok(location) => (StatusCode::FOUND, [(header::LOCATION, location)]).into_response(),
        Err(_) => refuse("the redirect back is not a valid header value"),
    }
}

/// `POST /oauth/token`: see [`crate::token_endpoint`].
async fn token(
    AppState(stand_in): AppState<StandIn>,
    headers: HeaderMap,
    body: String,
) -> Response {
    token_endpoint::exchange(
        &stand_in.grants,
        &stand_in.config.client_secret,
        &headers,
        &body,
    )
}
