//! Random answer sets against the engine's promises: a warning sign always refers, an undecided
//! one never gives a routine, and a routine keeps to the person's equipment, time and safety.

use backcare_engine::answers::{AnswerValue, Answers};
use backcare_engine::condition::Truth;
use backcare_engine::ruleset::{QuestionKind, RuleSet};
use backcare_engine::{assess, flow};
use proptest::prelude::*;

use crate::common::rules;

/// Turns one random number per question into an answer, or none. Yes/no questions say yes one
/// time in forty and few questions go unanswered, so routines, referrals and incomplete screens all
/// come up often.
fn answers_from(rules: &RuleSet, seeds: &[u32], answered: &[bool]) -> Answers {
    let mut answers = Answers::to(rules.questionnaire.ids());
    for ((question, seed), answered) in rules
        .questionnaire
        .questions
        .iter()
        .zip(seeds)
        .zip(answered)
    {
        if !answered {
            continue;
        }
        let value = match question.kind {
            QuestionKind::YesNo => AnswerValue::YesNo(seed % 40 == 0),
            QuestionKind::OneOf => AnswerValue::Choice(*seed as usize % question.options.len()),
            QuestionKind::SeveralOf => AnswerValue::Choices(
                (0..question.options.len())
                    .filter(|i| seed & (1 << i) != 0)
                    .collect(),
            ),
            QuestionKind::Number => {
                let (min, max) = (question.min.unwrap(), question.max.unwrap());
                AnswerValue::Number((min + f64::from(*seed % 1000) / 999.0 * (max - min)).round())
            }
        };
        answers.set(&question.id, value);
    }
    answers
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_engine_keeps_its_promises(
        seeds in prop::collection::vec(any::<u32>(), 64),
        answered in prop::collection::vec(prop::bool::weighted(0.99), 64),
    ) {
        let rules = rules();
        let answers = answers_from(&rules, &seeds, &answered);
        let outcome = assess(&rules, &answers);
        prop_assert_eq!(&outcome, &assess(&rules, &answers), "the same answers give the same outcome");

        let truths: Vec<(Truth, &backcare_engine::ruleset::RedFlagRule)> =
            rules.red_flags_compiled().map(|(r, when)| (when.truth(&answers), r)).collect();
        let highest = truths.iter().filter(|(t, _)| *t == Truth::Yes).map(|(_, r)| r.urgency).max();
        match (&outcome.referral, highest) {
            (Some(referral), Some(highest)) => {
                prop_assert_eq!(referral.urgency, highest);
                prop_assert!(outcome.routine.is_none(), "a referral comes without a routine");
            }
            (None, None) => {}
            (referral, highest) => prop_assert!(false, "referral {:?} but highest fired {:?}", referral, highest),
        }
        if let Some(routine) = &outcome.routine {
            prop_assert!(truths.iter().all(|(t, _)| *t == Truth::No), "a routine only when every rule is a clear no");
            let policy = &rules.policy;
            prop_assert!(!routine.exercises.is_empty());
            prop_assert!(routine.total_seconds <= routine.minutes_budget * 60);
            let equipment = rules.questionnaire.question(&policy.equipment_question).unwrap();
            let owned: Vec<&String> = match answers.get(&policy.equipment_question) {
                Some(AnswerValue::Choices(items)) => {
                    items.positions().map(|at| &equipment.options[at].id).collect()
                }
                _ => Vec::new(),
            };
            let forbidden: Vec<&String> = rules
                .exclusions_compiled()
                .filter(|(_, when)| flow::may_hold(when, &rules.questionnaire, &answers))
                .flat_map(|(e, _)| e.tags.iter())
                .chain(outcome.findings.iter().filter_map(|f| policy.findings.get(&f.id)).flat_map(|f| f.exclude_tags.iter()))
                .collect();
            for exercise in &routine.exercises {
                prop_assert!(exercise.equipment.iter().all(|item| owned.contains(&item)), "{} needs missing equipment", exercise.id);
                prop_assert!(!exercise.tags.iter().any(|t| forbidden.contains(&t)), "{} is ruled out", exercise.id);
            }
        } else if outcome.referral.is_none() {
            prop_assert_eq!(outcome.urgency.id(), "incomplete");
            prop_assert!(!outcome.missing.is_empty(), "an incomplete screen names what is missing");
        }
    }
}
