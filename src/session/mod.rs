//! `backcare session`: today's routine from the last saved answers and the journal's ratings
//! (see `backcare_engine::programme`), guided with a countdown in a
//! terminal (see [`guide`]) or printed as a timed plan without one.
//!
//! The answers are assessed again first: a referral or an open warning-sign question is shown
//! instead, and no session runs. On a day whose latest pain score is high, the person hears so
//! first, and in a terminal chooses whether to start.

pub mod guide;
pub mod plan;
pub mod text;

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::Settings;
use crate::clock;
use crate::draft;
use crate::error::Error;
use crate::journal;
use crate::progress::{programme, review};
use crate::prompt::{prompt_colours, Prompter};
use crate::render;
use crate::terminal::print;
use backcare_engine::answers::Answers;
use backcare_engine::answers_file::{number_text, parse_value};
use backcare_engine::engine::assess;
use backcare_engine::ruleset::policy::ProgressPolicy;
use backcare_engine::ruleset::RuleSet;

pub fn run(
    rules: &RuleSet,
    settings: &Settings,
    answers_file: Option<&Path>,
    minutes: Option<i64>,
) -> Result<(), Error> {
    let mut answers = load_answers(rules, answers_file)?;
    if let Some(minutes) = minutes {
        set_minutes(rules, &mut answers, minutes)?;
    }
    let outcome = assess(rules, &answers);
    settings.stdout.draw();
    let Some(routine) = outcome.routine.as_ref().filter(|r| !r.exercises.is_empty()) else {
        // Safety first: what the answers call for instead of exercise, exactly as `assess` says it.
        return print(
            &settings
                .stdout
                .fit(render::outcome_text(rules, &outcome) + &render::disclaimer_text(&outcome)),
        );
    };
    let today = clock::today()?;
    // Damaged lines are left to `backcare progress` to report.
    let (history, tally) = programme::history(
        &rules.policy.progress,
        &journal::path()?,
        today,
        &mut |_| {},
    )?;
    let programme =
        backcare_engine::programme::build(rules, &answers, &outcome.findings, routine, &history);
    // Fitted to standard output when that is a terminal; whole lines into a file or a pipe.
    let plan_width = settings.stdout.width.unwrap_or(usize::MAX);
    if programme.routine.exercises.is_empty() {
        // Every exercise was dropped for its ratings (or none fits with its dose): no session.
        let notes = render::programme_notes(&rules.policy, &programme, plan_width);
        return print(&format!(
            "{notes}\n{}\n",
            render::wrap(text::NOTHING_LEFT, plan_width)
        ));
    }
    let high_pain = review::high_pain_on(&rules.policy.progress, &tally, today);
    if !std::io::stdin().is_terminal() || !settings.stderr.is_terminal() {
        let warning = high_pain.map_or_else(String::new, |pain| {
            text::high_pain_today(pain, &rules.policy.progress, plan_width) + "\n"
        });
        return print(
            &(warning + &text::plan_text(&outcome, &programme, &rules.policy, plan_width)),
        );
    }
    if let Some(pain) = high_pain {
        if !start_anyway(settings, pain, &rules.policy.progress)? {
            return Ok(());
        }
    }
    guide::run(rules, settings, &outcome, &programme)
}

/// Says that today's pain is high and asks whether to start all the same; false means no session.
fn start_anyway(settings: &Settings, pain: u8, policy: &ProgressPolicy) -> Result<bool, Error> {
    settings.stderr.draw();
    let mut prompter = Prompter::new(prompt_colours(settings.stderr));
    prompter.note(&text::high_pain_today(pain, policy, prompter.width()));
    // Esc counts as no: the safer reading.
    let start = prompter.confirm(text::START_ANYWAY, None)?.unwrap_or(false);
    if !start {
        prompter.note(text::NOT_TODAY);
    }
    Ok(start)
}

/// The answers of `--answers FILE`, or those `backcare check` saved last.
fn load_answers(rules: &RuleSet, file: Option<&Path>) -> Result<Answers, Error> {
    let path = match file {
        Some(file) => file.to_path_buf(),
        None => draft::last_answers_path()?,
    };
    let loaded = match (draft::load(&path, &rules.questionnaire), file) {
        // backcare wrote this file itself, so advice on its commas would mislead: it is set
        // aside, kept whole, and the questions asked again.
        (Err(error), None) => {
            let Ok(Some(aside)) = draft::set_aside(&path) else {
                return Err(error);
            };
            return Err(Error::Read {
                path: path.display().to_string(),
                reason: format!(
                    "backcare's saved answers could not be read; they were set aside as {}, and \
                     `backcare check` asks the questions again and saves new ones",
                    aside.display()
                ),
            });
        }
        (loaded, _) => loaded?,
    };
    match (loaded, file) {
        (Some(answers), _) => Ok(answers),
        (None, Some(_)) => Err(Error::Read {
            path: path.display().to_string(),
            reason: "there is no such file".to_owned(),
        }),
        (None, None) => Err(Error::Usage {
            what: "there are no saved answers to build today's session from".to_owned(),
            fix: "run `backcare check` first: it asks the questions once and keeps your answers \
                  for every session after (or give a file with --answers FILE)"
                .to_owned(),
        }),
    }
}

/// `--minutes N`, checked against the range of the policy's minutes question.
fn set_minutes(rules: &RuleSet, answers: &mut Answers, minutes: i64) -> Result<(), Error> {
    let id = &rules.policy.minutes_question;
    let question = rules
        .questionnaire
        .question(id)
        .expect("the rule-set check makes sure the minutes question exists");
    match parse_value(question, &serde_json::Value::from(minutes)) {
        Ok(value) => {
            answers.set(id, value);
            Ok(())
        }
        // The question's id and the parser's words mean nothing here: say the range.
        Err(_) => Err(Error::Usage {
            what: format!("a session cannot be fitted to --minutes {minutes}"),
            fix: format!(
                "give a whole number of minutes from {} to {}",
                number_text(question.min.unwrap_or(1.0)),
                number_text(question.max.unwrap_or(f64::MAX))
            ),
        }),
    }
}
