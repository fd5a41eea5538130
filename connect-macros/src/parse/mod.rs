//! Tokens → [`Invocation`]: `key: value` pairs, comma separated, read with syn in
//! one pass over one buffer of the tokens (a piece ends at the next top-level
//! comma; no piece is copied into a buffer of its own). A syntax mistake goes to
//! the [`Ctxt`] and parsing goes on at the next top-level comma, so that one
//! compile shows them all. Values are checked later, by `valid`.
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
use syn::buffer::Cursor;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitBool, LitStr, Token};

use crate::ast::{FlagItem, Invocation, Literal, MakeName, Param, ScopeItem, Value};
use crate::ctxt::{self, Ctxt};
use crate::messages::Syntax;

mod app;
mod list;

use app::{app_key, app_name};
use list::list;

pub fn parse(input: TokenStream, cx: &mut Ctxt) -> Invocation {
    let mut invocation = Invocation {
        params: Vec::new(),
        app: None,
        app_written: false,
        crate_path: None,
    };
    let read = |input: ParseStream| {
        // A leading `crate = path` is connect-core's path, which `crate_path`
        // reads from its tokens.
        let first = input.cursor().token_tree();
        if matches!(first, Some((TokenTree::Ident(word), _)) if word == "crate") {
            invocation.crate_path = Some(piece_tokens(input, Piece::at(input.cursor())));
            piece_end(input)?;
        }
        each_piece(input, cx, |input, piece, cx| {
            read_piece(input, piece, &mut invocation, cx);
            Ok(())
        })
    };
    if let Err(error) = read.parse2(input) {
        cx.push(error);
    }
    invocation
}

/// Reads each piece of `input` (the tokens up to the next top-level comma; a
/// group is one token tree, so commas inside brackets or parentheses stay inside)
/// in place with `read`: one pass over one buffer of the tokens. A mistake goes
/// to the [`Ctxt`] and reading goes on at the next piece. A trailing comma is
/// allowed; an empty piece elsewhere is an error. The stray commas are reported
/// before what the pieces say (the order of a split before the reading).
fn each_piece(
    input: ParseStream,
    cx: &mut Ctxt,
    mut read: impl FnMut(ParseStream, Piece, &mut Ctxt) -> syn::Result<()>,
) -> syn::Result<()> {
    let mut said = Ctxt::default();
    while !input.is_empty() {
        if let Some(comma) = piece_end(input)? {
            cx.syntax(comma.span, &Syntax::UnexpectedComma);
            continue;
        }
        let piece = Piece::at(input.cursor());
        if let Err(errors) = read(input, piece, &mut said) {
            said.push(errors);
        }
        // What a mistake left of the piece, then its comma.
        piece_tokens(input, piece);
        piece_end(input)?;
    }
    cx.append(said);
    Ok(())
}

/// Where a piece ends: at its comma, or where the tokens end. Found when the piece
/// begins, by whole token trees: a comma inside an invisible group (a
/// `macro_rules!` fragment such as `$t:ty`) is part of the piece even once a read
/// has stepped into the group, as syn's `ident()` and `literal()` do.
#[derive(Clone, Copy)]
struct Piece<'a> {
    end: Cursor<'a>,
}

impl<'a> Piece<'a> {
    fn at(start: Cursor<'a>) -> Self {
        let mut end = start;
        while let Some((token, next)) = end.token_tree() {
            if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            end = next;
        }
        Piece { end }
    }

    /// Whether `cursor` is at the end of the piece.
    fn ends_at(self, cursor: Cursor) -> bool {
        cursor >= self.end
    }

    /// Whether nothing of the piece is left in `input`.
    fn is_over(self, input: ParseStream) -> bool {
        self.ends_at(input.cursor())
    }
}

/// The comma that ends a piece, consumed, if `input` is at one.
fn piece_end(input: ParseStream) -> syn::Result<Option<Token![,]>> {
    let comma = input.cursor().token_tree();
    if matches!(comma, Some((TokenTree::Punct(p), _)) if p.as_char() == ',') {
        return input.parse().map(Some);
    }
    Ok(None)
}

/// The tokens from here to the end of the piece, consumed.
fn piece_tokens(input: ParseStream, piece: Piece) -> TokenStream {
    let tokens = input.step(|cursor| {
        let (mut tokens, mut rest) = (TokenStream::new(), *cursor);
        while !piece.ends_at(rest) {
            let Some((token, next)) = rest.token_tree() else {
                break;
            };
            tokens.extend([token]);
            rest = next;
        }
        Ok((tokens, rest))
    });
    tokens.unwrap_or_default()
}

/// One piece: the macro's own `app: NAME`, or a parameter.
fn read_piece(input: ParseStream, piece: Piece, invocation: &mut Invocation, cx: &mut Ctxt) {
    if let Some(key) = app_key(input, piece) {
        invocation.app_written = true;
        match key.and_then(|()| app_name(input, piece)) {
            Ok(name) if invocation.app.is_some() => cx.syntax(name.span(), &Syntax::DuplicateApp),
            Ok(name) => invocation.app = Some(name),
            Err(e) => cx.push(e),
        }
        return;
    }
    let Some(param) = parse_param(input, piece, cx) else {
        return;
    };
    if invocation
        .params
        .iter()
        .any(|p| p.parameter == param.parameter)
    {
        let duplicate = core_private::error(param.parameter, Problem::DuplicateParameter);
        cx.rule(param.key.span(), &duplicate);
    } else {
        invocation.params.push(param);
    }
}

/// One `key: value` piece, or `None` when it names no parameter. The key counts
/// as given as soon as it names one, even when its value is malformed, so that
/// no "`client_id` is missing" follows a bad client id.
fn parse_param(input: ParseStream, piece: Piece, cx: &mut Ctxt) -> Option<Param> {
    let mut given = None;
    let value = key_and_value(input, piece, &mut given, cx);
    let value = value.unwrap_or_else(|e| report(cx, e, Value::Invalid));
    given.map(|(parameter, key)| Param {
        parameter,
        key,
        value,
    })
}

fn key_and_value(
    input: ParseStream,
    piece: Piece,
    given: &mut Option<(Parameter, Ident)>,
    cx: &mut Ctxt,
) -> syn::Result<Value> {
    let (span, first) = first_token(input, piece);
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
            let value = piece_tokens(input, piece).to_string();
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
        return mistake(next_span(input, piece, span), &Syntax::MissingColon { key });
    }
    let colon: Token![:] = input.parse()?;
    if piece.is_over(input) {
        return mistake(colon.span, &Syntax::NoValue { key });
    }
    if let Some(next) = forgotten_comma(input, piece) {
        let key = next.to_string();
        return mistake(next.span(), &Syntax::ForgottenComma { key: &key });
    }
    let literal = match core_private::form(parameter) {
        Form::Text => text(input, piece, key)?,
        Form::Word { names, deprecated } => word(input, piece, parameter, names, deprecated)?,
        Form::Bool => boolean(input, piece, parameter)?,
        Form::Make => make(input, piece)?,
        Form::Scope => list::<ScopeItem>(input, piece, key, cx)?.map(Literal::Scope),
        Form::Flags => list::<FlagItem>(input, piece, key, cx)?.map(Literal::Flags),
    };
    let Some(literal) = literal else {
        return Ok(Value::Expr(piece_tokens(input, piece)));
    };
    if !piece.is_over(input) {
        let (span, found) = rest(input, piece);
        return mistake(span, &Syntax::StrayTokens { key, found: &found });
    }
    Ok(Value::Literal(literal))
}

/// `client_id: "…" mode: simulated`: a known key and `:` inside a value mean a
/// comma was forgotten before the key.
fn forgotten_comma(input: ParseStream, piece: Piece) -> Option<Ident> {
    let fork = input.fork();
    // A value's first token is never the next key.
    fork.parse::<TokenTree>().ok()?;
    while !piece.is_over(&fork) {
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
fn text(input: ParseStream, piece: Piece, key: &str) -> syn::Result<Option<Literal>> {
    let single = input
        .cursor()
        .literal()
        .filter(|(_, after)| piece.ends_at(*after));
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
    piece: Piece,
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
            || (names.is_empty() && piece.ends_at(after));
        if !is_value {
            return Ok(None);
        }
        let ident = input.call(Ident::parse_any)?;
        return Ok(Some(Literal::Word(ident.to_string(), ident.span())));
    }
    match input.cursor().literal() {
        Some((literal, after)) if piece.ends_at(after) => match string(input) {
            Some(quoted) => mistake(
                literal.span(),
                &Syntax::QuotedWord {
                    key: parameter.name(),
                    word: &quoted.value(),
                },
            ),
            None => {
                let (span, found) = rest(input, piece);
                input.parse::<TokenTree>()?;
                Ok(Some(Literal::Word(found, span)))
            }
        },
        _ => Ok(None),
    }
}

/// `true` or `false`; another single literal is connect-core's `InvalidBool`;
/// anything else is an expression.
fn boolean(input: ParseStream, piece: Piece, parameter: Parameter) -> syn::Result<Option<Literal>> {
    // Only an identifier reaches syn's literal parser (module docs).
    if let Some((ident, _)) = input.cursor().ident() {
        if ident == "true" || ident == "false" {
            let value = input.parse::<LitBool>()?;
            return Ok(Some(Literal::Bool(value.value, value.span)));
        }
        return Ok(None);
    }
    match input.cursor().literal() {
        Some((literal, after)) if piece.ends_at(after) => {
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
fn make(input: ParseStream, piece: Piece) -> syn::Result<Option<Literal>> {
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
        Some((_, after)) if piece.ends_at(after) => {
            let (span, found) = rest(input, piece);
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

/// The span and text of the next token tree (a whole group) of the piece; at
/// its end, the macro's call site.
fn first_token(input: ParseStream, piece: Piece) -> (Span, String) {
    match input.cursor().token_tree() {
        Some((token, _)) if !piece.is_over(input) => (token.span(), token.to_string()),
        _ => (Span::call_site(), String::new()),
    }
}

/// The span of the next token tree of the piece, or `at_end` at its end.
fn next_span(input: ParseStream, piece: Piece, at_end: Span) -> Span {
    match input.cursor().token_tree() {
        Some((token, _)) if !piece.is_over(input) => token.span(),
        _ => at_end,
    }
}

/// The span of the next token tree and the text of all that is left of the piece.
fn rest(input: ParseStream, piece: Piece) -> (Span, String) {
    let text = piece_tokens(&input.fork(), piece).to_string();
    (first_token(input, piece).0, text)
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
