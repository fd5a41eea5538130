use connect_core::ClientId;
use connect_macros::connect_url;

fn main() {
    let client: ClientId = "abc".parse().unwrap();
    let _url = connect_url!(client_id: client, redirect_uri: "scabc://callback");
}
