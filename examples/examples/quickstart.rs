//! Quickstart: declare a Smartcar Connect link, checked by the compiler, and print it.
//!
//! Needs no configuration: `cargo run --example quickstart`. Misspell a permission
//! (say `read_odometr`) and `cargo build` tells you, with the fix.

use connect_core::{ConnectUrl, State};
use connect_macros::connect_url;

/// A link with only literals is computed at compile time: it can be a `static`.
static SIMULATED_LINK: ConnectUrl = connect_url!(
    client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
    redirect_uri: "https://example.com/home",
    scope: [required read_odometer, read_vehicle_info, read_location],
    mode: simulated,
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("A link computed at compile time:\n{SIMULATED_LINK}\n");

    // A fresh, unguessable state per owner: keep it (e.g. in a cookie) and check it
    // on the redirect back with `connect_core::Callback::verify`.
    let csrf_state = State::generate()?;
    let url = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: "https://example.com/home",
        scope: [required read_odometer, read_vehicle_info, read_location],
        state: csrf_state,
        mode: simulated,
    );
    println!("The same link with a fresh state:\n{url}\n");

    let request = url.request();
    println!("It requests, in this order:");
    for entry in request.scope().map(|s| s.entries()).unwrap_or_default() {
        let lock = if entry.is_required() {
            "required"
        } else {
            "optional"
        };
        let permission = entry.permission();
        println!(
            "  {:<18} {lock:<8}  {}",
            permission.name(),
            permission.description()
        );
    }
    Ok(())
}
