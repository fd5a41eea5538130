use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(client_id: "abc", scope: [read_odometer required, read_vin]);
}
