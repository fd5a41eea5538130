//! The application's registration at compile time: `$CARGO_MANIFEST_DIR/smartcar.toml`,
//! else the file `CONNECT_URL_REGISTRATION` names (`registration_path.rs`;
//! connect-core's `registration` module documents the file and its decisions),
//! read once per crate compilation, its problems reported once per crate, and the
//! checks `connect_url!` runs on its literals against it.
//!
//! Compiled with the feature `registration` (`registration_off.rs` stands in
//! without it). The expansion calls, in this order,
//!
//! 1. [`for_expansion`]: [`load`] (`Ok(None)` when the crate has no
//!    `smartcar.toml`: everything as without a registration, `Ok(Some(found))`, or
//!    `Err(e)`: each of [`LoadError::messages`] reported at the call site), then
//!    [`track`] with the `found`: tokens to put beside the expansion (inside its
//!    block), which make the file a compile input, so editing it recompiles the
//!    links (stable Rust has no tracked-path API; `include_bytes!` is tracked by
//!    Cargo's dep-info);
//! 2. [`check`] (from `valid.rs`) with the link's literals ([`Literals`]): the
//!    application chosen (its app id for a link that writes none) and every error,
//!    each tagged with the literal it concerns ([`Tagged`]) so that it is reported
//!    on that token.
//!
//! A proc-macro crate is loaded once per rustc invocation, so the cache below
//! (path → modification time and what was read) makes the file read once per crate
//! compilation, whatever the number of links; a long-lived host (rust-analyzer)
//! reads it again when its modification time changes. A file that does not exist
//! is not tracked (nothing can be on stable Rust): creating one is picked up at the
//! next change of the crate.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use connect_core::registration::{Application, Registration, FILE_NAME};
use connect_core::{Error, Make, Parameter, Permission, RedirectUri};
use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::ctxt::Ctxt;
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

/// Files read so far in this process (one per crate the macro is used in), with
/// their modification time.
type Cache = HashMap<PathBuf, (Option<SystemTime>, Loaded)>;

fn cached(path: &Path, shown: &str) -> Loaded {
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some((when, loaded)) = cache.get(path) {
        if *when == modified {
            return loaded.clone();
        }
    }
    let loaded = read(path, shown);
    cache.insert(path.to_owned(), (modified, loaded.clone()));
    loaded
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

/// Which literal of the link an error concerns, so that it is reported on that
/// token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Literal {
    /// The whole link (no literal to point at: the call site).
    Link,
    /// The value of `app: NAME`.
    App,
    /// The `client_id` / `application_id` literal.
    AppId,
    /// The `redirect_uri` literal.
    RedirectUri,
    /// The scope entry at this index, in the order written.
    Permission(usize),
    /// The `make` value.
    Make,
}

/// An error of the registration's checks and the literal it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Which literal.
    pub literal: Literal,
    /// connect-core's error: message and help.
    pub error: Error,
}

/// What the link says, as far as the registration's checks go: each literal
/// (`None` when absent or written as an expression, which cannot be checked at
/// compile time).
#[derive(Debug, Clone, Copy, Default)]
pub struct Literals<'a> {
    /// `app: NAME`.
    pub app: Option<&'a str>,
    /// The `client_id` or `application_id` literal.
    pub app_id: Option<&'a str>,
    /// Under which name it is written (`client_id` when absent).
    pub app_id_parameter: Option<Parameter>,
    /// The `redirect_uri` literal, already valid on its own (checked by the macro).
    pub redirect_uri: Option<&'a RedirectUri>,
    /// The scope's permissions, in the order written.
    pub permissions: &'a [Permission],
    /// The `make` literal.
    pub make: Option<&'a Make>,
}

/// What [`check`] found: the application (when one could be chosen) and every
/// error.
#[derive(Debug)]
pub struct Checked<'r> {
    /// The link's application: its app id is the link's when the link writes none.
    pub application: Option<&'r Application>,
    /// Every error, in the order of the checks.
    pub errors: Vec<Tagged>,
}

/// The application a link belongs to ([`Registration::resolve`], with
/// did-you-mean on the name and on the app id): `app: NAME`, the literal app id,
/// both, or neither when the registration declares one application.
///
/// # Errors
///
/// An unknown name or app id, an app id not of the named application, or several
/// applications and nothing to choose by.
pub fn resolve<'r>(
    registration: &'r Registration,
    app_name: Option<&str>,
    literal_app_id: Option<&str>,
) -> Result<&'r Application, Error> {
    registration.resolve(app_name, literal_app_id)
}

/// Every check of the link's literals against the registration: the application
/// (see [`resolve`]), the redirect URI registered for it (with a did-you-mean for a
/// near miss, and the application that has it when another does), a mobile
/// `sc<id>://` redirect URI of another app id (when the app id comes from the
/// registration; beside a literal app id the macro's own rule says it), each
/// permission and the make it may request.
pub fn check<'r>(registration: &'r Registration, literals: &Literals<'_>) -> Checked<'r> {
    let mut errors = Vec::new();
    let application = match resolve(registration, literals.app, literals.app_id) {
        Ok(app) => Some(app),
        Err(error) => {
            let literal = match error.parameter() {
                Some(_) => Literal::AppId,
                None if literals.app.is_some() => Literal::App,
                None => Literal::Link,
            };
            // Reported under the name the link writes the app id with.
            let error = match (error.parameter(), literals.app_id_parameter) {
                (Some(_), Some(parameter)) => {
                    connect_core::__private::error(parameter, error.problem().clone())
                }
                _ => error,
            };
            errors.push(Tagged { literal, error });
            None
        }
    };
    let Some(app) = application else {
        return Checked {
            application,
            errors,
        };
    };
    let mut push = |literal, result: Result<(), Error>| {
        if let Err(error) = result {
            errors.push(Tagged { literal, error });
        }
    };
    if let Some(uri) = literals.redirect_uri {
        if literals.app_id.is_none() {
            push(Literal::RedirectUri, app.check_mobile_redirect(uri));
        }
        push(
            Literal::RedirectUri,
            app.check_redirect_uri(registration, uri.as_str()),
        );
    }
    for (i, permission) in literals.permissions.iter().enumerate() {
        push(Literal::Permission(i), app.check_permissions([*permission]));
    }
    if let Some(make) = literals.make {
        push(Literal::Make, app.check_make(make));
    }
    Checked {
        application,
        errors,
    }
}

/// For the link's docs or hover when it carries no `redirect_uri`: where Connect
/// sends the owner back.
pub fn default_redirect_note(app: &Application) -> String {
    format!(
        "no `redirect_uri`: Connect sends the owner back to `{}`, the first redirect URI \
         registered for application `{}` (smartcar.toml)",
        app.default_redirect_uri(),
        app.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCTION: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
    const STAGING: &str = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
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

    #[test]
    fn the_application_comes_from_the_name_the_id_or_the_only_one() {
        let r = two();
        let checked = check(
            &r,
            &Literals {
                app: Some("staging"),
                ..Literals::default()
            },
        );
        assert_eq!(checked.application.map(Application::name), Some("staging"));
        assert!(checked.errors.is_empty());
        let by_id = check(
            &r,
            &Literals {
                app_id: Some(PRODUCTION),
                ..Literals::default()
            },
        );
        assert_eq!(by_id.application.map(Application::name), Some("production"));

        let none = check(&r, &Literals::default());
        assert_eq!(none.errors[0].literal, Literal::Link);
        let typo = check(
            &r,
            &Literals {
                app: Some("stagign"),
                ..Literals::default()
            },
        );
        assert_eq!(typo.errors[0].literal, Literal::App);
        assert_eq!(
            typo.errors[0].error.help().as_deref(),
            Some("did you mean `staging`?")
        );
        let id = check(
            &r,
            &Literals {
                app_id: Some("8229df9f-91a0-4ff0-a1ae-a1f38ee24d7"),
                app_id_parameter: Some(Parameter::ApplicationId),
                ..Literals::default()
            },
        );
        assert_eq!(id.errors[0].literal, Literal::AppId);
        assert_eq!(
            id.errors[0].error.parameter(),
            Some(Parameter::ApplicationId)
        );
        assert!(id.errors[0]
            .error
            .message()
            .ends_with("\"400: Invalid parameter application_id\""));
        assert_eq!(
            id.errors[0].error.help(),
            Some(format!(
                "did you mean `{PRODUCTION}` (application `production`)?"
            ))
        );
        let other = check(
            &r,
            &Literals {
                app: Some("staging"),
                app_id: Some(PRODUCTION),
                ..Literals::default()
            },
        );
        assert_eq!(other.errors[0].literal, Literal::AppId);
        let one = Registration::from_toml(
            "[applications.only]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\n",
            FILE_NAME,
        )
        .unwrap();
        let only = check(&one, &Literals::default());
        assert_eq!(only.application.map(|a| a.app_id().as_str()), Some("x"));
        assert_eq!(
            default_redirect_note(only.application.unwrap()),
            "no `redirect_uri`: Connect sends the owner back to `https://a.example`, the first \
             redirect URI registered for application `only` (smartcar.toml)"
        );
    }

    #[test]
    fn every_literal_is_checked_and_tagged() {
        let r = two();
        let uri: RedirectUri = "https://example.com/callback/".parse().unwrap();
        let make: Make = "BMW".parse().unwrap();
        let checked = check(
            &r,
            &Literals {
                app: Some("production"),
                redirect_uri: Some(&uri),
                permissions: &[
                    Permission::ReadVin,
                    Permission::ReadLocation,
                    Permission::ReadTires,
                ],
                make: Some(&make),
                ..Literals::default()
            },
        );
        let tags: Vec<Literal> = checked.errors.iter().map(|t| t.literal).collect();
        assert_eq!(
            tags,
            [
                Literal::RedirectUri,
                Literal::Permission(1),
                Literal::Permission(2),
                Literal::Make
            ]
        );
        assert_eq!(
            checked.errors[0].error.help().as_deref(),
            Some(
                "did you mean `https://example.com/callback`? (the trailing slash differs); \
                 registered: `https://example.com/callback`, `https://example.com/home`"
            )
        );
        assert!(checked.errors[1]
            .error
            .message()
            .ends_with("\"Application not authorized to request permission(s): read_location\""));
    }

    #[test]
    fn a_mobile_redirect_of_another_app_is_an_error_on_the_literal() {
        let r = two();
        let uri: RedirectUri = format!("sc{STAGING}://callback").parse().unwrap();
        let checked = check(
            &r,
            &Literals {
                app: Some("production"),
                redirect_uri: Some(&uri),
                ..Literals::default()
            },
        );
        let messages: Vec<String> = checked.errors.iter().map(|t| t.error.message()).collect();
        assert_eq!(checked.errors.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with("the mobile `redirect_uri` scheme"),
            "{messages:?}"
        );
        assert!(
            checked.errors[1]
                .error
                .help()
                .unwrap()
                .starts_with(&format!(
                    "`sc{STAGING}://callback` is registered for application `staging`"
                )),
            "{messages:?}"
        );
        let own = check(
            &r,
            &Literals {
                app: Some("staging"),
                redirect_uri: Some(&uri),
                ..Literals::default()
            },
        );
        assert!(own.errors.is_empty());
    }
}
