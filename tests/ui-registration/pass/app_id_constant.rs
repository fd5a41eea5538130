// `app_id!` gives an application's app id from the registration as a constant,
// for the code that has no link to take it from (a refresh, a v3 token request).
use connect_core::ClientId;
use connect_macros::{app_id, connect_url};

const PRODUCTION: ClientId = app_id!(production);

fn main() {
    assert_eq!(PRODUCTION.as_str(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
    let staging = app_id!(staging,);
    assert_eq!(staging.as_str(), "4a1b01e5-0497-417c-a30e-6df6ba33ba46");
    // The same id as the link's that names the application.
    let link = connect_url!(app: production, scope: [read_vin]);
    assert_eq!(link.request().client_id(), &PRODUCTION);
}
