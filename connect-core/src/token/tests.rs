//! The requests byte for byte (against the official SDKs' fixtures, FACTS.md
//! "The token exchange"), every response shape, and hostile ones.

use std::time::{Duration, SystemTime};

use http::StatusCode;
use proptest::prelude::*;

use super::*;
use crate::{AuthorizationCode, Callback, ConnectUrl, Outcome};

fn credentials() -> Credentials {
    Credentials::new(
        "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse().unwrap(),
        "s3cr3t:with/odd+chars".parse().unwrap(),
    )
}

fn code(text: &str) -> AuthorizationCode {
    match Callback::from_query(&format!("code={text}"))
        .unwrap()
        .outcome()
    {
        Outcome::Code(code) => code.clone(),
        other => panic!("{other:?}"),
    }
}

fn link(query: &str) -> ConnectUrl {
    format!(
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07{query}"
    )
    .parse()
    .unwrap()
}

/// Every header as `name: value` lines, in order.
fn headers(request: &http::Request<Vec<u8>>) -> String {
    let mut lines = String::new();
    for (name, value) in request.headers() {
        lines.push_str(name.as_str());
        lines.push_str(": ");
        lines.push_str(value.to_str().unwrap());
        lines.push('\n');
    }
    lines
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

#[test]
fn code_exchange_byte_for_byte() {
    let link = link("&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&flags=foo%3Abar%20test%3Atrue");
    let credentials = credentials();
    let code = code("9f2b0c1e-7a3d-4c55-b1e2-0d6f8a9c3e71");
    let request = TokenRequest::authorization_code(&link, &code, &credentials)
        .to_http()
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    // The Java and Node SDKs' fixture: the flags repeated in the token URL's query.
    assert_eq!(
        request.uri().to_string(),
        "https://auth.smartcar.com/oauth/token?flags=foo%3Abar%20test%3Atrue"
    );
    // base64("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07:s3cr3t:with/odd+chars")
    assert_eq!(
        headers(&request),
        "authorization: Basic ODIyOWRmOWYtOTFhMC00ZmYwLWExYWUtYTFmMzhlZTI0ZDA3OnMzY3IzdDp3aXRoL29kZCtjaGFycw==\n\
         content-type: application/x-www-form-urlencoded\n\
         user-agent: connect-core/0.1.0\n"
    );
    assert!(request.headers()["authorization"].is_sensitive());
    assert_eq!(
        String::from_utf8(request.into_body()).unwrap(),
        "grant_type=authorization_code&code=9f2b0c1e-7a3d-4c55-b1e2-0d6f8a9c3e71\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fhome"
    );
}

#[test]
fn the_redirect_uri_is_the_links_exactly_and_absent_when_the_link_has_none() {
    let credentials = credentials();
    let code = code("c");
    // Kept as written: a query and an upper-case path travel encoded, unchanged.
    let with = link("&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2FCallback%3Fa%3D1");
    let body = TokenRequest::authorization_code(&with, &code, &credentials)
        .to_http()
        .unwrap()
        .into_body();
    assert_eq!(
        body,
        b"grant_type=authorization_code&code=c&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2FCallback%3Fa%3D1"
    );
    let without = link("");
    let request = TokenRequest::authorization_code(&without, &code, &credentials)
        .to_http()
        .unwrap();
    assert_eq!(request.uri(), "https://auth.smartcar.com/oauth/token");
    let body = String::from_utf8(request.into_body()).unwrap();
    assert_eq!(body, "grant_type=authorization_code&code=c");
    assert!(!body.contains("undefined"), "Node's bug");
}

#[test]
fn refresh_byte_for_byte() {
    let credentials = credentials();
    let token = RefreshToken::new("2b9f+/ü=").unwrap();
    let flags = "country:DE".parse().unwrap();
    let origin = "http://127.0.0.1:4010".parse().unwrap();
    let request = TokenRequest::refresh(&token, &credentials)
        .with_flags(&flags)
        .with_origin(&origin)
        .to_http()
        .unwrap();
    assert_eq!(
        request.uri(),
        "http://127.0.0.1:4010/oauth/token?flags=country%3ADE"
    );
    assert!(headers(&request).starts_with("authorization: Basic ODIy"));
    assert_eq!(
        request.into_body(),
        b"grant_type=refresh_token&refresh_token=2b9f%2B%2F%C3%BC%3D"
    );
}

#[test]
fn application_token_byte_for_byte() {
    let credentials =
        Credentials::new("client_1a2b".parse().unwrap(), "v3&secret".parse().unwrap());
    let request = TokenRequest::client_credentials(&credentials)
        .to_http()
        .unwrap();
    assert_eq!(request.uri(), "https://iam.smartcar.com/oauth2/token");
    assert_eq!(
        headers(&request),
        "content-type: application/x-www-form-urlencoded\nuser-agent: connect-core/0.1.0\n"
    );
    assert_eq!(
        request.into_body(),
        b"grant_type=client_credentials&client_id=client_1a2b&client_secret=v3%26secret"
    );
}

#[test]
fn a_code_is_exchanged_only_with_the_links_own_app_id() {
    let other = Credentials::new("another-app".parse().unwrap(), "s".parse().unwrap());
    let link = link("");
    let code = code("c");
    let error = TokenRequest::authorization_code(&link, &code, &other)
        .to_http()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the link was made for the app id `8229df9f-91a0-4ff0-a1ae-a1f38ee24d07`, but the \
         credentials are of `another-app`: exchange the code with the credentials of the link's \
         application"
    );
}

#[test]
fn debug_of_a_request_shows_no_secret() {
    let credentials = credentials();
    let token = RefreshToken::new("r3fr3sh").unwrap();
    let request = TokenRequest::refresh(&token, &credentials);
    let debug = format!("{request:?}");
    assert!(
        !debug.contains("s3cr3t") && !debug.contains("r3fr3sh"),
        "{debug}"
    );
}

#[test]
fn reads_the_sdk_fixtures() {
    // Java's fixture (7200 s) and Node's (1800 s).
    for (expires_in, body) in [
        (
            7200,
            r#"{"access_token":"access","token_type":"Bearer","expires_in":7200,"refresh_token":"refresh"}"#,
        ),
        (
            1800,
            r#"{"access_token":"access","token_type":"Bearer","expires_in":1800,"refresh_token":"refresh"}"#,
        ),
    ] {
        let tokens = Tokens::read_parts(StatusCode::OK, body.as_bytes(), now()).unwrap();
        assert_eq!(tokens.access_token().expose_secret(), "access");
        assert_eq!(tokens.refresh_token().expose_secret(), "refresh");
        assert_eq!(tokens.expires_at(), now() + Duration::from_secs(expires_in));
        assert_eq!(
            tokens.refresh_expires_at(),
            now() + Duration::from_secs(5_184_000)
        );
        let debug = format!("{tokens:?}");
        assert!(
            !debug.contains("access\"") && !debug.contains("refresh\""),
            "{debug}"
        );
    }
    let application = ApplicationToken::read_parts(
        StatusCode::OK,
        br#"{"access_token":"app","token_type":"Bearer","expires_in":3600}"#,
        now(),
    )
    .unwrap();
    assert_eq!(application.expires_at(), now() + Duration::from_secs(3600));
}

#[test]
fn reads_every_oauth_error_seen() {
    for (status, code, description, kind) in [
        (
            400,
            "invalid_request",
            "Invalid code: 0ac5d3bc",
            OAuthErrorKind::InvalidRequest,
        ),
        (
            400,
            "invalid_request",
            "Invalid refresh_token: 5e8f",
            OAuthErrorKind::InvalidRequest,
        ),
        (
            400,
            "invalid_grant",
            "Unauthorized redirect_uri: https://example.com/other",
            OAuthErrorKind::InvalidGrant,
        ),
        (
            400,
            "unauthorized_client",
            "Application not authorized to requested make(s): SEAT",
            OAuthErrorKind::UnauthorizedClient,
        ),
        (
            401,
            "invalid_client",
            "Invalid client credentials",
            OAuthErrorKind::InvalidClient,
        ),
        (
            400,
            "brand_new_code",
            "Something new",
            OAuthErrorKind::Other("brand_new_code".into()),
        ),
    ] {
        let body = format!(r#"{{"error":"{code}","error_description":"{description}"}}"#);
        let status = StatusCode::from_u16(status).unwrap();
        let error = Tokens::read_parts(status, body.as_bytes(), now()).unwrap_err();
        let TokenError::OAuth(oauth) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            (oauth.kind(), oauth.description(), oauth.status()),
            (&kind, Some(description), status)
        );
        assert_eq!(
            error.to_string(),
            format!("the token endpoint refused the request ({status}): `{code}`: {description}")
        );
        assert!(std::error::Error::source(&error).is_some());
    }
    // Without a description, or with a null one.
    for body in [
        r#"{"error":"invalid_grant"}"#,
        r#"{"error":"invalid_grant","error_description":null}"#,
    ] {
        let error =
            Tokens::read_parts(StatusCode::BAD_REQUEST, body.as_bytes(), now()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the token endpoint refused the request (400 Bad Request): `invalid_grant`"
        );
    }
    // An error with a 200 is still an error.
    let error =
        Tokens::read_parts(StatusCode::OK, br#"{"error":"invalid_grant"}"#, now()).unwrap_err();
    assert!(matches!(error, TokenError::OAuth(_)));
}

#[test]
fn unexpected_shapes_name_the_field_and_quote_the_body() {
    let cases: &[(&str, &str)] = &[
        (r"[]", "access_token"),
        (r"{}", "access_token"),
        (
            r#"{"access_token":"","expires_in":1,"refresh_token":"r"}"#,
            "access_token",
        ),
        (
            r#"{"access_token":"a\nb","expires_in":1,"refresh_token":"r"}"#,
            "access_token",
        ),
        (
            r#"{"access_token":7,"expires_in":1,"refresh_token":"r"}"#,
            "access_token",
        ),
        (
            r#"{"access_token":"a","token_type":"MAC","expires_in":1,"refresh_token":"r"}"#,
            "token_type",
        ),
        (r#"{"access_token":"a","refresh_token":"r"}"#, "expires_in"),
        (
            r#"{"access_token":"a","expires_in":-1,"refresh_token":"r"}"#,
            "expires_in",
        ),
        (
            r#"{"access_token":"a","expires_in":1.5,"refresh_token":"r"}"#,
            "expires_in",
        ),
        (
            r#"{"access_token":"a","expires_in":"7200","refresh_token":"r"}"#,
            "expires_in",
        ),
        (
            r#"{"access_token":"a","expires_in":18446744073709551615,"refresh_token":"r"}"#,
            "expires_in",
        ),
        (r#"{"access_token":"a","expires_in":7200}"#, "refresh_token"),
        (
            r#"{"access_token":"a","expires_in":7200,"refresh_token":null}"#,
            "refresh_token",
        ),
        (r#"{"error":42}"#, "error"),
        (
            r#"{"error":"invalid_grant","error_description":["x"]}"#,
            "error_description",
        ),
    ];
    for (body, field) in cases {
        let error = Tokens::read_parts(StatusCode::OK, body.as_bytes(), now()).unwrap_err();
        match &error {
            TokenError::UnexpectedJson { field: f, .. } => assert_eq!(f, field, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
        let text = error.to_string();
        assert!(text.contains(&format!("no valid `{field}`")), "{text}");
    }
    // A non-2xx status without an OAuth error has no tokens, whatever the JSON.
    let body = br#"{"access_token":"a","expires_in":1,"refresh_token":"r"}"#;
    let error = Tokens::read_parts(StatusCode::INTERNAL_SERVER_ERROR, body, now()).unwrap_err();
    assert!(
        matches!(error, TokenError::UnexpectedJson { field: "error", .. }),
        "{error:?}"
    );
    // The v2 API's error shape is not an OAuth error: quoted.
    let v2 = br#"{"type":"SERVER","code":null,"description":"Unexpected error","statusCode":500}"#;
    let text = Tokens::read_parts(StatusCode::INTERNAL_SERVER_ERROR, v2, now())
        .unwrap_err()
        .to_string();
    assert_eq!(
        text,
        format!(
            "the token endpoint answered 500 Internal Server Error with JSON that has no valid `error`: `{}`",
            std::str::from_utf8(v2).unwrap()
        )
    );
}

#[test]
fn hostile_bodies_are_bounded_and_escaped() {
    // An HTML error page, with an escape sequence and a bidi override.
    let page = "<html>\u{1b}[31mred\u{202e}evil</html>";
    let text = Tokens::read_parts(StatusCode::BAD_GATEWAY, page.as_bytes(), now())
        .unwrap_err()
        .to_string();
    assert!(
        text.starts_with(
            "the token endpoint answered 502 Bad Gateway with a body that is not JSON ("
        ) && text.ends_with(r"`<html>\u{1b}[31mred\u{202e}evil</html>`"),
        "{text}"
    );
    // A description that would forge a log line.
    let body = br#"{"error":"invalid_grant\n","error_description":"ok\nINFO all good\u2066"}"#;
    let text = Tokens::read_parts(StatusCode::BAD_REQUEST, body, now())
        .unwrap_err()
        .to_string();
    assert!(
        text.ends_with(r"`invalid_grant\n`: ok\nINFO all good\u{2066}"),
        "{text}"
    );
    // A long body is quoted 200 bytes long, with its length.
    let long = "x".repeat(10_000);
    let text = Tokens::read_parts(StatusCode::OK, long.as_bytes(), now())
        .unwrap_err()
        .to_string();
    assert!(
        text.ends_with(&format!("`{}…` (10000 bytes)", "x".repeat(200))),
        "{text}"
    );
    // Over the bound: refused unread.
    let huge = vec![b' '; MAX_RESPONSE_LEN + 1];
    assert_eq!(
        Tokens::read_parts(StatusCode::OK, &huge, now()).unwrap_err(),
        TokenError::TooLarge {
            status: StatusCode::OK,
            length: MAX_RESPONSE_LEN + 1
        }
    );
    // Deep nesting is an error, not a stack overflow; so is invalid UTF-8 and an empty body.
    let deep = "[".repeat(MAX_RESPONSE_LEN);
    assert!(matches!(
        Tokens::read_parts(StatusCode::OK, deep.as_bytes(), now()),
        Err(TokenError::NotJson { .. })
    ));
    assert!(matches!(
        Tokens::read_parts(StatusCode::OK, b"\xff\xfe", now()),
        Err(TokenError::NotJson { .. })
    ));
    assert!(matches!(
        Tokens::read_parts(StatusCode::OK, b"", now()),
        Err(TokenError::NotJson { .. })
    ));
    // Duplicate keys: serde_json keeps the last one; still a value or an error.
    let dup = br#"{"access_token":"a","access_token":"b","expires_in":1,"refresh_token":"r"}"#;
    assert_eq!(
        Tokens::read_parts(StatusCode::OK, dup, now())
            .unwrap()
            .access_token()
            .expose_secret(),
        "b"
    );
}

#[test]
fn expiry_near_the_end_of_time_is_an_error() {
    let late = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
    let body = br#"{"access_token":"a","expires_in":18446744073709551615,"refresh_token":"r"}"#;
    assert!(matches!(
        Tokens::read_parts(StatusCode::OK, body, late),
        Err(TokenError::UnexpectedJson {
            field: "expires_in",
            ..
        })
    ));
}

proptest! {
    /// Any status and body: tokens or an error, never a panic; the message is
    /// bounded and has no raw control character.
    #[test]
    fn any_response_gives_a_value_or_an_error(status in 100u16..1000, body in proptest::collection::vec(any::<u8>(), 0..400)) {
        let status = StatusCode::from_u16(status).unwrap();
        for result in [
            Tokens::read_parts(status, &body, now()).map(|_| ()),
            ApplicationToken::read_parts(status, &body, now()).map(|_| ()),
        ] {
            if let Err(e) = result {
                let text = e.to_string();
                prop_assert!(text.len() < 2_000, "{}", text.len());
                prop_assert!(!text.chars().any(char::is_control), "{text:?}");
            }
        }
    }

    /// JSON-looking bodies reach the field checks.
    #[test]
    fn any_json_object_gives_a_value_or_an_error(
        access in proptest::option::of(".{0,8}"),
        refresh in proptest::option::of(".{0,8}"),
        expires in proptest::option::of(any::<i64>()),
        error in proptest::option::of("[a-z_]{0,12}"),
    ) {
        let mut object = serde_json::Map::new();
        if let Some(a) = access { object.insert("access_token".into(), a.into()); }
        if let Some(r) = refresh { object.insert("refresh_token".into(), r.into()); }
        if let Some(e) = expires { object.insert("expires_in".into(), e.into()); }
        if let Some(e) = error { object.insert("error".into(), e.into()); }
        let body = serde_json::to_vec(&object).unwrap();
        let _ = Tokens::read_parts(StatusCode::OK, &body, now());
    }
}

#[cfg(feature = "serde")]
mod serde_storage {
    use super::super::{AccessToken, ClientSecret, RefreshToken, Tokens};
    use std::time::{Duration, SystemTime};

    #[test]
    fn tokens_round_trip_with_their_expiries() {
        let now = SystemTime::UNIX_EPOCH + Duration::new(1_800_000_000, 123_456_789);
        let tokens = Tokens::new(
            AccessToken::new("a1").unwrap(),
            RefreshToken::new("r1").unwrap(),
            now + Duration::from_secs(7200),
            now + super::super::REFRESH_TOKEN_LIFETIME,
        );
        let json = serde_json::to_string(&tokens).unwrap();
        assert!(
            json.starts_with(r#"{"access_token":"a1","refresh_token":"r1","expires_at":"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Tokens>(&json).unwrap(), tokens);
        // A stored token is checked on the way in, and Debug still shows none.
        let bad = json.replace(r#""r1""#, r#""r\n1""#);
        let error = serde_json::from_str::<Tokens>(&bad)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("refresh token contains a control character"),
            "{error}"
        );
        assert!(!format!("{tokens:?}").contains("a1"));
    }

    #[test]
    fn the_client_secret_is_read_from_configuration_and_never_written() {
        let secret: ClientSecret = serde_json::from_str(r#""s3cr3t""#).unwrap();
        assert!(secret.matches("s3cr3t"));
        assert_eq!(format!("{secret:?}"), "ClientSecret(…)");
        assert!(serde_json::from_str::<ClientSecret>(r#""""#).is_err());
    }

    #[test]
    fn the_user_id_is_its_text() {
        let user: crate::UserId = serde_json::from_str(r#""2d1ba1a4""#).unwrap();
        assert_eq!(serde_json::to_string(&user).unwrap(), r#""2d1ba1a4""#);
        assert!(serde_json::from_str::<crate::UserId>(r#""a b""#).is_err());
    }
}
