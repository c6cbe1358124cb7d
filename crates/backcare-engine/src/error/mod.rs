//! Problems found in a file (each with its place and what to do) and the engine's error: a rule
//! set or an answers file that cannot be used.

use std::fmt::{self, Write as _};

use crate::source::{JsonPath, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Something wrong in a file, pointed at by line and column, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub fix: Option<String>,
    /// Boxed, to keep a `Result` carrying a problem small.
    pub source_line: Option<Box<Snippet>>,
}

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

/// The JSON reader's syntax complaints ("expected ident", "key must be a string") said as what is
/// wrong and what to write instead; `None` for one not known here.
fn syntax_in_words(message: &str) -> Option<(&'static str, &'static str)> {
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
pub fn values_shown(message: &str) -> String {
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

impl Problem {
    /// A problem with the value at `path` in `source`.
    pub fn at(source: &Source, path: &JsonPath, message: impl Into<String>) -> Self {
        let offset = source.offset_of(path);
        let position = source.position_at(offset);
        Problem {
            severity: Severity::Error,
            file: source.name.clone(),
            line: position.line,
            column: position.column,
            message: message.into(),
            fix: None,
            source_line: source
                .line_at(offset)
                .map(|(text, at)| Box::new(Snippet::at(text, at))),
        }
    }

    /// A file that is not valid JSON, or does not have the expected shape.
    pub fn from_json(source: &Source, error: &serde_json::Error) -> Self {
        let (line, column) = (error.line().max(1), error.column().max(1));
        // serde_json appends " at line L column C"; the position is shown separately.
        let text = error.to_string();
        let message = values_shown(text.rfind(" at line ").map_or(&text, |cut| &text[..cut]));
        let (message, fix) = if source.text.trim().is_empty() {
            (
                "the file is empty".to_owned(),
                "it should hold one JSON object, such as {\"age\": 34}",
            )
        } else if message.contains("appears twice") {
            (message, "delete one of the two, keeping the value you mean")
        } else if message.starts_with("number out of range") {
            (
                "the number here is too large to read".to_owned(),
                "write a number of ordinary size, such as 34",
            )
        } else if let Some((plain, fix)) = syntax_in_words(&message) {
            (plain.to_owned(), fix)
        } else {
            let fix = match error.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    "check for a missing comma, quote or bracket at or just before this point"
                }
                _ => "compare this value with the format described in the README",
            };
            (message, fix)
        };
        Problem {
            severity: Severity::Error,
            file: source.name.clone(),
            line,
            column,
            message,
            fix: Some(fix.to_owned()),
            // serde_json counts the column in bytes.
            source_line: source
                .line_text(line)
                .map(|text| Box::new(Snippet::at(text, column - 1))),
        }
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

/// What the engine refuses: a rule set or answers with problems, each placed in its file.
#[derive(Debug)]
pub enum Error {
    /// The rule set has errors: nothing can be assessed with it.
    Rules(Vec<Problem>),
    /// An answers file that does not fit the questionnaire.
    Answers(Vec<Problem>),
}

impl Error {
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Rules(problems) | Error::Answers(problems) => problems,
        }
    }
}

/// The most problems of one file shown at once: enough to mend it in a few passes, few enough that
/// a file of garbage does not flood the screen.
pub const MOST_PROBLEMS: usize = 50;

pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) found", self.problems().len())
    }
}

impl std::error::Error for Error {}

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
