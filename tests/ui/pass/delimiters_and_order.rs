//! `()`, `[]` and `{}`, keys in any order, with or without a trailing comma.
use connect_macros::connect_url;

fn main() {
    let parens = connect_url!(client_id: "abc", scope: [read_vin], mode: live);
    let brackets = connect_url![mode: live, scope: [read_vin,], client_id: "abc",];
    let braces = connect_url! { scope: [read_vin], client_id: "abc", mode: live };
    assert_eq!(parens, brackets);
    assert_eq!(parens, braces);
    assert_eq!(
        parens.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc&scope=read_vin&mode=live"
    );
}
