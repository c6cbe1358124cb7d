//! Red-flag rules to a referral. Runs before anything else: a fired rule means no routine.

use crate::answers::Answers;
use crate::condition::{Condition, Truth};
use crate::flow;
use crate::outcome::{FiredRule, GivenAnswer};
use crate::ruleset::{Questionnaire, ReferralUrgency, RuleSet};

pub struct Screen<'r> {
    /// Highest urgency first, then in rule-file order.
    pub fired: Vec<FiredRule<'r>>,
    /// Unanswered questions that could still fire a rule more urgent than any that fired, in
    /// questionnaire order.
    pub missing: Vec<&'r str>,
}

pub fn screen<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Screen<'r> {
    let questionnaire = &rules.questionnaire;
    let mut fired = Vec::new();
    // (urgency of the undecided rule, slot of an unanswered question it reads)
    let mut undecided: Vec<(ReferralUrgency, usize)> = Vec::new();
    let mut skipped = SkipCache::default();
    for rule in &rules.red_flags.rules {
        match rule.when.truth(answers) {
            Truth::Yes => fired.push(FiredRule {
                rule,
                triggered_by: given_answers(&rule.when, questionnaire, answers),
            }),
            Truth::No => {}
            Truth::Unknown => {
                let start = undecided.len();
                let mut any_open = false;
                rule.when.for_each_question(&mut |question| {
                    let slot = question.slot();
                    if answers.at(slot).is_none() {
                        any_open |= !skipped.is_skipped(questionnaire, answers, slot);
                        undecided.push((rule.urgency, slot));
                    }
                });
                // Name the questions that would still be asked. An unknown caused only by
                // skipped questions is a flaw in the rules, not a reason to reassure: then every
                // unanswered question is named, so the screen stays incomplete.
                if any_open {
                    let mut at = start;
                    while at < undecided.len() {
                        if skipped.is_skipped(questionnaire, answers, undecided[at].1) {
                            undecided.swap_remove(at);
                        } else {
                            at += 1;
                        }
                    }
                }
            }
        }
    }
    fired.sort_by_key(|rule| std::cmp::Reverse(rule.urgency));
    // Once a rule has fired, only questions that could make things more urgent still matter.
    let highest = fired.first().map(|rule| rule.urgency);
    let mut missing: Vec<(usize, &'r str)> = undecided
        .into_iter()
        .filter(|(urgency, _)| highest.is_none_or(|highest| *urgency > highest))
        .map(|(_, slot)| match questionnaire.position_of_slot(slot) {
            Some(at) => (at, questionnaire.questions[at].id.as_str()),
            None => (usize::MAX, crate::slot::id_at(slot)),
        })
        .collect();
    // In questionnaire order, which is how a person would go through them.
    missing.sort_unstable();
    missing.dedup();
    let missing = missing.into_iter().map(|(_, id)| id).collect();
    Screen { fired, missing }
}

/// Whether each question is skipped, worked out once per screen.
#[derive(Default)]
struct SkipCache(Vec<Option<bool>>);

impl SkipCache {
    fn is_skipped(
        &mut self,
        questionnaire: &Questionnaire,
        answers: &Answers,
        slot: usize,
    ) -> bool {
        if self.0.len() <= slot {
            self.0.resize(slot + 1, None);
        }
        *self.0[slot].get_or_insert_with(|| {
            questionnaire
                .question_in_slot(slot)
                .is_some_and(|q| flow::is_skipped(q, answers))
        })
    }
}

/// The answers that made a condition hold, each question once, in the order the condition reads
/// them.
pub fn given_answers<'r>(
    condition: &Condition,
    questionnaire: &'r Questionnaire,
    answers: &'r Answers,
) -> Vec<GivenAnswer<'r>> {
    let mut given: Vec<GivenAnswer> = Vec::new();
    condition.for_each_reason(answers, &mut |reason| {
        let slot = reason.slot();
        if let (Some(question), Some(answer)) =
            (questionnaire.question_in_slot(slot), answers.at(slot))
        {
            if !given.iter().any(|g| std::ptr::eq(g.question, question)) {
                given.push(GivenAnswer { question, answer });
            }
        }
    });
    given
}
