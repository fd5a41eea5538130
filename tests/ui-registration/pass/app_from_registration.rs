// The app id comes from the registration: `app: NAME` chooses the application,
// and without `redirect_uri` Connect uses its first registered one.
use connect_macros::connect_url;

fn main() {
    let link = connect_url!(app: production, scope: [required read_odometer, read_vin]);
    assert!(link
        .as_str()
        .contains("client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&"));
    assert_eq!(link.request().redirect_uri(), None);

    let staging = connect_url!(
        app: staging,
        redirect_uri: "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback",
        make: BMW, // staging says nothing of makes: any
    );
    assert_eq!(
        staging.request().client_id().as_str(),
        "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
    );
}
