//! Escaping for the report's HTML and SVG: every piece of text from answers, rules or the journal
//! goes through [`esc`], so nothing in them can become markup.

use std::fmt;

/// Text made safe to place in HTML or SVG, as element content or inside a quoted attribute.
pub(super) struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

pub(super) fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

/// A number for an SVG coordinate: one decimal, no "-0.0".
pub(super) fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".to_owned()
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_shown_as_text() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#).to_string(),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("plain, ünïcode").to_string(), "plain, ünïcode");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(7.0), "7");
    }
}
