use connect_macros::connect_url;

fn main() {
    let state = String::from("from-outside");
    let _url = connect_url!(client_id: "abc", state: state, user: "owner");
}
