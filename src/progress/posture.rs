//! The posture exercises `backcare progress` suggests at its posture stage: those the policy adds
//! for posture findings, fitted to the last saved answers when there are any.

use backcare_engine::answers::Answers;
use backcare_engine::engine::assess;
use backcare_engine::outcome::{Finding, LeftOutReason};
use backcare_engine::routine;
use backcare_engine::ruleset::{Exercise, RuleSet};

/// The posture exercises `backcare progress` suggests.
#[derive(Debug, Clone)]
pub enum PostureExercises<'r> {
    /// For the findings of the last saved answers (for every finding when they showed none),
    /// leaving out what those answers rule out.
    Fitted(Vec<&'r Exercise>),
    /// No saved answers: nothing is known that could rule an exercise out, so none is named.
    NoAnswers,
    /// The last saved answers gave no routine: a referral, or warning-sign questions still open.
    NoRoutine,
}

/// The exercises the policy adds for posture findings, fitted to the last saved answers if any.
pub fn posture_exercises<'r>(
    rules: &'r RuleSet,
    answers: Option<&Answers>,
) -> PostureExercises<'r> {
    let every_finding: Vec<Finding> = rules
        .postures
        .findings
        .iter()
        .map(|finding| Finding {
            finding,
            triggered_by: Vec::new(),
        })
        .collect();
    let Some(answers) = answers else {
        return PostureExercises::NoAnswers;
    };
    let outcome = assess(rules, answers);
    if outcome.routine.is_none() {
        return PostureExercises::NoRoutine;
    }
    // With no finding of their own, each finding is tried alone, so that one finding's exclusions
    // (a flat back rules out arching) do not take away another's exercises.
    let groups: Vec<&[Finding]> = if outcome.findings.is_empty() {
        every_finding.iter().map(std::slice::from_ref).collect()
    } else {
        vec![&outcome.findings]
    };
    let mut fitted: Vec<&Exercise> = Vec::new();
    for group in groups {
        let routine = routine::build(rules, answers, group);
        let ruled_out: Vec<&str> = routine
            .left_out
            .iter()
            .filter(|l| l.reason != LeftOutReason::NoTime)
            .map(|l| l.id.as_str())
            .collect();
        fitted.extend(added_for(rules, group, &ruled_out));
    }
    PostureExercises::Fitted(in_catalogue_order(rules, fitted))
}

fn added_for<'r>(
    rules: &'r RuleSet,
    findings: &[Finding],
    ruled_out: &[&str],
) -> Vec<&'r Exercise> {
    let added = findings
        .iter()
        .filter_map(|f| rules.policy.findings.get(&f.id))
        .flat_map(|policy| policy.add.iter())
        .filter(|pick| !ruled_out.contains(&pick.exercise.as_str()))
        .filter_map(|pick| rules.exercises.get(&pick.exercise))
        .collect();
    in_catalogue_order(rules, added)
}

fn in_catalogue_order<'r>(
    rules: &'r RuleSet,
    mut exercises: Vec<&'r Exercise>,
) -> Vec<&'r Exercise> {
    let position = |e: &Exercise| rules.exercises.exercises.iter().position(|c| c.id == e.id);
    exercises.sort_by_key(|e| position(e));
    exercises.dedup_by(|a, b| a.id == b.id);
    exercises
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posture_exercises_follow_the_findings_and_leave_out_what_the_answers_rule_out() {
        let rules = RuleSet::embedded().unwrap();
        let ids = |exercises: &[&Exercise]| -> Vec<String> {
            exercises.iter().map(|e| e.id.clone()).collect()
        };
        assert!(matches!(
            posture_exercises(&rules, None),
            PostureExercises::NoAnswers
        ));

        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/answers/desk-worker-forward-head.json");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut answers = Answers::from_value(&value, &rules.questionnaire).unwrap();
        let forward_head: Vec<String> = rules.policy.findings["forward_head"]
            .add
            .iter()
            .map(|p| p.exercise.clone())
            .filter(|id| {
                // The desk worker has no resistance band; those needing one are left out.
                rules
                    .exercises
                    .get(id)
                    .unwrap()
                    .equipment
                    .iter()
                    .all(|item| ["chair", "massage_ball", "foam_roller"].contains(&item.as_str()))
            })
            .collect();
        match posture_exercises(&rules, Some(&answers)) {
            PostureExercises::Fitted(fitted) => {
                let mut fitted = ids(&fitted);
                fitted.sort();
                let mut expected = forward_head.clone();
                expected.sort();
                assert_eq!(fitted, expected);
            }
            other => panic!("{other:?}"),
        }

        // No finding, and pregnant: every finding's exercises, but none lying face down.
        use backcare_engine::answers::AnswerValue;
        answers.set("head_forward_of_shoulders", AnswerValue::YesNo(false));
        answers.set("pregnant", AnswerValue::YesNo(true));
        match posture_exercises(&rules, Some(&answers)) {
            PostureExercises::Fitted(fitted) => {
                assert!(fitted.len() > forward_head.len());
                assert!(fitted
                    .iter()
                    .all(|e| !e.tags.contains(&"prone_lying".to_owned())));
            }
            other => panic!("{other:?}"),
        }

        answers.set("fever", AnswerValue::YesNo(true));
        assert!(matches!(
            posture_exercises(&rules, Some(&answers)),
            PostureExercises::NoRoutine
        ));
    }
}
