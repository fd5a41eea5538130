//! Serving an example on loopback until Ctrl-C.

use std::process::ExitCode;

/// Serves `router` on `127.0.0.1:port` until Ctrl-C, printing `banner` once
/// listening; a port that cannot be bound is a message and exit code 1.
pub async fn on_loopback(port: u16, router: axum::Router, banner: &str) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{banner}");
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
