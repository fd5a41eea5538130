//! `ConnectUrl`: a checked Connect link and its canonical text.

use std::borrow::Cow;
use std::fmt;

use crate::encode::{encoded_len, push_encoded};
use crate::request::{ConnectRequest, ConnectUrlBuilder};
use crate::{ClientId, Origin};

/// The path of a first connection.
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
/// The path of a re-authentication.
pub const REAUTHENTICATE_PATH: &str = "/oauth/reauthenticate";

/// A Smartcar Connect link whose every value and rule has been checked, with its
/// canonical text (SPEC §4): parameters in a fixed order, only those declared,
/// every value percent-encoded with upper-case hex.
///
/// `Display` and [`as_str`](Self::as_str) give the text; [`request`](Self::request)
/// the typed parts. `FromStr` parses any Connect link and checks it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConnectUrl {
    text: Cow<'static, str>,
    origin: Origin,
    request: ConnectRequest,
}

impl ConnectUrl {
    /// A builder for a link of this application.
    pub fn builder(client_id: ClientId) -> ConnectUrlBuilder {
        ConnectUrlBuilder::new(client_id)
    }

    /// The link's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The typed parameters.
    pub fn request(&self) -> &ConnectRequest {
        &self.request
    }

    /// The origin the link points at.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The same link at another origin, e.g. a local Connect stand-in in tests.
    pub fn with_origin(self, origin: Origin) -> ConnectUrl {
        ConnectUrl::render(origin, self.request)
    }

    /// The link as a `url::Url`.
    pub fn to_url(&self) -> url::Url {
        // The text is an origin that `url` parsed, a fixed path and a query of
        // unreserved characters and `%XX`: it always parses.
        url::Url::parse(&self.text).expect("a rendered Connect URL is a valid URL")
    }

    /// For `connect_url!`: a link at Smartcar's origin whose text was rendered
    /// (by [`ConnectUrl::render`]) at compile time.
    #[doc(hidden)]
    pub const fn __literal(text: &'static str, request: ConnectRequest) -> Self {
        ConnectUrl {
            text: Cow::Borrowed(text),
            origin: Origin::SMARTCAR,
            request,
        }
    }

    /// Renders the canonical text: one allocation, sized exactly.
    pub(crate) fn render(origin: Origin, request: ConnectRequest) -> ConnectUrl {
        let mut length = Length(0);
        write_url(&mut length, &origin, &request);
        let mut text = String::with_capacity(length.0);
        write_url(&mut text, &origin, &request);
        debug_assert_eq!(text.len(), length.0);
        ConnectUrl {
            text: Cow::Owned(text),
            origin,
            request,
        }
    }
}

/// Where the rendering goes: a `String`, or a counter sizing it first, so the two
/// passes cannot disagree.
trait Sink {
    fn raw(&mut self, text: &str);
    fn encoded(&mut self, value: &str);
}

impl Sink for String {
    fn raw(&mut self, text: &str) {
        self.push_str(text);
    }
    fn encoded(&mut self, value: &str) {
        push_encoded(self, value);
    }
}

struct Length(usize);

impl Sink for Length {
    fn raw(&mut self, text: &str) {
        self.0 += text.len();
    }
    fn encoded(&mut self, value: &str) {
        self.0 += encoded_len(value);
    }
}

/// The canonical rendering of SPEC §4.
fn write_url(out: &mut impl Sink, origin: &Origin, r: &ConnectRequest) {
    out.raw(origin.as_str());
    out.raw(r.path());
    out.raw("?response_type=");
    out.raw(r.response_type());
    out.raw("&client_id=");
    out.encoded(r.client_id.as_str());
    if let Some(v) = &r.vehicle_id {
        out.raw("&vehicle_id=");
        out.encoded(v.as_str());
    }
    if let Some(scope) = &r.scope {
        out.raw("&scope=");
        for (i, entry) in scope.entries().iter().enumerate() {
            if i > 0 {
                out.raw("%20");
            }
            if entry.is_required() {
                out.raw("required%3A");
            }
            out.raw(entry.permission().name());
        }
    }
    if let Some(v) = &r.redirect_uri {
        out.raw("&redirect_uri=");
        out.encoded(v.as_str());
    }
    if let Some(v) = &r.state {
        out.raw("&state=");
        out.encoded(v.as_str());
    }
    if let Some(v) = r.approval_prompt {
        out.raw("&approval_prompt=");
        out.raw(v.name());
    }
    if let Some(v) = r.mode {
        out.raw("&mode=");
        out.raw(v.name());
    }
    if let Some(v) = &r.make {
        out.raw("&make=");
        out.encoded(v.as_str());
    }
    if let Some(v) = r.single_select {
        out.raw("&single_select=");
        out.raw(if v { "true" } else { "false" });
    }
    if let Some(v) = &r.single_select_vin {
        out.raw("&single_select_vin=");
        out.encoded(v.as_str());
    }
    if let Some(flags) = &r.flags {
        out.raw("&flags=");
        for (i, flag) in flags.iter().enumerate() {
            if i > 0 {
                out.raw("%20");
            }
            out.encoded(flag.name());
            out.raw("%3A");
            out.encoded(flag.value());
        }
    }
    if let Some(v) = &r.user {
        out.raw("&user=");
        out.encoded(v.as_str());
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
