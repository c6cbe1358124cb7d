//! Red-flag rules to a referral. Runs before anything else: a fired rule means no routine.

use crate::answers::Answers;
use crate::condition::Truth;
use crate::flow;
use crate::outcome::{FiredRule, GivenAnswer};
use crate::ruleset::RuleSet;

pub struct Screen<'r> {
    /// Highest urgency first, then in rule-file order.
    pub fired: Vec<FiredRule<'r>>,
    /// Unanswered questions that could still fire a rule more urgent than any that fired, in
    /// questionnaire order.
    pub missing: Vec<&'r str>,
}

pub fn screen<'r>(rules: &'r RuleSet, answers: &Answers) -> Screen<'r> {
    let questionnaire = &rules.questionnaire;
    let mut fired = Vec::new();
    let mut undecided = Vec::new();
    for rule in &rules.red_flags.rules {
        match rule.when.truth(answers) {
            Truth::Yes => fired.push(FiredRule {
                rule,
                triggered_by: given_answers(&rule.when.evaluate(answers).because_of, answers),
            }),
            Truth::No => {}
            Truth::Unknown => {
                let open = flow::open_questions(&rule.when, questionnaire, answers);
                // An unknown caused only by skipped questions is a flaw in the rules, not a reason
                // to reassure: name every unanswered question so the screen stays incomplete.
                let mut blocking: Vec<usize> =
                    open.iter().map(|q| questionnaire.slot(&q.id)).collect();
                if blocking.is_empty() {
                    rule.when.for_each_question(&mut |question| {
                        if answers.at(question.slot()).is_none() {
                            blocking.push(question.slot());
                        }
                    });
                }
                undecided.push((rule.urgency, blocking));
            }
        }
    }
    fired.sort_by_key(|rule| std::cmp::Reverse(rule.urgency));
    // Once a rule has fired, only questions that could make things more urgent still matter.
    let highest = fired.first().map(|rule| rule.urgency);
    let mut missing_slots: Vec<usize> = undecided
        .into_iter()
        .filter(|(urgency, _)| highest.is_none_or(|highest| *urgency > highest))
        .flat_map(|(_, slots)| slots)
        .collect();
    missing_slots.sort_unstable();
    missing_slots.dedup();
    // In questionnaire order, which is how a person would go through them.
    let mut missing: Vec<(usize, &str)> = missing_slots
        .into_iter()
        .map(|slot| match questionnaire.question_in_slot(slot) {
            Some(q) => (
                questionnaire.position(&q.id).unwrap_or(usize::MAX),
                q.id.as_str(),
            ),
            None => (usize::MAX, crate::slot::id_at(slot)),
        })
        .collect();
    missing.sort_unstable();
    let missing = missing.into_iter().map(|(_, id)| id).collect();
    Screen { fired, missing }
}

pub fn given_answers<'r>(questions: &[&'r str], answers: &Answers) -> Vec<GivenAnswer<'r>> {
    questions
        .iter()
        .filter_map(|q| {
            answers.get(q).map(|answer| GivenAnswer {
                question: q,
                answer: answer.clone(),
            })
        })
        .collect()
}
