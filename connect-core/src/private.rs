//! The plumbing of `connect_url!`'s expansions and of the macro itself. **Not public
//! API**: nothing here is covered by semver, and nothing here should be called by hand.
//!
//! It may change in any release, patch releases included, because connect-macros
//! depends on connect-core with an exact pin (`version = "=0.1.0"`, as `serde` pins
//! `serde_derive` and `thiserror` pins `thiserror-impl`): a connect-macros release is
//! only ever compiled against the connect-core release it was written for, so the
//! two sides of this module always match.
//!
//! Two halves:
//!
//! - what the macro runs at compile time: [`form`] (how each key's literal is
//!   written, all its parser needs to know) and [`check`], its one call: what was
//!   written in, the link's canonical text and what the expansion needs, or every
//!   error with its [`Place`], out (`private/written.rs`); every literal is read
//!   there once, by the value type's own rules, through `ROWS` (the parameter
//!   table of `crate::parameter` as `check` walks it), the rules between
//!   parameters run once, and the registration's checks with the feature; the
//!   wording in the macro's syntax ([`in_macro`]);
//! - what its expansions call at run time: constructors that skip a check the
//!   macro ran at compile time with this crate's own functions (the public types'
//!   own constructors always validate), and [`Value::of`], which turns a wrong type
//!   into a note that shows the fix.

use std::marker::PhantomData;

use crate::connect_url::builder::ConnectUrlBuilder;
use crate::connect_url::ConnectUrl;
use crate::error::{Error, Syntax};
// A glob, for the reason given in `model/request.rs`.
#[allow(clippy::wildcard_imports)]
use crate::model::value::*;
use crate::parameter::{connect_parameters, Parameter};

// The one call of `connect_url!` at compile time. (This file keeps its path: the
// UI snapshots name it.)
#[path = "private/written.rs"]
mod written;

pub use crate::error::DidYouMean;
#[cfg(feature = "registration")]
pub use crate::registration::near::{near_miss, Difference, NearMiss};
pub use written::{
    check, Argument, BuilderCall, Finding, Issue, Link, Place, Registered, Written, WrittenList,
    WrittenValue,
};

/// An error about `parameter`, for the macro's own findings about a parameter (a
/// duplicate key, a registration finding re-tagged with its literal's parameter).
#[must_use]
pub const fn error(parameter: Parameter, problem: crate::Problem) -> Error {
    Error::new(parameter, problem)
}

/// The name of the application's registration file beside `Cargo.toml`, for the
/// macro built without the feature `registration` (which then only refuses a
/// crate that has one); `registration::FILE_NAME` with it.
pub const REGISTRATION_FILE_NAME: &str = "smartcar.toml";
pub use crate::model::value::{Literal, COUNTRY_FLAG, REQUIRED_PREFIX};
pub use crate::read::link::unknown_parameter;
pub use crate::rules::{Combination, Given, Known, NeedsLiteral};
/// Did-you-mean: the closest known name to a misspelt one (bounded: an input over
/// 64 bytes gets none), for the macro's own diagnostics.
pub use crate::suggest::closest as did_you_mean;

/// How `connect_url!` writes a literal of a parameter: the `form` column of the
/// parameter table, which is all the macro's parser needs to know (whether a token
/// is a literal or an expression). What a literal means is decided here, once, by
/// [`check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A string literal.
    Text,
    /// An identifier naming one of an enum's values (`simulated`).
    Word {
        /// Each value's name and its variant's name (`simulated` → `Simulated`).
        names: &'static [(&'static str, &'static str)],
        /// Names refused with a pointer to today's (`test` → `simulated`).
        deprecated: &'static [&'static str],
    },
    /// `true` or `false`.
    Bool,
    /// A make of the catalog (an identifier) or a string literal.
    Make,
    /// `[required read_odometer, read_vin]`.
    Scope,
    /// `[country: DE, "name": value]`.
    Flags,
}

/// How a parameter's literal is written. The app id and `response_type` have no
/// row (they are the builder's constructor and its one argument-less call): they
/// are written as a string and as a word (`none`).
#[must_use]
pub fn form(parameter: Parameter) -> Form {
    match ROWS.iter().find(|row| row.parameter == parameter) {
        Some(row) => row.read.form(),
        None if parameter.is_app_id() => Form::Text,
        None => Form::Word {
            names: &[],
            deprecated: &[],
        },
    }
}

/// A text that the value type's `FromStr` reads into a [`Setting`].
pub(crate) type ReadText = fn(&str) -> Result<Setting, Error>;

/// How [`check`] reads a literal of a row into its typed value: the value type's
/// own `FromStr` for text and words, a constructor for the others.
#[derive(Clone, Copy)]
pub(crate) enum Read {
    Text(ReadText),
    Word {
        /// The enum (`Mode`), as the expansion names it under the crate root.
        type_name: &'static str,
        names: &'static [(&'static str, &'static str)],
        deprecated: &'static [&'static str],
        read: ReadText,
    },
    Bool(fn(bool) -> Setting),
    Make(fn(Make) -> Setting),
    Scope(fn(Scope) -> Setting),
    Flags(fn(Flags) -> Setting),
}

impl Read {
    fn form(self) -> Form {
        match self {
            Read::Text(_) => Form::Text,
            Read::Word {
                names, deprecated, ..
            } => Form::Word { names, deprecated },
            Read::Bool(_) => Form::Bool,
            Read::Make(_) => Form::Make,
            Read::Scope(_) => Form::Scope,
            Read::Flags(_) => Form::Flags,
        }
    }
}

/// One row of the parameter table, as [`check`] walks it.
#[derive(Clone, Copy)]
pub(crate) struct Row {
    /// The parameter; its key and its builder setter are its name.
    pub(crate) parameter: Parameter,
    /// How a literal of it is read.
    pub(crate) read: Read,
}

macro_rules! read {
    (text, $ty:ident, $variant:ident) => {
        Read::Text(|text| text.parse::<$ty>().map(Setting::$variant))
    };
    (word, $ty:ident, $variant:ident) => {
        Read::Word {
            type_name: stringify!($ty),
            names: $ty::VARIANTS,
            deprecated: $ty::DEPRECATED,
            read: |text| text.parse::<$ty>().map(Setting::$variant),
        }
    };
    (bool, $ty:ident, $variant:ident) => {
        Read::Bool(Setting::$variant)
    };
    (make, $ty:ident, $variant:ident) => {
        Read::Make(Setting::$variant)
    };
    (scope, $ty:ident, $variant:ident) => {
        Read::Scope(Setting::$variant)
    };
    (flags, $ty:ident, $variant:ident) => {
        Read::Flags(Setting::$variant)
    };
}

macro_rules! rows {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ident = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ident = $form:ident $(as $expr:ident)?, $doc:literal; )* }
    ) => {
        /// Every optional parameter, in canonical order. (`response_type` and the
        /// app id are the macro's own: the one takes only `none`, the other is the
        /// builder's constructor.)
        pub(crate) const ROWS: &[Row] = &[
            $( Row {
                parameter: Parameter::$variant,
                read: read!($form, $ty, $variant),
            }, )*
        ];

        /// A literal of `connect_url!`, read once into its typed value, which
        /// goes to the builder's setter as it is.
        pub(crate) enum Setting {
            $( $variant($ty), )*
        }

        impl Setting {
            /// The builder with this value set.
            pub(crate) fn apply(self, builder: ConnectUrlBuilder) -> ConnectUrlBuilder {
                match self {
                    $( Setting::$variant(value) => builder.$name(value), )*
                }
            }
        }

        /// The type of each parameter's expression in `connect_url!`, named after
        /// the parameter (`expressions::state` is `State`): its value type, or the
        /// type the table gives after `as`, which converts into it with `From`
        /// (`redirect_uri` takes a `WebRedirectUri`).
        #[allow(non_camel_case_types)]
        pub mod expressions {
            #[allow(clippy::wildcard_imports)]
            use super::*;
            $( pub type $iname = $ity; )*
            $( pub type $name = rows!(@expression $ty $(, $expr)?); )*
        }

        /// How `connect_url!` checks each parameter's expression, named after the
        /// parameter: `checks::state::of(expr)` is [`Value`]`::<State>::of`; a
        /// parameter whose expression type differs from its value type is checked
        /// by [`Converted`], whose error shows the conversion from the value type.
        #[allow(non_camel_case_types)]
        pub mod checks {
            #[allow(clippy::wildcard_imports)]
            use super::*;
            $( pub type $iname = Value<$ity>; )*
            $( pub type $name = rows!(@check $ty $(, $expr)?); )*
        }
    };
    (@expression $ty:ident) => { $ty };
    (@expression $ty:ident, $expr:ident) => { $expr };
    (@check $ty:ident) => { Value<$ty> };
    (@check $ty:ident, $expr:ident) => { Converted<$expr, $ty> };
}
connect_parameters!(rows);

/// The error, its help in `connect_url!`'s syntax (`single_select: true`).
#[must_use]
pub fn in_macro(error: Error) -> Error {
    error.written_in(Syntax::Macro)
}

/// The app id of an application of the registration, for `app_id!`: checked
/// when the registration was read at compile time.
#[must_use]
pub const fn registered_app_id(text: &'static str) -> ClientId {
    ClientId::checked(text)
}

/// A builder call without an argument.
pub(crate) type Call = fn(ConnectUrlBuilder) -> ConnectUrlBuilder;

/// The `response_type` one writes, as the builder's call that writes it (its
/// name and itself): `none` (`response_type_none`), or `vehicle_id` on a link
/// without a `vehicle_id`, the Tesla permission upgrade (`reauthenticate`). `code`,
/// and `vehicle_id` beside a `vehicle_id`, are implied: `None`.
#[must_use]
pub(crate) fn response_type_call(
    value: &str,
    vehicle_id_given: bool,
) -> Option<(&'static str, Call)> {
    match value.parse() {
        Ok(ResponseType::None) => {
            Some(("response_type_none", ConnectUrlBuilder::response_type_none))
        }
        Ok(ResponseType::VehicleId) if !vehicle_id_given => {
            Some(("reauthenticate", ConnectUrlBuilder::reauthenticate))
        }
        _ => None,
    }
}

/// The link, whose every rule `connect_url!` decided at compile time: the rules
/// between parameters ran once there, and do not run again.
#[must_use]
pub fn build(builder: ConnectUrlBuilder) -> ConnectUrl {
    builder.build_checked()
}

/// A link with expressions, built at run time. Its one call is what a `static`
/// or `const` initialised with it reports (`cannot call non-const function
/// only_a_link_of_literals_is_a_constant`): the name says why, and rustc suggests
/// `LazyLock`.
pub fn only_a_link_of_literals_is_a_constant(
    build: impl FnOnce() -> ConnectUrlBuilder,
) -> ConnectUrl {
    build().build_checked()
}

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

/// A string literal checked at compile time, as the setter's type.
#[must_use]
pub fn literal<T: Literal>(text: &'static str) -> T {
    T::literal(text)
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

/// A value that a key of `connect_url!` takes as an expression: the parameter's
/// own type `T`, or a reference to one (cloned, so the caller keeps it, e.g. the
/// `State` for the callback check). Text from outside becomes one where it is
/// checked: `text.parse::<State>()?`.
///
/// ```
/// use connect_core::__private::ParameterValue;
/// use connect_core::State;
///
/// let state: State = "0facda3319".parse()?;
/// let copy: State = ParameterValue::<State>::into_value(&state);
/// assert_eq!(copy, state);
/// # Ok::<(), connect_core::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "this `connect_url!` value must be a `{T}`, not `{Self}`",
    label = "expected a `{T}` (or a `&{T}`)",
    note = "text from outside is checked where it enters the typed world: `text.parse::<{T}>()?`"
)]
pub trait ParameterValue<T> {
    /// The value.
    fn into_value(self) -> T;
}

#[diagnostic::do_not_recommend]
impl<T> ParameterValue<T> for T {
    fn into_value(self) -> T {
        self
    }
}

#[diagnostic::do_not_recommend]
impl<T: Clone> ParameterValue<T> for &T {
    fn into_value(self) -> T {
        self.clone()
    }
}

/// An expression of `connect_url!`, its type checked against the parameter's:
/// `value(expr)` is a `const fn`, so a link in a `static` reports one error (the
/// call that builds it), and a wrong type is one error, on the expression.
pub struct Expression<T, V>(V, fn(V) -> T);

/// `Value::<State>::of(expr)`: the expression, with a note that shows the fix
/// when it is not of that type. (The type is named on `Value`, so that `of`
/// infers the expression's own: an error then points at the whole expression.)
pub struct Value<T>(PhantomData<T>);

impl<T> Value<T> {
    /// The expression, its type checked.
    pub const fn of<V: ParameterValue<T>>(value: V) -> Expression<T, V> {
        Expression(value, V::into_value)
    }
}

/// A value that a key of `connect_url!` whose expression type `T` is narrower
/// than its value type `F` takes (`redirect_uri`: a `WebRedirectUri`, where the
/// value type is `RedirectUri`): what [`ParameterValue`] takes, with an error
/// that shows the conversion from `F`, which a user holding one needs.
#[diagnostic::on_unimplemented(
    message = "this `connect_url!` value must be a `{T}`, not `{Self}`",
    label = "expected a `{T}` (or a `&{T}`)",
    note = "a `{F}` is converted where it is checked: `{T}::try_from(value)?`; text from outside: `text.parse::<{T}>()?`"
)]
pub trait ConvertedValue<T, F>: ParameterValue<T> {}

#[diagnostic::do_not_recommend]
impl<T, F, V: ParameterValue<T>> ConvertedValue<T, F> for V {}

/// `Converted::<WebRedirectUri, RedirectUri>::of(expr)`: [`Value::of`] for a
/// parameter whose expression type `T` is converted from its value type `F`.
pub struct Converted<T, F>(PhantomData<(T, F)>);

impl<T, F> Converted<T, F> {
    /// The expression, its type checked.
    pub const fn of<V: ConvertedValue<T, F>>(value: V) -> Expression<T, V> {
        Expression(value, V::into_value)
    }
}

impl<T, V> Expression<T, V> {
    /// The value, as the parameter's type.
    pub fn get(self) -> T {
        (self.1)(self.0)
    }
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
