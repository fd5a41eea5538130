use super::{check_non_empty, string_value};
use crate::error::Error;
use crate::parameter::Parameter;

fn check_state(value: &str) -> Result<(), Error> {
    check_non_empty(Parameter::State, value)
}

string_value! {
    /// The value Connect hands back on the redirect, to tie it to the session that
    /// sent the owner (CSRF protection). Any non-empty text.
    ///
    /// [`State::generate`] makes an unguessable one; compare a returned state with
    /// [`State::matches`], which takes constant time. `==` takes constant time
    /// too; states have no order, for the same reason.
    ///
    /// ```
    /// use connect_core::State;
    ///
    /// // A fresh one per owner, kept (e.g. in a cookie) for the redirect back.
    /// let state = State::generate()?;
    /// assert_eq!(state.as_str().len(), 32);
    /// // One that came back, checked in constant time.
    /// let returned: State = state.as_str().parse()?;
    /// assert!(state.matches(returned.as_str()));
    /// // Its `Debug` hides the value, as the authorization code's does.
    /// assert_eq!(format!("{state:?}"), "State(…)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    secret State, check_state
}

/// Constant time, as [`State::matches`]: `==` on states is as safe as `matches`.
impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        self.matches(other.as_str())
    }
}

impl Eq for State {}

/// Hashes the text, as `str` does, so equal states hash alike. Hashing is not
/// constant time: it is kept so that a state can key a map (a store of the flows
/// in progress, or a `Request`, which is `Hash`), not for comparing a state an
/// attacker sent; compare that one with `==` or [`State::matches`].
impl std::hash::Hash for State {
    fn hash<H: std::hash::Hasher>(&self, hasher: &mut H) {
        self.as_str().hash(hasher);
    }
}

#[cfg(feature = "getrandom")]
/// Random bytes in a generated state: 192 bits, well above the 128 asked for.
const RANDOM_BYTES: usize = 24;

impl State {
    /// A fresh state of 192 random bits from the operating system, as 32
    /// URL-safe base64 characters (`A-Z a-z 0-9 - _`).
    ///
    /// ```
    /// let state = connect_core::State::generate()?;
    /// assert_eq!(state.as_str().len(), 32);
    /// assert_ne!(state, connect_core::State::generate()?);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only when the operating system cannot supply randomness.
    #[cfg(feature = "getrandom")]
    #[cfg_attr(docsrs, doc(cfg(feature = "getrandom")))]
    pub fn generate() -> Result<State, std::io::Error> {
        let mut bytes = [0u8; RANDOM_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(State(base64url(&bytes).into()))
    }

    /// Whether `other` is this state, compared in time that depends only on the
    /// lengths, so a forged state learns nothing from how long the check took.
    ///
    /// ```
    /// let sent: connect_core::State = "0facda3319".parse()?;
    /// assert!(sent.matches("0facda3319"));
    /// assert!(!sent.matches("0facda3318"));
    /// # Ok::<(), connect_core::Error>(())
    /// ```
    #[must_use]
    pub fn matches(&self, other: &str) -> bool {
        constant_time_eq(self.as_str().as_bytes(), other.as_bytes())
    }
}

/// With `subtle`, the comparison of the `RustCrypto` and dalek crates: a small
/// share of a cold build (`cargo build -j1 --timings`; the figure is in
/// BENCHMARKS.md), no dependencies, and an optimisation barrier better kept than a
/// hand-written fold behind `black_box` (a hint, not a guarantee). Lengths are
/// compared first, as before: a state's length is no secret (32 characters when
/// generated).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Unpadded URL-safe base64 (RFC 4648 §5), of the 24 random bytes only.
///
/// Written here rather than with the `base64` crate: 15 lines, checked against
/// RFC 4648's vectors below, for one encoding of one fixed length, while `base64`
/// costs a measurable part of a cold build, on the user's build and on the macro's
/// (`cargo build -j1 --timings` of base64 without default features against the
/// url-only app of `bench/cold_build.py`; figures in BENCHMARKS.md); at run time
/// both take nanoseconds for 24 bytes.
#[cfg(feature = "getrandom")]
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "getrandom")]
    #[test]
    fn generated_states_are_long_url_safe_and_distinct() {
        let a = State::generate().unwrap();
        let b = State::generate().unwrap();
        assert_eq!(a.as_str().len(), 32);
        assert!(a
            .as_str()
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_ne!(a, b);
    }

    #[cfg(feature = "getrandom")]
    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn matches_compares_exactly() {
        let s: State = "0facda3319".parse().unwrap();
        assert!(s.matches("0facda3319"));
        assert!(!s.matches("0facda331"));
        assert!(!s.matches("0facda3318"));
        assert!(!s.matches(""));
    }

    #[test]
    fn equality_is_exact_and_consistent_with_hash() {
        use std::hash::BuildHasher;
        let state = |text: &str| text.parse::<State>().unwrap();
        let a = state("0facda3319");
        assert_eq!(a, state("0facda3319"));
        assert_eq!(a, State::from_static("0facda3319").unwrap());
        assert_ne!(a, state("0facda3318"));
        assert_ne!(a, state("0facda331"));
        assert_ne!(a, state("0facda33190"));
        let hasher = std::hash::RandomState::new();
        assert_eq!(hasher.hash_one(&a), hasher.hash_one(state("0facda3319")));
    }

    #[test]
    fn debug_hides_the_value() {
        let state: State = "0facda3319".parse().unwrap();
        assert_eq!(format!("{state:?}"), "State(…)");
        assert_eq!(format!("{:?}", Some(&state)), "Some(State(…))");
        assert!(!format!("{state:#?}").contains("0facda3319"));
        assert_eq!(state.to_string(), "0facda3319");
    }

    #[test]
    fn empty_state_is_refused() {
        assert_eq!(
            "".parse::<State>().unwrap_err().parameter(),
            Some(Parameter::State)
        );
        assert_eq!(" ".parse::<State>().unwrap().as_str(), " ");
    }
}
