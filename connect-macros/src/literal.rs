//! Literal tokens read in time linear in their length.
//!
//! syn computes the value of every integer literal it parses, `LitStr` or not, in
//! base 10 with one byte a digit, multiplying the whole number for each digit:
//! quadratic in the number of digits (a 100 000-digit flag value took 166 s to
//! expand, issue 11). So the macro looks at a literal's text once: only what
//! starts like a string goes to syn, and integers are read here.

use proc_macro2::Literal;

/// Whether the literal is a string (`"…"`, `r"…"`, `r#"…"#`), the only kind
/// handed to syn's `LitStr`.
pub fn is_string(literal: &Literal) -> bool {
    let text = literal.to_string();
    text.starts_with('"') || text.starts_with("r\"") || text.starts_with("r#")
}

/// Why a literal is not an integer flag value.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAFlagInteger {
    /// Not an integer at all: a float, a character, a byte string, ….
    NotInteger,
    /// An integer with a type suffix such as `u8`.
    Suffix(String),
    /// More than a `u128` holds.
    TooLarge {
        /// The digits written, separators aside.
        digits: usize,
    },
}

impl NotAFlagInteger {
    /// The `help` line for the error on the flag's value.
    pub fn help(&self) -> Option<String> {
        match self {
            NotAFlagInteger::NotInteger => None,
            NotAFlagInteger::Suffix(suffix) => {
                Some(format!("write the integer without the suffix `{suffix}`"))
            }
            NotAFlagInteger::TooLarge { digits } => Some(format!(
                "this integer has {digits} digits; a flag's integer is at most {} (`u128::MAX`), or write the value as a string",
                u128::MAX
            )),
        }
    }
}

/// The decimal text of an unsuffixed integer literal (`42`, `1_000`, `0x2A` → `42`,
/// `1000`, `42`), as syn's `LitInt::base10_parse::<u128>` gives it, in one pass
/// over the literal's text.
pub fn decimal(literal: &Literal) -> Result<String, NotAFlagInteger> {
    let text = literal.to_string();
    let (radix, body) = match text.get(..2) {
        Some("0x") => (16, &text[2..]),
        Some("0o") => (8, &text[2..]),
        Some("0b") => (2, &text[2..]),
        _ => (10, text.as_str()),
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) && radix == 10 {
        return Err(NotAFlagInteger::NotInteger);
    }
    let end = body
        .find(|c: char| c != '_' && !c.is_digit(radix))
        .unwrap_or(body.len());
    let (number, suffix) = body.split_at(end);
    let digits: String = number.chars().filter(|&c| c != '_').collect();
    if !suffix.is_empty() {
        // `1.5`, `1e3` and `1f32` are floats; anything else is a type suffix.
        let float = radix == 10
            && (suffix.starts_with(['.', 'e', 'E']) || suffix == "f32" || suffix == "f64");
        return Err(if float || digits.is_empty() {
            NotAFlagInteger::NotInteger
        } else {
            NotAFlagInteger::Suffix(suffix.to_owned())
        });
    }
    if digits.is_empty() {
        return Err(NotAFlagInteger::NotInteger);
    }
    // One checked multiply a digit: linear, and it stops at the first overflow.
    match u128::from_str_radix(&digits, radix) {
        Ok(value) => Ok(value.to_string()),
        Err(_) => Err(NotAFlagInteger::TooLarge {
            digits: digits.len(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::{TokenStream, TokenTree};

    fn literal(text: &str) -> Literal {
        let tokens: TokenStream = text.parse().unwrap();
        match tokens.into_iter().next() {
            Some(TokenTree::Literal(l)) => l,
            other => panic!("{other:?}"),
        }
    }

    /// syn's answer, for comparison on ordinary literals.
    fn syn_decimal(text: &str) -> Option<String> {
        let lit: syn::LitInt = syn::parse_str(text).ok()?;
        if !lit.suffix().is_empty() {
            return None;
        }
        Some(lit.base10_parse::<u128>().ok()?.to_string())
    }

    #[test]
    fn reads_integers_as_syn_does() {
        for text in [
            "0",
            "42",
            "007",
            "1_000",
            "1_",
            "0x2A",
            "0xff_ff",
            "0o17",
            "0b1010",
            "340282366920938463463374607431768211455",
            "340282366920938463463374607431768211456",
            "0xffffffffffffffffffffffffffffffff",
            "0x1_0000_0000_0000_0000_0000_0000_0000_0000",
            "42u8",
            "42i128",
            "0x2Au8",
            "1.5",
            "1e3",
            "1f32",
            "1.0f64",
            "'c'",
            "b'c'",
            "\"42\"",
            "b\"42\"",
        ] {
            assert_eq!(decimal(&literal(text)).ok(), syn_decimal(text), "{text}");
        }
    }

    #[test]
    fn says_why_an_integer_is_refused() {
        assert_eq!(
            decimal(&literal("42u8")),
            Err(NotAFlagInteger::Suffix("u8".into()))
        );
        assert_eq!(decimal(&literal("1.5")), Err(NotAFlagInteger::NotInteger));
        assert_eq!(decimal(&literal("'x'")), Err(NotAFlagInteger::NotInteger));
        let huge = "9".repeat(40);
        let e = decimal(&literal(&huge)).unwrap_err();
        assert_eq!(e, NotAFlagInteger::TooLarge { digits: 40 });
        assert!(e
            .help()
            .unwrap()
            .contains("340282366920938463463374607431768211455"));
        assert_eq!(NotAFlagInteger::NotInteger.help(), None);
        // Leading zeros are not an overflow.
        assert_eq!(
            decimal(&literal(&format!("{}7", "0".repeat(1000)))),
            Ok("7".into())
        );
    }

    #[test]
    fn only_strings_go_to_syn() {
        for text in ["\"x\"", "r\"x\"", "r#\"x\"#", "\"x\"suffix"] {
            assert!(is_string(&literal(text)), "{text}");
        }
        for text in ["42", "1.5", "'x'", "b\"x\"", "br\"x\"", "c\"x\""] {
            assert!(!is_string(&literal(text)), "{text}");
        }
    }
}
