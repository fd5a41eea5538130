//! `MAX_URL_LEN`: a link or redirect longer than any server passes on is refused
//! unread, with an error that says so; anything up to the limit is read as before.

use connect_core::{Callback, CallbackError, ConnectUrl, Outcome, Problem, MAX_URL_LEN};

const LINK: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&state=";

/// A valid link exactly `length` bytes long (its `state` fills it up).
fn link_of(length: usize) -> String {
    format!("{LINK}{}", "s".repeat(length - LINK.len()))
}

#[test]
fn limit_is_64_kib() {
    assert_eq!(MAX_URL_LEN, 65_536);
}

#[test]
fn a_link_at_the_limit_parses_one_over_is_refused() {
    let at = link_of(MAX_URL_LEN);
    let url: ConnectUrl = at.parse().unwrap();
    assert_eq!(url.as_str(), at);

    let over = link_of(MAX_URL_LEN + 1);
    let report = ConnectUrl::read(&over);
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0];
    assert_eq!(
        e.problem(),
        &Problem::UrlTooLong {
            length: MAX_URL_LEN + 1
        }
    );
    assert_eq!(e.parameter(), None);
    assert_eq!(
        e.message(),
        "the link is 65537 bytes long, over the limit of 65536 bytes"
    );
    assert!(e.help().unwrap().contains("8 or 16 KiB"));
    // Surrounding whitespace does not count: it is trimmed before anything else.
    assert!(format!("  {at}\n").parse::<ConnectUrl>().is_ok());
    // Nothing of an oversized link is read: not even its (broken) query.
    let broken = format!("{}%ZZ", link_of(MAX_URL_LEN));
    assert!(matches!(
        broken.parse::<ConnectUrl>().unwrap_err().first().problem(),
        Problem::UrlTooLong { .. }
    ));
}

#[test]
fn a_redirect_at_the_limit_parses_one_over_is_refused() {
    let query_of = |length: usize| format!("code=c&state={}", "s".repeat(length - 13));
    let at = query_of(MAX_URL_LEN);
    let cb = Callback::from_query(&at).unwrap();
    assert!(matches!(cb.outcome(), Outcome::Code(_)));

    let over = query_of(MAX_URL_LEN + 1);
    let e = Callback::from_query(&over).unwrap_err();
    // The variant is `#[non_exhaustive]`: matched, not built.
    assert!(matches!(e, CallbackError::TooLong { length, .. } if length == MAX_URL_LEN + 1));
    assert_eq!(
        e.to_string(),
        "the redirect is 65537 bytes long, over the 65536 bytes a redirect from Connect can be; it was not sent by Connect, start the flow again"
    );

    let url = format!("https://example.com/cb?{over}");
    assert!(matches!(
        Callback::from_url(&url),
        Err(CallbackError::TooLong { length, .. }) if length == url.len()
    ));
    let url_at = format!("https://example.com/cb?{}", query_of(MAX_URL_LEN - 23));
    assert_eq!(url_at.len(), MAX_URL_LEN);
    assert!(Callback::from_url(&url_at).is_ok());
}
