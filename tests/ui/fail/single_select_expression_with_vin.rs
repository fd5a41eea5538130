//! `single_select_vin` needs `single_select: true`: a rule between two values,
//! checked at compile time, so `single_select` must be the literal.
use connect_macros::connect_url;

fn main() {
    let one = true;
    let _url = connect_url!(client_id: "abc", single_select: one, single_select_vin: "1HGCM82633A004352");
}
