//! The trybuild UI suite of `connect_url!` against the application's registration:
//! `smartcar.toml` (this package's) is copied beside the manifest trybuild
//! generates, `target/tests/trybuild/connect-ui-registration-tests/Cargo.toml`,
//! where the macro looks for it; then `malformed.toml` replaces it for the cases of
//! a malformed registration, `not_utf8.toml` (saved in Windows-1252) for those of a
//! file that is not UTF-8, and a directory of that name for those of a registration
//! that is not a file.
//!
//! The fail cases only, each directory one `cargo check` as in `tests/ui`; the
//! pass cases are this package's test targets (see `Cargo.toml`), compiled beside
//! this package's own `smartcar.toml`.
//!
//! Pinned to the stable toolchain the `.stderr` snapshots are recorded with, like
//! `tests/ui`.

use std::path::{Path, PathBuf};

#[path = "../../ui/tests/support/pass_targets.rs"]
mod pass_targets;

/// Where trybuild builds this package's cases: `<target>/tests/trybuild/<package>/`.
fn generated_package() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

/// Puts `registration` (a file of this package) where the cases' macro reads it.
fn registration(registration: &str) {
    let dir = generated_package();
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::remove_dir(dir.join("smartcar.toml"));
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(registration);
    std::fs::copy(from, dir.join("smartcar.toml")).unwrap();
}

/// Puts a directory named `smartcar.toml` where the cases' macro reads the file.
fn registration_directory() {
    let path = generated_package().join("smartcar.toml");
    let _ = std::fs::remove_file(&path);
    std::fs::create_dir_all(path).unwrap();
}

#[rustversion::attr(not(stable(1.95)), ignore)]
#[test]
fn ui() {
    // Each `TestCases` runs its cases when dropped, at the end of its statement.
    registration("smartcar.toml");
    trybuild::TestCases::new().compile_fail("fail/*.rs");
    registration("malformed.toml");
    trybuild::TestCases::new().compile_fail("fail-malformed/*.rs");
    registration("not_utf8.toml");
    trybuild::TestCases::new().compile_fail("fail-not-utf8/*.rs");
    registration_directory();
    trybuild::TestCases::new().compile_fail("fail-directory/*.rs");
    registration("smartcar.toml");
}

#[test]
fn every_pass_case_is_a_test_target() {
    pass_targets::every_pass_case_is_a_test_target(include_str!("../Cargo.toml"));
}
