//! The whole macro (parse → validate → expand) costs time linear in the length of
//! a literal or identifier (issue 11): each input is timed at N and 10·N, and the
//! ratio must stay well below quadratic (linear is 10, quadratic 100; bound 30).
//! Best of 5 runs of each, alternating, each repeated until the small input takes
//! 5 ms; one of these tests at a time; a ratio over the bound is measured again
//! (twice) before it fails. `proc_macro2` runs on its fallback here, as it does
//! outside a compiler.

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const RUNS: usize = 5;
const MIN_RUN: Duration = Duration::from_millis(5);
const BOUND: f64 = 30.0;

fn time(repeat: usize, input: &TokenStream) -> Duration {
    let start = Instant::now();
    for _ in 0..repeat {
        black_box(crate::expand::connect_url(black_box(input.clone())));
    }
    start.elapsed()
}

/// The best of `RUNS` times of each, the two inputs alternating so that a burst of
/// load elsewhere (other tests of this binary run in parallel) hits both alike.
fn best_times(repeat: usize, small: &TokenStream, large: &TokenStream) -> (Duration, Duration) {
    (0..RUNS).fold((Duration::MAX, Duration::MAX), |(s, l), _| {
        (s.min(time(repeat, small)), l.min(time(repeat, large)))
    })
}

/// Expands `make(n)` and `make(10 * n)` and asserts the ratio of their times. A
/// ratio over the bound is measured again, up to four times: a real square fails
/// every time, a burst of load from the tests running beside this one does not.
fn assert_linear(what: &str, n: usize, make: impl Fn(usize) -> String) {
    let tokens = |n| {
        make(n)
            .parse::<TokenStream>()
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    };
    let (small, large) = (tokens(n), tokens(10 * n));
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut repeat = 1;
    while time(repeat, &small) < MIN_RUN && repeat < 1 << 20 {
        repeat *= 2;
    }
    let mut measured = Vec::new();
    for _ in 0..5 {
        let (t_small, t_large) = best_times(repeat, &small, &large);
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
        if ratio < BOUND {
            return;
        }
        measured.push(format!("{t_small:?} / {t_large:?} = {ratio:.1}"));
    }
    panic!(
        "{what}: {n} vs {} took {}; linear is 10, quadratic 100",
        10 * n,
        measured.join(", ")
    );
}

const CLIENT: &str = r#"client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07""#;

#[test]
fn integer_flag_value() {
    assert_linear("a flag value of N digits", 2_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": 1{}]"#, "0".repeat(n))
    });
    // Negative, and with leading zeros that keep it in range.
    assert_linear("a negative flag value of N digits", 2_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": -{}1]"#, "0".repeat(n))
    });
}

#[test]
fn integer_where_a_string_belongs() {
    assert_linear("client_id of N digits", 2_000, |n| {
        format!("client_id: 1{}", "0".repeat(n))
    });
}

#[test]
fn string_flag_value() {
    assert_linear("a string flag value of N bytes", 10_000, |n| {
        format!(r#"{CLIENT}, flags: ["n": "{}"]"#, "x".repeat(n))
    });
}

#[test]
fn unknown_identifiers() {
    // Each goes through connect-core's did-you-mean.
    assert_linear("an unknown permission of N bytes", 10_000, |n| {
        format!("{CLIENT}, scope: [read_{}]", "o".repeat(n))
    });
    assert_linear("an unknown parameter of N bytes", 10_000, |n| {
        format!("{CLIENT}, scop{}: [read_vin]", "e".repeat(n))
    });
    assert_linear("an unknown make of N bytes", 10_000, |n| {
        format!("{CLIENT}, make: TESL{}", "A".repeat(n))
    });
}

#[test]
fn many_flags_and_scope_entries() {
    assert_linear("N flags", 300, |n| {
        let flags: Vec<String> = (0..n).map(|i| format!(r#""f{i}": {i}"#)).collect();
        format!("{CLIENT}, flags: [{}]", flags.join(", "))
    });
    assert_linear("N scope entries", 300, |n| {
        let entries: Vec<&str> = (0..n)
            .map(|i| connect_core::Permission::ALL[i % 28].name())
            .collect();
        format!("{CLIENT}, scope: [{}]", entries.join(", "))
    });
}
