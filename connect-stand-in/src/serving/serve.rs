//! Serving a router over HTTP/1, with the connection limits `axum::serve` lacks.
//!
//! `axum::serve` (0.8) builds its connections without a timer, and hyper applies
//! its header-read timeout only with one: a client that sends half a request head
//! holds its connection (and a task) forever. Serving each connection with hyper's
//! own HTTP/1 builder, given tokio's timer, closes it when the head has not arrived
//! within [`ConnectionLimits::header_read_timeout`]. hyper starts that timer
//! whenever it waits for a request head, so an idle keep-alive connection is closed
//! after the same time. Bodies and handlers are bounded by each router's layers
//! (see [`super::harden`]).

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How long a connection may take to send a request head, and how long in-flight
/// requests get to finish after a shutdown signal.
///
/// ```
/// use connect_stand_in::serving::serve::{serve, ConnectionLimits};
/// use std::time::Duration;
///
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let limits = ConnectionLimits {
///     header_read_timeout: Duration::from_secs(1),
///     ..ConnectionLimits::default()
/// };
/// // Serves until the shutdown future completes: here at once.
/// serve(listener, axum::Router::new(), limits, async {}).await;
/// # Ok::<(), std::io::Error>(())
/// # })?;
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// A connection whose request head is not complete after this is closed.
    pub header_read_timeout: Duration,
    /// After the shutdown signal, connections still open after this are dropped.
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(5),
        }
    }
}

/// Serves `router` on the connections of `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, as axum::serve does,
                    // rather than spin.
                    eprintln!("error: accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out is not the server's error.
            let _ = connection.await;
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {}
    }
}
