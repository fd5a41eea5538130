//! The value is a `ConnectUrl` whatever mix of literals and expressions: a
//! redirect URI expression is a `WebRedirectUri`, which goes with any app id, and
//! values may be borrowed (the state is kept for the callback check).
use connect_core::{ClientId, ConnectUrl, ExternalId, State, WebRedirectUri};
use connect_macros::connect_url;

fn main() {
    let web: WebRedirectUri = "http://127.0.0.1:8000/callback".parse().unwrap();
    let literal: ConnectUrl = connect_url!(client_id: "abc", redirect_uri: "http://127.0.0.1:8000/callback", scope: [read_vin]);
    let expression: ConnectUrl =
        connect_url!(client_id: "abc", redirect_uri: web, scope: [read_vin]);
    assert_eq!(literal, expression);

    let client: ClientId = "abc".parse().unwrap();
    let state = State::generate().unwrap();
    let owner: ExternalId = "owner-1".parse().unwrap();
    let borrowed: ConnectUrl = connect_url!(
        application_id: &client,
        state: &state,
        external_id: &owner,
        response_type: none,
    );
    assert!(borrowed.as_str().contains(&format!("&state={state}")));
    assert_eq!(borrowed.request().state(), Some(&state));

    // A mobile redirect URI between literals is checked at compile time.
    let mobile: ConnectUrl = connect_url!(client_id: "abc", redirect_uri: "scabc://callback");
    assert!(mobile
        .as_str()
        .ends_with("&redirect_uri=scabc%3A%2F%2Fcallback"));
}
