use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(application_id: "a b", scope: [read_vin]);
}
