// A mobile `sc<id>://` redirect URI of the staging app in a production link: its
// scheme does not carry production's app id, and staging registers it.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(
        app: production,
        redirect_uri: "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback",
    );
}
