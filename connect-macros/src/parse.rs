//! Tokens → [`Invocation`]: `key: value` pairs, comma separated, each piece parsed
//! with syn. A syntax mistake goes to the [`Ctxt`] and parsing goes on at the next
//! top-level comma, so that one compile shows them all. Values are checked later,
//! by `valid`.
//!
//! syn runs without its `full` feature: an expression value is not parsed, it is
//! the tokens up to the next top-level comma. syn's literal parser reads a number
//! with big-integer arithmetic whose cost is quadratic in its length, so it is only
//! ever given strings, `true`/`false` and numbers short enough for a `u128`.

use std::fmt::Display;

use connect_core::__private::did_you_mean;
use connect_core::{Error, Parameter, Problem, COUNTRY_FLAG};
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{bracketed, token, Ident, LitBool, LitInt, LitStr, Token};

use crate::ast::{FlagItem, Invocation, List, MakeName, Param, ScopeItem, Text, Value};
use crate::ctxt::Ctxt;

pub fn parse(input: TokenStream, cx: &mut Ctxt) -> Invocation {
    let pieces = (|input: ParseStream| pieces(input, cx)).parse2(input);
    let mut params: Vec<Param> = Vec::new();
    for piece in pieces.unwrap_or_else(|e| report(cx, e, Vec::new())) {
        let Some(param) = parse_param(piece, cx) else {
            continue;
        };
        if params.iter().any(|p| p.parameter == param.parameter) {
            let duplicate = Error::new(param.parameter, Problem::DuplicateParameter);
            cx.rule(param.key.span(), &duplicate);
        } else {
            params.push(param);
        }
    }
    Invocation { params }
}

/// The problem of a value that is not one of the words a parameter takes.
type Invalid = fn(String) -> Problem;

/// The form a parameter's value takes.
enum Form {
    /// A string literal, or an expression of the parameter's type.
    Text,
    /// An identifier; anything else is the given problem of connect-core.
    Word(Invalid),
    Bool,
    Make,
    Scope,
    Flags,
}

/// The one place that decides the form of each parameter's value: a new
/// parameter is one line here.
#[allow(clippy::match_same_arms)] // one line per parameter, in canonical order
fn form(parameter: Parameter) -> Form {
    match parameter {
        Parameter::ResponseType => Form::Word(|value| Problem::ResponseTypeNotWritable { value }),
        Parameter::ClientId => Form::Text,
        Parameter::ApplicationId => Form::Text,
        Parameter::VehicleId => Form::Text,
        Parameter::Scope => Form::Scope,
        Parameter::RedirectUri => Form::Text,
        Parameter::State => Form::Text,
        Parameter::ApprovalPrompt => Form::Word(|value| Problem::InvalidApprovalPrompt { value }),
        Parameter::Mode => Form::Word(|value| Problem::InvalidMode { value }),
        Parameter::Make => Form::Make,
        Parameter::SingleSelect => Form::Bool,
        Parameter::SingleSelectVin => Form::Text,
        Parameter::Flags => Form::Flags,
        Parameter::User => Form::Text,
        Parameter::ExternalId => Form::Text,
    }
}

/// The tokens up to the next top-level comma (a group is one token tree, so
/// commas inside brackets or parentheses stay inside).
struct Piece(TokenStream);

impl Parse for Piece {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        input.step(|cursor| {
            let (mut tokens, mut rest) = (TokenStream::new(), *cursor);
            while let Some((token, next)) = rest.token_tree() {
                if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                tokens.extend([token]);
                rest = next;
            }
            Ok((Piece(tokens), rest))
        })
    }
}

/// Splits at top-level commas. A trailing comma is allowed; an empty piece
/// elsewhere is an error.
fn pieces(input: ParseStream, cx: &mut Ctxt) -> syn::Result<Vec<TokenStream>> {
    let mut written = Vec::new();
    for pair in Punctuated::<Piece, Token![,]>::parse_terminated(input)?.into_pairs() {
        match pair.into_tuple() {
            (Piece(tokens), _) if !tokens.is_empty() => written.push(tokens),
            (_, Some(comma)) => {
                let help = Some("remove this comma".to_owned());
                cx.error(comma.span, "unexpected `,`", help);
            }
            (_, None) => {}
        }
    }
    Ok(written)
}

/// One `key: value` piece, or `None` when it names no parameter. The key counts
/// as given as soon as it names one, even when its value is malformed, so that
/// no "`client_id` is missing" follows a bad client id.
fn parse_param(piece: TokenStream, cx: &mut Ctxt) -> Option<Param> {
    let mut given = None;
    let value = (|input: ParseStream| key_and_value(input, &mut given, cx)).parse2(piece);
    let value = value.unwrap_or_else(|e| report(cx, e, Value::Invalid));
    given.map(|(parameter, key)| Param {
        parameter,
        key,
        value,
    })
}

fn key_and_value(
    input: ParseStream,
    given: &mut Option<(Parameter, Ident)>,
    cx: &mut Ctxt,
) -> syn::Result<Value> {
    let (span, first) = first_token(input);
    let not_a_key = || {
        let message = format!("expected a parameter name, found `{first}`");
        mistake(span, message, "write `key: value`, e.g. `client_id: \"…\"`")
    };
    if let Some(quoted) = string(input) {
        let Some(parameter) = Parameter::from_name(&quoted.value()) else {
            return not_a_key();
        };
        // `"client_id": …`: the key is known, only the quotes are wrong.
        *given = Some((parameter, Ident::new(parameter.name(), span)));
        let help = format!("write `{}`", parameter.name());
        return mistake(span, "a parameter name is written without quotes", help);
    }
    let Ok(key) = input.call(Ident::parse_any) else {
        return not_a_key();
    };
    let Some(parameter) = Parameter::from_name(&first) else {
        return broken(span, &connect_core::__private::unknown_parameter(&first));
    };
    let form = form(parameter);
    *given = Some((parameter, key));
    let name = parameter.name();
    if !input.peek(Token![:]) || input.peek(Token![::]) {
        let span = next_span(input, span);
        let message = format!("expected `:` after `{name}`");
        return mistake(span, message, format!("write `{name}: value`"));
    }
    let colon: Token![:] = input.parse()?;
    if input.is_empty() {
        let help = format!("write a value after `{name}:`");
        return mistake(colon.span, format!("`{name}` has no value"), help);
    }
    if let Some(key) = forgotten_comma(input) {
        let message = format!("expected `,` before `{key}`");
        return mistake(key.span(), message, "separate parameters with commas");
    }
    let value = match form {
        Form::Text => text(input, name)?,
        Form::Word(invalid) => word(input, parameter, invalid)?,
        Form::Bool => boolean(input, parameter)?,
        Form::Make => make(input)?,
        Form::Scope => Value::Scope(list(input, name, cx)?),
        Form::Flags => Value::Flags(list(input, name, cx)?),
    };
    if !input.is_empty() {
        let (span, found) = rest(input);
        let message = format!("unexpected `{found}` after the value of `{name}`");
        return mistake(span, message, "separate parameters with commas");
    }
    Ok(value)
}

/// `client_id: "…" mode: simulated`: a known key and `:` inside a value mean a
/// comma was forgotten before the key.
fn forgotten_comma(input: ParseStream) -> Option<Ident> {
    let fork = input.fork();
    // A value's first token is never the next key.
    fork.parse::<TokenTree>().ok()?;
    while !fork.is_empty() {
        if fork.peek(Ident::peek_any) && fork.peek2(Token![:]) && !fork.peek2(Token![::]) {
            let key = fork.call(Ident::parse_any).ok()?;
            if Parameter::from_name(&key.to_string()).is_some() {
                return Some(key);
            }
        } else {
            fork.parse::<TokenTree>().ok()?;
        }
    }
    None
}

fn text(input: ParseStream, name: &str) -> syn::Result<Value> {
    let single = input.cursor().literal().filter(|(_, after)| after.eof());
    let Some((literal, _)) = single else {
        return Ok(Value::Text(Text::Expr(input.parse()?)));
    };
    if let Some(text) = string(input) {
        return Ok(Value::Text(Text::Literal(text)));
    }
    let message = format!("`{name}` takes a string literal, found `{literal}`");
    let help = format!("write it in quotes: `\"{literal}\"`");
    mistake(literal.span(), message, help)
}

fn word(input: ParseStream, parameter: Parameter, invalid: Invalid) -> syn::Result<Value> {
    if input.peek(Ident::peek_any) {
        return input.call(Ident::parse_any).map(Value::Word);
    }
    let (span, found) = rest(input);
    match string(input) {
        Some(quoted) => {
            let message = format!("`{}` is written without quotes", parameter.name());
            mistake(span, message, format!("write `{}`", quoted.value()))
        }
        // The same wording as a bad identifier: connect-core's.
        None => broken(span, &Error::new(parameter, invalid(found))),
    }
}

fn boolean(input: ParseStream, parameter: Parameter) -> syn::Result<Value> {
    // Only an identifier reaches syn's literal parser (module docs).
    if input.peek(Ident::peek_any) {
        if let Ok(value) = input.parse::<LitBool>() {
            return Ok(Value::Bool(value.value));
        }
    }
    let (span, found) = rest(input);
    let problem = Problem::InvalidBool { value: found };
    broken(span, &Error::new(parameter, problem))
}

fn make(input: ParseStream) -> syn::Result<Value> {
    if input.peek(Ident::peek_any) {
        let name = input.call(Ident::parse_any)?;
        return Ok(Value::Make(MakeName::Catalog(name)));
    }
    if let Some(name) = string(input) {
        return Ok(Value::Make(MakeName::Literal(name)));
    }
    let (span, found) = rest(input);
    let message = format!("expected a make such as `TESLA`, found `{found}`");
    let help = "for a make newer than the catalog, write it as a string: `\"NEW_MAKE\"`";
    mistake(span, message, help)
}

/// An entry of a bracketed list, and such a list as it is written.
trait Entry: Parse {
    const EXAMPLE: &'static str;
}

impl Entry for ScopeItem {
    const EXAMPLE: &'static str = "[required read_odometer, read_vin]";
}

impl Entry for FlagItem {
    const EXAMPLE: &'static str = "[country: DE, \"account_sync\": true]";
}

/// `[entry, …]`: each entry parsed on its own, a malformed one reported and left out.
fn list<T: Entry>(input: ParseStream, name: &str, cx: &mut Ctxt) -> syn::Result<List<T>> {
    if !input.peek(token::Bracket) {
        let message = format!("`{name}` takes a list in brackets");
        let help = format!("write `{name}: {}`", T::EXAMPLE);
        return mistake(rest(input).0, message, help);
    }
    let content;
    let brackets = bracketed!(content in input);
    let written_empty = content.is_empty();
    let entries = pieces(&content, cx)?.into_iter();
    let entries = entries.filter_map(|e| T::parse.parse2(e).map_err(|e| report(cx, e, ())).ok());
    let entries = entries.collect();
    let span = brackets.span.join();
    Ok(List {
        entries,
        span,
        written_empty,
    })
}

impl Parse for ScopeItem {
    /// `permission` or `prefix permission`.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let start = input.fork();
        if let Some(quoted) = string(input) {
            let span = quoted.span();
            let message = "a permission is written as an identifier, not a string";
            let help = format!("write `{}` without quotes", quoted.value());
            return mistake(span, message, help);
        }
        let first = input.call(Ident::parse_any);
        let colon = input.parse::<Option<Token![:]>>()?;
        let second = input.call(Ident::parse_any);
        let (prefix, permission) = match (first, colon, second) {
            _ if !input.is_empty() => (None, None),
            (Ok(permission), None, Err(_)) => (None, Some(permission)),
            (Ok(prefix), None, Ok(permission)) => (Some(prefix), Some(permission)),
            (Ok(prefix), Some(colon), Ok(permission)) => {
                let help = format!("write `{prefix} {permission}`");
                let message = "in `connect_url!` the prefix is a separate word, not `prefix:`";
                return mistake(colon.span, message, help);
            }
            _ => (None, None),
        };
        let Some(permission) = permission else {
            let (span, found) = rest(&start);
            let message = format!("expected a permission name, found `{found}`");
            let help = "write `read_odometer`, or `required read_odometer` to lock it on the \
                        grant screen";
            return mistake(span, message, help);
        };
        Ok(ScopeItem { prefix, permission })
    }
}

impl Parse for FlagItem {
    /// `country: DE` or `"name": value`.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let (name_span, written) = first_token(input);
        let name = if let Some(quoted) = string(input) {
            quoted.value()
        } else {
            match input.call(Ident::parse_any) {
                Ok(country) if country == COUNTRY_FLAG => COUNTRY_FLAG.to_owned(),
                Ok(_) => {
                    let help = match did_you_mean(&written, [COUNTRY_FLAG]) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "only `country` is written bare; write other flags' names as \
                             strings: `\"{written}\": …`"
                        ),
                    };
                    return mistake(name_span, format!("unknown flag `{written}`"), help);
                }
                Err(_) => {
                    let message = format!("expected a flag name, found `{written}`");
                    let help = "write `country: DE` or `\"flag_name\": value`";
                    return mistake(name_span, message, help);
                }
            }
        };
        let Ok(colon) = input.parse::<Token![:]>() else {
            let span = next_span(input, name_span);
            let message = format!("expected `:` after flag `{name}`");
            return mistake(span, message, format!("write `{written}: value`"));
        };
        if input.is_empty() {
            let help = "write a string, `true`/`false` or an integer after `:`";
            return mistake(colon.span, format!("flag `{name}` has no value"), help);
        }
        let (value_span, _) = first_token(input);
        let value = flag_value(input, &name)?;
        Ok(FlagItem {
            name,
            name_span,
            value,
            value_span,
        })
    }
}

/// The text a flag's value is sent as: a string's content, `true` or `false`, a
/// country code for `country`, or an integer in decimal without its suffix.
fn flag_value(input: ParseStream, name: &str) -> syn::Result<String> {
    let start = input.fork();
    let value = if let Ok(word) = input.call(Ident::parse_any) {
        (name == COUNTRY_FLAG || word == "true" || word == "false").then(|| word.to_string())
    } else if let Some(text) = string(input) {
        Some(text.value())
    } else {
        let minus = input.parse::<Option<Token![-]>>()?.map_or("", |_| "-");
        integer(input, name)?.map(|digits| format!("{minus}{digits}"))
    };
    match value {
        Some(value) if input.is_empty() => Ok(value),
        _ => {
            let (span, found) = rest(&start);
            let message = format!(
                "expected a string, `true`, `false` or an integer as the value of flag \
                 `{name}`, found `{found}`"
            );
            Err(syn::Error::new(span, message))
        }
    }
}

/// The longest number text that may be a `u128` without its `_`s: `0b` and 128
/// binary digits with an `i128` suffix, rounded up.
const LONGEST_INTEGER: usize = 140;

/// An unsuffixed integer literal in decimal (`0x1F` is sent as `31`), or `None`
/// for any other token. Its text is measured before syn parses it (module docs).
fn integer(input: ParseStream, flag: &str) -> syn::Result<Option<String>> {
    let Some((literal, _)) = input.cursor().literal() else {
        return Ok(None);
    };
    let text = literal.to_string();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let too_large = || {
        let message = format!("the value of flag `{flag}` is too large for an integer");
        let help = "an integer flag value is at most `u128::MAX`; write a larger one as a string";
        mistake(literal.span(), message, help)
    };
    let mut digits = text.bytes().filter(|&b| b != b'_');
    if digits.nth(LONGEST_INTEGER).is_some() {
        return too_large();
    }
    match input.parse::<LitInt>() {
        Ok(int) if int.suffix().is_empty() => match int.base10_parse::<u128>() {
            Ok(value) => Ok(Some(value.to_string())),
            Err(_) => too_large(),
        },
        _ => Ok(None),
    }
}

/// Consumes the next token if it is a string literal. Only a literal whose text
/// opens with a quote reaches syn's literal parser (module docs).
fn string(input: ParseStream) -> Option<LitStr> {
    let (literal, _) = input.cursor().literal()?;
    let text = literal.to_string();
    let quoted = text.starts_with('"') || text.starts_with("r\"") || text.starts_with("r#");
    quoted.then(|| input.parse().ok()).flatten()
}

/// The span and text of the next token tree (a whole group).
fn first_token(input: ParseStream) -> (Span, String) {
    match input.cursor().token_tree() {
        Some((token, _)) => (token.span(), token.to_string()),
        None => (input.span(), String::new()),
    }
}

fn next_span(input: ParseStream, at_end: Span) -> Span {
    let next = input.cursor().token_tree();
    next.map_or(at_end, |(token, _)| token.span())
}

/// The span of the next token tree and the text of all that is left.
fn rest(input: ParseStream) -> (Span, String) {
    let text = input.fork().parse::<TokenStream>().map(|t| t.to_string());
    (first_token(input).0, text.unwrap_or_default())
}

/// A syntax mistake at `span`, worded as [`Ctxt::error`] words one: what is
/// wrong, then how to fix it on a `= help:` line.
fn mistake<T>(span: Span, message: impl Display, help: impl Display) -> syn::Result<T> {
    Err(syn::Error::new(span, format!("{message}\n= help: {help}")))
}

/// A rule of connect-core broken at `span`, worded as [`Ctxt::rule`] words it.
fn broken<T>(span: Span, rule: &Error) -> syn::Result<T> {
    match rule.help() {
        Some(help) => mistake(span, rule.message(), help),
        None => Err(syn::Error::new(span, rule.message())),
    }
}

/// Hands every error to the [`Ctxt`], and gives `instead` in place of what failed.
fn report<T>(cx: &mut Ctxt, errors: syn::Error, instead: T) -> T {
    for e in errors {
        cx.error(e.span(), e.to_string(), None);
    }
    instead
}

#[cfg(test)]
mod tests {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use proc_macro2::{Delimiter, Group, Literal};

    use super::*;

    fn tokens(text: &str) -> TokenStream {
        text.parse().unwrap()
    }

    /// The invocation, and the text of every error reported.
    fn parsed(input: TokenStream) -> (Invocation, String) {
        let mut cx = Ctxt::default();
        let inv = parse(input, &mut cx);
        (inv, cx.into_compile_errors().to_string())
    }

    fn flag_values(inv: &Invocation) -> Vec<(&str, &str)> {
        let Some(Param {
            value: Value::Flags(List { entries, .. }),
            ..
        }) = inv.get(Parameter::Flags)
        else {
            panic!("no flags parsed");
        };
        entries
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect()
    }

    #[test]
    fn parses_every_form() {
        let mut cx = Ctxt::default();
        let input = tokens(
            r#"
            client_id: "abc", redirect_uri: uri.clone(), scope: [required read_vin, read_fuel,],
            mode: simulated, make: TESLA, single_select: true,
            flags: [country: DE, "n": -3, "b": true],
        "#,
        );
        let inv = parse(input, &mut cx);
        assert!(!cx.has_errors());
        assert_eq!(inv.params.len(), 7);
        assert!(matches!(
            inv.get(Parameter::RedirectUri).unwrap().value,
            Value::Text(Text::Expr(_))
        ));
        assert!(matches!(
            inv.get(Parameter::SingleSelect).unwrap().value,
            Value::Bool(true)
        ));
        let Value::Scope(scope) = &inv.get(Parameter::Scope).unwrap().value else {
            panic!("no scope parsed")
        };
        let entries: Vec<_> = scope
            .entries
            .iter()
            .map(|e| {
                (
                    e.prefix.as_ref().map(Ident::to_string),
                    e.permission.to_string(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                (Some("required".to_owned()), "read_vin".to_owned()),
                (None, "read_fuel".to_owned())
            ]
        );
        assert!(!scope.written_empty);
        assert_eq!(
            flag_values(&inv),
            [("country", "DE"), ("n", "-3"), ("b", "true")]
        );
    }

    #[test]
    fn integer_flag_values_are_sent_in_decimal() {
        let (inv, errors) = parsed(tokens(
            r#"client_id: "a", flags: ["hex": 0x1F, "big": 1_000,
               "max": 340282366920938463463374607431768211455]"#,
        ));
        assert_eq!(errors, "");
        assert_eq!(
            flag_values(&inv),
            [
                ("hex", "31"),
                ("big", "1000"),
                ("max", "340282366920938463463374607431768211455")
            ]
        );
    }

    #[test]
    fn integer_flag_values_beyond_u128_or_suffixed_are_refused() {
        let long = "9".repeat(LONGEST_INTEGER + 1);
        let (inv, errors) = parsed(tokens(&format!(
            r#"client_id: "a", flags: ["over": 340282366920938463463374607431768211456,
               "long": {long}, "typed": 3u8, "float": 1.5, "stray" word: 1, "ok": 7]"#
        )));
        assert!(errors.contains("the value of flag `over` is too large for an integer"));
        assert!(errors.contains("the value of flag `long` is too large for an integer"));
        assert!(errors.contains("integer as the value of flag `typed`, found `3u8`"));
        assert!(errors.contains("integer as the value of flag `float`, found `1.5`"));
        assert!(errors.contains("expected `:` after flag `stray`"));
        assert_eq!(flag_values(&inv), [("ok", "7")]);
    }

    #[test]
    fn every_syntax_mistake_is_reported_and_parsing_goes_on() {
        let (inv, errors) = parsed(tokens(
            r#", client_id: "a",, "state": "s", "nope" external: x, response_type: "none",
               scopes: [read_vin],
               mode: "live", make: 42, single_select: yes, user u, vehicle_id:,
               redirect_uri: "https://example.com" approval_prompt: force,
               scope: ["read_vin", required: read_fuel, 42, read_vin extra junk, read_odometer]"#,
        ));
        for expected in [
            "unexpected `,`",
            "a parameter name is written without quotes",
            "expected a parameter name, found `\\\"nope\\\"`",
            "`response_type` is written without quotes",
            "unknown parameter `scopes`",
            "`mode` is written without quotes",
            "expected a make such as `TESLA`, found `42`",
            "`single_select` must be `true` or `false`, not `yes`",
            "expected `:` after `user`",
            "`vehicle_id` has no value",
            "expected `,` before `approval_prompt`",
            "a permission is written as an identifier, not a string",
            "in `connect_url!` the prefix is a separate word, not `prefix:`",
            "write `required read_fuel`",
            "expected a permission name, found `42`",
            "expected a permission name, found `read_vin extra junk`",
        ] {
            assert!(
                errors.contains(expected),
                "`{expected}` missing from {errors}"
            );
        }
        assert_eq!(errors.matches("unexpected `,`").count(), 2);
        // Every key that names a parameter counts as given, malformed or not;
        // the unknown key does not.
        let given: Vec<_> = inv.params.iter().map(|p| p.parameter.name()).collect();
        assert_eq!(
            given,
            [
                "client_id",
                "state",
                "response_type",
                "mode",
                "make",
                "single_select",
                "user",
                "vehicle_id",
                "redirect_uri",
                "scope"
            ]
        );
        let Value::Scope(scope) = &inv.get(Parameter::Scope).unwrap().value else {
            panic!("no scope parsed")
        };
        assert_eq!(
            scope.entries.len(),
            1,
            "only `read_odometer` is well formed"
        );
    }

    #[test]
    fn stray_tokens_after_a_value_are_reported() {
        let (inv, errors) = parsed(tokens(
            r#"client_id: "a", mode: simulated live, scope: [read_vin] read_fuel,
               single_select: !true"#,
        ));
        assert!(errors.contains("unexpected `live` after the value of `mode`"));
        assert!(errors.contains("unexpected `read_fuel` after the value of `scope`"));
        assert!(errors.contains("`single_select` must be `true` or `false`, not `! true`"));
        assert!(matches!(
            inv.get(Parameter::Mode).unwrap().value,
            Value::Invalid
        ));
    }

    #[test]
    fn values_forwarded_by_macro_rules_are_seen_through_their_invisible_group() {
        let invisible = |text: &str| TokenTree::Group(Group::new(Delimiter::None, tokens(text)));
        let mut input = tokens("client_id:");
        input.extend([invisible("\"abc\"")]);
        input.extend(tokens(", mode:"));
        input.extend([invisible("simulated")]);
        input.extend(tokens(", state:"));
        input.extend([invisible("a.b")]);
        let (inv, errors) = parsed(input);
        assert_eq!(errors, "");
        assert!(matches!(
            &inv.get(Parameter::ClientId).unwrap().value,
            Value::Text(Text::Literal(lit)) if lit.value() == "abc"
        ));
        assert!(matches!(
            &inv.get(Parameter::Mode).unwrap().value,
            Value::Word(word) if word == "simulated"
        ));
        assert!(matches!(
            inv.get(Parameter::State).unwrap().value,
            Value::Text(Text::Expr(_))
        ));
    }

    #[test]
    fn empty_lists_are_told_from_lists_of_malformed_entries() {
        let (inv, _) = parsed(tokens("scope: [], flags: [42]"));
        let Value::Scope(scope) = &inv.get(Parameter::Scope).unwrap().value else {
            panic!("no scope parsed")
        };
        assert!(scope.written_empty);
        let Value::Flags(flags) = &inv.get(Parameter::Flags).unwrap().value else {
            panic!("no flags parsed")
        };
        assert!(flags.entries.is_empty() && !flags.written_empty);
    }

    /// The best of five times of parsing `input` `repeat` times.
    fn parse_time(repeat: u32, input: &TokenStream) -> Duration {
        (0..5)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..repeat {
                    let mut cx = Ctxt::default();
                    black_box(parse(input.clone(), &mut cx));
                    black_box(cx);
                }
                start.elapsed()
            })
            .min()
            .unwrap()
    }

    /// Parsing the input made for 10·n costs about ten times (well under the
    /// hundred times of a quadratic cost) what parsing the one for n costs. Each
    /// figure is repeated until the small input takes 5 ms, so timer resolution
    /// does not count, and a ratio over the bound is measured again up to four
    /// times: a real square fails every time, a burst of load beside it does not.
    fn assert_linear(what: &str, n: usize, input: impl Fn(usize) -> TokenStream) {
        let (small, large) = (input(n), input(10 * n));
        let mut repeat = 1;
        while parse_time(repeat, &small) < Duration::from_millis(5) && repeat < 1 << 16 {
            repeat *= 2;
        }
        let mut measured = Vec::new();
        for _ in 0..5 {
            let (t_small, t_large) = (parse_time(repeat, &small), parse_time(repeat, &large));
            let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
            if ratio < 30.0 {
                return;
            }
            measured.push(format!("{t_small:?} / {t_large:?} = {ratio:.1}"));
        }
        panic!(
            "{what}: {n} vs ten times as much: {}; linear is 10",
            measured.join(", ")
        );
    }

    #[test]
    fn long_literals_cost_linear_time() {
        let digits = |n: usize| "1".repeat(n);
        assert_linear("an integer flag value", 10_000, |n| {
            tokens(&format!(r#"client_id: "a", flags: ["n": {}]"#, digits(n)))
        });
        assert_linear("a negative integer flag value", 10_000, |n| {
            tokens(&format!(r#"client_id: "a", flags: ["n": -{}]"#, digits(n)))
        });
        assert_linear("an integer as a text value", 10_000, |n| {
            tokens(&format!("client_id: {}", digits(n)))
        });
        assert_linear("an integer as a word", 10_000, |n| {
            tokens(&format!(
                "single_select: {}, mode: {0}, make: {0}",
                digits(n)
            ))
        });
        assert_linear("a float flag value", 10_000, |n| {
            tokens(&format!(r#"flags: ["n": {}.5]"#, digits(n)))
        });
        assert_linear("a string", 10_000, |n| {
            let text = Literal::string(&"a".repeat(n));
            tokens(&format!(
                "client_id: {text}, flags: [{text}: {text}], scope: [{text}]"
            ))
        });
    }

    #[test]
    fn long_identifiers_cost_linear_time() {
        let word = |n: usize| format!("read_{}", "x".repeat(n));
        assert_linear("an unknown permission", 10_000, |n| {
            tokens(&format!("scope: [required {}, {0}]", word(n)))
        });
        assert_linear("a long word value", 10_000, |n| {
            tokens(&format!(
                "mode: {}, make: {0}, flags: [country: {0}]",
                word(n)
            ))
        });
        assert_linear("a long expression", 10_000, |n| {
            tokens(&format!("state: {} . x mode: live", word(n)))
        });
    }

    #[test]
    fn random_token_streams_give_errors_never_panics() {
        // A small deterministic generator: no dependency needed for fuzz-like input.
        let atoms = [
            "client_id",
            "scope",
            "flags",
            "mode",
            "make",
            ":",
            "::",
            ",",
            "\"x\"",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "required",
            "read_vin",
            "true",
            "42",
            "-",
            "'c'",
            "b\"y\"",
            "#",
            "=",
            ";",
            "r#type",
            "1.5",
            "country",
            "\"\"",
            "&",
            "<",
            ">",
            "'a",
            "..",
            "@",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let len = next() % 14;
            let mut text = String::new();
            let mut depth = Vec::new();
            for _ in 0..len {
                let atom = atoms[(next() % atoms.len() as u64) as usize];
                match atom {
                    "[" | "(" | "{" => depth.push(atom),
                    "]" | ")" | "}" => {
                        let open = match atom {
                            "]" => "[",
                            ")" => "(",
                            _ => "{",
                        };
                        if depth.last() != Some(&open) {
                            continue;
                        }
                        depth.pop();
                    }
                    _ => {}
                }
                text.push_str(atom);
                text.push(' ');
            }
            for open in depth.into_iter().rev() {
                text.push_str(match open {
                    "[" => "]",
                    "(" => ")",
                    _ => "}",
                });
            }
            let Ok(tokens) = text.parse::<TokenStream>() else {
                continue;
            };
            let mut cx = Ctxt::default();
            let inv = parse(tokens.clone(), &mut cx);
            let _ = crate::valid::validate(&inv, Span::call_site(), &mut cx);
            // The whole macro too: it must produce tokens, never panic.
            let _ = crate::expand::connect_url(tokens);
        }
    }
}
