//! The requests to the token endpoints, as `http::Request<Vec<u8>>`.

use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT as USER_AGENT_HEADER};
use http::Method;

use super::error::TokenError;
use super::secret::{Credentials, RefreshToken};
use super::{APPLICATION_TOKEN_PATH, AUTH_ORIGIN, IAM_ORIGIN, TOKEN_PATH, USER_AGENT};
use crate::callback::AuthorizationCode;
use crate::connect_url::ConnectUrl;
use crate::encode::push_encoded;
use crate::model::origin::Origin;
use crate::model::value::QueryValue;
use crate::model::value::{Flags, RedirectUri};

/// `application/x-www-form-urlencoded`: the body of every token request.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// What a token request asks for.
#[derive(Debug, Clone)]
enum Grant<'a> {
    /// `grant_type=authorization_code`, with the link's redirect URI when it has one.
    Code {
        code: &'a AuthorizationCode,
        redirect_uri: Option<&'a RedirectUri>,
        /// The app id of the link, checked against the credentials'.
        link_client_id: &'a crate::model::value::ClientId,
    },
    /// `grant_type=refresh_token`.
    Refresh(&'a RefreshToken),
    /// `grant_type=client_credentials`: the v3 application token.
    ClientCredentials,
}

/// A request to a token endpoint, made into an `http::Request<Vec<u8>>` by
/// [`TokenRequest::to_http`] and sent with whichever HTTP client the
/// application uses.
///
/// - [`TokenRequest::authorization_code`]: the code of the redirect back, for the
///   first tokens. The `redirect_uri` sent is the one of the link the code came
///   from (none when the link had none), and the link's `flags` go in the URL's
///   query, as the official SDKs send them.
/// - [`TokenRequest::refresh`]: new tokens for a refresh token.
/// - [`TokenRequest::client_credentials`]: the v3 API's application token, at
///   `POST https://iam.smartcar.com/oauth2/token`.
///
/// ```
/// use connect_core::token::{Credentials, TokenRequest};
/// use connect_core::{Callback, ConnectUrl, Outcome};
///
/// let link: ConnectUrl = "https://connect.smartcar.com/oauth/authorize?response_type=code\
///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=https%3A%2F%2Fexample.com%2Fhome\
///     &scope=read_odometer&flags=country%3ADE".parse()?;
/// let credentials = Credentials::new(link.request().client_id().clone(), "s3cr3t".parse()?);
/// let Outcome::Code(code) = Callback::from_query("code=c0de")?.outcome().clone() else { panic!() };
///
/// let request = TokenRequest::authorization_code(&link, &code, &credentials).to_http()?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri(), "https://auth.smartcar.com/oauth/token?flags=country%3ADE");
/// assert_eq!(
///     request.headers()["authorization"],
///     "Basic ODIyOWRmOWYtOTFhMC00ZmYwLWExYWUtYTFmMzhlZTI0ZDA3OnMzY3IzdA=="
/// );
/// assert_eq!(request.headers()["content-type"], "application/x-www-form-urlencoded");
/// assert_eq!(
///     request.body().as_slice(),
///     b"grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fexample.com%2Fhome"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a token request does nothing until it is made with `to_http` and sent"]
pub struct TokenRequest<'a> {
    grant: Grant<'a>,
    credentials: &'a Credentials,
    flags: Option<&'a Flags>,
    origin: Option<&'a Origin>,
}

impl<'a> TokenRequest<'a> {
    /// The exchange of the authorization code that the redirect back from `link`
    /// carried ([`Outcome::Code`](crate::Outcome::Code)).
    ///
    /// The `redirect_uri` of the exchange is the link's, so the two cannot differ
    /// (a difference is Smartcar's `invalid_grant` `Unauthorized redirect_uri`);
    /// when the link has none, none is sent. The link's `flags`, if any, go in
    /// the token URL's query.
    ///
    /// ```
    /// use connect_core::token::{Credentials, TokenRequest};
    /// use connect_core::{Callback, ConnectUrl, Outcome};
    ///
    /// // A link without a redirect URI: the exchange sends none (never `undefined`).
    /// let link = ConnectUrl::builder("app-id".parse()?).build()?;
    /// let credentials = Credentials::new("app-id".parse()?, "s3cr3t".parse()?);
    /// let Outcome::Code(code) = Callback::from_query("code=c0de")?.outcome().clone() else { panic!() };
    /// let request = TokenRequest::authorization_code(&link, &code, &credentials).to_http()?;
    /// assert_eq!(request.body().as_slice(), b"grant_type=authorization_code&code=c0de");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorization_code(
        link: &'a ConnectUrl,
        code: &'a AuthorizationCode,
        credentials: &'a Credentials,
    ) -> Self {
        let request = link.request();
        TokenRequest {
            grant: Grant::Code {
                code,
                redirect_uri: request.redirect_uri(),
                link_client_id: request.client_id(),
            },
            credentials,
            flags: request.flags(),
            origin: None,
        }
    }

    /// The exchange of the code that the redirect back of `flow` carried: the flow
    /// keeps the link's app id, `redirect_uri` and `flags`, so the request is the
    /// one [`authorization_code`](Self::authorization_code) makes from the link,
    /// and the two `redirect_uri`s cannot differ.
    ///
    /// ```
    /// use connect_core::token::{Credentials, TokenRequest};
    /// use connect_core::{Callback, ConnectUrl, Outcome, PendingFlow};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let link = ConnectUrl::builder("app-id".parse()?)
    ///     .redirect_uri("https://example.com/home".parse()?)
    ///     .state("0facda3319".parse()?)
    ///     .build()?;
    /// let flow = PendingFlow::begin(&link, SystemTime::now())?;
    /// let credentials = Credentials::new("app-id".parse()?, "s3cr3t".parse()?);
    /// let callback = Callback::from_query("code=c0de&state=0facda3319")?;
    /// let Outcome::Code(code) = flow.verify(callback, SystemTime::now(), Duration::from_secs(600))? else { panic!() };
    /// let request = TokenRequest::from_flow(&flow, &code, &credentials).to_http()?;
    /// assert_eq!(
    ///     request.body().as_slice(),
    ///     b"grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fexample.com%2Fhome"
    /// );
    /// let from_link = TokenRequest::authorization_code(&link, &code, &credentials).to_http()?;
    /// assert_eq!(request.body(), from_link.body());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_flow(
        flow: &'a crate::flow::PendingFlow,
        code: &'a AuthorizationCode,
        credentials: &'a Credentials,
    ) -> Self {
        TokenRequest {
            grant: Grant::Code {
                code,
                redirect_uri: flow.redirect_uri(),
                link_client_id: flow.client_id(),
            },
            credentials,
            flags: flow.flags(),
            origin: None,
        }
    }

    /// New tokens for `refresh_token`. Smartcar rotates it: store the new refresh
    /// token of the answer, the old one stops working.
    ///
    /// ```
    /// use connect_core::token::{Credentials, RefreshToken, TokenRequest};
    ///
    /// let credentials = Credentials::new("app-id".parse()?, "s3cr3t".parse()?);
    /// let token = RefreshToken::new("r3fr3sh")?;
    /// let request = TokenRequest::refresh(&token, &credentials).to_http()?;
    /// assert_eq!(request.uri(), "https://auth.smartcar.com/oauth/token");
    /// assert_eq!(request.body().as_slice(), b"grant_type=refresh_token&refresh_token=r3fr3sh");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refresh(refresh_token: &'a RefreshToken, credentials: &'a Credentials) -> Self {
        TokenRequest {
            grant: Grant::Refresh(refresh_token),
            credentials,
            flags: None,
            origin: None,
        }
    }

    /// The v3 API's application token (client credentials): `POST
    /// https://iam.smartcar.com/oauth2/token` with the credential's id and secret
    /// in the form, read with [`ApplicationToken::read`](super::ApplicationToken::read).
    /// No official backend SDK has it.
    ///
    /// ```
    /// use connect_core::token::{Credentials, TokenRequest};
    ///
    /// let credentials = Credentials::new("client_abc".parse()?, "s3cr3t".parse()?);
    /// let request = TokenRequest::client_credentials(&credentials).to_http()?;
    /// assert_eq!(request.uri(), "https://iam.smartcar.com/oauth2/token");
    /// assert!(request.headers().get("authorization").is_none());
    /// assert_eq!(
    ///     request.body().as_slice(),
    ///     b"grant_type=client_credentials&client_id=client_abc&client_secret=s3cr3t"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn client_credentials(credentials: &'a Credentials) -> Self {
        TokenRequest {
            grant: Grant::ClientCredentials,
            credentials,
            flags: None,
            origin: None,
        }
    }

    /// Sends these Connect `flags` in the token URL's query (a refresh of tokens
    /// from a link with flags; the code exchange takes the link's own).
    ///
    /// ```
    /// use connect_core::token::{Credentials, RefreshToken, TokenRequest};
    ///
    /// let credentials = Credentials::new("app-id".parse()?, "s3cr3t".parse()?);
    /// let token = RefreshToken::new("r3fr3sh")?;
    /// let flags = "foo:bar test:true".parse()?;
    /// let request = TokenRequest::refresh(&token, &credentials).with_flags(&flags).to_http()?;
    /// assert_eq!(request.uri(), "https://auth.smartcar.com/oauth/token?flags=foo%3Abar%20test%3Atrue");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_flags(mut self, flags: &'a Flags) -> Self {
        self.flags = Some(flags);
        self
    }

    /// Sends the request to `origin` instead of Smartcar's (`https://auth.smartcar.com`,
    /// or `https://iam.smartcar.com` for the application token): a local stand-in.
    ///
    /// ```
    /// use connect_core::token::{Credentials, RefreshToken, TokenRequest};
    ///
    /// let credentials = Credentials::new("app-id".parse()?, "s3cr3t".parse()?);
    /// let token = RefreshToken::new("r3fr3sh")?;
    /// let stand_in = "http://127.0.0.1:4010".parse()?;
    /// let request = TokenRequest::refresh(&token, &credentials).with_origin(&stand_in).to_http()?;
    /// assert_eq!(request.uri(), "http://127.0.0.1:4010/oauth/token");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_origin(mut self, origin: &'a Origin) -> Self {
        self.origin = Some(origin);
        self
    }

    /// The URL the request goes to: origin, path, and `?flags=…` when there are flags.
    #[must_use]
    pub fn url(&self) -> String {
        let (default_origin, path) = match self.grant {
            Grant::ClientCredentials => (IAM_ORIGIN, APPLICATION_TOKEN_PATH),
            _ => (AUTH_ORIGIN, TOKEN_PATH),
        };
        let mut url = self
            .origin
            .map_or(default_origin, Origin::as_str)
            .to_owned();
        url.push_str(path);
        if let Some(flags) = self.flags {
            url.push_str("?flags=");
            flags.write(&mut url);
        }
        url
    }

    /// The form body (it holds the code, refresh token or secret: not for logs).
    fn body(&self) -> String {
        let mut body = String::new();
        let mut pair = |name: &str, value: &str| {
            if !body.is_empty() {
                body.push('&');
            }
            body.push_str(name);
            body.push('=');
            push_encoded(&mut body, value);
        };
        match &self.grant {
            Grant::Code {
                code, redirect_uri, ..
            } => {
                pair("grant_type", "authorization_code");
                pair("code", code.as_str());
                if let Some(uri) = redirect_uri {
                    pair("redirect_uri", uri.as_str());
                }
            }
            Grant::Refresh(token) => {
                pair("grant_type", "refresh_token");
                pair("refresh_token", token.expose_secret());
            }
            Grant::ClientCredentials => {
                pair("grant_type", "client_credentials");
                pair("client_id", self.credentials.client_id().as_str());
                pair(
                    "client_secret",
                    self.credentials.client_secret().expose_secret(),
                );
            }
        }
        body
    }

    /// `Basic base64(client_id:client_secret)`.
    fn basic_authorization(&self) -> Result<HeaderValue, TokenError> {
        use base64::Engine as _;
        let pair = format!(
            "{}:{}",
            self.credentials.client_id().as_str(),
            self.credentials.client_secret().expose_secret()
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        let mut value = HeaderValue::try_from(format!("Basic {encoded}")).map_err(|e| {
            TokenError::RequestNotBuilt {
                reason: e.to_string(),
            }
        })?;
        // Kept out of an HTTP client's logs and HPACK tables.
        value.set_sensitive(true);
        Ok(value)
    }

    /// The request, ready for any HTTP client: `POST`, the [`url`](Self::url),
    /// `Authorization: Basic …` (not for the application token, whose form carries
    /// the credentials), `Content-Type: application/x-www-form-urlencoded`,
    /// `User-Agent: connect-core/VERSION`, and the form body. Change a header on
    /// the result if you must (e.g. add your own `User-Agent` product).
    ///
    /// # Errors
    ///
    /// [`TokenError::ClientIdMismatch`] when the link of a code exchange was made
    /// for another app id than the credentials' (Smartcar would refuse the code);
    /// [`TokenError::RequestNotBuilt`] if the `http` crate refuses a part (not
    /// expected: every part is checked before).
    pub fn to_http(&self) -> Result<http::Request<Vec<u8>>, TokenError> {
        if let Grant::Code { link_client_id, .. } = self.grant
            && link_client_id != self.credentials.client_id()
        {
            return Err(TokenError::ClientIdMismatch {
                link: link_client_id.as_str().to_owned(),
                credentials: self.credentials.client_id().as_str().to_owned(),
            });
        }
        let mut builder = http::Request::builder()
            .method(Method::POST)
            .uri(self.url());
        if !matches!(self.grant, Grant::ClientCredentials) {
            builder = builder.header(AUTHORIZATION, self.basic_authorization()?);
        }
        builder
            .header(CONTENT_TYPE, FORM_CONTENT_TYPE)
            .header(USER_AGENT_HEADER, USER_AGENT)
            .body(self.body().into_bytes())
            .map_err(|e| TokenError::RequestNotBuilt {
                reason: e.to_string(),
            })
    }
}
