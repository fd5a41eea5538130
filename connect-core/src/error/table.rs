//! The two macros every error table of the crate is written with, one row per
//! variant: its doc and fields, then what it says, beside it (as the `url` and
//! `http` crates write their errors). A row reads the same in each table:
//!
//! ```text
//! /// Doc.
//! Variant { field: Type, … }  (or `Variant(name: Type)`, or `Variant`)
//!     => [fix (…) | code (…),] message ("format", args…) | { block }[, help …];
//! ```
//!
//! - `problems!` declares [`Problem`](super::Problem), whose rows have a message
//!   and a help, and may name a [`Fix`](super::Fix): a link's problems, read
//!   through [`Error`](super::Error);
//! - `messages!` declares an error whose `Display` is its row's message: the
//!   token exchange's [`TokenError`](crate::token::TokenError), the redirect
//!   back's [`CallbackError`](crate::CallbackError), and Connect's own error
//!   catalog [`ConnectErrorKind`](crate::ConnectErrorKind), whose rows also name
//!   their `code (…)`.
//!
//! A message or a help is either `("format", args…)` or a block that writes to the
//! formatter the table's header names (`where (f, …)`), so that the format
//! strings' captures see it and the row's fields.

/// Writes a row's text: `("format", args…)` or a block that writes it itself.
macro_rules! table_text {
    ($f:ident ($($format:tt)*)) => { write!($f, $($format)*) };
    ($f:ident { $($body:tt)* }) => { { $($body)* } };
}

/// Declares a table of problems ([`Problem`](super::Problem), and the
/// registration's), one row per variant: its doc, its fields, then its fix
/// (optional: `fix (Parameter = "value")`, see [`Fix`](super::Fix)), its message
/// and its help (optional), each either `("format", args…)` or a block that
/// writes to the context's formatter (a help block may `return Ok(false)`: no help
/// in that case). Generates the enum, `fix` and `explain`, which
/// [`Error`](super::Error) writes its message and help with.
///
/// The header names what a row may use: the formatter, the parameter's name
/// (`"the URL"` for none), the parameter itself, the row's fix written in the
/// error's syntax, and that [`Syntax`](super::fix::Syntax). They are named by the
/// table so that the format strings' captures (`{p}`, `{fix}`) see them.
///
/// After the rows, `tables { Variant(Table), … }` names the tables of other
/// concerns a problem may be (`Problem::Registration(RegistrationProblem)`): a
/// variant that holds one, its `fix` and `explain` theirs, and a `From` each.
macro_rules! problems {
    (
        $(#[$enum_attr:meta])*
        pub enum $problem:ident
            where ($f:ident, $p:ident, $parameter:ident, $fix:ident, $syntax:ident)
        {
            $(
                $(#[$attr:meta])*
                $variant:ident $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
                    => $(fix ($fix_parameter:ident = $fix_value:literal),)?
                       message $message:tt $(, help $help:tt)?;
            )*
        }
        $(
            tables {
                $( $(#[$table_attr:meta])* $table_variant:ident($table:ty), )*
            }
        )?
    ) => {
        $(#[$enum_attr])*
        pub enum $problem {
            $(
                $(#[$attr])*
                $variant $({ $($(#[$field_attr])* $field: $ty),* })?,
            )*
            $($(
                $(#[$table_attr])*
                $table_variant($table),
            )*)?
        }

        $($(
            $(#[$table_attr])*
            impl From<$table> for $problem {
                fn from(problem: $table) -> Self {
                    $problem::$table_variant(problem)
                }
            }
        )*)?

        impl $problem {
            /// The fix that sets a parameter, when setting one fixes this problem.
            #[must_use]
            #[allow(unused_doc_comments, clippy::match_same_arms)] // one arm per row
            pub fn fix(&self) -> Option<$crate::error::Fix> {
                match self {
                    $(
                        $(#[$attr])*
                        $problem::$variant { .. } => {
                            $crate::error::problems!(@fix $($fix_parameter $fix_value)?)
                        }
                    )*
                    $($(
                        $(#[$table_attr])*
                        $problem::$table_variant(problem) => problem.fix(),
                    )*)?
                }
            }

            /// Writes the message or the help of this problem about `parameter`
            /// (`None`: the link as a whole), its fix in `syntax`; `false` when it
            /// has no help.
            #[allow(unused_variables, unused_doc_comments, clippy::too_many_lines)] // one arm per row
            pub(crate) fn explain(
                &self,
                $parameter: Option<$crate::Parameter>,
                $syntax: $crate::error::Syntax,
                part: $crate::error::Part,
                $f: &mut dyn ::std::fmt::Write,
            ) -> ::std::result::Result<bool, ::std::fmt::Error> {
                let $p = $parameter.map_or("the URL", $crate::Parameter::name);
                match self {
                    $(
                        $(#[$attr])*
                        $problem::$variant $({ $($field),* })? => {
                            $(let $fix = $crate::error::Fix::new(
                                $crate::Parameter::$fix_parameter,
                                $fix_value,
                            )
                            .written($syntax);)?
                            match part {
                                $crate::error::Part::Message => {
                                    $crate::error::table_text!($f $message).map(|()| true)
                                }
                                $crate::error::Part::Help => {
                                    $crate::error::problems!(@help $f $($help)?)
                                }
                            }
                        }
                    )*
                    $($(
                        $(#[$table_attr])*
                        $problem::$table_variant(problem) => {
                            problem.explain($parameter, $syntax, part, $f)
                        }
                    )*)?
                }
            }
        }
    };
    (@fix) => { None };
    (@fix $parameter:ident $value:literal) => {
        Some($crate::error::Fix::new($crate::Parameter::$parameter, $value))
    };
    (@help $f:ident) => { Ok(false) };
    (@help $f:ident $help:tt) => { $crate::error::table_text!($f $help).map(|()| true) };
}

/// Declares an error enum whose `Display` writes each variant's message, one row
/// per variant: its doc, its fields (`{ name: Type, … }`, or one `(name: Type)`,
/// named so the message can use it), then `message …` (see the module's docs).
/// Generates the enum, `Display` and `variant_name` (for a `Debug` that shows the
/// variant and the message).
///
/// With `where (f) coded`, each row names its `code (…)` first, the code the
/// variant is written with on the wire: generates `code()` too, and
/// `from_code_alone`, the variant without fields of a code (the others read
/// their fields from elsewhere).
macro_rules! messages {
    (
        $(#[$enum_attr:meta])*
        pub enum $name:ident where ($f:ident) {
            $(
                $(#[$attr:meta])*
                $variant:ident
                    $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
                    $(($bind:ident : $inner:ty))?
                    => message $message:tt;
            )*
        }
    ) => {
        $(#[$enum_attr])*
        pub enum $name {
            $(
                $(#[$attr])*
                $variant $({ $($(#[$field_attr])* $field: $ty),* })? $(($inner))?,
            )*
        }

        impl ::std::fmt::Display for $name {
            #[allow(unused_variables)] // a message need not show every field
            fn fmt(&self, $f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(
                        $name::$variant $({ $($field),* })? $(($bind))? => $crate::error::table_text!($f $message),
                    )*
                }
            }
        }

        impl $name {
            /// The variant's name, as written in the table.
            #[allow(dead_code)] // used by the tables whose `Debug` shows it
            pub(crate) fn variant_name(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => stringify!($variant), )*
                }
            }
        }
    };
    (
        $(#[$enum_attr:meta])*
        pub enum $name:ident where ($f:ident) coded {
            $(
                $(#[$attr:meta])*
                $variant:ident
                    $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
                    $(($bind:ident : $inner:ty))?
                    => code ($code:expr), message $message:tt;
            )*
        }
    ) => {
        $crate::error::messages! {
            $(#[$enum_attr])*
            pub enum $name where ($f) {
                $(
                    $(#[$attr])*
                    $variant $({ $($(#[$field_attr])* $field : $ty),* })? $(($bind : $inner))?
                        => message $message;
                )*
            }
        }

        impl $name {
            /// The code it is written with on the wire.
            #[must_use]
            #[allow(unused_variables)] // only a code kept as it came uses its field
            pub fn code(&self) -> &str {
                match self {
                    $(
                        $name::$variant $({ $($field),* })? $(($bind))? => {
                            let code: &str = $code;
                            code
                        }
                    )*
                }
            }

            /// The variant of `code` when it has no fields.
            fn from_code_alone(code: &str) -> Option<Self> {
                $( $crate::error::messages!(@alone code $name $variant ($code) $({ $($field)* })? $(($bind))?); )*
                None
            }
        }
    };
    (@alone $c:ident $name:ident $variant:ident ($code:expr)) => {
        if $c == $code {
            return Some($name::$variant);
        }
    };
    (@alone $c:ident $name:ident $variant:ident ($code:expr) $($fields:tt)+) => {};
}

pub(crate) use {messages, problems, table_text};
