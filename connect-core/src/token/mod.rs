//! After the redirect back: the token exchange, the refresh, and the v3
//! application token, transport independent (feature `token`).
//!
//! This module builds each request as an [`http::Request<Vec<u8>>`] and reads
//! each answer from an [`http::Response`] of bytes; the application sends the
//! request with the HTTP client it already has (hyper, reqwest, ureq, a test
//! double…). It sends nothing itself (see the crate docs, "Tokens").
//!
//! ```
//! use connect_core::token::{http, Credentials, TokenRequest, Tokens};
//! use connect_core::{Callback, ConnectUrl, Outcome, Scope, ScopeEntry, Permission, State};
//! use std::time::SystemTime;
//!
//! # fn send(request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
//! #     http::Response::new(br#"{"access_token":"a","token_type":"Bearer","expires_in":7200,"refresh_token":"r"}"#.to_vec())
//! # }
//! let credentials = Credentials::new(
//!     "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?,
//!     "the-client-secret".parse()?, // from your secret store, never from a link
//! );
//! let state = State::generate()?;
//! let link = ConnectUrl::builder(credentials.client_id().clone())
//!     .scope(Scope::new([ScopeEntry::required(Permission::ReadOdometer)])?)
//!     .redirect_uri("https://example.com/home".parse()?)
//!     .state(state.clone())
//!     .build()?;
//!
//! // On https://example.com/home?code=…&state=…
//! let query = format!("code=abc&state={state}");
//! if let Outcome::Code(code) = Callback::from_query(&query)?.verify(&state)? {
//!     let request = TokenRequest::authorization_code(&link, &code, &credentials).to_http()?;
//!     let response = send(request); // your HTTP client
//!     let tokens = Tokens::read(&response, SystemTime::now())?;
//!     assert!(tokens.expires_at() > SystemTime::now());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod request;
mod response;
mod secret;

#[cfg(test)]
mod tests;

use std::time::Duration;

pub use error::{OAuthError, OAuthErrorKind, TokenError};
/// The `http` crate (1.x) whose types the requests and responses are, so an
/// application need not name it in its own manifest.
pub use http;
pub use request::{TokenRequest, FORM_CONTENT_TYPE};
pub use response::{ApplicationToken, Tokens};
pub use secret::{AccessToken, ClientSecret, Credentials, RefreshToken};

/// Smartcar's token endpoint's origin: `https://auth.smartcar.com`.
pub const AUTH_ORIGIN: &str = "https://auth.smartcar.com";

/// The path of the token endpoint: `/oauth/token`.
pub const TOKEN_PATH: &str = "/oauth/token";

/// The origin of the v3 API's token endpoint: `https://iam.smartcar.com`.
pub const IAM_ORIGIN: &str = "https://iam.smartcar.com";

/// The path of the v3 application token: `/oauth2/token`.
pub const APPLICATION_TOKEN_PATH: &str = "/oauth2/token";

/// How long a refresh token lasts: 60 days. No response field says so; every
/// official SDK computes the expiry as receipt + 60 days.
pub const REFRESH_TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 24 * 60 * 60);

/// How long before an [`ApplicationToken`] expires it is renewed: five minutes
/// ([`ApplicationToken::renew_at`]).
pub const APPLICATION_TOKEN_RENEWAL_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The header naming the owner of a v3 API call: `sc-user-id`, the
/// [`UserId`](crate::UserId) of the redirect back ([`ApplicationToken::authorize`]).
pub const USER_ID_HEADER: &str = "sc-user-id";

/// The largest response body read, in bytes: tokens take about 1 KB; anything
/// over 64 KiB is refused unread ([`TokenError::TooLarge`]).
pub const MAX_RESPONSE_LEN: usize = 64 * 1024;

/// The `User-Agent` of every request (Smartcar lists it as required):
/// `connect-core/VERSION`.
pub const USER_AGENT: &str = concat!("connect-core/", env!("CARGO_PKG_VERSION"));
