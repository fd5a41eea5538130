//! A local Smartcar Connect for an application's own tests: started from a test
//! on a free loopback port, configured from the application's `smartcar.toml`,
//! stopped when dropped.
//!
//! ```toml
//! [dev-dependencies]
//! connect-stand-in = "0.1"   # once published; until then a path to a checkout
//! ```
//!
//! What it does, as Smartcar does (each point has a test of this crate):
//!
//! - **Connect's pages**: `GET /oauth/authorize`, `/oauth/reauthenticate` (with
//!   `vehicle_id`, and the Tesla permission upgrade) and `/battery-capacity` read the
//!   link with connect-core and show a grant page, or refuse (400) what Connect
//!   refuses, in Connect's words: an app id no application has, a redirect URI not
//!   registered, a permission or make the application may not request, and a v3
//!   `client_…` credential used as app id (`400: Invalid parameter client_id`).
//! - **The owner, without a browser**: [`StandIn::approve`] (optional permissions
//!   may be unchecked, required ones cannot: [`Approval`]), [`StandIn::deny`],
//!   [`StandIn::fail`] with any documented Connect error ([`ConnectFailure`]),
//!   [`StandIn::grant_upgrade`] for the Tesla upgrade, and
//!   [`StandIn::choose_capacity`] / [`StandIn::skip_capacity`] for the battery page.
//!   Each gives the redirect back ([`RedirectBack`]): `code`, `state`,
//!   `external_id`, and the owner's v3 `user_id` (the same owner, the same id).
//! - **The token endpoints**: `POST /oauth/token` (code exchange and refresh, Basic
//!   authentication per application) and `POST /oauth2/token` (the v3 application
//!   token, client credentials), with Smartcar's OAuth errors and lifetimes: codes
//!   single use for 10 minutes, access tokens 2 hours, application tokens 1 hour,
//!   refresh tokens 60 days and rotating, the old one still valid for a minute
//!   after its use (the refresh grace). [`StandIn::send`] answers a request built by
//!   connect-core in-process, without an HTTP client; any client reaches
//!   [`StandIn::url`] too.
//! - **A clock the test moves**: [`StandIn::advance`] reaches every expiry at once.
//! - **What it received**: [`StandIn::opened_links`] and [`StandIn::token_requests`].
//!
//! ```
//! use connect_core::registration::Registration;
//! use connect_core::token::{Credentials, TokenRequest, Tokens};
//! use connect_core::{ConnectUrl, Outcome};
//! use connect_stand_in::StandIn;
//! use std::time::SystemTime;
//!
//! let registration = Registration::from_toml(
//!     r#"
//!     [applications.staging]
//!     app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
//!     redirect_uris = ["http://localhost:8000/callback"]
//!     "#,
//!     "smartcar.toml",
//! )?;
//! let stand_in = StandIn::builder(registration)
//!     .client_secret("4a1b01e5-0497-417c-a30e-6df6ba33ba46", "s3cr3t")
//!     .start()?;
//!
//! let link = ConnectUrl::builder("4a1b01e5-0497-417c-a30e-6df6ba33ba46".parse()?)
//!     .redirect_uri("http://localhost:8000/callback".parse()?)
//!     .scope("read_odometer".parse()?)
//!     .build()?;
//! let back = stand_in.approve(link.as_str())?; // as the owner would, without a browser
//! let Outcome::Code(code) = back.callback()?.outcome().clone() else { panic!("no code") };
//!
//! let credentials = Credentials::new(link.request().client_id().clone(), "s3cr3t".parse()?);
//! let exchange = TokenRequest::authorization_code(&link, &code, &credentials)
//!     .with_origin(stand_in.origin())
//!     .to_http()?;
//! let tokens = Tokens::read(&stand_in.send(exchange), SystemTime::now())?;
//! assert_eq!(stand_in.token_requests().len(), 1);
//! # let _ = tokens;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The binary `connect-stand-in` (feature `cli`) serves the same for other
//! languages and manual work, with fixed demo credentials ([`DEMO_CLIENT_SECRET`],
//! [`DEMO_V3_CLIENT_ID`], [`DEMO_V3_CLIENT_SECRET`]).

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod battery;
mod clock;
mod config;
mod connect;
mod decision;
mod grants;
mod handle;
mod owner;
mod received;
pub mod serving;
mod token_endpoint;

pub use config::{DEMO_CLIENT_SECRET, DEMO_V3_CLIENT_ID, DEMO_V3_CLIENT_SECRET};
pub use connect::{BODY_LIMIT, CONTENT_SECURITY_POLICY, MAX_NOTES_SHOWN};
pub use grants::{
    ACCESS_TOKEN_LIFETIME, APPLICATION_TOKEN_LIFETIME, CODE_LIFETIME, MAX_GRANTS, REFRESH_GRACE,
    REFRESH_TOKEN_LIFETIME,
};
pub use handle::{StandIn, StandInBuilder, StartError};
pub use owner::{Approval, ConnectFailure, OwnerError, RedirectBack};
pub use received::TokenCall;
