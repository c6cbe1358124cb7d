//! One piece of a batch read, assessed and written into a buffer of its own, on a worker.

use serde_json::Value;

use super::input::{lines, Piece};
use super::output::{error_line, write_outcome_line};
use super::quick::QuickReader;
use super::record;
use super::table::Header;
use super::Summary;
use crate::limits::BATCH_LINE;
use backcare_engine::answers::Answers;
use backcare_engine::engine::assess as assess_answers;
use backcare_engine::ruleset::RuleSet;

/// A piece's output lines and what they came to.
pub(super) struct Assessed {
    pub(super) text: Vec<u8>,
    pub(super) summary: Summary,
    pub(super) first_line: usize,
}

/// Assesses a piece; the rows of a CSV input are read against its `header`.
pub(super) fn assess(
    rules: &RuleSet,
    piece: &Piece,
    header: Option<&Header>,
    full: bool,
) -> Assessed {
    let mut assessed = Assessed::starting_at(piece.first_line());
    match piece {
        Piece::TooLong { line } => assessed.too_long(*line),
        Piece::Lines { first, bytes } => assessed.lines(rules, *first, bytes, full),
        Piece::Rows(rows) => {
            let header = header.expect("rows are read with their header");
            for row in rows {
                match header.read(&rules.questionnaire, row) {
                    Ok((id, answers)) => assessed.outcome(rules, row.0, id, &answers, full),
                    Err(error_line) => assessed.error(error_line),
                }
            }
        }
    }
    assessed
}

/// Assesses lines of JSON records, the first of them numbered `first`.
pub(super) fn assess_lines(rules: &RuleSet, first: usize, bytes: &[u8], full: bool) -> Assessed {
    let mut assessed = Assessed::starting_at(first);
    assessed.lines(rules, first, bytes, full);
    assessed
}

impl Assessed {
    fn starting_at(first_line: usize) -> Self {
        Assessed {
            text: Vec::new(),
            summary: Summary::default(),
            first_line,
        }
    }

    fn lines(&mut self, rules: &RuleSet, first: usize, bytes: &[u8], full: bool) {
        let mut reader = QuickReader::new(&rules.questionnaire);
        for (number, line) in lines(first, bytes) {
            if line.len() as u64 > BATCH_LINE.bytes {
                self.too_long(number);
                continue;
            }
            match std::str::from_utf8(line) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => self.record(rules, number, text, &mut reader, full),
                Err(e) => self.error(error_line(number, None, not_utf8(line, e), Vec::new())),
            }
        }
    }

    /// Reads and assesses a record, the quick way if `reader` takes it.
    fn record(
        &mut self,
        rules: &RuleSet,
        line: usize,
        text: &str,
        reader: &mut QuickReader,
        full: bool,
    ) {
        match reader.read(text) {
            Some(id) => self.outcome(rules, line, id, reader.answers(), full),
            None => match record::read_carefully(rules, line, text) {
                Ok((id, answers)) => self.outcome(rules, line, id, &answers, full),
                Err(error_line) => self.error(error_line),
            },
        }
    }

    fn outcome(
        &mut self,
        rules: &RuleSet,
        line: usize,
        id: Option<Value>,
        answers: &Answers,
        full: bool,
    ) {
        let outcome = assess_answers(rules, answers);
        let id = id.unwrap_or_else(|| Value::from(line));
        write_outcome_line(&mut self.text, &id, line, &outcome, full);
        self.text.push(b'\n');
        *self
            .summary
            .by_urgency
            .entry(outcome.urgency.id())
            .or_default() += 1;
    }

    /// The error line of line `line`, longer than a record may be.
    pub(super) fn too_long(&mut self, line: usize) {
        let message = format!(
            "the line is {}; put each record on a line of its own",
            BATCH_LINE.refusal()
        );
        self.error(error_line(line, None, message, Vec::new()));
    }

    fn error(&mut self, line: String) {
        self.push(&line);
        self.summary.errors += 1;
    }

    fn push(&mut self, line: &str) {
        self.text.extend_from_slice(line.as_bytes());
        self.text.push(b'\n');
    }
}

/// The message for a line holding bytes that are not UTF-8: a bad record like any other.
fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> String {
    let valid = &bytes[..error.valid_up_to()];
    let column = String::from_utf8_lossy(valid).chars().count() + 1;
    format!(
        "not UTF-8 text at column {column}: the line holds bytes of another encoding; save the \
         file as UTF-8"
    )
}
