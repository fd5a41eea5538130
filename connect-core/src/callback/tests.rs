//! The redirect back: reading, verifying, and the wording of its errors.

use super::*;

fn state() -> State {
    "0facda3319".parse().unwrap()
}

#[test]
fn success_with_code_and_state() {
    let cb = Callback::from_url("https://example.com/home?code=abc-123&state=0facda3319").unwrap();
    assert_eq!(cb.state(), Some("0facda3319"));
    match cb.verify(&state()).unwrap() {
        Outcome::Code(code) => assert_eq!(code.as_str(), "abc-123"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn reauthentication_returns_the_vehicle() {
    let cb =
        Callback::from_query("?vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&state=0facda3319")
            .unwrap();
    assert!(matches!(
        cb.verify(&state()),
        Ok(Outcome::Reauthenticated(v)) if v.as_str().starts_with("36ab")
    ));
    assert!(matches!(
        Callback::from_query("vehicle_id=a%20b"),
        Err(CallbackError::InvalidValue {
            name: "vehicle_id",
            ..
        })
    ));
}

#[test]
fn typed_errors_with_their_fields() {
    let cb = Callback::from_query(
        "error=vehicle_incompatible&error_description=The+vehicle+is+incompatible.\
        &vin=1HGCM82633A004352&make=TESLA&model=Model+3&year=2019&state=0facda3319",
    )
    .unwrap();
    let Outcome::Error(e) = cb.verify(&state()).unwrap() else {
        panic!()
    };
    assert_eq!(e.description(), Some("The vehicle is incompatible."));
    assert_eq!(
        e.kind(),
        &ConnectErrorKind::VehicleIncompatible {
            vin: Some("1HGCM82633A004352".into()),
            make: Some("TESLA".into()),
            model: Some("Model 3".into()),
            year: Some(2019),
        }
    );
    let cb =
        Callback::from_query("error=configuration_error&status_code=400&error_message=bad&state=s")
            .unwrap();
    assert_eq!(
        cb.outcome(),
        &Outcome::Error(ConnectError {
            kind: ConnectErrorKind::ConfigurationError {
                status_code: Some(400),
                error_message: Some("bad".into())
            },
            description: None,
        })
    );
    for (code, kind) in [
        ("access_denied", ConnectErrorKind::AccessDenied),
        (
            "invalid_subscription",
            ConnectErrorKind::InvalidSubscription,
        ),
        ("no_vehicles", ConnectErrorKind::NoVehicles),
        ("server_error", ConnectErrorKind::ServerError),
        (
            "brand_new_code",
            ConnectErrorKind::Other("brand_new_code".into()),
        ),
    ] {
        let cb = Callback::from_query(&format!("error={code}&state=s")).unwrap();
        let Outcome::Error(e) = cb.outcome() else {
            panic!()
        };
        assert_eq!(e.kind(), &kind);
        assert_eq!(e.kind().code(), code);
    }
}

#[test]
fn newer_fields_and_unknown_parameters_are_kept() {
    let cb = Callback::from_query(
        "code=c&state=s&virtual_key_url=https%3A%2F%2Ftesla.com%2F_ak&user_id=u1\
         &external_id=owner%2042&utm=x",
    )
    .unwrap();
    assert_eq!(cb.virtual_key_url(), Some("https://tesla.com/_ak"));
    assert_eq!(cb.user_id().map(UserId::as_str), Some("u1"));
    assert_eq!(cb.external_id(), Some("owner 42"));
    assert_eq!(cb.extra(), [("utm".to_owned(), "x".to_owned())]);
}

#[test]
fn response_type_none_and_the_2026_errors() {
    let done = Callback::from_query("state=0facda3319&external_id=e1").unwrap();
    assert_eq!(done.external_id(), Some("e1"));
    assert_eq!(done.verify(&state()), Ok(Outcome::Completed));
    // Smartcar's v3 redirect: a user id and no code.
    let v3 = Callback::from_query("state=0facda3319&external_id=e1&user_id=u").unwrap();
    assert_eq!(
        v3.verify(&state()),
        Ok(Outcome::Connected("u".parse().unwrap()))
    );
    // With a code as well: the v2 exchange, the user id beside it.
    let both = Callback::from_query("code=c&state=0facda3319&user_id=u").unwrap();
    assert_eq!(both.user_id().map(UserId::as_str), Some("u"));
    assert!(matches!(both.verify(&state()), Ok(Outcome::Code(_))));
    assert!(matches!(
        Callback::from_query("state=s&user_id=a%20b"),
        Err(CallbackError::InvalidValue {
            name: "user_id",
            ..
        })
    ));
    let cases = [
        (
            "error=user_manually_returned_to_application\
             &error_description=the%20user%20exited%20Connect",
            ConnectErrorKind::UserManuallyReturnedToApplication,
        ),
        (
            "error=oem_cancelled_login&error_description=x",
            ConnectErrorKind::OemCancelledLogin,
        ),
        (
            "error=battery_capacity_no_selection&vehicle_id=v-1&error_description=x",
            ConnectErrorKind::BatteryCapacityNoSelection {
                vehicle_id: Some("v-1".parse().unwrap()),
            },
        ),
        (
            "error=user_cancelled",
            ConnectErrorKind::Other("user_cancelled".into()),
        ),
    ];
    for (query, kind) in cases {
        let cb = Callback::from_query(&format!("{query}&state=0facda3319&external_id=e")).unwrap();
        assert_eq!(cb.external_id(), Some("e"), "{query}");
        match cb.verify(&state()).unwrap() {
            Outcome::Error(e) => assert_eq!(e.kind(), &kind, "{query}"),
            other => panic!("{query}: {other:?}"),
        }
    }
    // Another error with a `vehicle_id` keeps it as an extra parameter.
    let cb = Callback::from_query("error=access_denied&vehicle_id=v&state=s").unwrap();
    assert_eq!(cb.extra(), [("vehicle_id".to_owned(), "v".to_owned())]);
}

#[test]
fn state_is_verified() {
    let forged = Callback::from_query("code=c&state=0facda3318").unwrap();
    assert_eq!(forged.verify(&state()), Err(CallbackError::StateMismatch));
    let missing = Callback::from_query("code=c").unwrap();
    assert_eq!(missing.verify(&state()), Err(CallbackError::MissingState));
    let error_forged = Callback::from_query("error=access_denied&state=x").unwrap();
    assert_eq!(
        error_forged.verify(&state()),
        Err(CallbackError::StateMismatch)
    );
}

#[test]
fn malformed_queries_are_errors() {
    assert_eq!(Callback::from_query(""), Err(CallbackError::NoOutcome));
    assert_eq!(
        Callback::from_query("code=a&error=access_denied"),
        Err(CallbackError::ConflictingOutcome)
    );
    assert_eq!(
        Callback::from_query("code=a&code=b"),
        Err(CallbackError::Duplicate {
            name: "code".into()
        })
    );
    assert!(matches!(
        Callback::from_query("code=%ZZ"),
        Err(CallbackError::Malformed(_))
    ));
    assert!(matches!(
        Callback::from_query("code="),
        Err(CallbackError::InvalidValue { name: "code", .. })
    ));
    assert!(matches!(
        Callback::from_query("error=configuration_error&status_code=abc"),
        Err(CallbackError::InvalidValue {
            name: "status_code",
            ..
        })
    ));
    assert!(matches!(
        Callback::from_query("error=vehicle_incompatible&year=20x9"),
        Err(CallbackError::InvalidValue { name: "year", .. })
    ));
    assert_eq!(
        format!("{:?}", AuthorizationCode("secret".into())),
        "AuthorizationCode(…)"
    );
}

#[test]
fn query_text_in_errors_is_escaped() {
    let duplicate = Callback::from_query("a%0Ab%1B%5B31m=1&a%0Ab%1B%5B31m=2").unwrap_err();
    assert_eq!(
        duplicate.to_string(),
        "`a\\nb\\u{1b}[31m` appears more than once in the redirect query"
    );
    let invalid = Callback::from_query("vehicle_id=v%0D%0Aforged").unwrap_err();
    assert_eq!(
        invalid.to_string(),
        "`vehicle_id` has the invalid value `v\\r\\nforged`"
    );
    let cb =
        Callback::from_query("error=x%0Ay&error_description=line%0AINFO%20forged%E2%80%AE&state=s")
            .unwrap();
    let Outcome::Error(e) = cb.outcome() else {
        panic!("{cb:?}")
    };
    assert_eq!(
        e.to_string(),
        "Connect returned `x\\ny`: line\\nINFO forged\\u{202e}"
    );
    // The typed values keep what came, unescaped.
    assert_eq!(e.description(), Some("line\nINFO forged\u{202E}"));
    let plain = Callback::from_query("error=access_denied&error_description=No%20thanks.").unwrap();
    let Outcome::Error(e) = plain.outcome() else {
        panic!("{plain:?}")
    };
    assert_eq!(
        e.to_string(),
        "Connect returned `access_denied`: No thanks."
    );
}

#[test]
fn debug_of_callback_errors_is_readable() {
    assert_eq!(
        format!("{:?}", CallbackError::StateMismatch),
        "CallbackError { kind: StateMismatch, message: \"the redirect's `state` does not \
        match the one sent; it may be forged, start the flow again\" }"
    );
    let duplicate = CallbackError::Duplicate {
        name: "co\nde".into(),
    };
    assert_eq!(
        format!("{duplicate:?}"),
        "CallbackError { kind: Duplicate, message: \"`co\\\\nde` appears more than once in \
        the redirect query\" }"
    );
}

#[test]
fn a_malformed_query_has_its_parse_error_as_source() {
    use std::error::Error as _;
    let error = Callback::from_query("code=%zz&state=s").unwrap_err();
    let CallbackError::Malformed(inner) = &error else {
        panic!("{error:?}")
    };
    let source = error.source().expect("a source");
    assert_eq!(source.to_string(), inner.to_string());
    assert!(source.downcast_ref::<crate::Error>().is_some());
    assert!(CallbackError::StateMismatch.source().is_none());
    assert!(CallbackError::NoOutcome.source().is_none());
}

#[test]
fn connect_error_kinds_display_as_sentences_escaped() {
    let kind = |query: &str| match Callback::from_query(query).unwrap().outcome() {
        Outcome::Error(e) => e.kind().to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(kind("error=access_denied"), "the owner denied access");
    assert_eq!(
        kind("error=configuration_error"),
        "the application is misconfigured for this connection"
    );
    assert_eq!(
        kind("error=vehicle_incompatible&make=TESLA&model=Model%203&year=2019&vin=5YJ3E1EA7KF000000"),
        "the vehicle cannot do what the application asked (TESLA Model 3 2019, VIN 5YJ3E1EA7KF000000)"
    );
    assert_eq!(
        kind("error=vehicle_incompatible&vin=5YJ3E1EA7KF000000"),
        "the vehicle cannot do what the application asked (VIN 5YJ3E1EA7KF000000)"
    );
    assert_eq!(
        kind("error=vehicle_incompatible"),
        "the vehicle cannot do what the application asked"
    );
    assert_eq!(
        kind("error=battery_capacity_no_selection&vehicle_id=v1"),
        "the owner chose no battery capacity for the vehicle `v1`"
    );
    // What came from the query cannot forge a line or reorder the text.
    assert_eq!(
        kind("error=user_cancelled%0Aforged%E2%80%AE"),
        "Connect returned the error `user_cancelled\\nforged\\u{202e}`"
    );
    assert_eq!(
        kind("error=configuration_error&status_code=400&error_message=a%0Db"),
        "the application is misconfigured for this connection (status 400): a\\rb"
    );
    assert_eq!(
        kind("error=vehicle_incompatible&make=%1B%5B31m"),
        "the vehicle cannot do what the application asked (\\u{1b}[31m)"
    );
}
