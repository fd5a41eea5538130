//! The whole Connect flow over loopback HTTP: the web example sends the owner to
//! the local Connect stand-in, which redirects back to the web example's callback.

use crate::support;

use std::time::{Duration, Instant};

use connect_core::Origin;
use connect_servers::html::escape;
use connect_servers::web;
use connect_stand_in as stand_in;
use reqwest::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, LOCATION, REFERRER_POLICY,
    SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use reqwest::{redirect, Client, StatusCode};
use support::{hidden_input, spawn, start, Servers, HEADER_READ_TIMEOUT};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// `/connect`: the link it redirects to, and the `connect_flow=…` cookie it sets (the
/// flow in progress, encrypted).
async fn begin(servers: &Servers) -> (String, String) {
    let response = client()
        .get(format!("{}/connect", servers.web))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let link = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "the app is served over http: {set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    (link, cookie)
}

/// Posts the grant form of `link` and returns where the stand-in redirects.
async fn decide(
    servers: &Servers,
    link: &str,
    permissions: &[&str],
    decision: &str,
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![("link", link), ("decision", decision)];
    form.extend(permissions.iter().map(|p| ("permission", *p)));
    client()
        .post(format!("{}/oauth/grant", servers.stand_in))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// The body of a GET.
async fn get_text(url: &str) -> String {
    client()
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A flow the owner allowed: the redirect back (not yet followed) and its cookie.
async fn allowed(servers: &Servers) -> (String, String) {
    let (link, cookie) = begin(servers).await;
    let back = decide(servers, &link, &["read_odometer"], "allow").await;
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    (location, cookie)
}

/// The value of parameter `name` in a redirect back, as written (not decoded).
fn param<'a>(location: &'a str, name: &str) -> &'a str {
    let (_, query) = location.split_once('?').unwrap();
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no `{name}` in {location}"))
}

/// The `code` of a redirect back.
fn code_of(location: &str) -> &str {
    param(location, "code")
}

/// Sends `request` as it is to the server at `base` (`http://HOST:PORT`) and
/// reads until the server closes the connection: what it answered, or `None` when
/// it still holds the connection after a minute.
async fn raw(base: &str, request: &[u8]) -> Option<String> {
    let mut stream = tokio::net::TcpStream::connect(base.strip_prefix("http://").unwrap())
        .await
        .unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    match tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut answer)).await {
        // A reset is a close too.
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

async fn callback(location: &str, cookie: &str) -> (StatusCode, String) {
    let response = client()
        .get(location)
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn owner_allows_and_the_app_shows_the_code() {
    let servers = start().await;
    let home = get_text(&servers.web).await;
    assert!(home.contains(">Connect your vehicle</a>"));

    let (link, cookie) = begin(&servers).await;
    assert!(link.starts_with(&format!(
        "{}/oauth/authorize?response_type=code&client_id=",
        servers.stand_in
    )));
    let state = param(&link, "state");
    assert!(cookie.starts_with("connect_flow="), "{cookie}");
    assert!(
        !cookie.contains(state),
        "the flow cookie is encrypted: {cookie}"
    );
    assert!(
        link.ends_with(&format!("&external_id={}", web::DEMO_EXTERNAL_ID)),
        "the link carries the app's id for the owner: {link}"
    );

    let grant = client().get(&link).send().await.unwrap();
    assert_eq!(grant.status(), StatusCode::OK);
    let grant = grant.text().await.unwrap();
    assert!(grant.contains(
        r#"id="read_odometer" name="permission" value="read_odometer" checked disabled"#
    ));
    assert!(
        grant.contains(r#"id="read_location" name="permission" value="read_location" checked>"#)
    );
    let form_link = hidden_input(&grant, "link").unwrap();

    // The owner unchecks read_vehicle_info; the required read_odometer travels in its hidden field.
    let back = decide(
        &servers,
        &form_link,
        &["read_odometer", "read_location"],
        "allow",
    )
    .await;
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{}/callback?code=", servers.web)),
        "{location}"
    );
    assert!(
        location.ends_with(&format!(
            "&state={state}&external_id={}",
            web::DEMO_EXTERNAL_ID
        )),
        "external_id is echoed: {location}"
    );

    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let code = code_of(&location);
    assert!(
        page.contains(&format!(r#"<code id="code">{code}</code>"#)),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            r#"<code id="external_id">{}</code>"#,
            web::DEMO_EXTERNAL_ID
        )),
        "{page}"
    );
}

#[tokio::test]
async fn owner_denies_and_the_app_says_so() {
    let servers = start().await;
    let (link, cookie) = begin(&servers).await;
    let back = decide(&servers, &link, &[], "deny").await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.contains("?error=access_denied&error_description="),
        "{location}"
    );
    assert!(
        location.ends_with(&format!(
            "&state={}&external_id={}",
            param(&link, "state"),
            web::DEMO_EXTERNAL_ID
        )),
        "external_id is echoed on errors too: {location}"
    );
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"data-code="access_denied""#) && page.contains("Access denied"),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            r#"<code id="external_id">{}</code>"#,
            web::DEMO_EXTERNAL_ID
        )),
        "{page}"
    );
}

/// An `external_id` with spaces, markup and a `+` goes back percent-encoded
/// (`%20`, not `+`) and is shown escaped; a link without one gets none back.
#[tokio::test]
async fn external_id_is_percent_encoded_on_the_way_back_and_escaped_on_the_page() {
    let servers = start().await;
    let (link, cookie) = begin(&servers).await;
    let sent = format!("external_id={}", web::DEMO_EXTERNAL_ID);
    assert!(link.contains(&sent), "{link}");
    let link = link.replace(&sent, "external_id=owner%2042%20%3Cb%3E%2B%C3%A9");
    let back = decide(&servers, &link, &["read_odometer"], "allow").await;
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.ends_with("&external_id=owner%2042%20%3Cb%3E%2B%C3%A9"),
        "{location}"
    );
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains(r#"<code id="external_id">owner 42 &lt;b&gt;+é</code>"#),
        "{page}"
    );

    // A link without `external_id`: nothing is echoed, nothing is shown.
    let (link, cookie) = begin(&servers).await;
    let back = decide(
        &servers,
        &link.replace(&format!("&{sent}"), ""),
        &["read_odometer"],
        "allow",
    )
    .await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(!location.contains("external_id"), "{location}");
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.contains("external_id"), "{page}");
}

#[tokio::test]
async fn forged_or_missing_state_is_refused() {
    let servers = start().await;
    let (link, cookie) = begin(&servers).await;
    let back = decide(&servers, &link, &["read_odometer"], "allow").await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    let state = param(&location, "state");
    let forged = location.replace(state, "forged-state");
    let (status, page) = callback(&forged, &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("does not match the one sent"), "{page}");

    let (status, page) = callback(&location.replace(&format!("&state={state}"), ""), &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("the redirect has no `state`"), "{page}");

    let (status, page) = callback(&location, "other=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("no sign-in in progress"), "{page}");
}

#[tokio::test]
async fn connect_errors_get_readable_pages() {
    let servers = start().await;
    // Each error comes back to a flow of its own, with that flow's state.
    let page = |query: &'static str| {
        let servers = &servers;
        async move {
            let (link, cookie) = begin(servers).await;
            let state = param(&link, "state");
            let url = format!("{}/callback?{query}&state={state}", servers.web);
            callback(&url, &cookie).await
        }
    };
    let (status, body) = page(
        "error=vehicle_incompatible&vin=5YJ3E1EA7KF317000&make=TESLA&model=Model%203&year=2019",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Your TESLA Model 3 (2019), VIN 5YJ3E1EA7KF317000 cannot share"),
        "{body}"
    );
    let (_, body) = page("error=configuration_error&status_code=400&error_message=bad+scope").await;
    assert!(
        body.contains("misconfigured (status 400): bad scope"),
        "{body}"
    );
    let (_, body) = page("error=no_vehicles").await;
    assert!(body.contains("no vehicles"), "{body}");
    let (_, body) = page("error=something_new").await;
    assert!(body.contains("Connect returned `something_new`"), "{body}");
}

#[tokio::test]
async fn the_stand_in_refuses_what_connect_would_refuse() {
    let servers = start().await;
    let callback = format!("{}/callback", servers.web)
        .replace(':', "%3A")
        .replace('/', "%2F");
    let get = |query: String| {
        let url = format!("{}/oauth/authorize?{query}", servers.stand_in);
        async move {
            let response = client().get(url).send().await.unwrap();
            (response.status(), response.text().await.unwrap())
        }
    };
    let (status, body) = get(format!(
        "response_type=code&client_id=c&scope=read_odometr&redirect_uri={callback}"
    ))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("unknown permission `read_odometr`")
            && body.contains("did you mean `read_odometer`?"),
        "{body}"
    );

    let (status, body) = get(
        "response_type=code&client_id=c&redirect_uri=https%3A%2F%2Fevil.example%2Fcb".to_owned(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("is not registered"), "{body}");

    let (status, body) = get(
        "response_type=code&client_id=c&single_select_vin=5YJ3E1EA7KF317000&make=TESLA".to_owned(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("`single_select_vin` needs `single_select=true`"),
        "{body}"
    );
    // `make` with the VIN is only a warning when read: Connect ignores the make.
    assert!(!body.contains("`make`"), "{body}");

    // Without a redirect URI the first registered one is the default.
    let (status, body) = get("response_type=code&client_id=c&scope=read_vin".to_owned()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(&format!(
            "Returning to <code>{}/callback</code>",
            servers.web
        )),
        "{body}"
    );
}

/// Reading is faithful (SPEC §5): the stand-in shows the grant page for links as
/// Smartcar's own SDKs write them, which Connect accepts.
#[tokio::test]
async fn the_stand_in_accepts_what_the_sdks_send() {
    let servers = start().await;
    let callback = format!("{}/callback", servers.web)
        .replace(':', "%3A")
        .replace('/', "%2F");
    for query in [
        // Android SDK: `application_id`, its own parameters, a flag without a value.
        format!(
            "response_type=code&application_id=c&redirect_uri={callback}&scope=read_vin\
             &flags=flag%3Asuboption%20feature3&sdk_platform=android&sdk_version=4.1.1"
        ),
        // Python SDK: `make=Ford`, `+` for spaces, the deprecated `mode=test`.
        format!("response_type=code&client_id=c&scope=read_vin+read_odometer&make=Ford&mode=test&redirect_uri={callback}"),
        // Java SDK: `single_select=true` twice; and a parameter Connect adds later.
        format!("response_type=code&client_id=c&single_select=true&single_select=true&utm_source=x&redirect_uri={callback}"),
    ] {
        let url = format!("{}/oauth/authorize?{query}", servers.stand_in);
        let response = client().get(url).send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        assert!(body.contains("Returning to"), "{query}: {body}");
    }
}

/// The grant page lists every warning of the link, message and help escaped,
/// as connect-core reads them; a clean link shows none.
#[tokio::test]
async fn the_stand_in_shows_the_warnings_on_its_grant_page() {
    let servers = start().await;
    let link = format!(
        "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin&make=Ford\
         &mode=test&%3Cscript%3E=1&state=s",
        servers.stand_in
    );
    let report = connect_core::ConnectUrl::read(&link);
    assert_eq!(report.errors().count(), 0);
    assert_eq!(report.warnings().count(), 3, "{:?}", report.findings());
    let response = client().get(&link).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    let (_, list) = page.split_once(r#"<ul id="warnings">"#).expect(&page);
    let (list, _) = list.split_once("</ul>").unwrap();
    assert_eq!(list.matches(r#"<li class="warning">"#).count(), 3, "{list}");
    for warning in report.warnings() {
        assert!(
            list.contains(&escape(&warning.message())),
            "{warning:?}: {list}"
        );
        if let Some(help) = warning.help() {
            assert!(list.contains(&escape(&help)), "{help}: {list}");
        }
    }
    assert!(
        list.contains("`FORD`"),
        "the make warning names the canonical spelling: {list}"
    );
    assert!(
        !page.contains("<script>") && list.contains("&lt;script&gt;"),
        "the unknown parameter's name is escaped: {list}"
    );

    let clean = format!(
        "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin&make=FORD&state=s",
        servers.stand_in
    );
    let page = get_text(&clean).await;
    assert!(page.contains("Returning to"), "{page}");
    assert!(!page.contains("warning"), "{page}");
}

/// A link with thousands of findings gets a page of the first few and a count,
/// not one of megabytes; a long link is read (off the async workers) all the same.
#[tokio::test]
async fn a_link_with_many_findings_gets_a_page_of_bounded_size() {
    let servers = start().await;
    let unknown = (0..3000)
        .map(|i| format!("&p{i}=1"))
        .collect::<Vec<_>>()
        .concat();
    let link = format!(
        "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin{unknown}",
        servers.stand_in
    );
    assert!(link.len() > connect_servers::offload::INLINE_LIMIT);
    let response = client().get(&link).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert_eq!(
        page.matches(r#"<li class="warning">"#).count(),
        stand_in::MAX_NOTES_SHOWN
    );
    let more = 3000 - stand_in::MAX_NOTES_SHOWN;
    assert!(
        page.contains(&format!(r#"<li class="more">and {more} more</li>"#)),
        "{page:.2000}"
    );
    assert!(page.len() < 64 * 1024 + link.len(), "{} bytes", page.len());

    let unknown_permissions = (0..3000)
        .map(|i| format!("%20x{i}"))
        .collect::<Vec<_>>()
        .concat();
    let response = client()
        .get(format!(
            "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin{unknown_permissions}",
            servers.stand_in
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert_eq!(
        page.matches(r#"<li class="problem">"#).count(),
        stand_in::MAX_NOTES_SHOWN
    );
    assert!(page.contains(&format!(r#"<li class="more">and {more} more</li>"#)));
}

#[tokio::test]
async fn allow_needs_a_permission_and_required_ones_stay() {
    let servers = start().await;
    let link = format!(
        "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin%20read_fuel&state=s",
        servers.stand_in
    );
    let back = decide(&servers, &link, &[], "allow").await;
    assert_eq!(back.status(), StatusCode::BAD_REQUEST);
    assert!(back
        .text()
        .await
        .unwrap()
        .contains("select at least one permission"));

    let (link, _) = begin(&servers).await;
    let back = decide(&servers, &link, &["read_location"], "allow").await;
    assert_eq!(back.status(), StatusCode::BAD_REQUEST);
    assert!(back
        .text()
        .await
        .unwrap()
        .contains("`read_odometer` is required and cannot be unchecked"));
}

#[tokio::test]
async fn reauthentication_returns_the_vehicle() {
    let servers = start().await;
    // The web example starts only authorization flows: a state it handed out
    // stands for the re-authentication it would start.
    let (begun, cookie) = begin(&servers).await;
    let state = param(&begun, "state");
    let link = format!(
        "{}/oauth/reauthenticate?response_type=vehicle_id&client_id=c&vehicle_id=v-42&state={state}",
        servers.stand_in
    );
    let grant = get_text(&link).await;
    assert!(grant.contains("wants to reconnect your vehicle"), "{grant}");
    let back = decide(&servers, &link, &[], "allow").await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("{}/callback?vehicle_id=v-42&state={state}", servers.web)
    );
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<code id="vehicle">v-42</code>"#), "{page}");
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let servers = start().await;
    let (location, cookie) = allowed(&servers).await;
    let code = code_of(&location);
    let first = client()
        .get(&location)
        .header(COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let cookies = set_cookies(&first);
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("connect_flow=;") && c.contains("Max-Age=0")),
        "the finished flow's cookie is cleared: {cookies:?}"
    );
    assert!(cookies.iter().any(|c| c.starts_with("connect_session=")));
    assert!(first.text().await.unwrap().contains(code));

    // The same redirect with a copy of the cookie: the code was used, Smartcar
    // (here the stand-in) refuses it, and no session comes of it.
    let replay = client()
        .get(&location)
        .header(COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    let cookies = set_cookies(&replay);
    assert!(
        !cookies.iter().any(|c| c.starts_with("connect_session=")),
        "a replay gets no tokens: {cookies:?}"
    );
    let page = replay.text().await.unwrap();
    assert!(page.contains(r#"id="exchange_error""#), "{page}");
    assert!(page.contains("Invalid code"), "{page}");
    assert!(!page.contains(r#"id="expires_at""#), "{page}");
}

#[tokio::test]
async fn a_foreign_callback_does_not_cancel_the_flow_in_progress() {
    let servers = start().await;
    // The owner is on Connect's page; an attacker has a redirect back of a flow
    // of their own (valid code and state) and makes the owner's browser open it.
    let (mine, my_cookie) = allowed(&servers).await;
    let (theirs, their_cookie) = allowed(&servers).await;
    let without_state = mine.replace(&format!("&state={}", param(&mine, "state")), "");
    let not_from_connect = format!("{}/callback?code=x&state=s&state=t", servers.web);
    for foreign in [theirs.as_str(), &without_state, &not_from_connect] {
        let response = client()
            .get(foreign)
            .header(COOKIE, &my_cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{foreign}");
        assert!(
            !response.headers().contains_key(SET_COOKIE),
            "a foreign callback leaves the cookie alone: {foreign}"
        );
        let page = response.text().await.unwrap();
        assert!(
            page.contains("Refused") || page.contains("not a redirect from Connect"),
            "{page}"
        );
        assert!(!page.contains(code_of(&theirs)), "{page}");
    }
    // The owner comes back: their flow completes.
    let (status, page) = callback(&mine, &my_cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(&format!(r#"<code id="code">{}</code>"#, code_of(&mine))));
    // And the attacker's flow is still theirs to finish, with their cookie.
    let (status, _) = callback(&theirs, &their_cookie).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_state_cookie_is_secure_when_the_app_is_served_over_https() {
    let app = spawn(web::router(web::WebConfig {
        connect_origin: Origin::SMARTCAR,
        redirect_uri: "https://app.example/callback".parse().unwrap(),
        auth_origin: "https://auth.smartcar.com".parse().unwrap(),
        client_secret: "s".parse().unwrap(),
    }))
    .await;
    let response = client().get(format!("{app}/connect")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap();
    assert!(
        set_cookie.starts_with("__Host-connect_flow=")
            && set_cookie.contains("; Secure")
            && set_cookie.contains("; Path=/")
            && !set_cookie.contains("Domain"),
        "{set_cookie}"
    );
    let location = response.headers()[LOCATION].to_str().unwrap();
    assert!(
        location.contains("redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"),
        "{location}"
    );
}

/// The headers both servers put on every response.
fn assert_hardened(what: &str, response: &reqwest::Response) {
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(&name)
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(header(CACHE_CONTROL), "no-store", "{what}");
    assert_eq!(header(X_FRAME_OPTIONS), "DENY", "{what}");
    assert_eq!(header(REFERRER_POLICY), "no-referrer", "{what}");
    assert_eq!(header(X_CONTENT_TYPE_OPTIONS), "nosniff", "{what}");
    let policy = header(CONTENT_SECURITY_POLICY);
    assert!(
        policy.starts_with("default-src 'none'; style-src 'self';")
            && policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let servers = start().await;
    let (location, cookie) = allowed(&servers).await;
    let (link, _) = begin(&servers).await;
    let get = |url: String, cookie: Option<&str>| {
        let request = client().get(url);
        let request = match cookie {
            Some(cookie) => request.header(COOKIE, cookie),
            None => request,
        };
        async move { request.send().await.unwrap() }
    };
    let web = &servers.web;
    let stand_in = &servers.stand_in;
    let responses = [
        ("web home", get(web.clone(), None).await),
        ("web /connect", get(format!("{web}/connect"), None).await),
        ("web code page", get(location.clone(), Some(&cookie)).await),
        ("web refusal", get(location.clone(), None).await),
        (
            "web stylesheet",
            get(format!("{web}/style.css"), None).await,
        ),
        (
            "web unknown page",
            get(format!("{web}/nothing"), None).await,
        ),
        ("stand-in grant page", get(link.clone(), None).await),
        (
            "stand-in refusal",
            get(
                format!("{stand_in}/oauth/authorize?scope=read_odometr"),
                None,
            )
            .await,
        ),
        (
            "stand-in stylesheet",
            get(format!("{stand_in}/style.css"), None).await,
        ),
        (
            "stand-in redirect back",
            decide(&servers, &link, &["read_odometer"], "allow").await,
        ),
    ];
    for (what, response) in responses {
        assert_hardened(what, &response);
        let status = response.status();
        let is_page = response
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|t| t.to_str().unwrap().starts_with("text/html"));
        let is_stylesheet = what.ends_with("stylesheet");
        let body = response.text().await.unwrap();
        if is_page {
            // Under `style-src 'self'` an inline style would not apply.
            assert!(
                !body.contains("<style") && !body.contains("style="),
                "{what}: {body}"
            );
            assert!(
                body.contains(r#"<link rel="stylesheet" href="/style.css">"#),
                "{what}"
            );
        }
        if is_stylesheet {
            assert_eq!(status, StatusCode::OK);
            assert!(body.starts_with("body{"), "{what}: {body}");
        }
    }
    let css = client()
        .get(format!("{web}/style.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let servers = start().await;
    let (link, _) = begin(&servers).await;
    // A grant form just under the limit still goes through…
    let form = |size: usize| {
        let head = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("link", &link)
            .append_pair("decision", "allow")
            .append_pair("permission", "read_odometer")
            .finish();
        let pad = size - head.len() - "&pad=".len();
        format!("{head}&pad={}", "x".repeat(pad))
    };
    let post = |body: String| {
        client()
            .post(format!("{}/oauth/grant", servers.stand_in))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let fits = post(form(stand_in::BODY_LIMIT)).await.unwrap();
    assert_eq!(fits.status(), StatusCode::FOUND);
    // …one byte more is refused before the handler reads it.
    let too_big = post(form(stand_in::BODY_LIMIT + 1)).await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_hardened("413", &too_big);

    // Without a Content-Length (chunked), the limit holds while reading.
    let chunk = "x".repeat(stand_in::BODY_LIMIT + 1);
    let chunked = format!(
        "POST /oauth/grant HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let answer = raw(&servers.stand_in, chunked.as_bytes()).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");

    // The web example takes no bodies at all.
    let response = client()
        .get(&servers.web)
        .body("x".repeat(web::BODY_LIMIT + 1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_half_sent_request_is_closed() {
    let servers = start().await;
    for base in [&servers.web, &servers.stand_in] {
        let started = Instant::now();
        // The head never ends: no empty line.
        let answer = raw(base, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n").await;
        let answer = answer.unwrap_or_else(|| panic!("{base} still holds a half-sent request"));
        assert!(
            started.elapsed() >= HEADER_READ_TIMEOUT,
            "closed by the header-read timeout, not for another reason: {answer}"
        );
        assert!(!answer.contains(" 200 "), "{answer}");
    }
}

#[tokio::test]
async fn absolute_form_targets_are_answered_like_origin_form() {
    let servers = start().await;
    let (link, _) = begin(&servers).await;
    let origin_form = get_text(&link).await;
    let authority = servers.stand_in.strip_prefix("http://").unwrap();
    let request = format!("GET {link} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    let answer = raw(&servers.stand_in, request.as_bytes()).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    let form_link = hidden_input(&answer, "link").unwrap();
    assert_eq!(Some(form_link), hidden_input(&origin_form, "link"));
    assert!(answer.contains(r#"id="read_odometer""#), "{answer}");
}

// The token exchange (issue 15): the web example finishes the flow against the
// stand-in's token endpoint, and the endpoint refuses what Smartcar refuses.

/// Every `Set-Cookie` of a response.
fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// `POST /refresh` with `cookie`: status and page.
async fn refresh(servers: &Servers, cookie: Option<&str>) -> (StatusCode, String) {
    let request = client().post(format!("{}/refresh", servers.web));
    let request = match cookie {
        Some(cookie) => request.header(COOKIE, cookie),
        None => request,
    };
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// The `<time id="ID">` of a page.
fn time_of(page: &str, id: &str) -> String {
    let marker = format!(r#"<time id="{id}">"#);
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id}: {page}"))
        + marker.len();
    page[start..start + page[start..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn the_app_exchanges_the_code_then_refreshes_the_tokens() {
    let servers = start().await;
    let (location, cookie) = allowed(&servers).await;
    let response = client()
        .get(&location)
        .header(COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookies = set_cookies(&response);
    let session = cookies
        .iter()
        .find(|c| c.starts_with("connect_session="))
        .unwrap_or_else(|| panic!("no session cookie: {cookies:?}"));
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
    let session = session.split(';').next().unwrap().to_owned();
    let page = response.text().await.unwrap();
    assert!(page.contains("exchanged for tokens"), "{page}");
    let expires_at = time_of(&page, "expires_at");
    assert_eq!(
        expires_at.len(),
        "2026-12-01T22:40:00Z".len(),
        "{expires_at}"
    );
    time_of(&page, "refresh_expires_at");
    assert!(
        page.contains(r#"<form method="post" action="/refresh">"#),
        "{page}"
    );
    assert!(
        !page.contains("access_token") && !page.contains("refresh_token"),
        "{page}"
    );

    // Refresh twice: the app keeps the rotated refresh token each time.
    for _ in 0..2 {
        let (status, page) = refresh(&servers, Some(&session)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(r#"id="refreshed""#), "{page}");
        assert!(time_of(&page, "expires_at") >= expires_at, "{page}");
    }
    // Without the session, nothing to refresh.
    let (status, page) = refresh(&servers, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    let (status, _) = refresh(&servers, Some("connect_session=forged")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn with_a_wrong_secret_the_app_gets_no_tokens_and_says_why() {
    let servers = support::start_with_secret("not-the-secret").await;
    let (location, cookie) = allowed(&servers).await;
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(r#"id="exchange_error""#), "{page}");
    assert!(page.contains("`invalid_client`"), "{page}");
    assert!(!page.contains(r#"id="expires_at""#), "{page}");
}

mod exchange {
    //! Straight to the stand-in's token endpoint, with connect-core's requests
    //! sent by reqwest: any client sends an `http::Request`.

    use std::time::SystemTime;

    use connect_core::token::{
        ClientSecret, Credentials, OAuthErrorKind, TokenError, TokenRequest, Tokens,
    };
    use connect_core::{AuthorizationCode, Callback, ConnectUrl, Origin, Outcome};
    use connect_stand_in::DEMO_CLIENT_SECRET;

    use super::*;

    /// Sends `request` with reqwest and reads the answer with connect-core.
    async fn send(request: TokenRequest<'_>, stand_in: &Origin) -> Result<Tokens, TokenError> {
        let request = request.with_origin(stand_in).to_http().unwrap();
        let request = reqwest::Request::try_from(request).unwrap();
        let response = client().execute(request).await.unwrap();
        let status = response.status();
        let body = response.bytes().await.unwrap();
        Tokens::read_parts(status, &body, SystemTime::now())
    }

    fn credentials(link: &ConnectUrl, secret: &str) -> Credentials {
        Credentials::new(
            link.request().client_id().clone(),
            secret.parse::<ClientSecret>().unwrap(),
        )
    }

    /// A code the stand-in redirected back with, for `link`.
    async fn code_for(servers: &Servers, link: &str) -> AuthorizationCode {
        let back = decide(servers, link, &["read_odometer"], "allow").await;
        assert_eq!(back.status(), StatusCode::FOUND);
        let location = back.headers()[LOCATION].to_str().unwrap();
        match Callback::from_url(location).unwrap().outcome() {
            Outcome::Code(code) => code.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn refusal(result: Result<Tokens, TokenError>) -> (StatusCode, OAuthErrorKind, String) {
        match result {
            Err(TokenError::OAuth(e)) => (
                e.status(),
                e.kind().clone(),
                e.description().unwrap_or_default().to_owned(),
            ),
            other => panic!("not an OAuth error: {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_wrong_secret_and_a_replayed_code_are_refused_and_refresh_tokens_rotate() {
        let servers = start().await;
        let stand_in: Origin = servers.stand_in.parse().unwrap();
        let (link_text, _) = begin(&servers).await;
        let link: ConnectUrl = link_text.parse().unwrap();
        let code = code_for(&servers, &link_text).await;

        // A wrong secret: 401 invalid_client, and the code is not used up.
        let wrong = credentials(&link, "wrong-secret");
        let (status, kind, _) = refusal(
            send(
                TokenRequest::authorization_code(&link, &code, &wrong),
                &stand_in,
            )
            .await,
        );
        assert_eq!(
            (status, kind),
            (StatusCode::UNAUTHORIZED, OAuthErrorKind::InvalidClient)
        );

        let right = credentials(&link, DEMO_CLIENT_SECRET);
        let tokens = send(
            TokenRequest::authorization_code(&link, &code, &right),
            &stand_in,
        )
        .await
        .unwrap();
        assert!(tokens.expires_at() > SystemTime::now());

        // The same code again: single use.
        let (status, kind, description) = refusal(
            send(
                TokenRequest::authorization_code(&link, &code, &right),
                &stand_in,
            )
            .await,
        );
        assert_eq!(
            (status, kind),
            (StatusCode::BAD_REQUEST, OAuthErrorKind::InvalidRequest)
        );
        // Smartcar's words, period included (FACTS.md).
        assert_eq!(description, format!("Invalid code: {}.", code.as_str()));

        // Refresh: a new refresh token, and the old one stops working once its
        // minute of grace has passed.
        let old = tokens.refresh_token();
        let new = send(TokenRequest::refresh(old, &right), &stand_in)
            .await
            .unwrap();
        assert_ne!(new.refresh_token(), old);
        servers.connect.advance(connect_stand_in::REFRESH_GRACE);
        let (status, kind, description) =
            refusal(send(TokenRequest::refresh(old, &right), &stand_in).await);
        assert_eq!(
            (status, kind),
            (StatusCode::BAD_REQUEST, OAuthErrorKind::InvalidRequest)
        );
        assert!(
            description.starts_with("Invalid refresh_token: "),
            "{description}"
        );
        send(
            TokenRequest::refresh(new.refresh_token(), &right),
            &stand_in,
        )
        .await
        .unwrap();
        // A refresh with a wrong secret: invalid_client.
        let (status, ..) = refusal(
            send(
                TokenRequest::refresh(new.refresh_token(), &wrong),
                &stand_in,
            )
            .await,
        );
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    #[tokio::test]
    async fn the_redirect_uri_must_be_the_links() {
        let servers = start().await;
        let stand_in: Origin = servers.stand_in.parse().unwrap();
        let (link_text, _) = begin(&servers).await;
        let code = code_for(&servers, &link_text).await;
        // Another link of the same app, with another redirect URI: invalid_grant.
        let other: ConnectUrl = link_text
            .replace("%2Fcallback", "%2Felsewhere")
            .parse()
            .unwrap();
        let right = credentials(&other, DEMO_CLIENT_SECRET);
        let (status, kind, description) = refusal(
            send(
                TokenRequest::authorization_code(&other, &code, &right),
                &stand_in,
            )
            .await,
        );
        assert_eq!(
            (status, kind),
            (StatusCode::BAD_REQUEST, OAuthErrorKind::InvalidGrant)
        );
        assert!(
            description.starts_with("Unauthorized redirect_uri: http://127.0.0.1:")
                && description.ends_with("/elsewhere"),
            "{description}"
        );

        // A link without a redirect URI (the stand-in's default is used for the
        // redirect back): its exchange sends none, and that matches.
        let bare = format!(
            "{}/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=read_odometer",
            servers.stand_in
        );
        let code = code_for(&servers, &bare).await;
        let bare: ConnectUrl = bare.parse().unwrap();
        send(
            TokenRequest::authorization_code(&bare, &code, &right),
            &stand_in,
        )
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn malformed_token_requests_get_oauth_errors() {
        let servers = start().await;
        let url = format!("{}/oauth/token", servers.stand_in);
        let basic =
            "Basic ODIyOWRmOWYtOTFhMC00ZmYwLWExYWUtYTFmMzhlZTI0ZDA3OnN0YW5kLWluLWRlbW8tc2VjcmV0";
        for (content_type, authorization, body, status, error) in [
            ("application/json", basic, "{}", 400, "invalid_request"),
            (
                "application/x-www-form-urlencoded",
                "",
                "grant_type=refresh_token",
                401,
                "invalid_client",
            ),
            (
                "application/x-www-form-urlencoded",
                "Bearer x",
                "grant_type=refresh_token",
                401,
                "invalid_client",
            ),
            (
                "application/x-www-form-urlencoded",
                basic,
                "grant_type=password",
                400,
                "invalid_request",
            ),
            (
                "application/x-www-form-urlencoded",
                basic,
                "",
                400,
                "invalid_request",
            ),
            (
                "application/x-www-form-urlencoded",
                basic,
                "grant_type=authorization_code&code=nope",
                400,
                "invalid_request",
            ),
            (
                "application/x-www-form-urlencoded",
                basic,
                "grant_type=refresh_token&refresh_token=a&refresh_token=b",
                400,
                "invalid_request",
            ),
        ] {
            let mut request = client()
                .post(&url)
                .header(CONTENT_TYPE, content_type)
                .body(body);
            if !authorization.is_empty() {
                request = request.header(reqwest::header::AUTHORIZATION, authorization);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), status, "{body}");
            assert_hardened("stand-in token endpoint", &response);
            let json: serde_json::Value = response.json().await.unwrap();
            assert_eq!(json["error"], error, "{body}: {json}");
            assert!(json["error_description"].is_string(), "{json}");
        }
    }
}
