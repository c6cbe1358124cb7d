//! The guided questionnaire: asks each question in turn, stops at once on an emergency, asks only
//! what could make a referral more urgent once one is decided, lets the person review and change
//! answers, then shows the same outcome `assess` gives.
//!
//! The asking itself goes through [`Asker`], so the order of events here is tested without a
//! terminal; [`crate::prompt`] is the terminal side.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::answers::{AnswerValue, Answers};
use crate::app::{fit_to_terminal, print, tell, use_color};
use crate::cli::Settings;
use crate::draft;
use crate::engine::assess;
use crate::error::Error;
use crate::flow;
use crate::prompt::Prompter;
use crate::render;
use crate::ruleset::{Question, ReferralUrgency, RuleSet};
use crate::storage::write_atomically;
use crate::triage;

/// Where a question stands in its section, for the progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub section_title: String,
    pub number_in_section: usize,
    pub section_size: usize,
    pub first_in_section: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewChoice {
    Confirm,
    Change(String),
}

/// The person on the other side: a terminal, or a script in tests.
pub trait Asker {
    /// `None` when the person asked to stop (Esc).
    fn ask(
        &mut self,
        question: &Question,
        progress: &Progress,
        current: Option<&AnswerValue>,
    ) -> Result<Option<AnswerValue>, Error>;

    /// `None` when the person asked to stop.
    fn review(
        &mut self,
        answered: &[(&Question, &AnswerValue)],
    ) -> Result<Option<ReviewChoice>, Error>;
}

/// How the questioning ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question answered and the review confirmed.
    Confirmed,
    /// An answer means an emergency: nothing more is asked.
    Emergency,
    /// A number below what the questionnaire is made for, such as the age of a child: the
    /// question at this place in the questionnaire says what to do instead.
    OutsideScope(usize),
}

/// The next question worth asking. Once a warning-sign rule has fired, the outcome is a referral
/// whatever comes after, so only the questions that could still make it more urgent are asked,
/// not the ones a routine would need.
fn next_question<'r>(rules: &'r RuleSet, answers: &Answers) -> Option<&'r Question> {
    let questionnaire = &rules.questionnaire;
    let screen = triage::screen(rules, answers);
    if screen.fired.is_empty() {
        return flow::next_question(questionnaire, answers);
    }
    // `missing` is unanswered and in questionnaire order; a skipped question is named there only
    // when the rules are flawed, and it is not asked.
    screen
        .missing
        .iter()
        .filter_map(|id| questionnaire.question(id))
        .find(|q| !flow::is_skipped(q, answers))
}

/// Asks until the questionnaire is complete and confirmed, or an emergency shows.
/// `keep` is called after every answer, so an interruption loses nothing.
pub fn question_loop(
    rules: &RuleSet,
    asker: &mut dyn Asker,
    answers: &mut Answers,
    keep: &mut dyn FnMut(&Answers) -> Result<(), Error>,
) -> Result<Ending, Error> {
    loop {
        while let Some(question) = next_question(rules, answers) {
            let progress = progress(rules, answers, question);
            let Some(value) = asker.ask(question, &progress, None)? else {
                return Err(draft::interrupted());
            };
            if let Some(ending) = outside_scope(rules, question, value) {
                return Ok(ending);
            }
            record(rules, answers, question, value);
            keep(answers)?;
            if is_emergency(rules, answers) {
                return Ok(Ending::Emergency);
            }
        }
        let asked = flow::asked(&rules.questionnaire, answers);
        let answered: Vec<(&Question, &AnswerValue)> = asked
            .iter()
            .filter_map(|q| answers.get(&q.id).map(|a| (*q, a)))
            .collect();
        match asker.review(&answered)? {
            None => return Err(draft::interrupted()),
            Some(ReviewChoice::Confirm) => return Ok(Ending::Confirmed),
            Some(ReviewChoice::Change(id)) => {
                let Some(question) = rules.questionnaire.question(&id) else {
                    continue;
                };
                let progress = progress(rules, answers, question);
                let current = answers.get(&id).cloned();
                let Some(value) = asker.ask(question, &progress, current.as_ref())? else {
                    return Err(draft::interrupted());
                };
                if let Some(ending) = outside_scope(rules, question, value) {
                    return Ok(ending);
                }
                record(rules, answers, question, value);
                keep(answers)?;
                if is_emergency(rules, answers) {
                    return Ok(Ending::Emergency);
                }
            }
        }
    }
}

/// A number below the question's minimum where the questionnaire says whom it is not made for.
fn outside_scope(rules: &RuleSet, question: &Question, value: AnswerValue) -> Option<Ending> {
    match (value, question.min, &question.below_min) {
        (AnswerValue::Number(number), Some(min), Some(_)) if number < min => rules
            .questionnaire
            .position(&question.id)
            .map(Ending::OutsideScope),
        _ => None,
    }
}

/// Stores an answer and forgets answers to questions it now skips (they would not be asked).
fn record(rules: &RuleSet, answers: &mut Answers, question: &Question, value: AnswerValue) {
    answers.set(&question.id, value);
    loop {
        let skipped: Vec<String> = rules
            .questionnaire
            .questions
            .iter()
            .filter(|q| answers.get(&q.id).is_some() && flow::is_skipped(q, answers))
            .map(|q| q.id.clone())
            .collect();
        if skipped.is_empty() {
            break;
        }
        skipped.iter().for_each(|id| answers.remove(id));
    }
}

fn is_emergency(rules: &RuleSet, answers: &Answers) -> bool {
    triage::screen(rules, answers)
        .fired
        .iter()
        .any(|rule| rule.urgency == ReferralUrgency::Emergency)
}

fn progress(rules: &RuleSet, answers: &Answers, question: &Question) -> Progress {
    let in_section: Vec<&Question> = flow::asked(&rules.questionnaire, answers)
        .into_iter()
        .filter(|q| q.section == question.section)
        .collect();
    let number_in_section = in_section
        .iter()
        .position(|q| q.id == question.id)
        .map_or(1, |i| i + 1);
    Progress {
        section_title: rules
            .questionnaire
            .section(&question.section)
            .map_or_else(|| question.section.clone(), |s| s.title.clone()),
        number_in_section,
        section_size: in_section.len(),
        first_in_section: number_in_section == 1,
    }
}

/// `backcare check`: the questionnaire in the terminal.
pub fn run(
    rules: &RuleSet,
    settings: &Settings,
    save: Option<&Path>,
    resume: bool,
) -> Result<(), Error> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::NoTerminal);
    }
    let prompt_color = crate::prompt::prompt_color(settings.color);
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
                    "Your unfinished answers could not be read ({}), so the questionnaire starts \
                     afresh. The old file is kept as {}.",
                    error.summary(),
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
            Answers::default()
        }
        _ => Answers::default(),
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

    if let Ending::OutsideScope(at) = ending {
        let question = &rules.questionnaire.questions[at];
        if keeping {
            let _ = draft::discard(&draft_path);
        }
        use_color(settings.color, std::io::stdout().is_terminal());
        return print(&fit_to_terminal(format!(
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
    use_color(settings.color, std::io::stdout().is_terminal());
    print(&fit_to_terminal(
        render::outcome_text(rules, &outcome) + &render::disclaimer_text(&outcome),
    ))?;
    if keeping {
        let _ = draft::discard(&draft_path);
    }
    let saved = keep_finished(rules, &answers, save)?;
    prompter.note(&format!(
        "Your answers are saved in {}.",
        saved
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" and ")
    ));
    Ok(())
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
) -> Result<Vec<PathBuf>, Error> {
    let mut saved = Vec::new();
    let last = draft::last_answers_path()?;
    if let Err(error) = draft::load(&last, &rules.questionnaire) {
        if let Some(aside) = draft::set_aside(&last)? {
            tell(&format!(
                "Your earlier saved answers could not be read ({}); that file is kept as {}.\n",
                error.summary(),
                aside.display()
            ));
        }
    }
    draft::save(&last, answers, &rules.questionnaire)?;
    saved.push(last);
    if let Some(path) = save {
        write_atomically(path, answers.to_json(&rules.questionnaire).as_bytes())?;
        saved.insert(0, path.to_path_buf());
    }
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Answers from a script; records what was asked.
    struct Script {
        replies: VecDeque<(String, AnswerValue)>,
        reviews: VecDeque<ReviewChoice>,
        asked: Vec<String>,
    }

    impl Asker for Script {
        fn ask(
            &mut self,
            question: &Question,
            _: &Progress,
            _: Option<&AnswerValue>,
        ) -> Result<Option<AnswerValue>, Error> {
            self.asked.push(question.id.clone());
            match self.replies.front() {
                Some((id, _)) if *id == question.id => Ok(self.replies.pop_front().map(|(_, v)| v)),
                _ => Ok(Some(default_reply(question))),
            }
        }

        fn review(
            &mut self,
            _: &[(&Question, &AnswerValue)],
        ) -> Result<Option<ReviewChoice>, Error> {
            Ok(Some(
                self.reviews.pop_front().unwrap_or(ReviewChoice::Confirm),
            ))
        }
    }

    /// A benign reply: no to every yes/no, the option "no" or else the first, the lowest sensible
    /// number.
    fn default_reply(question: &Question) -> AnswerValue {
        use crate::ruleset::QuestionKind;
        match question.kind {
            QuestionKind::YesNo => AnswerValue::YesNo(false),
            QuestionKind::OneOf => AnswerValue::Choice(question.option_position("no").unwrap_or(0)),
            QuestionKind::SeveralOf => AnswerValue::Choices(Default::default()),
            QuestionKind::Number if question.id == "age" => AnswerValue::Number(30.0),
            QuestionKind::Number => AnswerValue::Number(
                question
                    .min
                    .unwrap_or(0.0)
                    .max(5.0)
                    .min(question.max.unwrap_or(5.0)),
            ),
        }
    }

    fn script(replies: &[(&str, AnswerValue)], reviews: &[ReviewChoice]) -> Script {
        Script {
            replies: replies.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            reviews: reviews.iter().cloned().collect(),
            asked: Vec::new(),
        }
    }

    fn run_script(script: &mut Script) -> (Ending, Answers, usize) {
        let rules = RuleSet::embedded().unwrap();
        let mut answers = Answers::default();
        let mut kept = 0;
        let mut keep = |_: &Answers| {
            kept += 1;
            Ok(())
        };
        let ending = question_loop(&rules, script, &mut answers, &mut keep).unwrap();
        (ending, answers, kept)
    }

    #[test]
    fn an_emergency_answer_stops_the_questions_at_once() {
        let mut script = script(&[("chest_pain", AnswerValue::YesNo(true))], &[]);
        let (ending, _, _) = run_script(&mut script);
        assert_eq!(ending, Ending::Emergency);
        assert_eq!(script.asked.last().map(String::as_str), Some("chest_pain"));
    }

    #[test]
    fn a_follow_up_is_asked_only_when_its_condition_holds() {
        let mut script = script(&[], &[]);
        let (ending, answers, kept) = run_script(&mut script);
        assert_eq!(ending, Ending::Confirmed);
        assert!(!script.asked.contains(&"spreading_pain_now".to_owned()));
        assert_eq!(kept, answers.len(), "every answer is kept as it is given");
    }

    #[test]
    fn changing_an_answer_at_review_asks_what_it_opens_and_drops_what_it_closes() {
        let mut script = script(
            &[("upper_back_hunched", AnswerValue::YesNo(false))],
            &[
                ReviewChoice::Change("upper_back_hunched".into()),
                ReviewChoice::Confirm,
            ],
        );
        // The change at review answers yes; the wall gap follows and the flat-back answer goes.
        script
            .replies
            .push_back(("upper_back_hunched".into(), AnswerValue::YesNo(true)));
        script
            .replies
            .push_back(("wall_gap_cm".into(), AnswerValue::Number(2.0)));
        let (_, answers, _) = run_script(&mut script);
        assert_eq!(answers.get("wall_gap_cm"), Some(&AnswerValue::Number(2.0)));
        assert_eq!(answers.get("upper_back_flat"), None);
    }

    #[test]
    fn after_a_referral_only_questions_that_could_raise_it_are_asked() {
        let mut script = script(&[("fever", AnswerValue::YesNo(true))], &[]);
        let (ending, answers, _) = run_script(&mut script);
        assert_eq!(ending, Ending::Confirmed);
        let after_fever: Vec<&str> = script
            .asked
            .iter()
            .skip_while(|id| *id != "fever")
            .skip(1)
            .map(String::as_str)
            .collect();
        // A fever with a weak immune system, or spinal cord signs, are emergencies.
        for raises in ["iv_drug_use_or_immunosuppressed", "saddle_numbness"] {
            assert!(after_fever.contains(&raises), "{raises}: {after_fever:?}");
        }
        // Weight loss could only add another urgent rule.
        assert!(!after_fever.contains(&"unexplained_weight_loss"));
        let rules = RuleSet::embedded().unwrap();
        for question in &rules.questionnaire.questions {
            if question.section == "posture" || question.section == "setup" {
                assert!(!script.asked.contains(&question.id), "{}", question.id);
            }
        }
        let outcome = assess(&rules, &answers);
        assert_eq!(
            outcome.referral.map(|r| r.urgency),
            Some(ReferralUrgency::Urgent)
        );
        assert!(outcome.missing.is_empty(), "{:?}", outcome.missing);
    }
}
