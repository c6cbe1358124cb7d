//! The questionnaire's order of events, without a terminal: asks each question in turn through
//! an [`Asker`], stops at once on an emergency, asks only what could make a referral more urgent
//! once one is decided, and lets the person review and change answers. [`crate::prompt`] is the
//! terminal's [`Asker`]; the tests here use a script.

use crate::error::Error;
use backcare_engine::answers::{AnswerValue, Answers};
use backcare_engine::flow;
use backcare_engine::ruleset::{Question, ReferralUrgency, RuleSet};
use backcare_engine::triage;

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
    /// The person asked to stop (Esc, or Ctrl-C at a prompt).
    Stopped,
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
    let next = screen
        .missing
        .iter()
        .filter_map(|id| questionnaire.question(id))
        .find(|q| !flow::is_skipped(questionnaire, q, answers));
    next
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
            if let Some(ending) = ask_one(rules, asker, answers, keep, question)? {
                return Ok(ending);
            }
        }
        let asked = flow::asked(&rules.questionnaire, answers);
        let answered: Vec<(&Question, &AnswerValue)> = asked
            .iter()
            .filter_map(|q| answers.get(&q.id).map(|a| (*q, a)))
            .collect();
        match asker.review(&answered)? {
            None => return Ok(Ending::Stopped),
            Some(ReviewChoice::Confirm) => return Ok(Ending::Confirmed),
            Some(ReviewChoice::Change(id)) => {
                let Some(question) = rules.questionnaire.question(&id) else {
                    continue;
                };
                if let Some(ending) = ask_one(rules, asker, answers, keep, question)? {
                    return Ok(ending);
                }
            }
        }
    }
}

/// Asks one question (showing the answer already given, if any) and keeps the answer; the ending
/// when that answer ends the questioning.
fn ask_one(
    rules: &RuleSet,
    asker: &mut dyn Asker,
    answers: &mut Answers,
    keep: &mut dyn FnMut(&Answers) -> Result<(), Error>,
    question: &Question,
) -> Result<Option<Ending>, Error> {
    let progress = progress(rules, answers, question);
    let current = answers.get(&question.id).cloned();
    let Some(value) = asker.ask(question, &progress, current.as_ref())? else {
        return Ok(Some(Ending::Stopped));
    };
    if let Some(ending) = outside_scope(rules, question, value) {
        return Ok(Some(ending));
    }
    record(rules, answers, question, value);
    keep(answers)?;
    Ok(is_emergency(rules, answers).then_some(Ending::Emergency))
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
            .filter(|q| {
                answers.get(&q.id).is_some() && flow::is_skipped(&rules.questionnaire, q, answers)
            })
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

/// Where `question` stands in its section. Once a referral is decided only the questions that
/// could raise it are still asked, so the section counts those and the ones already answered.
fn progress(rules: &RuleSet, answers: &Answers, question: &Question) -> Progress {
    let screen = triage::screen(rules, answers);
    let still_asked = |q: &Question| {
        screen.fired.is_empty()
            || q.id == question.id
            || answers.get(&q.id).is_some()
            || screen.missing.contains(q.id.as_str())
    };
    let in_section: Vec<&Question> = flow::asked(&rules.questionnaire, answers)
        .into_iter()
        .filter(|q| q.section == question.section && still_asked(q))
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

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::engine::assess;
    use std::collections::VecDeque;

    /// Answers from a script; records what was asked.
    struct Script {
        replies: VecDeque<(String, AnswerValue)>,
        reviews: VecDeque<ReviewChoice>,
        asked: Vec<String>,
        shown: Vec<Progress>,
    }

    impl Asker for Script {
        fn ask(
            &mut self,
            question: &Question,
            progress: &Progress,
            _: Option<&AnswerValue>,
        ) -> Result<Option<AnswerValue>, Error> {
            self.asked.push(question.id.clone());
            self.shown.push(progress.clone());
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
        use backcare_engine::ruleset::QuestionKind;
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
            shown: Vec::new(),
        }
    }

    fn run_script(script: &mut Script) -> (Ending, Answers, usize) {
        let rules = RuleSet::embedded().unwrap();
        let mut answers = Answers::to(rules.questionnaire.ids());
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
        // "N of about M" never promises more questions than are asked: each section's count
        // ends on its last question.
        for (at, shown) in script.shown.iter().enumerate() {
            let last_of_section = script
                .shown
                .get(at + 1)
                .is_none_or(|next| next.section_title != shown.section_title);
            if last_of_section {
                assert_eq!(
                    shown.number_in_section, shown.section_size,
                    "{}: {shown:?}",
                    script.asked[at]
                );
            }
        }
    }
}
