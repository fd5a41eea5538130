//! The pass cases are test targets of their package (`[[test]]`, `harness = false`),
//! listed in its `Cargo.toml`: a case that is not listed would never run.

/// Panics, naming the entry to add, when a `pass/*.rs` of the package is not a
/// test target of its `manifest` (the text of its `Cargo.toml`).
pub fn every_pass_case_is_a_test_target(manifest: &str) {
    let pass = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pass");
    for case in std::fs::read_dir(&pass).unwrap() {
        let file = case.unwrap().file_name().into_string().unwrap();
        let Some(name) = file.strip_suffix(".rs") else {
            continue;
        };
        assert!(
            manifest.contains(&format!("path = \"pass/{file}\"")),
            "pass/{file} is not a test target, so it never runs: add to {}/Cargo.toml\n\n\
             [[test]]\nname = \"{name}\"\npath = \"pass/{file}\"\nharness = false\n",
            env!("CARGO_MANIFEST_DIR")
        );
    }
}
