//! Benchmarks only: see `benches/links.rs`, `src/bin/link_instructions.rs` and
//! `compile_time.py`.
