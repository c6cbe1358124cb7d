//! Exhaustive safety: for every red-flag rule, every combination of the answers it reads (each
//! also left unanswered), on top of an otherwise benign answer set, must refer when the rule fires
//! and must never end in a routine while the rule is undecided.

use std::ops::ControlFlow;

use super::{rule_path, rules_alike, Context, Domains, LIMIT};
use crate::answers::Answers;
use crate::condition::Truth;
use crate::engine::assess;
use crate::outcome::Outcome;
use crate::ruleset::{RedFlagRule, RuleSet};
use crate::source::JsonPath;

/// Runs the safety checks; returns the benign answer set it found, if one exists.
pub(super) fn check(context: &mut Context) -> Option<Answers> {
    let rules = context.rules;
    let source = &context.sources.red_flags;
    let Some(benign) = benign_answers_in(rules, &context.domains) else {
        context.warn(
            source,
            &JsonPath::root().join("rules"),
            "no answer set passes every red-flag rule, so no one would ever get a routine"
                .to_owned(),
            "check for a rule whose condition holds for the ordinary answers",
        );
        return None;
    };
    // Rules alike in all the engine reads of them (condition, category, urgency, who to see) get
    // the same treatment, so the engine is tried with one of each: a set with many copies then
    // costs no more to check than one without, and each copy shares its first's finding.
    let groups = rules_alike(&rules.red_flags.rules, |rule| {
        serde_json::json!([rule.when, rule.category, rule.urgency, rule.see])
    });
    let distinct = rules.with_red_flags(groups.iter().map(|group| group[0].1.clone()).collect());
    for (done, group) in groups.iter().enumerate() {
        context.reached(
            "Trying the engine on each red-flag rule",
            done,
            groups.len(),
        );
        let (first_index, first) = group[0];
        let reads = first.when.questions();
        let when = &distinct.compiled().red_flags[done];
        let mut failure: Option<(Answers, &str)> = None;
        let coverage = context
            .domains
            .for_each(&reads, &benign, true, LIMIT, |answers| {
                let outcome = assess(&distinct, answers);
                failure = unsafe_outcome(first, when.truth(answers), &outcome)
                    .map(|problem| (answers.clone(), problem));
                if failure.is_some() {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
        context.covered(
            coverage,
            source,
            &rule_path(first_index).join("when"),
            &format!("the safety of `{}`", first.id),
        );
        let Some((answers, problem)) = failure else {
            continue;
        };
        let when = context.describe(&answers, &reads);
        for (index, rule) in group {
            context.error(
                source,
                &rule_path(*index).join("when"),
                format!("red-flag rule `{}`: {problem}, when {when}", rule.id),
                "this is a fault in backcare itself, not in the rules: please report it",
            );
        }
    }
    Some(benign)
}

/// What is wrong with the engine's outcome for a rule whose condition came to `truth`, if anything.
fn unsafe_outcome(rule: &RedFlagRule, truth: Truth, outcome: &Outcome) -> Option<&'static str> {
    match truth {
        Truth::Yes => match &outcome.referral {
            None => Some("the rule fires but the engine gives no referral"),
            Some(referral) if referral.urgency < rule.urgency => {
                Some("the rule fires but the referral is less urgent than the rule")
            }
            Some(referral) if !referral.rules.iter().any(|r| r.id == rule.id) => {
                Some("the rule fires but the referral does not list it")
            }
            Some(_) => None,
        },
        Truth::Unknown if outcome.routine.is_some() => {
            Some("the rule cannot be decided, yet the engine gives a routine")
        }
        _ => None,
    }
}

/// An answer set that fires no red-flag rule and leaves none undecided, if there is one.
pub fn benign_answers(rules: &RuleSet) -> Option<Answers> {
    benign_answers_in(rules, &Domains::new(rules))
}

/// Finds benign answers by improving one answer at a time.
fn benign_answers_in(rules: &RuleSet, domains: &Domains) -> Option<Answers> {
    let mut answers = domains.no_answers();
    for question in &rules.questionnaire.questions {
        if let Some(first) = domains.answered(&question.id).first() {
            answers.set(&question.id, *first);
        }
    }
    let mut best = alarms(rules, &answers);
    loop {
        let before = best;
        for question in &rules.questionnaire.questions {
            for value in domains.answered(&question.id) {
                let mut trial = answers.clone();
                trial.set(&question.id, *value);
                let score = alarms(rules, &trial);
                if score < best {
                    best = score;
                    answers = trial;
                }
            }
        }
        if best == (0, 0) {
            return Some(answers);
        }
        if best == before {
            return None;
        }
    }
}

/// (rules that fire, rules left undecided).
fn alarms(rules: &RuleSet, answers: &Answers) -> (usize, usize) {
    rules
        .compiled()
        .red_flags
        .iter()
        .fold((0, 0), |(fired, open), when| match when.truth(answers) {
            Truth::Yes => (fired + 1, open),
            Truth::Unknown => (fired, open + 1),
            Truth::No => (fired, open),
        })
}
