use connect_macros::connect_url;

// The v3 API credential (`client_…`) is not a Connect app id: Connect answers
// "400: Invalid parameter client_id". Refused under either name.
fn main() {
    let _url = connect_url!(client_id: "client_9a8b7c6d5e4f");
    let _url = connect_url!(application_id: "client_9a8b7c6d5e4f", mode: simulated);
}
