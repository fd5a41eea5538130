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
//! Add both `connect-core` and `connect-macros` to your dependencies: the
//! expansion calls `::connect_core`.
//!
//! # The DSL
//!
//! `key: value` pairs, comma separated, in any order, trailing comma allowed.
//!
//! | key | value |
//! |---|---|
//! | `client_id` | required; string literal or expression |
//! | `redirect_uri` | string literal or expression |
//! | `scope` | `[entry, …]`, each `permission` or `required permission` |
//! | `state`, `user` | string literal or expression |
//! | `approval_prompt` | `auto` or `force` |
//! | `mode` | `live` or `simulated` |
//! | `make` | a make of the catalog (`TESLA`), or a string literal for a newer one |
//! | `single_select` | `true` or `false` |
//! | `single_select_vin` | string literal or expression; needs `single_select: true` |
//! | `flags` | `[country: DE, "name": "text" / true / 42, …]` |
//! | `vehicle_id` | string literal or expression: a re-authentication link |
//!
//! An expression value is the tokens up to the next top-level comma (wrap an
//! expression with a top-level comma, such as a turbofish with two types, in
//! parentheses). It must be of the parameter's connect-core type or convert into
//! it with `From` ([`State`](connect_core::State), [`ClientId`](connect_core::ClientId), …);
//! strings from outside are checked where they enter that type (`FromStr`).
//!
//! # What it expands to
//!
//! - Only literals: a `connect_core::ConnectUrl` computed entirely at compile time
//!   (a `const`; usable to initialise a `static` or `const`).
//! - Expressions: a `ConnectUrl` built through `connect_core`'s builder; every rule
//!   was decided at compile time, so this cannot fail.
//! - One exception: when `redirect_uri` is an expression, or a mobile
//!   `sc<id>://` literal while `client_id` is an expression, the rule that a mobile
//!   redirect URI carries the link's client id can only be checked at run time, so
//!   the macro yields `Result<ConnectUrl, connect_core::Error>`.
//!
//! Every mistake is a compile error on the offending token, with a `help` line;
//! all the errors of one invocation are reported together. The rules and their
//! wording are connect-core's own: the macro calls the same functions.

#![forbid(unsafe_code)]

mod ast;
mod crate_path;
mod ctxt;
mod expand;
mod parse;
mod valid;

/// A Smartcar Connect link, checked at compile time. See the [crate docs](crate).
#[proc_macro]
pub fn connect_url(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::connect_url(input.into()).into()
}
