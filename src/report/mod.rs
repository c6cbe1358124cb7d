//! `backcare report`: the outcome, the answers behind it, the routine as exercise cards with
//! pictures, and the journal's pain, as one file to print or send to a professional (HTML, or
//! Markdown with `--markdown`).

mod chart;
mod content;
mod figure;
mod html;
mod markdown;
mod markup;

use std::io::Read as _;
use std::path::Path;

use crate::cli::{Paper, Settings};
use crate::error::{io_reason, Error};
use crate::journal::{self, Line};
use crate::limits::RULE_FILE;
use crate::progress::review::{review, Tally};
use crate::storage::{data_dir, write_atomically};
use crate::terminal::{print, tell};
use crate::{clock, draft};
use backcare_engine::engine::assess;
use backcare_engine::ruleset::figures::{self, Figures};
use backcare_engine::ruleset::RuleSet;
use backcare_engine::source::Source;
use content::{ExerciseTally, Report};

/// Written into every report, so that backcare replaces only files it wrote itself.
const MARKER: &str = "backcare report";

/// What `backcare report` was asked for.
pub struct Request<'a> {
    pub answers: Option<&'a Path>,
    pub out: Option<&'a Path>,
    pub markdown: bool,
    pub paper: Paper,
}

pub fn run(rules: &RuleSet, settings: &Settings, request: &Request) -> Result<(), Error> {
    let answers = draft::given_or_last(&rules.questionnaire, request.answers, "report on")?;
    let figures = load_figures(rules, settings.rules_dir.as_deref())?;
    let outcome = assess(rules, &answers);
    let today = clock::today()?;
    let (tally, sessions, damaged) = read_journal(today)?;
    if damaged > 0 {
        tell(&format!(
            "{damaged} line(s) of the journal could not be read and are left out of the report; \
             `backcare progress` lists them.\n"
        ));
    }
    let report = Report {
        date: today,
        rules,
        answers: &answers,
        outcome: &outcome,
        figures: &figures,
        review: review(&rules.policy.progress, &tally, today),
        sessions,
    };
    let (text, extension) = if request.markdown {
        (markdown::report_markdown(&report), "md")
    } else {
        let page = match request.paper {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        };
        (html::report_html(&report, page), "html")
    };
    let path = match request.out {
        Some(path) => {
            check_folder(path)?;
            path.to_path_buf()
        }
        // The data folder is made when needed, as for the journal.
        None => data_dir()?.join(format!("report-{}.{extension}", today.format("%Y-%m-%d"))),
    };
    check_target(&path)?;
    write_atomically(&path, text.as_bytes())?;
    print(&format!("The report is in {}\n", path.display()))
}

/// The pictures: built in, or `figures.json` of the `--rules` folder, checked against its
/// exercises.
fn load_figures(rules: &RuleSet, dir: Option<&Path>) -> Result<Figures, Error> {
    let source = match dir {
        None => Figures::embedded_source(),
        Some(dir) => {
            let path = dir.join(figures::FILE_NAME);
            let text = RULE_FILE.read_file(&path).map_err(|reason| Error::ReadRules {
                path: path.display().to_string(),
                reason: format!(
                    "{reason}; a report needs a picture for each exercise: copy rules/{} and add one for each exercise you added",
                    figures::FILE_NAME
                ),
            })?;
            Source::new(path.display().to_string(), text)
        }
    };
    Ok(Figures::read(&source, &rules.exercises)?)
}

/// The journal summed up by day and by exercise, and how many lines could not be read; an empty
/// tally when there is no journal.
fn read_journal(today: chrono::NaiveDate) -> Result<(Tally, ExerciseTally, usize), Error> {
    let (mut tally, mut sessions, mut damaged) = (Tally::default(), ExerciseTally::default(), 0);
    for line in journal::open(&journal::path()?, today)?
        .into_iter()
        .flatten()
    {
        match line? {
            Line::Entry(entry) => {
                tally.add(&entry);
                sessions.add(&entry);
            }
            Line::Damaged(_) => damaged += 1,
        }
    }
    Ok((tally, sessions, damaged))
}

/// A folder named in `--out` must exist: a typing mistake should not create folders.
fn check_folder(path: &Path) -> Result<(), Error> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if folder.is_dir() {
        Ok(())
    } else {
        Err(Error::Usage {
            what: format!(
                "cannot write the report to {}: the folder {} does not exist",
                path.display(),
                folder.display()
            ),
            fix: "create the folder first, or give --out a file in an existing folder".to_owned(),
        })
    }
}

/// A report may replace an earlier report, never another file.
fn check_target(path: &Path) -> Result<(), Error> {
    if !path.exists() {
        return Ok(());
    }
    let refuse = |why: &str| Error::Usage {
        what: format!("cannot write the report to {}: {why}", path.display()),
        fix: "give --out the name of a new file, or of an earlier backcare report".to_owned(),
    };
    if !path.is_file() {
        return Err(refuse("it is not a plain file"));
    }
    let mut start = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(4096).read_to_end(&mut start))
        .map_err(|e| Error::Read {
            path: path.display().to_string(),
            reason: io_reason(&e),
        })?;
    if String::from_utf8_lossy(&start).contains(MARKER) {
        Ok(())
    } else {
        Err(refuse(
            "a file is there that backcare did not write, and it is kept",
        ))
    }
}
