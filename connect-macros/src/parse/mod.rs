//! Tokens → [`Invocation`]: `key: value` pairs, comma separated, each piece parsed
//! with syn. A syntax mistake goes to the [`Ctxt`] and parsing goes on at the next
//! top-level comma, so that one compile shows them all. Values are checked later,
//! by `valid`.
//!
//! Each key's value is either its literal form, which its row of connect-core's
//! parameter table says (`connect_core::__private::form`), or an expression of its
//! value type. A bare identifier is a literal when it names a value (`simulated`),
//! a deprecated one (`test`) or a near miss of one (`simulatd`), and for `make` when
//! it is written in upper case (`TESLA`, `TESLAA`); any other identifier is an
//! expression (`mode: mode`). Wrap an expression in parentheses to make it one.
//!
//! syn runs without its `full` feature: an expression value is not parsed, it is
//! the tokens up to the next top-level comma. syn's literal parser reads a number
//! with big-integer arithmetic whose cost is quadratic in its length, so it is only
//! ever given strings, `true`/`false` and numbers short enough for a `u128`.
//!
//! By concern: this file splits the input into pieces and reads each `key: value`
//! pair (a string, a word, a bool, a make); `list.rs` reads the list forms (`scope`,
//! `flags`); `app.rs` reads the macro's own `app: NAME`.

use connect_core::__private::COUNTRY_FLAG;
use connect_core::__private::{self as core_private, Form};
use connect_core::{Parameter, Problem};
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token};

use crate::ast::{FlagItem, Invocation, Literal, MakeName, Param, ScopeItem, Value};
use crate::ctxt::{self, Ctxt};
use crate::messages::Syntax;

mod app;
mod list;

use app::{app_key, app_name};
use list::list;

pub fn parse(input: TokenStream, cx: &mut Ctxt) -> Invocation {
    let pieces = (|input: ParseStream| {
        // A leading `crate = path` is connect-core's path (`crate_path`), told
        // here so that the input is read into tokens once.
        let leading_crate = input
            .cursor()
            .ident()
            .is_some_and(|(word, _)| word == "crate");
        Ok((leading_crate, pieces(input, cx)?))
    })
    .parse2(input);
    let (leading_crate, pieces) = pieces.unwrap_or_else(|e| report(cx, e, (false, Vec::new())));
    let mut pieces = pieces.into_iter();
    let crate_path = if leading_crate { pieces.next() } else { None };
    let mut params: Vec<Param> = Vec::new();
    let mut app = None;
    let mut app_written = false;
    for piece in pieces {
        if let Some(name) = app_key(&piece) {
            app_written = true;
            match name.and_then(|name| (|input: ParseStream| app_name(input)).parse2(name)) {
                Ok(name) if app.is_some() => cx.syntax(name.span(), &Syntax::DuplicateApp),
                Ok(name) => app = Some(name),
                Err(e) => cx.push(e),
            }
            continue;
        }
        let Some(param) = parse_param(piece, cx) else {
            continue;
        };
        if params.iter().any(|p| p.parameter == param.parameter) {
            let duplicate = core_private::error(param.parameter, Problem::DuplicateParameter);
            cx.rule(param.key.span(), &duplicate);
        } else {
            params.push(param);
        }
    }
    Invocation {
        params,
        app,
        app_written,
        crate_path,
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
            (_, Some(comma)) => cx.syntax(comma.span, &Syntax::UnexpectedComma),
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
    if let Some(quoted) = string(input) {
        let Some(parameter) = Parameter::from_name(&quoted.value()) else {
            return mistake(span, &Syntax::NotAKey { found: &first });
        };
        // `"client_id": …`: the key is known, only the quotes are wrong.
        *given = Some((parameter, Ident::new(parameter.name(), span)));
        return mistake(
            span,
            &Syntax::QuotedKey {
                key: parameter.name(),
            },
        );
    }
    let Ok(key) = input.call(Ident::parse_any) else {
        return mistake(span, &Syntax::NotAKey { found: &first });
    };
    let Some(parameter) = Parameter::from_name(&first) else {
        if first == COUNTRY_FLAG && input.peek(Token![:]) {
            input.parse::<Token![:]>()?;
            let value = input.parse::<TokenStream>()?.to_string();
            return mistake(
                span,
                &Syntax::FlagAsKey {
                    flag: COUNTRY_FLAG,
                    value: &value,
                },
            );
        }
        return Err(ctxt::rule(span, &core_private::unknown_parameter(&first)));
    };
    *given = Some((parameter, key));
    let key = parameter.name();
    if !input.peek(Token![:]) || input.peek(Token![::]) {
        return mistake(next_span(input, span), &Syntax::MissingColon { key });
    }
    let colon: Token![:] = input.parse()?;
    if input.is_empty() {
        return mistake(colon.span, &Syntax::NoValue { key });
    }
    if let Some(next) = forgotten_comma(input) {
        let key = next.to_string();
        return mistake(next.span(), &Syntax::ForgottenComma { key: &key });
    }
    let literal = match core_private::form(parameter) {
        Form::Text => text(input, key)?,
        Form::Word { names, deprecated } => word(input, parameter, names, deprecated)?,
        Form::Bool => boolean(input, parameter)?,
        Form::Make => make(input)?,
        Form::Scope => list::<ScopeItem>(input, key, cx)?.map(Literal::Scope),
        Form::Flags => list::<FlagItem>(input, key, cx)?.map(Literal::Flags),
    };
    let Some(literal) = literal else {
        return Ok(Value::Expr(input.parse()?));
    };
    if !input.is_empty() {
        let (span, found) = rest(input);
        return mistake(span, &Syntax::StrayTokens { key, found: &found });
    }
    Ok(Value::Literal(literal))
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

/// A string literal alone; any other single literal is a mistake; anything else
/// is an expression (`None`).
fn text(input: ParseStream, key: &str) -> syn::Result<Option<Literal>> {
    let single = input.cursor().literal().filter(|(_, after)| after.eof());
    let Some((literal, _)) = single else {
        return Ok(None);
    };
    if let Some(text) = string(input) {
        return Ok(Some(Literal::Text(text)));
    }
    let found = literal.to_string();
    mistake(literal.span(), &Syntax::NotAString { key, found: &found })
}

/// A bare identifier naming one of `names`, a deprecated one or a near miss, or
/// another single literal (connect-core's `FromStr` then words the mistake); a
/// quoted word is a mistake; anything else is an expression.
fn word(
    input: ParseStream,
    parameter: Parameter,
    names: &[(&'static str, &str)],
    deprecated: &[&str],
) -> syn::Result<Option<Literal>> {
    if let Some((ident, after)) = input.cursor().ident() {
        let written = ident.to_string();
        let is_value = names.iter().any(|(name, _)| *name == written)
            || deprecated.contains(&written.as_str())
            || core_private::did_you_mean(&written, names.iter().map(|(name, _)| *name)).is_some()
            // `response_type` has no names of its own to write but `none`: a word
            // alone is read as one, and refused unless it is `none`.
            || (names.is_empty() && after.eof());
        if !is_value {
            return Ok(None);
        }
        let ident = input.call(Ident::parse_any)?;
        return Ok(Some(Literal::Word(ident.to_string(), ident.span())));
    }
    match input.cursor().literal() {
        Some((literal, after)) if after.eof() => match string(input) {
            Some(quoted) => mistake(
                literal.span(),
                &Syntax::QuotedWord {
                    key: parameter.name(),
                    word: &quoted.value(),
                },
            ),
            None => {
                let (span, found) = rest(input);
                input.parse::<TokenTree>()?;
                Ok(Some(Literal::Word(found, span)))
            }
        },
        _ => Ok(None),
    }
}

/// `true` or `false`; another single literal is connect-core's `InvalidBool`;
/// anything else is an expression.
fn boolean(input: ParseStream, parameter: Parameter) -> syn::Result<Option<Literal>> {
    // Only an identifier reaches syn's literal parser (module docs).
    if let Some((ident, _)) = input.cursor().ident() {
        if ident == "true" || ident == "false" {
            let value = input.parse::<LitBool>()?;
            return Ok(Some(Literal::Bool(value.value, value.span)));
        }
        return Ok(None);
    }
    match input.cursor().literal() {
        Some((literal, after)) if after.eof() => {
            let problem = Problem::InvalidBool {
                value: literal.to_string(),
            };
            Err(ctxt::rule(
                literal.span(),
                &core_private::error(parameter, problem),
            ))
        }
        _ => Ok(None),
    }
}

/// A make of the catalog (an identifier without lower case, or one the catalog
/// has in another case), a string literal, or an expression.
fn make(input: ParseStream) -> syn::Result<Option<Literal>> {
    if let Some((ident, _)) = input.cursor().ident() {
        let written = ident.to_string();
        let upper = written.to_ascii_uppercase();
        let cataloged = written == upper || connect_core::Make::from_catalog(&upper).is_ok();
        return Ok(cataloged
            .then(|| input.call(Ident::parse_any))
            .transpose()?
            .map(|name| Literal::Make(MakeName::Catalog(name))));
    }
    if let Some(name) = string(input) {
        return Ok(Some(Literal::Make(MakeName::Literal(name))));
    }
    match input.cursor().literal() {
        Some((_, after)) if after.eof() => {
            let (span, found) = rest(input);
            mistake(span, &Syntax::NotAMake { found: &found })
        }
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

/// A syntax mistake at `span`, worded in `messages`.
fn mistake<T>(span: Span, mistake: &Syntax<'_>) -> syn::Result<T> {
    Err(ctxt::syntax(span, mistake))
}

/// Hands every error to the [`Ctxt`], and gives `instead` in place of what failed.
fn report<T>(cx: &mut Ctxt, errors: syn::Error, instead: T) -> T {
    cx.push(errors);
    instead
}

#[cfg(test)]
mod tests;
