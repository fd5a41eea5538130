//! The name the user's crate gives `connect-core`, for the paths of an expansion:
//! `::connect_core`, `::renamed` for `renamed = { package = "connect-core", … }`,
//! or `crate` inside connect-core itself. The manifest is read by
//! `proc-macro-crate`, which caches it per manifest and rereads it when it changes.
//!
//! When the manifest cannot be read at all (a build driven by something other
//! than Cargo sets no `CARGO_MANIFEST_DIR`), the path is `::connect_core`: only a
//! manifest that was read and lacks connect-core is an error.

use proc_macro2::{Span, TokenStream};
use proc_macro_crate::{crate_name, FoundCrate};
use quote::quote;

use crate::ctxt::Ctxt;

/// connect-core's package name, as its users write it in `[dependencies]`.
const PACKAGE: &str = "connect-core";

/// The path of connect-core in the crate being compiled, or why there is none.
pub fn connect_core_path() -> Result<TokenStream, CratePathError> {
    path_for(crate_name(PACKAGE))
}

/// What the lookup found, as a path.
fn path_for(
    found: Result<FoundCrate, proc_macro_crate::Error>,
) -> Result<TokenStream, CratePathError> {
    match found {
        Ok(FoundCrate::Itself) => Ok(quote!(crate)),
        Ok(FoundCrate::Name(name)) => match syn::parse_str::<syn::Ident>(&name) {
            Ok(name) => Ok(quote!(::#name)),
            // Cargo accepts no such name; kept an error rather than a panic.
            Err(_) => Err(CratePathError::NotAnIdentifier(name)),
        },
        Err(proc_macro_crate::Error::CrateNotFound { .. }) => Err(CratePathError::Missing),
        Err(_) => Ok(quote!(::connect_core)),
    }
}

/// Why the expansion cannot name connect-core: one compile error.
#[derive(Debug, PartialEq, Eq)]
pub enum CratePathError {
    /// The user's manifest does not list connect-core.
    Missing,
    /// The manifest names it with something that is not a Rust identifier.
    NotAnIdentifier(String),
}

impl CratePathError {
    pub fn message(&self) -> String {
        match self {
            CratePathError::Missing => "`connect_url!` needs the `connect-core` crate".to_owned(),
            CratePathError::NotAnIdentifier(name) => {
                format!("`connect_url!` cannot name the `connect-core` crate `{name}`")
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            CratePathError::Missing => {
                "add `connect-core` to `[dependencies]` in Cargo.toml".to_owned()
            }
            CratePathError::NotAnIdentifier(_) => {
                "rename the dependency in Cargo.toml to a Rust identifier".to_owned()
            }
        }
    }

    /// Reports this as one error at `span` (the macro's call site).
    pub fn report(&self, span: Span, cx: &mut Ctxt) {
        cx.error(span, self.message(), Some(self.help()));
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn path(found: Result<FoundCrate, proc_macro_crate::Error>) -> String {
        path_for(found).unwrap().to_string()
    }

    #[test]
    fn found_names_become_paths() {
        assert_eq!(
            path(Ok(FoundCrate::Name("connect_core".into()))),
            ":: connect_core"
        );
        assert_eq!(path(Ok(FoundCrate::Name("cc".into()))), ":: cc");
        assert_eq!(path(Ok(FoundCrate::Itself)), "crate");
    }

    #[test]
    fn a_manifest_without_connect_core_is_one_error() {
        let missing = path_for(Err(proc_macro_crate::Error::CrateNotFound {
            crate_name: PACKAGE.into(),
            path: PathBuf::from("/app/Cargo.toml"),
        }));
        assert_eq!(missing.err(), Some(CratePathError::Missing));
        let error = CratePathError::Missing;
        assert_eq!(
            error.message(),
            "`connect_url!` needs the `connect-core` crate"
        );
        assert_eq!(
            error.help(),
            "add `connect-core` to `[dependencies]` in Cargo.toml"
        );
        let mut cx = Ctxt::default();
        error.report(Span::call_site(), &mut cx);
        let errors = cx.into_compile_errors().to_string();
        assert_eq!(errors.matches("compile_error").count(), 1);
        assert!(errors.contains(
            "`connect_url!` needs the `connect-core` crate\\n= help: \
             add `connect-core` to `[dependencies]` in Cargo.toml"
        ));
    }

    #[test]
    fn an_unreadable_manifest_falls_back_to_the_usual_name() {
        let unset = path(Err(proc_macro_crate::Error::CargoManifestDirNotSet));
        assert_eq!(unset, ":: connect_core");
        let absent = path(Err(proc_macro_crate::Error::NotFound(PathBuf::from(
            "/nowhere",
        ))));
        assert_eq!(absent, ":: connect_core");
    }

    #[test]
    fn a_name_that_is_no_identifier_is_an_error_not_a_panic() {
        for name in ["", "1abc", "a b", "type"] {
            assert_eq!(
                path_for(Ok(FoundCrate::Name(name.into()))).err(),
                Some(CratePathError::NotAnIdentifier(name.into()))
            );
        }
    }

    #[test]
    fn this_crates_own_manifest_names_connect_core() {
        // `cargo test` runs with connect-macros' manifest, which depends on connect-core.
        assert_eq!(connect_core_path().unwrap().to_string(), ":: connect_core");
    }
}
