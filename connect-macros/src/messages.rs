//! The macro's own wording: every mistake of `connect_url!`'s syntax, one row per
//! mistake (its variant, its fields, its doc, its message and its help side by
//! side), in rustc's style (lower case, no trailing period). It is the shape of
//! connect-core's error tables (`problems!`, `messages!`): `syntax_table!` turns
//! the rows into [`Syntax`] and [`Syntax::words`].
//!
//! The rules of Connect (a bad VIN, an unknown permission, `single_select_vin`
//! without `single_select: true`) are worded by connect-core, in the macro's voice
//! (`connect_core::__private::in_macro`); only what is about the macro's own
//! syntax, or about what a compile-time check needs, is worded here.

use connect_core::__private::DidYouMean;
use connect_core::Parameter;

/// Text the user wrote, quoted back in a message: whole up to
/// [`Abridged::LONGEST`] characters, else its start and `…`. The
/// span already underlines all of it; a message that repeats a 100 KB literal
/// twice helps no one and costs time and memory in every expansion.
struct Abridged<'a>(&'a str);

impl Abridged<'_> {
    const LONGEST: usize = 60;
}

impl std::fmt::Display for Abridged<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.char_indices().nth(Abridged::LONGEST) {
            None => f.write_str(self.0),
            Some((end, _)) => write!(f, "{}…", &self.0[..end]),
        }
    }
}

/// Declares [`Syntax`], one row per mistake, and [`Syntax::words`]:
///
/// ```text
/// /// Doc.
/// Variant { field: Type, … }  (or `Variant`)
///     => message ("format", args…) | { block }[, help ("format", args…) | { block }];
/// ```
///
/// A block is an expression of type `String`; a row without `help` has none. The
/// fields are bound by value (each is `Copy`), so the format strings capture them
/// by name.
macro_rules! syntax_table {
    (
        $(#[$enum_attr:meta])*
        pub enum $syntax:ident<$a:lifetime> {
            $(
                $(#[$attr:meta])*
                $variant:ident $({ $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? })?
                    => message $message:tt $(, help $help:tt)?;
            )*
        }
    ) => {
        $(#[$enum_attr])*
        pub enum $syntax<$a> {
            $(
                $(#[$attr])*
                $variant $({ $($(#[$field_attr])* $field: $ty),* })?,
            )*
        }

        impl $syntax<'_> {
            /// The message and the help of this mistake, as its row words them.
            #[allow(clippy::too_many_lines)] // one arm per row
            pub fn words(&self) -> (String, Option<String>) {
                match *self {
                    $(
                        $syntax::$variant $({ $($field),* })? => (
                            syntax_table!(@text $message),
                            syntax_table!(@help $($help)?),
                        ),
                    )*
                }
            }
        }
    };
    (@text ($($format:tt)*)) => { format!($($format)*) };
    (@text { $($body:tt)* }) => { { $($body)* } };
    (@help) => { None };
    (@help $help:tt) => { Some(syntax_table!(@text $help)) };
}

syntax_table! {
    /// A mistake in how a `connect_url!` invocation is written.
    pub enum Syntax<'a> {
        /// An empty piece between two commas.
        UnexpectedComma
            => message ("unexpected `,`"),
               help ("remove this comma");
        /// Something that is not `key:` where a key belongs.
        NotAKey { found: &'a str }
            => message ("expected a parameter name, found `{}`", Abridged(found)),
               help ("write `key: value`, e.g. `client_id: \"…\"`");
        /// `"client_id": …`.
        QuotedKey { key: &'a str }
            => message ("a parameter name is written without quotes"),
               help ("write `{key}`");
        /// A top-level `country: DE`: a flag, not a parameter.
        FlagAsKey { flag: &'a str, value: &'a str }
            => message ("`{flag}` is a flag, not a parameter"),
               help ("write it in `flags`: `flags: [{flag}: {}]`", Abridged(value));
        /// `state "…"`.
        MissingColon { key: &'a str }
            => message ("expected `:` after `{key}`"),
               help ("write `{key}: value`");
        /// `vehicle_id:` and nothing.
        NoValue { key: &'a str }
            => message ("`{key}` has no value"),
               help ("write a value after `{key}:`");
        /// `client_id: "…" mode: simulated`.
        ForgottenComma { key: &'a str }
            => message ("expected `,` before `{key}`"),
               help ("separate parameters with commas");
        /// `mode: simulated live`.
        StrayTokens { key: &'a str, found: &'a str }
            => message ("unexpected `{}` after the value of `{key}`", Abridged(found)),
               help ("separate parameters with commas");
        /// `client_id: 42`.
        NotAString { key: &'a str, found: &'a str }
            => message ("`{key}` takes a string literal, found `{}`", Abridged(found)),
               help ("write it in quotes: `\"{}\"`", Abridged(found));
        /// `mode: "live"`.
        QuotedWord { key: &'a str, word: &'a str }
            => message ("`{key}` is written without quotes"),
               help ("write `{word}`");
        /// `make: 42`.
        NotAMake { found: &'a str }
            => message ("expected a make such as `TESLA`, found `{}`", Abridged(found)),
               help ("for a make newer than the catalog, write it as a string: `\"NEW_MAKE\"`");
        /// `scope: read_vin`: a permission where a list belongs.
        NotAList { key: &'a str, example: &'a str }
            => message ("`{key}` takes a list in brackets"),
               help ("write `{key}: {example}`");
        /// `scope: ["read_vin"]`.
        QuotedPermission { name: &'a str }
            => message ("a permission is written as an identifier, not a string"),
               help ("write `{name}` without quotes");
        /// `scope: [required: read_vin]`.
        PrefixWithColon { prefix: &'a str, permission: &'a str }
            => message ("in `connect_url!` the prefix is a separate word, not `prefix:`"),
               help ("write `{prefix} {permission}`");
        /// `scope: [read_vin required]`.
        PrefixAfter { prefix: &'a str, permission: &'a str }
            => message ("`{prefix}` comes before the permission it marks"),
               help ("write `{prefix} {permission}`");
        /// `scope: [42]`.
        NotAPermission { found: &'a str }
            => message ("expected a permission name, found `{}`", Abridged(found)),
               help (
                   "write `read_odometer`, or `required read_odometer` to lock it on the grant \
                    screen"
               );
        /// `flags: [colour: red]`: only `country` is written bare.
        UnknownBareFlag { written: &'a str, suggestion: Option<&'static str> }
            => message ("unknown flag `{written}`"),
               help ("{}", DidYouMean(suggestion, format_args!(
                   "only `country` is written bare; write other flags' names as strings: \
                    `\"{written}\": …`"
               )));
        /// `flags: [42: …]`.
        NotAFlagName { found: &'a str }
            => message ("expected a flag name, found `{}`", Abridged(found)),
               help ("write `country: DE` or `\"flag_name\": value`");
        /// `flags: ["a" 1]`.
        FlagMissingColon { name: &'a str, written: &'a str }
            => message ("expected `:` after flag `{name}`"),
               help ("write `{written}: value`");
        /// `flags: ["a":]`.
        FlagNoValue { name: &'a str }
            => message ("flag `{name}` has no value"),
               help ("write a string, `true`/`false` or an integer after `:`");
        /// `flags: ["a": 1.5]`.
        FlagValueType { name: &'a str, found: &'a str }
            => message (
                   "expected a string, `true`, `false` or an integer as the value of flag \
                    `{name}`, found `{}`",
                   Abridged(found)
               );
        /// `flags: ["a": 99999…]`.
        FlagIntegerTooLarge { name: &'a str }
            => message ("the value of flag `{name}` is too large for an integer"),
               help ("an integer flag value is at most `u128::MAX`; write a larger one as a string");
        /// `response_type: code`: implied, never written.
        ResponseTypeNotWritable { value: &'a str }
            => message ("`response_type: {value}` cannot be written"),
               help (
                   "leave `response_type` out: `code` (or `vehicle_id` with `vehicle_id`) is \
                    implied; only `none` may be written, or `vehicle_id` without a `vehicle_id` \
                    for the Tesla permission upgrade"
               );
        /// `response_type: some_expression`.
        ResponseTypeExpression
            => message ("`response_type` takes only the literals `none` and `vehicle_id`"),
               help ("write `response_type: none`, or leave it out for a flow with a code");
        /// The user's manifest lists no connect-core.
        CoreCrateMissing
            => message ("`connect_url!` needs the `connect-core` crate"),
               help ("add `connect-core` to `[dependencies]` in Cargo.toml");
        /// The manifest names connect-core with something that is not an identifier.
        CoreCrateName { name: &'a str }
            => message ("`connect_url!` cannot name the `connect-core` crate `{name}`"),
               help ("rename the dependency in Cargo.toml to a Rust identifier");
        /// `crate: path`.
        CrateWithColon
            => message ("the crate path is written `crate = path`"),
               help ("write `=` instead of `:`");
        /// `crate` without `= path`.
        CrateWithoutPath
            => message ("expected `=` and a path after `crate`"),
               help ("write `crate = path::to::connect_core,`");
        /// `crate = 42`.
        CrateNotAPath
            => message ("expected a path to the connect-core crate"),
               help ("write `crate = path::to::connect_core,`");
        /// `app:` given twice.
        DuplicateApp
            => message ("`app` is given more than once"),
               help ("give `app` once");
        /// `app: "production"` or `app: a.b`.
        NotAnApplicationName { found: &'a str }
            => message ("expected the name of an application, found `{}`", Abridged(found)),
               help (
                   "write the name of one of `smartcar.toml`'s `[applications.NAME]`, e.g. \
                    `app: production`"
               );
        /// A crate with `smartcar.toml`, and connect-macros without its feature
        /// `registration`.
        #[cfg_attr(feature = "registration", allow(dead_code))]
        RegistrationFeatureOff { file: &'a str }
            => message (
                   "this crate declares its application's registration (`{file}`), but \
                    connect-macros' feature `registration` is off: no link would be checked \
                    against it"
               ),
               help (
                   "turn the feature on for both crates, so that connect-core is built once: add \
                    `features = [\"registration\"]` to the `connect-core` and the `connect-macros` \
                    dependencies of `Cargo.toml`"
               );
        /// `app_id!` given anything but one name.
        AppIdNotAName
            => message ("`app_id!` takes the name of an application of the registration"),
               help (
                   "write `app_id!(production)` for the application `[applications.production]` \
                    of `smartcar.toml`"
               );
        /// `app_id!(NAME)` without a registration to name an application of.
        AppIdWithoutRegistration { name: &'a str }
            => message ("`app_id!({name})` names an application, but there is no `smartcar.toml`"),
               help (
                   "declare the application in `smartcar.toml` beside `Cargo.toml` (or in the \
                    file `CONNECT_URL_REGISTRATION` names), and turn on the feature \
                    `registration` of connect-core and connect-macros"
               );
        /// Where the registration is looked for, something that is not a file.
        RegistrationNotAFile {
            /// As messages show it.
            path: &'a str,
            /// The variable that named it, if any.
            named_by: Option<&'a str>,
        } => message {
                match named_by {
                    None => format!("`{path}` is a directory, not the application's registration"),
                    Some(variable) => format!(
                        "`{variable}` names `{path}`, a directory, not the application's \
                         registration"
                    ),
                }
            },
            help {
                match named_by {
                    None => format!(
                        "the registration is a file, `{path}` beside `Cargo.toml`: remove or \
                         rename the directory"
                    ),
                    Some(variable) => format!(
                        "set `{variable}` to the path of the registration file, `smartcar.toml`"
                    ),
                }
            };
        /// The registration variable names a path that cannot be read.
        RegistrationVariableNowhere { variable: &'a str, path: &'a str, reason: &'a str }
            => message ("`{variable}` names `{path}`, which cannot be read: {reason}"),
               help (
                   "set it to the path of the application's `smartcar.toml`, e.g. in \
                    `.cargo/config.toml`: `[env] {variable} = {{ value = \"smartcar.toml\", \
                    relative = true }}` (relative to the directory that holds `.cargo/`), or \
                    unset it"
               );
        /// `app:` without a registration to name an application of.
        AppWithoutRegistration { name: &'a str }
            => message ("`app: {name}` names an application, but there is no `smartcar.toml`"),
               help (
                   "declare the application in `smartcar.toml` beside `Cargo.toml`, or write \
                    `client_id: \"…\"` instead"
               );
        /// An expression where a rule between parameters needs a literal.
        NeedsLiteral { parameter: Parameter, literal: &'a str, because_of: Parameter }
            => message ("`{parameter}` must be a literal here: `{because_of}` needs it"),
               help {
                   let example = match parameter {
                       Parameter::ClientId | Parameter::ApplicationId => format!("\"{literal}\""),
                       _ => literal.to_owned(),
                   };
                   format!(
                       "the rule between `{because_of}` and `{parameter}` is checked at compile \
                        time: write `{parameter}: {example}`"
                   )
               };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_quoted_abridged_on_a_character_boundary() {
        assert_eq!(Abridged("1234").to_string(), "1234");
        let exact = "x".repeat(Abridged::LONGEST);
        assert_eq!(Abridged(&exact).to_string(), exact);
        let long = "é".repeat(100_000);
        let shown = Abridged(&long).to_string();
        assert_eq!(shown, format!("{}…", "é".repeat(Abridged::LONGEST)));
        let (message, help) = Syntax::NotAString {
            key: "client_id",
            found: &"1".repeat(100_000),
        }
        .words();
        assert!(message.len() < 200 && help.unwrap().len() < 200);
    }
}
