// Compiled against malformed.toml: each problem of the file is a compile error
// that names smartcar.toml, its line and column, with a help line, once per crate
// (at its first link), not at every link.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(app: production, scope: [read_vin]);
    let _ = connect_url!(app: production, scope: [read_odometer]);
}
