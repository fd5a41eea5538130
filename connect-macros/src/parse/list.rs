//! The list forms: `scope: [required read_odometer, read_vin]` and
//! `flags: [country: DE, "name": value]`, each entry parsed on its own.

use connect_core::__private::{self as core_private, COUNTRY_FLAG};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{bracketed, token, Ident, LitInt, Token};

use super::{each_piece, first_token, mistake, next_span, rest, string, Piece};
use crate::ast::{FlagItem, List, ScopeItem};
use crate::ctxt::Ctxt;
use crate::messages::Syntax;

/// An entry of a bracketed list, and such a list as it is written.
pub(super) trait Entry: Sized {
    const EXAMPLE: &'static str;

    /// The entry, the whole of its piece.
    fn read(input: ParseStream, piece: Piece) -> syn::Result<Self>;

    /// Whether a bare identifier given for the list is a mistake (a permission
    /// without its brackets), not an expression.
    fn is_entry(word: &str) -> bool;
}

impl Entry for ScopeItem {
    const EXAMPLE: &'static str = "[required read_odometer, read_vin]";

    fn read(input: ParseStream, piece: Piece) -> syn::Result<Self> {
        scope_item(input, piece)
    }

    fn is_entry(word: &str) -> bool {
        word.parse::<connect_core::Permission>().is_ok()
    }
}

impl Entry for FlagItem {
    const EXAMPLE: &'static str = "[country: DE, \"account_sync\": true]";

    fn read(input: ParseStream, piece: Piece) -> syn::Result<Self> {
        flag_item(input, piece)
    }

    fn is_entry(word: &str) -> bool {
        word == COUNTRY_FLAG
    }
}

/// `[entry, …]`: each entry parsed in turn, a malformed one reported and left
/// out; a bare entry without its brackets is a mistake; anything else is an
/// expression (`None`).
pub(super) fn list<T: Entry>(
    input: ParseStream,
    piece: Piece,
    key: &str,
    cx: &mut Ctxt,
) -> syn::Result<Option<List<T>>> {
    if !input.peek(token::Bracket) {
        return match input.cursor().ident() {
            Some((word, after)) if piece.ends_at(after) && T::is_entry(&word.to_string()) => {
                let example = T::EXAMPLE;
                mistake(word.span(), &Syntax::NotAList { key, example })
            }
            _ => Ok(None),
        };
    }
    let content;
    let brackets = bracketed!(content in input);
    let written_empty = content.is_empty();
    let mut entries = Vec::new();
    each_piece(&content, cx, |entry, piece, _| {
        let parsed = T::read(entry, piece)?;
        if !piece.is_over(entry) {
            return Err(entry.error("unexpected token"));
        }
        entries.push(parsed);
        Ok(())
    })?;
    let span = brackets.span.join();
    Ok(Some(List {
        entries,
        span,
        written_empty,
    }))
}

/// `permission` or `prefix permission`.
fn scope_item(input: ParseStream, piece: Piece) -> syn::Result<ScopeItem> {
    let start = input.fork();
    if let Some(quoted) = string(input) {
        let name = quoted.value();
        return mistake(quoted.span(), &Syntax::QuotedPermission { name: &name });
    }
    let first = input.call(Ident::parse_any);
    let colon = input.parse::<Option<Token![:]>>()?;
    let second = input.call(Ident::parse_any);
    let (prefix, permission) = match (first, colon, second) {
        _ if !piece.is_over(input) => (None, None),
        (Ok(permission), None, Err(_)) => (None, Some(permission)),
        // `read_odometer required`: the prefix written after its permission.
        (Ok(permission), None, Ok(prefix))
            if prefix == core_private::REQUIRED_PREFIX
                && permission != core_private::REQUIRED_PREFIX =>
        {
            let (prefix, permission) = (prefix.to_string(), permission.to_string());
            let (prefix, permission) = (prefix.as_str(), permission.as_str());
            return mistake(
                rest(&start, piece).0,
                &Syntax::PrefixAfter { prefix, permission },
            );
        }
        (Ok(prefix), None, Ok(permission)) => (Some(prefix), Some(permission)),
        (Ok(prefix), Some(colon), Ok(permission)) => {
            let (prefix, permission) = (prefix.to_string(), permission.to_string());
            let (prefix, permission) = (prefix.as_str(), permission.as_str());
            return mistake(colon.span, &Syntax::PrefixWithColon { prefix, permission });
        }
        _ => (None, None),
    };
    let Some(permission) = permission else {
        let (span, found) = rest(&start, piece);
        return mistake(span, &Syntax::NotAPermission { found: &found });
    };
    Ok(ScopeItem { prefix, permission })
}

/// `country: DE` or `"name": value`.
fn flag_item(input: ParseStream, piece: Piece) -> syn::Result<FlagItem> {
    let (name_span, written) = first_token(input, piece);
    let name = if let Some(quoted) = string(input) {
        quoted.value()
    } else {
        match input.call(Ident::parse_any) {
            Ok(country) if country == COUNTRY_FLAG => COUNTRY_FLAG.to_owned(),
            Ok(_) => {
                let suggestion = core_private::did_you_mean(&written, [COUNTRY_FLAG]);
                let written = &written;
                return mistake(
                    name_span,
                    &Syntax::UnknownBareFlag {
                        written,
                        suggestion,
                    },
                );
            }
            Err(_) => return mistake(name_span, &Syntax::NotAFlagName { found: &written }),
        }
    };
    let Ok(colon) = input.parse::<Token![:]>() else {
        let span = next_span(input, piece, name_span);
        let (name, written) = (&name, &written);
        return mistake(span, &Syntax::FlagMissingColon { name, written });
    };
    if piece.is_over(input) {
        return mistake(colon.span, &Syntax::FlagNoValue { name: &name });
    }
    let (value_span, _) = first_token(input, piece);
    let value = flag_value(input, piece, &name)?;
    Ok(FlagItem {
        name,
        name_span,
        value,
        value_span,
    })
}

/// The text a flag's value is sent as: a string's content, `true` or `false`, a
/// country code for `country`, or an integer in decimal without its suffix.
fn flag_value(input: ParseStream, piece: Piece, name: &str) -> syn::Result<String> {
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
        Some(value) if piece.is_over(input) => Ok(value),
        _ => {
            let (span, found) = rest(&start, piece);
            mistake(
                span,
                &Syntax::FlagValueType {
                    name,
                    found: &found,
                },
            )
        }
    }
}

/// The longest number text that may be a `u128` without its `_`s: `0b` and 128
/// binary digits with an `i128` suffix, rounded up.
pub(super) const LONGEST_INTEGER: usize = 140;

/// An unsuffixed integer literal in decimal (`0x1F` is sent as `31`), or `None`
/// for any other token. Its text is measured before syn parses it (`parse`'s module docs).
fn integer(input: ParseStream, flag: &str) -> syn::Result<Option<String>> {
    let Some((literal, _)) = input.cursor().literal() else {
        return Ok(None);
    };
    let text = literal.to_string();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let too_large = || mistake(literal.span(), &Syntax::FlagIntegerTooLarge { name: flag });
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
