//! The Connect flow in a real browser: headless Chromium, driven through
//! ChromeDriver's W3C WebDriver protocol, clicks through the web example and the
//! local Connect stand-in.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Where
//! they are missing the test is skipped, except under CI (`CI` set), where it fails.

use crate::support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// ChromeDriver and the browsers it starts, all stopped on drop, pass or fail.
struct Browser {
    driver: Child,
    profile: PathBuf,
    base: String,
    session: Option<String>,
    http: reqwest::Client,
}

impl Browser {
    async fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let profile = std::env::temp_dir().join(format!(
            "connect-url-browser-test-{}-{port}",
            std::process::id()
        ));
        std::fs::create_dir_all(&profile).unwrap();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut browser = Browser {
            driver,
            profile,
            base: format!("http://127.0.0.1:{port}"),
            session: None,
            http: reqwest::Client::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser
            .http
            .get(format!("{}/status", browser.base))
            .send()
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", format!("--user-data-dir={}", browser.profile.display()),
                ],
            },
        }}});
        let created = browser.call("POST", "/session", Some(capabilities)).await;
        browser.session = Some(
            created["sessionId"]
                .as_str()
                .expect("a session id")
                .to_owned(),
        );
        browser
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "POST" => self.http.post(url).json(&body.unwrap_or(json!({}))),
            "DELETE" => self.http.delete(url),
            _ => self.http.get(url),
        };
        let reply: Value = request.send().await.unwrap().json().await.unwrap();
        let value = reply["value"].clone();
        assert!(
            value.get("error").is_none(),
            "WebDriver {method} {path}: {value}"
        );
        value
    }

    fn session(&self) -> String {
        format!("/session/{}", self.session.as_deref().unwrap())
    }

    async fn open(&self, url: &str) {
        self.call(
            "POST",
            &format!("{}/url", self.session()),
            Some(json!({ "url": url })),
        )
        .await;
    }

    /// The element matching `css`, waiting for it up to ten seconds (a navigation may be under way).
    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = format!("{}{}/element", self.base, self.session());
            let reply: Value = self
                .http
                .post(url)
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(id) = reply["value"][ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "no element `{css}` on the page: {reply}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn click(&self, element: &str) {
        self.call(
            "POST",
            &format!("{}/element/{element}/click", self.session()),
            None,
        )
        .await;
    }

    async fn property(&self, element: &str, name: &str) -> Value {
        self.call(
            "GET",
            &format!("{}/element/{element}/property/{name}", self.session()),
            None,
        )
        .await
    }

    async fn text(&self, element: &str) -> String {
        self.call(
            "GET",
            &format!("{}/element/{element}/text", self.session()),
            None,
        )
        .await
        .as_str()
        .unwrap()
        .to_owned()
    }

    async fn current_url(&self) -> String {
        self.call("GET", &format!("{}/url", self.session()), None)
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Ends the session (the browser quits) before the drop stops the driver.
    async fn quit(mut self) {
        if self.session.is_some() {
            let _ = self
                .http
                .delete(format!("{}{}", self.base, self.session()))
                .send()
                .await;
            self.session = None;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // A browser left behind by a failed test is found by its profile directory.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(self.profile.as_os_str())
            .status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_flow_in_headless_chromium() {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium and chromium-driver: see .ci/run"
        );
        eprintln!("skipped: install Debian's chromium and chromium-driver to run the browser test");
        return;
    }
    let servers = support::start().await;
    let browser = Browser::start().await;

    browser.open(&servers.web).await;
    let button = browser.find("#connect").await;
    assert_eq!(browser.text(&button).await, "Connect your vehicle");
    browser.click(&button).await;

    // On the stand-in's grant page: required locked, optional checked and uncheckable.
    let required = browser.find("#read_odometer").await;
    assert!(browser
        .current_url()
        .await
        .starts_with(&format!("{}/oauth/authorize?", servers.stand_in)));
    assert_eq!(browser.property(&required, "checked").await, json!(true));
    assert_eq!(browser.property(&required, "disabled").await, json!(true));
    let optional = browser.find("#read_vehicle_info").await;
    assert_eq!(browser.property(&optional, "checked").await, json!(true));
    assert_eq!(browser.property(&optional, "disabled").await, json!(false));
    browser.click(&optional).await;
    assert_eq!(browser.property(&optional, "checked").await, json!(false));
    let allow = browser.find("#allow").await;
    browser.click(&allow).await;

    // Back on the application, which checked the state from its cookie.
    let code = browser.find("#code").await;
    let code = browser.text(&code).await;
    let landed = browser.current_url().await;
    // The code first, then the owner's v3 user id and the state.
    assert!(
        landed.starts_with(&format!("{}/callback?code={code}&user_id=", servers.web))
            && landed.contains("&state="),
        "{landed}"
    );
    assert_eq!(code.len(), 32, "a code from the stand-in: {code}");

    // The app exchanged the code at the stand-in's token endpoint: it shows when
    // the tokens expire, and the Refresh button rotates them.
    let expires_at = browser.find("#expires_at").await;
    let before = browser.text(&expires_at).await;
    assert!(before.ends_with('Z'), "{before}");
    let refresh = browser.find("#refresh").await;
    browser.click(&refresh).await;
    browser.find("#refreshed").await;
    assert_eq!(
        browser.current_url().await,
        format!("{}/refresh", servers.web)
    );
    let expires_at = browser.find("#expires_at").await;
    assert!(browser.text(&expires_at).await >= before);
    // Again: the app kept the rotated refresh token.
    let refresh = browser.find("#refresh").await;
    browser.click(&refresh).await;
    browser.find("#refreshed").await;

    browser.quit().await;
}
