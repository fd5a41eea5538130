//! Whether the expansion runs in rust-analyzer, which expands proc macros in a
//! process of its own: `rust-analyzer-proc-macro-srv` from the toolchain, or the
//! `rust-analyzer` binary itself in older setups. Only there does a literal link
//! carry its hover items (a `use` of each key's `Parameter` variant, each
//! permission's and make's constant, each word's variant, with the user's spans):
//! rustc would parse them and type-check their item in every `cargo check` of every
//! link, a cost the 200-link comparison with the builder shows
//! (`python3 bench/compile_time.py 9 --defaults-only`; BENCHMARKS.md), for hover
//! text that no compiler shows.
//!
//! Another host (rustc, clippy-driver, rustdoc, or an IDE that names its expander
//! otherwise) gets the link without them, which compiles to the same program.

use std::path::Path;
use std::sync::OnceLock;

/// Whether this process is rust-analyzer's macro expander, read once per process.
pub fn in_rust_analyzer() -> bool {
    static ANSWER: OnceLock<bool> = OnceLock::new();
    *ANSWER.get_or_init(|| std::env::current_exe().is_ok_and(|exe| is_rust_analyzer(&exe)))
}

/// rust-analyzer's executables are named `rust-analyzer…` (`.exe` on Windows, a
/// target triple after it in some distributions).
fn is_rust_analyzer(exe: &Path) -> bool {
    let name = exe.file_name().and_then(|name| name.to_str());
    name.is_some_and(|name| name.starts_with("rust-analyzer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_analyzer_is_told_from_the_compilers_by_its_executable() {
        for exe in [
            "/home/u/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/libexec/rust-analyzer-proc-macro-srv",
            "/c/Users/u/.rustup/toolchains/stable/libexec/rust-analyzer-proc-macro-srv.exe",
            "/home/u/.vscode/extensions/rust-lang.rust-analyzer-0.3.2/server/rust-analyzer",
            "/usr/bin/rust-analyzer-x86_64-unknown-linux-gnu",
        ] {
            assert!(is_rust_analyzer(Path::new(exe)), "{exe}");
        }
        for exe in [
            "/home/u/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc",
            "/home/u/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/clippy-driver",
            "/home/u/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustdoc",
            "/opt/rust-analyzer/bin/rustc",
            "/",
        ] {
            assert!(!is_rust_analyzer(Path::new(exe)), "{exe}");
        }
    }

    #[test]
    fn a_test_binary_is_no_ide() {
        assert!(!in_rust_analyzer());
    }
}
