//! The web example's HTTP client for the token endpoint: hyper-util's, chosen by
//! measured build weight (BENCHMARKS.md, "The web example's HTTP client").
//!
//! connect-core builds the request as an `http::Request<Vec<u8>>` and reads an
//! `http::Response<Vec<u8>>`; this module only carries them. Bounded like the
//! servers: a whole exchange within [`TIMEOUT`], an answer of at most
//! connect-core's [`MAX_RESPONSE_LEN`] bytes read.
//!
//! It speaks plain HTTP, which is what a local stand-in serves. Smartcar's
//! endpoint is `https://auth.smartcar.com`: a production app gives the client a
//! TLS connector (`hyper-rustls`'s `HttpsConnector`, one line here), or sends the
//! same `http::Request` with the client it already has.

use std::time::Duration;

use connect_core::token::{http, MAX_RESPONSE_LEN};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// The longest a request and its answer may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// An HTTP/1 client, a connection per exchange.
#[derive(Clone, Debug)]
pub struct HttpClient(Client<HttpConnector, Full<Bytes>>);

impl Default for HttpClient {
    fn default() -> Self {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(TIMEOUT));
        // No idle connections kept: a server closes one that has been idle for its
        // keep-alive time (the stand-in after its header-read timeout), and an
        // exchange sent on it as it closes fails and is not retried (a POST). Token
        // exchanges are rare (a sign-in, a refresh every two hours): a fresh
        // connection each costs nothing that matters.
        HttpClient(
            Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(0)
                .build(connector),
        )
    }
}

impl HttpClient {
    /// Sends `request` and reads the answer's body, at most [`MAX_RESPONSE_LEN`] bytes.
    ///
    /// # Errors
    ///
    /// What went wrong, as a sentence: no connection, a timeout, a broken body,
    /// an answer over [`MAX_RESPONSE_LEN`] bytes.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, String> {
        let uri = request.uri().clone();
        if uri.scheme_str() != Some("http") {
            return Err(format!(
                "this example's HTTP client speaks plain HTTP only (a local stand-in); reaching \
                 {uri} needs a TLS connector, e.g. hyper-rustls's HttpsConnector"
            ));
        }
        let exchange = async {
            let response = self
                .0
                .request(request.map(|body| Full::new(Bytes::from(body))))
                .await
                .map_err(|e| format!("no answer from {uri}: {e}"))?;
            let (parts, body) = response.into_parts();
            let bytes = match Limited::new(body, MAX_RESPONSE_LEN).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<LengthLimitError>() => {
                    return Err(format!(
                    "the answer from {uri} is over {MAX_RESPONSE_LEN} bytes, more than tokens take"
                ))
                }
                Err(e) => return Err(format!("the answer from {uri} broke off: {e}")),
            };
            Ok(http::Response::from_parts(parts, bytes.to_vec()))
        };
        tokio::time::timeout(TIMEOUT, exchange)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "no answer from {uri} within {} s",
                    TIMEOUT.as_secs()
                ))
            })
    }
}
