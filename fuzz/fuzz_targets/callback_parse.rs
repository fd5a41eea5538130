//! The redirect-back parser on arbitrary text: never a panic.
#![no_main]

use connect_core::{Callback, State};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let expected: State = "0facda3319".parse().unwrap();
    if let Ok(callback) = Callback::from_query(text) {
        let _ = callback.verify(&expected);
    }
    let _ = Callback::from_url(text);
});
