//! The macro's own wording: every mistake of `connect_url!`'s syntax, each
//! message beside its help, in rustc's style (lower case, no trailing period).
//!
//! The rules of Connect (a bad VIN, an unknown permission, `single_select_vin`
//! without `single_select: true`) are worded by connect-core, in the macro's voice
//! (`connect_core::__private::in_macro`); only what is about the macro's own
//! syntax, or about what a compile-time check needs, is worded here.

use std::fmt::Write;

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

/// A mistake in how a `connect_url!` invocation is written.
pub enum Syntax<'a> {
    /// An empty piece between two commas.
    UnexpectedComma,
    /// Something that is not `key:` where a key belongs.
    NotAKey { found: &'a str },
    /// `"client_id": …`.
    QuotedKey { key: &'a str },
    /// A top-level `country: DE`: a flag, not a parameter.
    FlagAsKey { flag: &'a str, value: &'a str },
    /// `state "…"`.
    MissingColon { key: &'a str },
    /// `vehicle_id:` and nothing.
    NoValue { key: &'a str },
    /// `client_id: "…" mode: simulated`.
    ForgottenComma { key: &'a str },
    /// `mode: simulated live`.
    StrayTokens { key: &'a str, found: &'a str },
    /// `client_id: 42`.
    NotAString { key: &'a str, found: &'a str },
    /// `mode: "live"`.
    QuotedWord { key: &'a str, word: &'a str },
    /// `make: 42`.
    NotAMake { found: &'a str },
    /// `scope: read_vin`: a permission where a list belongs.
    NotAList { key: &'a str, example: &'a str },
    /// `scope: ["read_vin"]`.
    QuotedPermission { name: &'a str },
    /// `scope: [required: read_vin]`.
    PrefixWithColon {
        prefix: &'a str,
        permission: &'a str,
    },
    /// `scope: [read_vin required]`.
    PrefixAfter {
        prefix: &'a str,
        permission: &'a str,
    },
    /// `scope: [42]`.
    NotAPermission { found: &'a str },
    /// `flags: [colour: red]`: only `country` is written bare.
    UnknownBareFlag {
        written: &'a str,
        suggestion: Option<&'static str>,
    },
    /// `flags: [42: …]`.
    NotAFlagName { found: &'a str },
    /// `flags: ["a" 1]`.
    FlagMissingColon { name: &'a str, written: &'a str },
    /// `flags: ["a":]`.
    FlagNoValue { name: &'a str },
    /// `flags: ["a": 1.5]`.
    FlagValueType { name: &'a str, found: &'a str },
    /// `flags: ["a": 99999…]`.
    FlagIntegerTooLarge { name: &'a str },
    /// `response_type: code`: implied, never written.
    ResponseTypeNotWritable { value: &'a str },
    /// `response_type: some_expression`.
    ResponseTypeExpression,
    /// The user's manifest lists no connect-core.
    CoreCrateMissing,
    /// The manifest names connect-core with something that is not an identifier.
    CoreCrateName { name: &'a str },
    /// `crate: path`.
    CrateWithColon,
    /// `crate` without `= path`.
    CrateWithoutPath,
    /// `crate = 42`.
    CrateNotAPath,
    /// `app:` given twice.
    DuplicateApp,
    /// `app: "production"` or `app: a.b`.
    NotAnApplicationName { found: &'a str },
    /// A crate with `smartcar.toml`, and connect-macros without its feature
    /// `registration`.
    #[cfg_attr(feature = "registration", allow(dead_code))]
    RegistrationFeatureOff { file: &'a str },
    /// `app_id!` given anything but one name.
    AppIdNotAName,
    /// `app_id!(NAME)` without a registration to name an application of.
    AppIdWithoutRegistration { name: &'a str },
    /// Where the registration is looked for, something that is not a file.
    RegistrationNotAFile {
        /// As messages show it.
        path: &'a str,
        /// The variable that named it, if any.
        named_by: Option<&'a str>,
    },
    /// The registration variable names a path that cannot be read.
    RegistrationVariableNowhere {
        variable: &'a str,
        path: &'a str,
        reason: &'a str,
    },
    /// `app:` without a registration to name an application of.
    AppWithoutRegistration { name: &'a str },
    /// An expression where a rule between parameters needs a literal.
    NeedsLiteral {
        parameter: Parameter,
        literal: &'a str,
        because_of: Parameter,
    },
}

impl Syntax<'_> {
    /// The message and the help, side by side: one arm per mistake.
    #[allow(clippy::too_many_lines)] // the catalogue of the macro's sentences
    pub fn words(&self) -> (String, Option<String>) {
        let say = |message: String, help: String| (message, Some(help));
        match *self {
            Syntax::UnexpectedComma => say("unexpected `,`".into(), "remove this comma".into()),
            Syntax::NotAKey { found } => say(
                format!("expected a parameter name, found `{}`", Abridged(found)),
                "write `key: value`, e.g. `client_id: \"…\"`".into(),
            ),
            Syntax::QuotedKey { key } => say(
                "a parameter name is written without quotes".into(),
                format!("write `{key}`"),
            ),
            Syntax::FlagAsKey { flag, value } => say(
                format!("`{flag}` is a flag, not a parameter"),
                format!(
                    "write it in `flags`: `flags: [{flag}: {}]`",
                    Abridged(value)
                ),
            ),
            Syntax::MissingColon { key } => say(
                format!("expected `:` after `{key}`"),
                format!("write `{key}: value`"),
            ),
            Syntax::NoValue { key } => say(
                format!("`{key}` has no value"),
                format!("write a value after `{key}:`"),
            ),
            Syntax::ForgottenComma { key } => say(
                format!("expected `,` before `{key}`"),
                "separate parameters with commas".into(),
            ),
            Syntax::StrayTokens { key, found } => say(
                format!(
                    "unexpected `{}` after the value of `{key}`",
                    Abridged(found)
                ),
                "separate parameters with commas".into(),
            ),
            Syntax::NotAString { key, found } => say(
                format!(
                    "`{key}` takes a string literal, found `{}`",
                    Abridged(found)
                ),
                format!("write it in quotes: `\"{}\"`", Abridged(found)),
            ),
            Syntax::QuotedWord { key, word } => say(
                format!("`{key}` is written without quotes"),
                format!("write `{word}`"),
            ),
            Syntax::NotAMake { found } => say(
                format!(
                    "expected a make such as `TESLA`, found `{}`",
                    Abridged(found)
                ),
                "for a make newer than the catalog, write it as a string: `\"NEW_MAKE\"`".into(),
            ),
            Syntax::NotAList { key, example } => say(
                format!("`{key}` takes a list in brackets"),
                format!("write `{key}: {example}`"),
            ),
            Syntax::QuotedPermission { name } => say(
                "a permission is written as an identifier, not a string".into(),
                format!("write `{name}` without quotes"),
            ),
            Syntax::PrefixWithColon { prefix, permission } => say(
                "in `connect_url!` the prefix is a separate word, not `prefix:`".into(),
                format!("write `{prefix} {permission}`"),
            ),
            Syntax::PrefixAfter { prefix, permission } => say(
                format!("`{prefix}` comes before the permission it marks"),
                format!("write `{prefix} {permission}`"),
            ),
            Syntax::NotAPermission { found } => say(
                format!("expected a permission name, found `{}`", Abridged(found)),
                "write `read_odometer`, or `required read_odometer` to lock it on the grant \
                 screen"
                    .into(),
            ),
            Syntax::UnknownBareFlag {
                written,
                suggestion,
            } => {
                let mut help = String::new();
                let fallback = format_args!(
                    "only `country` is written bare; write other flags' names as strings: \
                     `\"{written}\": …`"
                );
                let _ = write!(help, "{}", DidYouMean(suggestion, fallback));
                say(format!("unknown flag `{written}`"), help)
            }
            Syntax::NotAFlagName { found } => say(
                format!("expected a flag name, found `{}`", Abridged(found)),
                "write `country: DE` or `\"flag_name\": value`".into(),
            ),
            Syntax::FlagMissingColon { name, written } => say(
                format!("expected `:` after flag `{name}`"),
                format!("write `{written}: value`"),
            ),
            Syntax::FlagNoValue { name } => say(
                format!("flag `{name}` has no value"),
                "write a string, `true`/`false` or an integer after `:`".into(),
            ),
            Syntax::FlagValueType { name, found } => (
                format!(
                    "expected a string, `true`, `false` or an integer as the value of flag \
                     `{name}`, found `{}`",
                    Abridged(found)
                ),
                None,
            ),
            Syntax::FlagIntegerTooLarge { name } => say(
                format!("the value of flag `{name}` is too large for an integer"),
                "an integer flag value is at most `u128::MAX`; write a larger one as a string"
                    .into(),
            ),
            Syntax::ResponseTypeNotWritable { value } => say(
                format!("`response_type: {value}` cannot be written"),
                "leave `response_type` out: `code` (or `vehicle_id` with `vehicle_id`) is \
                 implied; only `none` may be written, or `vehicle_id` without a `vehicle_id` \
                 for the Tesla permission upgrade"
                    .into(),
            ),
            Syntax::ResponseTypeExpression => say(
                "`response_type` takes only the literals `none` and `vehicle_id`".into(),
                "write `response_type: none`, or leave it out for a flow with a code".into(),
            ),
            Syntax::CoreCrateMissing => say(
                "`connect_url!` needs the `connect-core` crate".into(),
                "add `connect-core` to `[dependencies]` in Cargo.toml".into(),
            ),
            Syntax::CoreCrateName { name } => say(
                format!("`connect_url!` cannot name the `connect-core` crate `{name}`"),
                "rename the dependency in Cargo.toml to a Rust identifier".into(),
            ),
            Syntax::CrateWithColon => say(
                "the crate path is written `crate = path`".into(),
                "write `=` instead of `:`".into(),
            ),
            Syntax::CrateWithoutPath => say(
                "expected `=` and a path after `crate`".into(),
                "write `crate = path::to::connect_core,`".into(),
            ),
            Syntax::CrateNotAPath => say(
                "expected a path to the connect-core crate".into(),
                "write `crate = path::to::connect_core,`".into(),
            ),
            Syntax::DuplicateApp => say(
                "`app` is given more than once".into(),
                "give `app` once".into(),
            ),
            Syntax::NotAnApplicationName { found } => say(
                format!(
                    "expected the name of an application, found `{}`",
                    Abridged(found)
                ),
                "write the name of one of `smartcar.toml`'s `[applications.NAME]`, e.g. \
                 `app: production`"
                    .into(),
            ),
            Syntax::RegistrationFeatureOff { file } => say(
                format!(
                    "this crate declares its application's registration (`{file}`), but \
                     connect-macros' feature `registration` is off: no link would be checked \
                     against it"
                ),
                "turn the feature on for both crates, so that connect-core is built once: add \
                 `features = [\"registration\"]` to the `connect-core` and the `connect-macros` \
                 dependencies of `Cargo.toml`"
                    .into(),
            ),
            Syntax::AppIdNotAName => say(
                "`app_id!` takes the name of an application of the registration".into(),
                "write `app_id!(production)` for the application `[applications.production]` of \
                 `smartcar.toml`"
                    .into(),
            ),
            Syntax::AppIdWithoutRegistration { name } => say(
                format!("`app_id!({name})` names an application, but there is no `smartcar.toml`"),
                "declare the application in `smartcar.toml` beside `Cargo.toml` (or in the file \
                 `CONNECT_URL_REGISTRATION` names), and turn on the feature `registration` of \
                 connect-core and connect-macros"
                    .into(),
            ),
            Syntax::RegistrationNotAFile {
                path,
                named_by: None,
            } => say(
                format!("`{path}` is a directory, not the application's registration"),
                format!(
                    "the registration is a file, `{path}` beside `Cargo.toml`: remove or rename \
                     the directory"
                ),
            ),
            Syntax::RegistrationNotAFile {
                path,
                named_by: Some(variable),
            } => say(
                format!(
                    "`{variable}` names `{path}`, a directory, not the application's registration"
                ),
                format!("set `{variable}` to the path of the registration file, `smartcar.toml`"),
            ),
            Syntax::RegistrationVariableNowhere {
                variable,
                path,
                reason,
            } => say(
                format!("`{variable}` names `{path}`, which cannot be read: {reason}"),
                format!(
                    "set it to the path of the application's `smartcar.toml`, e.g. in \
                     `.cargo/config.toml`: `[env] {variable} = {{ value = \"smartcar.toml\", \
                     relative = true }}` (relative to the directory that holds `.cargo/`), or unset it"
                ),
            ),
            Syntax::AppWithoutRegistration { name } => say(
                format!("`app: {name}` names an application, but there is no `smartcar.toml`"),
                "declare the application in `smartcar.toml` beside `Cargo.toml`, or write \
                 `client_id: \"…\"` instead"
                    .into(),
            ),
            Syntax::NeedsLiteral {
                parameter,
                literal,
                because_of,
            } => {
                let example = match parameter {
                    Parameter::ClientId | Parameter::ApplicationId => format!("\"{literal}\""),
                    _ => literal.to_owned(),
                };
                say(
                    format!("`{parameter}` must be a literal here: `{because_of}` needs it"),
                    format!(
                        "the rule between `{because_of}` and `{parameter}` is checked at compile \
                         time: write `{parameter}: {example}`"
                    ),
                )
            }
        }
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
