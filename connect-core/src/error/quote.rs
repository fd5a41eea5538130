//! Quoting untrusted text in a message: escaped so that an error can be logged or
//! printed to a terminal as it is. Not HTML escaping.

use std::fmt;

/// Untrusted text quoted in a message (a name, a value, a host…), written as it
/// came except for the characters that could forge a log line or drive a
/// terminal, which are written escaped (`\n`, `\u{1b}`): an error can be logged
/// or printed as it is. Ordinary text is written unchanged.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Runs of safe characters are written at once: one call per escape, not per char.
        let mut rest = self.0;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            f.write_str(&rest[..at])?;
            write_escaped(f, c)?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Control characters (C0, DEL, C1: newlines, escape sequences, the C1 `CSI`),
/// the Unicode line and paragraph separators, and the bidirectional marks,
/// embeddings, overrides and isolates that reorder what a terminal or a log
/// viewer shows (the "Trojan Source" characters).
pub(super) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `\n`, `\t`, `\u{1b}`…: Rust's own escapes, `\u{…}` where it has none.
fn write_escaped(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    let mut escape = c.escape_debug();
    if escape.len() > 1 {
        escape.try_for_each(|e| fmt::Write::write_char(f, e))
    } else {
        write!(f, "{}", c.escape_unicode())
    }
}

/// A character for a message: visible characters in backticks, others by code point.
pub(super) struct Shown(pub(super) char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_whitespace() || needs_escape(self.0) {
            write!(f, "{:?}", self.0)
        } else {
            write!(f, "`{}`", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Problem};
    use crate::parameter::Parameter;

    #[test]
    fn invisible_characters_are_shown_escaped() {
        let e = Error::new(Parameter::ClientId, Problem::NotUrlSafe { character: '\n' });
        assert_eq!(
            e.message(),
            "`client_id` contains '\\n', which is not URL-safe"
        );
    }

    #[test]
    fn quoted_text_cannot_break_a_line_or_drive_a_terminal() {
        let e = Error::new(
            Parameter::Mode,
            Problem::InvalidMode {
                value: "live\nINFO forged line \u{1b}[31mred\r".into(),
            },
        );
        let text = e.to_string();
        assert_eq!(
            text,
            "`live\\nINFO forged line \\u{1b}[31mred\\r` is not a valid `mode`; \
            use `live` or `simulated`"
        );
        assert!(!text.chars().any(needs_escape), "{text}");
        let parameter = Error::general(Problem::UnknownParameter {
            name: "a\u{2028}b\u{202E}c\u{2066}d\u{85}e\te".into(),
            suggestion: None,
        });
        assert_eq!(
            parameter.message(),
            "unknown parameter `a\\u{2028}b\\u{202e}c\\u{2066}d\\u{85}e\\te`"
        );
        // Ordinary text, including non-ASCII letters and quotes, is left as it is.
        assert_eq!(
            Escaped("Citroën `x` \"y\" ü 車").to_string(),
            "Citroën `x` \"y\" ü 車"
        );
        assert_eq!(
            Error::new(
                Parameter::ClientId,
                Problem::NotUrlSafe {
                    character: '\u{202E}'
                }
            )
            .message(),
            "`client_id` contains '\\u{202e}', which is not URL-safe"
        );
    }
}
