//! A link with an expression is built at run time: a `static` of it is one error,
//! whose function name says why and whose note suggests `LazyLock`.
use connect_core::{ConnectUrl, Mode};
use connect_macros::connect_url;

const MODE: Mode = Mode::Simulated;

static LINK: ConnectUrl = connect_url!(client_id: "abc", mode: MODE, scope: [read_vin]);

fn main() {
    println!("{LINK}");
}
