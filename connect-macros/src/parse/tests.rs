//! The parser's unit tests: tokens in, the invocation and every error out.

use proc_macro2::{Delimiter, Group};

use super::list::LONGEST_INTEGER;
use super::*;
use crate::ast::List;

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
        value: Value::Literal(Literal::Flags(List { entries, .. })),
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
        Value::Expr(_)
    ));
    assert!(matches!(
        inv.get(Parameter::SingleSelect).unwrap().value,
        Value::Literal(Literal::Bool(true, _))
    ));
    let Value::Literal(Literal::Scope(scope)) = &inv.get(Parameter::Scope).unwrap().value else {
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
    let Value::Literal(Literal::Scope(scope)) = &inv.get(Parameter::Scope).unwrap().value else {
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
        Value::Literal(Literal::Text(lit)) if lit.value() == "abc"
    ));
    assert!(matches!(
        &inv.get(Parameter::Mode).unwrap().value,
        Value::Literal(Literal::Word(word, _)) if word == "simulated"
    ));
    assert!(matches!(
        inv.get(Parameter::State).unwrap().value,
        Value::Expr(_)
    ));
}

#[test]
fn a_piece_ends_at_its_comma_wherever_it_stands() {
    // A list key without its brackets, before other pieces as at the end.
    for input in [
        r#"scope: read_vin, client_id: "a""#,
        r#"client_id: "a", scope: read_vin"#,
    ] {
        let (inv, errors) = parsed(tokens(input));
        assert!(
            errors.contains("`scope` takes a list in brackets"),
            "{input}: {errors}"
        );
        let scope = &inv.get(Parameter::Scope).unwrap().value;
        assert!(matches!(scope, Value::Invalid), "{input}");
    }
    let (_, errors) = parsed(tokens(r#"flags: country, client_id: "a""#));
    assert!(
        errors.contains("`flags` takes a list in brackets"),
        "{errors}"
    );
}

#[test]
fn stray_commas_are_reported_before_what_the_pieces_say() {
    let (_, errors) = parsed(tokens("x,,"));
    let (comma, unknown) = (
        errors.find("unexpected `,`"),
        errors.find("unknown parameter"),
    );
    assert!(comma.unwrap() < unknown.unwrap(), "{errors}");
    let (_, errors) = parsed(tokens("scope: [42,,]"));
    let (comma, entry) = (errors.find("unexpected `,`"), errors.find("found `42`"));
    assert!(comma.unwrap() < entry.unwrap(), "{errors}");
}

#[test]
fn a_comma_inside_an_invisible_group_does_not_end_the_piece() {
    // What a `macro_rules!` fragment such as `$t:ty` or `$e:expr` forwards.
    let invisible = |text: &str| TokenTree::Group(Group::new(Delimiter::None, tokens(text)));
    let mut input = tokens("single_select:");
    input.extend([invisible("true, x")]);
    let (_, errors) = parsed(input);
    assert!(
        errors.contains("unexpected `, x` after the value of `single_select`"),
        "{errors}"
    );
    assert!(!errors.contains("unknown parameter"), "{errors}");

    let mut input = tokens("scope:");
    input.extend([TokenTree::Group(Group::new(
        Delimiter::Bracket,
        TokenStream::from_iter([invisible("read_vin, read_fuel")]),
    ))]);
    let (inv, errors) = parsed(input);
    assert!(errors.contains("found `read_vin , read_fuel`"), "{errors}");
    let Value::Literal(Literal::Scope(scope)) = &inv.get(Parameter::Scope).unwrap().value else {
        panic!("no scope parsed")
    };
    assert!(scope.entries.is_empty());

    let mut input = tokens("app:");
    input.extend([invisible("x, y")]);
    let (inv, errors) = parsed(input);
    assert!(inv.app.is_none());
    assert!(errors.contains("found `x , y`"), "{errors}");
    assert!(!errors.contains("unknown parameter"), "{errors}");
}

#[test]
fn empty_lists_are_told_from_lists_of_malformed_entries() {
    let (inv, _) = parsed(tokens("scope: [], flags: [42]"));
    let Value::Literal(Literal::Scope(scope)) = &inv.get(Parameter::Scope).unwrap().value else {
        panic!("no scope parsed")
    };
    assert!(scope.written_empty);
    let Value::Literal(Literal::Flags(flags)) = &inv.get(Parameter::Flags).unwrap().value else {
        panic!("no flags parsed")
    };
    assert!(flags.entries.is_empty() && !flags.written_empty);
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
        let no = crate::registration::Registered::No;
        let _ = crate::valid::validate(&inv, Span::call_site(), &no, &mut cx);
        // The whole macro too: it must produce tokens, never panic.
        let _ = crate::expand::connect_url(tokens);
    }
}
