//! What the stand-in knows of the applications, as the dashboard does: their
//! registration (or the shortcut of one application whose app id is whatever the
//! link carries), each one's client secret, and the v3 API credentials.

use std::collections::HashMap;

use connect_core::registration::Registration;
use connect_core::token::ClientSecret;
use connect_core::RedirectUri;

/// The client secret of every Connect application not given one of its own
/// ([`StandInBuilder::client_secret`](crate::StandInBuilder::client_secret)): public,
/// for demos and tests only.
///
/// ```
/// assert_eq!(connect_stand_in::DEMO_CLIENT_SECRET, "stand-in-demo-secret");
/// ```
pub const DEMO_CLIENT_SECRET: &str = "stand-in-demo-secret";

/// The v3 API credential's id the stand-in accepts at `POST /oauth2/token` unless
/// given others ([`StandInBuilder::v3_credential`](crate::StandInBuilder::v3_credential)).
///
/// ```
/// assert!(connect_stand_in::DEMO_V3_CLIENT_ID.starts_with("client_"));
/// ```
pub const DEMO_V3_CLIENT_ID: &str = "client_stand_in_demo";

/// The secret of [`DEMO_V3_CLIENT_ID`]: public, for demos and tests only.
///
/// ```
/// assert_eq!(connect_stand_in::DEMO_V3_CLIENT_SECRET, "stand-in-demo-secret");
/// ```
pub const DEMO_V3_CLIENT_SECRET: &str = "stand-in-demo-secret";

/// The applications links may belong to.
#[derive(Debug, Clone)]
pub(crate) enum Applications {
    /// A whole registration: links are checked against it as Connect does.
    Registered(Registration),
    /// One application with these redirect URIs (default first), whatever app id
    /// the link carries.
    AnyAppId(Vec<RedirectUri>),
}

/// Everything the stand-in was started with.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) applications: Applications,
    /// Client secrets by app id; the others use `default_secret`.
    pub(crate) secrets: HashMap<String, ClientSecret>,
    pub(crate) default_secret: ClientSecret,
    /// v3 API credentials: `client_…` id → secret.
    pub(crate) v3_credentials: HashMap<String, ClientSecret>,
}

impl Config {
    /// The secret the application `app_id` authenticates with.
    pub(crate) fn secret_of(&self, app_id: &str) -> &ClientSecret {
        self.secrets.get(app_id).unwrap_or(&self.default_secret)
    }

    /// Whether `app_id` is an application the stand-in serves.
    pub(crate) fn knows_app(&self, app_id: &str) -> bool {
        match &self.applications {
            Applications::Registered(registration) => registration
                .applications()
                .iter()
                .any(|a| a.app_id().as_str() == app_id),
            Applications::AnyAppId(_) => true,
        }
    }
}
