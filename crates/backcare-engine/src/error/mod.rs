//! Problems found in a file (each with its place and what to do) and the engine's error: a rule
//! set or an answers file that cannot be used.

mod parser_message;
mod shown;

use std::fmt;

use crate::source::{JsonPath, Source};
use parser_message::syntax_in_words;

pub(crate) use parser_message::values_shown;
pub use shown::{shown, Snippet, SHOWN_CHARS};

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
