//! Lists of untrusted names in a message (the registration's redirect URIs,
//! app ids, …): quoted, escaped, comma-separated and bounded.

use std::fmt;

use crate::error::Escaped;

/// At most this many items of a list are written, then `and N more`: a
/// registration of thousands of redirect URIs would otherwise make a message of
/// megabytes.
pub(super) const MAX_LISTED: usize = 8;

/// `` `a`, `b`, `c` ``, each escaped, the first [`MAX_LISTED`], then `and N more`.
pub(super) struct Listed<'a, T>(pub(super) &'a [T]);

impl<T: AsRef<str>> fmt::Display for Listed<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().take(MAX_LISTED).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}`", Escaped(item.as_ref()))?;
        }
        if self.0.len() > MAX_LISTED {
            write!(f, " and {} more", self.0.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}

/// `a, b, c` as Connect writes a list in its messages, each escaped, bounded as
/// [`Listed`].
pub(super) struct Plain<'a, T>(pub(super) &'a [T]);

impl<T: AsRef<str>> fmt::Display for Plain<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().take(MAX_LISTED).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            Escaped(item.as_ref()).fmt(f)?;
        }
        if self.0.len() > MAX_LISTED {
            write!(f, " and {} more", self.0.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}

/// Every application as `` `id` (`name`) ``, bounded as [`Listed`].
pub(super) struct Ids<'a>(pub(super) &'a [(String, String)]);

impl fmt::Display for Ids<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, id)) in self.0.iter().take(MAX_LISTED).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}` ({})", Escaped(id), Escaped(name))?;
        }
        if self.0.len() > MAX_LISTED {
            write!(f, " and {} more", self.0.len() - MAX_LISTED)?;
        }
        Ok(())
    }
}
