//! The origin a link points at: Smartcar's, or a local stand-in's in tests.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Problem};

/// `scheme://host[:port]` of Connect. [`Origin::SMARTCAR`] unless overridden,
/// e.g. for a local stand-in in tests.
///
/// ```
/// use connect_core::Origin;
///
/// let local: Origin = "http://127.0.0.1:4010/".parse()?;
/// assert_eq!(local.as_str(), "http://127.0.0.1:4010");
/// assert_eq!(Origin::default(), Origin::SMARTCAR);
/// assert!("http://127.0.0.1:4010/oauth".parse::<Origin>().is_err());
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin(Cow<'static, str>);

impl Origin {
    /// `https://connect.smartcar.com`.
    pub const SMARTCAR: Origin = Origin(Cow::Borrowed("https://connect.smartcar.com"));

    /// The origin as written in links.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An origin from a parsed URL, which must be `http(s)` with a host and
    /// nothing past the port (a path of `/` is allowed).
    pub(crate) fn from_url(url: &url::Url) -> Result<Origin, Error> {
        let fail = |reason: &str| {
            Err(Error::general(Problem::InvalidOrigin {
                reason: reason.to_owned(),
            }))
        };
        if !matches!(url.scheme(), "http" | "https") {
            return fail("the scheme must be `http` or `https`");
        }
        if !url.username().is_empty() || url.password().is_some() {
            return fail("an origin has no user name or password");
        }
        Ok(Origin(Cow::Owned(url.origin().ascii_serialization())))
    }
}

impl Default for Origin {
    fn default() -> Self {
        Origin::SMARTCAR
    }
}

impl FromStr for Origin {
    type Err = Error;

    /// `http(s)://host[:port]`, optionally with a trailing `/`.
    fn from_str(text: &str) -> Result<Self, Error> {
        let url = url::Url::parse(text).map_err(|e| {
            Error::general(Problem::InvalidOrigin {
                reason: e.to_string(),
            })
        })?;
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::general(Problem::InvalidOrigin {
                reason: "an origin has no path, query or fragment".to_owned(),
            }));
        }
        Origin::from_url(&url)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

crate::serde_impls::as_string!(Origin);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_local_stand_ins() {
        assert_eq!(
            "http://127.0.0.1:8080".parse::<Origin>().unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            "http://localhost:9/".parse::<Origin>().unwrap().as_str(),
            "http://localhost:9"
        );
        assert_eq!(
            "HTTPS://Connect.Smartcar.com".parse::<Origin>().unwrap(),
            Origin::SMARTCAR
        );
    }

    #[test]
    fn refuses_what_is_not_an_origin() {
        for bad in [
            "ftp://x",
            "http://x/path",
            "http://x/?q",
            "https://u@x",
            "localhost:80",
            "",
        ] {
            let e = bad.parse::<Origin>().unwrap_err();
            assert!(
                matches!(e.problem(), Problem::InvalidOrigin { .. }),
                "{bad}"
            );
        }
    }
}
