//! The trybuild UI suite of `connect_url!` against the application's registration:
//! `smartcar.toml` (this package's) is copied beside the manifest trybuild
//! generates, `target/tests/trybuild/connect-ui-registration-tests/Cargo.toml`,
//! where the macro looks for it; then `malformed.toml` replaces it for the cases of
//! a malformed registration, `not_utf8.toml` (saved in Windows-1252) for those of a
//! file that is not UTF-8, and a directory of that name for those of a registration
//! that is not a file.
//!
//! Pinned to the stable toolchain the `.stderr` snapshots are recorded with, like
//! `tests/ui`.

use std::path::{Path, PathBuf};

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
    registration("smartcar.toml");
    {
        let cases = trybuild::TestCases::new();
        cases.compile_fail("fail/*.rs");
        cases.pass("pass/*.rs");
        // The cases run when `cases` is dropped, here.
    }
    registration("malformed.toml");
    {
        let cases = trybuild::TestCases::new();
        cases.compile_fail("fail-malformed/*.rs");
    }
    registration("not_utf8.toml");
    {
        let cases = trybuild::TestCases::new();
        cases.compile_fail("fail-not-utf8/*.rs");
    }
    registration_directory();
    {
        let cases = trybuild::TestCases::new();
        cases.compile_fail("fail-directory/*.rs");
    }
    registration("smartcar.toml");
}
