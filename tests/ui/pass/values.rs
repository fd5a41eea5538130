//! The other accepted value forms: make strings, every flag value, re-authentication.
use connect_macros::connect_url;

fn main() {
    let url = connect_url!(client_id: "abc", make: "NEW_BRAND_2027");
    assert!(url.as_str().ends_with("&make=NEW_BRAND_2027"));
    assert_eq!(url.request().make().unwrap().brand(), None);

    let url = connect_url!(
        client_id: "abc",
        flags: ["country": "GB", "off": false, "negative": -12, "hex": 0x1F, "url": "https://x.io/a:b"],
    );
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc\
         &flags=country%3AGB%20off%3Afalse%20negative%3A-12%20hex%3A31%20url%3Ahttps%3A%2F%2Fx.io%2Fa%3Ab"
    );

    let reauth = connect_url!(client_id: "abc", vehicle_id: "v-1", redirect_uri: "http://localhost:8000/cb", user: "u");
    assert_eq!(
        reauth.as_str(),
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=abc&vehicle_id=v-1\
         &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcb&user=u"
    );
    let every_approval = [
        connect_url!(client_id: "a", approval_prompt: auto),
        connect_url!(client_id: "a", approval_prompt: force),
    ];
    assert!(every_approval[0].as_str().ends_with("approval_prompt=auto"));
    assert!(every_approval[1]
        .as_str()
        .ends_with("approval_prompt=force"));
    let raw = connect_url!(client_id: r"abc", state: r#"say "hi""#);
    assert!(raw.as_str().ends_with("&state=say%20%22hi%22"));
}
