//! The whole Connect flow in a web app: a "Connect your vehicle" button, a 302 to
//! a fresh `connect_url!` link with a random state kept in an HttpOnly cookie, and
//! a callback that checks the state and shows the code or Connect's error.
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

use connect_core::{Origin, WebRedirectUri};
use connect_examples::{args, serve, web};

#[tokio::main]
async fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let config = (|| {
        let port: u16 = args::value(&argv, "--port", 8000)?;
        let connect_origin: Origin = args::value(&argv, "--connect-origin", Origin::SMARTCAR)?;
        let redirect_uri: WebRedirectUri = format!("http://127.0.0.1:{port}/callback")
            .parse()
            .map_err(|e: connect_core::Error| e.to_string())?;
        Ok::<_, String>((
            port,
            web::WebConfig {
                connect_origin,
                redirect_uri,
            },
        ))
    })();
    let (port, config) = match config {
        Ok(config) => config,
        Err(e) => {
            eprintln!(
                "error: {e}\nusage: web [--port 8000] [--connect-origin http://127.0.0.1:4010]"
            );
            return ExitCode::from(2);
        }
    };
    let banner = format!(
        "open http://127.0.0.1:{port} (Connect at {})",
        config.connect_origin
    );
    serve::on_loopback(port, web::router(config), &banner).await
}
