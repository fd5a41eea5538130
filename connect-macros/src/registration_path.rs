//! Where the crate's registration is, with the feature `registration` or without
//! it (the same answer both ways): `smartcar.toml` beside the crate's
//! `Cargo.toml`, else the file the environment variable [`VARIABLE`] names.
//!
//! The variable is for the crates that are built from the application's sources
//! but have no manifest beside its registration: trybuild's generated crate (under
//! `target/tests/trybuild/`), a test crate of a workspace. Set in the
//! application's `.cargo/config.toml` (`[env]`, `relative = true`), it reaches every
//! crate Cargo builds there, trybuild's included, since Cargo looks for its
//! configuration from the directory it runs in upwards.
//!
//! Both are compile inputs of the crate: the expansion reads the variable with
//! `option_env!` ([`track_variable`]), which rustc's dep-info records, so Cargo
//! rebuilds the crate when it changes; the file is included with `include_bytes!`
//! (`registration.rs`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use connect_core::__private::REGISTRATION_FILE_NAME;
use proc_macro2::TokenStream;
use quote::quote;

use crate::messages::Syntax;

/// The environment variable that names the registration's path for a crate that
/// has no `smartcar.toml` beside its `Cargo.toml`.
pub const VARIABLE: &str = "CONNECT_URL_REGISTRATION";

/// Where the registration is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Nowhere: no file beside the manifest, no variable.
    None,
    /// This file.
    File {
        /// Its path.
        path: PathBuf,
        /// How messages name it: `smartcar.toml`, or the file name of the
        /// variable's path.
        shown: String,
    },
    /// Something that is not a registration where one is looked for: the error.
    Wrong {
        /// Where (for the once-per-crate report).
        path: PathBuf,
        /// The message and its help.
        words: (String, Option<String>),
    },
}

/// The crate's registration, as the environment of this expansion says.
pub fn locate() -> Location {
    let beside = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(|dir| Path::new(&dir).join(REGISTRATION_FILE_NAME));
    let named = std::env::var_os(VARIABLE).filter(|value| !value.is_empty());
    locate_in(beside, named)
}

/// [`locate`], given the path beside the manifest and the variable's value.
fn locate_in(beside: Option<PathBuf>, named: Option<OsString>) -> Location {
    if let Some(path) = beside {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {
                return Location::File {
                    path,
                    shown: REGISTRATION_FILE_NAME.to_owned(),
                }
            }
            Ok(_) => {
                let words = Syntax::RegistrationNotAFile {
                    path: REGISTRATION_FILE_NAME,
                    named_by: None,
                }
                .words();
                return Location::Wrong { path, words };
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // There, but unreadable: reading it says why.
            Err(_) => {
                return Location::File {
                    path,
                    shown: REGISTRATION_FILE_NAME.to_owned(),
                }
            }
        }
    }
    let Some(named) = named else {
        return Location::None;
    };
    let path = PathBuf::from(named);
    let given = path.to_string_lossy().into_owned();
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => {
            let shown = path
                .file_name()
                .map_or_else(|| given.clone(), |n| n.to_string_lossy().into_owned());
            Location::File { path, shown }
        }
        Ok(_) => {
            let words = Syntax::RegistrationNotAFile {
                path: &given,
                named_by: Some(VARIABLE),
            }
            .words();
            Location::Wrong { path, words }
        }
        Err(e) => {
            let reason = e.to_string();
            let words = Syntax::RegistrationVariableNowhere {
                variable: VARIABLE,
                path: &given,
                reason: &reason,
            }
            .words();
            Location::Wrong { path, words }
        }
    }
}

/// `const _: Option<&str> = option_env!("CONNECT_URL_REGISTRATION");`: makes the
/// variable an input of the crate (rustc's dep-info lists it, and Cargo rebuilds
/// the crate when it changes), whether it is set or not, so that setting it later
/// is seen. Once per process, that is per crate compilation (as `track` of the
/// file); empty tokens after the first.
pub fn track_variable() -> TokenStream {
    static TRACKED: Mutex<bool> = Mutex::new(false);
    let mut tracked = TRACKED.lock().unwrap_or_else(PoisonError::into_inner);
    if std::mem::replace(&mut *tracked, true) {
        return TokenStream::new();
    }
    variable_tokens()
}

fn variable_tokens() -> TokenStream {
    quote! {
        const _: ::core::option::Option<&str> = ::core::option_env!(#VARIABLE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of its own under the system's temporary one.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("connect-macros-path-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_file_beside_the_manifest_comes_first_then_the_variable() {
        let dir = scratch("order");
        let (crate_dir, app_dir) = (dir.join("crate"), dir.join("app"));
        std::fs::create_dir_all(&crate_dir).unwrap();
        std::fs::create_dir_all(&app_dir).unwrap();
        let beside = crate_dir.join(REGISTRATION_FILE_NAME);
        let named = app_dir.join(REGISTRATION_FILE_NAME);
        std::fs::write(&named, "").unwrap();
        // No file beside: the variable's.
        assert_eq!(
            locate_in(Some(beside.clone()), Some(named.clone().into())),
            Location::File {
                path: named.clone(),
                shown: "smartcar.toml".into()
            }
        );
        assert_eq!(locate_in(Some(beside.clone()), None), Location::None);
        // A file beside: that one.
        std::fs::write(&beside, "").unwrap();
        assert_eq!(
            locate_in(Some(beside.clone()), Some(named.into())),
            Location::File {
                path: beside,
                shown: "smartcar.toml".into()
            }
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_directory_or_a_path_that_is_not_there_is_one_clear_error() {
        let dir = scratch("wrong");
        let beside = dir.join(REGISTRATION_FILE_NAME);
        std::fs::create_dir_all(&beside).unwrap();
        let Location::Wrong { words, .. } = locate_in(Some(beside), None) else {
            panic!("a directory is an error");
        };
        assert_eq!(
            words.0,
            "`smartcar.toml` is a directory, not the application's registration"
        );
        let nowhere = dir.join("nowhere").join(REGISTRATION_FILE_NAME);
        let Location::Wrong { words, .. } = locate_in(None, Some(nowhere.clone().into())) else {
            panic!("a variable that names nothing is an error");
        };
        assert!(
            words.0.starts_with(&format!(
                "`{VARIABLE}` names `{}`, which cannot be read:",
                nowhere.display()
            )),
            "{words:?}"
        );
        assert!(words.1.unwrap().contains("relative = true"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_variable_is_tracked_once_per_crate() {
        assert_eq!(
            variable_tokens().to_string(),
            "const _ : :: core :: option :: Option < & str > = :: core :: option_env ! (\"CONNECT_URL_REGISTRATION\") ;"
        );
        let _ = track_variable();
        assert!(track_variable().is_empty());
    }
}
