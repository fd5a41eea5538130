//! With the `serde` feature, values (de)serialize as their canonical strings and
//! are validated on the way in.

use connect_core::{ConnectUrl, Country, Mode, Permission, RedirectUri, Scope, State, Vin};
use connect_macros::connect_url;

#[test]
fn values_serialize_as_their_text() {
    let url = connect_url!(client_id: "abc", scope: [required read_vin], mode: simulated);
    let json = serde_json::to_string(&url).unwrap();
    assert_eq!(json, format!("\"{url}\""));
    assert_eq!(serde_json::from_str::<ConnectUrl>(&json).unwrap(), url);
    assert_eq!(
        serde_json::to_string(&Mode::Simulated).unwrap(),
        "\"simulated\""
    );
    assert_eq!(
        serde_json::to_string(&Permission::ReadVin).unwrap(),
        "\"read_vin\""
    );
    let scope: Scope = serde_json::from_str("\"required:read_vin read_fuel\"").unwrap();
    assert_eq!(scope.entries().len(), 2);
    let country: Country = serde_json::from_str("\"DE\"").unwrap();
    assert_eq!(country.name(), "Germany");
    let state: State = serde_json::from_str("\"s\"").unwrap();
    assert_eq!(state.as_str(), "s");
}

#[test]
fn deserializing_validates() {
    let err = serde_json::from_str::<Vin>("\"1HGCM82633O004352\"").unwrap_err();
    assert!(
        err.to_string().contains("`O` cannot appear in a VIN"),
        "{err}"
    );
    assert!(serde_json::from_str::<RedirectUri>("\"http://example.com\"").is_err());
    assert!(serde_json::from_str::<Country>("\"UK\"").is_err());
    assert!(serde_json::from_str::<ConnectUrl>(
        "\"https://connect.smartcar.com/oauth/authorize?client_id=a\""
    )
    .is_err());
}
