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
//! `--redirect-uri` may be given several times; the first is the default.
//!
//! `POST /oauth/token` exchanges the codes it hands out and refreshes tokens, as
//! Smartcar's token endpoint does, checking the client secret given with
//! `--client-secret` (default: `stand-in-demo-secret`, the web example's default
//! too; for the demo only).

use std::process::ExitCode;

use clap::Parser;
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
    /// A registered redirect URI; repeat for several, the first is the default.
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
    let config = stand_in::StandInConfig {
        redirect_uris: options.redirect_uris,
        client_secret: options.client_secret,
    };
    let registered: Vec<String> = config
        .redirect_uris
        .iter()
        .map(ToString::to_string)
        .collect();
    let banner = format!(
        "Connect stand-in at http://127.0.0.1:{port}, redirect URIs: {}",
        registered.join(", ")
    );
    serve::on_loopback(port, stand_in::router(config), &banner).await
}
