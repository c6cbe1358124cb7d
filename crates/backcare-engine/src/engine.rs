//! assess: answers in, outcome out. Warning signs first; a routine only when none fired and none
//! is left unanswered. No terminal, no files, no clock: the same answers give the same outcome.

use crate::answers::Answers;
use crate::condition::{CompiledCondition, Truth};
use crate::outcome::{
    AdvisoryNote, Finding, GivenAnswer, Outcome, Referral, Urgency, SCHEMA_VERSION,
};
use crate::routine;
use crate::ruleset::RuleSet;
use crate::triage::{self, given_answers};

pub fn assess<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Outcome<'r> {
    let screen = triage::screen(rules, answers);
    let findings = findings(rules, answers);
    let mut outcome = Outcome {
        schema_version: SCHEMA_VERSION,
        urgency: Urgency::Incomplete,
        referral: None,
        missing: screen.missing,
        findings,
        advisories: Vec::new(),
        routine: None,
        disclaimer: &rules.policy.disclaimer,
    };
    if let Some(highest) = screen.fired.first().map(|rule| rule.urgency) {
        outcome.urgency = highest.into();
        outcome.referral = Some(Referral {
            urgency: highest,
            rules: screen.fired,
        });
        return outcome;
    }
    if !outcome.missing.is_empty() {
        return outcome;
    }
    outcome.advisories = advisories(rules, answers);
    outcome.urgency = outcome
        .advisories
        .iter()
        .filter_map(|a| a.urgency)
        .max()
        .map_or(Urgency::SelfCare, Urgency::from);
    outcome.routine = Some(routine::build(rules, answers, &outcome.findings));
    outcome
}

fn findings<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Vec<Finding<'r>> {
    holding(rules, answers, rules.findings_compiled())
        .map(|(finding, triggered_by)| Finding {
            finding,
            triggered_by,
        })
        .collect()
}

fn advisories<'r>(rules: &'r RuleSet, answers: &'r Answers) -> Vec<AdvisoryNote<'r>> {
    holding(rules, answers, rules.advisories_compiled())
        .map(|(advisory, triggered_by)| AdvisoryNote {
            advisory,
            triggered_by,
        })
        .collect()
}

/// The parts whose condition holds, each with the answers that made it hold.
fn holding<'r, T: 'r>(
    rules: &'r RuleSet,
    answers: &'r Answers,
    parts: impl Iterator<Item = (&'r T, &'r CompiledCondition)>,
) -> impl Iterator<Item = (&'r T, Vec<GivenAnswer<'r>>)> {
    parts
        .filter(|(_, when)| when.truth(answers) == Truth::Yes)
        .map(|(part, when)| (part, given_answers(when, &rules.questionnaire, answers)))
}
