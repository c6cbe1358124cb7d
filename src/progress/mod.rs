//! `backcare log` and `backcare progress`: pain scores into the journal, and the journal back out
//! as a chart, weekly sessions and advice. The review itself is pure ([`review`]); this module
//! brings in the date, the files and the terminal.

pub mod review;
pub mod text;

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;

use crate::app::{print, use_color};
use crate::cli::Settings;
use crate::clock;
use crate::draft;
use crate::error::Error;
use crate::journal::{self, Entry, Record};
use crate::ruleset::policy::ProgressPolicy;
use crate::ruleset::RuleSet;

/// How `backcare progress` shows the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// `backcare log PAIN [--note TEXT]`: today's pain into the journal, and a word at once when the
/// score calls for one.
pub fn log(rules: &RuleSet, pain: u8, note: Option<&str>) -> Result<(), Error> {
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
    if let Some(alert) = alert_text(&rules.policy.progress, &path, date, pain, text::WIDTH)? {
        out.push_str(&alert);
    }
    print(&out)
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
    // Damaged lines are skipped here; `backcare progress` reports them.
    let (entries, _) = journal::read(path)?;
    Ok(review::pain_alert(policy, &entries, today, pain)
        .map(|alert| text::pain_alert(policy, alert, width)))
}

/// `backcare progress`: the journal read back, with what the policy advises.
pub fn show(rules: &RuleSet, settings: &Settings, format: Format) -> Result<(), Error> {
    let path = journal::path()?;
    let (entries, problems) = journal::read(&path)?;
    if !problems.is_empty() {
        use_color(settings.color, std::io::stderr().is_terminal());
        eprint!("{}", text::damaged_lines(&problems, &path));
        use_color(settings.color, std::io::stdout().is_terminal());
    }
    match format {
        Format::Json => print(&text::entries_json(&entries)),
        Format::Csv => print(&text::entries_csv(&entries)),
        Format::Text => {
            let today = clock::today()?;
            let Some(review) = review::review(&rules.policy.progress, &entries, today) else {
                return print(&text::empty_journal());
            };
            let last_answers = draft::load(&draft::last_answers_path()?, &rules.questionnaire)?;
            let posture = review::posture_exercises(rules, last_answers.as_ref());
            print(&text::progress_text(rules, &review, &posture))
        }
    }
}
