//! The name the user's crate gives `connect-core`, for the paths of an expansion:
//! `::connect_core`, or `::renamed` for `renamed = { package = "connect-core", … }`
//! (also through `renamed.workspace = true` and `[workspace.dependencies]`).
//!
//! Read from the manifest with `toml_edit`, not with `proc-macro-crate`: that
//! crate asks `cargo locate-project` for the workspace on its first lookup in
//! every crate that uses the macro, a process start that made 200 links compile in
//! 1.58× the time of 200 builder links against 1.32× without it (`python3
//! bench/compile_time.py 5 --defaults-only`, BENCHMARKS.md). Here the workspace
//! manifest is only looked for when a dependency inherits from it, by walking up
//! the directories, and each manifest is read once per process and again only
//! when its modification time changes.
//!
//! When the manifest cannot be read at all (a build driven by something other
//! than Cargo sets no `CARGO_MANIFEST_DIR`), the path is `::connect_core`: only a
//! manifest that was read and lacks connect-core is an error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use toml_edit::{DocumentMut, Item};

use crate::ctxt::Ctxt;

/// connect-core's package name, as its users write it in `[dependencies]`.
const PACKAGE: &str = "connect-core";

/// The path of connect-core in the crate being compiled, or why there is none.
pub fn connect_core_path() -> Result<TokenStream, CratePathError> {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Ok(quote!(::connect_core));
    };
    path_for(cached_lookup(&Path::new(&dir).join("Cargo.toml")))
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

/// What the manifest says, as a path.
fn path_for(lookup: Lookup) -> Result<TokenStream, CratePathError> {
    let name = match lookup {
        Lookup::Name(name) => name,
        Lookup::Missing => return Err(CratePathError::Missing),
        Lookup::Unreadable => return Ok(quote!(::connect_core)),
    };
    match syn::parse_str::<syn::Ident>(&name) {
        Ok(name) => Ok(quote!(::#name)),
        // Cargo accepts no such name; kept an error rather than a panic.
        Err(_) => Err(CratePathError::NotAnIdentifier(name)),
    }
}

/// Manifests read so far in this process (one per crate the macro is used in),
/// with their modification time.
type Cache = HashMap<PathBuf, (Option<SystemTime>, Lookup)>;

/// What this manifest says, read again only when it changed.
fn cached_lookup(manifest: &Path) -> Lookup {
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    let modified = std::fs::metadata(manifest).and_then(|m| m.modified()).ok();
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some((when, lookup)) = cache.get(manifest) {
        if *when == modified && modified.is_some() {
            return lookup.clone();
        }
    }
    let lookup = lookup(manifest);
    cache.insert(manifest.to_owned(), (modified, lookup.clone()));
    lookup
}

fn read(manifest: &Path) -> Option<DocumentMut> {
    std::fs::read_to_string(manifest).ok()?.parse().ok()
}

/// What this manifest's dependencies say of connect-core.
fn lookup(manifest: &Path) -> Lookup {
    let Some(document) = read(manifest) else {
        return Lookup::Unreadable;
    };
    // connect-core's own tests, examples and benches see it under its own name.
    if document
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(Item::as_str)
        == Some(PACKAGE)
    {
        return Lookup::Name(PACKAGE.replace('-', "_"));
    }
    let mut workspace = None;
    let tables = dependency_tables(&document);
    for (key, value) in tables.iter().flat_map(|t| t.iter()) {
        let is_connect_core = match value.get("package").and_then(Item::as_str) {
            Some(package) => package == PACKAGE,
            None if is_workspace(value) => {
                let workspace = workspace.get_or_insert_with(|| workspace_of(manifest));
                let inherited = workspace
                    .as_ref()
                    .and_then(|w| w.get("workspace")?.get("dependencies")?.get(key));
                match inherited
                    .and_then(|d| d.get("package"))
                    .and_then(Item::as_str)
                {
                    Some(package) => package == PACKAGE,
                    None => key == PACKAGE,
                }
            }
            None => key == PACKAGE,
        };
        if is_connect_core {
            return Lookup::Name(key.replace('-', "_"));
        }
    }
    Lookup::Missing
}

/// `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, and the same
/// under each `[target.'…']`.
fn dependency_tables(document: &DocumentMut) -> Vec<&dyn toml_edit::TableLike> {
    let mut tables = kinds(document.as_item());
    if let Some(targets) = document.get("target").and_then(Item::as_table_like) {
        for (_, target) in targets.iter() {
            tables.extend(kinds(target));
        }
    }
    tables
}

/// The three kinds of dependency table directly under `item`.
fn kinds(item: &Item) -> Vec<&dyn toml_edit::TableLike> {
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|kind| item.get(kind)?.as_table_like())
        .collect()
}

fn is_workspace(dependency: &Item) -> bool {
    dependency.get("workspace").and_then(Item::as_bool) == Some(true)
}

/// The workspace manifest above this one: the nearest `Cargo.toml` with a
/// `[workspace]` table, as Cargo finds it.
fn workspace_of(manifest: &Path) -> Option<DocumentMut> {
    manifest
        .parent()?
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("Cargo.toml"))
        .filter(|path| path.is_file())
        .filter_map(|path| read(&path))
        .find(|document| document.contains_key("workspace"))
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
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_manifest_without_connect_core_is_one_error() {
        assert_eq!(
            path_for(Lookup::Missing).err(),
            Some(CratePathError::Missing)
        );
        let unreadable = path_for(Lookup::Unreadable).unwrap().to_string();
        assert_eq!(unreadable, ":: connect_core");
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
        let path = |s: &str| path_for(Lookup::Name(s.to_owned())).map(|p| p.to_string());
        assert_eq!(path("cc"), Ok(":: cc".to_owned()));
        for bad in ["", "1abc", "a b", "type"] {
            assert_eq!(
                path(bad),
                Err(CratePathError::NotAnIdentifier(bad.to_owned()))
            );
        }
    }

    #[test]
    fn this_crates_own_manifest_names_connect_core() {
        // `cargo test` runs with connect-macros' manifest, which inherits
        // connect-core from the workspace.
        assert_eq!(connect_core_path().unwrap().to_string(), ":: connect_core");
    }
}
