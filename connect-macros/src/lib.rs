//! `connect_url!`: Smartcar Connect links checked at compile time.
//!
//! ```
//! use connect_macros::connect_url;
//!
//! let csrf_state = connect_core::State::generate()?;
//! let url = connect_url!(
//!     client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
//!     redirect_uri: "https://example.com/home",
//!     scope: [required read_odometer, read_vin, read_location],
//!     state: csrf_state,            // any expression of type connect_core::State
//!     mode: simulated,
//! );
//! assert!(url.as_str().contains("&scope=required%3Aread_odometer%20read_vin%20read_location&"));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Add both `connect-core` and `connect-macros` to your dependencies; the
//! expansion reaches connect-core under the name your manifest gives it (a
//! renamed dependency works), and says so in one error when it is missing.
//!
//! # The DSL
//!
//! `key: value` pairs, comma separated, in any order, trailing comma allowed.
//! Every key takes its literal form, checked at compile time, or an expression of
//! its connect-core type, checked when that value was made:
//!
//! | key | literal | expression of type |
//! |---|---|---|
//! | `app` | `production`: an application of `smartcar.toml` (feature `registration`); its app id when the link writes none, and the registration the link is checked against | — |
//! | `client_id` | `"8229df9f-…"`; required (or `application_id`, or `app`); not a v3 API credential (`client_…`) | [`ClientId`](connect_core::ClientId) |
//! | `application_id` | the newer name of `client_id`: one of the two, rendered as written | [`ClientId`](connect_core::ClientId) |
//! | `redirect_uri` | `"https://example.com/home"`, `"sc<client_id>://callback"` | [`WebRedirectUri`](connect_core::WebRedirectUri) |
//! | `scope` | `[required read_odometer, read_vin]` | [`Scope`](connect_core::Scope) |
//! | `state` | `"…"` | [`State`](connect_core::State) |
//! | `approval_prompt` | `auto`, `force`: words¹ | [`ApprovalPrompt`](connect_core::ApprovalPrompt) |
//! | `mode` | `live`, `simulated`: words¹ | [`Mode`](connect_core::Mode) |
//! | `make` | `TESLA` (the catalog, a word¹), or `"NEW_MAKE"` for a newer one | [`Make`](connect_core::Make) |
//! | `single_select` | `true`, `false` | `bool` |
//! | `single_select_vin` | `"1HGCM82633A004352"`; needs `single_select: true` | [`Vin`](connect_core::Vin) |
//! | `flags` | `[country: DE, "name": "text" / true / 42]` | [`Flags`](connect_core::Flags) |
//! | `user` | `"…"` | [`User`](connect_core::User) |
//! | `vehicle_id` | `"…"`: a re-authentication link | [`VehicleId`](connect_core::VehicleId) |
//! | `external_id` | `"…"`: your id for the owner, echoed back | [`ExternalId`](connect_core::ExternalId) |
//! | `response_type` | `none` (a word, even beside a variable of that name: no expression); or `vehicle_id` without `vehicle_id`: the Tesla permission upgrade (with `make: TESLA` and a `scope`); `code`, and `vehicle_id` beside a `vehicle_id`, are implied | — |
//!
//! ¹ A bare word that names a value is that value, even where a variable of the
//! same name is in scope: with `let live: Mode = config.mode;`, `mode: live` is
//! `Mode::Live`, not the variable. Write the variable in parentheses, `mode: (live)`,
//! or give it another name.
//!
//! ```
//! use connect_core::{Mode, Scope, ScopeEntry, Permission, State};
//! use connect_macros::connect_url;
//!
//! // Chosen at run time: the mode from the environment, the permissions by the program.
//! let mode = if std::env::var_os("SMARTCAR_LIVE").is_some() { Mode::Live } else { Mode::Simulated };
//! let scope = Scope::new([ScopeEntry::required(Permission::ReadOdometer)])?;
//! let state = State::generate()?;
//! let url = connect_url!(client_id: "8229df9f", mode: mode, scope: scope, state: &state, make: TESLA);
//! assert!(url.as_str().contains("&scope=required%3Aread_odometer&state="));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! An expression value is the tokens up to the next top-level comma (wrap one
//! with a top-level comma, such as a turbofish with two types, in parentheses). It
//! is of the parameter's type, or a reference to one (cloned, so you keep the
//! value, e.g. the `State` for the callback check); text from outside becomes one
//! where it is checked (`text.parse::<State>()?`). A wrong type is one error on
//! the whole expression, with that fix.
//!
//! A bare identifier is a literal when it names a value (`simulated`), a
//! deprecated one (`test`, refused with the fix) or a near miss of one
//! (`simulatd`, with a did-you-mean), and for `make` when it is written in upper
//! case (`TESLA`); any other identifier is an expression (`mode: mode`), and one in
//! parentheses always is.
//!
//! # The application's registration (feature `registration`)
//!
//! With the feature `registration`, every link is checked against the
//! application's registration, `smartcar.toml` beside the crate's `Cargo.toml`
//! (its format: connect-core's `registration` module): a redirect URI, app id,
//! permission or make the registration does not allow is an error on that
//! literal, with a did-you-mean for a near miss; the app id may come from the file
//! (`app: production` names one of several applications), and hover on the name
//! shows the redirect URI Connect uses when the link gives none. Editing the file
//! recompiles the links.
//!
//! ```toml
//! [dependencies]
//! # `features = ["registration"]` on both, wherever they come from (a path, a git mirror,
//! # or `version = "0.1"` once they are published):
//! connect-core = { path = "../connect-url/connect-core", features = ["registration"] }
//! connect-macros = { path = "../connect-url/connect-macros", features = ["registration"] }
//! ```
//!
//! A crate with no `smartcar.toml` beside its `Cargo.toml` (trybuild's generated
//! crate, which runs a suite of your links' compile errors) finds the registration
//! in the file the environment variable `CONNECT_URL_REGISTRATION` names, set in
//! your project's `.cargo/config.toml`:
//!
//! ```toml
//! [env]
//! CONNECT_URL_REGISTRATION = { value = "smartcar.toml", relative = true }
//! ```
//!
//! The variable and the file are compile inputs (read through `option_env!` and
//! `include_bytes!` in the expansion): changing either rebuilds the crate. A file
//! that is not UTF-8, not a file, or malformed is an error once per crate, at its
//! first link. [`app_id!`] gives an application's app id where there is no link.
//!
//! Turn it on for both crates: Cargo then builds connect-core once, for the macro
//! and the program. Off by default, since a crate without the file would pay for
//! the checks in every cold build (BENCHMARKS.md, "A user's cold build"); a crate
//! that has the file and not the feature gets an error at each link that says so,
//! rather than links checked against nothing.
//!
//! # What it expands to
//!
//! The value is a `connect_core::ConnectUrl`, whatever the mix of literals and
//! expressions:
//!
//! - Only literals: a link whose text was rendered at compile time (a `const fn`
//!   call on a string literal; usable to initialise a `static` or `const`).
//! - Expressions: a link built through `connect_core`'s builder at run time, each
//!   expression evaluated where it is written (`?` and `.await` in it keep their
//!   meaning). Every rule was decided at compile time, so this cannot fail. A
//!   `static` of such a link is one error, whose note suggests `LazyLock`.
//! - A rule between two values that needs one of them to be known (`single_select_vin`
//!   needs `single_select: true`; a mobile `sc<id>://` redirect URI needs its app id)
//!   is decided at compile time: that value must be the literal, and an expression
//!   there is an error that names the literal needed. A `redirect_uri` expression
//!   is a [`WebRedirectUri`](connect_core::WebRedirectUri), which goes with any app
//!   id; for a mobile redirect URI known only at run time, use
//!   `ConnectUrl::builder`, whose `build()` checks the pair.
//!
//! Every mistake is a compile error on the offending token, with a `help` line;
//! all the errors of one invocation are reported together. The rules and their
//! wording are connect-core's own: the macro calls the same functions and walks
//! the same parameter table.
//!
//! # The pipeline
//!
//! `parse/` (tokens → `ast.rs`, each key's form from connect-core's table; the lists
//! and the app name in files of their own) →
//! `valid.rs` (one call into connect-core, `__private::check`: what was written in,
//! the link or every error with its place out; each place becomes a span) →
//! `expand.rs` (the link's text, or the builder calls); `messages.rs` words the
//! macro's own syntax mistakes, `ctxt.rs` collects and formats every error,
//! `crate_path.rs` finds connect-core's name in the user's manifest,
//! `file_cache.rs` reads each of the user's files once per compilation, and
//! `ide.rs` says whether rust-analyzer is expanding (hover items only there).

#![forbid(unsafe_code)]

mod app_id;
mod ast;
mod crate_path;
mod ctxt;
mod expand;
mod file_cache;
mod ide;
#[cfg(test)]
mod linear_cost;
mod messages;
mod parse;
// The checks against `smartcar.toml` with the feature; without it, only the
// refusal of a crate that has the file.
#[cfg(feature = "registration")]
mod registration;
#[cfg(not(feature = "registration"))]
#[path = "registration_off.rs"]
mod registration;
mod registration_path;
mod valid;

/// A Smartcar Connect link, checked at compile time: every key of the [crate
/// docs](crate#the-dsl)' table, as a literal or an expression of its type.
///
/// ```
/// use connect_macros::connect_url;
///
/// // Only literals: the text is rendered at compile time.
/// static LINK: connect_core::ConnectUrl = connect_url!(
///     client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
///     redirect_uri: "https://example.com/home",
///     scope: [required read_odometer, read_vehicle_info],
///     mode: simulated,
///     flags: [country: DE],
/// );
/// assert_eq!(
///     LINK.as_str(),
///     "https://connect.smartcar.com/oauth/authorize?response_type=code\
///      &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07\
///      &scope=required%3Aread_odometer%20read_vehicle_info\
///      &redirect_uri=https%3A%2F%2Fexample.com%2Fhome&mode=simulated&flags=country%3ADE"
/// );
///
/// // Re-authentication of a connected vehicle, with a fresh state.
/// let vehicle: connect_core::VehicleId = "36ab27d0-fd9d-4455-823a-ce30af709ffc".parse()?;
/// let state = connect_core::State::generate()?;
/// let reauth = connect_url!(client_id: "8229df9f", vehicle_id: vehicle, state: &state);
/// assert!(reauth.as_str().starts_with("https://connect.smartcar.com/oauth/reauthenticate?"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[proc_macro]
pub fn connect_url(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::connect_url(input.into()).into()
}

/// An application's app id from the registration (`smartcar.toml`), checked at
/// compile time: a [`ClientId`](connect_core::ClientId) constant, for the code
/// that has no link to take it from (a refresh's or a v3 token request's
/// `connect_core::token::Credentials`). An unknown name is a compile
/// error with a did-you-mean; editing the file recompiles it, like the links.
/// Needs the feature `registration` of both crates (see [the registration](crate#the-applications-registration-feature-registration)).
///
/// ```ignore
/// use connect_core::ClientId;
/// use connect_macros::app_id;
///
/// // [applications.production] of smartcar.toml
/// const PRODUCTION: ClientId = app_id!(production);
/// ```
///
/// `app_id!(crate = path::to::connect_core, production)` names connect-core
/// reached through a re-export, as in [`connect_url!`].
#[proc_macro]
pub fn app_id(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    app_id::app_id(input.into()).into()
}
