//! Two instances of the web example behind one public URL, as production runs
//! them (SPEC section 10): the same `CONNECT_WEB_KEY` and `DATABASE_URL`, read by
//! the code the example's `main` runs (`web::Shared::from_env`), each with its own
//! database connection. Once against one SQLite file, once against PostgreSQL
//! (`CONNECT_TEST_POSTGRES_URL`, which `.ci/run` sets after starting Debian's
//! `postgresql`; elsewhere the PostgreSQL tests say where they skipped).
//!
//! A load balancer is the test itself: the stand-in redirects to the public
//! callback, and the test sends that request to whichever instance it chooses.

use crate::support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use connect_servers::web;
use connect_stand_in::{StandIn, DEMO_CLIENT_SECRET};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, StatusCode};
use support::spawn;

/// The key both instances share (64 bytes as hex), and one that differs.
const KEY: &str = "4f1c9a0e7b3d2c6a8e5f1b0d9c7a3e2f6b4d8a1c0e9f7b2d5a3c6e8f0b1d4a7c\
                   2e9b5f0a7d3c1e8b6f4a2d9c0e7b5a3f1d8c6e4b2a0f9d7c5e3b1a8f6d4c2e0b";
const OTHER_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\
                         00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Where the load balancer publishes the app: the redirect URI both instances
/// are configured with (nothing listens there; the test routes each request).
const PUBLIC_CALLBACK: &str = "http://127.0.0.1:9/callback";

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// The stand-in and the two instances (which stop with the test's runtime; the
/// stand-in when this is dropped).
struct Deployment {
    connect: StandIn,
    stand_in: String,
    a: String,
    b: String,
}

async fn instance(stand_in: &str, key: &str, database: &str) -> String {
    let config = web::WebConfig {
        connect_origin: stand_in.parse().unwrap(),
        redirect_uri: PUBLIC_CALLBACK.parse().unwrap(),
        auth_origin: stand_in.parse().unwrap(),
        client_secret: DEMO_CLIENT_SECRET.parse().unwrap(),
    };
    let (shared, warnings) = web::Shared::from_env(Some(key), Some(database))
        .await
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    spawn(web::router_with(config, shared)).await
}

async fn deploy(database: &str) -> Deployment {
    let connect = StandIn::any_app_id([PUBLIC_CALLBACK.parse().unwrap()])
        .start()
        .unwrap();
    let stand_in = connect.url().to_owned();
    let a = instance(&stand_in, KEY, database).await;
    let b = instance(&stand_in, KEY, database).await;
    Deployment {
        connect,
        stand_in,
        a,
        b,
    }
}

/// `GET {instance}/connect`: the link and the flow cookie (`name=value`).
async fn begin(instance: &str) -> (String, String) {
    let response = client()
        .get(format!("{instance}/connect"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let link = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap();
    (link, cookie.split(';').next().unwrap().to_owned())
}

/// The owner allows `link` at the stand-in: the path and query of the redirect back.
async fn allow(deployment: &Deployment, link: &str) -> String {
    let back = client()
        .post(format!("{}/oauth/grant", deployment.stand_in))
        .form(&[
            ("link", link),
            ("decision", "allow"),
            ("permission", "read_odometer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::FOUND);
    let location = back.headers()[LOCATION].to_str().unwrap();
    location
        .strip_prefix("http://127.0.0.1:9")
        .unwrap_or_else(|| panic!("not to the public callback: {location}"))
        .to_owned()
}

/// The load balancer sends `path` to `instance`, with `cookie` if any: the
/// status, the `Set-Cookie`s and the page.
async fn get(
    instance: &str,
    path: &str,
    cookie: Option<&str>,
) -> (StatusCode, Vec<String>, String) {
    let request = client().get(format!("{instance}{path}"));
    let request = match cookie {
        Some(cookie) => request.header(COOKIE, cookie),
        None => request,
    };
    let response = request.send().await.unwrap();
    let cookies = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    (response.status(), cookies, response.text().await.unwrap())
}

/// `POST {instance}/refresh` with the session cookie.
async fn refresh(instance: &str, session: &str) -> (StatusCode, String) {
    let response = client()
        .post(format!("{instance}/refresh"))
        .header(COOKIE, session)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

fn session_of(cookies: &[String]) -> Option<String> {
    cookies
        .iter()
        .find(|c| c.starts_with("connect_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

/// Everything SPEC section 10 asks of two instances sharing `database`.
async fn two_instances_share_flows_and_tokens(database: &str) {
    let deployment = deploy(database).await;
    let (a, b) = (&deployment.a, &deployment.b);

    // A flow begun on A finishes on B.
    let (link, flow) = begin(a).await;
    let back = allow(&deployment, &link).await;
    let (status, cookies, page) = get(b, &back, Some(&flow)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("exchanged for tokens"), "{page}");
    // The redirect's v3 user id is kept with the tokens.
    assert!(page.contains(r#"<code id="user_id">"#), "{page}");
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("connect_flow=;") && c.contains("Max-Age=0")),
        "the flow cookie is cleared: {cookies:?}"
    );
    let session = session_of(&cookies).unwrap_or_else(|| panic!("no session: {cookies:?}"));
    assert!(!page.contains("access_token") && !page.contains("refresh_token"));

    // Refresh works on both, one after the other (each rotates the stored token).
    for instance in [a, b, a] {
        let (status, page) = refresh(instance, &session).await;
        assert_eq!(status, StatusCode::OK, "{instance}: {page}");
        assert!(page.contains(r#"id="refreshed""#), "{page}");
    }
    // And when both refresh at once: the one that loses the rotation race uses
    // the tokens the other stored; neither fails the owner.
    for round in 0..5 {
        let (on_a, on_b) = tokio::join!(refresh(a, &session), refresh(b, &session));
        assert_eq!(on_a.0, StatusCode::OK, "round {round}, A: {}", on_a.1);
        assert_eq!(on_b.0, StatusCode::OK, "round {round}, B: {}", on_b.1);
    }
    // The stored tokens still work after the races.
    let (status, page) = refresh(b, &session).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    // Both instances reached the token endpoint in the races, and it refused none
    // of their refreshes: the loser of a rotation sent the old token within its
    // one-minute grace, got tokens, and kept the winner's.
    let refreshes: Vec<_> = deployment
        .connect
        .token_requests()
        .into_iter()
        .filter(|call| call.grant_type.as_deref() == Some("refresh_token"))
        .collect();
    assert_eq!(refreshes.len(), 3 + 2 * 5 + 1, "{refreshes:?}");
    assert!(
        refreshes.iter().all(|call| call.status == 200),
        "{refreshes:?}"
    );

    // A replayed callback (the same redirect, with a copy of the cookie) gets no
    // new tokens, on either instance: the code was spent.
    for instance in [a, b] {
        let (status, cookies, page) = get(instance, &back, Some(&flow)).await;
        assert!(session_of(&cookies).is_none(), "{instance}: {cookies:?}");
        assert!(
            status == StatusCode::OK && page.contains(r#"id="exchange_error""#),
            "{instance}: {status} {page}"
        );
        assert!(!page.contains(r#"id="expires_at""#), "{page}");
    }

    // A callback without the browser's cookie is refused and changes nothing:
    // the same callback with the cookie then finishes the flow.
    let (link, flow) = begin(b).await;
    let back = allow(&deployment, &link).await;
    let (status, cookies, page) = get(a, &back, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("no sign-in in progress"), "{page}");
    assert!(cookies.is_empty(), "{cookies:?}");
    // Nor does another app's cookie (another key), or two cookies of the name.
    let stranger = instance(&deployment.stand_in, OTHER_KEY, database).await;
    let (_, foreign_flow) = begin(&stranger).await;
    let (status, _, page) = get(a, &back, Some(&foreign_flow)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("not made by this app"), "{page}");
    let (status, _, page) = get(a, &back, Some(&format!("{flow}; {foreign_flow}"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("two sign-in cookies"), "{page}");
    let (status, cookies, page) = get(a, &back, Some(&flow)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(session_of(&cookies).is_some(), "{cookies:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_sqlite_file() {
    let dir = std::env::temp_dir().join(format!(
        "connect-instances-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("tokens.sqlite3");
    two_instances_share_flows_and_tokens(&format!("sqlite://{}", file.display())).await;
    assert!(file.exists(), "created at start");
    std::fs::remove_dir_all(&dir).ok();
}

/// `CONNECT_TEST_POSTGRES_URL`, or `None` (after saying so) outside CI; under CI
/// (`CI` set) its absence is a failure: `.ci/run` starts PostgreSQL.
fn postgres_url(test: &str) -> Option<String> {
    match std::env::var("CONNECT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{test}: CONNECT_TEST_POSTGRES_URL is not set under CI (.ci/run starts PostgreSQL and sets it)")
        }
        _ => {
            // Straight to the process's stderr: the test harness captures `eprintln!`.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped, no PostgreSQL: set CONNECT_TEST_POSTGRES_URL=postgres://USER:PASSWORD@HOST/DATABASE (.ci/run does)"
            );
            None
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgresql() {
    let Some(url) = postgres_url("two_instances_on_postgresql") else {
        return;
    };
    two_instances_share_flows_and_tokens(&url).await;
}

/// A TCP proxy to PostgreSQL that the test cuts and restores: the database
/// becoming unreachable under running instances, and coming back.
struct Outage {
    address: String,
    up: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Outage {
    async fn start(target: String) -> Outage {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let up = Arc::new(AtomicBool::new(true));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let (up_, connections_) = (Arc::clone(&up), Arc::clone(&connections));
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !up_.load(Ordering::SeqCst) {
                    continue; // dropped: the connection closes at once
                }
                let target = target.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                connections_.lock().unwrap().push(task);
            }
        });
        Outage {
            address,
            up,
            connections,
        }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for task in self.connections.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_unreachable_gets_503_and_flows_resume_when_it_is_back() {
    let Some(url) =
        postgres_url("the_database_unreachable_gets_503_and_flows_resume_when_it_is_back")
    else {
        return;
    };
    let config: tokio_postgres_free::Target = tokio_postgres_free::Target::of(&url);
    let outage = Outage::start(config.host_port.clone()).await;
    let through_proxy = config.with_host_port(&outage.address);
    let deployment = deploy(&through_proxy).await;
    let (a, b) = (&deployment.a, &deployment.b);

    // A connection with tokens, then the database goes away.
    let (link, flow) = begin(a).await;
    let back = allow(&deployment, &link).await;
    let (status, cookies, page) = get(b, &back, Some(&flow)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let session = session_of(&cookies).unwrap();
    let (link, flow) = begin(a).await;
    let back = allow(&deployment, &link).await;
    outage.cut();

    // Refresh and the callback: 503, a page that says why, and no cookie changed.
    let (status, page) = refresh(a, &session).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
    assert!(page.contains("The database is unreachable"), "{page}");
    let (status, cookies, page) = get(b, &back, Some(&flow)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
    assert!(cookies.is_empty(), "the flow is kept: {cookies:?}");

    // Back: the same callback finishes the flow (its code was not spent), and
    // the refresh works.
    outage.restore();
    let (status, cookies, page) = get(b, &back, Some(&flow)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("exchanged for tokens"), "{page}");
    assert!(session_of(&cookies).is_some(), "{cookies:?}");
    let (status, page) = refresh(a, &session).await;
    assert_eq!(status, StatusCode::OK, "{page}");
}

/// A PostgreSQL URL's `host:port`, and the same URL pointed elsewhere (no
/// PostgreSQL client in this test crate: the URL's shape is
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE`).
mod tokio_postgres_free {
    pub struct Target {
        pub host_port: String,
        before: String,
        after: String,
    }

    impl Target {
        pub fn of(url: &str) -> Target {
            let (scheme, rest) = url.split_once("://").expect("postgres://…");
            let (user, rest) = rest.rsplit_once('@').map_or(("", rest), |(u, r)| (u, r));
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            let host_port = &rest[..end];
            let host_port = if host_port.contains(':') {
                host_port.to_owned()
            } else {
                format!("{host_port}:5432")
            };
            let at = if user.is_empty() { "" } else { "@" };
            Target {
                host_port,
                before: format!("{scheme}://{user}{at}"),
                after: rest[end..].to_owned(),
            }
        }

        pub fn with_host_port(&self, host_port: &str) -> String {
            format!("{}{host_port}{}", self.before, self.after)
        }
    }
}

/// The callback path's rate (BENCHMARKS.md, "The web example's callback path"):
/// `FLOWS` flows begun on A and allowed at the stand-in beforehand, then their
/// callbacks sent to A and B in turn by `WORKERS` concurrent clients: each reads
/// and verifies the flow cookie, exchanges the code at the stand-in and stores
/// the tokens. A measurement, not a test (nothing is asserted about time):
///
/// ```sh
/// cargo test --release -p connect-tests --test integration -- --ignored --nocapture instances::callback_rate
/// ```
///
/// With `CONNECT_TEST_POSTGRES_URL` set, against PostgreSQL too.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement: run it with --ignored --nocapture"]
async fn callback_rate() {
    const FLOWS: u32 = 1000;
    const WORKERS: usize = 8;
    let dir = std::env::temp_dir().join(format!("connect-rate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}", dir.join("tokens.sqlite3").display());
    let mut databases = vec![("SQLite", sqlite)];
    if let Ok(url) = std::env::var("CONNECT_TEST_POSTGRES_URL") {
        databases.push(("PostgreSQL", url));
    }
    for (name, database) in databases {
        let deployment = deploy(&database).await;
        let mut flows = Vec::new();
        for _ in 0..FLOWS {
            let (link, cookie) = begin(&deployment.a).await;
            flows.push((allow(&deployment, &link).await, cookie));
        }
        let flows = Arc::new(Mutex::new(flows));
        let started = std::time::Instant::now();
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let flows = Arc::clone(&flows);
                let instance = if worker % 2 == 0 {
                    deployment.a.clone()
                } else {
                    deployment.b.clone()
                };
                tokio::spawn(async move {
                    loop {
                        let Some((path, cookie)) = flows.lock().unwrap().pop() else {
                            break;
                        };
                        let (status, cookies, page) = get(&instance, &path, Some(&cookie)).await;
                        assert_eq!(status, StatusCode::OK, "{page}");
                        assert!(session_of(&cookies).is_some());
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.await.unwrap();
        }
        let elapsed = started.elapsed();
        println!(
            "{name}: {FLOWS} callbacks (code exchange and token storage) by {WORKERS} clients over two \
             instances in {:.2} s: {:.0} requests per second",
            elapsed.as_secs_f64(),
            f64::from(FLOWS) / elapsed.as_secs_f64()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
