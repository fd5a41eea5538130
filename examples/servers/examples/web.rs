//! The whole Connect flow in a web app: a "Connect your vehicle" button, a 302 to
//! a fresh `connect_url!` link with a random state kept in an HttpOnly cookie (and
//! a demo `external_id` for the owner), and a callback that checks the state and
//! shows the code or Connect's error, with the `external_id` Connect echoed.
//!
//! Offline, with the local stand-in in another terminal:
//!
//! ```sh
//! cargo run --example connect_stand_in -- --port 4010 --redirect-uri http://127.0.0.1:8000/callback
//! cargo run --example web -- --port 8000 --connect-origin http://127.0.0.1:4010
//! ```
//!
//! then open <http://127.0.0.1:8000>. Without `--connect-origin` the links go to
//! Smartcar's own Connect.

use std::process::ExitCode;

use clap::Parser;
use connect_core::{Origin, WebRedirectUri};
use connect_servers::{serve, web};

/// The Connect flow in a web app, served on 127.0.0.1.
#[derive(Parser)]
#[command(name = "web")]
struct Options {
    /// The loopback port to listen on.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Connect's origin: Smartcar's, or a local stand-in's (`http://127.0.0.1:4010`).
    #[arg(long, default_value_t = Origin::SMARTCAR)]
    connect_origin: Origin,
    /// This app's URL as browsers reach it, e.g. `https://app.example` behind a TLS
    /// proxy: the redirect URI is its `/callback`, and the state cookie is `Secure`
    /// when it is https [default: http://127.0.0.1:PORT].
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    let port = options.port;
    let public_url = options
        .public_url
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
    let callback = format!("{}/callback", public_url.trim_end_matches('/'));
    let redirect_uri: WebRedirectUri = match callback.parse() {
        Ok(uri) => uri,
        Err(e) => {
            eprintln!("error: the redirect URI {callback:?} made from --public-url: {e}");
            return ExitCode::from(2);
        }
    };
    let config = web::WebConfig {
        connect_origin: options.connect_origin,
        redirect_uri,
    };
    let banner = format!(
        "listening on 127.0.0.1:{port}: open {public_url} (Connect at {})",
        config.connect_origin
    );
    serve::on_loopback(port, web::router(config), &banner).await
}
