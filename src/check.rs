//! `backcare check`: the guided questionnaire in the terminal. The order of questions is
//! [`crate::question_loop`]'s and the prompts are [`crate::prompt`]'s; this command joins them
//! with the draft kept as the person answers, the saved answers, and the outcome `assess` gives.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::Settings;
use crate::draft;
use crate::error::Error;
use crate::prompt::Prompter;
use crate::question_loop::{question_loop, Ending};
use crate::render;
use crate::storage::write_atomically;
use crate::terminal::{print, tell};
use backcare_engine::answers::Answers;
use backcare_engine::engine::assess;
use backcare_engine::outcome::Outcome;
use backcare_engine::ruleset::ReferralUrgency;
use backcare_engine::ruleset::RuleSet;

/// `backcare check`: the questionnaire in the terminal.
pub fn run(
    rules: &RuleSet,
    settings: &Settings,
    save: Option<&Path>,
    fhir: bool,
    resume: bool,
) -> Result<(), Error> {
    if !std::io::stdin().is_terminal() || !settings.stderr.is_terminal() {
        return Err(Error::NoTerminal);
    }
    let prompt_color = crate::prompt::prompt_colours(settings.stderr);
    let mut prompter = Prompter::new(prompt_color);
    let draft_path = draft::draft_path()?;
    let _open = draft::hold_questionnaire()?;
    crate::prompt::restore_terminal_on_interrupt();

    check_save_target(rules, save)?;
    prompter.introduce(rules);
    // Whatever keeps a draft from being read, it is moved aside rather than overwritten; one that
    // cannot even be moved is left alone, and no draft is kept or cleared this time.
    let mut keeping = true;
    let draft = match draft::load(&draft_path, &rules.questionnaire) {
        Ok(draft) => draft.filter(|d| !d.is_empty()),
        Err(error) => {
            match draft::set_aside(&draft_path) {
                Ok(Some(aside)) => prompter.note(&format!(
                    "backcare's saved unfinished answers could not be read, so the questionnaire \
                     starts afresh; they were set aside as {}.",
                    aside.display()
                )),
                // Unreachable, say, when the data folder is not a folder: the questions still
                // come first.
                Ok(None) => prompter.note(&format!(
                    "Unfinished answers cannot be looked for ({}).",
                    error.summary()
                )),
                Err(moving) => {
                    keeping = false;
                    prompter.note(&format!(
                        "Your unfinished answers could not be read ({}) nor moved aside ({}), so \
                         they are left as they are; the questions go on, but Ctrl-C would lose \
                         this time's answers.",
                        error.summary(),
                        moving.summary()
                    ));
                }
            }
            None
        }
    };
    let mut answers = match (resume, draft) {
        (_, Some(draft)) if resume || prompter.offer_resume(draft.len())? => {
            prompter.note("Carrying on where you stopped.");
            draft
        }
        (true, None) => {
            prompter.note(
                "There is no unfinished questionnaire to resume, so it starts from the beginning.",
            );
            Answers::to(rules.questionnaire.ids())
        }
        _ => Answers::to(rules.questionnaire.ids()),
    };
    // A draft that cannot be written must not stop the questions: the warning signs come first.
    let mut warned = false;
    let mut keep = |answers: &Answers| {
        if !keeping {
            return Ok(());
        }
        if let Err(error) = draft::save(&draft_path, answers, &rules.questionnaire) {
            if !warned {
                // The prompter is busy asking; this goes straight to the terminal.
                tell(&format!(
                    "Your answers cannot be kept as you go ({}); the questions go on, but Ctrl-C \
                     would lose them.\n",
                    error.summary()
                ));
                warned = true;
            }
        }
        Ok(())
    };
    let ending = question_loop(rules, &mut prompter, &mut answers, &mut keep)?;
    if ending == Ending::Stopped {
        return Err(draft::interrupted());
    }

    if let Ending::OutsideScope(at) = ending {
        let question = &rules.questionnaire.questions[at];
        if keeping {
            let _ = draft::discard(&draft_path);
        }
        settings.stdout.draw();
        return print(&settings.stdout.fit(format!(
            "{}\n\n{}\n",
            question.below_min.as_deref().unwrap_or_default(),
            rules.policy.disclaimer
        )));
    }
    // The outcome comes first, whatever happens to the files afterwards.
    let outcome = assess(rules, &answers);
    if ending == Ending::Emergency {
        prompter.clear_screen();
    }
    settings.stdout.draw();
    print(
        &settings
            .stdout
            .fit(render::outcome_text(rules, &outcome) + &render::disclaimer_text(&outcome)),
    )?;
    if keeping {
        let _ = draft::discard(&draft_path);
    }
    let saved = keep_finished(rules, &answers, save, fhir)?;
    let files = saved
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" and ");
    prompter.note(&next_steps(&outcome, &files));
    Ok(())
}

/// One line on what comes after the outcome. An emergency gets only where the answers are, so
/// that nothing competes with getting help.
fn next_steps(outcome: &Outcome, files: &str) -> String {
    match (&outcome.referral, &outcome.routine) {
        (Some(referral), _) if referral.urgency == ReferralUrgency::Emergency => {
            format!("Your answers are saved in {files}.")
        }
        (Some(_), _) => format!(
            "Next: get the help above first. Your answers are saved in {files}, and `backcare log \
             N` keeps a daily record of your pain (0 to 10) to show whoever sees you."
        ),
        (None, Some(_)) => format!(
            "Next: `backcare session` takes you through this routine with a timer, and `backcare \
             log N` records your pain (0 to 10) each day. Your answers are saved in {files}."
        ),
        (None, None) => format!("Your answers are saved in {files}."),
    }
}

/// `--save FILE` may replace an answers file, never anything else; and its folder must exist.
/// Checked before the first question, so nobody answers everything only to lose it.
fn check_save_target(rules: &RuleSet, save: Option<&Path>) -> Result<(), Error> {
    let Some(path) = save else {
        return Ok(());
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::Usage {
            what: format!(
                "cannot save to {}: the folder {} does not exist",
                path.display(),
                folder.display()
            ),
            fix: "create the folder first, or give --save a file in an existing folder".to_owned(),
        });
    }
    // Only a plain file is read to see whether it is an answers file: a pipe would block here.
    if path.exists() && !path.is_file() {
        return Err(Error::Usage {
            what: format!("cannot save to {}: it is not a plain file", path.display()),
            fix: "give --save the name of a file".to_owned(),
        });
    }
    if path.exists() && draft::load(path, &rules.questionnaire).is_err() {
        return Err(Error::Usage {
            what: format!(
                "{} exists and is not a backcare answers file",
                path.display()
            ),
            fix: "backcare only replaces its own answers files: choose another file name"
                .to_owned(),
        });
    }
    Ok(())
}

/// Keeps the finished answers for `backcare session`, and in `--save FILE` when asked. A last
/// answers file backcare cannot read is set aside, not overwritten.
fn keep_finished(
    rules: &RuleSet,
    answers: &Answers,
    save: Option<&Path>,
    fhir: bool,
) -> Result<Vec<PathBuf>, Error> {
    let mut saved = Vec::new();
    let last = draft::last_answers_path()?;
    if draft::load(&last, &rules.questionnaire).is_err() {
        if let Some(aside) = draft::set_aside(&last)? {
            tell(&format!(
                "backcare's earlier saved answers could not be read; they were set aside as {}.\n",
                aside.display()
            ));
        }
    }
    draft::save(&last, answers, &rules.questionnaire)?;
    saved.push(last);
    if let Some(path) = save {
        let text = if fhir {
            crate::fhir::response_text(answers, &rules.questionnaire)?
        } else {
            answers.to_json(&rules.questionnaire)
        };
        write_atomically(path, text.as_bytes())?;
        saved.insert(0, path.to_path_buf());
    }
    Ok(saved)
}
