//! The trybuild UI suite of `connect_url!`: every diagnostic has a `fail` case
//! (`.rs` + the `.stderr` a user sees), every accepted form a `pass` case that
//! compiles and runs its assertions.
//!
//! The fail cases are one `TestCases` of `compile_fail` alone: trybuild then checks
//! them all in one `cargo check` (cases in parallel, dependencies checked, not
//! built), where a suite with a pass case builds, and builds and runs its cases one
//! by one. The pass cases are this package's test targets instead (see
//! `Cargo.toml`), built with the rest of the workspace.
//!
//! The `.stderr` snapshots depend on the compiler, so the fail cases run only on
//! the stable toolchain they were recorded with; other compilers skip them.

#[path = "support/pass_targets.rs"]
mod pass_targets;

#[rustversion::attr(not(stable(1.95)), ignore)]
#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("fail/*.rs");
}

#[test]
fn every_pass_case_is_a_test_target() {
    pass_targets::every_pass_case_is_a_test_target(include_str!("../Cargo.toml"));
}
