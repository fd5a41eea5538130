//! The plumbing of `connect_url!`'s expansions and of the macro itself. **Not public
//! API**: nothing here is covered by semver, and nothing here should be called by hand.
//!
//! It may change in any release, patch releases included, because connect-macros
//! depends on connect-core with an exact pin (`version = "=0.1.0"`, as `serde` pins
//! `serde_derive` and `thiserror` pins `thiserror-impl`): a connect-macros release is
//! only ever compiled against the connect-core release it was written for, so the
//! two sides of this module always match.
//!
//! Every constructor in this module skips a check because the macro ran it at
//! compile time with this crate's own functions; the public types' own
//! constructors always validate.

use crate::error::Error;
use crate::model::value::{Flag, Flags, RedirectUri, Scope, ScopeEntry, WebRedirectUri};
use crate::render::builder::ConnectUrlBuilder;
use crate::render::connect_url::ConnectUrl;

pub use crate::model::value::{written_response_type, Literal};
pub use crate::read::link::unknown_parameter;
pub use crate::rules::{Combination, Known};
/// Did-you-mean: the closest known name to a misspelt one (bounded: an input over
/// 64 bytes gets none), for the macro's own diagnostics.
pub use crate::suggest::closest as did_you_mean;

/// A link whose canonical text `connect_url!` rendered at compile time.
#[must_use]
pub const fn literal_url(text: &'static str) -> ConnectUrl {
    ConnectUrl::from_canonical_static(text)
}

/// What a failing `connect_url!` stands for, so that no second error hides the
/// real ones: a link of the right type, never used (the crate does not compile).
#[must_use]
pub const fn fallback_url() -> ConnectUrl {
    literal_url("https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=-")
}

/// The link, whose every rule `connect_url!` decided at compile time.
#[must_use]
pub fn build(builder: ConnectUrlBuilder) -> ConnectUrl {
    builder.build_checked()
}

/// A scope of entries checked at compile time.
#[must_use]
pub const fn scope(entries: &'static [ScopeEntry]) -> Scope {
    Scope::checked(entries)
}

/// A flag checked at compile time.
#[must_use]
pub const fn flag(name: &'static str, value: &'static str) -> Flag {
    Flag::checked(name, value)
}

/// Flags checked at compile time.
#[must_use]
pub const fn flags(flags: &'static [Flag]) -> Flags {
    Flags::checked(flags)
}

/// The value an expression of `connect_url!` stands for: the parameter's own
/// type, or a reference to one (cloned, so the caller keeps it, e.g. a `State`
/// for the callback check).
#[diagnostic::on_unimplemented(
    message = "this `connect_url!` value must be a `{T}`, not `{Self}`",
    label = "expected a `{T}` (or a `&{T}`)",
    note = "text from outside is checked where it enters the typed world: `\"…\".parse::<{T}>()?`",
    note = "a value of another type converts with `{T}::from(…)` or `{T}::try_from(…)?`"
)]
pub trait IntoValue<T> {
    /// The value.
    fn into_value(self) -> T;
}

impl<T> IntoValue<T> for T {
    fn into_value(self) -> T {
        self
    }
}

impl<T: Clone> IntoValue<T> for &T {
    fn into_value(self) -> T {
        self.clone()
    }
}

/// `value::<State, _>(expr)`: the expression as the parameter's type, with a
/// note that shows the fix when it is not.
pub fn value<T, V: IntoValue<T>>(value: V) -> T {
    value.into_value()
}

/// A redirect URI expression: a web one, which goes with any app id.
pub fn web_redirect<V: IntoValue<WebRedirectUri>>(value: V) -> RedirectUri {
    value.into_value().into()
}

/// The rules of a scope list, each with the index of the entry at fault.
#[must_use]
pub fn scope_problems(entries: &[ScopeEntry]) -> Vec<(Option<usize>, Error)> {
    Scope::problems(entries)
}

/// The rules of a flags list, each with the index of the flag at fault.
#[must_use]
pub fn flags_problems(flags: &[Flag]) -> Vec<(Option<usize>, Error)> {
    Flags::problems(flags)
}

/// The rule of a scope entry's prefix.
///
/// # Errors
///
/// A prefix other than `required`.
pub fn check_scope_prefix(prefix: &str) -> Result<(), Error> {
    ScopeEntry::check_prefix(prefix)
}
