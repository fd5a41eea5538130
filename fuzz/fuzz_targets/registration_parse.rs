//! The registration's parser (`smartcar.toml`) on arbitrary text, then a link
//! checked against what it read: errors, never a panic.
#![no_main]

use connect_core::__private::near_miss;
use connect_core::registration::Registration;
use connect_core::ConnectUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Registration::from_toml(text, "smartcar.toml") {
        Ok(registration) => {
            let link: ConnectUrl = "https://connect.smartcar.com/oauth/authorize?response_type=code\
                &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=read_vin\
                &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback&make=TESLA"
                .parse()
                .unwrap();
            let _ = registration.check(&link);
            for app in registration.applications() {
                let _ = app.check_redirect_uri(&registration, text);
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    let _ = near_miss(text, ["https://example.com/callback", "sc1://callback"]);
});
