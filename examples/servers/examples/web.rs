//! The whole Connect flow in a web app: a "Connect your vehicle" button, a 302 to
//! a fresh `connect_url!` link with a random state kept in an HttpOnly cookie (and
//! a demo `external_id` for the owner), and a callback that checks the state and
//! shows the code or Connect's error, with the `external_id` Connect echoed.
//!
//! Offline, with the local stand-in in another terminal:
//!
//! ```sh
//! cargo run --example connect_stand_in -- --port 4010 --registration examples/servers/smartcar.toml
//! cargo run --example web -- --port 8000 --connect-origin http://127.0.0.1:4010 --registration examples/servers/smartcar.toml
//! ```
//!
//! With `--registration`, the app checks its own links against the application's
//! registration at start-up and refuses to start when Connect would refuse them
//! (a `--public-url` whose `/callback` is not registered, say).
//!
//! then open <http://127.0.0.1:8000>. Without `--connect-origin` the links go to
//! Smartcar's own Connect.

use std::process::ExitCode;

use clap::Parser;
use connect_core::registration::Registration;
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
    /// The application's registration (`smartcar.toml`): the app's links are
    /// checked against it at start-up.
    #[arg(long, value_name = "FILE")]
    registration: Option<std::path::PathBuf>,
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
    if let Some(path) = &options.registration {
        let shown = path.display().to_string();
        let checked = std::fs::read_to_string(path)
            .map_err(|e| format!("error: cannot read {shown}: {e}"))
            .and_then(|text| Registration::from_toml(&text, &shown).map_err(|e| e.to_string()))
            .and_then(|registration| web::check_registration(&config, &registration));
        if let Err(e) = checked {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let banner = format!(
        "listening on 127.0.0.1:{port}: open {public_url} (Connect at {})",
        config.connect_origin
    );
    serve::on_loopback(port, web::router(config), &banner).await
}
