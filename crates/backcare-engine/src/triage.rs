//! Red-flag rules to a referral. Runs before anything else: a fired rule means no routine.

use crate::answers::Answers;
use crate::condition::{Condition, Truth};
use crate::flow;
use crate::outcome::{FiredRule, GivenAnswer};
use crate::ruleset::{Questionnaire, ReferralUrgency, RuleSet};
use crate::slot::UNPLACED;

pub struct Screen<'r> {
    /// Highest urgency first, then rules that need a doctor, then in rule-file order.
    pub fired: Vec<FiredRule<'r>>,
    /// Unanswered questions that could still fire a rule more urgent than any that fired (or, with
    /// none fired, decide an advisory that sends the person to be seen), in questionnaire order.
    pub missing: Vec<&'r str>,
}

pub fn screen<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Screen<'r> {
    let questionnaire = &rules.questionnaire;
    let mut fired = Vec::new();
    // The most urgent undecided rule each unanswered question could still fire, by its place in
    // the questionnaire; made on the first undecided rule, as most screens have none.
    let mut open: Vec<Option<ReferralUrgency>> = Vec::new();
    // The same for questions the questionnaire lacks (only in rules that failed the check).
    let mut unplaced: Vec<(ReferralUrgency, &'r str)> = Vec::new();
    let mut skipped = SkipCache::default();
    // Advisories that send the person to be seen are referrals that keep the routine: while one
    // is undecided its questions are open like a red flag's, though it never fires here.
    let referring_advisories = rules
        .policy
        .advisories
        .iter()
        .filter_map(|a| a.urgency.map(|urgency| (None, &a.when, &a.reads, urgency)));
    let conditions = rules
        .red_flags
        .rules
        .iter()
        .map(|r| (Some(r), &r.when, &r.reads, r.urgency))
        .chain(referring_advisories);
    for (rule, when, reads, urgency) in conditions {
        match when.truth(answers) {
            Truth::Yes => {
                if let Some(rule) = rule {
                    fired.push(FiredRule {
                        rule,
                        triggered_by: given_answers(when, questionnaire, answers),
                    });
                }
            }
            Truth::No => {}
            Truth::Unknown => {
                if open.is_empty() {
                    open.resize(questionnaire.questions.len(), None);
                }
                // Name the questions that would still be asked. An unknown caused only by
                // skipped questions is a flaw in the rules, not a reason to reassure: then every
                // unanswered question is named, so the screen stays incomplete.
                let mut any_open = false;
                for &slot in reads {
                    if answers.at(slot).is_some()
                        || skipped.is_skipped(questionnaire, answers, slot)
                    {
                        continue;
                    }
                    any_open = true;
                    if let Some(open) = open.get_mut(slot) {
                        *open = (*open).max(Some(urgency));
                    }
                }
                if !any_open {
                    for &slot in reads.iter().filter(|slot| answers.at(**slot).is_none()) {
                        if let Some(open) = open.get_mut(slot) {
                            *open = (*open).max(Some(urgency));
                        }
                    }
                }
                if reads.last() == Some(&UNPLACED) {
                    when.for_each_question(&mut |question| {
                        if question.slot() == UNPLACED {
                            unplaced.push((urgency, question.id()));
                        }
                    });
                }
            }
        }
    }
    // Most urgent first; among equals a doctor's rule leads, so the headline and the first
    // action never send someone to a physiotherapist with what needs a doctor.
    fired.sort_by_key(|rule| (std::cmp::Reverse(rule.urgency), rule.see));
    // Once a rule has fired, only questions that could make things more urgent still matter.
    let highest = fired.first().map(|rule| rule.urgency);
    let could_raise = |urgency: ReferralUrgency| highest.is_none_or(|highest| urgency > highest);
    // In questionnaire order, which is how a person would go through them.
    let named = |urgency: &&Option<ReferralUrgency>| urgency.is_some_and(could_raise);
    let mut missing = Vec::with_capacity(open.iter().filter(named).count() + unplaced.len());
    missing.extend(
        open.iter()
            .zip(&questionnaire.questions)
            .filter(|(urgency, _)| named(urgency))
            .map(|(_, question)| question.id.as_str()),
    );
    for (urgency, id) in unplaced {
        if could_raise(urgency) && !missing.contains(&id) {
            missing.push(id);
        }
    }
    Screen { fired, missing }
}

/// Whether each question is skipped, by its place in the questionnaire, worked out once per
/// screen.
#[derive(Default)]
struct SkipCache(Vec<Option<bool>>);

impl SkipCache {
    fn is_skipped(
        &mut self,
        questionnaire: &Questionnaire,
        answers: &Answers,
        slot: usize,
    ) -> bool {
        let Some(question) = questionnaire.question_in_slot(slot) else {
            return false;
        };
        if self.0.is_empty() {
            self.0.resize(questionnaire.questions.len(), None);
        }
        *self.0[slot].get_or_insert_with(|| flow::is_skipped(question, answers))
    }
}

/// The answers that made a condition hold, each question once, in the order the condition reads
/// them.
pub(crate) fn given_answers<'r>(
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
