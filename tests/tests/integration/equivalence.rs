//! For each parameter, `connect_url!` gives the link the runtime builder gives for
//! the same values — as a literal (rendered at compile time) and as an expression
//! (built at run time).

use connect_core::{
    ApprovalPrompt, ClientId, ConnectUrl, ConnectUrlBuilder, ExternalId, Flag, Flags, Make, Mode,
    Permission, RedirectUri, Scope, ScopeEntry, State, User, VehicleId, Vin, WebRedirectUri,
};
use connect_macros::connect_url;

const CLIENT: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";

fn builder() -> ConnectUrlBuilder {
    ConnectUrl::builder(CLIENT.parse().unwrap())
}

fn parse<T: std::str::FromStr<Err = connect_core::Error>>(text: &str) -> T {
    text.parse().unwrap()
}

#[test]
fn client_id() {
    let expected = builder().build().unwrap();
    let client: ClientId = parse(CLIENT);
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"),
        expected
    );
    assert_eq!(connect_url!(client_id: client), expected);
}

#[test]
fn vehicle_id() {
    let expected = builder()
        .vehicle_id(parse("36ab27d0-fd9d"))
        .build()
        .unwrap();
    let vehicle: VehicleId = parse("36ab27d0-fd9d");
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", vehicle_id: "36ab27d0-fd9d"),
        expected
    );
    assert_eq!(
        connect_url!(client_id: CLIENT.parse::<ClientId>().unwrap(), vehicle_id: vehicle),
        expected
    );
}

#[test]
fn scope() {
    let scope = Scope::new([
        ScopeEntry::required(Permission::ReadOdometer),
        ScopeEntry::optional(Permission::ReadVehicleInfo),
        ScopeEntry::required(Permission::ControlTrunk),
    ])
    .unwrap();
    let expected = builder().scope(scope).build().unwrap();
    assert_eq!(
        connect_url!(
            client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            scope: [required read_odometer, read_vehicle_info, required control_trunk],
        ),
        expected
    );
}

#[test]
fn every_permission_resolves_to_its_catalog_entry() {
    let url = connect_url!(
        client_id: "c",
        scope: [
            read_alerts, read_battery, read_charge, read_charge_locations, read_charge_records,
            read_charge_events, read_climate, read_compass, read_diagnostics, read_engine_oil,
            read_extended_vehicle_info, read_fuel, read_location, read_odometer, read_security,
            read_service_history, read_speedometer, read_thermometer, read_tires, read_user_profile,
            read_vehicle_info, read_vin, control_charge, control_climate, control_navigation,
            control_security, control_pin, control_trunk,
        ],
    );
    let listed: Vec<Permission> = url
        .request()
        .scope()
        .unwrap()
        .entries()
        .iter()
        .map(|e| e.permission())
        .collect();
    assert_eq!(listed, Permission::ALL);
}

#[test]
fn redirect_uri() {
    let expected = builder()
        .redirect_uri(parse("https://example.com/home"))
        .build()
        .unwrap();
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", redirect_uri: "https://example.com/home"),
        expected
    );
    // An expression is a `WebRedirectUri`: it goes with any app id, so the value
    // is a `ConnectUrl` as with a literal, borrowed or not.
    let uri: WebRedirectUri = parse("https://example.com/home");
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", redirect_uri: &uri),
        expected
    );
    let client_id: ClientId = parse("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
    assert_eq!(
        connect_url!(client_id: client_id, redirect_uri: uri),
        expected
    );
}

#[test]
fn state_and_user() {
    let expected = builder()
        .state(parse("a b&c=d"))
        .user(parse("ü 1"))
        .build()
        .unwrap();
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", state: "a b&c=d", user: "ü 1"),
        expected
    );
    let state: State = parse("a b&c=d");
    let user: User = parse("ü 1");
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", state: state, user: user),
        expected
    );
}

#[test]
fn approval_prompt_and_mode() {
    // Both enums are `#[non_exhaustive]`: every value of each has its pair here.
    let pairs = [
        (
            ApprovalPrompt::Auto,
            Mode::Live,
            connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", approval_prompt: auto, mode: live),
        ),
        (
            ApprovalPrompt::Force,
            Mode::Simulated,
            connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", approval_prompt: force, mode: simulated),
        ),
    ];
    assert_eq!(pairs.len(), ApprovalPrompt::ALL.len());
    assert_eq!(pairs.len(), Mode::ALL.len());
    for (approval, mode, from_macro) in pairs {
        let expected = builder()
            .approval_prompt(approval)
            .mode(mode)
            .build()
            .unwrap();
        assert_eq!(from_macro, expected);
    }
}

#[test]
fn make() {
    let expected = builder()
        .make(Make::from_catalog("MERCEDES_BENZ").unwrap())
        .build()
        .unwrap();
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", make: MERCEDES_BENZ),
        expected
    );
    let expected = builder().make(parse("NEW_MAKE")).build().unwrap();
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", make: "NEW_MAKE"),
        expected
    );
}

#[test]
fn single_select_and_vin() {
    let expected = builder().single_select(false).build().unwrap();
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", single_select: false),
        expected
    );
    let expected = builder()
        .single_select(true)
        .single_select_vin(parse("1HGCM82633A004352"))
        .build()
        .unwrap();
    assert_eq!(
        connect_url!(
            client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            single_select: true,
            single_select_vin: "1HGCM82633A004352",
        ),
        expected
    );
    let vin: Vin = parse("1HGCM82633A004352");
    assert_eq!(
        connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", single_select: true, single_select_vin: vin),
        expected
    );
}

#[test]
fn flags() {
    let flags = Flags::new([
        Flag::country(parse("DE")),
        Flag::new("account_sync", "true").unwrap(),
        Flag::new("retries", "-3").unwrap(),
        Flag::new("color", "00819D").unwrap(),
    ])
    .unwrap();
    let expected = builder().flags(flags).build().unwrap();
    assert_eq!(
        connect_url!(
            client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            flags: [country: DE, "account_sync": true, "retries": -3, "color": "00819D"],
        ),
        expected
    );
}

#[test]
fn literal_and_expression_forms_agree_on_a_full_link() {
    let state: State = parse("0facda3319");
    let literal = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: "0facda3319",
    );
    let dynamic = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer, read_vehicle_info, read_location],
        redirect_uri: "https://example.com/home",
        state: state,
    );
    assert_eq!(literal, dynamic);
    // The documentation's own link, with `required` (SPEC §4).
    assert_eq!(
        literal.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=required%3Aread_odometer%20read_vehicle_info%20read_location&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=0facda3319"
    );
}

#[test]
fn origin_override_on_a_macro_link() {
    let url = connect_url!(client_id: "c", scope: [read_vin])
        .with_origin("http://127.0.0.1:4010".parse().unwrap());
    assert_eq!(
        url.as_str(),
        "http://127.0.0.1:4010/oauth/authorize?response_type=code&client_id=c&scope=read_vin"
    );
}

#[test]
fn application_id_external_id_and_response_type_none() {
    let expected = ConnectUrl::builder_with_application_id(CLIENT.parse().unwrap())
        .response_type_none()
        .external_id(parse("owner 42"))
        .build()
        .unwrap();
    assert_eq!(
        expected.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=none\
         &application_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&external_id=owner%2042"
    );
    assert_eq!(
        connect_url!(
            application_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            response_type: none,
            external_id: "owner 42",
        ),
        expected
    );
    let id: ClientId = parse(CLIENT);
    let owner: ExternalId = parse("owner 42");
    assert_eq!(
        connect_url!(application_id: id, external_id: &owner, response_type: none),
        expected
    );
}

#[test]
fn mobile_redirect_between_literals() {
    let expected = ConnectUrl::builder(parse("app1"))
        .redirect_uri(parse("scapp1://callback"))
        .build()
        .unwrap();
    assert_eq!(
        connect_url!(client_id: "app1", redirect_uri: "scapp1://callback"),
        expected
    );
    // The builder checks the pair at run time.
    let other: RedirectUri = parse("scother://callback");
    assert!(ConnectUrl::builder(parse("app1"))
        .redirect_uri(other)
        .build()
        .is_err());
}

#[test]
fn literal_links_derive_their_typed_request() {
    #[allow(clippy::declare_interior_mutable_const)] // the test proves the link is a `const`
    const LINK: ConnectUrl = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        scope: [required read_odometer],
        make: TESLA,
        external_id: "x",
    );
    let link = LINK;
    let request = link.request();
    assert_eq!(request.client_id().as_str(), CLIENT);
    assert!(request.scope().unwrap().entries()[0].is_required());
    assert_eq!(request.make().unwrap().as_str(), "TESLA");
    assert_eq!(request.external_id().unwrap().as_str(), "x");
}
