//! Tokens → [`Invocation`]: `key: value` pairs, comma separated. Syntax mistakes
//! go to the [`Ctxt`] and parsing goes on at the next comma, so that one compile
//! shows them all. Values are checked later, by `valid`.

use connect_core::{Error, Parameter, Problem};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::LitStr;

use crate::ast::{FlagItem, Invocation, List, MakeName, Param, ScopeItem, Text, Value};
use crate::ctxt::Ctxt;

pub fn parse(input: TokenStream, cx: &mut Ctxt) -> Invocation {
    let mut params: Vec<Param> = Vec::new();
    for segment in split_commas(input, cx) {
        if let Some(param) = parse_param(segment, cx) {
            if params.iter().any(|p| p.parameter == param.parameter) {
                cx.rule(
                    param.key.span(),
                    &Error::new(param.parameter, Problem::DuplicateParameter),
                );
            } else {
                params.push(param);
            }
        }
    }
    Invocation { params }
}

/// Splits at top-level commas (a group is one token tree, so commas inside
/// brackets or parentheses stay inside). A trailing comma is allowed; an empty
/// piece elsewhere is an error.
fn split_commas(tokens: TokenStream, cx: &mut Ctxt) -> Vec<Vec<TokenTree>> {
    let mut segments = Vec::new();
    let mut current = Vec::new();
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                if current.is_empty() {
                    cx.error(
                        p.span(),
                        "unexpected `,`",
                        Some("remove this comma".to_owned()),
                    );
                }
                segments.push(std::mem::take(&mut current));
            }
            _ => current.push(token),
        }
    }
    segments.push(current);
    segments.retain(|s| !s.is_empty());
    segments
}

fn parse_param(segment: Vec<TokenTree>, cx: &mut Ctxt) -> Option<Param> {
    let mut tokens = segment.into_iter();
    let key = match tokens.next() {
        Some(TokenTree::Ident(key)) => key,
        Some(other) => {
            match string_literal(&other).and_then(|l| Parameter::from_name(&l.value())) {
                // `"client_id": …`: the key is known, only the quotes are wrong.
                Some(parameter) => {
                    let name = parameter.name();
                    cx.error(
                        other.span(),
                        "a parameter name is written without quotes",
                        Some(format!("write `{name}`")),
                    );
                    let key = syn::Ident::new(name, other.span());
                    return Some(Param {
                        parameter,
                        key,
                        value: Value::Invalid,
                    });
                }
                None => {
                    cx.error(
                        other.span(),
                        format!("expected a parameter name, found `{other}`"),
                        Some("write `key: value`, e.g. `client_id: \"…\"`".to_owned()),
                    );
                    return None;
                }
            }
        }
        None => return None,
    };
    let name = key.to_string();
    let Some(parameter) = Parameter::from_name(&name) else {
        cx.rule(
            key.span(),
            &connect_core::__private::unknown_parameter(&name),
        );
        return None;
    };
    let colon = match tokens.next() {
        Some(TokenTree::Punct(p))
            if p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Alone =>
        {
            p
        }
        other => {
            let span = other.as_ref().map_or(key.span(), TokenTree::span);
            cx.error(
                span,
                format!("expected `:` after `{name}`"),
                Some(format!("write `{name}: value`")),
            );
            return Some(Param {
                parameter,
                key,
                value: Value::Invalid,
            });
        }
    };
    let value: Vec<TokenTree> = unwrap_invisible(tokens.collect());
    if value.is_empty() {
        cx.error(
            colon.span(),
            format!("`{name}` has no value"),
            Some(format!("write a value after `{name}:`")),
        );
        return Some(Param {
            parameter,
            key,
            value: Value::Invalid,
        });
    }
    // A malformed value is reported, and the key still counts as given, so that
    // no "missing `client_id`" follows a bad client id.
    let value = parse_value(parameter, &name, value, cx).unwrap_or(Value::Invalid);
    Some(Param {
        parameter,
        key,
        value,
    })
}

/// A value passed through `macro_rules!` arrives in an invisible group: look inside.
fn unwrap_invisible(tokens: Vec<TokenTree>) -> Vec<TokenTree> {
    match tokens.as_slice() {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::None => {
            unwrap_invisible(g.stream().into_iter().collect())
        }
        _ => tokens,
    }
}

fn string_literal(token: &TokenTree) -> Option<LitStr> {
    match token {
        // Only strings go to syn, which would compute any integer's value in
        // quadratic time (see `literal`).
        TokenTree::Literal(l) if crate::literal::is_string(l) => {
            syn::parse2::<LitStr>(token.clone().into()).ok()
        }
        _ => None,
    }
}

fn text_of(tokens: &[TokenTree]) -> String {
    tokens.iter().cloned().collect::<TokenStream>().to_string()
}

/// The index of `key` in `… key: …` inside a value: a forgotten comma.
fn missing_comma(value: &[TokenTree]) -> Option<usize> {
    (1..value.len()).find(|&i| {
        let is_key = matches!(&value[i], TokenTree::Ident(k) if Parameter::from_name(&k.to_string()).is_some());
        let colon = matches!(value.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Alone);
        is_key && colon
    })
}

fn parse_value(
    parameter: Parameter,
    name: &str,
    value: Vec<TokenTree>,
    cx: &mut Ctxt,
) -> Option<Value> {
    if let Some(i) = missing_comma(&value) {
        cx.error(
            value[i].span(),
            format!("expected `,` before `{}`", value[i]),
            Some("separate parameters with commas".to_owned()),
        );
        return None;
    }
    // Only the text parameters take expressions: anywhere else one token is the value.
    let is_text = matches!(
        parameter,
        Parameter::ClientId
            | Parameter::ApplicationId
            | Parameter::ExternalId
            | Parameter::RedirectUri
            | Parameter::State
            | Parameter::SingleSelectVin
            | Parameter::User
            | Parameter::VehicleId
    );
    if !is_text && value.len() > 1 {
        cx.error(
            value[1].span(),
            format!(
                "unexpected `{}` after the value of `{name}`",
                text_of(&value[1..])
            ),
            Some("separate parameters with commas".to_owned()),
        );
        return None;
    }
    let first = value[0].span();
    let single = if value.len() == 1 {
        Some(&value[0])
    } else {
        None
    };
    match parameter {
        Parameter::ClientId
        | Parameter::ApplicationId
        | Parameter::ExternalId
        | Parameter::RedirectUri
        | Parameter::State
        | Parameter::SingleSelectVin
        | Parameter::User
        | Parameter::VehicleId => match single {
            Some(token @ TokenTree::Literal(_)) => match string_literal(token) {
                Some(lit) => Some(Value::Text(Text::Literal(lit))),
                None => {
                    cx.error(
                        first,
                        format!("`{name}` takes a string literal, found `{token}`"),
                        Some(format!("write it in quotes: `\"{token}\"`")),
                    );
                    None
                }
            },
            _ => Some(Value::Text(Text::Expr(value.into_iter().collect()))),
        },
        Parameter::Scope => bracketed_list(
            single,
            name,
            "[required read_odometer, read_vin]",
            first,
            cx,
            parse_scope_item,
        )
        .map(Value::Scope),
        Parameter::ApprovalPrompt | Parameter::Mode | Parameter::ResponseType => match single {
            Some(TokenTree::Ident(word)) => Some(Value::Word(word.clone())),
            Some(token) if string_literal(token).is_some() => {
                let content = string_literal(token).map(|l| l.value()).unwrap_or_default();
                cx.error(
                    first,
                    format!("`{name}` is written without quotes"),
                    Some(format!("write `{content}`")),
                );
                None
            }
            _ => {
                // The same wording as a bad identifier: connect-core's.
                let value = text_of(&value);
                let problem = match parameter {
                    Parameter::Mode => Problem::InvalidMode { value },
                    Parameter::ResponseType => Problem::ResponseTypeNotWritable { value },
                    _ => Problem::InvalidApprovalPrompt { value },
                };
                cx.rule(first, &Error::new(parameter, problem));
                None
            }
        },
        Parameter::Make => {
            match single {
                Some(TokenTree::Ident(make)) => Some(Value::Make(MakeName::Catalog(make.clone()))),
                Some(token) if string_literal(token).is_some() => {
                    Some(Value::Make(MakeName::Literal(string_literal(token)?)))
                }
                _ => {
                    cx.error(first, format!("expected a make such as `TESLA`, found `{}`", text_of(&value)), Some("for a make newer than the catalog, write it as a string: `\"NEW_MAKE\"`".to_owned()));
                    None
                }
            }
        }
        Parameter::SingleSelect => match single {
            Some(TokenTree::Ident(b)) if b == "true" || b == "false" => {
                Some(Value::Bool(b == "true"))
            }
            _ => {
                cx.rule(
                    first,
                    &Error::new(
                        parameter,
                        Problem::InvalidBool {
                            value: text_of(&value),
                        },
                    ),
                );
                None
            }
        },
        Parameter::Flags => bracketed_list(
            single,
            name,
            "[country: DE, \"account_sync\": true]",
            first,
            cx,
            parse_flag_item,
        )
        .map(Value::Flags),
    }
}

/// `[item, …]`: each item parsed by `parse_item`, malformed ones reported and left out.
fn bracketed_list<T>(
    single: Option<&TokenTree>,
    name: &str,
    example: &str,
    span: Span,
    cx: &mut Ctxt,
    parse_item: fn(Vec<TokenTree>, &mut Ctxt) -> Option<T>,
) -> Option<List<T>> {
    let group = match single {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => g,
        _ => {
            cx.error(
                span,
                format!("`{name}` takes a list in brackets"),
                Some(format!("write `{name}: {example}`")),
            );
            return None;
        }
    };
    let entries = split_commas(group.stream(), cx)
        .into_iter()
        .filter_map(|item| parse_item(item, cx))
        .collect();
    Some(List {
        entries,
        span: group.span(),
        written_empty: group.stream().is_empty(),
    })
}

fn parse_scope_item(item: Vec<TokenTree>, cx: &mut Ctxt) -> Option<ScopeItem> {
    match item.as_slice() {
        [TokenTree::Ident(permission)] => Some(ScopeItem {
            prefix: None,
            permission: permission.clone(),
        }),
        [TokenTree::Ident(prefix), TokenTree::Ident(permission)] => Some(ScopeItem {
            prefix: Some(prefix.clone()),
            permission: permission.clone(),
        }),
        [TokenTree::Ident(prefix), TokenTree::Punct(colon), TokenTree::Ident(permission)]
            if colon.as_char() == ':' =>
        {
            cx.error(
                colon.span(),
                "in `connect_url!` the prefix is a separate word, not `prefix:`",
                Some(format!("write `{prefix} {permission}`")),
            );
            None
        }
        [token] if string_literal(token).is_some() => {
            let content = string_literal(token).map(|l| l.value()).unwrap_or_default();
            cx.error(
                token.span(),
                "a permission is written as an identifier, not a string",
                Some(format!("write `{content}` without quotes")),
            );
            None
        }
        _ => {
            cx.error(item[0].span(), format!("expected a permission name, found `{}`", text_of(&item)), Some("write `read_odometer`, or `required read_odometer` to lock it on the grant screen".to_owned()));
            None
        }
    }
}

fn parse_flag_item(item: Vec<TokenTree>, cx: &mut Ctxt) -> Option<FlagItem> {
    let (name, name_span) = match &item[0] {
        TokenTree::Ident(name) => (name.to_string(), name.span()),
        token => match string_literal(token) {
            Some(lit) => (lit.value(), lit.span()),
            None => {
                cx.error(
                    token.span(),
                    format!("expected a flag name, found `{token}`"),
                    Some("write `country: DE` or `\"flag_name\": value`".to_owned()),
                );
                return None;
            }
        },
    };
    if let TokenTree::Ident(ident) = &item[0] {
        if name != connect_core::COUNTRY_FLAG {
            let help = match connect_core::did_you_mean(&name, [connect_core::COUNTRY_FLAG]) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("only `country` is written bare; write other flags' names as strings: `\"{ident}\": …`"),
            };
            cx.error(ident.span(), format!("unknown flag `{name}`"), Some(help));
            return None;
        }
    }
    let colon_ok = matches!(item.get(1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
    if !colon_ok {
        let span = item.get(1).map_or(name_span, TokenTree::span);
        cx.error(
            span,
            format!("expected `:` after flag `{name}`"),
            Some(format!("write `{}: value`", text_of(&item[..1]))),
        );
        return None;
    }
    let value_tokens = &item[2..];
    let Some(first) = value_tokens.first() else {
        cx.error(
            item[1].span(),
            format!("flag `{name}` has no value"),
            Some("write a string, `true`/`false` or an integer after `:`".to_owned()),
        );
        return None;
    };
    let value = match value_tokens {
        // A bare word is a country code, or a boolean.
        [TokenTree::Ident(word)]
            if name == connect_core::COUNTRY_FLAG || word == "true" || word == "false" =>
        {
            Some(word.to_string())
        }
        [TokenTree::Literal(_)] => flag_literal(first, false),
        [TokenTree::Punct(minus), literal @ TokenTree::Literal(_)] if minus.as_char() == '-' => {
            flag_literal(literal, true)
        }
        _ => None,
    };
    let Some(value) = value else {
        // An integer out of range or with a suffix says so.
        let help = match value_tokens {
            [TokenTree::Literal(l)] => crate::literal::decimal(l).err(),
            [TokenTree::Punct(minus), TokenTree::Literal(l)] if minus.as_char() == '-' => {
                crate::literal::decimal(l).err()
            }
            _ => None,
        }
        .and_then(|e| e.help());
        cx.error(first.span(), format!("expected a string, `true`, `false` or an integer as the value of flag `{name}`, found `{}`", text_of(value_tokens)), help);
        return None;
    };
    Some(FlagItem {
        name,
        name_span,
        value,
        value_span: first.span(),
    })
}

/// The text a literal flag value is sent as: a string's content, or an integer
/// in decimal (no suffix).
fn flag_literal(token: &TokenTree, negative: bool) -> Option<String> {
    if !negative {
        if let Some(lit) = string_literal(token) {
            return Some(lit.value());
        }
    }
    let TokenTree::Literal(literal) = token else {
        return None;
    };
    // Read here, not by syn's `LitInt`: linear in the number of digits.
    let digits = crate::literal::decimal(literal).ok()?;
    Some(if negative {
        format!("-{digits}")
    } else {
        digits
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let mut cx = Ctxt::default();
        let input: TokenStream = r#"
            client_id: "abc", redirect_uri: uri.clone(), scope: [required read_vin, read_fuel,],
            mode: simulated, make: TESLA, single_select: true, flags: [country: DE, "n": -3, "b": true],
        "#
        .parse()
        .unwrap();
        let inv = parse(input, &mut cx);
        assert!(!cx.has_errors());
        assert_eq!(inv.params.len(), 7);
        assert!(matches!(
            inv.get(Parameter::RedirectUri).unwrap().value,
            Value::Text(Text::Expr(_))
        ));
        let Value::Flags(List { entries, .. }) = &inv.get(Parameter::Flags).unwrap().value else {
            panic!()
        };
        let values: Vec<_> = entries
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(values, [("country", "DE"), ("n", "-3"), ("b", "true")]);
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
