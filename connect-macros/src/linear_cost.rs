//! The macro costs time linear in the length of a literal or identifier and in
//! the length of its lists (issue 11): each input is timed at N and 10·N, and the
//! ratio must stay well below quadratic (linear is 10, quadratic 100; bound 30),
//! through the whole macro (parse → validate → expand) and through the parser
//! alone. The workspace's `linear-cost` harness measures (best of 5 runs,
//! alternating, each at least 5 ms; a ratio over the bound measured again before
//! it fails; one of these checks at a time in this test binary, wherever they
//! are written). `proc_macro2` runs on its fallback here, as it does outside a
//! compiler.

use std::hint::black_box;

use ::linear_cost::assert_linear;
use proc_macro2::{Literal as TokenLiteral, TokenStream};

use crate::ctxt::Ctxt;

fn tokens(what: &str, text: &str) -> TokenStream {
    text.parse().unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Expands `make(n)` and `make(10 * n)` and asserts the ratio of their times.
fn assert_macro_linear(what: &str, n: usize, make: impl Fn(usize) -> String) {
    assert_linear(
        what,
        n,
        |n| tokens(what, &make(n)),
        |input| {
            black_box(crate::expand::connect_url(black_box(input.clone())));
        },
    );
}

/// Parses (only) `make(n)` and `make(10 * n)` and asserts the ratio of their
/// times.
fn assert_parse_linear(what: &str, n: usize, make: impl Fn(usize) -> String) {
    assert_linear(
        what,
        n,
        |n| tokens(what, &make(n)),
        |input| {
            let mut cx = Ctxt::default();
            black_box(crate::parse::parse(input.clone(), &mut cx));
            black_box(cx);
        },
    );
}

const CLIENT: &str = r#"client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07""#;

#[test]
fn integer_flag_value() {
    assert_macro_linear("a flag value of N digits", 2_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": 1{}]"#, "0".repeat(n))
    });
    // Negative, and with leading zeros that keep it in range.
    assert_macro_linear("a negative flag value of N digits", 2_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": -{}1]"#, "0".repeat(n))
    });
}

#[test]
fn integer_where_a_string_belongs() {
    assert_macro_linear("client_id of N digits", 2_000, |n| {
        format!("client_id: 1{}", "0".repeat(n))
    });
}

#[test]
fn string_flag_value() {
    assert_macro_linear("a string flag value of N bytes", 10_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": "{}"]"#, "x".repeat(n))
    });
}

#[test]
fn unknown_identifiers() {
    // Each goes through connect-core's did-you-mean.
    assert_macro_linear("an unknown permission of N bytes", 10_000, |n| {
        format!("{CLIENT}, scope: [read_{}]", "o".repeat(n))
    });
    assert_macro_linear("an unknown parameter of N bytes", 10_000, |n| {
        format!("{CLIENT}, scop{}: [read_vin]", "e".repeat(n))
    });
    assert_macro_linear("an unknown make of N bytes", 10_000, |n| {
        format!("{CLIENT}, make: TESL{}", "A".repeat(n))
    });
}

#[test]
fn many_flags_and_scope_entries() {
    assert_macro_linear("N flags", 300, |n| {
        let flags: Vec<String> = (0..n).map(|i| format!(r#""f{i}": {i}"#)).collect();
        format!("{CLIENT}, flags: [{}]", flags.join(", "))
    });
    assert_macro_linear("N scope entries", 300, |n| {
        let entries: Vec<&str> = (0..n)
            .map(|i| connect_core::Permission::ALL[i % 28].name())
            .collect();
        format!("{CLIENT}, scope: [{}]", entries.join(", "))
    });
}

#[test]
fn long_literals_cost_linear_time_to_parse() {
    let digits = |n: usize| "1".repeat(n);
    assert_parse_linear("an integer flag value", 10_000, |n| {
        format!(r#"client_id: "a", flags: ["n": {}]"#, digits(n))
    });
    assert_parse_linear("a negative integer flag value", 10_000, |n| {
        format!(r#"client_id: "a", flags: ["n": -{}]"#, digits(n))
    });
    assert_parse_linear("an integer as a text value", 10_000, |n| {
        format!("client_id: {}", digits(n))
    });
    assert_parse_linear("an integer as a word", 10_000, |n| {
        format!("single_select: {}, mode: {0}, make: {0}", digits(n))
    });
    assert_parse_linear("a float flag value", 10_000, |n| {
        format!(r#"flags: ["n": {}.5]"#, digits(n))
    });
    assert_parse_linear("a string", 10_000, |n| {
        let text = TokenLiteral::string(&"a".repeat(n));
        format!("client_id: {text}, flags: [{text}: {text}], scope: [{text}]")
    });
}

#[test]
fn long_identifiers_cost_linear_time_to_parse() {
    let word = |n: usize| format!("read_{}", "x".repeat(n));
    assert_parse_linear("an unknown permission", 10_000, |n| {
        format!("scope: [required {}, {0}]", word(n))
    });
    assert_parse_linear("a long word value", 10_000, |n| {
        format!("mode: {}, make: {0}, flags: [country: {0}]", word(n))
    });
    assert_parse_linear("a long expression", 10_000, |n| {
        format!("state: {} . x mode: live", word(n))
    });
}
