//! One request, five ways: the documentation's link with `required:` and a
//! run-time random `state` (except the fully literal macro, which has a fixed one).
//!
//! `cargo bench --manifest-path bench/Cargo.toml`; ratios in BENCHMARKS.md.

use std::hint::black_box;

use connect_core::{ClientId, ConnectUrl, Permission, RedirectUri, Scope, ScopeEntry, State};
use connect_macros::connect_url;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const CLIENT_ID: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
const REDIRECT_URI: &str = "https://example.com/home";
/// The literal link's text as a plain `&'static str`: the floor of a literal link.
const LINK_TEXT: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code\
    &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07\
    &scope=required%3Aread_odometer%20read_vehicle_info%20read_location\
    &redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=0facda3319";

fn links(c: &mut Criterion) {
    // BENCHMARKS.md states the handle's size: it is what a literal link copies.
    println!(
        "size_of::<ConnectUrl>() = {} bytes",
        std::mem::size_of::<ConnectUrl>()
    );
    let mut group = c.benchmark_group("connect_link");
    // A fresh state per iteration, made outside the measurement: every contender
    // gets the same random text, as a web handler would.
    let state = || State::generate().unwrap();

    group.bench_function("connect_url!/literal", |b| {
        b.iter(|| {
            let url = connect_url!(
                client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
                scope: [required read_odometer, read_vehicle_info, read_location],
                redirect_uri: "https://example.com/home",
                state: "0facda3319",
            );
            black_box(url)
        })
    });

    // Floors, for reading the others: reading the literal link's text as a plain
    // `&'static str`, the harness alone, and copying a finished link of the same
    // length into a fresh `String` (one allocation, no rendering).
    let literal = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    );
    assert_eq!(literal.as_str(), LINK_TEXT, "the floor reads the same text");
    group.bench_function("floor/static_str", |b| {
        b.iter(|| black_box(black_box(LINK_TEXT).len()))
    });
    group.bench_function("floor/harness", |b| {
        b.iter_batched(state, black_box, BatchSize::SmallInput)
    });
    let finished = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319000000000000000000000000000000",
    );
    group.bench_function("floor/one_string_copy", |b| {
        b.iter_batched(
            state,
            |s| black_box((s, finished.as_str().to_owned())),
            BatchSize::SmallInput,
        )
    });

    // The same literal link declared once in a `static`: nothing is copied.
    static LINK: ConnectUrl = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    );
    group.bench_function("connect_url!/literal_in_static", |b| {
        b.iter(|| black_box(black_box(&LINK).as_str()))
    });

    group.bench_function("connect_url!/runtime_state", |b| {
        b.iter_batched(
            state,
            |state| {
                black_box(connect_url!(
                    client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
                    scope: [required read_odometer, read_vehicle_info, read_location],
                    redirect_uri: "https://example.com/home",
                    state: state,
                ))
            },
            BatchSize::SmallInput,
        )
    });

    group.bench_function("connect_core_builder", |b| {
        b.iter_batched(
            state,
            |state| {
                let scope = Scope::new([
                    ScopeEntry::required(Permission::ReadOdometer),
                    ScopeEntry::optional(Permission::ReadVehicleInfo),
                    ScopeEntry::optional(Permission::ReadLocation),
                ])
                .unwrap();
                let url = ConnectUrl::builder(ClientId::from_static(black_box(CLIENT_ID)).unwrap())
                    .scope(scope)
                    .redirect_uri(RedirectUri::from_static(black_box(REDIRECT_URI)).unwrap())
                    .state(state)
                    .build()
                    .unwrap();
                black_box(url)
            },
            BatchSize::SmallInput,
        )
    });

    group.bench_function("url_parse_with_params", |b| {
        b.iter_batched(
            state,
            |state| {
                let url = url::Url::parse_with_params(
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
                .unwrap();
                black_box(url)
            },
            BatchSize::SmallInput,
        )
    });

    // The peer cannot mark a permission required; otherwise the same request.
    let peer =
        smartcar::auth_client::AuthClient::new(CLIENT_ID, "client-secret", REDIRECT_URI, false);
    let scope = smartcar::ScopeBuilder::new().add_permissions([
        smartcar::Permission::ReadOdometer,
        smartcar::Permission::ReadVehicleInfo,
        smartcar::Permission::ReadLocation,
    ]);
    group.bench_function("smartcar_1.1.0_get_auth_url", |b| {
        b.iter_batched(
            || {
                smartcar::auth_client::AuthUrlOptionsBuilder::new()
                    .set_state(State::generate().unwrap().to_string())
            },
            |options| black_box(peer.get_auth_url(&scope, Some(&options))),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, links);
criterion_main!(benches);
