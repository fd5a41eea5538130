use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(crate: connect_core, client_id: "abc");
    let _ = connect_url!(crate = 42, client_id: "abc");
}
