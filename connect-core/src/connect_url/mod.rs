//! [`ConnectUrl`]: a checked Connect link, its canonical text and its typed parts.
//! It stands above both the renderer (`render/`) and the reader (`read/`): a link is
//! made by the builder ([`builder`]) or by reading ([`report`]), and keeps the
//! typed parts it was made from; a literal link of `connect_url!` derives them from
//! its text once per program.

pub(crate) mod builder;
pub(crate) mod report;

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::model::origin::Origin;
use crate::model::parts::Parts;
use crate::model::request::ConnectRequest;
use crate::read::link::read_parts;
use crate::render::canonical::render;

/// A Smartcar Connect link whose every value and rule has been checked, with its
/// canonical text (SPEC §4): parameters in a fixed order, only those declared,
/// every value percent-encoded with upper-case hex, and the parameters of a link
/// read from elsewhere that this crate does not model after them.
///
/// `Display` and [`as_str`](Self::as_str) give the text; [`request`](Self::request)
/// the typed parts. `FromStr` reads any Connect link (see [`ConnectUrl::read`]).
///
/// A `ConnectUrl` is a small handle: the text, and the typed parts. A built or
/// read link keeps the parts it was made from (two allocations: its text and its
/// parts, shared by its clones). A link of `connect_url!` with only literals is a
/// constant whose text was rendered at compile time: it is only that `&'static
/// str`, and its typed request is derived once per program, on first use, shared
/// by every use of the same link.
///
/// ```
/// use connect_core::{ConnectUrl, Mode};
///
/// let url: ConnectUrl = "https://connect.smartcar.com/oauth/authorize?mode=simulated\
///                        &client_id=8229df9f&response_type=code".parse()?;
/// // The canonical text: parameters in their fixed order.
/// assert_eq!(
///     url.as_str(),
///     "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f&mode=simulated"
/// );
/// assert_eq!(url.request().mode(), Some(&Mode::Simulated));
/// let local = url.with_origin("http://127.0.0.1:4010".parse()?);
/// assert!(local.as_str().starts_with("http://127.0.0.1:4010/oauth/authorize?"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ConnectUrl(Repr);

#[derive(Clone)]
enum Repr {
    /// Rendered at compile time: nothing to drop, and no field to fill in.
    Static(&'static str),
    /// Rendered at run time from the parts it keeps (built or read).
    Owned {
        text: String,
        /// An `Arc`, not a `Box`: its drop of the parts is out of line, so dropping
        /// any link stays a few instructions (a `Box` made every drop save
        /// registers for it; the callgrind measurement in BENCHMARKS.md), and a
        /// clone shares them.
        parts: Arc<Parts>,
    },
}

impl ConnectUrl {
    /// A link of canonical text, rendered at compile time.
    pub(crate) const fn from_canonical_static(text: &'static str) -> Self {
        ConnectUrl(Repr::Static(text))
    }

    /// The link of checked parts (built or read): its canonical text, rendered
    /// once, sized exactly, and the parts kept.
    pub(crate) fn from_parts(parts: Parts) -> Self {
        let text = render(&parts.origin, &parts.request);
        ConnectUrl(Repr::Owned {
            text,
            parts: Arc::new(parts),
        })
    }

    /// The link's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            Repr::Owned { text, .. } => text,
        }
    }

    /// The typed parameters.
    #[must_use]
    pub fn request(&self) -> &ConnectRequest {
        &self.parts().request
    }

    /// The origin the link points at.
    #[must_use]
    pub fn origin(&self) -> &Origin {
        &self.parts().origin
    }

    /// The same link at another origin, e.g. a local Connect stand-in in tests.
    #[must_use]
    pub fn with_origin(&self, origin: Origin) -> ConnectUrl {
        ConnectUrl::from_parts(Parts {
            origin,
            request: self.request().clone(),
        })
    }

    /// The link as a `url::Url`.
    ///
    /// # Panics
    ///
    /// Never: the text is an origin that `url` parsed, a fixed path and a query of
    /// unreserved characters and `%XX`, so it always parses.
    #[must_use]
    pub fn to_url(&self) -> url::Url {
        url::Url::parse(self.as_str()).expect("a rendered Connect URL is a valid URL")
    }

    fn parts(&self) -> &Parts {
        match &self.0 {
            Repr::Static(text) => static_parts(text),
            Repr::Owned { parts, .. } => parts,
        }
    }
}

/// The parts of a link rendered at compile time, derived once per program and
/// kept for its lifetime: there are only as many as the program has literal
/// links, so the memory is bounded by the program text itself. (Not a `const` of
/// the parts in the expansion: it put rustc's type and borrow checks of every
/// literal link over the compile-time budget; `python3 bench/compile_time.py 7
/// --defaults-only`, BENCHMARKS.md, "a literal link's parts as a constant".) Every
/// constructor checked the link, so its canonical text reads back without an
/// error; the property tests hold this for every link.
fn static_parts(text: &'static str) -> &'static Parts {
    static PARTS: OnceLock<Mutex<HashMap<&'static str, &'static Parts>>> = OnceLock::new();
    let cache = PARTS.get_or_init(Mutex::default);
    // A panic while the lock was held left the map whole: every entry is
    // inserted in one step.
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    cache.entry(text).or_insert_with(|| {
        Box::leak(Box::new(
            read_parts(text).expect("a canonical Connect URL reads back"),
        ))
    })
}

/// The text alone: it is canonical, so it says everything the link is.
impl PartialEq for ConnectUrl {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ConnectUrl {}

impl Hash for ConnectUrl {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConnectUrl").field(&self.as_str()).finish()
    }
}

impl fmt::Display for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for ConnectUrl {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<ConnectUrl> for String {
    fn from(url: ConnectUrl) -> String {
        match url.0 {
            Repr::Static(text) => text.to_owned(),
            Repr::Owned { text, .. } => text,
        }
    }
}

impl From<&ConnectUrl> for url::Url {
    fn from(url: &ConnectUrl) -> url::Url {
        url.to_url()
    }
}

crate::serde_impls::as_string!(ConnectUrl);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::ClientId;

    const TEXT: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&scope=read_vin";

    #[test]
    fn a_static_link_derives_its_parts_once_per_program() {
        let (first, second) = (
            ConnectUrl::from_canonical_static(TEXT),
            ConnectUrl::from_canonical_static(TEXT),
        );
        assert!(std::ptr::eq(first.request(), second.request()));
        assert_eq!(first.request().client_id().as_str(), "c");
        assert_eq!(first, TEXT.parse::<ConnectUrl>().unwrap());
        assert_eq!(String::from(first), TEXT);
    }

    #[test]
    fn a_built_link_keeps_its_parts_and_shares_them_with_its_clones() {
        let url = ConnectUrl::builder(ClientId::checked("c")).build().unwrap();
        let clone = url.clone();
        assert!(std::ptr::eq(url.request(), clone.request()));
        assert_eq!(
            url.as_str(),
            "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c"
        );
    }

    #[test]
    fn the_handle_is_at_most_five_words() {
        assert!(std::mem::size_of::<ConnectUrl>() <= 5 * std::mem::size_of::<usize>());
    }
}
