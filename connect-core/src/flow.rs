//! The flow in progress: what finishing a Connect flow needs, as one value that
//! any instance of the application can be handed back.

use std::time::{Duration, SystemTime};

use crate::callback::{Callback, CallbackError, Outcome};
use crate::connect_url::ConnectUrl;
use crate::error::{Error, Problem};
use crate::model::value::{ClientId, Flags, RedirectUri, State};
use crate::parameter::Parameter;

/// What finishing a Connect flow needs, kept from when the owner was sent to the
/// link until the redirect back: the `state` to verify (in constant time), the
/// link's app id, `redirect_uri` and `flags` for the code exchange, and when the
/// flow began (its age is checked).
///
/// The redirect back arrives in another request, perhaps at another instance of
/// the application, after a restart. Keep this value where that request finds it:
/// with the `serde` feature it serializes (a few hundred bytes, see below) into an
/// encrypted, authenticated cookie (the `web` example uses axum-extra's
/// `PrivateCookieJar`), or into the application's own store. The library stores
/// nothing itself (see the crate docs).
///
/// The exchange is built from it (`TokenRequest::from_flow`, feature `token`), so
/// its `redirect_uri` is the link's, as with `TokenRequest::authorization_code`.
///
/// Serialized with `serde_json` (BENCHMARKS.md, "The flow in a cookie"): 159 bytes
/// for the documentation's link (a generated state, `https://example.com/home`,
/// no flags), 476 bytes for a long one (a 200-byte redirect URI, a 128-byte
/// state, three flags); as a `PrivateCookieJar` cookie value (nonce, tag, base64)
/// 252 and 672 bytes, well under the 4,096 bytes a browser keeps per cookie.
///
/// ```
/// use connect_core::{Callback, ConnectUrl, Outcome, PendingFlow, Permission, Scope, ScopeEntry, State};
/// use std::time::{Duration, SystemTime};
///
/// let link = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?)
///     .scope(Scope::new([ScopeEntry::required(Permission::ReadOdometer)])?)
///     .redirect_uri("https://example.com/home".parse()?)
///     .state(State::generate()?)
///     .build()?;
/// let began = SystemTime::now();
/// let flow = PendingFlow::begin(&link, began)?;
/// // … kept in a cookie; later, maybe on another instance:
/// let query = format!("code=abc&state={}", flow.state());
/// let outcome = flow.verify(Callback::from_query(&query)?, began + Duration::from_secs(60), Duration::from_secs(600))?;
/// assert!(matches!(outcome, Outcome::Code(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFlow {
    state: State,
    client_id: ClientId,
    redirect_uri: Option<RedirectUri>,
    flags: Option<Flags>,
    /// Seconds since the Unix epoch: the age check needs no finer unit.
    began_at: u64,
}

impl PendingFlow {
    /// The flow of `link`, begun at `now` (`SystemTime::now()` when the owner is
    /// sent to it).
    ///
    /// # Errors
    ///
    /// The link has no `state` (`` `state` is missing ``): its redirect back could
    /// not be told from a forged one.
    pub fn begin(link: &ConnectUrl, now: SystemTime) -> Result<PendingFlow, Error> {
        let request = link.request();
        let state = request
            .state()
            .cloned()
            .ok_or_else(|| Error::new(Parameter::State, Problem::Missing))?;
        Ok(PendingFlow {
            state,
            client_id: request.client_id().clone(),
            redirect_uri: request.redirect_uri().cloned(),
            flags: request.flags().cloned(),
            began_at: unix_seconds(now),
        })
    }

    /// The state sent with the link.
    #[must_use]
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The link's app id: the exchange's credentials must be for it.
    #[must_use]
    pub fn client_id(&self) -> &ClientId {
        &self.client_id
    }

    /// The link's `redirect_uri`, sent again with the code exchange.
    #[must_use]
    pub fn redirect_uri(&self) -> Option<&RedirectUri> {
        self.redirect_uri.as_ref()
    }

    /// The link's `flags`, sent again in the token URL's query.
    #[must_use]
    pub fn flags(&self) -> Option<&Flags> {
        self.flags.as_ref()
    }

    /// When the flow began, to the second.
    #[must_use]
    pub fn began_at(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(self.began_at)
    }

    /// The outcome of `callback`, once its `state` is this flow's (compared in
    /// constant time) and the flow is at most `max_age` old at `now`. A clock
    /// that another instance has slightly ahead counts as age zero.
    ///
    /// ```
    /// use connect_core::{Callback, CallbackError, ConnectUrl, PendingFlow};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let link = ConnectUrl::builder("app-id".parse()?).state("0facda3319".parse()?).build()?;
    /// let began = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    /// let flow = PendingFlow::begin(&link, began)?;
    /// let late = began + Duration::from_secs(3600);
    /// let callback = Callback::from_query("code=abc&state=0facda3319")?;
    /// let error = flow.verify(callback, late, Duration::from_secs(600)).unwrap_err();
    /// assert!(matches!(error, CallbackError::FlowExpired { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`CallbackError::MissingState`] or [`CallbackError::StateMismatch`] (a
    /// forged or foreign redirect), then [`CallbackError::FlowExpired`].
    pub fn verify(
        &self,
        callback: Callback,
        now: SystemTime,
        max_age: Duration,
    ) -> Result<Outcome, CallbackError> {
        let outcome = callback.verify(&self.state)?;
        let age = Duration::from_secs(unix_seconds(now).saturating_sub(self.began_at));
        if age > max_age {
            return Err(CallbackError::FlowExpired { age, max_age });
        }
        Ok(outcome)
    }
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A map of its fields, each as its canonical text (`began_at` as Unix seconds);
/// the fields without a value are left out. Read back, every field is checked as
/// when the link was built.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for PendingFlow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut fields = serializer.serialize_struct("PendingFlow", 5)?;
        fields.serialize_field("state", &self.state)?;
        fields.serialize_field("client_id", &self.client_id)?;
        match &self.redirect_uri {
            Some(uri) => fields.serialize_field("redirect_uri", uri)?,
            None => fields.skip_field("redirect_uri")?,
        }
        match &self.flags {
            Some(flags) => fields.serialize_field("flags", flags)?,
            None => fields.skip_field("flags")?,
        }
        fields.serialize_field("began_at", &self.began_at)?;
        fields.end()
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for PendingFlow {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const FIELDS: &[&str] = &["state", "client_id", "redirect_uri", "flags", "began_at"];
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PendingFlow;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a Connect flow in progress (state, client_id, began_at, …)")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<PendingFlow, A::Error> {
                use serde::de::Error as _;
                let (mut state, mut client_id, mut redirect_uri, mut flags, mut began_at) =
                    (None, None, None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "state" if state.is_none() => state = Some(map.next_value()?),
                        "client_id" if client_id.is_none() => client_id = Some(map.next_value()?),
                        "redirect_uri" if redirect_uri.is_none() => {
                            redirect_uri = Some(map.next_value()?);
                        }
                        "flags" if flags.is_none() => flags = Some(map.next_value()?),
                        "began_at" if began_at.is_none() => began_at = Some(map.next_value()?),
                        name if FIELDS.contains(&name) => {
                            return Err(A::Error::custom(format_args!("`{name}` appears twice")))
                        }
                        name => return Err(A::Error::unknown_field(name, FIELDS)),
                    }
                }
                Ok(PendingFlow {
                    state: state.ok_or_else(|| A::Error::missing_field("state"))?,
                    client_id: client_id.ok_or_else(|| A::Error::missing_field("client_id"))?,
                    redirect_uri,
                    flags,
                    began_at: began_at.ok_or_else(|| A::Error::missing_field("began_at"))?,
                })
            }
        }
        deserializer.deserialize_struct("PendingFlow", FIELDS, Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> ConnectUrl {
        ConnectUrl::builder("app-id".parse().unwrap())
            .redirect_uri("https://example.com/home".parse().unwrap())
            .flags("country:DE".parse().unwrap())
            .state("0facda3319".parse().unwrap())
            .build()
            .unwrap()
    }

    const START: Duration = Duration::from_secs(1_800_000_000);

    #[test]
    fn keeps_what_the_exchange_needs() {
        let flow = PendingFlow::begin(&link(), SystemTime::UNIX_EPOCH + START).unwrap();
        assert_eq!(flow.state().as_str(), "0facda3319");
        assert_eq!(flow.client_id().as_str(), "app-id");
        assert_eq!(
            flow.redirect_uri().map(RedirectUri::as_str),
            Some("https://example.com/home")
        );
        assert_eq!(
            flow.flags().map(ToString::to_string).as_deref(),
            Some("country:DE")
        );
        assert_eq!(flow.began_at(), SystemTime::UNIX_EPOCH + START);
        let no_state = ConnectUrl::builder("app-id".parse().unwrap())
            .build()
            .unwrap();
        assert_eq!(
            PendingFlow::begin(&no_state, SystemTime::now())
                .unwrap_err()
                .to_string(),
            "`state` is missing"
        );
    }

    #[test]
    fn verifies_state_then_age() {
        let began = SystemTime::UNIX_EPOCH + START;
        let flow = PendingFlow::begin(&link(), began).unwrap();
        let ten_minutes = Duration::from_secs(600);
        let callback = |q: &str| Callback::from_query(q).unwrap();
        let good = "code=c&state=0facda3319";
        assert!(flow
            .verify(callback(good), began + ten_minutes, ten_minutes)
            .is_ok());
        // A clock behind the one that began the flow: age zero.
        assert!(flow
            .verify(callback(good), began - ten_minutes, ten_minutes)
            .is_ok());
        let late = began + ten_minutes + Duration::from_secs(1);
        let expired = flow.verify(callback(good), late, ten_minutes).unwrap_err();
        assert_eq!(
            expired,
            CallbackError::FlowExpired {
                age: Duration::from_secs(601),
                max_age: ten_minutes
            }
        );
        assert_eq!(
            expired.to_string(),
            "this sign-in began 601 s ago, longer than the 600 s allowed; start the flow again"
        );
        // A forged state is refused whatever the age.
        assert_eq!(
            flow.verify(callback("code=c&state=0facda3318"), late, ten_minutes),
            Err(CallbackError::StateMismatch)
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serializes_compactly_and_checks_on_the_way_in() {
        let flow = PendingFlow::begin(&link(), SystemTime::UNIX_EPOCH + START).unwrap();
        let json = serde_json::to_string(&flow).unwrap();
        assert_eq!(
            json,
            r#"{"state":"0facda3319","client_id":"app-id","redirect_uri":"https://example.com/home","flags":"country:DE","began_at":1800000000}"#
        );
        assert_eq!(serde_json::from_str::<PendingFlow>(&json).unwrap(), flow);
        for bad in [
            r#"{"state":"","client_id":"app-id","began_at":1}"#,
            r#"{"state":"s","client_id":"app id","began_at":1}"#,
            r#"{"state":"s","client_id":"a","began_at":1,"redirect_uri":"ftp://x"}"#,
            r#"{"state":"s","client_id":"a"}"#,
            r#"{"state":"s","state":"t","client_id":"a","began_at":1}"#,
            r#"{"state":"s","client_id":"a","began_at":1,"scope":"x"}"#,
        ] {
            assert!(serde_json::from_str::<PendingFlow>(bad).is_err(), "{bad}");
        }
    }
}

/// The figures in [`PendingFlow`]'s docs and BENCHMARKS.md ("The flow in a
/// cookie"): its JSON for the documentation's link and for a long one, and the
/// length of that JSON as a `PrivateCookieJar` value (a 12-byte nonce and a
/// 16-byte tag around the text, in base64 with padding).
#[cfg(all(test, feature = "serde"))]
mod sizes {
    use super::*;

    fn cookie_len(json: &str) -> usize {
        (json.len() + 12 + 16).div_ceil(3) * 4
    }

    fn sizes(link: &ConnectUrl) -> (usize, usize) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let json = serde_json::to_string(&PendingFlow::begin(link, now).unwrap()).unwrap();
        (json.len(), cookie_len(&json))
    }

    #[test]
    fn the_documented_sizes() {
        // The crate docs' link, with a state as long as a generated one (32 characters; a fixed
        // one, so that the test builds without the `getrandom` feature).
        let documented =
            ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse().unwrap())
                .scope(
                    crate::Scope::new([crate::ScopeEntry::required(
                        crate::Permission::ReadOdometer,
                    )])
                    .unwrap(),
                )
                .redirect_uri("https://example.com/home".parse().unwrap())
                .state("0facda3319".repeat(4)[..32].parse().unwrap())
                .build()
                .unwrap();
        // A long one: a 200-byte redirect URI, a 128-byte state, three flags.
        let long = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse().unwrap())
            .redirect_uri(
                format!("https://app.example.com/{}", "c".repeat(176))
                    .parse()
                    .unwrap(),
            )
            .state("s".repeat(128).parse().unwrap())
            .flags("country:DE tesla_auth:true foo:bar".parse().unwrap())
            .build()
            .unwrap();
        assert_eq!(sizes(&documented), (159, 252));
        assert_eq!(sizes(&long), (476, 672));
    }
}
