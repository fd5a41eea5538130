//! A scope expression must be a `Scope`: the whole expression is underlined, and
//! the note names only what compiles.
use connect_macros::connect_url;

fn main() {
    let names = vec!["read_vin"];
    let _url = connect_url!(client_id: "abc", scope: names.clone());
}
