//! Cost grows linearly with the input (SPEC §5, issue 11): each parser and the
//! did-you-mean are timed on N and 10·N items, and the ratio of the two times must
//! stay well below quadratic (linear is 10, quadratic 100; the bound is 30).
//!
//! The workspace's `linear-cost` harness measures (best of 5 runs, alternating,
//! each at least 5 ms; a ratio over the bound measured again before it fails; one
//! check at a time in this binary).
//! The inputs of a link or redirect stay under `MAX_URL_LEN`, which would
//! otherwise refuse them unread. Only timing is asserted: whether an input is an
//! error or a warning may change, its cost may not.

// Inputs are built once per size, outside the timed part.
#![allow(clippy::format_collect)]

use std::hint::black_box;

use connect_core::{Callback, ConnectUrl, Flags, Permission, MAX_URL_LEN};
use linear_cost::{assert_linear, assert_ratio};

const LINK: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";

fn link(extra: &str) -> String {
    let link = format!("{LINK}{extra}");
    assert!(link.len() <= MAX_URL_LEN, "{} bytes", link.len());
    link
}

fn parse_link(text: &str) {
    let _ = black_box(ConnectUrl::read(text));
}

fn parse_callback(query: &str) {
    let _ = black_box(Callback::from_query(query));
}

fn did_you_mean_permission(name: &str) {
    black_box(connect_core::__private::did_you_mean(
        name,
        Permission::ALL.iter().map(|p| p.name()),
    ));
}

#[test]
fn redirect_back_with_many_distinct_parameters() {
    assert_linear(
        "Callback::from_query, distinct parameters",
        600,
        |n| {
            let query = format!(
                "code=c&state=s{}",
                (0..n).map(|i| format!("&p{i}=v")).collect::<String>()
            );
            assert!(query.len() <= MAX_URL_LEN);
            query
        },
        |query| parse_callback(query),
    );
}

#[test]
fn link_with_many_flags() {
    assert_linear(
        "ConnectUrl::read, flags",
        500,
        |n| {
            let flags: Vec<String> = (0..n).map(|i| format!("f{i}%3A1")).collect();
            link(&format!("&flags={}", flags.join("%20")))
        },
        |text| parse_link(text),
    );
}

#[test]
fn flags_without_a_length_limit() {
    assert_linear(
        "Flags::from_str",
        2_000,
        |n| {
            let flags: Vec<String> = (0..n).map(|i| format!("f{i}:1")).collect();
            flags.join(" ")
        },
        |text| {
            let _ = black_box(text.parse::<Flags>());
        },
    );
}

#[test]
fn link_with_many_scope_entries() {
    assert_linear(
        "ConnectUrl::read, scope entries",
        250,
        |n| {
            let entries: Vec<&str> = (0..n)
                .map(|i| Permission::ALL[i % Permission::ALL.len()].name())
                .collect();
            link(&format!("&scope={}", entries.join("%20")))
        },
        |text| parse_link(text),
    );
}

#[test]
fn link_with_many_unknown_parameters() {
    assert_linear(
        "ConnectUrl::read, unknown parameters",
        600,
        |n| link(&(0..n).map(|i| format!("&x{i}=1")).collect::<String>()),
        |text| parse_link(text),
    );
}

#[test]
fn link_with_a_long_unknown_permission() {
    assert_linear(
        "ConnectUrl::read, one long unknown permission",
        5_000,
        |n| link(&format!("&scope=read_{}", "o".repeat(n))),
        |text| parse_link(text),
    );
}

#[test]
fn did_you_mean_on_a_long_input() {
    // The macro's path: an unknown permission identifier, checked by the same
    // `FromStr` and did-you-mean as at run time.
    assert_linear(
        "Permission::from_str, one long name",
        100_000,
        |n| format!("read_{}", "o".repeat(n)),
        |name| {
            let _ = black_box(name.parse::<Permission>());
        },
    );
    // The did-you-mean itself does not grow with its input at all: a megabyte
    // costs no more than a name of the catalog's size.
    assert_ratio(
        "did_you_mean: 22 bytes vs 1 MB",
        &"read_odometer_and_more",
        &"read_odometer".repeat(80_000).as_str(),
        |name| did_you_mean_permission(name),
    );
}

#[test]
fn did_you_mean_on_many_inputs() {
    assert_linear(
        "did_you_mean, many names",
        20,
        |n| (0..n).map(|i| format!("read_odo{i:05} ")).collect(),
        |names: &String| {
            for name in names.split(' ') {
                did_you_mean_permission(name);
            }
        },
    );
}
