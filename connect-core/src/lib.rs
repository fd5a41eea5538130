//! Typed Smartcar Connect links: the model, its rules, the canonical URL, parsing
//! of existing links, and the redirect back.
//!
//! This is the runtime half of `connect_url!` (crate `connect-macros`), which
//! checks a link at compile time by calling the very functions of this crate.
//!
//! # Where to start
//!
//! - Write a link: [`ConnectUrl::builder`] (or `connect_url!` of crate
//!   `connect-macros`, which checks a link of literals at compile time), then
//!   [`ConnectUrlBuilder::build`].
//! - Read a link from elsewhere: [`ConnectUrl::read`], a [`Report`] of its findings.
//! - The redirect back: [`Callback::from_query`], then [`Callback::verify`] against
//!   the [`State`] sent, an [`Outcome`]; or keep a [`PendingFlow`] between the
//!   link and the redirect back (in a cookie) and finish it on any instance.
//! - With the feature `token`, [`token`]: the code exchange and the refresh, as
//!   `http` requests and responses.
//!
//! # The pipeline
//!
//! The modules follow it:
//!
//! - **`parameter.rs`**: the one table of parameters ([`Parameter`]); the model,
//!   the builder, the renderer, the reader and the macro's rows are generated from it.
//! - **`model/`**: one type per parameter's value ([`ClientId`], [`RedirectUri`],
//!   [`Scope`] of [`ScopeEntry`]s, [`State`], [`ApprovalPrompt`], [`Mode`], [`Make`],
//!   [`Vin`], [`Flags`] with [`Country`], [`User`], [`ExternalId`], [`VehicleId`]),
//!   each checking its rules in `FromStr` / `TryFrom<String>` and writing itself
//!   back with `Display`; the catalogs they check against; and the typed
//!   [`ConnectRequest`].
//! - **`rules.rs`**: the rules between parameters, one function for the builder,
//!   the reader and `connect_url!`.
//! - **`render/`** and **`read/`**: the typed parts to the canonical text, and a
//!   link's text back to its parts, every finding graded as an error or a warning.
//! - **`connect_url/`**: [`ConnectUrl`], its builder (`builder.rs`,
//!   [`ConnectUrl::builder`]) and its reading (`report.rs`, [`ConnectUrl::read`],
//!   [`Report`], [`ParseError`]).
//! - **`callback/`**: the redirect back, [`Callback`], verified against the
//!   [`State`] sent; its [`Outcome`], the v3 [`UserId`].
//! - **`flow.rs`**: [`PendingFlow`], what finishing a flow needs (the state, the
//!   link's redirect URI and flags, when it began), kept by the application
//!   between the link and the redirect back.
//! - **`battery_capacity.rs`**: the battery-capacity link Smartcar's API hands
//!   over, [`BatteryCapacityLink`], read and completed.
//! - **`registration/`** (feature `registration`): the application's registration
//!   (`smartcar.toml`: app ids, redirect URIs, what each may request) and the check
//!   of a link against it, in Connect's wording.
//!
//! Every failure is an [`Error`] naming the [`Parameter`] and the [`Problem`],
//! with a message and a `help` line (`error/` holds the wording). Nothing here
//! panics on any input.
//!
//! ```
//! use connect_core::{Callback, ConnectUrl, Outcome, Permission, Scope, ScopeEntry, State};
//!
//! let state = State::generate()?;
//! let url = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
//!     .scope(Scope::new([ScopeEntry::required(Permission::ReadOdometer)])?)
//!     .redirect_uri("https://example.com/home".parse()?)
//!     .state(state.clone())
//!     .build()?;
//! assert!(url.as_str().starts_with("https://connect.smartcar.com/oauth/authorize?"));
//!
//! // Later, on https://example.com/home?code=…&state=…
//! let query = format!("code=abc&state={state}");
//! match Callback::from_query(&query)?.verify(&state)? {
//!     Outcome::Code(code) => assert_eq!(code.as_str(), "abc"),
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `getrandom` | yes | [`State::generate`]: a fresh state from the operating system's random source (the `getrandom` crate) |
//! | `token` | no | [`token`]: the code exchange, the refresh and the application token, as `http` requests and responses |
//! | `registration` | no (turn it on here and in connect-macros together, for one build of this crate) | [`registration`]: the application's registration (`smartcar.toml`) and the check of a link against it |
//! | `serde` | no | `Serialize` / `Deserialize` of every value type ([`ClientId`], [`Scope`], [`Permission`], [`State`], [`UserId`], …) as its canonical string, validated on the way in; of [`PendingFlow`] and, with `token`, of the tokens (`Tokens`, with their expiries) and, only `Deserialize`, of the client secret |
//!
//! Without `getrandom`, make states with your own random source and
//! `State::try_from(String)`. `connect_url!` (crate `connect-macros`) needs
//! neither feature.
//!
//! # Errors, and where their text may go
//!
//! Every error's `Display` ([`Error`], [`ParseError`], [`CallbackError`],
//! [`ConnectError`], [`ConnectErrorKind`]) quotes what it was given (a name, a
//! value, a host) escaped **for logs and terminals**: control characters (C0, DEL
//! and C1: line breaks, so a value cannot forge a log line, and terminal escape
//! sequences), the Unicode line and paragraph separators, and the bidi marks,
//! embeddings, overrides and isolates that reorder text on screen are written as
//! Rust escapes (`\n`, `\u{1b}`, `\u{202e}`); everything else is written as it
//! came. It is **not** HTML-escaped: `<`, `&` and `"` are left as they are, so
//! an error shown in a web page goes through the page's own escaping, like any
//! text from a request (a template engine's autoescape, or the `web` example's
//! `html.rs`).
//!
//! # `url::Url` in the public API
//!
//! [`ConnectUrl::to_url`] and `From<&ConnectUrl> for url::Url` hand out the
//! [`url`](https://docs.rs/url) crate's `Url`, so `url` 2.x is part of this
//! crate's public API: a release of connect-core that moved to a `url` 3 would be a
//! breaking (minor, before 1.0) release, and any `url` 2.x your own crate uses is
//! the same type.
//!
//! # Tokens (feature `token`)
//!
//! A v3 integration ends its flow with [`Outcome::Connected`] and the owner's
//! [`UserId`]; it calls the v3 API with its own application token
//! (`token::ApplicationToken`: when to renew it, and
//! `ApplicationToken::authorize`, which puts `Authorization: Bearer` and
//! `sc-user-id` on any `http::Request`).
//!
//! After [`Outcome::Code`], the application exchanges the code for tokens, and
//! later refreshes them. With the `token` feature, `connect_core::token` builds
//! these requests as `http::Request<Vec<u8>>` and reads the answers from an
//! `http::Response` of bytes: typed, redacted tokens with their expiry, or a typed
//! OAuth error. The `redirect_uri` of the exchange is taken from the link that
//! produced the code, so the two cannot differ.
//!
//! The library sends nothing itself. The `oauth2` crate's lesson: its users' most
//! frequent complaint was being locked to one version of one HTTP client
//! (reqwest), until it moved the client out. An application already has an HTTP
//! client (and its TLS, proxy, timeout and retry settings); `http`'s types are what
//! every Rust client speaks, so any of them sends these requests, and a test can
//! answer them without a network. Without the feature nothing of this is compiled
//! and no dependency is added: an application that only writes links pays nothing.
//!
//! # Why the library stores nothing
//!
//! No flow in progress, no token and no user id is kept by this crate: it hands
//! the application values to keep ([`PendingFlow`], `token::Tokens`, [`UserId`],
//! serializable with the `serde` feature) and takes them back. A production
//! application runs several instances behind a load balancer and restarts; a
//! redirect back may reach another instance than the one that sent the owner,
//! and a refresh token lives 60 days and rotates. State held in a library's
//! memory fails both (a flow begun on one instance is refused on another,
//! refresh fails after a restart), and where state belongs is the application's
//! decision: an encrypted cookie for the flow in progress (small: its size for a
//! typical link is in BENCHMARKS.md), the database it already has for tokens, with
//! the transactions it already trusts for a refresh race between instances.
//! The `web` example of the repository does exactly that, with SQLite or
//! PostgreSQL.
//!
//! # Decisions
//!
//! Where Smartcar's documentation is silent, what this crate decided and why
//! (a redirect URI is kept as written, the VIN check digit is not enforced, how
//! `mode=test` and `application_id` are read, …) is listed in the repository's
//! `ARCHITECTURE.md`, section "Decisions".

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod battery_capacity;
mod callback;
mod connect_url;
mod encode;
mod error;
mod flow;
mod limits;
mod model;
mod parameter;
mod read;
#[cfg(feature = "registration")]
pub mod registration;
mod render;
mod rules;
mod serde_impls;
mod suggest;
#[cfg(feature = "token")]
#[cfg_attr(docsrs, doc(cfg(feature = "token")))]
pub mod token;

/// The README's code runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// The conversions a `connect_url!` expression goes through, at the root only so
/// that the compiler's note on a wrong type names them `ParameterValue<State>`
/// (not the `__private` path it would print otherwise); not API, hidden.
#[doc(hidden)]
pub use __private::{ConvertedValue, ParameterValue};

pub use battery_capacity::BatteryCapacityLink;
pub use callback::{
    AuthorizationCode, BatteryCapacity, Callback, CallbackError, ConnectError, ConnectErrorKind,
    Outcome, UserId,
};
pub use connect_url::builder::ConnectUrlBuilder;
pub use connect_url::report::{ParseError, Report};
pub use connect_url::ConnectUrl;
pub use error::{Error, Finding, Fix, Problem, Severity};
pub use flow::PendingFlow;
pub use limits::MAX_URL_LEN;
pub use model::catalog::makes::names as makes;
pub use model::catalog::permissions::names as permissions;
pub use model::catalog::permissions::{Permission, PermissionKind};
pub use model::origin::Origin;
pub use model::request::{
    ConnectRequest, AUTHORIZE_PATH, BATTERY_CAPACITY_PATH, REAUTHENTICATE_PATH,
};
pub use model::value::{
    ApplicationId, ApprovalPrompt, ClientId, Country, DeprecatedMode, ExternalId, Flag, Flags,
    Make, Mode, RedirectUri, ResponseType, Scope, ScopeEntry, State, User, VehicleId, Vin,
    WebRedirectUri,
};
pub use parameter::Parameter;
pub use read::link::SDK_PARAMETERS;
