//! `backcare log` and `backcare progress`: pain scores into the journal, and the journal back out
//! as a chart, weekly sessions and advice. The review itself is pure ([`review`]); this module
//! brings in the date, the files and the terminal.

pub mod export;
pub mod posture;
pub mod programme;
pub mod review;
pub mod text;

use std::io::{BufWriter, ErrorKind};
use std::path::Path;

use chrono::NaiveDate;

use crate::cli::Settings;
use crate::clock;
use crate::draft;
use crate::error::{io_reason, Error};
use crate::journal::{self, Entry, Line, Record};
use crate::render::{error_report, report_problems};
use crate::terminal::{print, tell};
use backcare_engine::error::Problem;
use backcare_engine::ruleset::policy::ProgressPolicy;
use backcare_engine::ruleset::RuleSet;
use export::Export;
use review::Tally;

/// How `backcare progress` shows the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// `backcare log PAIN [--note TEXT]`: today's pain into the journal, and a word at once when the
/// score calls for one.
pub fn log(
    rules: &RuleSet,
    settings: &Settings,
    pain: u8,
    note: Option<&str>,
) -> Result<(), Error> {
    let date = clock::today()?;
    let entry = Entry {
        date,
        record: Record::Pain {
            pain,
            note: note.map(str::to_owned),
        },
    };
    let path = journal::path()?;
    journal::append(&path, &entry)?;
    let mut out = text::logged(pain, date, &path);
    // Wrapped once, below, with the rest.
    let whole = usize::MAX;
    if let Some(alert) = alert_text(&rules.policy.progress, &path, date, pain, whole)? {
        out.push_str(&alert);
    }
    print(&settings.stdout.fit(out))
}

/// What to say at once about `pain`, just added to the journal at `path` for `today`, if the
/// score calls for it.
pub fn alert_text(
    policy: &ProgressPolicy,
    path: &Path,
    today: NaiveDate,
    pain: u8,
    width: usize,
) -> Result<Option<String>, Error> {
    Ok(
        review::pain_alert(policy, &tally(path, today)?, today, pain)
            .map(|alert| text::pain_alert(policy, alert, width)),
    )
}

/// The journal at `path` summed up by day, as read on `today`. Damaged lines are skipped here;
/// `backcare progress` reports them.
pub fn tally(path: &Path, today: NaiveDate) -> Result<Tally, Error> {
    let mut tally = Tally::default();
    for line in journal::open(path, today)?.into_iter().flatten() {
        if let Line::Entry(entry) = line? {
            tally.add(&entry);
        }
    }
    Ok(tally)
}

/// `backcare progress`: the journal read back, with what the policy advises. It is read once,
/// a line at a time: the exports are written as it is read, and the review is made from its
/// tally.
pub fn show(rules: &RuleSet, settings: &Settings, format: Format) -> Result<(), Error> {
    let path = journal::path()?;
    let today = clock::today()?;
    let lines = journal::open(&path, today)?.into_iter().flatten();
    // Damaged lines are reported on standard error as they are met.
    settings.stderr.draw();
    let mut damaged = 0;
    let mut report = |problem: Problem| {
        tell(&report_problems(std::slice::from_ref(&problem)));
        damaged += 1;
    };
    let tally = match format {
        Format::Json | Format::Csv => {
            export(lines, format == Format::Csv, &mut report)?;
            None
        }
        Format::Text => {
            let mut tally = Tally::default();
            for line in lines {
                match line? {
                    Line::Entry(entry) => tally.add(&entry),
                    Line::Damaged(problem) => report(problem),
                }
            }
            Some(tally)
        }
    };
    if damaged > 0 {
        tell(&text::damaged_lines(damaged, &path));
    }
    let Some(tally) = tally else {
        return Ok(());
    };
    settings.stdout.draw();
    let Some(review) = review::review(&rules.policy.progress, &tally, today) else {
        return print(&settings.stdout.fit(text::empty_journal()));
    };
    // The journal is the person's own record: damaged saved answers must not hide it, they only
    // leave out the posture exercises chosen from them.
    let answers_path = draft::last_answers_path()?;
    let last_answers = match draft::load(&answers_path, &rules.questionnaire) {
        Ok(answers) => answers,
        Err(error) => {
            // backcare wrote the file: it is set aside whole, and said to be backcare's own,
            // rather than pointed at like a file the person wrote.
            let said = match draft::set_aside(&answers_path) {
                Ok(Some(aside)) => text::saved_answers_set_aside(&aside),
                _ => error_report(&error),
            };
            tell(&settings.stderr.fit(said));
            tell(&settings.stderr.fit(text::without_saved_answers() + "\n"));
            None
        }
    };
    let posture = posture::posture_exercises(rules, last_answers.as_ref());
    let width = settings.stdout.width.unwrap_or(usize::MAX);
    print(
        &settings
            .stdout
            .fit(text::progress_text(rules, &review, &posture, width)),
    )
}

/// Writes every entry to standard output as it is read; a closed pipe (as with `| head`) ends
/// the export quietly.
fn export(
    lines: impl Iterator<Item = Result<Line, Error>>,
    csv: bool,
    report: &mut impl FnMut(Problem),
) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Output {
        unwritten: "the journal's entries".to_owned(),
        reason: io_reason(&e),
    };
    let mut export = Export::new(BufWriter::new(std::io::stdout().lock()), csv);
    for line in lines {
        match line? {
            Line::Entry(entry) => match export.entry(&entry) {
                Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(()),
                written => written.map_err(failed)?,
            },
            Line::Damaged(problem) => report(problem),
        }
    }
    match export.finish() {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(failed(e)),
        _ => Ok(()),
    }
}
