//! What a file of the user's crate says (its manifest, its registration), read
//! again only when the file's modification time changes: the one cache of the
//! files the macro reads. A proc-macro crate is loaded once per rustc invocation,
//! so each file is read once per crate compilation, whatever the number of links;
//! a long-lived host (rust-analyzer) reads it again when it changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

/// Each file read so far in this process, with its modification time and what
/// was read from it.
pub struct FileCache<T>(Mutex<Option<HashMap<PathBuf, (SystemTime, T)>>>);

impl<T: Clone> FileCache<T> {
    pub const fn new() -> Self {
        FileCache(Mutex::new(None))
    }

    /// What `read` gives for `path`: from the cache while the file's
    /// modification time is the one it was read at. A file without one (absent,
    /// unreadable) is read each time.
    pub fn get(&self, path: &Path, read: impl FnOnce() -> T) -> T {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let cache = cache.get_or_insert_with(HashMap::new);
        if let (Some(modified), Some((when, value))) = (modified, cache.get(path)) {
            if *when == modified {
                return value.clone();
            }
        }
        let value = read();
        if let Some(modified) = modified {
            cache.insert(path.to_owned(), (modified, value.clone()));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_again_only_when_it_changes() {
        let dir = std::env::temp_dir().join(format!("connect-macros-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("file");
        let cache = FileCache::new();
        assert_eq!(cache.get(&path, || 1), 1, "no file: read");
        assert_eq!(cache.get(&path, || 2), 2, "no file: read again");
        std::fs::write(&path, "x").unwrap();
        assert_eq!(cache.get(&path, || 3), 3);
        assert_eq!(cache.get(&path, || 4), 3, "unchanged: from the cache");
        let later = std::fs::metadata(&path).unwrap().modified().unwrap()
            + std::time::Duration::from_secs(10);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert_eq!(cache.get(&path, || 5), 5, "changed: read again");
        let _ = std::fs::remove_dir_all(dir);
    }
}
