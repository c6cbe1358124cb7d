//! Reading the journal a line at a time under a shared lock: each line checked as an entry, and a
//! line that cannot be used reported with its number and passed over. Apart from the entry types
//! and from the appending, which share nothing with it but the format.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use chrono::NaiveDate;

use super::{Entry, Record};
use crate::error::{io_reason, Error};
use crate::limits::{self, LineReader, JOURNAL_LINE};
use backcare_engine::error::Problem;
use backcare_engine::ruleset::policy::MAX_PAIN;
use backcare_engine::source::{JsonPath, Source};

const DAMAGED_LINE_FIX: &str = "this line is skipped and left as it is; correct it or delete it \
     in a text editor to have it counted, the other lines are read as usual";

/// One line of the journal as read: an entry, or a warning about a line that cannot be read.
#[derive(Debug)]
pub enum Line {
    Entry(Entry),
    Damaged(Problem),
}

/// The journal read a line at a time, so that however long it is, only one line is held. A
/// journal opened with [`open`] keeps its shared lock until the reader is dropped.
pub struct Reader<R> {
    lines: LineReader<R>,
    name: String,
    number: usize,
    today: NaiveDate,
}

/// Opens the journal for reading on `today`; `None` when there is none yet.
pub fn open(path: &Path, today: NaiveDate) -> Result<Option<Reader<BufReader<File>>>, Error> {
    let failed = |reason: String| Error::Read {
        path: path.display().to_string(),
        reason,
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failed(io_reason(&e))),
        // A device or a pipe may never end, or never open.
        Ok(metadata) if !metadata.is_file() => {
            return Err(failed(
                "it is not a plain file; move it away, and backcare starts a new journal there"
                    .to_owned(),
            ))
        }
        Ok(_) => {}
    }
    let file = File::open(path).map_err(|e| failed(io_reason(&e)))?;
    // A shared lock waits for a writer to finish its line.
    file.lock_shared().map_err(|e| failed(io_reason(&e)))?;
    Ok(Some(Reader::new(
        BufReader::new(file),
        path.display().to_string(),
        today,
    )))
}

impl<R: BufRead> Reader<R> {
    /// Reads journal lines from `input` on `today`, naming it `name` in warnings.
    pub fn new(input: R, name: String, today: NaiveDate) -> Self {
        Reader {
            lines: LineReader::new(input, JOURNAL_LINE),
            name,
            number: 0,
            today,
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Line, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.number += 1;
            let bytes = match self.lines.next_line() {
                Ok(limits::Line::End) => return None,
                Ok(limits::Line::Whole(bytes)) => bytes,
                Ok(limits::Line::TooLong(start)) => {
                    let source = Source::new(&self.name, String::from_utf8_lossy(start));
                    let message = format!("it is {}", JOURNAL_LINE.refusal());
                    let problem = Problem::at(&source, &JsonPath::root(), message);
                    return Some(Ok(damaged(problem, self.number)));
                }
                Err(e) => {
                    return Some(Err(Error::Read {
                        path: self.name.clone(),
                        reason: format!("line {}: {}", self.number, io_reason(&e)),
                    }))
                }
            };
            // Damaged bytes stay confined to their line.
            let text = String::from_utf8_lossy(bytes);
            if !text.trim().is_empty() {
                return Some(Ok(read_line(&self.name, self.number, &text, self.today)));
            }
        }
    }
}

fn read_line(name: &str, number: usize, text: &str, today: NaiveDate) -> Line {
    // Each line is its own JSON document, so the parser's position is moved to its line.
    let source = || Source::new(name, text);
    let problem = match serde_json::from_str::<Entry>(text) {
        Ok(entry) => match (entry.pain(), unlikely_date(entry.date, today)) {
            (Some(pain), _) if pain > MAX_PAIN => Problem::at(
                &source(),
                &JsonPath::root().join("pain"),
                format!("the pain score {pain} is above {MAX_PAIN}"),
            ),
            (_, Some(message)) => Problem::at(&source(), &JsonPath::root().join("date"), message),
            (_, None) => match unrated_exercise(&entry) {
                Some((at, exercise)) => Problem::at(
                    &source(),
                    &JsonPath::root().join("rated").join(at).join("exercise"),
                    format!("it rates `{exercise}`, which is not among the exercises done"),
                ),
                None => return Line::Entry(entry),
            },
        },
        Err(error) => Problem::from_json(&source(), &error),
    };
    damaged(problem, number)
}

/// What is wrong with an entry's date, if anything. backcare came long after 2000, and a clock a
/// time zone ahead may write tomorrow, but no further: any other date is a damaged line, which
/// would otherwise stretch the review over centuries or make a first week of a stray line.
fn unlikely_date(date: NaiveDate, today: NaiveDate) -> Option<String> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a real date");
    if date < first {
        Some(format!(
            "the date {date} is before {first}, so it cannot be right"
        ))
    } else if date > today.succ_opt().unwrap_or(today) {
        Some(format!(
            "the date {date} is more than a day after today ({today})"
        ))
    } else {
        None
    }
}

/// The first rating of an exercise the session did not do, with its place: such a rating cannot
/// have been given straight after the exercise, so the line was not written by backcare.
fn unrated_exercise(entry: &Entry) -> Option<(usize, &str)> {
    let Record::Session { done, rated, .. } = &entry.record else {
        return None;
    };
    rated
        .iter()
        .enumerate()
        .find(|(_, r)| !done.contains(&r.exercise))
        .map(|(at, r)| (at, r.exercise.as_str()))
}

fn damaged(mut problem: Problem, number: usize) -> Line {
    problem.line = number;
    problem.message = format!("a journal line that cannot be read: {}", problem.message);
    Line::Damaged(problem.fix(DAMAGED_LINE_FIX).warning())
}
