// Compiled with a directory named smartcar.toml beside the manifest: one clear
// error, the same with the feature `registration` and without it.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", scope: [read_vin]);
    let _ = connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", scope: [read_odometer]);
}
