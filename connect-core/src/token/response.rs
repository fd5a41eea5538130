//! Reading what a token endpoint answered: tokens with their expiry, or an error.

use std::time::{Duration, SystemTime};

use http::StatusCode;
use serde_json::{Map, Value};

use super::error::{quote, OAuthError, OAuthErrorKind, TokenError};
use super::secret::{AccessToken, RefreshToken};
use super::{APPLICATION_TOKEN_RENEWAL_MARGIN, MAX_RESPONSE_LEN, REFRESH_TOKEN_LIFETIME};
use crate::callback::UserId;

/// The tokens of a code exchange or a refresh, with when each expires.
///
/// ```
/// use connect_core::token::Tokens;
/// use connect_core::token::http::StatusCode;
/// use std::time::{Duration, SystemTime};
///
/// let body = br#"{"access_token":"a1","token_type":"Bearer","expires_in":7200,"refresh_token":"r1"}"#;
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
/// let tokens = Tokens::read_parts(StatusCode::OK, body, now)?;
/// assert_eq!(tokens.access_token().expose_secret(), "a1");
/// assert_eq!(tokens.expires_at(), now + Duration::from_secs(7200));
/// // No field says it: 60 days, as every SDK computes it.
/// assert_eq!(tokens.refresh_expires_at(), now + Duration::from_secs(60 * 24 * 3600));
/// // Debug shows no token.
/// assert!(!format!("{tokens:?}").contains("a1"));
/// # Ok::<(), connect_core::token::TokenError>(())
/// ```
///
/// With the `serde` feature, `Tokens` serialize to be stored (the tokens as
/// their text, the expiries as serde writes a `SystemTime`) and read back with
/// every token checked; [`Tokens::new`] puts them together from the columns of
/// a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    access_token: AccessToken,
    refresh_token: RefreshToken,
    expires_at: SystemTime,
    refresh_expires_at: SystemTime,
}

impl Tokens {
    /// Tokens as the application stored them (e.g. read back from its database).
    ///
    /// ```
    /// use connect_core::token::{AccessToken, RefreshToken, Tokens};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let now = SystemTime::now();
    /// let tokens = Tokens::new(
    ///     AccessToken::new("a1")?,
    ///     RefreshToken::new("r1")?,
    ///     now + Duration::from_secs(7200),
    ///     now + Duration::from_secs(60 * 24 * 3600),
    /// );
    /// assert_eq!(tokens.refresh_token().expose_secret(), "r1");
    /// # Ok::<(), connect_core::token::TokenError>(())
    /// ```
    #[must_use]
    pub fn new(
        access_token: AccessToken,
        refresh_token: RefreshToken,
        expires_at: SystemTime,
        refresh_expires_at: SystemTime,
    ) -> Tokens {
        Tokens {
            access_token,
            refresh_token,
            expires_at,
            refresh_expires_at,
        }
    }

    /// Reads the response to a [`TokenRequest::authorization_code`](super::TokenRequest::authorization_code)
    /// or [`TokenRequest::refresh`](super::TokenRequest::refresh); `now` is when it
    /// was received (`SystemTime::now()`), from which the expiry instants count.
    ///
    /// ```
    /// use connect_core::token::{http, Tokens};
    /// use std::time::SystemTime;
    ///
    /// let response = http::Response::builder()
    ///     .status(200)
    ///     .body(br#"{"access_token":"a","token_type":"Bearer","expires_in":1800,"refresh_token":"r"}"#.to_vec())?;
    /// let tokens = Tokens::read(&response, SystemTime::now())?;
    /// assert_eq!(tokens.refresh_token().expose_secret(), "r");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TokenError::OAuth`] when Smartcar refused (the body is an OAuth error);
    /// [`TokenError::NotJson`], [`TokenError::UnexpectedJson`] or
    /// [`TokenError::TooLarge`] when the body is not the expected JSON.
    pub fn read<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<Tokens, TokenError> {
        Tokens::read_parts(response.status(), response.body().as_ref(), now)
    }

    /// [`Tokens::read`] from the status and body, for a client that gives them apart.
    ///
    /// ```
    /// use connect_core::token::{TokenError, Tokens};
    /// use connect_core::token::http::StatusCode;
    /// use std::time::SystemTime;
    ///
    /// let error = Tokens::read_parts(StatusCode::BAD_GATEWAY, b"<html>Bad gateway</html>", SystemTime::now())
    ///     .unwrap_err();
    /// assert!(matches!(error, TokenError::NotJson { .. }));
    /// assert!(error.to_string().contains("`<html>Bad gateway</html>`"), "{error}");
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Tokens::read`].
    pub fn read_parts(
        status: StatusCode,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Tokens, TokenError> {
        let fields = Fields::read(status, body)?;
        Ok(Tokens {
            access_token: fields.access_token()?,
            expires_at: fields.expires_at(now)?,
            refresh_token: fields.refresh_token()?,
            refresh_expires_at: now
                .checked_add(REFRESH_TOKEN_LIFETIME)
                .ok_or_else(|| fields.unexpected("expires_in"))?,
        })
    }

    /// The access token, for `Authorization: Bearer …`.
    #[must_use]
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// The refresh token: store it, it replaces the one refreshed.
    #[must_use]
    pub fn refresh_token(&self) -> &RefreshToken {
        &self.refresh_token
    }

    /// When the access token expires: receipt + `expires_in`.
    #[must_use]
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// When the refresh token expires: receipt + 60 days.
    #[must_use]
    pub fn refresh_expires_at(&self) -> SystemTime {
        self.refresh_expires_at
    }
}

/// The v3 API's application token (client credentials), with when it expires.
///
/// ```
/// use connect_core::token::ApplicationToken;
/// use connect_core::token::http::StatusCode;
/// use std::time::{Duration, SystemTime};
///
/// let body = br#"{"access_token":"app","token_type":"Bearer","expires_in":3600}"#;
/// let now = SystemTime::UNIX_EPOCH;
/// let token = ApplicationToken::read_parts(StatusCode::OK, body, now)?;
/// assert_eq!(token.access_token().expose_secret(), "app");
/// assert_eq!(token.expires_at(), now + Duration::from_secs(3600));
/// // Asked for again five minutes before it expires.
/// assert_eq!(token.renew_at(), now + Duration::from_secs(3300));
/// assert!(!token.needs_renewal(now + Duration::from_secs(3299)));
/// assert!(token.needs_renewal(now + Duration::from_secs(3300)));
/// # Ok::<(), connect_core::token::TokenError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationToken {
    access_token: AccessToken,
    expires_at: SystemTime,
    renew_at: SystemTime,
}

impl ApplicationToken {
    /// Reads the response to a [`TokenRequest::client_credentials`](super::TokenRequest::client_credentials).
    ///
    /// ```
    /// use connect_core::token::{http, ApplicationToken, OAuthErrorKind, TokenError};
    /// use std::time::SystemTime;
    ///
    /// let response = http::Response::builder()
    ///     .status(401)
    ///     .body(br#"{"error":"invalid_client","error_description":"Invalid client credentials"}"#.to_vec())?;
    /// let Err(TokenError::OAuth(error)) = ApplicationToken::read(&response, SystemTime::now()) else { panic!() };
    /// assert_eq!(error.kind(), &OAuthErrorKind::InvalidClient);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Tokens::read`].
    pub fn read<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        now: SystemTime,
    ) -> Result<ApplicationToken, TokenError> {
        ApplicationToken::read_parts(response.status(), response.body().as_ref(), now)
    }

    /// [`ApplicationToken::read`] from the status and body.
    ///
    /// ```
    /// use connect_core::token::{ApplicationToken, TokenError};
    /// use connect_core::token::http::StatusCode;
    /// use std::time::SystemTime;
    ///
    /// let error = ApplicationToken::read_parts(StatusCode::OK, br#"{"token_type":"Bearer"}"#, SystemTime::now())
    ///     .unwrap_err();
    /// assert!(matches!(error, TokenError::UnexpectedJson { field: "access_token", .. }));
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Tokens::read`].
    pub fn read_parts(
        status: StatusCode,
        body: &[u8],
        now: SystemTime,
    ) -> Result<ApplicationToken, TokenError> {
        let fields = Fields::read(status, body)?;
        let access_token = fields.access_token()?;
        let expires_at = fields.expires_at(now)?;
        // The margin, or half the lifetime of a token shorter than twice the margin.
        let lifetime = expires_at.duration_since(now).unwrap_or_default();
        let margin = APPLICATION_TOKEN_RENEWAL_MARGIN.min(lifetime / 2);
        Ok(ApplicationToken {
            access_token,
            renew_at: expires_at.checked_sub(margin).unwrap_or(now),
            expires_at,
        })
    }

    /// The token, for `Authorization: Bearer …` (with `sc-user-id` on the v3 API).
    #[must_use]
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// When it expires: receipt + `expires_in`.
    #[must_use]
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// When to ask for a new one: [`APPLICATION_TOKEN_RENEWAL_MARGIN`](super::APPLICATION_TOKEN_RENEWAL_MARGIN)
    /// (five minutes) before it expires, or half way for a token that lives less
    /// than twice that. A request sent just before the expiry could arrive after
    /// it; there is no refresh token, the application asks again
    /// ([`TokenRequest::client_credentials`](super::TokenRequest::client_credentials)).
    #[must_use]
    pub fn renew_at(&self) -> SystemTime {
        self.renew_at
    }

    /// Whether it is time to ask for a new token: `now` is at or past
    /// [`renew_at`](Self::renew_at).
    #[must_use]
    pub fn needs_renewal(&self, now: SystemTime) -> bool {
        now >= self.renew_at
    }

    /// Makes `request` (any `http::Request`, to Smartcar's v3 API) a call on
    /// behalf of `user`: `Authorization: Bearer` with this token (marked
    /// sensitive, kept out of an HTTP client's logs) and `sc-user-id`. Headers
    /// of the same names already there are replaced.
    ///
    /// ```
    /// use connect_core::token::{http, ApplicationToken};
    /// use connect_core::UserId;
    /// use std::time::SystemTime;
    ///
    /// # let body = br#"{"access_token":"app-token","token_type":"Bearer","expires_in":3600}"#;
    /// # let token = ApplicationToken::read_parts(http::StatusCode::OK, body, SystemTime::now())?;
    /// let user: UserId = "2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4".parse()?;
    /// let mut request = http::Request::get("https://vehicle.api.smartcar.com/v3/vehicles").body(())?;
    /// token.authorize(&mut request, &user)?;
    /// assert_eq!(request.headers()["authorization"], "Bearer app-token");
    /// assert_eq!(request.headers()["sc-user-id"], "2d1ba1a4-3c53-4bd8-9f0c-4c1b02d2b8a4");
    /// assert!(request.headers()["authorization"].is_sensitive());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`TokenError::RequestNotBuilt`] when the token is not a valid header value
    /// (a character outside visible ASCII; Smartcar's tokens have none).
    pub fn authorize<B>(
        &self,
        request: &mut http::Request<B>,
        user: &UserId,
    ) -> Result<(), TokenError> {
        let not_built = |e: http::header::InvalidHeaderValue| TokenError::RequestNotBuilt {
            reason: e.to_string(),
        };
        let mut bearer =
            http::HeaderValue::try_from(format!("Bearer {}", self.access_token.expose_secret()))
                .map_err(not_built)?;
        bearer.set_sensitive(true);
        let user = http::HeaderValue::try_from(user.as_str()).map_err(not_built)?;
        let headers = request.headers_mut();
        headers.insert(http::header::AUTHORIZATION, bearer);
        headers.insert(super::USER_ID_HEADER, user);
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Tokens {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut fields = serializer.serialize_struct("Tokens", 4)?;
        fields.serialize_field("access_token", &self.access_token)?;
        fields.serialize_field("refresh_token", &self.refresh_token)?;
        fields.serialize_field("expires_at", &self.expires_at)?;
        fields.serialize_field("refresh_expires_at", &self.refresh_expires_at)?;
        fields.end()
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for Tokens {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &[
            "access_token",
            "refresh_token",
            "expires_at",
            "refresh_expires_at",
        ];
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Tokens;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("stored tokens (access_token, refresh_token and their expiries)")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Tokens, A::Error> {
                use serde::de::Error as _;
                let (mut access, mut refresh, mut expires, mut refresh_expires) =
                    (None, None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "access_token" if access.is_none() => access = Some(map.next_value()?),
                        "refresh_token" if refresh.is_none() => refresh = Some(map.next_value()?),
                        "expires_at" if expires.is_none() => expires = Some(map.next_value()?),
                        "refresh_expires_at" if refresh_expires.is_none() => {
                            refresh_expires = Some(map.next_value()?);
                        }
                        name if FIELDS.contains(&name) => {
                            return Err(A::Error::custom(format_args!("`{name}` appears twice")))
                        }
                        name => return Err(A::Error::unknown_field(name, FIELDS)),
                    }
                }
                Ok(Tokens {
                    access_token: access.ok_or_else(|| A::Error::missing_field("access_token"))?,
                    refresh_token: refresh
                        .ok_or_else(|| A::Error::missing_field("refresh_token"))?,
                    expires_at: expires.ok_or_else(|| A::Error::missing_field("expires_at"))?,
                    refresh_expires_at: refresh_expires
                        .ok_or_else(|| A::Error::missing_field("refresh_expires_at"))?,
                })
            }
        }
        deserializer.deserialize_struct("Tokens", FIELDS, Visitor)
    }
}

/// A successful answer's JSON object, with what is needed to quote it in an error.
struct Fields<'a> {
    status: StatusCode,
    body: &'a [u8],
    object: Map<String, Value>,
}

impl<'a> Fields<'a> {
    /// The body's object if the answer is not an error: bounded, then JSON, then
    /// an OAuth error if it has `error`, whatever the status.
    fn read(status: StatusCode, body: &'a [u8]) -> Result<Fields<'a>, TokenError> {
        if body.len() > MAX_RESPONSE_LEN {
            return Err(TokenError::TooLarge {
                status,
                length: body.len(),
            });
        }
        // serde_json refuses nesting deeper than 128 levels: no stack overflow.
        let value: Value = serde_json::from_slice(body).map_err(|e| TokenError::NotJson {
            status,
            body: quote(body),
            length: body.len(),
            reason: e.to_string(),
        })?;
        let Value::Object(object) = value else {
            return Err(unexpected(status, body, "access_token"));
        };
        let fields = Fields {
            status,
            body,
            object,
        };
        match fields.object.get("error") {
            Some(Value::String(code)) => {
                let description = match fields.object.get("error_description") {
                    Some(Value::String(d)) => Some(d.clone()),
                    None | Some(Value::Null) => None,
                    Some(_) => return Err(fields.unexpected("error_description")),
                };
                Err(TokenError::OAuth(OAuthError {
                    status,
                    kind: OAuthErrorKind::from_code(code),
                    description,
                }))
            }
            Some(_) => Err(fields.unexpected("error")),
            // Not an error, not a success: there are no tokens to read.
            None if !status.is_success() => Err(fields.unexpected("error")),
            None => Ok(fields),
        }
    }

    fn unexpected(&self, field: &'static str) -> TokenError {
        unexpected(self.status, self.body, field)
    }

    fn string(&self, field: &'static str) -> Result<&str, TokenError> {
        match self.object.get(field) {
            Some(Value::String(text)) => Ok(text),
            _ => Err(self.unexpected(field)),
        }
    }

    fn access_token(&self) -> Result<AccessToken, TokenError> {
        // `token_type`, when present, must be Bearer (RFC 6750; case-insensitive).
        match self.object.get("token_type") {
            None => {}
            Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => {}
            Some(_) => return Err(self.unexpected("token_type")),
        }
        AccessToken::new(self.string("access_token")?).map_err(|_| self.unexpected("access_token"))
    }

    fn refresh_token(&self) -> Result<RefreshToken, TokenError> {
        RefreshToken::new(self.string("refresh_token")?)
            .map_err(|_| self.unexpected("refresh_token"))
    }

    /// `now` + `expires_in` seconds, a non-negative integer.
    fn expires_at(&self, now: SystemTime) -> Result<SystemTime, TokenError> {
        self.object
            .get("expires_in")
            .and_then(Value::as_u64)
            .and_then(|seconds| now.checked_add(Duration::from_secs(seconds)))
            .ok_or_else(|| self.unexpected("expires_in"))
    }
}

fn unexpected(status: StatusCode, body: &[u8], field: &'static str) -> TokenError {
    TokenError::UnexpectedJson {
        status,
        field,
        body: quote(body),
        length: body.len(),
    }
}
