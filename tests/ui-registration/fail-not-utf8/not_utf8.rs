// Compiled against not_utf8.toml (Windows-1252): one error, at the line and
// column of the first byte that is not UTF-8, at the crate's first link only.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(app: production, scope: [read_vin]);
    let _ = connect_url!(app: production, scope: [read_odometer]);
}
