//! The journal: pain scores and sessions, one JSON object per line of `journal.jsonl` in the data
//! folder.
//!
//! The file is only ever appended to. Each entry is one whole line written in one call under an
//! exclusive lock and then synced, so two backcare processes writing at once both keep their
//! entries; a line that cannot be written whole is cut back off, so a full disk leaves no
//! fragment. It is read a line at a time; a line that cannot be read is reported with its number
//! and skipped, and the rest is read.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{io_reason, Error};
use crate::limits::{self, LineReader, JOURNAL_LINE};
use crate::storage::data_dir;
use backcare_engine::error::Problem;
use backcare_engine::programme::Rating;
use backcare_engine::ruleset::policy::MAX_PAIN;
use backcare_engine::source::{JsonPath, Source};

const JOURNAL_FILE: &str = "journal.jsonl";

const DAMAGED_LINE_FIX: &str = "this line is skipped and left as it is; correct it or delete it \
     in a text editor to have it counted, the other lines are read as usual";

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub record: Record,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// A pain score given with `backcare log`.
    Pain {
        pain: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A guided session; the pain asked at its end may be left out.
    Session {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pain: Option<u8>,
        minutes: u32,
        done: Vec<String>,
        /// Begun and left, or passed over with `s`.
        skipped: Vec<String>,
        /// Never begun, as the session stopped before them; older journals have none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        not_reached: Vec<String>,
        /// How the exercises done felt, for those the person rated; older journals have none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        rated: Vec<Rated>,
    },
}

/// One exercise's rating, given straight after it in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rated {
    pub exercise: String,
    pub felt: Rating,
    /// What the pain was like, when it felt worse and the person said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hurt: Option<Hurt>,
}

/// A word for how an exercise hurt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hurt {
    Sharp,
    Aching,
    /// Pins and needles or numbness: a sign of a nerve, which calls for a new check.
    Tingling,
}

impl Hurt {
    pub fn id(self) -> &'static str {
        match self {
            Hurt::Sharp => "sharp",
            Hurt::Aching => "aching",
            Hurt::Tingling => "tingling",
        }
    }
}

impl Entry {
    pub fn pain(&self) -> Option<u8> {
        match &self.record {
            Record::Pain { pain, .. } => Some(*pain),
            Record::Session { pain, .. } => *pain,
        }
    }

    /// A session in which at least one exercise was done.
    pub fn is_session_done(&self) -> bool {
        matches!(&self.record, Record::Session { done, .. } if !done.is_empty())
    }
}

/// Reads a pain score typed by a person: a whole number from 0 to 10.
pub fn parse_pain(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(pain) if pain <= MAX_PAIN => Ok(pain),
        _ => Err(format!(
            "`{text}` is not a pain score; give a whole number from 0 (no pain) to {MAX_PAIN} \
             (the worst pain you can imagine)"
        )),
    }
}

pub fn path() -> Result<PathBuf, Error> {
    Ok(data_dir()?.join(JOURNAL_FILE))
}

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

/// Adds one entry at the end of the journal, creating it if need be. Never rewrites a byte.
pub fn append(path: &Path, entry: &Entry) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Append {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let dir = crate::storage::make_folder_for(path)?;
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    // A new journal holds health data: on Unix its owner alone may read it, as with the saved
    // answers. An existing journal keeps the permissions its owner gave it.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    file.lock().map_err(failed)?;
    let mut line = serde_json::to_string(entry).expect("an entry always serialises");
    line.push('\n');
    let length = file.metadata().map_err(failed)?.len();
    // A write cut off by a crash leaves no newline; the new entry starts on a line of its own so
    // that only the cut-off line is damaged.
    if length > 0 && last_byte(&mut file, length).map_err(failed)? != b'\n' {
        line.insert(0, '\n');
    }
    let written = file
        .write_all(line.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        // A full disk can take part of the line; cut it back off, or it would read as damage.
        let _ = file.set_len(length);
        return Err(failed(e));
    }
    if length == 0 {
        // A new file: make its name durable too.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

fn last_byte(file: &mut File, length: u64) -> std::io::Result<u8> {
    let mut byte = [0];
    file.seek(SeekFrom::Start(length - 1))?;
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::error::Severity;

    /// Every entry and every warning, as the reader gives them.
    fn read_all(reader: Reader<impl BufRead>) -> (Vec<Entry>, Vec<Problem>) {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for line in reader {
            match line.unwrap() {
                Line::Entry(entry) => entries.push(entry),
                Line::Damaged(problem) => problems.push(problem),
            }
        }
        (entries, problems)
    }

    fn pain_on(date: &str, pain: u8) -> Entry {
        Entry {
            date: day(date),
            record: Record::Pain { pain, note: None },
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn entries_are_written_as_one_readable_line_each() {
        let pain = Entry {
            date: day("2025-03-04"),
            record: Record::Pain {
                pain: 4,
                note: Some("after gardening".into()),
            },
        };
        let session = Entry {
            date: day("2025-03-04"),
            record: Record::Session {
                pain: None,
                minutes: 12,
                done: vec!["chin_tuck".into()],
                skipped: vec![],
                not_reached: vec![],
                rated: vec![],
            },
        };
        assert_eq!(
            serde_json::to_string(&pain).unwrap(),
            r#"{"date":"2025-03-04","kind":"pain","pain":4,"note":"after gardening"}"#
        );
        assert_eq!(
            serde_json::to_string(&session).unwrap(),
            r#"{"date":"2025-03-04","kind":"session","minutes":12,"done":["chin_tuck"],"skipped":[]}"#
        );
    }

    #[test]
    fn ratings_are_kept_with_their_session_and_old_sessions_without_them_still_read() {
        let text = "{\"date\":\"2025-03-01\",\"kind\":\"session\",\"minutes\":9,\"done\":[\"chin_tuck\"],\"skipped\":[]}\n\
                    {\"date\":\"2025-03-02\",\"kind\":\"session\",\"minutes\":9,\"done\":[\"chin_tuck\",\"cat_stretch\"],\"skipped\":[],\
                    \"rated\":[{\"exercise\":\"chin_tuck\",\"felt\":\"worse\",\"hurt\":\"sharp\"},{\"exercise\":\"cat_stretch\",\"felt\":\"better\"}]}\n";
        let (entries, problems) =
            read_all(Reader::new(text.as_bytes(), "j".into(), day("2025-03-02")));
        assert_eq!(problems, []);
        let rated = |entry: &Entry| match &entry.record {
            Record::Session { rated, .. } => rated.clone(),
            Record::Pain { .. } => panic!("a session was read as a pain score"),
        };
        assert_eq!(rated(&entries[0]), []);
        assert_eq!(
            rated(&entries[1]),
            [
                Rated {
                    exercise: "chin_tuck".into(),
                    felt: Rating::Worse,
                    hurt: Some(Hurt::Sharp),
                },
                Rated {
                    exercise: "cat_stretch".into(),
                    felt: Rating::Better,
                    hurt: None,
                },
            ]
        );
        // Written back as it was read.
        assert!(text.ends_with(&(serde_json::to_string(&entries[1]).unwrap() + "\n")));
    }

    #[test]
    fn a_rating_that_cannot_be_read_is_a_damaged_line_with_its_place() {
        let session = |rated: &str| {
            format!(
                "{{\"date\":\"2025-03-02\",\"kind\":\"session\",\"minutes\":9,\
                 \"done\":[\"chin_tuck\"],\"skipped\":[],\"rated\":[{rated}]}}\n"
            )
        };
        let text = session(r#"{"exercise":"chin_tuck","felt":"great"}"#)
            + &session(r#"{"exercise":"cat_stretch","felt":"better"}"#)
            + &session(r#"{"exercise":"chin_tuck","felt":"better"}"#);
        let (entries, problems) =
            read_all(Reader::new(text.as_bytes(), "j".into(), day("2025-03-02")));
        assert_eq!(entries.len(), 1);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 2]);
        assert!(problems[0].message.contains("great"), "{:?}", problems[0]);
        assert!(
            problems[1].message.contains("not among the exercises done"),
            "{:?}",
            problems[1]
        );
        assert!(problems.iter().all(|p| p.fix.is_some()));
    }

    #[test]
    fn a_damaged_line_is_reported_by_number_and_the_others_are_read() {
        let text = "{\"date\":\"2025-03-01\",\"kind\":\"pain\",\"pain\":5}\n\
                    not json at all\n\
                    {\"date\":\"2025-03-02\",\"kind\":\"pain\",\"pain\":12}\n\
                    \n\
                    {\"date\":\"2025-03-03\",\"kind\":\"pain\",\"pain\":3}\n\
                    {\"date\":\"2025-03-0";
        let reader = Reader::new(text.as_bytes(), "journal.jsonl".into(), day("2025-03-03"));
        let (entries, problems) = read_all(reader);
        let dates: Vec<String> = entries.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2025-03-01", "2025-03-03"]);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 6]);
        assert!(problems.iter().all(|p| p.file == "journal.jsonl"
            && p.severity == Severity::Warning
            && p.fix.is_some()));
        assert!(
            problems[1].message.contains("above 10"),
            "{:?}",
            problems[1]
        );
    }

    #[test]
    fn a_date_before_2000_or_past_tomorrow_is_a_damaged_line() {
        let today = day("2025-03-14");
        let dates = [
            "1999-12-31",
            "2000-01-01",
            "2025-03-15",
            "2025-03-16",
            "0202-03-04",
            "-200000-01-01",
        ];
        let text: String = dates
            .iter()
            .map(|date| format!("{{\"date\":\"{date}\",\"kind\":\"pain\",\"pain\":3}}\n"))
            .collect();
        let (entries, problems) = read_all(Reader::new(text.as_bytes(), "j".into(), today));
        let read: Vec<String> = entries.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(read, ["2000-01-01", "2025-03-15"]);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 4, 5, 6]);
        assert!(
            problems[0].message.contains("before 2000-01-01"),
            "{problems:?}"
        );
        assert!(problems[1].message.contains("after today"), "{problems:?}");
    }

    #[test]
    fn pain_scores_are_whole_numbers_from_0_to_10() {
        assert_eq!(parse_pain("0"), Ok(0));
        assert_eq!(parse_pain(" 10 "), Ok(10));
        for bad in ["11", "-1", "x", "4.5", ""] {
            assert!(parse_pain(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn appending_after_a_cut_off_line_starts_a_fresh_line_and_keeps_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let cut_off = b"{\"date\":\"2025-03-01\",\"kind\":\"pain\",\"pain\":5}\n{\"date\":\"2025-";
        std::fs::write(&path, cut_off).unwrap();
        let entry = pain_on("2025-03-02", 3);
        append(&path, &entry).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(cut_off));
        let (entries, problems) = read_all(open(&path, day("2025-03-02")).unwrap().unwrap());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1], entry);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_journal_can_be_read_by_its_owner_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let entry = pain_on("2025-03-02", 3);
        append(&path, &entry).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}
