//! Did-you-mean for redirect URIs: the registered URI a link's one nearly is, and
//! how they differ. Used at run time by [`Registration::check`](super::Registration::check)
//! and at compile time by `connect_url!`, on its literal. Not public API: reached
//! through `__private` (the fuzz target calls it too).

/// How a redirect URI differs from the registered one it nearly is, in the order
/// they are looked for.
///
/// ```
/// use connect_core::__private::Difference;
///
/// assert_eq!(Difference::TrailingSlash.describe(), "the trailing slash differs");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// One ends its path with `/`, the other does not.
    TrailingSlash,
    /// `http` against `https`, the rest the same.
    Scheme,
    /// The port, the rest the same (`:8000` against `:8080`, or none).
    Port,
    /// The case of the path or host, the rest the same (`/Callback`).
    Case,
    /// The host, the rest the same (`localhost` against `127.0.0.1`, `www.`).
    Host,
    /// The app id in a mobile `sc<id>://` scheme, the rest the same.
    MobileAppId,
    /// A few characters (a typo).
    Typo,
}

impl Difference {
    /// How it is said in a help line: `the trailing slash differs`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Difference::TrailingSlash => "the trailing slash differs",
            Difference::Scheme => "`http` and `https` differ",
            Difference::Port => "the port differs",
            Difference::Case => "the case differs",
            Difference::Host => "the host differs",
            Difference::MobileAppId => "the app id in the scheme differs",
            Difference::Typo => "a few characters differ",
        }
    }
}

/// A registered redirect URI that a link's one nearly is.
///
/// ```
/// use connect_core::__private::{near_miss, Difference};
///
/// let near = near_miss("https://example.com/callbak", ["https://example.com/callback"]).unwrap();
/// assert_eq!(near.registered, "https://example.com/callback");
/// assert_eq!(near.difference, Difference::Typo);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearMiss<'a> {
    /// The registered URI.
    pub registered: &'a str,
    /// How they differ.
    pub difference: Difference,
}

/// A typo is looked for only between URIs of at most this many bytes; the
/// structural differences, which cost one comparison, at any length.
const MAX_TYPO_LEN: usize = 256;
/// At most this many edits make a typo.
const MAX_TYPO_EDITS: usize = 3;

/// The registered URI that `uri` nearly is, and how they differ: a trailing slash,
/// `http`/`https`, the port, the case, the host, a mobile scheme's app id, or a
/// typo of at most three characters; `None` when none is near (or `uri` is one of
/// them).
///
/// The cost is linear in the input: each candidate is split once and compared part
/// by part, and a typo is looked for only between URIs of at most 256 bytes whose
/// lengths are within three, in a band of the edit-distance table.
///
/// ```
/// use connect_core::__private::{near_miss, Difference};
///
/// let registered = ["https://example.com/callback", "http://localhost:8000/callback"];
/// let miss = |uri| near_miss(uri, registered).map(|n| (n.registered, n.difference));
/// assert_eq!(miss("https://example.com/callback/"), Some((registered[0], Difference::TrailingSlash)));
/// assert_eq!(miss("http://example.com/callback"), Some((registered[0], Difference::Scheme)));
/// assert_eq!(miss("http://localhost:8080/callback"), Some((registered[1], Difference::Port)));
/// assert_eq!(miss("https://example.com/Callback"), Some((registered[0], Difference::Case)));
/// assert_eq!(miss("http://127.0.0.1:8000/callback"), Some((registered[1], Difference::Host)));
/// assert_eq!(miss("https://elsewhere.example/login"), None);
/// ```
pub fn near_miss<'a, I>(uri: &str, registered: I) -> Option<NearMiss<'a>>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted = Parts::of(uri);
    let mut best: Option<NearMiss<'a>> = None;
    for candidate in registered {
        if candidate == uri {
            return None;
        }
        if let Some(difference) = difference(uri, &wanted, candidate)
            && best.is_none_or(|b| difference < b.difference)
        {
            best = Some(NearMiss {
                registered: candidate,
                difference,
            });
        }
    }
    best
}

/// A URI split as far as the comparison needs: `scheme://host:port/path?query`.
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: &'a str,
    /// The path and the query, from the first `/` or `?` after the authority.
    rest: &'a str,
}

impl<'a> Parts<'a> {
    fn of(uri: &'a str) -> Parts<'a> {
        let (scheme, after) = uri.split_once("://").unwrap_or(("", uri));
        let end = after.find(['/', '?']).unwrap_or(after.len());
        let (authority, rest) = after.split_at(end);
        // The port is after the last `:` unless that is inside `[…]` (IPv6).
        let (host, port) = match authority.rfind(':') {
            Some(i) if !authority[i..].contains(']') => (&authority[..i], &authority[i + 1..]),
            _ => (authority, ""),
        };
        Parts {
            scheme,
            host,
            port,
            rest,
        }
    }

    /// The path without its trailing `/` (an empty path counts as `/`), and the
    /// query.
    fn trimmed_rest(&self) -> (&'a str, &'a str) {
        let (path, query) = self
            .rest
            .find('?')
            .map_or((self.rest, ""), |i| self.rest.split_at(i));
        (path.strip_suffix('/').unwrap_or(path), query)
    }
}

fn is_web(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

fn difference(uri: &str, a: &Parts<'_>, candidate: &str) -> Option<Difference> {
    let b = Parts::of(candidate);
    let same_place = a.host == b.host && a.port == b.port;
    if a.scheme == b.scheme
        && same_place
        && a.rest != b.rest
        && a.trimmed_rest() == b.trimmed_rest()
    {
        return Some(Difference::TrailingSlash);
    }
    if a.scheme != b.scheme
        && is_web(a.scheme)
        && is_web(b.scheme)
        && same_place
        && a.rest == b.rest
    {
        return Some(Difference::Scheme);
    }
    if a.scheme == b.scheme && a.host == b.host && a.rest == b.rest && a.port != b.port {
        return Some(Difference::Port);
    }
    if uri.eq_ignore_ascii_case(candidate) {
        return Some(Difference::Case);
    }
    if a.scheme == b.scheme && a.port == b.port && a.rest == b.rest && is_web(a.scheme) {
        return Some(Difference::Host);
    }
    if a.scheme != b.scheme
        && a.scheme.starts_with("sc")
        && b.scheme.starts_with("sc")
        && !is_web(a.scheme)
        && !is_web(b.scheme)
        && a.host == b.host
        && a.rest == b.rest
    {
        return Some(Difference::MobileAppId);
    }
    (uri.len() <= MAX_TYPO_LEN
        && candidate.len() <= MAX_TYPO_LEN
        && within(uri.as_bytes(), candidate.as_bytes(), MAX_TYPO_EDITS))
    .then_some(Difference::Typo)
}

/// Whether the edit distance (insertions, deletions, substitutions) between `a`
/// and `b` is at most `k`, computing only the band of the table within `k` of its
/// diagonal: `O(k · len)`.
fn within(a: &[u8], b: &[u8], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let far = k + 1;
    // previous[j]: the distance between a[..i-1] and b[..j], `far` outside the band.
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut current = vec![far; b.len() + 1];
    for i in 1..=a.len() {
        let from = i.saturating_sub(k).max(1);
        let to = (i + k).min(b.len());
        current.fill(far);
        current[0] = i.min(far);
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(far);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_band_counts_edits() {
        assert!(within(b"callback", b"callbak", 1));
        assert!(within(b"callback", b"calback", 1));
        assert!(!within(b"callback", b"cb", 3));
        assert!(within(b"abc", b"abc", 0));
        assert!(!within(b"kitten", b"sitting", 2));
        assert!(within(b"kitten", b"sitting", 3));
        assert!(within(b"", b"abc", 3));
    }

    #[test]
    fn ports_hosts_and_mobile_schemes() {
        let registered = ["sc4a1b01e5://callback", "https://example.com"];
        assert_eq!(
            near_miss("sc8229df9f://callback", registered).map(|n| n.difference),
            Some(Difference::MobileAppId)
        );
        assert_eq!(
            near_miss("https://example.com/", registered).map(|n| n.difference),
            Some(Difference::TrailingSlash)
        );
        assert_eq!(
            near_miss("https://example.com:443", registered).map(|n| n.difference),
            Some(Difference::Port)
        );
        assert_eq!(
            near_miss("https://[::1]:80/cb", ["https://[::1]:81/cb"]).map(|n| n.difference),
            Some(Difference::Port)
        );
        assert_eq!(near_miss("https://example.com", registered), None);
    }

    #[test]
    fn long_inputs_cost_little() {
        let long = format!("https://example.com/{}", "a".repeat(60_000));
        let registered: Vec<String> = (0..1000)
            .map(|i| format!("https://example.com/{i}{}", "a".repeat(60_000)))
            .collect();
        let start = std::time::Instant::now();
        let near = near_miss(&long, registered.iter().map(String::as_str));
        assert!(near.is_none());
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }
}
