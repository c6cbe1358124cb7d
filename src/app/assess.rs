//! `backcare assess` on a file of answers (with the programme when a journal is given) and on a
//! batch of records. Apart from the dispatch in [`super::execute`], as each reads its own input and
//! chooses its own exit code.

use std::path::Path;

use crate::busy::Busy;
use crate::cli::Settings;
use crate::clock;
use crate::error::{io_reason, Error};
use crate::exit;
use crate::render::{self, report_problems};
use crate::terminal::{print, tell, Stream};
use backcare_engine::engine::assess;
use backcare_engine::error::{plural, Problem};
use backcare_engine::outcome::Urgency;
use backcare_engine::programme;
use backcare_engine::ruleset::RuleSet;

/// `assess --answers FILE`: the outcome, or with `--explain` every rule considered.
pub(super) fn assess_file(
    rules: &RuleSet,
    stdout: Stream,
    path: &Path,
    history: Option<&Path>,
    json: bool,
    explain: bool,
    exit_code: bool,
) -> Result<i32, Error> {
    let answers = crate::draft::read_answers(&rules.questionnaire, path)?;
    if explain {
        let traces = backcare_engine::explain::explain(rules, &answers);
        let text = if json {
            render::explanation_json(&traces)
        } else {
            stdout.fit(render::explanation_text(&traces))
        };
        return print(&text).map(|()| exit::SUCCESS);
    }
    let outcome = assess(rules, &answers);
    let programme = match (history, &outcome.routine) {
        (Some(journal), Some(routine)) => {
            let history = read_history(rules, journal)?;
            let findings = &outcome.findings;
            Some(programme::build(
                rules, &answers, findings, routine, &history,
            ))
        }
        _ => None,
    };
    let text = match (&programme, json) {
        (Some(programme), true) => {
            // The outcome's routine is the one the programme chose.
            let mut chosen = outcome.clone();
            chosen.routine = Some(programme.routine.clone());
            render::programme_json(&chosen, programme)
        }
        (None, true) => render::outcome_json(&outcome),
        (Some(programme), false) => stdout.fit(
            render::programme_text(
                rules,
                &outcome,
                programme,
                stdout.width.unwrap_or(usize::MAX),
            ) + &render::disclaimer_text(&outcome),
        ),
        (None, false) => {
            stdout.fit(render::outcome_text(rules, &outcome) + &render::disclaimer_text(&outcome))
        }
    };
    print(&text)?;
    Ok(if exit_code {
        exit::for_urgency(outcome.urgency)
    } else {
        exit::SUCCESS
    })
}

/// The journal of `assess --history`, read on today's date; its damaged lines are reported as
/// `backcare progress` reports them.
fn read_history(rules: &RuleSet, journal: &Path) -> Result<programme::History, Error> {
    if !journal.exists() {
        return Err(Error::Read {
            path: journal.display().to_string(),
            reason: "there is no such file; give a journal written by `backcare session` or \
                     `backcare log`, such as journal.jsonl in your data folder"
                .to_owned(),
        });
    }
    let today = clock::today()?;
    let mut report = |problem: Problem| tell(&report_problems(std::slice::from_ref(&problem)));
    crate::progress::programme::history(&rules.policy.progress, journal, today, &mut report)
        .map(|(history, _)| history)
}

/// `assess --batch`: records to standard output, a summary to standard error, and a progress
/// line there too while a long batch runs on a terminal.
pub(super) fn assess_batch(
    rules: &RuleSet,
    settings: &Settings,
    path: &Path,
    options: crate::batch::Options,
    exit_code: bool,
) -> Result<i32, Error> {
    // The batch writes whole pieces of lines at a time, so no buffer of its own is needed.
    let output = std::io::stdout().lock();
    let mut busy = Busy::counting_records(settings.stderr);
    let mut on_progress = |records| busy.records_done(records);
    // Reads of a mebibyte: with the usual eight kibibytes, the reading thread spent more time
    // asking the system for bytes than the workers could spare it on two cores.
    let read_size = 1 << 20;
    let summary = if path == Path::new("-") {
        let input = std::io::BufReader::with_capacity(read_size, std::io::stdin().lock());
        crate::batch::run(
            rules,
            "standard input",
            input,
            output,
            options,
            &mut on_progress,
        )?
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::Read {
            path: path.display().to_string(),
            reason: io_reason(&e),
        })?;
        let name = path.display().to_string();
        crate::batch::run_file(rules, &name, file, output, options, &mut on_progress)?
    };
    drop(busy);
    // The reader has all it wanted (as with `| head`): nothing more to say.
    if summary.output_closed {
        return Ok(exit::SUCCESS);
    }
    let counts: Vec<String> = summary
        .by_urgency
        .iter()
        .map(|(urgency, count)| format!("{count} {urgency}"))
        .collect();
    tell(&format!(
        "backcare: {} {} read: {}; {} {}\n",
        summary.records(),
        plural(summary.records(), "record"),
        if counts.is_empty() {
            "none assessed".to_owned()
        } else {
            counts.join(", ")
        },
        summary.errors,
        plural(summary.errors, "error")
    ));
    // A script watching for emergencies must hear of one even when other records were bad.
    Ok(match summary.most_pressing() {
        Some(urgency @ (Urgency::Emergency | Urgency::Urgent)) if exit_code => {
            exit::for_urgency(urgency)
        }
        _ if summary.errors > 0 => exit::BAD_INPUT,
        Some(urgency) if exit_code => exit::for_urgency(urgency),
        _ => exit::SUCCESS,
    })
}
