//! A local stand-in for Smartcar Connect, to develop and test offline: it checks
//! incoming links with connect-core (400 with the exact problem for a link Connect
//! would refuse, or a redirect URI it was not started with), shows a grant page
//! (required permissions locked, optional ones uncheckable), and redirects back.
//!
//! ```sh
//! cargo run --example connect_stand_in -- --port 4010 --redirect-uri http://127.0.0.1:8000/callback
//! ```
//!
//! `--redirect-uri` may be given several times; the first is the default.

use std::process::ExitCode;

use connect_core::RedirectUri;
use connect_examples::{args, serve, stand_in};

#[tokio::main]
async fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let config = (|| {
        let port: u16 = args::value(&argv, "--port", 4010)?;
        let mut redirect_uris = Vec::new();
        for uri in args::values(&argv, "--redirect-uri") {
            redirect_uris.push(
                uri.parse::<RedirectUri>()
                    .map_err(|e| format!("--redirect-uri {uri:?}: {e}"))?,
            );
        }
        if redirect_uris.is_empty() {
            redirect_uris.push(
                "http://127.0.0.1:8000/callback"
                    .parse()
                    .map_err(|e: connect_core::Error| e.to_string())?,
            );
        }
        Ok::<_, String>((port, stand_in::StandInConfig { redirect_uris }))
    })();
    let (port, config) = match config {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}\nusage: connect_stand_in [--port 4010] [--redirect-uri URI]...");
            return ExitCode::from(2);
        }
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
