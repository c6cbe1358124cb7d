//! `assess --batch`: JSON lines in, JSON lines out, one per record, in input order. A bad record
//! gives an error line and the rest go on. Records are read in chunks and assessed on every core,
//! so memory stays flat however long the input is.

mod output;
mod record;

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::thread;

use serde_json::Value;

use crate::error::{io_reason, Error};
use crate::limits::{Line, LineReader, BATCH_LINE};
use backcare_engine::engine::assess;
use backcare_engine::outcome::Urgency;
use backcare_engine::ruleset::RuleSet;
use output::error_line;

/// Records read and assessed at a time: enough to keep every core busy, small enough to keep
/// memory flat.
const CHUNK: usize = 2048;

const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// What a batch came to, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub by_urgency: BTreeMap<&'static str, usize>,
    pub errors: usize,
    /// The reader of the output stopped early (as `| head` does), so the rest was not assessed.
    pub output_closed: bool,
}

impl Summary {
    pub fn records(&self) -> usize {
        self.by_urgency.values().sum::<usize>() + self.errors
    }

    /// The most pressing urgency seen: emergency, urgent, incomplete (a screen that could hide
    /// either), soon, then self-care.
    pub fn most_pressing(&self) -> Option<Urgency> {
        [
            Urgency::Emergency,
            Urgency::Urgent,
            Urgency::Incomplete,
            Urgency::Soon,
            Urgency::SelfCare,
        ]
        .into_iter()
        .find(|u| self.by_urgency.contains_key(u.id()))
    }
}

/// Assesses every line of `input` (named `name` in messages), writing one line per record to
/// `output`.
pub fn run(
    rules: &RuleSet,
    name: &str,
    input: impl BufRead,
    mut output: impl Write,
    full: bool,
) -> Result<Summary, Error> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    let mut summary = Summary::default();
    let mut lines = LineReader::new(input, BATCH_LINE);
    let mut number = 0;
    loop {
        // Each record's text, or the message of the error line that stands for it.
        let mut chunk: Vec<(usize, Result<String, String>)> = Vec::with_capacity(CHUNK);
        let mut ended = false;
        let mut failed = None;
        while chunk.len() < CHUNK {
            number += 1;
            let line = match lines.next_line() {
                Ok(line) => line,
                Err(e) => {
                    failed = Some(Error::Read {
                        path: name.to_owned(),
                        reason: format!("line {number}: {}", io_reason(&e)),
                    });
                    ended = true;
                    break;
                }
            };
            match line {
                Line::End => {
                    ended = true;
                    break;
                }
                Line::Whole(bytes) => {
                    // Some editors start a UTF-8 file with a byte-order mark; `--answers` accepts
                    // one too.
                    let bytes = match bytes.strip_prefix(BYTE_ORDER_MARK) {
                        Some(rest) if number == 1 => rest,
                        _ => bytes,
                    };
                    match std::str::from_utf8(bytes) {
                        Ok(text) if text.trim().is_empty() => {}
                        Ok(text) => chunk.push((number, Ok(text.to_owned()))),
                        Err(e) => chunk.push((number, Err(not_utf8(bytes, e)))),
                    }
                }
                Line::TooLong(_) => {
                    chunk.push((
                        number,
                        Err(format!(
                            "the line is {}; put each record on a line of its own",
                            BATCH_LINE.refusal()
                        )),
                    ));
                    // Said at once: the rest of the line is read next, and may never end.
                    break;
                }
            }
        }
        let share = chunk.len().div_ceil(workers).max(1);
        let results: Vec<Vec<(String, Result<&'static str, ()>)>> = thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(share)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(n, line)| match line {
                                Ok(text) => assess_record(rules, *n, text, full),
                                Err(error) => {
                                    (error_line(*n, None, error.clone(), Vec::new()), Err(()))
                                }
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("assessing a record does not panic"))
                .collect()
        });
        let mut lines_out = String::new();
        for (text, result) in results.into_iter().flatten() {
            match result {
                Ok(urgency) => *summary.by_urgency.entry(urgency).or_default() += 1,
                Err(()) => summary.errors += 1,
            }
            lines_out.push_str(&text);
            lines_out.push('\n');
        }
        // One write and a flush a chunk: every chunk before a failure is known to be out whole.
        match output
            .write_all(lines_out.as_bytes())
            .and_then(|()| output.flush())
        {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                summary.output_closed = true;
                return Ok(summary);
            }
            Err(e) => {
                let first = chunk.first().map_or(number, |(n, _)| *n);
                return Err(Error::Output {
                    unwritten: format!("the results from line {first} of the input on"),
                    reason: io_reason(&e),
                });
            }
        }
        // What was read before a failure is still assessed and written.
        if let Some(error) = failed {
            return Err(error);
        }
        if ended {
            return Ok(summary);
        }
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

/// One output line, and the record's urgency (or an error).
fn assess_record(
    rules: &RuleSet,
    line: usize,
    text: &str,
    full: bool,
) -> (String, Result<&'static str, ()>) {
    let (id, answers) = match record::read_quickly(&rules.questionnaire, text) {
        Some(record) => record,
        None => match record::read_carefully(rules, line, text) {
            Ok(record) => record,
            Err(error_line) => return (error_line, Err(())),
        },
    };
    let outcome = assess(rules, &answers);
    let id = id.unwrap_or_else(|| Value::from(line));
    (
        output::outcome_line(id, line, &outcome, full),
        Ok(outcome.urgency.id()),
    )
}
