use connect_core::ClientId;
use connect_macros::connect_url;

fn main() {
    let app: ClientId = "abc".parse().unwrap();
    let _url = connect_url!(application_id: app, redirect_uri: "scabc://callback");
}
