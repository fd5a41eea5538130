//! The whole Connect flow in a web app: a "Connect your vehicle" button, a 302 to
//! a fresh `connect_url!` link with a random state kept in an HttpOnly cookie (and
//! a demo `external_id` for the owner), and a callback that checks the state and
//! shows the code or Connect's error, with the `external_id` Connect echoed.
//!
//! Offline, with the local stand-in in another terminal:
//!
//! ```sh
//! cargo run -p connect-stand-in --features cli -- --port 4010 --registration examples/servers/smartcar.toml
//! cargo run --example web -- --port 8000 --connect-origin http://127.0.0.1:4010 --registration examples/servers/smartcar.toml
//! ```
//!
//! Several instances share two things, from the environment:
//!
//! - `CONNECT_WEB_KEY`: the key of the flow cookie, 64 bytes as 128 hex digits
//!   (`openssl rand -hex 64`). Unset, each start draws a random key and says that
//!   flows cannot span instances or restarts.
//! - `DATABASE_URL`: where tokens and v3 user ids are kept: `sqlite://PATH` (the
//!   default: `connect-web.sqlite3` beside the executable), or `postgres://…`.
//!
//! With `--registration`, the app checks its own links against the application's
//! registration at start-up and refuses to start when Connect would refuse them
//! (a `--public-url` whose `/callback` is not registered, say).
//!
//! then open <http://127.0.0.1:8000>. Without `--connect-origin` the links go to
//! Smartcar's own Connect.
//!
//! After the callback the app exchanges the code for tokens at the token endpoint
//! (`--auth-origin`; by default the `--connect-origin` when one is given, since the
//! stand-in serves both, else `https://auth.smartcar.com`) with `--client-secret`
//! (default: the stand-in's demo secret, `stand-in-demo-secret`), shows when the
//! tokens expire, and refreshes them with a button. Its HTTP client speaks plain
//! HTTP only (see `connect_servers::http_client`): against Smartcar's own https
//! endpoint the exchange fails with a message saying so.

use std::process::ExitCode;

use clap::Parser;
use connect_core::registration::Registration;
use connect_core::token::{ClientSecret, AUTH_ORIGIN};
use connect_core::{Origin, WebRedirectUri};
use connect_servers::flow_cookie::KEY_VARIABLE;
use connect_servers::token_store::{DatabaseUrl, DATABASE_VARIABLE};
use connect_servers::{loopback, web};
use connect_stand_in::DEMO_CLIENT_SECRET;

/// The Connect flow in a web app, served on 127.0.0.1.
#[derive(Parser)]
#[command(name = "web")]
struct Options {
    /// The loopback port to listen on.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Connect's origin: Smartcar's, or a local stand-in's (`http://127.0.0.1:4010`).
    #[arg(long)]
    connect_origin: Option<Origin>,
    /// The token endpoint's origin [default: the --connect-origin if given, else
    /// `https://auth.smartcar.com`].
    #[arg(long)]
    auth_origin: Option<Origin>,
    /// The application's client secret, for the token exchange (the default is the
    /// stand-in's public demo secret).
    #[arg(long, value_name = "SECRET", default_value = DEMO_CLIENT_SECRET)]
    client_secret: ClientSecret,
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
    let auth_origin = match (options.auth_origin, &options.connect_origin) {
        (Some(origin), _) => origin,
        (None, Some(stand_in)) => stand_in.clone(),
        (None, None) => match AUTH_ORIGIN.parse() {
            Ok(origin) => origin,
            Err(e) => {
                eprintln!("error: {AUTH_ORIGIN}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let config = web::WebConfig {
        connect_origin: options.connect_origin.unwrap_or(Origin::SMARTCAR),
        redirect_uri,
        auth_origin,
        client_secret: options.client_secret,
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
    let key = std::env::var(KEY_VARIABLE).ok();
    let database = std::env::var(DATABASE_VARIABLE).ok();
    let (shared, warnings) = match web::Shared::from_env(key.as_deref(), database.as_deref()).await
    {
        Ok(shared) => shared,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let database =
        DatabaseUrl::from_env_value(database.as_deref()).map_or_else(|e| e, |url| url.to_string());
    let banner = format!(
        "listening on 127.0.0.1:{port}: open {public_url} (Connect at {}, tokens at {}, stored in the {database})",
        config.connect_origin, config.auth_origin
    );
    loopback::on_loopback(port, web::router_with(config, shared), &banner).await
}
