//! Cost grows linearly with the input (SPEC §5, issue 11): each parser and the
//! did-you-mean are timed on N and 10·N items, and the ratio of the two times must
//! stay well below quadratic (linear is 10, quadratic 100; the bound is 30).
//!
//! A ratio, not a time, so it holds on any machine: each figure is the best of 5
//! runs, the two inputs alternating, and a run repeats the input until the small
//! one takes at least 5 ms, so timer resolution and scheduling noise stay small
//! against it; a ratio over the bound is measured again (twice) before it fails.
//! The tests take a lock so that they never run at the same time (the machine may
//! have 2 cores).
//! The inputs of a link or redirect stay under `MAX_URL_LEN`, which would
//! otherwise refuse them unread. Only timing is asserted: whether an input is an
//! error or a warning may change, its cost may not.

// Inputs are built once per size, outside the timed part.
#![allow(clippy::format_collect)]

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use connect_core::{Callback, ConnectUrl, Flags, Permission, MAX_URL_LEN};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const RUNS: usize = 5;
const MIN_RUN: Duration = Duration::from_millis(5);
const BOUND: f64 = 30.0;

const LINK: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";

fn time(repeat: usize, input: &str, parse: &impl Fn(&str)) -> Duration {
    let start = Instant::now();
    for _ in 0..repeat {
        parse(black_box(input));
    }
    start.elapsed()
}

/// The best of `RUNS` times of each, the two inputs alternating so that a burst of
/// load elsewhere hits both alike.
fn best_times(
    repeat: usize,
    small: &str,
    large: &str,
    parse: &impl Fn(&str),
) -> (Duration, Duration) {
    (0..RUNS).fold((Duration::MAX, Duration::MAX), |(s, l), _| {
        (
            s.min(time(repeat, small, parse)),
            l.min(time(repeat, large, parse)),
        )
    })
}

/// Whether the time of `large` over the time of `small` (each repeated as often as
/// makes the small one take `MIN_RUN`) stays under the bound. A ratio over it is
/// measured again, twice: a real square fails every time. The error lists them.
fn ratio_under_bound(small: &str, large: &str, parse: impl Fn(&str)) -> Result<(), String> {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut repeat = 1;
    while time(repeat, small, &parse) < MIN_RUN && repeat < 1 << 24 {
        repeat *= 2;
    }
    let mut measured = Vec::new();
    for _ in 0..3 {
        let (t_small, t_large) = best_times(repeat, small, large, &parse);
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
        if ratio < BOUND {
            return Ok(());
        }
        measured.push(format!("{t_small:?} / {t_large:?} = {ratio:.1}"));
    }
    Err(measured.join(", "))
}

/// Times `make(n)` against `make(10 * n)` and asserts the ratio.
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String, parse: impl Fn(&str)) {
    let (small, large) = (make(n), make(10 * n));
    if let Err(measured) = ratio_under_bound(&small, &large, parse) {
        panic!(
            "{what}: {n} vs {} items took {measured}; linear is 10, quadratic 100",
            10 * n
        );
    }
}

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
        parse_callback,
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
        parse_link,
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
        parse_link,
    );
}

#[test]
fn link_with_many_unknown_parameters() {
    assert_linear(
        "ConnectUrl::read, unknown parameters",
        600,
        |n| link(&(0..n).map(|i| format!("&x{i}=1")).collect::<String>()),
        parse_link,
    );
}

#[test]
fn link_with_a_long_unknown_permission() {
    assert_linear(
        "ConnectUrl::read, one long unknown permission",
        5_000,
        |n| link(&format!("&scope=read_{}", "o".repeat(n))),
        parse_link,
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
    if let Err(measured) = ratio_under_bound(
        "read_odometer_and_more",
        &"read_odometer".repeat(80_000),
        did_you_mean_permission,
    ) {
        panic!("did_you_mean: 22 bytes vs 1 MB took {measured}");
    }
}

#[test]
fn did_you_mean_on_many_inputs() {
    assert_linear(
        "did_you_mean, many names",
        20,
        |n| (0..n).map(|i| format!("read_odo{i:05} ")).collect(),
        |names| {
            for name in names.split(' ') {
                did_you_mean_permission(name);
            }
        },
    );
}
