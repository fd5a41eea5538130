use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use super::{string_value, ClientId};
use crate::error::{Error, Problem};
use crate::parameter::Parameter;

fn fail(problem: Problem) -> Result<(), Error> {
    Err(Error::new(Parameter::RedirectUri, problem))
}

/// The rules of a redirect URI on its own (SPEC §2, FACTS "Redirect URIs"); the
/// mobile scheme's client id is checked against the link by [`RedirectUri::check_client`].
fn check_redirect_uri(value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return fail(Problem::Empty);
    }
    // `url` would silently strip some whitespace; Smartcar compares the exact string.
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return fail(Problem::Whitespace);
    }
    if let Some(rest) = mobile_parts(value).map(|(_, rest)| rest) {
        return check_mobile(rest);
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(e) => {
            return fail(Problem::RedirectNotAbsolute {
                reason: e.to_string(),
            })
        }
    };
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match url.host() {
                Some(Host::Domain(d)) => d == "localhost",
                Some(Host::Ipv4(ip)) => ip == Ipv4Addr::LOCALHOST,
                Some(Host::Ipv6(ip)) => ip == Ipv6Addr::LOCALHOST,
                None => false,
            };
            if !loopback {
                let host = url.host_str().unwrap_or_default().to_owned();
                return fail(Problem::RedirectInsecure { host });
            }
        }
        scheme => {
            return fail(Problem::RedirectScheme {
                scheme: scheme.to_owned(),
            })
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return fail(Problem::RedirectUserInfo);
    }
    if url.fragment().is_some() {
        return fail(Problem::RedirectFragment);
    }
    Ok(())
}

/// `sc<id>://rest` split into `<id>` and `rest`.
fn mobile_parts(value: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = value.split_once("://")?;
    let id = scheme.strip_prefix("sc")?;
    (!id.is_empty() && !scheme.contains(['/', '?', '#'])).then_some((id, rest))
}

/// `sc<id>://host[/path]`: a host, no user info, no fragment. The id itself is any
/// client id, which may contain `_` and so is not always an RFC 3986 scheme:
/// the rest is checked under a stand-in scheme.
fn check_mobile(rest: &str) -> Result<(), Error> {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return fail(Problem::RedirectMobileHost);
    }
    if authority.contains('@') {
        return fail(Problem::RedirectUserInfo);
    }
    if rest.contains('#') {
        return fail(Problem::RedirectFragment);
    }
    match Url::parse(&format!("sc://{rest}")) {
        Ok(_) => Ok(()),
        Err(e) => fail(Problem::RedirectNotAbsolute {
            reason: e.to_string(),
        }),
    }
}

string_value! {
    /// Where Connect sends the owner back: `https://…`, `http://` on `localhost`,
    /// `127.0.0.1` or `[::1]`, or a mobile app's `sc<client_id>://host[/path]`.
    /// Absolute, with no fragment and no user info.
    ///
    /// Kept and sent exactly as written, never normalised: Smartcar compares it
    /// with the URIs registered in the dashboard as strings.
    ///
    /// ```
    /// use connect_core::{ClientId, RedirectUri};
    ///
    /// let web: RedirectUri = "https://example.com/home".parse()?;
    /// assert_eq!(web.mobile_client_id(), None);
    /// let mobile: RedirectUri = "sc8229df9f-91a0-4ff0-a1ae-a1f38ee24d07://callback".parse()?;
    /// let id: ClientId = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?;
    /// assert_eq!(mobile.mobile_client_id(), Some(id.as_str()));
    /// assert!(mobile.check_client(&id).is_ok());
    /// // Plain http only on loopback.
    /// assert!("http://example.com/home".parse::<RedirectUri>().is_err());
    /// assert!("http://localhost:8000/callback".parse::<RedirectUri>().is_ok());
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    RedirectUri, check_redirect_uri
}

impl RedirectUri {
    /// The client id in a mobile `sc<client_id>://` redirect URI, if it is one.
    #[must_use]
    pub fn mobile_client_id(&self) -> Option<&str> {
        mobile_parts(self.as_str()).map(|(id, _)| id)
    }

    /// The link rule between the two: a mobile redirect URI must carry the link's
    /// own client id (`sc<client_id>://`). Web redirect URIs always pass.
    ///
    /// # Errors
    ///
    /// [`Problem::RedirectMobileMismatch`] when the ids differ.
    pub fn check_client(&self, client_id: &ClientId) -> Result<(), Error> {
        match self.mobile_client_id() {
            Some(found) if found != client_id.as_str() => fail(Problem::RedirectMobileMismatch {
                found: found.to_owned(),
                expected: client_id.as_str().to_owned(),
            }),
            _ => Ok(()),
        }
    }
}

fn check_web_redirect_uri(value: &str) -> Result<(), Error> {
    check_redirect_uri(value)?;
    match mobile_parts(value) {
        Some(_) => fail(Problem::RedirectNotWeb),
        None => Ok(()),
    }
}

string_value! {
    /// A redirect URI that is not a mobile `sc<client_id>://` one: `https://…`, or
    /// `http://` on `localhost`, `127.0.0.1` or `[::1]`.
    ///
    /// This is the type of a `redirect_uri` expression in `connect_url!`: a web
    /// redirect URI goes with any app id, so the link is right whatever the app id
    /// turns out to be at run time. A mobile redirect URI must carry the link's own
    /// app id, which the macro checks only between literals; [`RedirectUri`] and
    /// [`ConnectUrl::builder`](crate::ConnectUrl::builder) take either kind.
    ///
    /// ```
    /// use connect_core::{RedirectUri, WebRedirectUri};
    ///
    /// let web: WebRedirectUri = "https://example.com/home".parse()?;
    /// let any: RedirectUri = web.into();
    /// assert_eq!(any.as_str(), "https://example.com/home");
    /// assert!("sc8229df9f-91a0-4ff0-a1ae-a1f38ee24d07://callback".parse::<WebRedirectUri>().is_err());
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    WebRedirectUri, check_web_redirect_uri
}

impl From<WebRedirectUri> for RedirectUri {
    fn from(web: WebRedirectUri) -> RedirectUri {
        RedirectUri(web.0)
    }
}

impl TryFrom<RedirectUri> for WebRedirectUri {
    type Error = Error;

    /// The same redirect URI, unless it is a mobile one.
    fn try_from(uri: RedirectUri) -> Result<WebRedirectUri, Error> {
        match uri.mobile_client_id() {
            Some(_) => Err(Error::new(Parameter::RedirectUri, Problem::RedirectNotWeb)),
            None => Ok(WebRedirectUri(uri.0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(s: &str) -> Problem {
        let e = s.parse::<RedirectUri>().unwrap_err();
        assert_eq!(e.parameter(), Some(Parameter::RedirectUri));
        e.problem().clone()
    }

    #[test]
    fn accepts_https_loopback_http_and_mobile() {
        for uri in [
            "https://example.com/home",
            "https://example.com",
            "https://example.com:8443/cb?x=1",
            "http://localhost:8000/callback",
            "http://LOCALHOST/callback",
            "http://127.0.0.1:3000/cb",
            "http://[::1]:3000/cb",
            "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback",
            "scclient_abc://callback/path",
        ] {
            let parsed: RedirectUri = uri.parse().unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert_eq!(parsed.as_str(), uri, "kept as written");
        }
    }

    #[test]
    fn refuses_each_rule() {
        assert_eq!(problem(""), Problem::Empty);
        assert_eq!(problem("https://example.com/ home"), Problem::Whitespace);
        assert_eq!(problem("https://example.com/\n"), Problem::Whitespace);
        assert!(matches!(
            problem("/callback"),
            Problem::RedirectNotAbsolute { .. }
        ));
        assert!(matches!(
            problem("example.com/callback"),
            Problem::RedirectNotAbsolute { .. }
        ));
        assert_eq!(
            problem("https://example.com/#top"),
            Problem::RedirectFragment
        );
        assert_eq!(problem("https://example.com/#"), Problem::RedirectFragment);
        assert_eq!(
            problem("https://me:pw@example.com/"),
            Problem::RedirectUserInfo
        );
        assert_eq!(
            problem("https://me@example.com/"),
            Problem::RedirectUserInfo
        );
        assert_eq!(
            problem("http://example.com/cb"),
            Problem::RedirectInsecure {
                host: "example.com".into()
            }
        );
        assert_eq!(
            problem("http://127.0.0.2/cb"),
            Problem::RedirectInsecure {
                host: "127.0.0.2".into()
            }
        );
        assert_eq!(
            problem("ftp://example.com/"),
            Problem::RedirectScheme {
                scheme: "ftp".into()
            }
        );
        assert_eq!(
            problem("sc://callback"),
            Problem::RedirectScheme {
                scheme: "sc".into()
            }
        );
        assert_eq!(problem("sc123://"), Problem::RedirectMobileHost);
        assert_eq!(problem("sc123:///path"), Problem::RedirectMobileHost);
        assert_eq!(problem("sc123://u@callback"), Problem::RedirectUserInfo);
        assert_eq!(problem("sc123://callback#x"), Problem::RedirectFragment);
        assert!(matches!(
            problem("sc123://host:port"),
            Problem::RedirectNotAbsolute { .. }
        ));
    }

    #[test]
    fn mobile_scheme_must_carry_the_client_id() {
        let uri: RedirectUri = "scclient123://test".parse().unwrap();
        assert_eq!(uri.mobile_client_id(), Some("client123"));
        assert!(uri.check_client(&"client123".parse().unwrap()).is_ok());
        let e = uri.check_client(&"other".parse().unwrap()).unwrap_err();
        assert_eq!(
            e.problem(),
            &Problem::RedirectMobileMismatch {
                found: "client123".into(),
                expected: "other".into()
            }
        );
        assert_eq!(
            e.help().as_deref(),
            Some("a mobile redirect URI begins with `sc` and the app id: `scother://…`")
        );
        let web: RedirectUri = "https://example.com".parse().unwrap();
        assert_eq!(web.mobile_client_id(), None);
        assert!(web.check_client(&"anything".parse().unwrap()).is_ok());
    }

    #[test]
    fn web_redirect_refuses_mobile_schemes() {
        let web: WebRedirectUri = "http://localhost:8000/cb".parse().unwrap();
        assert_eq!(RedirectUri::from(web).as_str(), "http://localhost:8000/cb");
        let any: RedirectUri = "https://example.com/cb".parse().unwrap();
        assert_eq!(
            WebRedirectUri::try_from(any).unwrap().as_str(),
            "https://example.com/cb"
        );
        let mobile: RedirectUri = "scabc://cb".parse().unwrap();
        assert!(WebRedirectUri::try_from(mobile).is_err());
        let e = "scabc://cb".parse::<WebRedirectUri>().unwrap_err();
        assert_eq!(e.problem(), &Problem::RedirectNotWeb);
        assert_eq!(
            "http://example.com"
                .parse::<WebRedirectUri>()
                .unwrap_err()
                .problem(),
            &Problem::RedirectInsecure {
                host: "example.com".into()
            }
        );
    }
}
