use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(client_id: "abc", vehicle_id: "v1", response_type: vehicle_id);
}
