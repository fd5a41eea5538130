//! The HTTP hardening both servers share, as tower-http layers on the router:
//! security headers on every response, a bound on request bodies, a bound on
//! the time a handler (body included) may take.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// A request whose handler, body included, has not answered after this gets 408:
/// a client that sends half a body does not hold the handler longer. (Half a
/// request head is the connection's business: see [`super::serve`].)
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What differs between the servers.
///
/// ```
/// use connect_stand_in::serving::harden::{harden, Hardening};
///
/// let router: axum::Router = axum::Router::new();
/// let hardened = harden(
///     router,
///     Hardening {
///         content_security_policy: "default-src 'none'",
///         body_limit: 16 * 1024,
///     },
/// );
/// # let _ = hardened;
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Hardening {
    /// The `Content-Security-Policy` of every response.
    pub content_security_policy: &'static str,
    /// The largest request body accepted, in bytes; larger ones get 413.
    pub body_limit: usize,
}

/// `router` with the layers. The header layers are outermost, so the 408 and 413
/// answers of the inner layers carry the headers too.
pub fn harden(router: Router, hardening: Hardening) -> Router {
    let set =
        |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    router
        .layer(RequestBodyLimitLayer::new(hardening.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Pages show codes and states: never stored by a browser or a proxy.
        .layer(set(header::CACHE_CONTROL, "no-store"))
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            hardening.content_security_policy,
        ))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        // A link followed from the page that shows the code must not carry its URL.
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
}
