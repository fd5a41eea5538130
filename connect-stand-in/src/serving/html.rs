//! Just enough HTML for the example pages.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// Escapes text for an HTML element or a double-quoted attribute.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The style of every page, served at `/style.css` by both servers: the pages
/// carry no inline style, so their Content-Security-Policy can say `style-src 'self'`.
pub const STYLESHEET: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}\
.button,button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #335;\
background:#335;color:#fff;text-decoration:none;cursor:pointer}button.secondary{background:#fff;color:#335}\
label{display:block;margin:.3rem 0}code{word-break:break-all}.error{color:#a00}\n";

/// `GET /style.css`.
pub async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        STYLESHEET,
    )
        .into_response()
}

/// A page; `body` is HTML already escaped where needed.
#[must_use]
pub fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let title = escape(title);
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><h1>{title}</h1>{body}</body></html>"
    );
    (status, Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
