//! The workspace's end-to-end checks as one test binary: one link of the web stack instead of
//! one per file, and the files' tests run in parallel (`cargo test -p connect-tests --test
//! integration instances::` runs one file's). A new file here is a `mod` below; a file in
//! `tests/` is a binary of its own, as `load.rs` (it times requests under load) and
//! `allocations.rs` (its counting allocator is the whole process's) are.

mod browser;
mod end_to_end;
mod equivalence;
mod instances;
mod registration;
mod serde;
mod stand_in_links;
#[path = "../support/mod.rs"]
mod support;
