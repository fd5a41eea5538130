//! The name the user's crate gives `connect-core`, for the paths of an expansion:
//! `::connect_core`, or `::renamed` for `renamed = { package = "connect-core", … }`
//! (also through `renamed.workspace = true` and `[workspace.dependencies]`), or
//! the path a leading `crate = some::path,` gives ([`split_override`]) for code
//! that reaches connect-core only through a re-export.
//!
//! Read from the manifest with `toml-span`, not with `proc-macro-crate`: that
//! crate asks `cargo locate-project` for the workspace on its first lookup in
//! every crate that uses the macro, a process start that made 200 links' compile
//! markedly slower against the builder's (`python3 bench/compile_time.py 5
//! --defaults-only`; figures in BENCHMARKS.md). Nor with `toml_edit` (a document
//! model that keeps formatting, for editing): it and its crates (`winnow`,
//! `indexmap`, `hashbrown`, `toml_parser`) were seconds of CPU in a user's cold
//! build for a lookup of one key (`bench/cold_build.py --user-app`, BENCHMARKS.md); `toml-span` is one small crate (plus
//! `smallvec`), and the registration file (issue 18) is read with it too, for its
//! line numbers. Here the workspace manifest is only looked for when a dependency
//! inherits from it, by walking up the directories, and each manifest is read once
//! per process and again only when its modification time changes.
//!
//! When the manifest cannot be read at all (a build driven by something other
//! than Cargo sets no `CARGO_MANIFEST_DIR`), the path is `::connect_core`: only a
//! manifest that was read and lacks connect-core is an error.

use std::path::Path;

use proc_macro2::{Delimiter, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;
use toml_span::Value;

use crate::ctxt::{self, Ctxt};
use crate::file_cache::FileCache;
use crate::messages::Syntax;

/// connect-core's package name, as its users write it in `[dependencies]`.
const PACKAGE: &str = "connect-core";

/// The path of connect-core in the crate being compiled, or why there is none.
pub fn connect_core_path() -> Result<TokenStream, CratePathError> {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Ok(quote!(::connect_core));
    };
    let name = cached_name(&Path::new(&dir).join("Cargo.toml"))?;
    Ok(path(name.as_deref()))
}

/// connect-core's path for one invocation (its `crate = path,` override, else the
/// manifest's name) and the rest of the input; or the compile errors, which name
/// nothing that does not exist.
pub fn for_invocation(
    input: TokenStream,
    cx: &mut Ctxt,
) -> Result<(TokenStream, TokenStream), TokenStream> {
    let (krate, input) = split_override(input).map_err(|error| error.to_compile_error())?;
    Ok((resolve(krate, cx)?, input))
}

/// connect-core's path for an invocation whose parser split off its leading
/// `crate = path` (`written`, up to the first comma), else the manifest's name;
/// or the one compile error (what else the invocation got wrong is not said).
pub fn for_parsed(written: Option<TokenStream>) -> Result<TokenStream, TokenStream> {
    let mut cx = Ctxt::default();
    match written {
        Some(written) => for_invocation(written, &mut cx).map(|(path, _)| path),
        None => resolve(None, &mut cx),
    }
}

/// The override, else the manifest's name; or its error, alone.
fn resolve(krate: Option<TokenStream>, cx: &mut Ctxt) -> Result<TokenStream, TokenStream> {
    krate.map_or_else(connect_core_path, Ok).map_err(|error| {
        error.report(Span::call_site(), cx);
        std::mem::take(cx).into_compile_errors()
    })
}

/// Splits a leading `crate = some::path,` off the macro's input: the path the
/// expansion then uses for connect-core instead of the manifest's name, as
/// serde's `#[serde(crate = "…")]` and bon's `#[builder(crate = …)]` do. For a
/// crate that re-exports connect-core and its own `macro_rules!` wrapper around
/// `connect_url!` (`connect_url!(crate = $crate::connect, …)`), whose users have
/// no connect-core in their manifest.
///
/// The path is any `::`-separated path of identifiers, `$crate`, `crate`, `self`
/// and `super` included, optionally with a leading `::`; a `$path:path` fragment
/// (an invisible group) is taken as it is. Input that does not begin with the
/// word `crate` is returned unchanged, with `None`.
///
/// # Errors
///
/// `crate` followed by anything but `= path` and then a comma or the end: one
/// error, at the token at fault.
pub fn split_override(
    input: TokenStream,
) -> Result<(Option<TokenStream>, TokenStream), syn::Error> {
    let mut tokens = input.clone().into_iter().peekable();
    match tokens.peek() {
        Some(TokenTree::Ident(word)) if word == "crate" => {}
        _ => return Ok((None, input)),
    }
    let word = tokens
        .next()
        .map(|t| t.span())
        .unwrap_or_else(Span::call_site);
    match tokens.next() {
        Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == Spacing::Alone => {}
        Some(TokenTree::Punct(p)) if p.as_char() == ':' => {
            return Err(ctxt::syntax(p.span(), &Syntax::CrateWithColon))
        }
        other => {
            let span = other.map_or(word, |t| t.span());
            return Err(ctxt::syntax(span, &Syntax::CrateWithoutPath));
        }
    }
    let mut path = Vec::new();
    for token in tokens.by_ref() {
        if matches!(&token, TokenTree::Punct(p) if p.as_char() == ',') {
            break;
        }
        path.push(token);
    }
    check_path(&path, word)?;
    Ok((Some(path.into_iter().collect()), tokens.collect()))
}

/// `(::)? segment (:: segment)*`, each segment an identifier, or one invisible
/// group (a `$path:path` fragment of a `macro_rules!`).
fn check_path(path: &[TokenTree], after: Span) -> Result<(), syn::Error> {
    let bad = |span: Span| ctxt::syntax(span, &Syntax::CrateNotAPath);
    if let [TokenTree::Group(group)] = path {
        if group.delimiter() == Delimiter::None {
            return Ok(());
        }
    }
    let mut rest = path;
    let mut expect_ident = true;
    if let [TokenTree::Punct(a), TokenTree::Punct(b), tail @ ..] = rest {
        if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':' {
            rest = tail;
        }
    }
    if rest.is_empty() {
        return Err(bad(path.last().map_or(after, TokenTree::span)));
    }
    while let Some((first, tail)) = rest.split_first() {
        if expect_ident {
            let TokenTree::Ident(_) = first else {
                return Err(bad(first.span()));
            };
            rest = tail;
        } else {
            match rest {
                [TokenTree::Punct(a), TokenTree::Punct(b), tail @ ..]
                    if a.as_char() == ':'
                        && a.spacing() == Spacing::Joint
                        && b.as_char() == ':' =>
                {
                    rest = tail;
                }
                _ => return Err(bad(first.span())),
            }
        }
        expect_ident = !expect_ident;
    }
    if expect_ident {
        // Ends with `::`.
        return Err(bad(path.last().map_or(after, TokenTree::span)));
    }
    Ok(())
}

/// What a manifest says of connect-core.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    /// The name it has in the dependencies, as a Rust identifier.
    Name(String),
    /// The manifest has no connect-core.
    Missing,
    /// The manifest cannot be read.
    Unreadable,
}

/// `::name`, or `::connect_core` when the manifest could not be read.
fn path(name: Option<&str>) -> TokenStream {
    // Checked as an identifier when the manifest was read (`name_for`).
    let name = Ident::new(name.unwrap_or("connect_core"), Span::call_site());
    quote!(::#name)
}

/// What the manifest says: connect-core's name, checked as an identifier, or
/// `None` when the manifest cannot be read.
fn name_for(lookup: Lookup) -> Result<Option<String>, CratePathError> {
    let name = match lookup {
        Lookup::Name(name) => name,
        Lookup::Missing => return Err(CratePathError::Missing),
        Lookup::Unreadable => return Ok(None),
    };
    match syn::parse_str::<syn::Ident>(&name) {
        Ok(_) => Ok(Some(name)),
        // Cargo accepts no such name; kept an error rather than a panic.
        Err(_) => Err(CratePathError::NotAnIdentifier(name)),
    }
}

/// What this manifest says, read and checked again only when it changed (an
/// invocation then pays no parse of the name).
fn cached_name(manifest: &Path) -> Result<Option<String>, CratePathError> {
    static CACHE: FileCache<Result<Option<String>, CratePathError>> = FileCache::new();
    CACHE.get(manifest, || name_for(lookup(manifest)))
}

/// `value[key]`, when `value` is a table that has it.
fn get<'a, 'de>(value: &'a Value<'de>, key: &str) -> Option<&'a Value<'de>> {
    value.as_table()?.get(key)
}

/// `value[key]` as a string.
fn get_str<'a>(value: &'a Value<'_>, key: &str) -> Option<&'a str> {
    get(value, key)?.as_str()
}

/// What this manifest's dependencies say of connect-core.
fn lookup(manifest: &Path) -> Lookup {
    let Some(text) = std::fs::read_to_string(manifest).ok() else {
        return Lookup::Unreadable;
    };
    let Ok(document) = toml_span::parse(&text) else {
        return Lookup::Unreadable;
    };
    // connect-core's own tests, examples and benches see it under its own name.
    if get(&document, "package").and_then(|p| get_str(p, "name")) == Some(PACKAGE) {
        return Lookup::Name(PACKAGE.replace('-', "_"));
    }
    let tables = dependency_tables(&document);
    // The workspace manifest, read and parsed only when a dependency inherits.
    let inherits = tables
        .iter()
        .flat_map(|t| t.values())
        .any(|d| is_workspace(d) && get(d, "package").is_none());
    let workspace_text = if inherits {
        workspace_of(manifest)
    } else {
        None
    };
    let workspace = workspace_text
        .as_deref()
        .and_then(|text| toml_span::parse(text).ok());
    let inherited = workspace
        .as_ref()
        .and_then(|w| get(get(w, "workspace")?, "dependencies"));
    for table in tables {
        // In the order written (the table is sorted by name; spans give the order).
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span.start);
        for (key, value) in entries {
            let key = key.name.as_ref();
            let package = match get_str(value, "package") {
                Some(package) => Some(package),
                None if is_workspace(value) => inherited
                    .and_then(|d| get(d, key))
                    .and_then(|d| get_str(d, "package")),
                None => None,
            };
            if package.unwrap_or(key) == PACKAGE {
                return Lookup::Name(key.replace('-', "_"));
            }
        }
    }
    Lookup::Missing
}

/// `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, and the same
/// under each `[target.'…']`.
fn dependency_tables<'a, 'de>(document: &'a Value<'de>) -> Vec<&'a toml_span::value::Table<'de>> {
    let mut tables = kinds(document);
    if let Some(targets) = get(document, "target").and_then(Value::as_table) {
        for target in targets.values() {
            tables.extend(kinds(target));
        }
    }
    tables
}

/// The dependency tables directly under `value` (with the old spellings
/// `dev_dependencies` and `build_dependencies`, which Cargo still reads).
fn kinds<'a, 'de>(value: &'a Value<'de>) -> Vec<&'a toml_span::value::Table<'de>> {
    [
        "dependencies",
        "dev-dependencies",
        "build-dependencies",
        "dev_dependencies",
        "build_dependencies",
    ]
    .iter()
    .filter_map(|kind| get(value, kind)?.as_table())
    .collect()
}

fn is_workspace(dependency: &Value<'_>) -> bool {
    get(dependency, "workspace").and_then(Value::as_bool) == Some(true)
}

/// The text of the workspace manifest above this one: the nearest `Cargo.toml`
/// with a `[workspace]` table, as Cargo finds it.
fn workspace_of(manifest: &Path) -> Option<String> {
    manifest
        .parent()?
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("Cargo.toml"))
        .filter(|path| path.is_file())
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .find(|text| {
            toml_span::parse(text)
                .ok()
                .is_some_and(|document| get(&document, "workspace").is_some())
        })
}

/// Why the expansion cannot name connect-core: one compile error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CratePathError {
    /// The user's manifest does not list connect-core.
    Missing,
    /// The manifest names it with something that is not a Rust identifier.
    NotAnIdentifier(String),
}

impl CratePathError {
    /// Reports this as one error at `span` (the macro's call site).
    pub fn report(&self, span: Span, cx: &mut Ctxt) {
        match self {
            CratePathError::Missing => cx.syntax(span, &Syntax::CoreCrateMissing),
            CratePathError::NotAnIdentifier(name) => {
                cx.syntax(span, &Syntax::CoreCrateName { name });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// A scratch workspace: `files` written under a fresh directory.
    fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!(
            "connect-macros-crate-path-{name}-{}",
            std::process::id()
        ));
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        root
    }

    fn name(root: &Path, member: &str) -> Lookup {
        lookup(&root.join(member).join("Cargo.toml"))
    }

    #[test]
    fn plain_renamed_inherited_and_target_dependencies() {
        let root = scratch(
            "forms",
            &[
                (
                    "Cargo.toml",
                    "[workspace]\nmembers = [\"*\"]\n[workspace.dependencies]\n\
                     cc = { package = \"connect-core\", version = \"0.1\" }\n\
                     connect-core = \"0.1\"\n",
                ),
                (
                    "plain/Cargo.toml",
                    "[dependencies]\nconnect-core = \"0.1\"\n",
                ),
                (
                    "renamed/Cargo.toml",
                    "[dependencies.links]\npackage = \"connect-core\"\nversion = \"0.1\"\n",
                ),
                (
                    "inherited/Cargo.toml",
                    "[dependencies]\ncc.workspace = true\n",
                ),
                (
                    "inherited_plain/Cargo.toml",
                    "[dev-dependencies]\nconnect-core = { workspace = true }\n",
                ),
                (
                    "target/Cargo.toml",
                    "[target.'cfg(unix)'.dependencies]\ncore2 = { package = \"connect-core\" }\n",
                ),
                ("none/Cargo.toml", "[dependencies]\nurl = \"2\"\n"),
                ("itself/Cargo.toml", "[package]\nname = \"connect-core\"\n"),
                (
                    "old_spelling/Cargo.toml",
                    "[dev_dependencies]\ncc = { package = \"connect-core\", version = \"0.1\" }\n",
                ),
                (
                    "several/Cargo.toml",
                    "[package]\nname = \"app\"\n[dependencies]\nurl = { workspace = true }\n\
                     zz = { path = \"../zz\" }\n\
                     \"quoted\" = { package = \"connect-core\", path = \"../core\" }\n\
                     [dependencies.serde]\nversion = \"1\"\n",
                ),
                (
                    "broken/Cargo.toml",
                    "[dependencies\nconnect-core = \"0.1\"\n",
                ),
            ],
        );
        let some = |s: &str| Lookup::Name(s.to_owned());
        assert_eq!(name(&root, "plain"), some("connect_core"));
        assert_eq!(name(&root, "renamed"), some("links"));
        assert_eq!(name(&root, "inherited"), some("cc"));
        assert_eq!(name(&root, "inherited_plain"), some("connect_core"));
        assert_eq!(name(&root, "target"), some("core2"));
        assert_eq!(name(&root, "none"), Lookup::Missing);
        assert_eq!(name(&root, "itself"), some("connect_core"));
        assert_eq!(name(&root, "absent"), Lookup::Unreadable);
        assert_eq!(name(&root, "old_spelling"), some("cc"));
        assert_eq!(name(&root, "several"), some("quoted"));
        assert_eq!(name(&root, "broken"), Lookup::Unreadable);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_manifest_without_connect_core_is_one_error() {
        assert_eq!(name_for(Lookup::Missing), Err(CratePathError::Missing));
        let unreadable = path(name_for(Lookup::Unreadable).unwrap().as_deref());
        assert_eq!(unreadable.to_string(), ":: connect_core");
        let error = CratePathError::Missing;
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
    fn found_names_become_paths_and_bad_ones_errors() {
        let path_of = |s: &str| {
            let name = name_for(Lookup::Name(s.to_owned()))?;
            Ok(path(name.as_deref()).to_string())
        };
        assert_eq!(path_of("cc"), Ok(":: cc".to_owned()));
        for bad in ["", "1abc", "a b", "type"] {
            assert_eq!(
                path_of(bad),
                Err(CratePathError::NotAnIdentifier(bad.to_owned()))
            );
        }
    }

    /// `(path, rest)` of `split_override`, as text.
    fn split(input: &str) -> Result<(Option<String>, String), String> {
        split_override(input.parse().unwrap())
            .map(|(path, rest)| (path.map(|p| p.to_string()), rest.to_string()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_leading_crate_path_is_split_off() {
        let rest = "client_id : \"x\" , mode : live";
        assert_eq!(
            split(&format!("crate = ::sdk::connect, {rest}")),
            Ok((Some(":: sdk :: connect".to_owned()), rest.to_owned()))
        );
        assert_eq!(
            split(&format!("crate = my_sdk::reexports::connect_core , {rest}")),
            Ok((
                Some("my_sdk :: reexports :: connect_core".to_owned()),
                rest.to_owned()
            ))
        );
        assert_eq!(
            split("crate = crate::connect"),
            Ok((Some("crate :: connect".to_owned()), String::new()))
        );
        assert_eq!(
            split("crate = self::core,"),
            Ok((Some("self :: core".to_owned()), String::new()))
        );
        // Without it, the input is untouched.
        assert_eq!(split(rest), Ok((None, rest.to_owned())));
        assert_eq!(split(""), Ok((None, String::new())));
        assert_eq!(
            split("client_id: \"x\", crate = ::c"),
            Ok((None, "client_id : \"x\" , crate = :: c".to_owned()))
        );
    }

    #[test]
    fn a_macro_rules_path_fragment_is_a_path() {
        use proc_macro2::{Group, Ident};
        // What `connect_url!(crate = $path, …)` receives from a `$path:path`.
        let fragment = Group::new(Delimiter::None, quote!(::sdk::connect));
        let dollar_crate = Ident::new("dollar_crate_stand_in", Span::call_site());
        let input = quote!(crate = #fragment, client_id: "x");
        let (path, rest) = split_override(input).unwrap();
        assert_eq!(path.unwrap().to_string(), fragment.to_string());
        assert_eq!(rest.to_string(), "client_id : \"x\"");
        let input = quote!(crate = #dollar_crate::connect, client_id: "x");
        let (path, _) = split_override(input).unwrap();
        assert_eq!(
            path.unwrap().to_string(),
            "dollar_crate_stand_in :: connect"
        );
    }

    #[test]
    fn a_malformed_crate_path_is_one_error() {
        for (input, message) in [
            ("crate: ::c, client_id: \"x\"", "written `crate = path`"),
            ("crate", "expected `=` and a path after `crate`"),
            ("crate == ::c", "expected `=` and a path after `crate`"),
            ("crate = , client_id: \"x\"", "expected a path"),
            ("crate =", "expected a path"),
            ("crate = ::", "expected a path"),
            ("crate = a::", "expected a path"),
            ("crate = a b", "expected a path"),
            ("crate = a:b", "expected a path"),
            ("crate = \"a\"", "expected a path"),
            ("crate = (a)", "expected a path"),
            ("crate = a::<T>", "expected a path"),
        ] {
            let error = split(input).unwrap_err();
            assert!(error.contains(message), "{input}: {error}");
            assert!(error.contains("= help: "), "{input}: {error}");
        }
    }

    #[test]
    fn this_crates_own_manifest_names_connect_core() {
        // `cargo test` runs with connect-macros' manifest, which inherits
        // connect-core from the workspace.
        assert_eq!(connect_core_path().unwrap().to_string(), ":: connect_core");
    }
}
