// A permission the application may not request: an error on that token, in
// Connect's wording ("Application not authorized to request permission(s): …").
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(
        app: production,
        scope: [required read_odometer, read_location, control_charge],
    );
}
