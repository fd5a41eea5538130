//! connect-core through its public API, as one test binary: one link instead of one per file,
//! and the files' tests run in parallel (`cargo test -p connect-core --test public_api parse::`
//! runs one file's). A new file here is a `mod` below; a file in `tests/` is a binary of its
//! own, as `linear_cost.rs` is: it times work, alone.

mod battery_capacity;
mod limits;
mod parse;
mod properties;
mod render;
mod sdk_conformance;
