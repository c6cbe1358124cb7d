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
                let blocking: Vec<&str> = if open.is_empty() {
                    rule.when
                        .questions()
                        .into_iter()
                        .filter(|id| answers.get(id).is_none())
                        .collect()
                } else {
                    open.iter().map(|q| q.id.as_str()).collect()
                };
                undecided.push((rule.urgency, blocking));
            }
        }
    }
    fired.sort_by_key(|rule| std::cmp::Reverse(rule.urgency));
    // Once a rule has fired, only questions that could make things more urgent still matter.
    let highest = fired.first().map(|rule| rule.urgency);
    let missing_ids: Vec<&str> = undecided
        .into_iter()
        .filter(|(urgency, _)| highest.is_none_or(|highest| *urgency > highest))
        .flat_map(|(_, questions)| questions)
        .collect();
    let missing = if missing_ids.is_empty() {
        Vec::new()
    } else {
        questionnaire
            .questions
            .iter()
            .filter(|q| missing_ids.contains(&q.id.as_str()))
            .map(|q| q.id.as_str())
            .collect()
    };
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
