//! Typed Smartcar Connect links: the model, its rules, the canonical URL, parsing
//! of existing links, and the redirect back.
//!
//! This is the runtime half of `connect_url!` (crate `connect-macros`), which
//! checks a link at compile time by calling the very functions of this crate.
//!
//! # The pipeline
//!
//! - **Model**: one type per parameter ([`ClientId`], [`RedirectUri`], [`Scope`] of
//!   [`ScopeEntry`]s, [`State`], [`ApprovalPrompt`], [`Mode`], [`Make`], [`Vin`],
//!   [`Flags`] with [`Country`], [`User`], [`VehicleId`]); each checks its rules in
//!   `FromStr` / `TryFrom<String>` and writes itself back with `Display`.
//! - **Rules between parameters**: [`Combination::errors`].
//! - **Render**: [`ConnectUrl::builder`] → [`ConnectUrl`], whose text is canonical.
//! - **Parse**: `ConnectUrl: FromStr`, and [`ConnectUrl::parse_all`] for every problem.
//! - **Redirect back**: [`Callback`], verified against the [`State`] sent.
//!
//! Every failure is an [`Error`] naming the [`Parameter`] and the [`Problem`],
//! with a message and a `help` line. Nothing here panics on any input.
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
//! # Decisions where the documentation is silent
//!
//! - A redirect URI is kept and sent exactly as written (Smartcar compares strings);
//!   whitespace in it is refused rather than trimmed.
//! - `make` has a catalog ([`makes`]) for `connect_url!`'s identifiers, but a make
//!   parsed at run time is checked only for its spelling (`A-Z 0-9 _`), so brands
//!   newer than the catalog keep working.
//! - The VIN check digit is not enforced: it is mandatory only in North America.
//! - Every officially assigned ISO 3166-1 code is a valid `country`; Connect's own
//!   list of countries is not published.
//! - `flags` and `scope` may not be empty: an empty list would send an empty
//!   parameter, which means nothing to Connect. Leave the parameter out instead.
//! - Re-authentication links refuse `single_select` and `single_select_vin` (the
//!   vehicle is already chosen); the other parameters are allowed and rendered.
//! - Parsing accepts any origin, so a local Connect stand-in can read the links it
//!   receives; [`ConnectUrl::with_origin`] points a link at one.
//! - A flag without a value (`feature3`, seen in one SDK's tests) is refused: the
//!   documentation defines flags as `name:value`.
//! - The authorization code is hidden from `Debug` output: it is a credential.
//! - A link or redirect query over [`MAX_URL_LEN`] (64 KiB) is refused unread: web
//!   servers refuse request lines a quarter of that size, so none reaches Connect or
//!   comes back from it. Every parser, check and did-you-mean costs time linear in
//!   its input; the did-you-mean gives up on names over 64 bytes (no known name is
//!   within reach of one).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod callback;
mod catalog;
mod connect_url;
mod encode;
mod error;
mod flags;
mod limits;
mod origin;
mod parse;
mod request;
mod rules;
mod scope;
mod serde_impls;
mod suggest;
mod value;

pub use callback::{
    AuthorizationCode, Callback, CallbackError, ConnectError, ConnectErrorKind, Outcome,
};
pub use catalog::makes::names as makes;
pub use catalog::permissions::names as permissions;
pub use catalog::permissions::{Permission, PermissionKind};
pub use connect_url::{ConnectUrl, AUTHORIZE_PATH, REAUTHENTICATE_PATH};
pub use error::{Error, Parameter, Problem};
pub use flags::{Flag, Flags, COUNTRY_FLAG};
pub use limits::MAX_URL_LEN;
pub use origin::Origin;
pub use request::{ConnectRequest, ConnectUrlBuilder};
pub use rules::Combination;
pub use scope::{Scope, ScopeEntry, REQUIRED_PREFIX};
pub use suggest::closest as did_you_mean;
pub use value::{
    ApprovalPrompt, ClientId, Country, Make, Mode, RedirectUri, State, User, VehicleId, Vin,
};
