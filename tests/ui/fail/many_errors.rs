use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(scope: [read_vin, read_vin], make: TESLAA, single_select_vin: "1HGCM82633A004352", flags: [country: UK]);
}
