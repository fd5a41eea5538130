//! A local stand-in for Smartcar Connect, to develop and test offline: it checks
//! incoming links with connect-core (400 with the exact problem for a link Connect
//! would refuse, or a redirect URI it was not started with), accepts every link
//! Connect accepts and lists its warnings on the grant page (required permissions
//! locked, optional ones uncheckable), and redirects back with `state` and
//! `external_id`.
//!
//! ```sh
//! cargo run --example connect_stand_in -- --port 4010 --redirect-uri http://127.0.0.1:8000/callback
//! ```
//!
//! `--redirect-uri` may be given several times; the first is the default. With
//! `--registration smartcar.toml` instead, the stand-in serves a whole registration
//! like Connect: 400 with Connect's message for an app id no application has, a
//! redirect URI not registered for the link's application, or permissions and makes
//! it may not request; the application's default redirect URI for a link without one.
//!
//! ```sh
//! cargo run --example connect_stand_in -- --port 4010 --registration examples/servers/smartcar.toml
//! ```
//!
//! `POST /oauth/token` exchanges the codes it hands out and refreshes tokens, as
//! Smartcar's token endpoint does, checking the client secret given with
//! `--client-secret` (default: `stand-in-demo-secret`, the web example's default
//! too; for the demo only).

use std::process::ExitCode;

use clap::Parser;
use connect_core::registration::Registration;
use connect_core::token::ClientSecret;
use connect_core::RedirectUri;
use connect_servers::{serve, stand_in, token_endpoint};

/// A local Smartcar Connect, served on 127.0.0.1.
#[derive(Parser)]
#[command(name = "connect_stand_in")]
struct Options {
    /// The loopback port to listen on.
    #[arg(long, default_value_t = 4010)]
    port: u16,
    /// The application's registration (`smartcar.toml`): serve its applications
    /// as Connect does.
    #[arg(long, value_name = "FILE", conflicts_with = "redirect_uris")]
    registration: Option<std::path::PathBuf>,
    /// A registered redirect URI, for a one-application registration whose app id
    /// is whatever the link carries; repeat for several, the first is the default.
    #[arg(
        long = "redirect-uri",
        value_name = "URI",
        default_value = "http://127.0.0.1:8000/callback"
    )]
    redirect_uris: Vec<RedirectUri>,
    /// The client secret the token endpoint checks (the demo's default is public:
    /// give your own to test a real configuration).
    #[arg(long, value_name = "SECRET", default_value = token_endpoint::DEMO_CLIENT_SECRET)]
    client_secret: ClientSecret,
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = Options::parse();
    let port = options.port;
    let registration = match options.registration.as_deref().map(load).transpose() {
        Ok(registration) => registration,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let banner = match &registration {
        Some(registration) => {
            let apps: Vec<String> = registration
                .applications()
                .iter()
                .map(|a| format!("{} ({})", a.name(), a.app_id()))
                .collect();
            format!(
                "Connect stand-in at http://127.0.0.1:{port}, applications: {}",
                apps.join(", ")
            )
        }
        None => {
            let registered: Vec<String> = options
                .redirect_uris
                .iter()
                .map(ToString::to_string)
                .collect();
            format!(
                "Connect stand-in at http://127.0.0.1:{port}, redirect URIs: {}",
                registered.join(", ")
            )
        }
    };
    let config = stand_in::StandInConfig {
        redirect_uris: options.redirect_uris,
        registration,
        client_secret: options.client_secret,
    };
    serve::on_loopback(port, stand_in::router(config), &banner).await
}

/// The registration read from `path`, or every problem of it, each with its line.
fn load(path: &std::path::Path) -> Result<Registration, String> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {shown}: {e}"))?;
    Registration::from_toml(&text, &shown).map_err(|e| e.to_string())
}
