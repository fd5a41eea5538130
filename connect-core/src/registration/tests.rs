//! The parser's errors (at their lines), every check of a link, and no panic on
//! any text.

use proptest::prelude::*;

use super::*;
use crate::error::Problem;
use crate::{ConnectUrl, Make, Parameter, Permission, RedirectUri};

const PRODUCTION: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
const STAGING: &str = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";

const TWO: &str = r#"# the application's registration, as in the Smartcar dashboard
[applications.production]
app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
redirect_uris = ["https://example.com/callback", "https://example.com/home"]
permissions = ["read_odometer", "read_vin"]
makes = ["TESLA", "BMW"]

[applications.staging]
app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
redirect_uris = ["http://localhost:8000/callback", "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback"]
"#;

fn two() -> Registration {
    Registration::from_toml(TWO, "smartcar.toml").unwrap()
}

/// `(line, column, message)` of every issue of `text`.
fn issues(text: &str) -> Vec<(usize, usize, String)> {
    Registration::from_toml(text, "smartcar.toml")
        .unwrap_err()
        .issues()
        .iter()
        .map(|i| (i.line(), i.column(), i.error().message()))
        .collect()
}

fn link(query: &str) -> ConnectUrl {
    format!("https://connect.smartcar.com/oauth/authorize?response_type=code&{query}")
        .parse()
        .unwrap()
}

#[test]
fn reads_the_documented_format() {
    let r = two();
    let production = r.application("production").unwrap();
    assert_eq!(production.app_id().as_str(), PRODUCTION);
    let uris: Vec<&str> = production
        .redirect_uris()
        .iter()
        .map(|u| u.as_str())
        .collect();
    assert_eq!(
        uris,
        ["https://example.com/callback", "https://example.com/home"]
    );
    assert_eq!(production.default_redirect_uri().as_str(), uris[0]);
    assert_eq!(production.permissions().map(<[_]>::len), Some(2));
    assert_eq!(production.makes().map(<[_]>::len), Some(2));
    let staging = r.by_app_id(&STAGING.parse().unwrap()).unwrap();
    assert_eq!(staging.name(), "staging");
    assert!(staging.permissions().is_none() && staging.makes().is_none());
    assert_eq!(r.applications()[0].name(), "production", "file order");
}

#[test]
fn malformed_toml_points_at_its_line() {
    let found = issues("[applications.production]\napp_id = \"x\nredirect_uris = []\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 2);
    assert!(
        found[0].2.starts_with("the registration is not valid TOML"),
        "{found:?}"
    );
    let twice = issues(
        "[applications.a]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\n\
         [applications.a]\napp_id = \"y\"\n",
    );
    assert_eq!(twice.len(), 1);
    assert!(twice[0].2.contains("is declared twice"), "{twice:?}");
    assert_eq!(twice[0].0, 4);
}

#[test]
fn every_problem_of_the_file_at_once_each_at_its_line() {
    let text = r#"[applications.production]
app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
redirect_uris = ["http://example.com/callback", "https://example.com/a#b"]
permissions = ["read_odometer", "read_vim", "read_odometer"]
makes = ["tesla", "B M W"]
colour = "red"

[applications.staging]
app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
redirect_uris = []

[applications.2nd]
redirect_uris = "https://example.com"

[application]
"#;
    let found = issues(text);
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    let messages: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`redirect_uri` uses `http` on `example.com`, which is not a loopback host",
            "`redirect_uri` must not have a fragment",
            "unknown permission `read_vim`",
            "`read_odometer` is listed twice in `permissions`",
            "a make is written in upper case",
            "`make` contains ' '",
            "unknown key `colour` in the registration",
            "app id `8229df9f-91a0-4ff0-a1ae-a1f38ee24d07` is declared for two applications",
            "application `staging` registers no redirect URI",
            "`2nd` is not a valid application name",
            "application `2nd` has no `app_id`",
            "`redirect_uris` must be an array of strings, not a string",
            "unknown key `application` in the registration",
        ],
        "{found:#?}"
    );
    assert_eq!(lines, [3, 3, 4, 4, 5, 5, 6, 9, 10, 12, 12, 13, 15]);
    assert_eq!(found[0].1, 19, "the column of the value, inside its quotes");
    let error = Registration::from_toml(text, "smartcar.toml").unwrap_err();
    let helps: Vec<Option<String>> = error.issues().iter().map(|i| i.error().help()).collect();
    assert_eq!(helps[2].as_deref(), Some("did you mean `read_vin`?"));
    assert_eq!(helps[4].as_deref(), Some("write `TESLA`"));
    assert_eq!(
        helps[7].as_deref(),
        Some(
            "application `production` has it already: each application of the dashboard has \
             its own app id"
        )
    );
    assert_eq!(helps[12].as_deref(), Some("did you mean `applications`?"));
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "error: `redirect_uri` uses `http` on `example.com`, which is not a loopback host\n \
             --> smartcar.toml:3:19\n  = help: use `https://example.com…`"
        ),
        "{shown}"
    );
    assert!(error
        .compact()
        .contains("smartcar.toml:6:1: unknown key `colour` in the registration\n  = help: the keys here are `app_id`, `redirect_uris`, `permissions`, `makes`"));
}

#[test]
fn an_empty_or_strange_file_says_what_to_declare() {
    for text in ["", "# nothing\n", "[applications]\n"] {
        let found = issues(text);
        assert_eq!(
            found,
            [(1, 1, "the registration declares no application".to_owned())],
            "{text:?}"
        );
    }
    assert_eq!(
        issues("applications = 3\n")[0].2,
        "`applications` must be a table, not an integer"
    );
    assert_eq!(
        issues("[applications.production]\napp_id = 7\nredirect_uris = [1]\n")
            .into_iter()
            .map(|f| f.2)
            .collect::<Vec<_>>(),
        [
            "`app_id` must be a string, not an integer",
            "`redirect_uris[0]` must be a string, not an integer"
        ]
    );
    assert_eq!(
        issues("[applications.production]\napp_id = \"x\"\n")[0].2,
        "application `production` has no `redirect_uris`"
    );
}

#[test]
fn columns_count_characters_and_lines_are_found_in_linear_time() {
    let found = issues(
        "[applications.p]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\nmakes = [\"é\", \"x y\"]\n",
    );
    let at: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(at, [(4, 11), (4, 16)], "{found:?}");
    // 20 000 bad entries on one line: located in one pass.
    let many = format!(
        "[applications.p]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\nmakes = [{}]\n",
        vec!["\"x y\""; 20_000].join(", ")
    );
    let start = std::time::Instant::now();
    let found = issues(&many);
    assert_eq!(found.len(), MAX_ISSUES);
    assert_eq!(found[1].1, 18);
    assert_eq!(
        found[MAX_ISSUES - 1].2,
        format!(
            "and {} more problems of the registration, not shown",
            20_000 - (MAX_ISSUES - 1)
        )
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_file_not_utf8_is_one_problem_at_its_first_bad_byte() {
    // Saved in Windows-1252: `’` is the byte 0x92, on line 2 after 11 characters.
    let mut bytes = b"# the app\xE2\x80\x99s registration\n# it\x92s ours\n".to_vec();
    bytes.extend_from_slice(TWO.as_bytes());
    let e = Registration::from_bytes(&bytes, "smartcar.toml").unwrap_err();
    assert_eq!(e.issues().len(), 1);
    let issue = &e.issues()[0];
    assert_eq!((issue.line(), issue.column()), (2, 5));
    assert_eq!(
        issue.error().message(),
        "the registration is not valid UTF-8: byte `0x92`"
    );
    assert_eq!(issue.span(), 31..32);
    // UTF-8 reads as the text does.
    assert_eq!(
        Registration::from_bytes(TWO.as_bytes(), "smartcar.toml").unwrap(),
        two()
    );
}

#[test]
fn what_one_file_reports_is_capped() {
    use std::fmt::Write as _;
    // 10,000 problems: an unknown key each.
    let unknown = |n: usize| {
        let mut keys = String::new();
        for i in 0..n {
            // Writing to a `String` cannot fail.
            let _ = writeln!(keys, "unknown_{i} = 1");
        }
        keys
    };
    let text = TWO.to_owned() + &unknown(10_000);
    let e = Registration::from_toml(&text, "smartcar.toml").unwrap_err();
    assert_eq!(e.issues().len(), MAX_ISSUES);
    let last = e.issues().last().unwrap();
    assert_eq!(
        last.error().message(),
        format!(
            "and {} more problems of the registration, not shown",
            10_000 - (MAX_ISSUES - 1)
        )
    );
    assert!(e.issues()[0]
        .error()
        .message()
        .starts_with("unknown key `unknown_0`"));
    assert!(e.to_string().len() < 10_000, "{}", e.to_string().len());
    // At the bound, nothing is left out.
    let text = TWO.to_owned() + &unknown(MAX_ISSUES);
    let e = Registration::from_toml(&text, "smartcar.toml").unwrap_err();
    assert_eq!(e.issues().len(), MAX_ISSUES);
    assert!(e
        .issues()
        .iter()
        .all(|i| i.error().message().starts_with("unknown key")));
}

#[test]
fn a_v3_api_credential_as_app_id_is_refused_at_its_line() {
    let text = TWO.replace(STAGING, "client_9a8b7c6d5e4f");
    assert_eq!(
        issues(&text),
        [(
            9,
            11,
            "`client_9a8b7c6d5e4f` is a v3 API credential, not a Connect app id: \
             Connect answers \"400: Invalid parameter client_id\""
                .to_owned()
        )]
    );
}

#[test]
fn a_registered_link_passes_and_the_default_redirect_is_the_first() {
    let r = two();
    let ok = link(&format!(
        "client_id={PRODUCTION}&scope=read_vin&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&make=TESLA"
    ));
    let report = r.check(&ok);
    assert!(report.is_ok(), "{:?}", report.findings());
    assert_eq!(
        report.redirect_uri().unwrap().as_str(),
        "https://example.com/home"
    );
    let default = r.check(&link(&format!("client_id={PRODUCTION}")));
    assert_eq!(
        default.redirect_uri().unwrap().as_str(),
        "https://example.com/callback"
    );
    let none = link(&format!("client_id={PRODUCTION}"))
        .as_str()
        .replace("response_type=code", "response_type=none");
    assert_eq!(r.check(&none.parse().unwrap()).redirect_uri(), None);
}

#[test]
fn an_unknown_app_id_gets_connects_answer_and_a_did_you_mean() {
    let r = two();
    let typo = r.check(&link("client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d08"));
    let e = typo.findings()[0].as_error();
    assert_eq!(
        e.message(),
        "no application of the registration has the app id \
         `8229df9f-91a0-4ff0-a1ae-a1f38ee24d08`: Connect answers \"400: Invalid parameter client_id\""
    );
    assert_eq!(
        e.help().as_deref(),
        Some(&*format!(
            "did you mean `{PRODUCTION}` (application `production`)?"
        ))
    );
    let far = r.check(&link("application_id=zz-unrelated"));
    let e = far.findings()[0].as_error();
    assert_eq!(e.parameter(), Some(Parameter::ApplicationId));
    assert!(e
        .message()
        .ends_with("\"400: Invalid parameter application_id\""));
    assert_eq!(
        e.help().as_deref(),
        Some(&*format!(
            "the registered app ids are `{PRODUCTION}` (production), `{STAGING}` (staging): \
             copy the app id from the credentials tab of the Smartcar dashboard"
        ))
    );
}

#[test]
fn an_unregistered_redirect_uri_lists_the_registered_with_a_did_you_mean() {
    let r = two();
    let check = |uri: &str| {
        let mut encoded = String::new();
        crate::encode::Sink::encoded(&mut encoded, uri);
        let query = format!("client_id={PRODUCTION}&redirect_uri={encoded}");
        let report = r.check(&link(&query));
        assert_eq!(report.findings().len(), 1, "{uri}");
        let e = report.findings()[0].as_error().clone();
        assert_eq!(e.parameter(), Some(Parameter::RedirectUri));
        (e.message(), e.help().unwrap())
    };
    let (message, help) = check("https://example.com/callback/");
    assert_eq!(
        message,
        "`redirect_uri` `https://example.com/callback/` is not registered for application \
         `production`: Connect answers \"400: Unauthorized redirect_uri\""
    );
    assert_eq!(
        help,
        "did you mean `https://example.com/callback`? (the trailing slash differs); registered: \
         `https://example.com/callback`, `https://example.com/home`"
    );
    for (uri, how) in [
        ("https://example.com/callbak", "a few characters differ"),
        ("https://localhost/callback", "the host differs"),
        ("https://example.com:8443/callback", "the port differs"),
        ("https://example.com/Callback", "the case differs"),
        ("https://www.example.com/callback", "the host differs"),
    ] {
        let (_, help) = check(uri);
        assert!(help.contains(&format!("({how})")), "{uri}: {help}");
    }
    let (_, help) = check("https://elsewhere.example/x/y/z");
    assert!(
        help.starts_with("the redirect URIs registered for `production` are"),
        "{help}"
    );
    // The staging URI in a production link: another application's.
    let (_, help) = check("http://localhost:8000/callback");
    assert!(
        help.starts_with(
            "`http://localhost:8000/callback` is registered for application `staging`"
        ),
        "{help}"
    );
}

#[test]
fn a_mobile_redirect_is_checked_against_the_app_and_its_registration() {
    let r = two();
    // The reader refuses a mobile redirect of another app id already: that link
    // cannot be a `ConnectUrl`. The registration's check says whose it is.
    let staging = r.application("staging").unwrap();
    let e = staging
        .check_mobile_redirect(&format!("sc{PRODUCTION}://callback").parse().unwrap())
        .unwrap_err();
    assert!(matches!(
        e.problem(),
        Problem::RedirectMobileMismatch { .. }
    ));
    let report = r.check(&link(&format!(
        "client_id={STAGING}&redirect_uri=sc{STAGING}%3A%2F%2Fcallbak"
    )));
    let help = report.findings()[0].as_error().help().unwrap();
    assert!(
        help.starts_with(&format!(
            "did you mean `sc{STAGING}://callback`? (a few characters differ)"
        )),
        "{help}"
    );
    let e = r
        .application("production")
        .unwrap()
        .check_redirect_uri(&r, &format!("sc{STAGING}://callback"))
        .unwrap_err();
    assert!(
        matches!(e.problem(), Problem::Registration(RegistrationProblem::UnauthorizedRedirectUri { registered_for: Some(s), .. }) if &**s == "staging"),
        "{e:?}"
    );
}

#[test]
fn permissions_and_makes_the_app_may_not_request() {
    let r = two();
    let report = r.check(&link(&format!(
        "client_id={PRODUCTION}&scope=read_vin%20required%3Aread_location%20read_tires&make=FORD"
    )));
    let errors: Vec<(String, String)> = report
        .findings()
        .iter()
        .map(|f| (f.as_error().message(), f.as_error().help().unwrap()))
        .collect();
    assert_eq!(
        errors[0].0,
        "application `production` may not request the permissions `read_location`, `read_tires`: \
         Connect answers \"Application not authorized to request permission(s): read_location, \
         read_tires\""
    );
    assert_eq!(
        errors[0].1,
        "it may request `read_odometer`, `read_vin`: remove them from the link, or allow them in \
         the dashboard and in the registration's `permissions`"
    );
    assert_eq!(
        errors[1].0,
        "application `production` may not request the make `FORD`: Connect answers \
         \"Application not authorized to requested make(s): FORD\""
    );
    // Staging says nothing: anything goes.
    assert!(r
        .check(&link(&format!(
            "client_id={STAGING}&scope=read_tires&make=FORD"
        )))
        .is_ok());
}

#[test]
fn resolve_chooses_the_application() {
    let r = two();
    assert_eq!(r.resolve(Some("staging"), None).unwrap().name(), "staging");
    assert_eq!(
        r.resolve(Some("staging"), Some(STAGING)).unwrap().name(),
        "staging"
    );
    assert_eq!(
        r.resolve(None, Some(PRODUCTION)).unwrap().name(),
        "production"
    );
    let e = r.resolve(Some("staging"), Some(PRODUCTION)).unwrap_err();
    assert_eq!(
        e.message(),
        format!("`client_id` `{PRODUCTION}` is not the app id of application `staging`")
    );
    let e = r.resolve(Some("prod"), None).unwrap_err();
    assert_eq!(
        e.message(),
        "the registration declares no application `prod`"
    );
    assert_eq!(
        e.help().as_deref(),
        Some("it declares `production`, `staging`")
    );
    let e = r.resolve(None, None).unwrap_err();
    assert_eq!(
        e.help().as_deref(),
        Some("add `app: NAME` with one of `production`, `staging`, or a literal app id")
    );
    let one = Registration::from_toml(
        "[applications.only]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\n",
        "smartcar.toml",
    )
    .unwrap();
    assert_eq!(one.resolve(None, None).unwrap().name(), "only");
    let e = one.resolve(None, Some("y")).unwrap_err();
    assert!(matches!(
        e.problem(),
        Problem::Registration(RegistrationProblem::UnknownAppId { .. })
    ));
}

#[test]
fn quoted_text_is_escaped_and_lists_are_bounded() {
    let many: Vec<String> = (0..20).map(|i| format!("https://e.example/{i}")).collect();
    let text = format!(
        "[applications.p]\napp_id = \"x\"\nredirect_uris = [{}]\n",
        many.iter()
            .map(|u| format!("\"{u}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let r = Registration::from_toml(&text, "smartcar.toml").unwrap();
    let e = r
        .application("p")
        .unwrap()
        .check_redirect_uri(&r, "https://x.example/\u{1b}[31m")
        .unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains("\\u{1b}") && !shown.contains('\u{1b}'),
        "{shown}"
    );
    assert!(shown.ends_with("and 12 more: use one, or register this one in the dashboard's credentials tab and in the registration"), "{shown}");
    let bad = issues("[applications.p]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\n\"a\\nb\" = 1\n");
    assert_eq!(bad[0].2, "unknown key `a\\nb` in the registration");
}

#[test]
fn every_new_problem_escapes_its_text_and_follows_rustc_style() {
    let bad = || "x\ny".to_owned();
    let problems = [
        RegistrationProblem::Syntax { reason: bad() },
        RegistrationProblem::UnknownKey {
            key: bad(),
            expected: &["app_id"],
            suggestion: None,
        },
        RegistrationProblem::WrongType {
            key: bad(),
            expected: "a string",
            found: "an integer",
        },
        RegistrationProblem::MissingKey {
            key: "app_id",
            application: bad(),
        },
        RegistrationProblem::InvalidName { name: bad() },
        RegistrationProblem::DuplicateAppId {
            id: bad(),
            first: bad(),
        },
        RegistrationProblem::NoRedirectUri { application: bad() },
        RegistrationProblem::DuplicateEntry {
            key: "makes",
            value: bad(),
        },
        RegistrationProblem::UnknownAppId {
            id: bad(),
            suggestion: None,
            known: vec![(bad(), bad())],
        },
        RegistrationProblem::UnauthorizedRedirectUri {
            uri: bad(),
            application: bad(),
            registered: vec![bad()],
            near: Some((0, "a few characters differ")),
            registered_for: None,
        },
        RegistrationProblem::PermissionNotAuthorized {
            application: bad(),
            permissions: vec!["read_vin"],
            allowed: vec![],
        },
        RegistrationProblem::MakeNotAuthorized {
            application: bad(),
            make: bad(),
            allowed: vec![bad()],
        },
        RegistrationProblem::UnknownApplication {
            name: bad(),
            suggestion: Some(bad()),
            known: vec![bad()],
        },
        RegistrationProblem::ApplicationNotChosen { known: vec![bad()] },
        RegistrationProblem::AppIdNotOfApplication {
            id: bad(),
            application: bad(),
            expected: bad(),
        },
    ];
    for problem in problems {
        let e = crate::Error::general(problem.into());
        let text = e.to_string();
        assert!(!text.contains('\n'), "{text}");
        let message = e.message();
        assert!(
            !message.ends_with('.') && !message.starts_with(char::is_uppercase),
            "{message}"
        );
        assert!(e.help().is_some(), "{message}");
    }
    // A near miss that is not in the list (a `Problem` made by hand) is not shown.
    let e = crate::Error::general(
        RegistrationProblem::UnauthorizedRedirectUri {
            uri: "a".into(),
            application: "p".into(),
            registered: vec![],
            near: Some((3, "x")),
            registered_for: None,
        }
        .into(),
    );
    assert!(e
        .help()
        .unwrap()
        .starts_with("the redirect URIs registered"));
}

proptest! {
    #[test]
    fn no_text_makes_it_panic(text in "\\PC{0,200}") {
        let _ = Registration::from_toml(&text, "smartcar.toml").map_err(|e| e.to_string());
    }

    #[test]
    fn no_near_toml_makes_it_panic(
        key in "(app_id|redirect_uris|permissions|makes|x)",
        value in "(\"[^\"\\\\]{0,30}\"|\\[(\"[^\"\\\\]{0,20}\",?){0,3}\\]|[0-9]{1,3}|true|\\{\\})",
        name in "[a-z0-9_é]{0,5}",
    ) {
        let text = format!("[applications.{name}]\n{key} = {value}\n");
        if let Ok(r) = Registration::from_toml(&text, "smartcar.toml") {
            let _ = r.check(&link("client_id=abc"));
        }
    }

    #[test]
    fn near_miss_never_panics(uri in "\\PC{0,80}", other in "\\PC{0,80}") {
        let _ = super::near::near_miss(&uri, [other.as_str()]);
    }
}

/// The figures of the report: `cargo test --release -p connect-core --features
/// registration --lib registration::tests::figures -- --ignored --nocapture`.
#[test]
#[ignore = "prints figures; run in release"]
fn figures() {
    use std::fmt::Write as _;
    use std::time::Instant;
    let runs = 10_000;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(
            Registration::from_toml(std::hint::black_box(TWO), "smartcar.toml").unwrap(),
        );
    }
    let read = start.elapsed() / runs;
    let r = two();
    let url = link(&format!(
        "client_id={PRODUCTION}&scope=read_vin%20read_location&redirect_uri=https%3A%2F%2Fexample.com%2Fcallbak"
    ));
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(r.check(std::hint::black_box(&url)));
    }
    let check = start.elapsed() / runs;
    let mut big = String::new();
    for i in 0..1000 {
        // Writing to a `String` cannot fail.
        let _ = writeln!(
            big,
            "[applications.app{i}]\napp_id = \"id-{i}\"\nredirect_uris = [\"https://e{i}.example/callback\", \"https://e{i}.example/home\"]\npermissions = [\"read_vin\"]"
        );
    }
    let start = Instant::now();
    let parsed = Registration::from_toml(&big, "smartcar.toml").unwrap();
    let read_big = start.elapsed();
    assert_eq!(parsed.applications().len(), 1000);
    println!(
        "two applications: read {read:?}; a link with 2 findings checked in {check:?}; \
         1000 applications ({} KB) read in {read_big:?}",
        big.len() / 1000
    );
}

#[test]
fn the_file_name_is_the_one_the_macro_looks_for_without_the_feature() {
    assert_eq!(super::FILE_NAME, crate::__private::REGISTRATION_FILE_NAME);
}

/// `connect_url!`'s literals against the registration, each error tagged.
struct Checked<'r> {
    application: Option<&'r Application>,
    errors: Vec<Tagged>,
}

struct Tagged {
    literal: Literal,
    error: crate::Error,
}

fn check<'r>(registration: &'r Registration, literals: &Literals<'_>) -> Checked<'r> {
    let (application, errors) = registration.check_literals(literals);
    let errors = errors
        .into_iter()
        .map(|(literal, error)| Tagged { literal, error })
        .collect();
    Checked {
        application,
        errors,
    }
}

#[test]
fn the_application_comes_from_the_name_the_id_or_the_only_one() {
    let r = two();
    let checked = check(
        &r,
        &Literals {
            app: Some("staging"),
            ..Literals::default()
        },
    );
    assert_eq!(checked.application.map(Application::name), Some("staging"));
    assert!(checked.errors.is_empty());
    let by_id = check(
        &r,
        &Literals {
            app_id: Some(PRODUCTION),
            ..Literals::default()
        },
    );
    assert_eq!(by_id.application.map(Application::name), Some("production"));

    let none = check(&r, &Literals::default());
    assert_eq!(none.errors[0].literal, Literal::Link);
    let typo = check(
        &r,
        &Literals {
            app: Some("stagign"),
            ..Literals::default()
        },
    );
    assert_eq!(typo.errors[0].literal, Literal::App);
    assert_eq!(
        typo.errors[0].error.help().as_deref(),
        Some("did you mean `staging`?")
    );
    let id = check(
        &r,
        &Literals {
            app_id: Some("8229df9f-91a0-4ff0-a1ae-a1f38ee24d7"),
            app_id_parameter: Some(Parameter::ApplicationId),
            ..Literals::default()
        },
    );
    assert_eq!(id.errors[0].literal, Literal::AppId);
    assert_eq!(
        id.errors[0].error.parameter(),
        Some(Parameter::ApplicationId)
    );
    assert!(id.errors[0]
        .error
        .message()
        .ends_with("\"400: Invalid parameter application_id\""));
    assert_eq!(
        id.errors[0].error.help(),
        Some(format!(
            "did you mean `{PRODUCTION}` (application `production`)?"
        ))
    );
    let other = check(
        &r,
        &Literals {
            app: Some("staging"),
            app_id: Some(PRODUCTION),
            ..Literals::default()
        },
    );
    assert_eq!(other.errors[0].literal, Literal::AppId);
    let one = Registration::from_toml(
        "[applications.only]\napp_id = \"x\"\nredirect_uris = [\"https://a.example\"]\n",
        FILE_NAME,
    )
    .unwrap();
    let only = check(&one, &Literals::default());
    assert_eq!(only.application.map(|a| a.app_id().as_str()), Some("x"));
    assert_eq!(
        only.application.unwrap().default_redirect_note(),
        "no `redirect_uri`: Connect sends the owner back to `https://a.example`, the first \
         redirect URI registered for application `only` (smartcar.toml)"
    );
}

#[test]
fn every_literal_is_checked_and_tagged() {
    let r = two();
    let uri: RedirectUri = "https://example.com/callback/".parse().unwrap();
    let make: Make = "FORD".parse().unwrap();
    let checked = check(
        &r,
        &Literals {
            app: Some("production"),
            redirect_uri: Some(&uri),
            permissions: &[
                Permission::ReadVin,
                Permission::ReadLocation,
                Permission::ReadTires,
            ],
            make: Some(&make),
            ..Literals::default()
        },
    );
    let tags: Vec<Literal> = checked.errors.iter().map(|t| t.literal).collect();
    assert_eq!(
        tags,
        [
            Literal::RedirectUri,
            Literal::Permission(1),
            Literal::Permission(2),
            Literal::Make
        ]
    );
    assert_eq!(
        checked.errors[0].error.help().as_deref(),
        Some(
            "did you mean `https://example.com/callback`? (the trailing slash differs); \
             registered: `https://example.com/callback`, `https://example.com/home`"
        )
    );
    assert!(checked.errors[1]
        .error
        .message()
        .ends_with("\"Application not authorized to request permission(s): read_location\""));
}

#[test]
fn a_mobile_redirect_of_another_app_is_an_error_on_the_literal() {
    let r = two();
    let uri: RedirectUri = format!("sc{STAGING}://callback").parse().unwrap();
    let checked = check(
        &r,
        &Literals {
            app: Some("production"),
            redirect_uri: Some(&uri),
            ..Literals::default()
        },
    );
    let messages: Vec<String> = checked.errors.iter().map(|t| t.error.message()).collect();
    assert_eq!(checked.errors.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("the mobile `redirect_uri` scheme"),
        "{messages:?}"
    );
    assert!(
        checked.errors[1]
            .error
            .help()
            .unwrap()
            .starts_with(&format!(
                "`sc{STAGING}://callback` is registered for application `staging`"
            )),
        "{messages:?}"
    );
    let own = check(
        &r,
        &Literals {
            app: Some("staging"),
            redirect_uri: Some(&uri),
            ..Literals::default()
        },
    );
    assert!(own.errors.is_empty());
}
