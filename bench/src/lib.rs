//! Benchmarks only: see `benches/links.rs` and `compile_time.sh`.
