use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(scope: [read_vin], mode: simulated);
}
