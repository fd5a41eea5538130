// An app name or app id that is written but refused is reported on its token,
// and nothing else: the link names its application, so no "the registration
// declares several applications, and the link names none" follows.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(client_id: "8229df9f 91a0-4ff0-a1ae-a1f38ee24d07", scope: [read_vin]);
    let _ = connect_url!(app: "production", scope: [read_vin]);
    let _ = connect_url!(app: production::x, scope: [read_vin]);
    let _ = connect_url!(app: , scope: [read_vin]);
    let _ = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        application_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [read_vin],
    );
}
