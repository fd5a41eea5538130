//! `ConnectUrl: FromStr`: existing links back into the model.

use connect_core::{ConnectUrl, Mode, Parameter, Permission, Problem};

const DOC_EXAMPLE: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=required%3Aread_odometer%20read_vehicle_info%20read_location&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=0facda3319";

fn problem(text: &str) -> (Option<Parameter>, Problem) {
    let e = text.parse::<ConnectUrl>().unwrap_err();
    (e.parameter(), e.problem().clone())
}

#[test]
fn canonical_text_parses_to_itself() {
    let url: ConnectUrl = DOC_EXAMPLE.parse().unwrap();
    assert_eq!(url.as_str(), DOC_EXAMPLE);
    let scope = url.request().scope().unwrap();
    assert!(scope.entries()[0].is_required());
    assert_eq!(scope.entries()[2].permission(), Permission::ReadLocation);
}

#[test]
fn any_order_plus_and_lower_hex_become_canonical() {
    let messy = "https://connect.smartcar.com/oauth/authorize?state=0facda3319&scope=required%3aread_odometer+read_vehicle_info%20read_location&&redirect_uri=https%3a%2f%2fexample.com%2Fhome&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&response_type=code&";
    assert_eq!(
        messy.parse::<ConnectUrl>().unwrap().to_string(),
        DOC_EXAMPLE
    );
}

#[test]
fn the_official_sdk_urls() {
    // Node SDK test: parses, and renders in our order.
    let node = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=cl13nt1d-t35t-46dc-aa25-bdd042f54e7d&mode=live&redirect_uri=https%3A%2F%2Fexample.com%2F&scope=read_vehicle_info%20read_location%20read_odometer";
    let url: ConnectUrl = node.parse().unwrap();
    assert_eq!(url.request().mode(), Some(Mode::Live));
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=cl13nt1d-t35t-46dc-aa25-bdd042f54e7d&scope=read_vehicle_info%20read_location%20read_odometer&redirect_uri=https%3A%2F%2Fexample.com%2F&mode=live"
    );
    // Python SDK test: its VIN has 18 characters and it combines make with single_select_vin.
    let python = "https://connect.smartcar.com/oauth/authorize?approval_prompt=force&client_id=client-id&flags=country%3ADE&make=TESLA&redirect_uri=https%3A%2F%2Fexample.com&response_type=code&scope=read_odometer+read_vin&single_select=true&single_select_vin=123456789901234567&state=state";
    // Every problem at once: the combination, then the value.
    let errors = ConnectUrl::parse_all(python).unwrap_err();
    let problems: Vec<_> = errors.iter().map(|e| e.problem().clone()).collect();
    assert_eq!(
        problems,
        [
            Problem::SingleSelectVinWithMake,
            Problem::VinLength { length: 18 }
        ]
    );
    // JavaScript SDK test: a flag without a value, and `make` with `single_select_vin`.
    // (Its VIN uses only VIN characters; the check digit is not enforced.)
    let js = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=client123&redirect_uri=scclient123%3A%2F%2Ftest&mode=live&scope=read_odometer%20read_vin&approval_prompt=force&make=BMW&state=some%20state&single_select=true&single_select_vin=1234567890ABCDEFG&flags=flag%3Asuboption%20feature3&user=e9b24987-52e8-4d40-8417-bfa4402c9e16";
    let errors = ConnectUrl::parse_all(js).unwrap_err();
    let problems: Vec<_> = errors.iter().map(|e| e.problem().clone()).collect();
    assert_eq!(
        problems,
        [
            Problem::SingleSelectVinWithMake,
            Problem::FlagWithoutValue {
                entry: "feature3".into()
            }
        ]
    );
}

#[test]
fn reauthentication_links_parse() {
    let text = "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=c&vehicle_id=v-1&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&state=s";
    let url: ConnectUrl = text.parse().unwrap();
    assert_eq!(url.request().vehicle_id().unwrap().as_str(), "v-1");
    assert_eq!(url.as_str(), text);
}

#[test]
fn local_origins_are_kept() {
    let text = "http://127.0.0.1:4010/oauth/authorize?response_type=code&client_id=c";
    let url: ConnectUrl = text.parse().unwrap();
    assert_eq!(url.origin().as_str(), "http://127.0.0.1:4010");
    assert_eq!(url.as_str(), text);
}

#[test]
fn structural_errors() {
    let general = |text: &str| {
        let (parameter, problem) = problem(text);
        assert_eq!(parameter, None, "{text}");
        problem
    };
    assert!(matches!(
        general("https://connect.smartcar.com/oauth/authorize"),
        Problem::NotConnectUrl { .. }
    ));
    assert!(matches!(
        general("https://connect.smartcar.com/oauth/other?client_id=c"),
        Problem::NotConnectUrl { .. }
    ));
    assert!(matches!(
        general("connect.smartcar.com/oauth/authorize?x=1"),
        Problem::NotConnectUrl { .. }
    ));
    assert!(matches!(
        general("https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c#frag"),
        Problem::NotConnectUrl { .. }
    ));
    assert!(matches!(
        general("ftp://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c"),
        Problem::InvalidOrigin { .. }
    ));
    assert_eq!(
        general(
            "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&scope"
        ),
        Problem::ParameterWithoutValue {
            name: "scope".into()
        }
    );
    assert_eq!(
        general("https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&colour=red"),
        Problem::UnknownParameter { name: "colour".into(), suggestion: None }
    );
    assert_eq!(
        general("https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c&scopes=read_vin"),
        Problem::UnknownParameter { name: "scopes".into(), suggestion: Some("scope") }
    );
}

#[test]
fn parameter_errors() {
    let base = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=c";
    let cases: &[(&str, Parameter, Problem)] = &[
        (
            "&state=a&state=b",
            Parameter::State,
            Problem::DuplicateParameter,
        ),
        (
            "&state=%zz",
            Parameter::State,
            Problem::BadPercentEscape {
                escape: "%zz".into(),
            },
        ),
        ("&user=%FF", Parameter::User, Problem::NotUtf8),
        ("&state=", Parameter::State, Problem::Empty),
        (
            "&scope=read_vin+read_vin",
            Parameter::Scope,
            Problem::DuplicatePermission { name: "read_vin" },
        ),
        (
            "&mode=test",
            Parameter::Mode,
            Problem::InvalidMode {
                value: "test".into(),
            },
        ),
        (
            "&single_select=True",
            Parameter::SingleSelect,
            Problem::InvalidBool {
                value: "True".into(),
            },
        ),
        (
            "&approval_prompt=always",
            Parameter::ApprovalPrompt,
            Problem::InvalidApprovalPrompt {
                value: "always".into(),
            },
        ),
        (
            "&make=tesla",
            Parameter::Make,
            Problem::MakeNotUpperCase {
                upper: "TESLA".into(),
            },
        ),
        (
            "&redirect_uri=http%3A%2F%2Fexample.com",
            Parameter::RedirectUri,
            Problem::RedirectInsecure {
                host: "example.com".into(),
            },
        ),
        (
            "&vehicle_id=v",
            Parameter::VehicleId,
            Problem::NotConnectUrl {
                reason:
                    "`vehicle_id` belongs to `/oauth/reauthenticate` links, not `/oauth/authorize`"
                        .into(),
            },
        ),
    ];
    for (extra, parameter, expected) in cases {
        assert_eq!(
            problem(&format!("{base}{extra}")),
            (Some(*parameter), expected.clone()),
            "{extra}"
        );
    }
    assert_eq!(
        problem("https://connect.smartcar.com/oauth/authorize?client_id=c"),
        (Some(Parameter::ResponseType), Problem::Missing)
    );
    assert_eq!(
        problem("https://connect.smartcar.com/oauth/authorize?response_type=code"),
        (Some(Parameter::ClientId), Problem::Missing)
    );
    assert_eq!(
        problem(
            "https://connect.smartcar.com/oauth/authorize?response_type=vehicle_id&client_id=c"
        ),
        (
            Some(Parameter::ResponseType),
            Problem::WrongResponseType {
                found: "vehicle_id".into(),
                expected: "code"
            }
        )
    );
    assert_eq!(
        problem("https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=c"),
        (Some(Parameter::VehicleId), Problem::Missing)
    );
}

#[test]
fn parse_all_reports_every_problem() {
    let errors = ConnectUrl::parse_all(
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=a%20b&mode=test&scope=read_odometr",
    )
    .unwrap_err();
    let parameters: Vec<_> = errors.iter().map(|e| e.parameter()).collect();
    assert_eq!(
        parameters,
        [
            Some(Parameter::ClientId),
            Some(Parameter::Scope),
            Some(Parameter::Mode)
        ]
    );
    assert_eq!(
        errors[1].to_string(),
        "unknown permission `read_odometr`; did you mean `read_odometer`?"
    );
}
