//! [`ConnectUrl`]: a checked Connect link, its canonical text, and the renderer
//! that writes it.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use crate::encode::{Length, Sink};
use crate::model::parameter::connect_parameters;
use crate::model::request::ConnectRequest;
use crate::model::value::QueryValue;
use crate::read::link::{read_parts, Parts};
use crate::render::origin::Origin;

/// A Smartcar Connect link whose every value and rule has been checked, with its
/// canonical text (SPEC §4): parameters in a fixed order, only those declared,
/// every value percent-encoded with upper-case hex, and the parameters of a link
/// read from elsewhere that this crate does not model after them.
///
/// `Display` and [`as_str`](Self::as_str) give the text; [`request`](Self::request)
/// the typed parts. `FromStr` reads any Connect link (see [`ConnectUrl::read`]).
///
/// A `ConnectUrl` is a small handle: the text, and the typed request derived from
/// it on first use. A link of `connect_url!` with only literals is a constant
/// whose text was rendered at compile time; a built link costs one allocation.
#[derive(Clone)]
pub struct ConnectUrl {
    text: Cow<'static, str>,
    /// The origin and the typed request, derived from `text` on first use, so
    /// that a literal link is only its text and a built one only allocates it.
    parts: OnceLock<Box<Parts>>,
}

impl ConnectUrl {
    /// A link of canonical text, whose parts are derived when asked for.
    pub(crate) const fn from_canonical_static(text: &'static str) -> Self {
        ConnectUrl {
            text: Cow::Borrowed(text),
            parts: OnceLock::new(),
        }
    }

    /// A link whose parts are already known (reading a link).
    pub(crate) fn from_parts(parts: Parts) -> Self {
        let text = render(&parts.origin, &parts.request);
        ConnectUrl {
            text: Cow::Owned(text),
            parts: OnceLock::from(Box::new(parts)),
        }
    }

    /// Renders the canonical text of a checked request: one allocation, sized
    /// exactly; the parts are derived again if asked for.
    pub(crate) fn render(origin: &Origin, request: &ConnectRequest) -> Self {
        ConnectUrl {
            text: Cow::Owned(render(origin, request)),
            parts: OnceLock::new(),
        }
    }

    /// The link's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
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
        ConnectUrl::render(&origin, self.request())
    }

    /// The link as a `url::Url`.
    ///
    /// # Panics
    ///
    /// Never: the text is an origin that `url` parsed, a fixed path and a query of
    /// unreserved characters and `%XX`, so it always parses.
    #[must_use]
    pub fn to_url(&self) -> url::Url {
        url::Url::parse(&self.text).expect("a rendered Connect URL is a valid URL")
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            // Every constructor checked the link (the builder, the reader, or
            // `connect_url!` at compile time), so its canonical text reads back
            // without an error; the property tests hold this for every link.
            Box::new(read_parts(&self.text).expect("a canonical Connect URL reads back"))
        })
    }
}

/// The canonical text: sized first, then written, so the string is allocated once.
fn render(origin: &Origin, request: &ConnectRequest) -> String {
    let mut length = Length::default();
    write_url(&mut length, origin, request);
    let mut text = String::with_capacity(length.0);
    write_url(&mut text, origin, request);
    debug_assert_eq!(text.len(), length.0);
    text
}

macro_rules! write_optional {
    (
        identity { $( $ivariant:ident $iname:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty, $doc:literal; )* }
    ) => {
        /// Every optional parameter given, in canonical order.
        fn write_optional(out: &mut impl Sink, request: &ConnectRequest) {
            $(
                if let Some(value) = &request.$name {
                    out.raw(concat!("&", stringify!($name), "="));
                    value.write(out);
                }
            )*
        }
    };
}
connect_parameters!(write_optional);

/// The canonical rendering of SPEC §4.
fn write_url(out: &mut impl Sink, origin: &Origin, request: &ConnectRequest) {
    out.raw(origin.as_str());
    out.raw(request.path());
    out.raw("?response_type=");
    out.raw(request.response_type().name());
    out.raw("&");
    out.raw(request.app_id_parameter.name());
    out.raw("=");
    request.app_id.write(out);
    write_optional(out, request);
    for (name, value) in &request.extra {
        out.raw("&");
        out.encoded(name);
        out.raw("=");
        out.encoded(value);
    }
}

/// The text alone: it is canonical, so it says everything the link is.
impl PartialEq for ConnectUrl {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for ConnectUrl {}

impl Hash for ConnectUrl {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Debug for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConnectUrl").field(&self.text).finish()
    }
}

impl fmt::Display for ConnectUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for ConnectUrl {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<ConnectUrl> for String {
    fn from(url: ConnectUrl) -> String {
        url.text.into_owned()
    }
}

impl From<&ConnectUrl> for url::Url {
    fn from(url: &ConnectUrl) -> url::Url {
        url.to_url()
    }
}

crate::serde_impls::as_string!(ConnectUrl);
