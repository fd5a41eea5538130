//! Re-authentication: send the owner of an already connected vehicle back through
//! Connect, e.g. after they changed their car brand account's password.
//!
//! `cargo run --example reauthenticate [VEHICLE_ID]`

use connect_core::{State, VehicleId};
use connect_macros::connect_url;

fn main() {
    let vehicle_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "36ab27d0-fd9d-4455-823a-ce30af709ffc".to_owned());
    let vehicle_id: VehicleId = match vehicle_id.parse() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let state = match State::generate() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: no randomness for the state: {e}");
            std::process::exit(1);
        }
    };
    // `vehicle_id` makes it a re-authentication link: `/oauth/reauthenticate`,
    // `response_type=vehicle_id`. On success Connect redirects back with
    // `vehicle_id` and `state` (see `connect_core::Outcome::Reauthenticated`).
    let url = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        vehicle_id: vehicle_id,
        redirect_uri: "https://example.com/home",
        state: state,
    );
    println!("{url}");
}
