//! Serving the web example on a loopback port until Ctrl-C (the stand-in's
//! binary has its own start, `connect-stand-in`).

use std::process::ExitCode;

use axum::Router;
use tokio::net::TcpListener;

use crate::serve::{serve, ConnectionLimits};

/// Serves `router` on `127.0.0.1:port` until Ctrl-C, printing `banner` once
/// listening; a port that cannot be bound is a message and exit code 1.
pub async fn on_loopback(port: u16, router: Router, banner: &str) -> ExitCode {
    let listener = match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{banner}");
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!("error: cannot wait for Ctrl-C ({e}); stopping");
        }
    };
    serve(listener, router, ConnectionLimits::default(), ctrl_c).await;
    ExitCode::SUCCESS
}
