//! Instruction counts of one link, for `valgrind --tool=callgrind`, which counts
//! exactly where criterion's nanoseconds move with the machine's load.
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --bin link_instructions
//! valgrind --tool=callgrind --toggle-collect='*contender_*' \
//!     target/release/link_instructions CONTENDER 100000
//! ```
//!
//! Only the named `contender_*` function is counted (callees included), once per
//! link: instructions per link = "Collected" / N. Each contender makes its link
//! and drops it, as a handler that returns it would. CONTENDER is one of
//! `literal`, `literal_then_request`, `static_str`, `runtime_state`, `url_parse_with_params`.

use std::hint::black_box;

use connect_core::{ConnectUrl, State};
use connect_macros::connect_url;

const CLIENT_ID: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
const REDIRECT_URI: &str = "https://example.com/home";
/// The text of the literal link, as a plain string: the floor.
const LINK_TEXT: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code\
    &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07\
    &scope=required%3Aread_odometer%20read_vehicle_info%20read_location\
    &redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=0facda3319";

#[inline(never)]
fn contender_literal() {
    black_box(connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    ));
}

/// What the laziness costs: a fresh literal link whose typed request is read
/// (derived from the text once per program, then looked up).
#[inline(never)]
fn contender_literal_then_request() {
    let url = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    );
    black_box(url.request().scope().is_some());
}

#[inline(never)]
fn contender_static_str() {
    black_box(black_box(LINK_TEXT).len());
}

#[inline(never)]
fn contender_runtime_state(state: State) {
    black_box(connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: state,
    ));
}

#[inline(never)]
fn contender_url_parse_with_params(state: State) {
    black_box(
        url::Url::parse_with_params(
            "https://connect.smartcar.com/oauth/authorize",
            &[
                ("response_type", "code"),
                ("client_id", black_box(CLIENT_ID)),
                (
                    "scope",
                    "required:read_odometer read_vehicle_info read_location",
                ),
                ("redirect_uri", black_box(REDIRECT_URI)),
                ("state", state.as_str()),
            ],
        )
        .expect("a valid URL"),
    );
}

const USAGE: &str = "usage: link_instructions \
    literal|literal_then_request|static_str|runtime_state|url_parse_with_params N";

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(contender), Some(Ok(n))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("{USAGE}");
        return std::process::ExitCode::from(2);
    };
    println!(
        "size_of::<ConnectUrl>() = {} bytes",
        std::mem::size_of::<ConnectUrl>()
    );
    // Same random states for the run-time contenders, made outside the count.
    let states = || (0..n).map(|_| State::generate().expect("OS randomness"));
    match contender.as_str() {
        "literal" => (0..n).for_each(|_| contender_literal()),
        "literal_then_request" => (0..n).for_each(|_| contender_literal_then_request()),
        "static_str" => (0..n).for_each(|_| contender_static_str()),
        "runtime_state" => states().for_each(contender_runtime_state),
        "url_parse_with_params" => states().for_each(contender_url_parse_with_params),
        other => {
            eprintln!("unknown contender `{other}`; {USAGE}");
            return std::process::ExitCode::from(2);
        }
    }
    std::process::ExitCode::SUCCESS
}

#[test]
fn the_floor_reads_the_same_text() {
    let url = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    );
    assert_eq!(url.as_str(), LINK_TEXT);
}
