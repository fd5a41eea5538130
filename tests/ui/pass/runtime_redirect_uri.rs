//! A redirect URI known only at run time may be a mobile `sc<id>://` URI of
//! another application: the one rule checked at run time, so this form is a `Result`.
use connect_core::{ClientId, Parameter, RedirectUri};
use connect_macros::connect_url;

fn main() {
    let web: RedirectUri = "http://127.0.0.1:8000/callback".parse().unwrap();
    let url = connect_url!(client_id: "abc", redirect_uri: web, scope: [read_vin]).unwrap();
    assert!(url.as_str().ends_with("&scope=read_vin&redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Fcallback"));

    let other_app: RedirectUri = "scxyz://callback".parse().unwrap();
    let error = connect_url!(client_id: "abc", redirect_uri: other_app).unwrap_err();
    assert_eq!(error.parameter(), Some(Parameter::RedirectUri));

    // A mobile literal with a client id known only at run time: a `Result` too.
    let client: ClientId = "abc".parse().unwrap();
    assert!(connect_url!(client_id: client.clone(), redirect_uri: "scabc://callback").is_ok());
    assert!(connect_url!(client_id: client, redirect_uri: "scxyz://callback").is_err());
}
