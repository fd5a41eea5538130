//! `ConnectUrl::from_str` on arbitrary text: never a panic, and whatever parses
//! renders canonically and parses back to itself, within `MAX_URL_LEN` (CI runs it
//! with `-max_len=70000`, above the limit). The same for `BatteryCapacityLink`.
#![no_main]

use connect_core::{BatteryCapacityLink, ConnectUrl, MAX_URL_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for candidate in [
        text.to_owned(),
        format!("https://connect.smartcar.com/oauth/authorize?{text}"),
        format!("https://connect.smartcar.com/oauth/reauthenticate?{text}"),
    ] {
        if let Ok(url) = candidate.parse::<ConnectUrl>() {
            assert!(url.as_str().len() <= MAX_URL_LEN);
            let again: ConnectUrl = url.as_str().parse().expect("a rendered link parses");
            assert_eq!(again, url);
            let _ = url.to_url();
        }
    }
    let battery = format!("https://connect.smartcar.com/battery-capacity?{text}");
    if let Ok(link) = battery.parse::<BatteryCapacityLink>() {
        let again: BatteryCapacityLink = link.as_str().parse().expect("a rendered link parses");
        assert_eq!(again, link);
        let _ = link.to_url();
    }
});
