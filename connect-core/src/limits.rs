//! The size limit on links and redirect queries read at run time.

/// The longest Connect link ([`ConnectUrl::read`](crate::ConnectUrl::read),
/// `ConnectUrl: FromStr`) or redirect back ([`Callback::from_url`](crate::Callback::from_url),
/// [`Callback::from_query`](crate::Callback::from_query)) that is read: 64 KiB.
/// Longer input is refused at once, with [`Problem::UrlTooLong`](crate::Problem::UrlTooLong)
/// or [`CallbackError::TooLong`](crate::CallbackError::TooLong).
///
/// Why 64 KiB: no link Connect receives or sends can be that long. Web servers and
/// proxies refuse much shorter request lines by default (nginx and Apache 8 KiB,
/// IIS, AWS load balancers and Cloudflare 16 KiB) with `414 URI Too Long`, and
/// Firefox opens no URL over 65 536 characters; a real link is a few hundred bytes.
/// Chrome's own limit (2 MB) is far above it, so the limit is a server's, not a
/// browser's. Parsing is linear anyway; the limit bounds the cost of one hostile
/// request to well under a millisecond.
///
/// ```
/// use connect_core::{Callback, CallbackError, MAX_URL_LEN};
///
/// let hostile = format!("code=abc&state={}", "x".repeat(MAX_URL_LEN));
/// assert!(matches!(Callback::from_query(&hostile), Err(CallbackError::TooLong { .. })));
/// ```
pub const MAX_URL_LEN: usize = 64 * 1024;
