//! Connect's pages: `/oauth/authorize`, `/oauth/reauthenticate` (both of its
//! shapes: with `vehicle_id`, and the Tesla permission upgrade, whose Allow ends on
//! a page of its own, with no redirect back, as on Connect) and `/battery-capacity`
//! (the link Smartcar's API hands over, [`crate::battery`]). Each link is read with
//! connect-core and answered 400 with the exact problem when Connect would refuse
//! it: a rule of the link, a v3 `client_…` credential as app id
//! (`400: Invalid parameter client_id`), or what the registration does not allow (an app id, a
//! redirect URI, a permission or make), in Connect's words. Every link Connect
//! accepts is accepted (reading is faithful: `make=Ford`, `mode=test`, SDK
//! parameters, …) and its warnings are listed on the grant page, each with its
//! help. The grant page is Connect's since 2026-06-16: every permission checked,
//! `required` ones locked, optional ones uncheckable.
//!
//! Hardened ([`crate::serving::harden`]): security headers on every response, a
//! request body bounded to what a grant form needs, and requests in absolute form
//! (`GET http://host/oauth/authorize?… HTTP/1.1`, as sent to a proxy) answered like
//! origin-form ones. Long links are read off the async workers
//! ([`crate::serving::offload`]), and a page lists at most [`MAX_NOTES_SHOWN`]
//! findings of a link, then how many more.

#![allow(clippy::format_collect)] // a test page of a few items: `format!` per item reads best

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::State as AppState;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use connect_core::registration::Registration;
use connect_core::{ConnectUrl, RedirectUri};

use crate::battery;
use crate::config::{Applications, Config};
use crate::decision::{decide, Decision, Ending, Undecided};
use crate::handle::Shared;
use crate::owner::ConnectFailure;
use crate::serving::harden::{harden, Hardening};
use crate::serving::html::{escape, page, stylesheet};
use crate::serving::offload::OffloadFailed;
use crate::token_endpoint;

/// Pages load only the stand-in's stylesheet. No `form-action`: the grant form
/// ends in a redirect to the application, and browsers check `form-action`
/// against redirects too, so it would have to list every registered redirect URI.
///
/// ```
/// assert!(connect_stand_in::CONTENT_SECURITY_POLICY.starts_with("default-src 'none'"));
/// ```
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The largest grant form accepted, in bytes. The form carries the link, the
/// decision and at most 28 permission fields: with every parameter set and all
/// 28 permissions required, the whole form is about 2.1 KB percent-encoded (the
/// link 1.2 KB of it). But the stand-in shows the grant page of every link that
/// reads, up to [`MAX_URL_LEN`](connect_core::MAX_URL_LEN) canonical, and its form
/// must go through: form-encoded, each `%XX` of the link becomes `%25XX`, so the
/// link takes at most three times its length; 16 KiB more for the rest.
///
/// ```
/// assert!(connect_stand_in::BODY_LIMIT > 3 * connect_core::MAX_URL_LEN);
/// ```
pub const BODY_LIMIT: usize = 3 * connect_core::MAX_URL_LEN + 16 * 1024;

/// At most this many warnings (or errors) of a link are listed on a page, then
/// how many more there are: a 60 KB link of thousands of unknown parameters would
/// otherwise get a page of megabytes, and making it would cost more than reading
/// the link.
///
/// ```
/// assert_eq!(connect_stand_in::MAX_NOTES_SHOWN, 50);
/// ```
pub const MAX_NOTES_SHOWN: usize = 50;

/// The stand-in's routes, hardened.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let routes = Router::new()
        .route("/oauth/authorize", get(grant_page))
        .route("/oauth/reauthenticate", get(grant_page))
        .route("/oauth/grant", post(grant))
        .route("/battery-capacity", get(battery::ask).post(battery::choose))
        .route("/oauth/token", post(token))
        .route("/oauth2/token", post(application_token))
        .route("/style.css", get(stylesheet))
        .with_state(shared);
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
pub(crate) struct Incoming {
    pub(crate) url: ConnectUrl,
    pub(crate) redirect_uri: RedirectUri,
    /// What works but is deprecated, suspicious or not canonical.
    pub(crate) warnings: Notes,
}

/// Findings to show: the first [`MAX_NOTES_SHOWN`], and how many more there are.
pub(crate) struct Notes {
    pub(crate) shown: Vec<Note>,
    pub(crate) more: usize,
}

impl Notes {
    /// The message and help of the first [`MAX_NOTES_SHOWN`] findings; the rest
    /// are only counted.
    pub(crate) fn of<'a>(findings: impl Iterator<Item = &'a connect_core::Error>) -> Self {
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
pub(crate) struct Refusal {
    pub(crate) problems: Notes,
    pub(crate) link: Option<String>,
}

impl Refusal {
    pub(crate) fn one(problem: impl Into<String>) -> Self {
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

/// The link checked as Connect checks it: it reads, its app id is not a v3
/// credential, and the applications allow it; its redirect URI resolved.
pub(crate) fn check(config: &Config, link: &str) -> Result<Incoming, Refusal> {
    // Before any other problem of the link: Connect's own answer to a v3 credential
    // as app id (wbyoung/smartcar#110), whatever else the link holds.
    if let Some(id) = v3_credential_as_app_id(link) {
        return Err(Refusal {
            problems: Notes {
                shown: vec![(
                    INVALID_CLIENT_ID.to_owned(),
                    Some(format!(
                        "`{id}` is a v3 API credential, for `POST /oauth2/token`: the link \
                         takes the Connect app id of the dashboard"
                    )),
                )],
                more: 0,
            },
            link: Some(link.to_owned()),
        });
    }
    let (url, warnings) = read_link(link)?;
    let redirect_uris = match &config.applications {
        Applications::Registered(registration) => {
            return check_registered(registration, url, warnings, link)
        }
        Applications::AnyAppId(redirect_uris) => redirect_uris,
    };
    let redirect_uri = match url.request().redirect_uri() {
        Some(uri) => uri.clone(),
        None => redirect_uris.first().cloned().ok_or_else(|| {
            Refusal::one("the link has no `redirect_uri` and the stand-in has no default one; start it with a redirect URI")
        })?,
    };
    if !redirect_uris.contains(&redirect_uri) {
        let registered: Vec<String> = redirect_uris.iter().map(|u| format!("`{u}`")).collect();
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

/// The `client_id` (or `application_id`) of the link's query when it is a v3
/// credential (`client_…`). One pass over the query.
fn v3_credential_as_app_id(link: &str) -> Option<String> {
    let query = link.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| {
            (name == "client_id" || name == "application_id")
                && value.starts_with(V3_CREDENTIAL_PREFIX)
        })
        .map(|(_, value)| value.chars().take(100).collect())
}

/// What a v3 API credential's id begins with.
const V3_CREDENTIAL_PREFIX: &str = "client_";

/// Connect's answer to a link whose app id is a v3 credential.
pub(crate) const INVALID_CLIENT_ID: &str = "400: Invalid parameter client_id";

/// The link as the browser requested it; only its query matters to the checks.
/// A request target in absolute form carries the authority itself (which then
/// wins over `Host`, RFC 9112 section 3.2.2); only its path and query are appended.
pub(crate) fn requested(headers: &HeaderMap, uri: &Uri) -> String {
    let host = uri
        .authority()
        .map(|authority| authority.as_str())
        .or_else(|| headers.get(header::HOST).and_then(|h| h.to_str().ok()))
        .unwrap_or("127.0.0.1");
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("http://{host}{path}")
}

pub(crate) fn refuse(problem: &str) -> Response {
    Refusal::one(problem).into_response()
}

async fn grant_page(
    AppState(shared): AppState<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let link = requested(&headers, &uri);
    shared.received.link_opened(&link);
    let checking = Arc::clone(&shared);
    let incoming = match shared
        .offload
        .run(link.len(), move || check(&checking.config, &link))
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
             <label>Signed in as <input id=\"owner\" name=\"owner\" value=\"{DEFAULT_OWNER}\"></label>\
             <p><button id=\"allow\" name=\"decision\" value=\"allow\">Allow</button> \
             <button id=\"deny\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button></p></form>\
             <p><small>Returning to <code>{}</code></small></p>",
            escape(incoming.url.as_str()),
            escape(incoming.redirect_uri.as_str())
        ),
    )
}

/// The owner the grant form and [`Approval`](crate::Approval) stand for unless told.
pub(crate) const DEFAULT_OWNER: &str = "owner";

/// The grant form: the decision, the permissions chosen, the owner, and the link
/// checked again (the form came back from the browser).
struct Form {
    decision: Option<String>,
    chosen: Vec<String>,
    owner: String,
    /// `decision=error`'s fields: `error` and the error's own (`vin`, `status_code`, …).
    failure: Vec<(String, String)>,
    incoming: Incoming,
}

fn read_form(config: &Config, body: &str) -> Result<Form, Refusal> {
    let mut link = None;
    let mut decision = None;
    let mut owner = None;
    let mut chosen = Vec::new();
    let mut failure = Vec::new();
    for (name, value) in url::form_urlencoded::parse(body.as_bytes()) {
        match name.as_ref() {
            "link" => link = Some(value.into_owned()),
            "decision" => decision = Some(value.into_owned()),
            "owner" => owner = Some(value.into_owned()),
            "permission" => chosen.push(value.into_owned()),
            "error" | "vin" | "make" | "model" | "year" | "status_code" | "error_message" => {
                failure.push((name.into_owned(), value.into_owned()));
            }
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
        failure,
        owner: owner
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_OWNER.to_owned()),
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

pub(crate) fn internal_error() -> Response {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "The stand-in failed",
        "<p class=\"error\">Reading the link failed unexpectedly: see the stand-in's output.</p>",
    )
}

/// A redirect to `location`, or a page if it cannot be a header.
pub(crate) fn found(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (StatusCode::FOUND, [(header::LOCATION, location)]).into_response(),
        Err(_) => refuse("the redirect back is not a valid header value"),
    }
}

/// Why the owner's decision was not taken, as a page (and for the owner's methods).
pub(crate) fn undecided_message(undecided: &Undecided) -> String {
    match undecided {
        Undecided::Required(permission) => {
            format!("`{permission}` is required and cannot be unchecked")
        }
        Undecided::NothingAllowed => "select at least one permission to allow, or deny".to_owned(),
        Undecided::NoRandomness(e) => format!("no randomness for the code: {e}"),
    }
}

/// `POST /oauth/grant`: Allow or Deny, then back to the application.
async fn grant(AppState(shared): AppState<Arc<Shared>>, body: String) -> Response {
    let checking = Arc::clone(&shared);
    let form = shared
        .offload
        .run(body.len(), move || read_form(&checking.config, &body))
        .await;
    let Form {
        decision,
        chosen,
        owner,
        failure,
        incoming,
    } = match form {
        Ok(Ok(form)) => form,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(OffloadFailed) => return internal_error(),
    };
    let decision = match decision.as_deref() {
        Some("deny") => Decision::Deny,
        Some("allow") => Decision::Allow { chosen, owner },
        // For scripts without the library: any documented Connect error, with its fields.
        Some("error") => match ConnectFailure::from_fields(&failure) {
            Ok(failure) => Decision::Fail(failure),
            Err(problem) => return refuse(&problem),
        },
        _ => return refuse("the form has no Allow, Deny or error decision"),
    };
    match decide(&shared, &incoming, &decision) {
        Ok(Ending::Redirect(location)) => found(&location),
        Ok(Ending::Upgraded(granted)) => permissions_granted(&granted),
        Err(undecided) => refuse(&undecided_message(&undecided)),
    }
}

/// `POST /oauth/token`: see [`crate::token_endpoint`].
async fn token(
    AppState(shared): AppState<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    token_endpoint::token(&shared, &headers, &body).into_response()
}

/// `POST /oauth2/token`: see [`crate::token_endpoint`].
async fn application_token(
    AppState(shared): AppState<Arc<Shared>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    token_endpoint::application_token(&shared, &headers, &body).into_response()
}
