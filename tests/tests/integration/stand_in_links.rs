//! The stand-in accepts every Connect link Smartcar documents, as Connect would
//! (issue 16.4): the Tesla permission upgrade, which ends on a page of its own,
//! and the battery-capacity link, which redirects back with the capacity chosen.

use crate::support;

use connect_core::{
    BatteryCapacityLink, Callback, ConnectErrorKind, ConnectUrl, Outcome, Permission, Scope,
    ScopeEntry,
};
use reqwest::header::LOCATION;
use reqwest::{redirect, Client, StatusCode};
use support::{hidden_input, start};

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(url: &str) -> (StatusCode, String) {
    let response = client().get(url).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn post(url: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client().post(url).form(form).send().await.unwrap()
}

#[tokio::test]
async fn the_tesla_permission_upgrade_shows_the_grant_page_and_sends_nothing_back() {
    let servers = start().await;
    let link = ConnectUrl::builder("c".parse().unwrap())
        .reauthenticate()
        .make(connect_core::makes::TESLA)
        .scope(Scope::new([ScopeEntry::optional(Permission::ControlCharge)]).unwrap())
        .origin(servers.stand_in.parse().unwrap())
        .build()
        .unwrap();
    let (status, page) = get(link.as_str()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("be granted more permissions on"), "{page}");
    assert!(page.contains("id=\"control_charge\""), "{page}");
    let form_link = hidden_input(&page, "link").unwrap();
    let done = post(
        &format!("{}/oauth/grant", servers.stand_in),
        &[
            ("link", &form_link),
            ("decision", "allow"),
            ("permission", "control_charge"),
        ],
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.headers().get(LOCATION).is_none());
    let body = done.text().await.unwrap();
    assert!(
        body.contains("id=\"upgraded\"") && body.contains("control_charge"),
        "{body}"
    );
    // Another make is refused, as Connect refuses it.
    let bmw = link.as_str().replace("make=TESLA", "make=BMW");
    let (status, page) = get(&bmw).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("only `TESLA` vehicles"), "{page}");
}

/// The link as Smartcar's API hands it over, at the stand-in.
fn handed_over(stand_in: &str) -> BatteryCapacityLink {
    format!(
        "{stand_in}/battery-capacity?vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc\
         &client_id=c&token=t0k3n&response_type=vehicle_id&redirect_uri="
    )
    .parse()
    .unwrap()
}

#[tokio::test]
async fn the_battery_capacity_link_asks_and_redirects_back() {
    let servers = start().await;
    let link = handed_over(&servers.stand_in);
    // Unfilled, it cannot send the owner back.
    let (status, page) = get(link.as_str()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("`redirect_uri` is empty"), "{page}");

    let callback = format!("{}/callback", servers.web);
    let link = link.with_redirect_uri(callback.parse().unwrap()).unwrap();
    let (status, page) = get(link.as_str()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("36ab27d0-fd9d-4455-823a-ce30af709ffc"),
        "{page}"
    );
    let form_link = hidden_input(&page, "link").unwrap();
    let choose = format!("{}/battery-capacity", servers.stand_in);

    let saved = post(
        &choose,
        &[
            ("link", &form_link),
            ("decision", "save"),
            ("capacity", "82.5"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::FOUND);
    let location = saved.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(location.starts_with(&callback), "{location}");
    let back = Callback::from_url(&location).unwrap();
    let Outcome::BatteryCapacity(capacity) = back.outcome() else {
        panic!("{back:?}")
    };
    assert_eq!(capacity.selected_capacity(), "82.5");
    assert_eq!(
        capacity.vehicle_id().as_str(),
        "36ab27d0-fd9d-4455-823a-ce30af709ffc"
    );

    let skipped = post(&choose, &[("link", &form_link), ("decision", "skip")]).await;
    assert_eq!(skipped.status(), StatusCode::FOUND);
    let back = Callback::from_url(skipped.headers()[LOCATION].to_str().unwrap()).unwrap();
    let Outcome::Error(e) = back.outcome() else {
        panic!("{back:?}")
    };
    assert!(matches!(
        e.kind(),
        ConnectErrorKind::BatteryCapacityNoSelection { vehicle_id: Some(v), .. }
            if v.as_str() == "36ab27d0-fd9d-4455-823a-ce30af709ffc"
    ));

    let bad = post(
        &choose,
        &[
            ("link", &form_link),
            ("decision", "save"),
            ("capacity", "-3"),
        ],
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    // A redirect URI the application did not register is refused.
    let elsewhere = handed_over(&servers.stand_in)
        .with_redirect_uri("https://evil.example/cb".parse().unwrap())
        .unwrap();
    let (status, page) = get(elsewhere.as_str()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("is not registered"), "{page}");
}

/// A link just under the limit once canonical (issue 16.5): its grant page shows,
/// and its form goes through.
#[tokio::test]
async fn a_link_near_the_limit_is_granted() {
    let servers = start().await;
    let callback = format!("{}/callback", servers.web)
        .replace(':', "%3A")
        .replace('/', "%2F");
    let link = format!(
        "{}/oauth/authorize?response_type=code&client_id=c&scope=read_vin&redirect_uri={callback}&utm={}",
        servers.stand_in,
        "+".repeat(21_000)
    );
    let canonical: ConnectUrl = link.parse().unwrap();
    assert!(canonical.as_str().len() > 63_000);
    let (status, page) = get(&link).await;
    assert_eq!(status, StatusCode::OK);
    let form_link = hidden_input(&page, "link").unwrap();
    assert_eq!(form_link, canonical.as_str());
    let back = post(
        &format!("{}/oauth/grant", servers.stand_in),
        &[
            ("link", &form_link),
            ("decision", "allow"),
            ("permission", "read_vin"),
        ],
    )
    .await;
    assert_eq!(back.status(), StatusCode::FOUND);
    // Past the limit once canonical, the link is refused, and says why.
    let (status, page) = get(&link.replace(&"+".repeat(21_000), &"+".repeat(30_000))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("once written canonically"), "{page}");
}
