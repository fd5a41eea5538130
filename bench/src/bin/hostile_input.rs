//! Hostile input: each parser and did-you-mean fed N and 10·N items, best of 5
//! runs each, and the ratio of the two times (linear is 10, quadratic 100).
//!
//! `cargo run --release --manifest-path bench/Cargo.toml --bin hostile_input`
//!
//! Figures in BENCHMARKS.md, "Hostile input". Sizes are chosen so that the 10·N
//! input of a link or redirect query still fits under `connect_core::MAX_URL_LEN`
//! (64 KiB), except the rows marked "over the limit", which show the issue's own sizes.

use std::hint::black_box;
use std::str::FromStr;
use std::time::{Duration, Instant};

use connect_core::{Callback, ConnectUrl, Flag, Flags, Permission, ScopeEntry};

const PREFIX: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";

/// The best of 5 runs; a run over a second is not repeated (the "before" figures).
fn best_of_5(mut run: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        run();
        let took = start.elapsed();
        best = best.min(took);
        if took > Duration::from_secs(1) {
            break;
        }
    }
    best
}

fn row(case: &str, n: usize, make: impl Fn(usize) -> String, parse: impl Fn(&str)) {
    let (small, large) = (make(n), make(10 * n));
    let t1 = best_of_5(|| parse(&small));
    let t10 = best_of_5(|| parse(&large));
    println!(
        "| {case} | {n} | {} B | {:.3} ms | {} B | {:.3} ms | {:.1} |",
        small.len(),
        t1.as_secs_f64() * 1e3,
        large.len(),
        t10.as_secs_f64() * 1e3,
        t10.as_secs_f64() / t1.as_secs_f64()
    );
}

fn distinct_query(n: usize) -> String {
    let mut q = String::from("code=c&state=s");
    for i in 0..n {
        q.push_str(&format!("&p{i}=v"));
    }
    q
}

fn flags_text(n: usize) -> String {
    (0..n)
        .map(|i| format!("f{i}:1"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn link_with(extra: &str) -> String {
    format!("{PREFIX}{extra}")
}

fn main() {
    let link = |s: &str| {
        let _ = black_box(ConnectUrl::from_str(black_box(s)));
    };
    let link_all = |s: &str| {
        let _ = black_box(ConnectUrl::read(black_box(s)));
    };
    println!("| input | N | size N | time N | size 10·N | time 10·N | ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    row(
        "`Callback::from_query`, N distinct parameters",
        700,
        distinct_query,
        |q| {
            let _ = black_box(Callback::from_query(black_box(q)));
        },
    );
    row(
        "`Callback::from_query`, N distinct parameters (over the limit)",
        5_000,
        distinct_query,
        |q| {
            let _ = black_box(Callback::from_query(black_box(q)));
        },
    );
    row(
        "`ConnectUrl::read`, N flags",
        600,
        |n| link_with(&format!("&flags={}", flags_text(n).replace(' ', "%20"))),
        link_all,
    );
    row(
        "`ConnectUrl::read`, N flags (over the limit)",
        10_000,
        |n| link_with(&format!("&flags={}", flags_text(n).replace(' ', "%20"))),
        link_all,
    );
    row("`Flags::from_str`, N flags", 5_000, flags_text, |s| {
        let _ = black_box(s.parse::<Flags>());
    });
    row(
        "`Flags::problems`, N flags, all distinct",
        5_000,
        |n| n.to_string(),
        |n| {
            let n: usize = n.parse().unwrap_or_default();
            let flags: Vec<Flag> = (0..n)
                .filter_map(|i| Flag::new(&format!("f{i}"), "1").ok())
                .collect();
            black_box(connect_core::__private::flags_problems(&flags));
        },
    );
    row(
        "`Scope::problems`, N entries",
        10_000,
        |n| n.to_string(),
        |n| {
            let n: usize = n.parse().unwrap_or_default();
            let entries: Vec<ScopeEntry> = (0..n)
                .map(|i| ScopeEntry::optional(Permission::ALL[i % Permission::ALL.len()]))
                .collect();
            black_box(connect_core::__private::scope_problems(&entries));
        },
    );
    row(
        "`ConnectUrl::read`, N unknown parameters",
        700,
        |n| link_with(&(0..n).map(|i| format!("&x{i}=1")).collect::<String>()),
        link_all,
    );
    row(
        "`ConnectUrl::read`, N unknown parameters (over the limit)",
        10_000,
        |n| link_with(&(0..n).map(|i| format!("&x{i}=1")).collect::<String>()),
        link_all,
    );
    row(
        "`ConnectUrl: FromStr`, unknown permission of N bytes",
        6_000,
        |n| link_with(&format!("&scope={}", "r".repeat(n))),
        link,
    );
    row(
        "`Permission: FromStr`, unknown permission of N bytes",
        100_000,
        |n| "r".repeat(n),
        |s| {
            let _ = black_box(s.parse::<Permission>());
        },
    );
    row(
        "`did_you_mean`, one input of N bytes",
        100_000,
        |n| "r".repeat(n),
        |s| {
            black_box(connect_core::__private::did_you_mean(
                s,
                Permission::ALL.iter().map(|p| p.name()),
            ));
        },
    );
    row(
        "`did_you_mean`, N inputs of 12 bytes",
        10_000,
        |n| n.to_string(),
        |n| {
            let n: usize = n.parse().unwrap_or_default();
            for i in 0..n {
                let name = format!("read_odo{i:04}");
                black_box(connect_core::__private::did_you_mean(
                    &name,
                    Permission::ALL.iter().map(|p| p.name()),
                ));
            }
        },
    );
}
