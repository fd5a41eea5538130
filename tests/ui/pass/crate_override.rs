//! `crate = path`: connect-core reached through a re-export, as a crate that wraps
//! `connect_url!` in its own `macro_rules!` writes it (`crate = $crate::connect`).
mod sdk {
    pub use connect_core as connect;

    #[macro_export]
    macro_rules! sdk_link {
        ($($tt:tt)*) => { connect_macros::connect_url!(crate = $crate::sdk::connect, $($tt)*) };
    }
}

fn main() {
    let mode = sdk::connect::Mode::Simulated;
    let literal = sdk_link!(client_id: "abc", scope: [read_vin]);
    let built = sdk_link!(client_id: "abc", mode: mode);
    assert_eq!(
        literal.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc&scope=read_vin"
    );
    assert!(built.as_str().ends_with("&mode=simulated"));
}
