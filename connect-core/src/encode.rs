//! Percent-encoding of query values, and its inverse.
//!
//! Rendering keeps only the unreserved characters `A-Z a-z 0-9 - . _ ~` and writes
//! every other byte of the UTF-8 value as `%XX` with upper-case hex (SPEC §4), so a
//! value can never add, drop or change another parameter.

use crate::error::{Error, Problem};
use crate::parameter::Parameter;

/// Whether each byte stays as it is in a query value: `A-Z a-z 0-9 - . _ ~`.
/// A table, because rendering asks once per byte.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

/// Whether `b` stays as it is in a query value.
pub(crate) const fn is_unreserved(b: u8) -> bool {
    UNRESERVED[b as usize]
}

/// `%00%01…%FF`: the escape of byte `b` is `ESCAPES[3 * b..3 * b + 3]`.
const ESCAPES: &str = concat!(
    "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F",
    "%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F",
    "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2D%2E%2F",
    "%30%31%32%33%34%35%36%37%38%39%3A%3B%3C%3D%3E%3F",
    "%40%41%42%43%44%45%46%47%48%49%4A%4B%4C%4D%4E%4F",
    "%50%51%52%53%54%55%56%57%58%59%5A%5B%5C%5D%5E%5F",
    "%60%61%62%63%64%65%66%67%68%69%6A%6B%6C%6D%6E%6F",
    "%70%71%72%73%74%75%76%77%78%79%7A%7B%7C%7D%7E%7F",
    "%80%81%82%83%84%85%86%87%88%89%8A%8B%8C%8D%8E%8F",
    "%90%91%92%93%94%95%96%97%98%99%9A%9B%9C%9D%9E%9F",
    "%A0%A1%A2%A3%A4%A5%A6%A7%A8%A9%AA%AB%AC%AD%AE%AF",
    "%B0%B1%B2%B3%B4%B5%B6%B7%B8%B9%BA%BB%BC%BD%BE%BF",
    "%C0%C1%C2%C3%C4%C5%C6%C7%C8%C9%CA%CB%CC%CD%CE%CF",
    "%D0%D1%D2%D3%D4%D5%D6%D7%D8%D9%DA%DB%DC%DD%DE%DF",
    "%E0%E1%E2%E3%E4%E5%E6%E7%E8%E9%EA%EB%EC%ED%EE%EF",
    "%F0%F1%F2%F3%F4%F5%F6%F7%F8%F9%FA%FB%FC%FD%FE%FF",
);

/// How many bytes `value` takes once encoded.
pub(crate) fn encoded_len(value: &str) -> usize {
    value.len() + 2 * value.bytes().filter(|&b| !is_unreserved(b)).count()
}

/// Appends `value`, percent-encoded, to `out`.
pub(crate) fn push_encoded(out: &mut String, value: &str) {
    // Unreserved runs are copied whole and each escape is a slice of `ESCAPES`:
    // pushing byte by byte cost several times more (measured with callgrind,
    // BENCHMARKS.md). A non-empty run is ASCII, so it begins and ends on
    // character boundaries; empty runs, which may sit inside a character, are skipped.
    let mut start = 0;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        if !is_unreserved(b) {
            if start < i {
                out.push_str(&value[start..i]);
            }
            let at = 3 * usize::from(b);
            out.push_str(&ESCAPES[at..at + 3]);
            start = i + 1;
        }
    }
    if start < value.len() {
        out.push_str(&value[start..]);
    }
}

/// Where a rendering goes: a `String`, or a [`Length`] counter sizing it first, so
/// the two passes of one rendering cannot disagree.
pub(crate) trait Sink {
    /// Text that is already a valid part of a query.
    fn raw(&mut self, text: &str);
    /// A value, percent-encoded.
    fn encoded(&mut self, value: &str);
}

impl Sink for String {
    fn raw(&mut self, text: &str) {
        self.push_str(text);
    }
    fn encoded(&mut self, value: &str) {
        push_encoded(self, value);
    }
}

/// Counts the bytes a rendering would write.
#[derive(Default)]
pub(crate) struct Length(pub(crate) usize);

impl Sink for Length {
    fn raw(&mut self, text: &str) {
        self.0 += text.len();
    }
    fn encoded(&mut self, value: &str) {
        self.0 += encoded_len(value);
    }
}

/// Decodes a query component: `+` is a space, `%XX` in either hex case is a byte.
/// `parameter` names the component in the error (`None` for a parameter's name).
pub(crate) fn decode(component: &str, parameter: Option<Parameter>) -> Result<String, Error> {
    let fail = |problem| match parameter {
        Some(p) => Error::new(p, problem),
        None => Error::general(problem),
    };
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    let h = std::str::from_utf8(h).ok()?;
                    u8::from_str_radix(h, 16)
                        .ok()
                        .filter(|_| h.bytes().all(|b| b.is_ascii_hexdigit()))
                });
                let Some(byte) = hex else {
                    let escape: String = component[i..].chars().take(3).collect();
                    return Err(fail(Problem::BadPercentEscape { escape }));
                };
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| fail(Problem::NotUtf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(s: &str) -> String {
        let mut out = String::new();
        push_encoded(&mut out, s);
        assert_eq!(out.len(), encoded_len(s));
        out
    }

    #[test]
    fn encodes_all_but_unreserved_with_upper_hex() {
        assert_eq!(
            encode("required:read_odometer read_vin"),
            "required%3Aread_odometer%20read_vin"
        );
        assert_eq!(
            encode("https://example.com/home"),
            "https%3A%2F%2Fexample.com%2Fhome"
        );
        assert_eq!(encode("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode("&=#%+"), "%26%3D%23%25%2B");
        assert_eq!(encode("é€"), "%C3%A9%E2%82%AC");
        assert_eq!(encode(""), "");
    }

    #[test]
    fn unreserved_are_exactly_the_sixty_six() {
        let kept: String = (0..=255u8)
            .filter(|&b| is_unreserved(b))
            .map(char::from)
            .collect();
        assert_eq!(
            kept,
            "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"
        );
    }

    #[test]
    fn escape_table_has_every_byte_in_order() {
        assert_eq!(ESCAPES.len(), 768);
        for b in 0..=255u8 {
            let at = 3 * usize::from(b);
            assert_eq!(&ESCAPES[at..at + 3], format!("%{b:02X}"));
        }
    }

    #[test]
    fn decodes_plus_and_either_hex_case() {
        assert_eq!(decode("a+b%20c%3a%3A", None).unwrap(), "a b c::");
        assert_eq!(decode("%C3%a9", None).unwrap(), "é");
    }

    #[test]
    fn rejects_bad_escapes_and_invalid_utf8() {
        let e = decode("ab%G1", Some(Parameter::State)).unwrap_err();
        assert_eq!(
            e.problem(),
            &Problem::BadPercentEscape {
                escape: "%G1".into()
            }
        );
        assert_eq!(e.parameter(), Some(Parameter::State));
        assert!(decode("%4", None).is_err());
        assert!(decode("%", None).is_err());
        assert!(decode("%+1", None).is_err());
        assert!(decode("%-1", None).is_err());
        assert_eq!(
            decode("%FF", None).unwrap_err().problem(),
            &Problem::NotUtf8
        );
        // A multi-byte character right after `%` is an error, not a panic.
        assert!(decode("%é", None).is_err());
    }

    #[test]
    fn decode_inverts_encode() {
        for s in ["", "a b", "&=#%+\n", "ünïcødé ✓", "required:read_vin"] {
            assert_eq!(decode(&encode(s), None).unwrap(), s);
        }
    }
}
