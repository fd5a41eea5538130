//! The whole Connect flow over loopback HTTP: the web example sends the owner to
//! the local Connect stand-in, which redirects back to the web example's callback.

mod support;

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, StatusCode};
use support::{hidden_input, start, Servers};

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// `/connect`: the link it redirects to, and the `connect_state=…` cookie it sets.
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
    let state = cookie.strip_prefix("connect_state=").unwrap();
    assert!(
        link.contains(&format!("&state={state}&")),
        "the link carries the cookie's state"
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
    assert!(location.ends_with(&format!("&state={state}")));

    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert!(
        page.contains(&format!(r#"<code id="code">{code}</code>"#)),
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
    let (status, page) = callback(&location, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"data-code="access_denied""#) && page.contains("Access denied"),
        "{page}"
    );
}

#[tokio::test]
async fn forged_or_missing_state_is_refused() {
    let servers = start().await;
    let (link, cookie) = begin(&servers).await;
    let back = decide(&servers, &link, &["read_odometer"], "allow").await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    let (_, state) = location.rsplit_once("state=").unwrap();
    let forged = location.replace(state, "forged-state");
    let (status, page) = callback(&forged, &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("does not match the one sent"), "{page}");

    let (status, page) = callback(&location.replace(&format!("&state={state}"), ""), &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("the redirect has no `state`"), "{page}");

    let (status, page) = callback(&location, "other=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("no session"), "{page}");
}

#[tokio::test]
async fn connect_errors_get_readable_pages() {
    let servers = start().await;
    let cookie = "connect_state=s1";
    let page = |query: &'static str| {
        let url = format!("{}/callback?{query}&state=s1", servers.web);
        async move { callback(&url, cookie).await }
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
        body.contains("`single_select_vin` needs `single_select: true`"),
        "{body}"
    );
    assert!(
        body.contains("`single_select_vin` and `make` cannot be combined"),
        "{body}"
    );

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
    let link = format!(
        "{}/oauth/reauthenticate?response_type=vehicle_id&client_id=c&vehicle_id=v-42&state=s2",
        servers.stand_in
    );
    let grant = get_text(&link).await;
    assert!(grant.contains("wants to reconnect your vehicle"), "{grant}");
    let back = decide(&servers, &link, &[], "allow").await;
    let location = back.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("{}/callback?vehicle_id=v-42&state=s2", servers.web)
    );
    let (status, page) = callback(&location, "connect_state=s2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<code id="vehicle">v-42</code>"#), "{page}");
}
