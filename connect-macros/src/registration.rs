//! The application's registration at compile time: `$CARGO_MANIFEST_DIR/smartcar.toml`,
//! else the file `CONNECT_URL_REGISTRATION` names (`registration_path.rs`;
//! connect-core's `registration` module documents the file and its decisions),
//! read once per crate compilation, its problems reported once per crate. The
//! checks of a link's literals against it are connect-core's (`valid.rs` hands
//! the registration to `__private::check`).
//!
//! Compiled with the feature `registration` (`registration_off.rs` stands in
//! without it). The expansion calls [`for_expansion`]: [`load`] (`Ok(None)` when
//! the crate has no `smartcar.toml`: everything as without a registration,
//! `Ok(Some(found))`, or `Err(e)`: each of [`LoadError::messages`] reported at the
//! call site), then [`track`] with the `found`: tokens to put beside the expansion
//! (inside its block), which make the file a compile input, so editing it
//! recompiles the links (stable Rust has no tracked-path API; `include_bytes!` is
//! tracked by Cargo's dep-info).
//!
//! The file is read through the macro's one cache of files (`file_cache.rs`). A
//! file that does not exist is not tracked (nothing can be on stable Rust):
//! creating one is picked up at the next change of the crate.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use connect_core::registration::{Registration, FILE_NAME};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::ctxt::Ctxt;
use crate::file_cache::FileCache;
use crate::registration_path::{locate, track_variable, Location};

/// Whether the crate declares its application's registration (`smartcar.toml`).
#[derive(Clone)]
pub enum Registered {
    No,
    /// Declared, but its own errors are reported: nothing is checked against it,
    /// and nothing it would give (the app id) is missed.
    Unreadable,
    Yes(Arc<Found>),
}

/// The crate's registration for one expansion, its errors reported at the call
/// site of the crate's first link only (a malformed file's problems once per
/// crate, not at every link), and the tokens that make the file and the
/// variable that may name it inputs of the crate ([`track`]).
pub fn for_expansion(cx: &mut Ctxt) -> (Registered, Option<TokenStream>) {
    let mut tokens = track_variable();
    let registered = match load() {
        Ok(None) => Registered::No,
        Ok(Some(found)) => {
            tokens.extend(track(&found));
            Registered::Yes(found)
        }
        Err(error) => {
            if first_report(&error) {
                for (message, help) in error.messages() {
                    cx.error(Span::call_site(), message.clone(), help.clone());
                }
            }
            Registered::Unreadable
        }
    };
    (registered, Some(tokens).filter(|tokens| !tokens.is_empty()))
}

/// Whether `error` is reported for the first time by the crate being compiled: a
/// proc-macro crate is loaded once per rustc invocation, and a long-lived host
/// (rust-analyzer) sets each crate's `CARGO_MANIFEST_DIR` and `CARGO_CRATE_NAME`.
fn first_report(error: &LoadError) -> bool {
    /// The crate (its manifest directory and name) and what it reported.
    type Reported = (Option<OsString>, Option<OsString>, LoadError);
    static REPORTED: Mutex<Vec<Reported>> = Mutex::new(Vec::new());
    let key = (
        std::env::var_os("CARGO_MANIFEST_DIR"),
        std::env::var_os("CARGO_CRATE_NAME"),
        error.clone(),
    );
    let mut reported = REPORTED.lock().unwrap_or_else(PoisonError::into_inner);
    if reported.contains(&key) {
        return false;
    }
    reported.push(key);
    true
}

/// A registration read from a file.
#[derive(Debug)]
pub struct Found {
    /// The file's absolute path.
    pub path: PathBuf,
    /// What it declares.
    pub registration: Registration,
}

/// Why the crate's `smartcar.toml` cannot be used: every problem, each a message
/// with its path, line and column, and its help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    messages: Vec<(String, Option<String>)>,
}

impl LoadError {
    /// `(message, help)` for each problem, e.g. ``smartcar.toml:3:19: unknown
    /// permission `read_vim` `` and ``did you mean `read_vin`?``. The path is the
    /// one relative to the crate's manifest directory, as rustc shows source paths.
    pub fn messages(&self) -> &[(String, Option<String>)] {
        &self.messages
    }
}

/// What one crate's registration is: none, one, or why not.
type Loaded = Result<Option<Arc<Found>>, LoadError>;

/// The registration of the crate being compiled (`$CARGO_MANIFEST_DIR/smartcar.toml`,
/// else the file `CONNECT_URL_REGISTRATION` names: [`locate`]), read at most once
/// per compilation. `Ok(None)` when there is none.
///
/// # Errors
///
/// The file's problems (bytes that are not UTF-8, TOML, keys, values, each with
/// its line), why it could not be read, or what is where it is looked for
/// instead of a file.
pub fn load() -> Loaded {
    match locate() {
        Location::None => Ok(None),
        Location::File { path, shown } => cached(&path, &shown),
        Location::Wrong { words, .. } => Err(LoadError {
            messages: vec![words],
        }),
    }
}

fn cached(path: &Path, shown: &str) -> Loaded {
    static CACHE: FileCache<Loaded> = FileCache::new();
    CACHE.get(path, || read(path, shown))
}

/// Reads and parses one file, shown as `shown` in messages; `Ok(None)` when it
/// does not exist (any more).
fn read(path: &Path, shown: &str) -> Loaded {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(LoadError {
                messages: vec![(
                    format!("cannot read the registration {}: {e}", path.display()),
                    Some(format!(
                        "`{FILE_NAME}` beside `Cargo.toml` is the application's registration: \
                         make it readable, or remove it"
                    )),
                )],
            })
        }
    };
    parse(&bytes, path, shown)
}

/// The bytes of `path` as a registration: each problem `shown:LINE:COLUMN: …`.
fn parse(bytes: &[u8], path: &Path, shown: &str) -> Loaded {
    match Registration::from_bytes(bytes, shown) {
        Ok(registration) => Ok(Some(Arc::new(Found {
            path: path.to_owned(),
            registration,
        }))),
        Err(e) => Err(LoadError {
            messages: e
                .issues()
                .iter()
                .map(|issue| {
                    (
                        format!(
                            "{shown}:{}:{}: {}",
                            issue.line(),
                            issue.column(),
                            issue.error().message()
                        ),
                        issue.error().help(),
                    )
                })
                .collect(),
        }),
    }
}

/// `const _: &[u8] = include_bytes!("/abs/path/smartcar.toml");`: makes the file an
/// input of the crate (Cargo's dep-info lists it), so editing it recompiles the
/// links. An item: it goes inside the expansion's block, before its value, which
/// works in a `static` initialiser too.
///
/// Once per file and process, that is per crate compilation: a crate that is
/// compiled again runs every expansion again, so one input is enough, and a copy
/// of the file in each link made 200 links' `cargo check` markedly slower against
/// the builder's than one copy (`python3 bench/compile_time.py 9 --defaults-only
/// --registration`; figures in BENCHMARKS.md). Empty tokens after the first.
pub fn track(found: &Found) -> TokenStream {
    static TRACKED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let mut tracked = TRACKED.lock().unwrap_or_else(PoisonError::into_inner);
    if tracked.contains(&found.path) {
        return TokenStream::new();
    }
    tracked.push(found.path.clone());
    let path = found.path.to_string_lossy();
    quote! { const _: &[u8] = ::core::include_bytes!(#path); }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
[applications.production]
app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
redirect_uris = ["https://example.com/callback", "https://example.com/home"]
permissions = ["read_odometer", "read_vin"]
makes = ["TESLA"]

[applications.staging]
app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
redirect_uris = ["http://localhost:8000/callback", "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback"]
"#;

    fn two() -> Registration {
        Registration::from_toml(TWO, FILE_NAME).unwrap()
    }

    /// A directory of its own under the system's temporary one.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "connect-macros-registration-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn no_file_is_no_registration_and_a_file_is_read_once() {
        let dir = scratch("once");
        let path = dir.join(FILE_NAME);
        assert!(matches!(cached(&path, FILE_NAME), Ok(None)));
        std::fs::write(&path, TWO).unwrap();
        let first = cached(&path, FILE_NAME).unwrap().unwrap();
        let second = cached(&path, FILE_NAME).unwrap().unwrap();
        assert!(
            Arc::ptr_eq(&first, &second),
            "read once, then from the cache"
        );
        assert_eq!(first.registration.applications().len(), 2);
        assert_eq!(first.path, path);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_malformed_file_gives_each_problem_at_its_line() {
        let text = TWO
            .replace("read_vin", "read_vim")
            .replace("app_id = \"4a1b", "appid = \"4a1b");
        let e = parse(text.as_bytes(), Path::new("/x/smartcar.toml"), FILE_NAME).unwrap_err();
        let messages = e.messages();
        assert_eq!(
            messages[0],
            (
                "smartcar.toml:5:34: unknown permission `read_vim`".to_owned(),
                Some("did you mean `read_vin`?".to_owned())
            )
        );
        assert_eq!(
            messages[1].0,
            "smartcar.toml:8:15: application `staging` has no `app_id`"
        );
        assert_eq!(
            messages[2].0,
            "smartcar.toml:9:1: unknown key `appid` in the registration"
        );
        assert_eq!(messages[2].1.as_deref(), Some("did you mean `app_id`?"));
    }

    #[test]
    fn a_file_not_utf8_names_the_line_and_column_of_its_first_bad_byte() {
        let mut bytes = TWO.as_bytes().to_vec();
        // `makes = ["TESLA"]` → `makes = ["TÉSLA"]` in Windows-1252.
        let at = TWO.find("TESLA").unwrap() + 1;
        bytes[at] = 0xC9;
        let e = parse(&bytes, Path::new("/x/smartcar.toml"), FILE_NAME).unwrap_err();
        assert_eq!(
            e.messages()[0].0,
            "smartcar.toml:6:12: the registration is not valid UTF-8: byte `0xC9`"
        );
        assert_eq!(e.messages().len(), 1);
    }

    #[test]
    fn a_malformed_file_is_reported_once_per_crate() {
        let e = parse(b"[applications", Path::new("/x/smartcar.toml"), FILE_NAME).unwrap_err();
        assert!(first_report(&e));
        assert!(
            !first_report(&e),
            "the second link of the crate reports nothing"
        );
    }

    #[test]
    fn track_includes_the_file_by_its_absolute_path() {
        let found = Found {
            path: PathBuf::from("/work/app/smartcar.toml"),
            registration: two(),
        };
        assert_eq!(
            track(&found).to_string(),
            "const _ : & [u8] = :: core :: include_bytes ! (\"/work/app/smartcar.toml\") ;"
        );
    }
}
