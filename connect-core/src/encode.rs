//! Percent-encoding of query values, and its inverse.
//!
//! Rendering keeps only the unreserved characters `A-Z a-z 0-9 - . _ ~` and writes
//! every other byte of the UTF-8 value as `%XX` with upper-case hex (SPEC §4), so a
//! value can never add, drop or change another parameter.

use crate::error::{Error, Parameter, Problem};

/// Whether `b` stays as it is in a query value.
pub(crate) const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// How many bytes `value` takes once encoded.
pub(crate) fn encoded_len(value: &str) -> usize {
    value
        .bytes()
        .map(|b| if is_unreserved(b) { 1 } else { 3 })
        .sum()
}

/// Appends `value`, percent-encoded, to `out`.
pub(crate) fn push_encoded(out: &mut String, value: &str) {
    // Every byte of a multi-byte character is >= 0x80, so never unreserved:
    // encoding byte by byte is exact.
    for b in value.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
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
