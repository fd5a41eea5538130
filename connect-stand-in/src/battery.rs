//! The battery-capacity page: `GET /battery-capacity?…` reads the link Smartcar's
//! API hands over (once the application filled its `redirect_uri`) and asks the
//! owner for the capacity; `POST /battery-capacity` redirects back with
//! `vehicle_id`, `selected_capacity` and `reason=battery_capacity`, or the error
//! `battery_capacity_no_selection` with `vehicle_id`.

use std::sync::Arc;

use axum::extract::State as AppState;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use connect_core::{BatteryCapacityLink, RedirectUri};

use crate::config::{Applications, Config};
use crate::connect::{found, internal_error, refuse, requested, Notes, Refusal};
use crate::decision::redirect_back;
use crate::handle::Shared;
use crate::serving::html::{escape, page};
use crate::serving::offload::OffloadFailed;

/// The link checked as Connect would: it reads, its redirect URI is filled in and
/// registered.
pub(crate) fn check(
    config: &Config,
    link: &str,
) -> Result<(BatteryCapacityLink, RedirectUri), Refusal> {
    let link = BatteryCapacityLink::read(link)
        .into_result()
        .map_err(|e| Refusal {
            problems: Notes::of(e.errors()),
            link: Some(link.to_owned()),
        })?;
    let Some(redirect_uri) = link.redirect_uri().cloned() else {
        return Err(Refusal::one(
            "the battery-capacity link's `redirect_uri` is empty: fill it with the application's \
             (`BatteryCapacityLink::with_redirect_uri`) before sending the owner to it",
        ));
    };
    match &config.applications {
        // As Connect does with a registration: the link's app, then its redirect URIs.
        Applications::Registered(registration) => {
            let Some(application) = registration.by_app_id(link.client_id()) else {
                return Err(Refusal::one(
                    registration
                        .unknown_app_id(link.client_id().as_str(), link.app_id_parameter())
                        .to_string(),
                ));
            };
            application
                .check_redirect_uri(registration, redirect_uri.as_str())
                .map_err(|e| Refusal::one(e.to_string()))?;
        }
        Applications::AnyAppId(redirect_uris) if !redirect_uris.contains(&redirect_uri) => {
            return Err(Refusal::one(format!(
                "`redirect_uri` `{redirect_uri}` is not registered"
            )));
        }
        Applications::AnyAppId(_) => {}
    }
    Ok((link, redirect_uri))
}

/// `GET /battery-capacity?…`: what capacity the battery has.
pub(crate) async fn ask(
    AppState(shared): AppState<Arc<Shared>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let text = requested(&headers, &uri);
    shared.received.link_opened(&text);
    let checking = Arc::clone(&shared);
    let (link, redirect_uri) = match shared
        .offload
        .run(text.len(), move || check(&checking.config, &text))
        .await
    {
        Ok(Ok(checked)) => checked,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(OffloadFailed) => return internal_error(),
    };
    page(
        StatusCode::OK,
        "Battery capacity (local stand-in)",
        &format!(
            "<p>What is the usable capacity of the battery of vehicle <code>{}</code>?</p>\
             <form method=\"post\" action=\"/battery-capacity\">\
             <label>Capacity in kWh <input id=\"capacity\" name=\"capacity\" inputmode=\"decimal\" value=\"75\"></label>\
             <input type=\"hidden\" name=\"link\" value=\"{}\">\
             <p><button id=\"save\" name=\"decision\" value=\"save\">Save</button> \
             <button id=\"skip\" class=\"secondary\" name=\"decision\" value=\"skip\">I don't know</button></p></form>\
             <p><small>Returning to <code>{}</code></small></p>",
            escape(link.vehicle_id().as_str()),
            escape(link.as_str()),
            escape(redirect_uri.as_str())
        ),
    )
}

/// The redirect back of the owner's answer: `Some(capacity)` saved (a positive
/// number of kWh), `None` for "I don't know".
pub(crate) fn answer(
    link: &BatteryCapacityLink,
    redirect_uri: &RedirectUri,
    capacity: Option<&str>,
) -> Result<String, &'static str> {
    let vehicle_id = link.vehicle_id().as_str();
    let pairs = match capacity {
        Some(capacity) => {
            let capacity = capacity.trim();
            match capacity.parse::<f64>() {
                Ok(kwh) if kwh.is_finite() && kwh > 0.0 => vec![
                    ("vehicle_id", vehicle_id),
                    ("selected_capacity", capacity),
                    ("reason", "battery_capacity"),
                ],
                _ => return Err("the capacity is a positive number of kWh, e.g. `75` or `82.5`"),
            }
        }
        None => vec![
            ("error", "battery_capacity_no_selection"),
            (
                "error_description",
                "The user did not select a battery capacity.",
            ),
            ("vehicle_id", vehicle_id),
        ],
    };
    Ok(redirect_back(redirect_uri.as_str(), &pairs, &[]))
}

/// `POST /battery-capacity`: back to the application with the capacity, or the
/// error of no selection.
pub(crate) async fn choose(AppState(shared): AppState<Arc<Shared>>, body: String) -> Response {
    let checking = Arc::clone(&shared);
    let form = shared
        .offload
        .run(body.len(), move || {
            let mut fields = (None, None, None);
            for (name, value) in url::form_urlencoded::parse(body.as_bytes()) {
                match name.as_ref() {
                    "link" => fields.0 = Some(value.into_owned()),
                    "decision" => fields.1 = Some(value.into_owned()),
                    "capacity" => fields.2 = Some(value.into_owned()),
                    _ => {}
                }
            }
            let Some(link) = fields.0 else {
                return Err(Refusal::one(
                    "the form has no `link`: open the page from a battery-capacity link",
                ));
            };
            check(&checking.config, &link).map(|checked| (checked, fields.1, fields.2))
        })
        .await;
    let ((link, redirect_uri), decision, capacity) = match form {
        Ok(Ok(form)) => form,
        Ok(Err(refusal)) => return refusal.into_response(),
        Err(OffloadFailed) => return internal_error(),
    };
    let capacity = capacity.unwrap_or_default();
    let answered = match decision.as_deref() {
        Some("save") => answer(&link, &redirect_uri, Some(&capacity)),
        Some("skip") => answer(&link, &redirect_uri, None),
        _ => return refuse("the form has no Save or I don't know decision"),
    };
    match answered {
        Ok(location) => found(&location),
        Err(problem) => refuse(problem),
    }
}
