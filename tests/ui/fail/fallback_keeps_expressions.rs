//! On error, no `unreachable statement` warning on the next line and no
//! `unused variable` warning for the expressions the invocation mentions.
use connect_core::State;
use connect_macros::connect_url;

fn main() {
    let state = State::generate().unwrap();
    let url = connect_url!(client_id: "", state: state);
    println!("{url}");
}
