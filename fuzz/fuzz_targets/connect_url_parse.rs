//! `ConnectUrl::from_str` on arbitrary text: never a panic, and whatever parses
//! renders canonically and parses back to itself.
#![no_main]

use connect_core::ConnectUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for candidate in [text.to_owned(), format!("https://connect.smartcar.com/oauth/authorize?{text}")] {
        if let Ok(url) = candidate.parse::<ConnectUrl>() {
            let again: ConnectUrl = url.as_str().parse().expect("a rendered link parses");
            assert_eq!(again, url);
            let _ = url.to_url();
        }
    }
});
