//! Values forwarded by a `macro_rules!` macro arrive wrapped in invisible groups.
use connect_core::State;
use connect_macros::connect_url;

macro_rules! my_link {
    ($client:literal, $state:expr) => {
        connect_url!(client_id: $client, scope: [read_vin], state: $state)
    };
}

fn main() {
    let state: State = "xyz".parse().unwrap();
    let url = my_link!("abc", state);
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc&scope=read_vin&state=xyz"
    );
}
