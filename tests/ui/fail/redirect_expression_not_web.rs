use connect_core::RedirectUri;
use connect_macros::connect_url;

fn main() {
    let uri: RedirectUri = "https://example.com/callback".parse().unwrap();
    let _url = connect_url!(client_id: "abc", redirect_uri: uri);
}
