//! The token responses on arbitrary bytes and status: tokens or an error, never
//! a panic, and an error's message has no raw control character.
#![no_main]

use std::time::{Duration, SystemTime};

use connect_core::token::http::StatusCode;
use connect_core::token::{ApplicationToken, Tokens};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first two bytes pick the status (100..=999), the rest is the body.
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 900, rest),
        _ => (200, data),
    };
    let Ok(status) = StatusCode::from_u16(status) else { return };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let check = |e: connect_core::token::TokenError| {
        let text = e.to_string();
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(text.len() < 2_000, "{}", text.len());
    };
    if let Err(e) = Tokens::read_parts(status, body, now) {
        check(e);
    }
    if let Err(e) = ApplicationToken::read_parts(status, body, now) {
        check(e);
    }
});
