// A literal app id chooses its application; registered redirect URIs, permissions
// and makes pass, literal or not.
use connect_macros::connect_url;

static LINK: connect_core::ConnectUrl = connect_url!(
    client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
    redirect_uri: "https://example.com/home",
    scope: [read_vehicle_info],
    make: TESLA,
);

fn main() {
    assert!(LINK
        .as_str()
        .contains("redirect_uri=https%3A%2F%2Fexample.com%2Fhome"));
    let uri: connect_core::WebRedirectUri = "https://example.com/callback".parse().unwrap();
    let built = connect_url!(app: production, redirect_uri: uri);
    assert!(built.as_str().contains("client_id=8229df9f"));
}
