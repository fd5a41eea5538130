//! The trybuild UI suite of `connect_url!`: every diagnostic has a `fail` case
//! (`.rs` + the `.stderr` a user sees), every accepted form a `pass` case that
//! compiles and runs its assertions.
//!
//! The `.stderr` snapshots depend on the compiler, so the suite runs only on the
//! stable toolchain it was recorded with; other compilers skip it.

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
    cases.pass("pass/*.rs");
}
