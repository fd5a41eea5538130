// Independent mistakes of one scope list are each reported once, at their own
// token: a permission the application may not request (`control_trunk`) is not
// hidden by a duplicate (`read_vin`) in the same list.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(
        app: production,
        scope: [control_trunk, read_vin, read_odometer, read_vin],
    );
}
