//! [`StandIn`]: a stand-in started on a loopback port, on a thread and runtime of
//! its own (so a plain `#[test]` and any async runtime start it alike), stopped
//! when dropped.

use std::collections::HashMap;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use connect_core::registration::Registration;
use connect_core::token::ClientSecret;
use connect_core::{ClientId, Origin, RedirectUri};
use tokio::sync::oneshot;

use crate::clock::Clock;
use crate::config::{
    Applications, Config, DEMO_CLIENT_SECRET, DEMO_V3_CLIENT_ID, DEMO_V3_CLIENT_SECRET,
};
use crate::grants::Grants;
use crate::received::{Received, TokenCall};
use crate::serving::offload::Offload;
use crate::serving::serve::{serve, ConnectionLimits};
use crate::token_endpoint;

/// What the handlers, the owner's methods and the test share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) grants: Grants,
    pub(crate) clock: Clock,
    pub(crate) received: Received,
    /// Long links are read off the async workers.
    pub(crate) offload: Offload,
}

/// A local Smartcar Connect serving `http://127.0.0.1:PORT`, until dropped.
///
/// One per test: each has its own port, codes, tokens, clock and log.
///
/// ```
/// use connect_stand_in::StandIn;
///
/// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// assert_eq!(stand_in.url(), format!("http://127.0.0.1:{}", stand_in.port()));
/// assert_eq!(stand_in.origin().as_str(), stand_in.url());
/// let address = ("127.0.0.1", stand_in.port());
/// assert!(std::net::TcpStream::connect(address).is_ok());
/// drop(stand_in);
/// assert!(std::net::TcpStream::connect(address).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StandIn {
    shared: Arc<Shared>,
    origin: Origin,
    url: String,
    port: u16,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for StandIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandIn")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// How a [`StandIn`] starts: its applications, their secrets, the v3 credentials,
/// its port.
///
/// ```
/// use connect_core::registration::Registration;
/// use connect_stand_in::StandIn;
///
/// let registration = Registration::from_toml(
///     r#"
///     [applications.production]
///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
///     redirect_uris = ["https://example.com/callback"]
///     [applications.staging]
///     app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
///     redirect_uris = ["http://localhost:8000/callback"]
///     "#,
///     "smartcar.toml",
/// )?;
/// let stand_in = StandIn::builder(registration)
///     .client_secret("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", "production-secret")
///     .client_secret("4a1b01e5-0497-417c-a30e-6df6ba33ba46", "staging-secret")
///     .v3_credential("client_0a1b2c", "v3-secret")
///     .start()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `start`"]
pub struct StandInBuilder {
    applications: Applications,
    secrets: Vec<(String, String)>,
    default_secret: String,
    v3_credentials: Vec<(String, String)>,
    port: u16,
    header_read_timeout: Duration,
}

/// Why a [`StandIn`] did not start.
///
/// ```
/// use connect_stand_in::{StandIn, StartError};
///
/// let none = StandIn::any_app_id(Vec::new()).start().unwrap_err();
/// assert!(matches!(none, StartError::NoApplication));
/// let first = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
/// let taken = StandIn::any_app_id(["http://localhost:8000/callback".parse()?])
///     .port(first.port())
///     .start()
///     .unwrap_err();
/// assert!(matches!(taken, StartError::Bind { .. }));
/// assert!(taken.to_string().contains("in use"), "{taken}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// No application to serve: [`StandIn::any_app_id`] was given no redirect URI.
    NoApplication,
    /// A client secret was given for an app id the registration does not have.
    #[non_exhaustive]
    UnknownApplication {
        /// The app id given.
        app_id: String,
        /// The registration's app ids.
        registered: Vec<String>,
    },
    /// A client secret or a v3 credential is not usable.
    #[non_exhaustive]
    InvalidCredential {
        /// The app id or credential id it was given for.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// The port cannot be listened on (in use, or not allowed).
    #[non_exhaustive]
    Bind {
        /// The port asked for (0: any free port).
        port: u16,
        /// The system's error.
        source: std::io::Error,
    },
    /// The stand-in's runtime or thread could not be started.
    Runtime(std::io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::NoApplication => f.write_str(
                "the stand-in has no application to serve: give `StandIn::any_app_id` at least \
                 one redirect URI, or use `StandIn::builder` with a registration",
            ),
            StartError::UnknownApplication { app_id, registered } => write!(
                f,
                "a client secret was given for app id `{app_id}`, which the registration does \
                 not have; registered: {}",
                registered.join(", ")
            ),
            StartError::InvalidCredential { id, reason } => {
                write!(f, "the credential given for `{id}` is not usable: {reason}")
            }
            StartError::Bind { port, source } if source.kind() == std::io::ErrorKind::AddrInUse => {
                write!(
                    f,
                    "port {port} of 127.0.0.1 is in use: stop what listens there, or leave the \
                     port out to get a free one ({source})"
                )
            }
            StartError::Bind { port, source } => {
                write!(f, "cannot listen on 127.0.0.1:{port}: {source}")
            }
            StartError::Runtime(e) => write!(f, "cannot start the stand-in's runtime: {e}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind { source, .. } | StartError::Runtime(source) => Some(source),
            _ => None,
        }
    }
}

impl StandIn {
    /// A stand-in serving `registration` (your `smartcar.toml`) as Connect does:
    /// links of an app id it does not have, with a redirect URI not registered for
    /// their application, or asking for what it may not request, are refused with
    /// Connect's message. Each application authenticates with the secret given to
    /// [`StandInBuilder::client_secret`], or [`DEMO_CLIENT_SECRET`].
    pub fn builder(registration: Registration) -> StandInBuilder {
        StandInBuilder::new(Applications::Registered(registration))
    }

    /// A stand-in for one application whose app id is whatever the link carries,
    /// with these redirect URIs (the first is the default for a link without one):
    /// for a test that has no registration. Each app id authenticates with
    /// [`DEMO_CLIENT_SECRET`] unless given its own.
    pub fn any_app_id(redirect_uris: impl IntoIterator<Item = RedirectUri>) -> StandInBuilder {
        StandInBuilder::new(Applications::AnyAppId(redirect_uris.into_iter().collect()))
    }

    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }

    /// `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The stand-in's origin, for connect-core: a link's `.origin(…)`, a token
    /// request's `.with_origin(…)`.
    #[must_use]
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The loopback port it listens on.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Moves the stand-in's clock forward: codes (10 minutes), access tokens (2
    /// hours), application tokens (1 hour), refresh tokens (60 days) and the
    /// refresh grace (1 minute) expire as if that time had passed.
    ///
    /// ```
    /// use connect_stand_in::{StandIn, ACCESS_TOKEN_LIFETIME};
    /// use connect_core::token::{ApplicationToken, Credentials, TokenRequest};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let credentials = Credentials::new(
    ///     connect_stand_in::DEMO_V3_CLIENT_ID.parse()?,
    ///     connect_stand_in::DEMO_V3_CLIENT_SECRET.parse()?,
    /// );
    /// let request = TokenRequest::client_credentials(&credentials).with_origin(stand_in.origin());
    /// let token = ApplicationToken::read(&stand_in.send(request.to_http()?), SystemTime::now())?;
    /// assert!(stand_in.is_token_valid(token.access_token().expose_secret()));
    /// stand_in.advance(Duration::from_secs(3600));
    /// assert!(!stand_in.is_token_valid(token.access_token().expose_secret()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// Whether `token` is an access token or a v3 application token this stand-in
    /// issued and that has not expired on its clock.
    #[must_use]
    pub fn is_token_valid(&self, token: &str) -> bool {
        let now = self.shared.clock.now();
        let issued = self.shared.grants.lock();
        let valid = |expires: Option<&Instant>| expires.is_some_and(|e| now < *e);
        valid(issued.access_tokens.get(token)) || valid(issued.application_tokens.get(token))
    }

    /// Every link opened, oldest first: grant pages, battery-capacity pages, and
    /// the links given to the owner's methods ([`approve`](Self::approve), …), as
    /// received.
    ///
    /// ```
    /// # use connect_stand_in::StandIn;
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let link = "https://connect.smartcar.com/oauth/authorize?response_type=code\
    ///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback";
    /// stand_in.deny(link)?;
    /// assert_eq!(stand_in.opened_links(), [link]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn opened_links(&self) -> Vec<String> {
        self.shared.received.links()
    }

    /// Every request to the token endpoints, oldest first, with its answer (see
    /// [`TokenCall`]).
    #[must_use]
    pub fn token_requests(&self) -> Vec<TokenCall> {
        self.shared.received.token_calls()
    }

    /// Answers a request to a token endpoint in-process, as it would over HTTP:
    /// `POST /oauth/token` or `POST /oauth2/token` (any origin: a request built by
    /// connect-core for Smartcar's goes here unchanged). For a test without an
    /// HTTP client; your own client reaches [`url`](Self::url) the same.
    ///
    /// ```
    /// # use connect_stand_in::StandIn;
    /// let stand_in = StandIn::any_app_id(["http://localhost:8000/callback".parse()?]).start()?;
    /// let request = axum::http::Request::post("https://auth.smartcar.com/oauth/token")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(b"grant_type=refresh_token&refresh_token=x".to_vec())?;
    /// let response = stand_in.send(request);
    /// assert_eq!(response.status(), 401); // no credentials
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn send(&self, request: axum::http::Request<Vec<u8>>) -> axum::http::Response<Vec<u8>> {
        let (parts, body) = request.into_parts();
        let endpoint = match parts.uri.path() {
            "/oauth/token" => token_endpoint::token,
            "/oauth2/token" => token_endpoint::application_token,
            _ => return plain(StatusCode::NOT_FOUND),
        };
        if parts.method != Method::POST {
            return plain(StatusCode::METHOD_NOT_ALLOWED);
        }
        endpoint(&self.shared, &parts.headers, &body).into_http()
    }
}

fn plain(status: StatusCode) -> axum::http::Response<Vec<u8>> {
    let mut response = axum::http::Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

impl Drop for StandIn {
    /// Stops serving: the port is closed when `drop` returns.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may already be gone; nothing to stop then.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic of the server thread was already printed; nothing to add.
            let _ = thread.join();
        }
    }
}

impl StandInBuilder {
    fn new(applications: Applications) -> Self {
        StandInBuilder {
            applications,
            secrets: Vec::new(),
            default_secret: DEMO_CLIENT_SECRET.to_owned(),
            v3_credentials: Vec::new(),
            port: 0,
            header_read_timeout: ConnectionLimits::default().header_read_timeout,
        }
    }

    /// The client secret application `app_id` authenticates with at `POST
    /// /oauth/token` (instead of [`DEMO_CLIENT_SECRET`]).
    pub fn client_secret(mut self, app_id: &str, secret: &str) -> Self {
        self.secrets.push((app_id.to_owned(), secret.to_owned()));
        self
    }

    /// The client secret of every application not given its own (default:
    /// [`DEMO_CLIENT_SECRET`]).
    pub fn default_client_secret(mut self, secret: &str) -> Self {
        secret.clone_into(&mut self.default_secret);
        self
    }

    /// A v3 API credential (`client_…` id and its secret) accepted at `POST
    /// /oauth2/token`. Without any, the demo one ([`DEMO_V3_CLIENT_ID`],
    /// [`DEMO_V3_CLIENT_SECRET`]) is accepted; given one, only those given are.
    pub fn v3_credential(mut self, client_id: &str, secret: &str) -> Self {
        self.v3_credentials
            .push((client_id.to_owned(), secret.to_owned()));
        self
    }

    /// Listens on this port of 127.0.0.1 (default: a free one the system chooses).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Closes a connection whose request head has not arrived after this (and an
    /// idle keep-alive one); default 10 seconds.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    fn config(self) -> Result<Config, StartError> {
        if let Applications::AnyAppId(uris) = &self.applications
            && uris.is_empty()
        {
            return Err(StartError::NoApplication);
        }
        let secret = |id: &str, text: &str| {
            text.parse::<ClientSecret>()
                .map_err(|e| StartError::InvalidCredential {
                    id: id.to_owned(),
                    reason: e.to_string(),
                })
        };
        let mut secrets = HashMap::new();
        for (app_id, text) in &self.secrets {
            let known = match &self.applications {
                Applications::Registered(registration) => registration
                    .applications()
                    .iter()
                    .any(|a| a.app_id().as_str() == app_id),
                Applications::AnyAppId(_) => app_id.parse::<ClientId>().is_ok(),
            };
            if !known {
                return Err(match &self.applications {
                    Applications::Registered(registration) => StartError::UnknownApplication {
                        app_id: app_id.clone(),
                        registered: registration
                            .applications()
                            .iter()
                            .map(|a| a.app_id().to_string())
                            .collect(),
                    },
                    Applications::AnyAppId(_) => StartError::InvalidCredential {
                        id: app_id.clone(),
                        reason: "not an app id".to_owned(),
                    },
                });
            }
            secrets.insert(app_id.clone(), secret(app_id, text)?);
        }
        let default_secret = secret("every other application", &self.default_secret)?;
        let given = if self.v3_credentials.is_empty() {
            vec![(
                DEMO_V3_CLIENT_ID.to_owned(),
                DEMO_V3_CLIENT_SECRET.to_owned(),
            )]
        } else {
            self.v3_credentials
        };
        let mut v3_credentials = HashMap::new();
        for (id, text) in given {
            if id.is_empty() || id.contains([':', ' ', '&', '=']) {
                return Err(StartError::InvalidCredential {
                    id,
                    reason: "a v3 client id is one word without `:`, `&` or `=` (`client_…`)"
                        .to_owned(),
                });
            }
            let parsed = secret(&id, &text)?;
            v3_credentials.insert(id, parsed);
        }
        Ok(Config {
            applications: self.applications,
            secrets,
            default_secret,
            v3_credentials,
        })
    }

    /// Starts serving: from a plain `#[test]` or inside any async runtime (the
    /// stand-in runs on a thread of its own). Returns once it listens.
    ///
    /// # Errors
    ///
    /// [`StartError`]: no application, a secret for an app id the registration
    /// does not have, an unusable secret, a port in use.
    pub fn start(self) -> Result<StandIn, StartError> {
        let header_read_timeout = self.header_read_timeout;
        let port = self.port;
        let config = self.config()?;
        let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .map_err(|source| StartError::Bind { port, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| StartError::Bind { port, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| StartError::Bind { port, source })?;
        // One worker: a test's stand-in serves one test's requests, and every thread
        // it adds competes with the test's own runtime on a small CI machine. Long
        // links are read on its blocking threads (`serving::offload`).
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("connect-stand-in")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(StartError::Runtime)?
        };
        let shared = Arc::new(Shared {
            config,
            grants: Grants::default(),
            clock: Clock::default(),
            received: Received::default(),
            offload: Offload::default(),
        });
        let router = crate::connect::router(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let limits = ConnectionLimits {
            header_read_timeout,
            // Dropped means stopped: connections still open are closed at once.
            shutdown_grace: Duration::ZERO,
        };
        let thread = std::thread::Builder::new()
            .name("connect-stand-in".to_owned())
            .spawn(move || {
                runtime.block_on(serve(listener, router, limits, async {
                    // A dropped sender stops the server as well.
                    let _ = stopped.await;
                }));
                // Dropping the runtime here ends every connection's task.
            })
            .map_err(StartError::Runtime)?;
        let url = format!("http://{address}");
        let origin = url.parse().map_err(|e: connect_core::Error| {
            StartError::Runtime(std::io::Error::other(e.to_string()))
        })?;
        Ok(StandIn {
            shared,
            origin,
            url,
            port: address.port(),
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}
