//! The stand-in as an application's tests use it: started, approved, exchanged,
//! refreshed, its clock moved, its log read; and what Connect and Smartcar's token
//! endpoints refuse, refused the same way.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, SystemTime};

use connect_core::registration::Registration;
use connect_core::token::{
    ApplicationToken, Credentials, OAuthErrorKind, RefreshToken, TokenError, TokenRequest, Tokens,
};
use connect_core::{AuthorizationCode, ConnectErrorKind, ConnectUrl, Outcome};
use connect_stand_in::{
    Approval, ConnectFailure, OwnerError, StandIn, StartError, CODE_LIFETIME, DEMO_CLIENT_SECRET,
    DEMO_V3_CLIENT_ID, DEMO_V3_CLIENT_SECRET, REFRESH_GRACE, REFRESH_TOKEN_LIFETIME,
};

const PRODUCTION: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";
const STAGING: &str = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
const CALLBACK: &str = "http://localhost:8000/callback";

fn registration() -> Registration {
    Registration::from_toml(
        &format!(
            r#"
            [applications.production]
            app_id = "{PRODUCTION}"
            redirect_uris = ["https://example.com/callback"]
            permissions = ["read_odometer", "read_vin", "read_battery", "control_charge"]
            [applications.staging]
            app_id = "{STAGING}"
            redirect_uris = ["{CALLBACK}", "http://localhost:8000/other"]
            "#
        ),
        "smartcar.toml",
    )
    .unwrap()
}

fn stand_in() -> StandIn {
    StandIn::builder(registration())
        .client_secret(STAGING, "staging-secret")
        .start()
        .unwrap()
}

/// A staging link with `required:read_vin read_odometer`, a state and an external id.
fn link() -> ConnectUrl {
    format!(
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id={STAGING}\
         &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback\
         &scope=required%3Aread_vin%20read_odometer&state=st4te&external_id=owner%2042"
    )
    .parse()
    .unwrap()
}

fn staging(secret: &str) -> Credentials {
    Credentials::new(STAGING.parse().unwrap(), secret.parse().unwrap())
}

fn code_of(back: &connect_stand_in::RedirectBack) -> AuthorizationCode {
    match back.callback().unwrap().outcome() {
        Outcome::Code(code) => code.clone(),
        other => panic!("{other:?}"),
    }
}

fn exchange(
    stand_in: &StandIn,
    link: &ConnectUrl,
    code: &AuthorizationCode,
    credentials: &Credentials,
) -> Result<Tokens, TokenError> {
    let request = TokenRequest::authorization_code(link, code, credentials)
        .with_origin(stand_in.origin())
        .to_http()
        .unwrap();
    Tokens::read(&stand_in.send(request), SystemTime::now())
}

fn refresh(
    stand_in: &StandIn,
    token: &RefreshToken,
    credentials: &Credentials,
) -> Result<Tokens, TokenError> {
    let request = TokenRequest::refresh(token, credentials)
        .with_origin(stand_in.origin())
        .to_http()
        .unwrap();
    Tokens::read(&stand_in.send(request), SystemTime::now())
}

fn oauth(result: Result<Tokens, TokenError>) -> (u16, OAuthErrorKind, String) {
    match result {
        Err(TokenError::OAuth(e)) => (
            e.status().as_u16(),
            e.kind().clone(),
            e.description().unwrap_or_default().to_owned(),
        ),
        other => panic!("not an OAuth error: {other:?}"),
    }
}

/// One HTTP/1.1 request over a plain socket: the status and the body.
fn http(stand_in: &StandIn, head: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", stand_in.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = format!(
        "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn basic(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
}

#[test]
fn starts_from_a_plain_test_on_a_free_port_and_stops_when_dropped() {
    let first = stand_in();
    let second = stand_in();
    assert_ne!(first.port(), second.port(), "one port each");
    let port = first.port();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
    drop(first);
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "closed on drop"
    );
    // The other one still serves.
    let (status, _) = http(&second, "GET /style.css HTTP/1.1", b"");
    assert_eq!(status, 200);
}

#[tokio::test]
async fn starts_inside_an_async_test_and_serves_over_http() {
    let stand_in = stand_in();
    let link = link();
    let path = &link.as_str()["https://connect.smartcar.com".len()..];
    let (status, page) = http(&stand_in, &format!("GET {path} HTTP/1.1"), b"");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"id="read_vin""#), "{page}");
    assert_eq!(stand_in.opened_links().len(), 1);
    drop(stand_in); // inside the runtime: no panic, no hang
}

#[test]
fn two_stand_ins_share_nothing() {
    let (one, other) = (stand_in(), stand_in());
    let link = link();
    let code = code_of(&one.approve(link.as_str()).unwrap());
    let (status, _, description) =
        oauth(exchange(&other, &link, &code, &staging("staging-secret")));
    assert_eq!(status, 400);
    assert_eq!(description, format!("Invalid code: {}.", code.as_str()));
    exchange(&one, &link, &code, &staging("staging-secret")).unwrap();
    assert!(other.token_requests().len() == 1 && one.token_requests().len() == 1);
}

#[test]
fn approve_exchange_and_refresh_with_the_applications_own_secret() {
    let stand_in = stand_in();
    let link = link();
    let back = stand_in.approve(link.as_str()).unwrap();
    assert!(back.as_str().starts_with(&format!("{CALLBACK}?code=")));
    let callback = back.callback().unwrap();
    assert_eq!(callback.state(), Some("st4te"));
    assert_eq!(callback.external_id(), Some("owner 42"));
    assert!(back.query().contains("external_id=owner%2042"), "{back}");
    let code = code_of(&back);

    // The demo secret is not staging's: 401, and the code is still there.
    let (status, kind, _) = oauth(exchange(
        &stand_in,
        &link,
        &code,
        &staging(DEMO_CLIENT_SECRET),
    ));
    assert_eq!((status, kind), (401, OAuthErrorKind::InvalidClient));
    let tokens = exchange(&stand_in, &link, &code, &staging("staging-secret")).unwrap();
    let new = refresh(
        &stand_in,
        tokens.refresh_token(),
        &staging("staging-secret"),
    )
    .unwrap();
    assert_ne!(new.refresh_token(), tokens.refresh_token());
    assert!(stand_in.is_token_valid(new.access_token().expose_secret()));

    let calls = stand_in.token_requests();
    let seen: Vec<(Option<&str>, u16)> = calls
        .iter()
        .map(|c| (c.grant_type.as_deref(), c.status))
        .collect();
    assert_eq!(
        seen,
        [
            (Some("authorization_code"), 401),
            (Some("authorization_code"), 200),
            (Some("refresh_token"), 200)
        ]
    );
    assert!(calls
        .iter()
        .all(|c| c.client_id.as_deref() == Some(STAGING) && c.path == "/oauth/token"));
    assert_eq!(calls[0].error.as_deref(), Some("invalid_client"));
}

#[test]
fn optional_permissions_may_be_unchecked_required_ones_cannot() {
    let stand_in = stand_in();
    let link = link();
    stand_in
        .approve_with(link.as_str(), &Approval::new().uncheck("read_odometer"))
        .unwrap();
    let refused = stand_in.approve_with(link.as_str(), &Approval::new().uncheck("read_vin"));
    assert!(
        matches!(&refused, Err(OwnerError::RequiredPermission { permission, .. }) if permission == "read_vin"),
        "{refused:?}"
    );
    let optional_only = link.as_str().replace("required%3Aread_vin", "read_vin");
    let none = stand_in.approve_with(
        &optional_only,
        &Approval::new().uncheck("read_vin").uncheck("read_odometer"),
    );
    assert_eq!(none, Err(OwnerError::NothingAllowed));
}

#[test]
fn deny_and_every_documented_connect_error_come_back_with_their_fields() {
    let stand_in = stand_in();
    let link = link();
    let denied = stand_in.deny(link.as_str()).unwrap().callback().unwrap();
    let Outcome::Error(error) = denied.outcome() else {
        panic!("{denied:?}")
    };
    assert_eq!(error.kind(), &ConnectErrorKind::AccessDenied);
    assert_eq!(denied.state(), Some("st4te"));
    assert_eq!(denied.external_id(), Some("owner 42"));
    assert!(denied.user_id().is_none());

    let failures = [
        ConnectFailure::AccessDenied,
        ConnectFailure::NoVehicles,
        ConnectFailure::VehicleIncompatible {
            vin: Some("5YJ3E1EA7KF000001".into()),
            make: Some("TESLA".into()),
            model: Some("Model 3".into()),
            year: Some(2019),
        },
        ConnectFailure::ConfigurationError {
            status_code: Some(400),
            error_message: Some("Bad scope".into()),
        },
        ConnectFailure::InvalidSubscription,
        ConnectFailure::ServerError,
        ConnectFailure::UserManuallyReturnedToApplication,
        ConnectFailure::OemCancelledLogin,
    ];
    for failure in failures {
        let back = stand_in.fail(link.as_str(), &failure).unwrap();
        let callback = back.callback().unwrap();
        let Outcome::Error(error) = callback.outcome() else {
            panic!("{back}")
        };
        assert_eq!(error.kind().code(), failure.code(), "{back}");
        assert_eq!(error.description(), Some(failure.description()));
        assert_eq!(callback.state(), Some("st4te"), "{back}");
        match error.kind() {
            ConnectErrorKind::VehicleIncompatible {
                vin,
                make,
                model,
                year,
                ..
            } => {
                assert_eq!(vin.as_deref(), Some("5YJ3E1EA7KF000001"));
                assert_eq!(make.as_deref(), Some("TESLA"));
                assert_eq!(model.as_deref(), Some("Model 3"));
                assert_eq!(*year, Some(2019));
            }
            ConnectErrorKind::ConfigurationError {
                status_code,
                error_message,
                ..
            } => {
                assert_eq!(*status_code, Some(400));
                assert_eq!(error_message.as_deref(), Some("Bad scope"));
            }
            ConnectErrorKind::Other(code) => panic!("not typed: {code}"),
            _ => {}
        }
    }
}

#[test]
fn the_v3_user_id_is_the_same_for_the_same_owner() {
    let stand_in = stand_in();
    let link = link();
    let user = |owner: &str| {
        stand_in
            .approve_with(link.as_str(), &Approval::new().owner(owner))
            .unwrap()
            .callback()
            .unwrap()
            .user_id()
            .map(|id| id.as_str().to_owned())
            .unwrap()
    };
    let alice = user("alice");
    assert_eq!(alice.len(), 36, "a UUID: {alice}");
    assert_eq!(user("alice"), alice);
    assert_ne!(user("bob"), alice);
    // The default owner, over the grant form too.
    let default = stand_in.approve(link.as_str()).unwrap();
    let form = format!(
        "link={}&decision=allow&permission=read_vin",
        url::form_urlencoded::byte_serialize(link.as_str().as_bytes()).collect::<String>()
    );
    let mut stream = TcpStream::connect(("127.0.0.1", stand_in.port())).unwrap();
    write!(
        stream,
        "POST /oauth/grant HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let location = response
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap();
    let over_http = connect_core::Callback::from_url(location).unwrap();
    assert_eq!(over_http.user_id(), default.callback().unwrap().user_id());
}

#[test]
fn a_v3_credential_as_app_id_is_refused_as_connect_does() {
    let stand_in = stand_in();
    let link =
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=client_0a1b2c\
         &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback";
    let Err(OwnerError::LinkRefused { problems, .. }) = stand_in.approve(link) else {
        panic!("accepted")
    };
    assert!(
        problems[0].starts_with("400: Invalid parameter client_id"),
        "{problems:?}"
    );
    let path = &link["https://connect.smartcar.com".len()..];
    let (status, page) = http(&stand_in, &format!("GET {path} HTTP/1.1"), b"");
    assert_eq!(status, 400);
    assert!(page.contains("400: Invalid parameter client_id"), "{page}");
}

#[test]
fn what_the_registration_does_not_allow_is_refused_with_connects_message() {
    let stand_in = stand_in();
    let unregistered = link().as_str().replace("%2Fcallback", "%2Fcallback%2F");
    let Err(OwnerError::LinkRefused { problems, .. }) = stand_in.approve(&unregistered) else {
        panic!()
    };
    assert!(
        problems
            .iter()
            .any(|p| p.contains("Unauthorized redirect_uri")),
        "{problems:?}"
    );
    let unknown = link()
        .as_str()
        .replace(STAGING, "4a1b01e5-0497-417c-a30e-6df6ba33ba47");
    let error = stand_in.approve(&unknown).unwrap_err();
    assert!(error.to_string().contains("Invalid parameter"), "{error}");
    // Production may not request read_location.
    let production = format!(
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id={PRODUCTION}\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback&scope=read_location"
    );
    let error = stand_in.approve(&production).unwrap_err();
    assert!(error.to_string().contains("read_location"), "{error}");
    // A link without a redirect URI goes back to the application's default.
    let bare = format!(
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id={STAGING}"
    );
    assert!(stand_in
        .approve(&bare)
        .unwrap()
        .as_str()
        .starts_with(&format!("{CALLBACK}?code=")));
}

#[test]
fn reauthentication_the_tesla_upgrade_and_the_battery_page() {
    let stand_in = stand_in();
    let reauthenticate = format!(
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id\
         &client_id={STAGING}&vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&state=s"
    );
    let back = stand_in.approve(&reauthenticate).unwrap();
    match back.callback().unwrap().outcome() {
        Outcome::Reauthenticated(vehicle) => {
            assert_eq!(vehicle.as_str(), "36ab27d0-fd9d-4455-823a-ce30af709ffc");
        }
        other => panic!("{other:?}"),
    }

    let upgrade = format!(
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&make=TESLA\
         &client_id={STAGING}&scope=control_charge%20read_battery"
    );
    assert_eq!(stand_in.approve(&upgrade), Err(OwnerError::NoRedirectBack));
    let granted = stand_in
        .grant_upgrade(&upgrade, &Approval::new().uncheck("read_battery"))
        .unwrap();
    assert_eq!(granted, ["control_charge"]);
    assert_eq!(
        stand_in.grant_upgrade(link().as_str(), &Approval::new()),
        Err(OwnerError::NotAnUpgrade)
    );

    let battery = format!(
        "https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0&client_id={STAGING}\
         &token=t&response_type=vehicle_id&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback"
    );
    let chosen = stand_in.choose_capacity(&battery, "82.5").unwrap();
    match chosen.callback().unwrap().outcome() {
        Outcome::BatteryCapacity(capacity) => assert_eq!(capacity.selected_capacity(), "82.5"),
        other => panic!("{other:?}"),
    }
    let refused = stand_in.choose_capacity(&battery, "-1");
    assert!(
        matches!(&refused, Err(OwnerError::InvalidCapacity { capacity, .. }) if capacity == "-1"),
        "{refused:?}"
    );
    let skipped = stand_in.skip_capacity(&battery).unwrap();
    let Outcome::Error(error) = skipped.callback().unwrap().outcome().clone() else {
        panic!("{skipped}")
    };
    assert_eq!(error.kind().code(), "battery_capacity_no_selection");
    let empty = battery.replace("http%3A%2F%2Flocalhost%3A8000%2Fcallback", "");
    assert!(matches!(
        stand_in.choose_capacity(&empty, "75"),
        Err(OwnerError::LinkRefused { .. })
    ));
    assert_eq!(stand_in.opened_links().len(), 8);
}

#[test]
fn a_wrong_client_burns_nothing_and_a_refusal_consumes_nothing() {
    let stand_in = StandIn::builder(registration())
        .client_secret(STAGING, "staging-secret")
        .client_secret(PRODUCTION, "production-secret")
        .start()
        .unwrap();
    let link = link();
    let code = code_of(&stand_in.approve(link.as_str()).unwrap());
    // Production, authenticated with its own secret, presents staging's code.
    let body = format!(
        "grant_type=authorization_code&code={}&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback",
        code.as_str()
    );
    let (status, answer) = http(
        &stand_in,
        &format!(
            "POST /oauth/token HTTP/1.1\r\nAuthorization: Basic {}\r\n\
             Content-Type: application/x-www-form-urlencoded",
            basic(PRODUCTION, "production-secret")
        ),
        body.as_bytes(),
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains(r#""error":"invalid_request""#), "{answer}");
    // Its own redirect URI wrong: refused, not consumed.
    let other: ConnectUrl = link
        .as_str()
        .replace("%2Fcallback", "%2Fother")
        .parse()
        .unwrap();
    let (status, kind, description) = oauth(exchange(
        &stand_in,
        &other,
        &code,
        &staging("staging-secret"),
    ));
    assert_eq!((status, kind), (400, OAuthErrorKind::InvalidGrant));
    assert_eq!(
        description,
        "Unauthorized redirect_uri: http://localhost:8000/other"
    );
    // Staging still gets its tokens.
    let tokens = exchange(&stand_in, &link, &code, &staging("staging-secret")).unwrap();

    // Production presents staging's refresh token: refused, and staging's still works.
    let production = Credentials::new(
        PRODUCTION.parse().unwrap(),
        "production-secret".parse().unwrap(),
    );
    let (status, _, description) = oauth(refresh(&stand_in, tokens.refresh_token(), &production));
    assert_eq!(status, 400);
    assert!(
        description.starts_with("Invalid refresh_token: "),
        "{description}"
    );
    assert!(description.ends_with('.'), "{description}");
    refresh(
        &stand_in,
        tokens.refresh_token(),
        &staging("staging-secret"),
    )
    .unwrap();
}

#[test]
fn authentication_comes_before_the_content_type_and_bodies_get_oauth_json() {
    let stand_in = stand_in();
    let auth = format!("Authorization: Basic {}", basic(STAGING, "staging-secret"));
    for (head, body, status, error) in [
        // No credentials at all: 401, whatever the Content-Type.
        (
            "POST /oauth/token HTTP/1.1\r\nContent-Type: application/json".to_owned(),
            &b"{}"[..],
            401,
            "invalid_client",
        ),
        (
            "POST /oauth/token HTTP/1.1".to_owned(),
            &b"grant_type=refresh_token"[..],
            401,
            "invalid_client",
        ),
        // An app id the registration does not have, even with the demo secret.
        (
            format!(
                "POST /oauth/token HTTP/1.1\r\nAuthorization: Basic {}\r\n\
                 Content-Type: application/x-www-form-urlencoded",
                basic("4a1b01e5-0497-417c-a30e-6df6ba33ba47", DEMO_CLIENT_SECRET)
            ),
            &b"grant_type=refresh_token&refresh_token=x"[..],
            401,
            "invalid_client",
        ),
        (
            format!("POST /oauth/token HTTP/1.1\r\n{auth}\r\nContent-Type: text/plain"),
            &b"grant_type=refresh_token"[..],
            400,
            "invalid_request",
        ),
        // Not UTF-8: OAuth JSON, not a plain-text 400.
        (
            format!(
                "POST /oauth/token HTTP/1.1\r\n{auth}\r\n\
                 Content-Type: application/x-www-form-urlencoded"
            ),
            &b"grant_type=refresh_token&refresh_token=\xff\xfe"[..],
            400,
            "invalid_request",
        ),
        (
            "POST /oauth2/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                .to_owned(),
            &b"\xff"[..],
            401,
            "invalid_client",
        ),
    ] {
        let (got, answer) = http(&stand_in, &head, body);
        assert_eq!(got, status, "{head}: {answer}");
        let json: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(json["error"], error, "{head}: {answer}");
        assert!(json["error_description"].is_string(), "{answer}");
    }
}

#[test]
fn the_refresh_grace_lets_two_instances_refresh_then_ends() {
    let stand_in = stand_in();
    let link = link();
    let code = code_of(&stand_in.approve(link.as_str()).unwrap());
    let credentials = staging("staging-secret");
    let tokens = exchange(&stand_in, &link, &code, &credentials).unwrap();
    let old = tokens.refresh_token();
    // Two instances refresh with the same token: both succeed.
    let first = refresh(&stand_in, old, &credentials).unwrap();
    stand_in.advance(Duration::from_secs(REFRESH_GRACE.as_secs() - 1));
    let second = refresh(&stand_in, old, &credentials).unwrap();
    assert_ne!(first.refresh_token(), second.refresh_token());
    stand_in.advance(Duration::from_secs(1));
    let (status, kind, description) = oauth(refresh(&stand_in, old, &credentials));
    assert_eq!((status, kind), (400, OAuthErrorKind::InvalidRequest));
    assert_eq!(
        description,
        format!("Invalid refresh_token: {}.", old.expose_secret())
    );
    // Both new ones work.
    refresh(&stand_in, first.refresh_token(), &credentials).unwrap();
    refresh(&stand_in, second.refresh_token(), &credentials).unwrap();
}

#[test]
fn the_clock_reaches_every_expiry() {
    let stand_in = stand_in();
    let link = link();
    let credentials = staging("staging-secret");
    // A code: 10 minutes.
    let code = code_of(&stand_in.approve(link.as_str()).unwrap());
    stand_in.advance(Duration::from_secs(CODE_LIFETIME.as_secs() - 1));
    let tokens = exchange(&stand_in, &link, &code, &credentials).unwrap();
    let late = code_of(&stand_in.approve(link.as_str()).unwrap());
    stand_in.advance(CODE_LIFETIME);
    let (status, _, description) = oauth(exchange(&stand_in, &link, &late, &credentials));
    assert_eq!(status, 400);
    assert_eq!(description, format!("Invalid code: {}.", late.as_str()));
    // An access token: 2 hours.
    let access = tokens.access_token().expose_secret().to_owned();
    stand_in.advance(Duration::from_secs(2 * 3600 - 601));
    assert!(stand_in.is_token_valid(&access));
    stand_in.advance(Duration::from_secs(1));
    assert!(!stand_in.is_token_valid(&access));
    // A refresh token: 60 days.
    let fresh = refresh(&stand_in, tokens.refresh_token(), &credentials).unwrap();
    stand_in.advance(REFRESH_TOKEN_LIFETIME);
    assert!(refresh(&stand_in, fresh.refresh_token(), &credentials).is_err());
    // An application token: 1 hour.
    let v3 = Credentials::new(
        DEMO_V3_CLIENT_ID.parse().unwrap(),
        DEMO_V3_CLIENT_SECRET.parse().unwrap(),
    );
    let request = TokenRequest::client_credentials(&v3)
        .with_origin(stand_in.origin())
        .to_http()
        .unwrap();
    let token = ApplicationToken::read(&stand_in.send(request), SystemTime::now()).unwrap();
    let token = token.access_token().expose_secret().to_owned();
    stand_in.advance(Duration::from_secs(3599));
    assert!(stand_in.is_token_valid(&token));
    stand_in.advance(Duration::from_secs(1));
    assert!(!stand_in.is_token_valid(&token));
}

#[test]
fn client_credentials_give_an_application_token_or_smartcars_errors() {
    let stand_in = StandIn::builder(registration())
        .v3_credential("client_0a1b2c", "v3-secret")
        .start()
        .unwrap();
    let ask = |id: &str, secret: &str| {
        let credentials = Credentials::new(id.parse().unwrap(), secret.parse().unwrap());
        let request = TokenRequest::client_credentials(&credentials)
            .with_origin(stand_in.origin())
            .to_http()
            .unwrap();
        stand_in.send(request)
    };
    let answer = ask("client_0a1b2c", "v3-secret");
    assert_eq!(answer.status(), 200);
    let json: serde_json::Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["expires_in"], 3600);
    assert!(json.get("refresh_token").is_none(), "{json}");
    // The demo credential is replaced by the one given.
    assert_eq!(ask(DEMO_V3_CLIENT_ID, DEMO_V3_CLIENT_SECRET).status(), 401);
    assert_eq!(ask("client_0a1b2c", "wrong").status(), 401);
    // Over HTTP: a wrong grant type is 400 invalid_request, the secret in Basic works too.
    let (status, answer) = http(
        &stand_in,
        "POST /oauth2/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
        b"grant_type=password&client_id=client_0a1b2c&client_secret=v3-secret",
    );
    assert_eq!(status, 400, "{answer}");
    assert!(answer.contains("invalid_request"), "{answer}");
    let (status, answer) = http(
        &stand_in,
        &format!(
            "POST /oauth2/token HTTP/1.1\r\nAuthorization: Basic {}\r\n\
             Content-Type: application/x-www-form-urlencoded",
            basic("client_0a1b2c", "v3-secret")
        ),
        b"grant_type=client_credentials",
    );
    assert_eq!(status, 200, "{answer}");
    let calls = stand_in.token_requests();
    assert!(calls.iter().all(|c| c.path == "/oauth2/token"));
    assert_eq!(calls.len(), 5);
}

#[test]
fn bad_input_to_the_api_is_a_clear_error() {
    let unknown = StandIn::builder(registration())
        .client_secret("4a1b01e5-0497-417c-a30e-6df6ba33ba47", "s")
        .start()
        .unwrap_err();
    assert!(matches!(unknown, StartError::UnknownApplication { .. }));
    assert!(unknown.to_string().contains(STAGING), "{unknown}");
    let empty_secret = StandIn::builder(registration())
        .client_secret(STAGING, "")
        .start()
        .unwrap_err();
    assert!(
        matches!(empty_secret, StartError::InvalidCredential { .. }),
        "{empty_secret}"
    );
    let no_app = StandIn::any_app_id([]).start().unwrap_err();
    assert!(no_app.to_string().contains("no application"), "{no_app}");
    let running = stand_in();
    let taken = StandIn::builder(registration())
        .port(running.port())
        .start()
        .unwrap_err();
    assert!(taken.to_string().contains("in use"), "{taken}");
    for malformed in [
        "",
        "not a link",
        "https://connect.smartcar.com/oauth/authorize?%%%",
        "\u{0}",
    ] {
        let error = running.approve(malformed).unwrap_err();
        assert!(matches!(error, OwnerError::LinkRefused { .. }), "{error}");
        assert!(!error.to_string().is_empty());
        assert!(running.deny(malformed).is_err());
        assert!(running.choose_capacity(malformed, "75").is_err());
    }
    // A request to something that is no token endpoint.
    let request = axum::http::Request::get("http://x/oauth/token")
        .body(Vec::new())
        .unwrap();
    assert_eq!(running.send(request).status(), 405);
}

#[test]
fn response_type_none_sends_no_code_but_the_user_id() {
    let stand_in = stand_in();
    let back = stand_in
        .approve(&format!(
            "https://connect.smartcar.com/oauth/authorize?response_type=none&client_id={STAGING}\
             &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback"
        ))
        .unwrap();
    let callback = back.callback().unwrap();
    // No code, a user id: the v3 outcome.
    assert!(
        matches!(callback.outcome(), Outcome::Connected(_)),
        "{back}"
    );
    assert!(callback.user_id().is_some());
}

#[test]
fn the_grant_form_answers_an_error_for_scripts_without_the_library() {
    let stand_in = stand_in();
    let link = url::form_urlencoded::byte_serialize(link().as_str().as_bytes()).collect::<String>();
    let post = |form: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", stand_in.port())).unwrap();
        write!(
            stream,
            "POST /oauth/grant HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    };
    let response = post(&format!(
        "link={link}&decision=error&error=vehicle_incompatible&make=TESLA&year=2019"
    ));
    let location = response
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or_else(|| panic!("{response}"));
    let callback = connect_core::Callback::from_url(location).unwrap();
    let Outcome::Error(error) = callback.outcome() else {
        panic!("{location}")
    };
    let ConnectErrorKind::VehicleIncompatible { make, year, .. } = error.kind() else {
        panic!("{location}")
    };
    assert_eq!((make.as_deref(), *year), (Some("TESLA"), Some(2019)));
    let refused = post(&format!("link={link}&decision=error&error=made_up"));
    assert!(refused.starts_with("HTTP/1.1 400"), "{refused}");
    assert!(refused.contains("oem_cancelled_login"), "{refused}");
    let refused = post(&format!(
        "link={link}&decision=error&error=vehicle_incompatible&year=x"
    ));
    assert!(refused.contains("`year` is a number"), "{refused}");
}
