//! The canonical rendering of SPEC §4, byte for byte, through the builder.

use connect_core::{
    ApprovalPrompt, ClientId, ConnectUrl, Country, Flag, Flags, Make, Mode, Origin, Parameter,
    Permission, Problem, Scope, ScopeEntry,
};

fn client() -> ClientId {
    "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse().unwrap()
}

#[test]
fn the_documentation_example_with_required() {
    let url = ConnectUrl::builder(client())
        .scope(
            Scope::new([
                ScopeEntry::required(Permission::ReadOdometer),
                ScopeEntry::optional(Permission::ReadVehicleInfo),
                ScopeEntry::optional(Permission::ReadLocation),
            ])
            .unwrap(),
        )
        .redirect_uri("https://example.com/home".parse().unwrap())
        .state("0facda3319".parse().unwrap())
        .build()
        .unwrap();
    assert_eq!(
        url.to_string(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=required%3Aread_odometer%20read_vehicle_info%20read_location&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=0facda3319"
    );
}

#[test]
fn only_declared_parameters_no_defaults() {
    let url = ConnectUrl::builder(client()).build().unwrap();
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
    );
}

#[test]
fn every_parameter_in_canonical_order_whatever_the_call_order() {
    let url = ConnectUrl::builder("client-id".parse().unwrap())
        .user("e9b24987 52e8".parse().unwrap())
        .flags(
            Flags::new([
                Flag::country("DE".parse().unwrap()),
                "color:00819D".parse().unwrap(),
            ])
            .unwrap(),
        )
        .single_select_vin("1HGCM82633A004352".parse().unwrap())
        .single_select(true)
        .mode(Mode::Simulated)
        .approval_prompt(ApprovalPrompt::Force)
        .state("some state&x=1".parse().unwrap())
        .redirect_uri("scclient-id://callback".parse().unwrap())
        .scope("read_odometer required:read_vin".parse().unwrap())
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=client-id\
         &scope=read_odometer%20required%3Aread_vin&redirect_uri=scclient-id%3A%2F%2Fcallback\
         &state=some%20state%26x%3D1&approval_prompt=force&mode=simulated&single_select=true\
         &single_select_vin=1HGCM82633A004352&flags=country%3ADE%20color%3A00819D&user=e9b24987%2052e8"
    );
    let r = url.request();
    assert_eq!(
        r.flags().and_then(Flags::country),
        Some("DE".parse::<Country>().unwrap())
    );
    assert_eq!(r.single_select(), Some(&true));
    assert_eq!(r.mode(), Some(&Mode::Simulated));
}

#[test]
fn make_and_single_select_false() {
    let url = ConnectUrl::builder(client())
        .make(Make::from_catalog("TESLA").unwrap())
        .single_select(false)
        .build()
        .unwrap();
    assert!(url.as_str().ends_with("&make=TESLA&single_select=false"));
}

#[test]
fn reauthentication_link() {
    let url = ConnectUrl::builder(client())
        .vehicle_id("36ab27d0-fd9d-4455-823a-ce30af709ffc".parse().unwrap())
        .redirect_uri("https://example.com/home".parse().unwrap())
        .state("s".parse().unwrap())
        .user("u".parse().unwrap())
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id\
         &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=s&user=u"
    );
    assert!(url.request().is_reauthentication());
}

#[test]
fn origin_override_for_a_local_stand_in() {
    let origin: Origin = "http://127.0.0.1:4010".parse().unwrap();
    let url = ConnectUrl::builder(client())
        .build()
        .unwrap()
        .with_origin(origin.clone());
    assert!(url
        .as_str()
        .starts_with("http://127.0.0.1:4010/oauth/authorize?response_type=code&"));
    assert_eq!(url.origin(), &origin);
    let built = ConnectUrl::builder(client())
        .origin(origin)
        .build()
        .unwrap();
    assert_eq!(built, url);
}

#[test]
fn conversion_to_url_keeps_every_pair() {
    let url = ConnectUrl::builder(client())
        .scope("required:read_vin read_fuel".parse().unwrap())
        .state("a b&c".parse().unwrap())
        .build()
        .unwrap();
    let parsed: url::Url = (&url).into();
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("response_type".into(), "code".into()),
            ("client_id".into(), client().to_string()),
            ("scope".into(), "required:read_vin read_fuel".into()),
            ("state".into(), "a b&c".into()),
        ]
    );
    assert_eq!(String::from(url.clone()), url.as_str());
}

#[test]
fn builder_errors_name_the_parameter() {
    let vin = || "1HGCM82633A004352".parse().unwrap();
    let cases = [
        (
            ConnectUrl::builder(client()).single_select_vin(vin()),
            Parameter::SingleSelectVin,
            Problem::SingleSelectVinWithoutSingleSelect,
        ),
        (
            ConnectUrl::builder(client())
                .single_select(false)
                .single_select_vin(vin()),
            Parameter::SingleSelect,
            Problem::SingleSelectVinWithSingleSelectFalse,
        ),
        (
            ConnectUrl::builder(client())
                .single_select(true)
                .single_select_vin(vin())
                .make(connect_core::makes::BMW),
            Parameter::Make,
            Problem::SingleSelectVinWithMake,
        ),
        (
            ConnectUrl::builder(client())
                .vehicle_id("v".parse().unwrap())
                .single_select(true),
            Parameter::SingleSelect,
            Problem::NotWithReauthentication,
        ),
        (
            ConnectUrl::builder("abc".parse().unwrap()).redirect_uri("scxyz://cb".parse().unwrap()),
            Parameter::RedirectUri,
            Problem::RedirectMobileMismatch {
                found: "xyz".into(),
                expected: "abc".into(),
            },
        ),
    ];
    for (builder, parameter, problem) in cases {
        let e = builder.build().unwrap_err();
        assert_eq!(
            (e.parameter(), e.problem()),
            (Some(parameter), &problem),
            "{e}"
        );
    }
}
