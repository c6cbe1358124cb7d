//! Exhaustive safety: for every red-flag rule, every combination of the answers it reads (each
//! also left unanswered), on top of an otherwise benign answer set, must refer when the rule fires
//! and must never end in a routine while the rule is undecided.

use std::ops::ControlFlow;

use super::{rule_path, Context, Domains, LIMIT};
use crate::answers::Answers;
use crate::condition::Truth;
use crate::engine::assess;
use crate::ruleset::RuleSet;
use crate::source::JsonPath;

/// Runs the safety checks; returns the benign answer set it found, if one exists.
pub fn check(context: &mut Context) -> Option<Answers> {
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
    for (index, rule) in rules.red_flags.rules.iter().enumerate() {
        let reads = rule.when.questions();
        let mut failure: Option<(Answers, &str)> = None;
        let coverage = context
            .domains
            .for_each(&reads, &benign, true, LIMIT, |answers| {
                let outcome = assess(rules, answers);
                let problem = match rule.when.truth(answers) {
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
                };
                match problem {
                    Some(problem) => {
                        failure = Some((answers.clone(), problem));
                        ControlFlow::Break(())
                    }
                    None => ControlFlow::Continue(()),
                }
            });
        let at = rule_path(index).join("when");
        context.covered(
            coverage,
            source,
            &at,
            &format!("the safety of `{}`", rule.id),
        );
        if let Some((answers, problem)) = failure {
            let when = context.describe(&answers, &reads);
            context.error(
                source,
                &at,
                format!("red-flag rule `{}`: {problem}, when {when}", rule.id),
                "this is a fault in backcare itself, not in the rules: please report it",
            );
        }
    }
    Some(benign)
}

/// An answer set that fires no red-flag rule and leaves none undecided, if there is one.
pub fn benign_answers(rules: &RuleSet) -> Option<Answers> {
    benign_answers_in(rules, &Domains::new(rules))
}

/// Finds benign answers by improving one answer at a time.
fn benign_answers_in(rules: &RuleSet, domains: &Domains) -> Option<Answers> {
    let mut answers = Answers::default();
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
        .red_flags
        .rules
        .iter()
        .fold((0, 0), |(fired, open), rule| {
            match rule.when.truth(answers) {
                Truth::Yes => (fired + 1, open),
                Truth::Unknown => (fired, open + 1),
                Truth::No => (fired, open),
            }
        })
}
