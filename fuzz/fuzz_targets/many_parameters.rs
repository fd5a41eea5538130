//! Slow inputs, not only crashes: the fuzz bytes are a few `name=value` pairs
//! (one a line) that are repeated into a query of thousands of parameters, up to
//! `MAX_URL_LEN` (and one byte over), then read as a redirect back and as a
//! Connect link; their values, repeated, are read as the `scope` and `flags`
//! lists, which have no length limit (up to 1 MiB here). Run with `-timeout=10`:
//! a cost that grows faster than the input shows up as a timeout (100 000 flags
//! took 48 s when `Flags::problems` was quadratic).
//!
//! The first byte chooses how: bit 0 numbers each repeat's names (`x` → `x17`),
//! so parameters and flags are distinct instead of repeated; bit 1 makes the lists
//! 1 MiB instead of 64 KiB; the other bits, how often to repeat (0: as often as
//! fits, n: 64·n times).
#![no_main]

use connect_core::{Callback, ConnectUrl, Flags, Scope, MAX_URL_LEN};
use libfuzzer_sys::fuzz_target;

const LINK: &str = "https://connect.smartcar.com/oauth/authorize?";

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let pairs: Vec<(&str, &str)> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split_once('=').unwrap_or((l, "")))
        .collect();
    if pairs.is_empty() {
        return;
    }
    let numbered = how & 1 == 1;
    let list_budget = if how & 2 == 2 { 1 << 20 } else { MAX_URL_LEN };
    let repeats = match how >> 2 {
        0 => usize::MAX,
        n => usize::from(n) * 64,
    };

    let query_budget = MAX_URL_LEN - LINK.len() + 1;
    let mut query = String::with_capacity(query_budget);
    let mut entries = String::new();
    for i in 0..repeats {
        let before = (query.len(), entries.len());
        for &(name, value) in &pairs {
            let piece = if numbered {
                format!("&{name}{i}={value}")
            } else {
                format!("&{name}={value}")
            };
            if query.len() + piece.len() <= query_budget {
                query.push_str(&piece);
            }
            // Numbered: distinct `name17:value` flags; otherwise the values repeated.
            let entry = if numbered {
                format!(" {name}{i}:{value}")
            } else {
                format!(" {value}")
            };
            if entries.len() + entry.len() <= list_budget {
                entries.push_str(&entry);
            }
        }
        if (query.len(), entries.len()) == before {
            break;
        }
    }

    let _ = Callback::from_query(&query);
    let _ = Callback::from_url(&format!("https://example.com/cb?{query}"));
    let _ = ConnectUrl::read(&format!("{LINK}{query}"));
    let _ = entries.parse::<Scope>();
    let _ = entries.parse::<Flags>();
});
