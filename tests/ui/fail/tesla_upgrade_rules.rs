//! The Tesla permission upgrade is TESLA's only, needs a scope, and its make must
//! be the literal (a make chosen at run time may have no upgrade).
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(client_id: "abc", response_type: vehicle_id, make: BMW, scope: [read_vin]);
    let _ = connect_url!(client_id: "abc", response_type: vehicle_id, make: TESLA);
    let make: connect_core::Make = "TESLA".parse().unwrap();
    let _ = connect_url!(client_id: "abc", response_type: vehicle_id, make: make, scope: [read_vin]);
    let _ = connect_url!(client_id: "abc", response_type: vehicle_id, scope: [read_vin]);
}
