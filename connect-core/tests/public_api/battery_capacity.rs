//! The battery-capacity link Smartcar's API hands over (FACTS.md, "Battery
//! capacity"): read as handed over, filled with the application's redirect URI,
//! and its redirect back.

use connect_core::{
    BatteryCapacityLink, Callback, CallbackError, ConnectErrorKind, ConnectUrl, Outcome, Problem,
    RedirectUri, MAX_URL_LEN,
};

/// The `url` field of `GET /vehicles/{id}/battery/nominal_capacity`, as documented.
const HANDED_OVER: &str = "https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&token=eyJhbGciOi.J9-x_y&response_type=vehicle_id&redirect_uri=";

#[test]
fn the_link_as_handed_over_reads_and_is_filled() {
    let report = BatteryCapacityLink::read(HANDED_OVER);
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    let link = report.into_result().unwrap();
    assert_eq!(link.to_string(), HANDED_OVER);
    assert_eq!(
        link.vehicle_id().as_str(),
        "36ab27d0-fd9d-4455-823a-ce30af709ffc"
    );
    assert_eq!(link.token(), "eyJhbGciOi.J9-x_y");
    assert_eq!(link.redirect_uri(), None);

    let redirect: RedirectUri = "https://example.com/battery".parse().unwrap();
    let usable = link.with_redirect_uri(redirect.clone()).unwrap();
    assert_eq!(
        usable.as_str(),
        format!("{HANDED_OVER}https%3A%2F%2Fexample.com%2Fbattery")
    );
    assert_eq!(usable.redirect_uri(), Some(&redirect));
    // Filled, it reads back to itself; filled again, the new URI replaces the old.
    assert_eq!(
        usable.as_str().parse::<BatteryCapacityLink>().unwrap(),
        usable
    );
    let other = usable
        .with_redirect_uri("http://localhost:8000/b".parse().unwrap())
        .unwrap();
    assert!(other
        .as_str()
        .ends_with("&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fb"));
    assert_eq!(other.to_url().query_pairs().count(), 5);
    // Moved to a local stand-in.
    let local = usable.with_origin("http://127.0.0.1:4010".parse().unwrap());
    assert!(local
        .as_str()
        .starts_with("http://127.0.0.1:4010/battery-capacity?"));
}

#[test]
fn any_order_and_spelling_reads_to_the_canonical_text() {
    let messy = "https://connect.smartcar.com/battery-capacity?redirect_uri=&response_type=vehicle_id&token=eyJhbGciOi.J9-x_y&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc";
    let report = BatteryCapacityLink::read(messy);
    assert_eq!(report.errors().count(), 0);
    assert_eq!(report.warnings().count(), 1, "{:?}", report.findings());
    assert_eq!(report.url().unwrap().as_str(), HANDED_OVER);
}

#[test]
fn the_wrong_kind_of_link_says_which_type_reads_it() {
    let e = HANDED_OVER.parse::<ConnectUrl>().unwrap_err();
    assert!(
        e.to_string().contains("read it as a `BatteryCapacityLink`"),
        "{e}"
    );
    let e = "https://connect.smartcar.com/battery-capacity?vehicle_id=v&client_id=c&response_type=vehicle_id"
        .parse::<BatteryCapacityLink>()
        .unwrap_err();
    assert_eq!(
        e.first().problem(),
        &Problem::BatteryCapacityToken {
            reason: "is missing"
        }
    );
}

#[test]
fn the_canonical_text_must_fit_in_the_limit() {
    let long = format!("{HANDED_OVER}&utm={}", "+".repeat(30_000));
    assert!(long.len() < MAX_URL_LEN);
    let e = long.parse::<BatteryCapacityLink>().unwrap_err();
    assert!(matches!(
        e.first().problem(),
        Problem::CanonicalTooLong { .. }
    ));
}

#[test]
fn the_redirect_back() {
    // Success: `vehicle_id`, `selected_capacity` and `reason`; no `state` (the link
    // has none), so the outcome is read unverified.
    for name in ["selected_capacity", "selected_capcity"] {
        let cb = Callback::from_query(&format!(
            "vehicle_id=36ab27d0&{name}=75.5&reason=battery_capacity"
        ))
        .unwrap();
        let Outcome::BatteryCapacity(capacity) = cb.outcome() else {
            panic!("{cb:?}")
        };
        assert_eq!(capacity.vehicle_id().as_str(), "36ab27d0");
        assert_eq!(capacity.selected_capacity(), "75.5");
        assert!((capacity.kilowatt_hours() - 75.5).abs() < f64::EPSILON);
        assert!(cb.extra().is_empty(), "{:?}", cb.extra());
    }
    // The error, with the vehicle.
    let cb = Callback::from_query(
        "error=battery_capacity_no_selection&error_description=No%20capacity&vehicle_id=36ab27d0",
    )
    .unwrap();
    let Outcome::Error(e) = cb.outcome() else {
        panic!("{cb:?}")
    };
    assert!(matches!(
        e.kind(),
        ConnectErrorKind::BatteryCapacityNoSelection { vehicle_id: Some(v), .. }
            if v.as_str() == "36ab27d0"
    ));
    // What cannot be a battery capacity.
    assert!(matches!(
        Callback::from_query("reason=battery_capacity&selected_capacity=75"),
        Err(CallbackError::MissingField {
            name: "vehicle_id",
            ..
        })
    ));
    assert!(matches!(
        Callback::from_query("reason=battery_capacity&vehicle_id=v"),
        Err(CallbackError::MissingField {
            name: "selected_capacity",
            ..
        })
    ));
    for bad in ["-1", "0", "NaN", "inf", "75kWh", ""] {
        assert!(
            matches!(
                Callback::from_query(&format!("vehicle_id=v&selected_capacity={bad}")),
                Err(CallbackError::InvalidValue {
                    name: "selected_capacity",
                    ..
                })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        Callback::from_query("vehicle_id=v&selected_capacity=75&selected_capcity=80"),
        Err(CallbackError::Duplicate { name, .. }) if name == "selected_capacity"
    ));
    assert_eq!(
        Callback::from_query("code=c&vehicle_id=v&selected_capacity=75"),
        Err(CallbackError::ConflictingOutcome)
    );
    // Another `reason` with a `vehicle_id` is a re-authentication, the reason kept.
    let cb = Callback::from_query("vehicle_id=v&reason=other&state=s").unwrap();
    assert!(matches!(cb.outcome(), Outcome::Reauthenticated(_)));
    assert_eq!(cb.extra(), [("reason".to_owned(), "other".to_owned())]);
}
