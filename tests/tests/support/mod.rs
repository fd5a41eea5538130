//! The web example and the Connect stand-in, served in-process on loopback ports
//! for the end-to-end and browser tests.

#![allow(dead_code)] // each test file uses part of it

use connect_servers::{stand_in, web};

/// Both servers, on `127.0.0.1` ports the OS chose. They stop with the runtime.
pub struct Servers {
    /// `http://127.0.0.1:PORT` of the web example.
    pub web: String,
    /// `http://127.0.0.1:PORT` of the Connect stand-in.
    pub stand_in: String,
}

pub async fn start() -> Servers {
    let web_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stand_in_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let web = format!("http://{}", web_listener.local_addr().unwrap());
    let stand_in = format!("http://{}", stand_in_listener.local_addr().unwrap());
    let callback = format!("{web}/callback");
    let web_config = web::WebConfig {
        connect_origin: stand_in.parse().unwrap(),
        redirect_uri: callback.parse().unwrap(),
    };
    let stand_in_config = stand_in::StandInConfig {
        redirect_uris: vec![callback.parse().unwrap()],
    };
    tokio::spawn(async move { axum::serve(web_listener, web::router(web_config)).await });
    tokio::spawn(
        async move { axum::serve(stand_in_listener, stand_in::router(stand_in_config)).await },
    );
    Servers { web, stand_in }
}

/// The value of `name="NAME" value="…"` in a page, unescaped.
pub fn hidden_input(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}
