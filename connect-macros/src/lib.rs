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
//!
//! | key | value |
//! |---|---|
//! | `client_id` | string literal or expression; required (or `application_id`) |
//! | `application_id` | the newer name of `client_id`: one of the two, rendered as written |
//! | `redirect_uri` | string literal, or an expression of type [`WebRedirectUri`](connect_core::WebRedirectUri) |
//! | `scope` | `[entry, …]`, each `permission` or `required permission` |
//! | `state`, `user` | string literal or expression |
//! | `approval_prompt` | `auto` or `force` |
//! | `mode` | `live` or `simulated` |
//! | `make` | a make of the catalog (`TESLA`), or a string literal for a newer one |
//! | `single_select` | `true` or `false` |
//! | `single_select_vin` | string literal or expression; needs `single_select: true` |
//! | `flags` | `[country: DE, "name": "text" / true / 42, …]` |
//! | `vehicle_id` | string literal or expression: a re-authentication link |
//! | `external_id` | string literal or expression: your id for the owner, echoed back |
//! | `response_type` | `none` only (`code`, or `vehicle_id`, is implied) |
//!
//! An expression value is the tokens up to the next top-level comma (wrap an
//! expression with a top-level comma, such as a turbofish with two types, in
//! parentheses). It must be of the parameter's connect-core type, or a reference
//! to one (cloned, so you keep the value, e.g. the `State` for the callback check):
//! [`State`](connect_core::State), [`ClientId`](connect_core::ClientId), …;
//! a value of another type converts first (`State::from(…)`, `"…".parse::<State>()?`:
//! strings from outside are checked where they enter the typed world). A wrong
//! type gets a note that shows this fix.
//!
//! # What it expands to
//!
//! The value is a `connect_core::ConnectUrl`, whatever the mix of literals and
//! expressions:
//!
//! - Only literals: a link whose text was rendered at compile time (a `const fn`
//!   call on a string literal; usable to initialise a `static` or `const`).
//! - Expressions: a link built through `connect_core`'s builder; every rule was
//!   decided at compile time, so this cannot fail. The one rule that ties two
//!   values together, that a mobile `sc<id>://` redirect URI carries the link's
//!   app id, is decided by types: a `redirect_uri` expression is a
//!   [`WebRedirectUri`](connect_core::WebRedirectUri), which goes with any app id,
//!   and a mobile redirect URI literal needs a literal app id beside it. For a
//!   mobile redirect URI known only at run time, use `ConnectUrl::builder`, whose
//!   `build()` checks the pair.
//!
//! Every mistake is a compile error on the offending token, with a `help` line;
//! all the errors of one invocation are reported together. The rules and their
//! wording are connect-core's own: the macro calls the same functions.

#![forbid(unsafe_code)]

mod ast;
mod crate_path;
mod ctxt;
mod expand;
#[cfg(test)]
mod linear_cost;
mod parse;
// Prepared for the checks against `smartcar.toml`; the expansion calls it once wired.
#[allow(dead_code)]
mod registration;
mod valid;

/// A Smartcar Connect link, checked at compile time. See the [crate docs](crate).
#[proc_macro]
pub fn connect_url(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::connect_url(input.into()).into()
}
