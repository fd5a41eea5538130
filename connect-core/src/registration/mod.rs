//! The application's registration: what Smartcar's dashboard holds for each
//! application (its app id, its redirect URIs, what it may request), stated once in
//! the project, and the check of a link against it (SPEC §6). Feature
//! `registration`.
//!
//! Connect refuses a link whose app id is no application's ("400: Invalid parameter
//! `client_id`"), whose redirect URI is not registered for the application ("400:
//! Unauthorized `redirect_uri`"), or that asks for a permission or a make the
//! application may not request. Only the registration can tell these before a person
//! reaches Connect, and the dashboard has no public API for it: the project states it.
//!
//! # The file: `smartcar.toml`, beside `Cargo.toml`
//!
//! ```toml
//! # the application's registration, as in the Smartcar dashboard
//! [applications.production]
//! app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
//! redirect_uris = ["https://example.com/callback", "https://example.com/home"]  # dashboard order: the first is the default
//! permissions = ["read_odometer", "read_vin"]   # optional: what it may request (absent = anything)
//! makes = ["TESLA", "BMW"]                       # optional (absent = any make)
//!
//! [applications.staging]
//! app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
//! redirect_uris = ["http://localhost:8000/callback"]
//! ```
//!
//! Decisions:
//!
//! - **A file of its own, not `[package.metadata]`**: `connect_url!` reads it at
//!   compile time, but so do programs at run time (`include_str!("../smartcar.toml")`
//!   or read at start-up), the `lint` example and the local Connect stand-in, by path.
//!   A file that holds only the registration is one they can all read without knowing
//!   Cargo's manifest, and one a team can copy from the dashboard in review.
//! - **No secret in it**: the client secret stays out of the repository (the stand-in
//!   takes it on its command line).
//! - **Names**: `applications.NAME`, one table per application of the dashboard (a
//!   team often has one per environment). `NAME` is an identifier (ASCII letters,
//!   digits, `_`, not first a digit) because a link names it as `app: NAME`.
//! - **Required**: `app_id` and a non-empty `redirect_uris`, in the dashboard's order
//!   (the first is the default when a link carries none). **Optional**: `permissions`
//!   and `makes`; absent means the application may request any.
//! - Redirect URIs are compared as strings, as Smartcar compares them: a near miss
//!   (trailing slash, `http`/`https`, port, host, case, a typo) is an error with a
//!   did-you-mean, never accepted.
//! - Every problem of the file is reported at once, each with its path, line and
//!   column ([`RegistrationError`]); every finding of a link at once
//!   ([`RegistrationReport`]), in Connect's own wording.
//! - **Off by default** (feature `registration`): a program that does not enable it
//!   builds none of this. `connect_url!` checks links against the file when
//!   connect-macros' feature `registration` is on (it turns this one on for the
//!   macro's build of connect-core); turn on both, so that Cargo builds
//!   connect-core once for the macro and the program: Cargo's feature resolver
//!   (resolver 2) keeps the macro's features apart from the program's.
//! - Parsed with `toml-span` (spans on every value, one small dependency), the one
//!   TOML parser of the project. Everything costs time linear in its input.
//!
//! ```
//! use connect_core::registration::Registration;
//! use connect_core::ConnectUrl;
//!
//! let registration = Registration::from_toml(
//!     r#"
//!     [applications.production]
//!     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
//!     redirect_uris = ["https://example.com/callback"]
//!     "#,
//!     "smartcar.toml",
//! )?;
//! let url = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
//!     .redirect_uri("https://example.com/callback/".parse()?)
//!     .build()?;
//! let report = registration.check(&url);
//! let finding = &report.findings()[0];
//! assert!(finding.as_error().message().contains("400: Unauthorized redirect_uri"));
//! assert_eq!(
//!     finding.as_error().help().as_deref(),
//!     Some("did you mean `https://example.com/callback`? (the trailing slash differs); \
//!           registered: `https://example.com/callback`")
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod application;
mod check;
mod file;
mod issue;
pub(crate) mod near;

pub use crate::error::RegistrationProblem;
pub use application::{Application, Registration};
pub use check::RegistrationReport;
pub(crate) use check::{Literal, Literals};
pub use issue::{Issue, RegistrationError, MAX_ISSUES};

/// The registration's file name, beside the package's `Cargo.toml`.
pub const FILE_NAME: &str = "smartcar.toml";

#[cfg(test)]
mod tests;
