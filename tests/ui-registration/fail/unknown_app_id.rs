// An app id no application of the registration has (a typo, or another
// environment's): Connect answers "400: Invalid parameter client_id".
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d08",
        redirect_uri: "https://example.com/callback",
    );
    // Named application, other id.
    let _ = connect_url!(
        app: staging,
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
    );
}
