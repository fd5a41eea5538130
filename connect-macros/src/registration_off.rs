//! Without the feature `registration`: no link is checked against the
//! application's registration, and a crate that has one (`smartcar.toml` beside
//! its `Cargo.toml`) gets a compile error at each link that says to turn the
//! feature on, rather than links silently checked against nothing. The feature
//! costs a user's cold build connect-core's registration module and this
//! crate's checks (BENCHMARKS.md, "A user's cold build"); a crate without the
//! file does not pay for them.

use std::path::Path;

use connect_core::__private::REGISTRATION_FILE_NAME;
use proc_macro2::{Span, TokenStream};

use crate::ctxt::Ctxt;
use crate::messages::Syntax;

/// Whether the crate declares its application's registration: never usable
/// without the feature.
#[derive(Clone)]
pub enum Registered {
    No,
    /// The crate has a `smartcar.toml`: its error is reported, and nothing it
    /// would give (the app id) is missed.
    Unreadable,
}

/// [`Registered::No`], or, when the crate has a `smartcar.toml`, the error that
/// says to turn the feature on. Nothing to track: the file is not read.
pub fn for_expansion(cx: &mut Ctxt) -> (Registered, Option<TokenStream>) {
    let has_file =
        std::env::var_os("CARGO_MANIFEST_DIR").is_some_and(|dir| has_registration(Path::new(&dir)));
    if !has_file {
        return (Registered::No, None);
    }
    let file = REGISTRATION_FILE_NAME;
    cx.syntax(Span::call_site(), &Syntax::RegistrationFeatureOff { file });
    (Registered::Unreadable, None)
}

/// Whether `dir` holds a registration file (a directory of that name is none).
fn has_registration(dir: &Path) -> bool {
    dir.join(REGISTRATION_FILE_NAME).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_file_beside_the_manifest_is_seen() {
        let dir = std::env::temp_dir().join(format!("connect-macros-off-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(!has_registration(&dir));
        std::fs::write(dir.join(REGISTRATION_FILE_NAME), "").unwrap();
        assert!(has_registration(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::create_dir_all(dir.join(REGISTRATION_FILE_NAME)).unwrap();
        assert!(!has_registration(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_error_names_the_feature_and_how_to_turn_it_on() {
        let (message, help) = Syntax::RegistrationFeatureOff {
            file: REGISTRATION_FILE_NAME,
        }
        .words();
        assert!(message.contains("`smartcar.toml`"), "{message}");
        let help = help.unwrap();
        assert!(help.contains(r#"features = ["registration"]"#), "{help}");
        assert!(
            help.contains("connect-core") && help.contains("connect-macros"),
            "{help}"
        );
    }
}
