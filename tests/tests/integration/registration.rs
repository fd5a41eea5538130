//! The stand-in serving a whole registration, over loopback HTTP: the web
//! example's links pass, and what Connect would refuse (an unregistered redirect
//! URI, an app id no application has, a permission or make the application may not
//! request) gets its 400 with Connect's message.

use crate::support;

use connect_core::registration::Registration;
use connect_servers::web;
use connect_stand_in::{StandIn, DEMO_CLIENT_SECRET};
use reqwest::header::LOCATION;
use reqwest::{redirect, Client, StatusCode};
use support::hidden_input;

const APP_ID: &str = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07";

/// The web example's callback in examples/servers/smartcar.toml. The stand-in
/// redirects there; the tests read the redirect without following it.
const WEB: &str = "http://127.0.0.1:8000";

/// The servers' registration (examples/servers/smartcar.toml), and a second
/// application.
fn registration() -> Registration {
    let text = include_str!("../../../examples/servers/smartcar.toml").to_owned()
        + "\n[applications.staging]\napp_id = \"4a1b01e5-0497-417c-a30e-6df6ba33ba46\"\n\
           redirect_uris = [\"https://staging.example/callback\"]\nmakes = [\"TESLA\"]\n";
    Registration::from_toml(&text, "smartcar.toml").unwrap()
}

struct Servers {
    web: &'static str,
    stand_in: String,
    /// Serving until dropped.
    _connect: StandIn,
}

/// The stand-in serving the registration; the web example's links checked
/// against it as the example does at start-up.
fn start() -> Servers {
    let registration = registration();
    let connect = StandIn::builder(registration.clone()).start().unwrap();
    let stand_in = connect.url().to_owned();
    let config = web::WebConfig {
        connect_origin: stand_in.parse().unwrap(),
        redirect_uri: format!("{WEB}/callback").parse().unwrap(),
        auth_origin: stand_in.parse().unwrap(),
        client_secret: DEMO_CLIENT_SECRET.parse().unwrap(),
    };
    web::check_registration(&config, &registration)
        .expect("the web example's links are registered");
    let elsewhere = web::WebConfig {
        redirect_uri: "http://127.0.0.1:9000/callback".parse().unwrap(),
        ..config
    };
    let refused = web::check_registration(&elsewhere, &registration).unwrap_err();
    assert!(refused.contains("(the port differs)"), "{refused}");
    Servers {
        web: WEB,
        stand_in,
        _connect: connect,
    }
}

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(url: String) -> (StatusCode, String) {
    let response = client().get(url).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

fn encoded(uri: &str) -> String {
    url::form_urlencoded::byte_serialize(uri.as_bytes()).collect()
}

#[tokio::test]
async fn an_unregistered_redirect_uri_gets_the_stand_ins_400() {
    let servers = start();
    let typo = format!("{}/callbak", servers.web);
    let (status, body) = get(format!(
        "{}/oauth/authorize?response_type=code&client_id={APP_ID}&scope=read_odometer&redirect_uri={}",
        servers.stand_in,
        encoded(&typo)
    ))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("Connect answers &quot;400: Unauthorized redirect_uri&quot;"),
        "{body}"
    );
    assert!(
        body.contains(&format!("did you mean `{}/callback`?", servers.web)),
        "{body}"
    );
}

#[tokio::test]
async fn the_registered_default_and_a_whole_flow() {
    let servers = start();
    // No redirect URI: the first registered one.
    let (status, body) = get(format!(
        "{}/oauth/authorize?response_type=code&client_id={APP_ID}&scope=read_odometer",
        servers.stand_in
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains(&format!(
            "Returning to <code>{}/callback</code>",
            servers.web
        )),
        "{body}"
    );
    // Allow: back to the default.
    let link = hidden_input(&body, "link").unwrap();
    let back = client()
        .post(format!("{}/oauth/grant", servers.stand_in))
        .form(&[
            ("link", link.as_str()),
            ("decision", "allow"),
            ("permission", "read_odometer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()[LOCATION].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{}/callback?code=", servers.web)),
        "{location}"
    );
}

#[tokio::test]
async fn app_ids_permissions_and_makes_are_refused_like_connect() {
    let servers = start();
    let authorize = |query: &str| {
        format!(
            "{}/oauth/authorize?response_type=code&{query}",
            servers.stand_in
        )
    };
    let (status, body) = get(authorize("client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d08")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("&quot;400: Invalid parameter client_id&quot;"),
        "{body}"
    );
    assert!(
        body.contains(&format!("did you mean `{APP_ID}` (application `demo`)?")),
        "{body}"
    );

    let (status, body) = get(authorize(&format!(
        "client_id={APP_ID}&scope=read_odometer%20control_charge"
    )))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("Application not authorized to request permission(s): control_charge"),
        "{body}"
    );

    let staging = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
    let (status, body) = get(authorize(&format!("client_id={staging}&make=BMW"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("Application not authorized to requested make(s): BMW"),
        "{body}"
    );

    // The demo app's callback in a staging link: another application's.
    let (status, body) = get(authorize(&format!(
        "client_id={staging}&redirect_uri={}",
        encoded(&format!("{}/callback", servers.web))
    )))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("is registered for application `demo`"),
        "{body}"
    );

    // Every finding at once.
    let (_, body) = get(authorize(&format!(
        "client_id={APP_ID}&scope=control_charge&redirect_uri={}",
        encoded("https://elsewhere.example/cb")
    )))
    .await;
    assert_eq!(body.matches("<li class=\"problem\">").count(), 2, "{body}");
}
