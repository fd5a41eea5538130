// A redirect URI the application has not registered: an error on the literal that
// lists the registered ones, with a did-you-mean (here: the trailing slash).
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(
        app: production,
        redirect_uri: "https://example.com/callback/",
        scope: [read_odometer],
    );
    let _ = connect_url!(
        app: production,
        redirect_uri: "https://example.com/callbak",
    );
    // The staging application's redirect URI in a production link.
    let _ = connect_url!(
        app: production,
        redirect_uri: "http://localhost:8000/callback",
    );
}
