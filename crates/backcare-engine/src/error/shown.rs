//! Text from a file made fit for a message: a value cut to a length, a long source line cut around
//! its column, control characters replaced. Apart so that every message cuts text the one way.

use std::fmt::{self, Write as _};

/// The stretch of a source line shown under a problem, with a marker under the column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// The characters of `text` before the one the marker points at.
    pub marker: usize,
}

/// The most characters of a source line shown under a problem.
const SNIPPET_CHARS: usize = 80;

impl Snippet {
    /// The whole line when it is short; otherwise the stretch around byte `at` of it, with an
    /// ellipsis at each cut end. Only the stretch is walked, so that many problems in a file on
    /// one huge line cost little.
    pub fn at(line: &str, at: usize) -> Self {
        let mut at = at.min(line.len());
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        let (before, after) = line.split_at(at);
        // Counted only as far as the window could reach.
        let after_chars = after.chars().take(SNIPPET_CHARS + 1).count();
        let before_chars = before.chars().rev().take(SNIPPET_CHARS + 1).count();
        // Half the window before the marker, more when the line ends sooner.
        let shown_before =
            before_chars.min((SNIPPET_CHARS / 2).max(SNIPPET_CHARS.saturating_sub(after_chars)));
        let shown_after = SNIPPET_CHARS - shown_before;
        let start = shown_before
            .checked_sub(1)
            .and_then(|last| before.char_indices().rev().nth(last))
            .map_or(at, |(i, _)| i);
        let cut_start = before_chars > shown_before;
        let mut text = String::new();
        if cut_start {
            text.push('…');
        }
        text.extend(
            line[start..]
                .chars()
                .take(shown_before + shown_after)
                .map(printable),
        );
        if after_chars > shown_after {
            text.push('…');
        }
        Snippet {
            text,
            marker: shown_before + usize::from(cut_start),
        }
    }
}

/// A character as a message may show it: a control character from a damaged file (an escape
/// sequence, a bell) would act on the terminal, so it is shown as a replacement mark instead.
fn printable(c: char) -> char {
    if c.is_control() && c != '\t' {
        char::REPLACEMENT_CHARACTER
    } else {
        c
    }
}

/// The most characters of a value that a message quotes.
pub const SHOWN_CHARS: usize = 60;

/// `value` as a message quotes it: whole when short, otherwise its first [`SHOWN_CHARS`]
/// characters and an ellipsis, so that one huge value cannot flood the screen or a batch's
/// output. Only what is kept is formatted.
pub fn shown(value: impl fmt::Display) -> String {
    let mut kept = Kept {
        text: String::new(),
        room: SHOWN_CHARS,
        cut: false,
    };
    // An error here only means the room ran out.
    let _ = write!(kept, "{value}");
    if kept.cut {
        kept.text.push('…');
    }
    kept.text
}

/// Text up to a number of characters; writing past them fails, which stops the formatting.
struct Kept {
    text: String,
    room: usize,
    cut: bool,
}

impl fmt::Write for Kept {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            if self.room == 0 {
                self.cut = true;
                return Err(fmt::Error);
            }
            self.text.push(printable(c));
            self.room -= 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_shown_cut_short_and_a_short_one_whole() {
        assert_eq!(shown("fever"), "fever");
        let exact = "x".repeat(SHOWN_CHARS);
        assert_eq!(shown(&exact), exact);
        let long = "é".repeat(1_000_000);
        assert_eq!(shown(&long), format!("{}…", "é".repeat(SHOWN_CHARS)));
        let value = serde_json::Value::from("y".repeat(1_000_000));
        assert_eq!(shown(&value), format!("\"{}…", "y".repeat(SHOWN_CHARS - 1)));
    }

    #[test]
    fn a_long_source_line_is_shown_around_the_column() {
        let short = Snippet::at("{\"fever\": 3}", 10);
        assert_eq!((short.text.as_str(), short.marker), ("{\"fever\": 3}", 10));

        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        let snippet = Snippet::at(&line, 100_000);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert_eq!(snippet.text.chars().count(), SNIPPET_CHARS + 2);
        assert_eq!(snippet.text.chars().nth(snippet.marker), Some('X'));

        let start = Snippet::at(&line, 0);
        assert_eq!((start.marker, start.text.chars().next()), (0, Some('a')));
        let end = Snippet::at(&line, 200_000);
        assert_eq!(end.text.chars().nth(end.marker), Some('b'));
        assert!(end.text.starts_with('…') && !end.text.ends_with('…'));
    }
}
