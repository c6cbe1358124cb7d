//! The JSON reader's own messages made readable: its syntax complaints in plain words, and the
//! values it quotes cut short. Apart from [`super::Problem`], which only asks for the wording.

use super::shown::shown;

/// The JSON reader's syntax complaints ("expected ident", "key must be a string") said as what is
/// wrong and what to write instead; `None` for one not known here.
pub(super) fn syntax_in_words(message: &str) -> Option<(&'static str, &'static str)> {
    let known = [
        (
            "expected ident",
            "this word is not something JSON knows",
            "write true, false or null in full, or put text in double quotes",
        ),
        (
            "expected value",
            "a value is missing here, or is not written as JSON writes one",
            "write a number, \"text in double quotes\", true, false, or a list in [ ]",
        ),
        (
            "key must be a string",
            "a name here is not in double quotes",
            "put each name in double quotes, such as \"age\": 34",
        ),
        (
            "expected `,` or `}`",
            "a comma or a closing } is missing here",
            "put a comma between two entries, and end the object with }",
        ),
        (
            "expected `,` or `]`",
            "a comma or a closing ] is missing here",
            "put a comma between two items, and end the list with ]",
        ),
        (
            "expected `:`",
            "a colon is missing after a name",
            "write each entry as \"name\": value",
        ),
        (
            "trailing comma",
            "there is a comma after the last entry",
            "delete that comma",
        ),
        (
            "trailing characters",
            "there is more text after the end of the JSON",
            "delete what follows the last closing bracket",
        ),
        (
            "EOF while parsing",
            "the file ends before its brackets or quotes are closed",
            "close every { [ and \" that is opened",
        ),
        (
            "invalid number",
            "this number is not written as JSON writes numbers",
            "write it with digits only, such as 34 or 2.5",
        ),
        (
            "control character",
            "there is a line break or tab inside quotes",
            "keep each text in quotes on one line",
        ),
        (
            "invalid escape",
            "a backslash inside quotes starts something JSON does not know",
            "write \\\\ for a backslash",
        ),
    ];
    known
        .iter()
        .find(|(said, _, _)| message.starts_with(said))
        .map(|(_, plain, fix)| (*plain, *fix))
}

/// A message of the JSON reader with every value it quotes cut as [`shown`] cuts one: serde
/// quotes a value of the wrong type or an unknown name whole, in double quotes or backticks.
pub(crate) fn values_shown(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let inner = &rest[open + 1..];
        let close = closing_quote(inner, quote);
        out.push_str(&shown(&inner[..close]));
        rest = &inner[close..];
        if let Some(after) = rest.strip_prefix(char::from(quote)) {
            out.push(char::from(quote));
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Where the quoted text starting `text` ends: double quotes are written with backslash
/// escapes, backticks without.
fn closing_quote(text: &str, quote: u8) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 2,
            byte if byte == quote => return at,
            _ => at += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SHOWN_CHARS;

    #[test]
    fn values_quoted_in_a_parser_message_are_cut_and_the_rest_kept() {
        let long = "z".repeat(500);
        let message = format!("invalid type: string \"{long}\", expected u8");
        assert_eq!(
            values_shown(&message),
            format!(
                "invalid type: string \"{}…\", expected u8",
                "z".repeat(SHOWN_CHARS)
            )
        );
        let message = format!("unknown variant `{long}`, expected `pain` or `session`");
        assert_eq!(
            values_shown(&message),
            format!(
                "unknown variant `{}…`, expected `pain` or `session`",
                "z".repeat(SHOWN_CHARS)
            )
        );
        let escaped = "invalid type: string \"say \\\"hi\\\"\", expected u8";
        assert_eq!(values_shown(escaped), escaped);
    }
}
