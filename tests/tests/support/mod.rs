//! The web example served in-process on a loopback port, and the Connect stand-in
//! (the `connect-stand-in` crate, as an application's tests start it), for the
//! end-to-end and browser tests.

#![allow(dead_code)] // each test file uses part of it

use std::time::Duration;

use connect_servers::serve::serve;
pub use connect_servers::serve::ConnectionLimits;
use connect_servers::web;
use connect_stand_in::{StandIn, DEMO_CLIENT_SECRET};

/// The header-read timeout of the servers under test: short, so that the test of
/// a half-sent request does not wait long.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(1);

/// Both servers, on `127.0.0.1` ports the OS chose. The web example stops with
/// the runtime, the stand-in when this is dropped.
pub struct Servers {
    /// `http://127.0.0.1:PORT` of the web example.
    pub web: String,
    /// `http://127.0.0.1:PORT` of the Connect stand-in.
    pub stand_in: String,
    /// The stand-in itself: its clock, what it received.
    pub connect: StandIn,
}

/// The connection limits of the servers under test: the examples' own, but for
/// the short [`HEADER_READ_TIMEOUT`].
fn test_limits() -> ConnectionLimits {
    ConnectionLimits {
        header_read_timeout: HEADER_READ_TIMEOUT,
        ..ConnectionLimits::default()
    }
}

/// Serves `router` on `listener` as the examples do, until the runtime stops.
fn serve_on(listener: tokio::net::TcpListener, router: axum::Router, limits: ConnectionLimits) {
    tokio::spawn(serve(listener, router, limits, std::future::pending()));
}

/// Serves `router` on a port the OS chose; its `http://…` base.
pub async fn spawn(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    serve_on(listener, router, test_limits());
    base
}

pub async fn start() -> Servers {
    start_with_secret(DEMO_CLIENT_SECRET).await
}

/// Both servers with the connection limits they are deployed with
/// ([`ConnectionLimits::default`]), not the short test ones: the header-read
/// timeout also closes a keep-alive connection idle that long, and a client that
/// keeps a pool of connections must be able to keep them for a while (the load test).
pub async fn start_as_deployed() -> Servers {
    start_with(DEMO_CLIENT_SECRET, ConnectionLimits::default()).await
}

/// Both servers, the web example exchanging codes with `web_secret` (the stand-in
/// checks [`DEMO_CLIENT_SECRET`]).
pub async fn start_with_secret(web_secret: &str) -> Servers {
    start_with(web_secret, test_limits()).await
}

async fn start_with(web_secret: &str, limits: ConnectionLimits) -> Servers {
    // The web example's callback must be known before it listens: bind first.
    let web_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let web = format!("http://{}", web_listener.local_addr().unwrap());
    let callback = format!("{web}/callback");
    let connect = StandIn::any_app_id([callback.parse().unwrap()])
        .header_read_timeout(limits.header_read_timeout)
        .start()
        .unwrap();
    let stand_in = connect.url().to_owned();
    let web_config = web::WebConfig {
        connect_origin: stand_in.parse().unwrap(),
        redirect_uri: callback.parse().unwrap(),
        auth_origin: stand_in.parse().unwrap(),
        client_secret: web_secret.parse().unwrap(),
    };
    serve_on(web_listener, web::router(web_config), limits);
    Servers {
        web,
        stand_in,
        connect,
    }
}

/// The value of `name="NAME" value="…"` in a page, unescaped.
pub fn hidden_input(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}
