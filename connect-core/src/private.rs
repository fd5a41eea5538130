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
//! - what the macro runs at compile time: [`ROWS`], the parameter table of
//!   `crate::parameter` as the macro walks it (each row's literal form and a
//!   function that checks a literal with the value type's own rules and sets it on
//!   a builder), the rules between parameters ([`Combination`]), and the wording
//!   ([`in_macro`]);
//! - what its expansions call at run time: constructors that skip a check the
//!   macro ran at compile time with this crate's own functions (the public types'
//!   own constructors always validate), and [`Value::of`], which turns a wrong type
//!   into a note that shows the fix.

use std::marker::PhantomData;

use crate::connect_url::builder::ConnectUrlBuilder;
use crate::connect_url::ConnectUrl;
use crate::error::{Error, Syntax};
use crate::model::request::ConnectRequest;
// A glob, for the reason given in `model/request.rs`.
#[allow(clippy::wildcard_imports)]
use crate::model::value::*;
use crate::parameter::{connect_parameters, Parameter};

pub use crate::error::DidYouMean;
#[cfg(feature = "registration")]
pub use crate::registration::near::{near_miss, Difference, NearMiss};

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

/// A setter that may refuse its value: the builder comes back either way, so the
/// next parameter is still checked, with the error when it refused.
pub type Set<T> = fn(ConnectUrlBuilder, T) -> (ConnectUrlBuilder, Option<Error>);

/// A setter of a literal's text, checked by the value type's `FromStr`.
pub type SetText = fn(ConnectUrlBuilder, &str) -> (ConnectUrlBuilder, Option<Error>);

/// How `connect_url!` writes a literal of a parameter, and the setter that takes
/// it: the `form` column of the parameter table.
#[derive(Clone, Copy)]
pub enum Form {
    /// A string literal, checked by the value type's `FromStr`.
    Text(SetText),
    /// An identifier naming one of an enum's values (`simulated`).
    Word {
        /// The enum (`Mode`), as the expansion names it under the crate root.
        type_name: &'static str,
        /// Each value's name and its variant's name (`simulated` → `Simulated`).
        variants: &'static [(&'static str, &'static str)],
        /// Names refused with a pointer to today's (`test` → `simulated`).
        deprecated: &'static [&'static str],
        /// Checks the name with the enum's `FromStr` and sets it.
        set: SetText,
    },
    /// `true` or `false`.
    Bool(Set<bool>),
    /// A make of the catalog (an identifier) or a string literal.
    Make(Set<Make>),
    /// `[required read_odometer, read_vin]`.
    Scope(Set<Scope>),
    /// `[country: DE, "name": value]`.
    Flags(Set<Flags>),
}

/// One row of the parameter table, as `connect_url!` walks it.
#[derive(Clone, Copy)]
pub struct Row {
    /// The parameter; its key and its builder setter are its name.
    pub parameter: Parameter,
    /// How a literal of it is written. (An expression of it is of the type
    /// [`expressions`] names after the parameter.)
    pub form: Form,
}

/// A setter that parses its text with the value type's rules: `text` and `word`.
fn parsed<T: std::str::FromStr<Err = Error>>(
    builder: ConnectUrlBuilder,
    text: &str,
    set: fn(ConnectUrlBuilder, T) -> ConnectUrlBuilder,
) -> (ConnectUrlBuilder, Option<Error>) {
    match text.parse() {
        Ok(value) => (set(builder, value), None),
        Err(error) => (builder, Some(error)),
    }
}

macro_rules! form {
    (text, $ty:ty, $name:ident) => {
        Form::Text(|b, text| parsed::<$ty>(b, text, ConnectUrlBuilder::$name))
    };
    (word, $ty:ident, $name:ident) => {
        Form::Word {
            type_name: stringify!($ty),
            variants: $ty::VARIANTS,
            deprecated: $ty::DEPRECATED,
            set: |b, text| parsed::<$ty>(b, text, ConnectUrlBuilder::$name),
        }
    };
    (bool, $ty:ty, $name:ident) => {
        Form::Bool(|b, value| (b.$name(value), None))
    };
    (make, $ty:ty, $name:ident) => {
        Form::Make(|b, value| (b.$name(value), None))
    };
    (scope, $ty:ty, $name:ident) => {
        Form::Scope(|b, value| (b.$name(value), None))
    };
    (flags, $ty:ty, $name:ident) => {
        Form::Flags(|b, value| (b.$name(value), None))
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
        pub const ROWS: &[Row] = &[
            $( Row {
                parameter: Parameter::$variant,
                form: form!($form, $ty, $name),
            }, )*
        ];

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

/// The row of an optional parameter.
#[must_use]
pub fn row(parameter: Parameter) -> Option<&'static Row> {
    ROWS.iter().find(|row| row.parameter == parameter)
}

/// The app id under exactly one of its two names: which is written, or the
/// error (both; neither), from the rule the readers of links use.
///
/// # Errors
///
/// Both names, or neither.
pub fn one_app_id<T>(
    client_id: Option<T>,
    application_id: Option<T>,
) -> Result<(Parameter, T), Error> {
    crate::model::value::one_app_id(client_id, application_id)
}

/// The error, its help in `connect_url!`'s syntax (`single_select: true`).
#[must_use]
pub fn in_macro(error: Error) -> Error {
    error.written_in(Syntax::Macro)
}

/// A builder for checking literals before the app id is known (a placeholder
/// stands in for it until [`with_app_id`]).
pub fn builder() -> ConnectUrlBuilder {
    ConnectUrl::builder(ClientId::checked("-"))
}

/// A literal app id of `connect_url!`, sent under `parameter`: its value's rules
/// and an app id's (not a v3 API credential), worded as the builder words them.
///
/// # Errors
///
/// The rule the id breaks, under `parameter`.
pub fn app_id(text: &str, parameter: Parameter) -> Result<ClientId, Error> {
    crate::model::value::parse_app_id(text, parameter)
}

/// The app id of an application of the registration, for `app_id!`: checked
/// when the registration was read at compile time.
#[must_use]
pub const fn registered_app_id(text: &'static str) -> ClientId {
    ClientId::checked(text)
}

/// The builder with its real app id, sent under `parameter`.
pub fn with_app_id(
    builder: ConnectUrlBuilder,
    parameter: Parameter,
    app_id: ClientId,
) -> ConnectUrlBuilder {
    builder.app_id(app_id, parameter)
}

/// What the builder holds so far: the literals checked at compile time.
#[must_use]
pub fn request(builder: &ConnectUrlBuilder) -> &ConnectRequest {
    builder.request()
}

/// A builder call without an argument.
pub type Call = fn(ConnectUrlBuilder) -> ConnectUrlBuilder;

/// The `response_type` one writes, as the builder's call that writes it (its
/// name and itself): `none` (`response_type_none`), or `vehicle_id` on a link
/// without a `vehicle_id`, the Tesla permission upgrade (`reauthenticate`). `code`,
/// and `vehicle_id` beside a `vehicle_id`, are implied: `None`.
#[must_use]
pub fn response_type_call(value: &str, vehicle_id_given: bool) -> Option<(&'static str, Call)> {
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

/// The rule of a scope entry's prefix.
///
/// # Errors
///
/// A prefix other than `required`.
pub fn check_scope_prefix(prefix: &str) -> Result<(), Error> {
    ScopeEntry::check_prefix(prefix)
}
