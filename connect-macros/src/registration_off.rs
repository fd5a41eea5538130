//! Without the feature `registration`: no link is checked against the
//! application's registration, and a crate that has one (`smartcar.toml` beside
//! its `Cargo.toml`) gets a compile error at each link that says to turn the
//! feature on, rather than links silently checked against nothing. The feature
//! costs a user's cold build connect-core's registration module and this
//! crate's checks (BENCHMARKS.md, "A user's cold build"); a crate without the
//! file does not pay for them.

use connect_core::__private::REGISTRATION_FILE_NAME;
use proc_macro2::{Span, TokenStream};

use crate::ctxt::Ctxt;
use crate::messages::Syntax;
use crate::registration_path::{locate, track_variable, Location};

/// Whether the crate declares its application's registration: never usable
/// without the feature.
#[derive(Clone)]
pub enum Registered {
    No,
    /// The crate has a `smartcar.toml`: its error is reported, and nothing it
    /// would give (the app id) is missed.
    Unreadable,
}

/// [`Registered::No`], or, when the crate has a registration (`smartcar.toml`
/// beside `Cargo.toml`, or the file `CONNECT_URL_REGISTRATION` names), the error
/// that says to turn the feature on; where it is not a file, the error the
/// feature gives too. Nothing else is read.
pub fn for_expansion(cx: &mut Ctxt) -> (Registered, Option<TokenStream>) {
    let track = Some(track_variable()).filter(|tokens| !tokens.is_empty());
    match locate() {
        Location::None => (Registered::No, track),
        Location::File { .. } => {
            let file = REGISTRATION_FILE_NAME;
            cx.syntax(Span::call_site(), &Syntax::RegistrationFeatureOff { file });
            (Registered::Unreadable, track)
        }
        Location::Wrong { words, .. } => {
            cx.error(Span::call_site(), words.0, words.1);
            (Registered::Unreadable, track)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_names_the_feature_and_how_to_turn_it_on() {
        let (message, help) = Syntax::RegistrationFeatureOff {
            file: REGISTRATION_FILE_NAME,
        }
        .words();
        assert!(message.contains("`smartcar.toml`"), "{message}");
        let help = help.unwrap();
        assert!(help.contains(r#"features = ["registration"]"#), "{help}");
        // Nothing that does not resolve while the crates are unpublished.
        assert!(!help.contains("version"), "{help}");
        assert!(
            help.contains("connect-core") && help.contains("connect-macros"),
            "{help}"
        );
    }
}
