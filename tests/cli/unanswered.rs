//! A warning-sign question left unanswered is never taken as a "no".
//!
//! For every question some red-flag rule, or some advisory that sends the person to be seen, reads,
//! take a complete benign answer set, remove that one
//! answer, and assess. Three things can be right:
//! - the question would be asked: the screen is incomplete, `missing` names it, no routine;
//! - the question would not be asked (its `ask_when` is false): it is not missing;
//! - every rule that reads it is already settled by the other answers: a routine may be given,
//!   but only if no answer at all to that question would have fired a rule. That is checked by
//!   trying every answer the question could take.

use std::collections::BTreeSet;

use backcare_engine::condition::{CompiledCondition, Condition, Truth};
use backcare_engine::flow;
use backcare_engine::ruleset::{Question, QuestionKind};
use backcare_engine::{Answers, RuleSet};
use serde_json::{Map, Value};

use crate::common::*;

/// The conditions that can send a person to be seen: red-flag rules, and advisories with an
/// urgency (they keep the routine, but their advice must not be lost to a gap either).
fn referring_conditions(rules: &RuleSet) -> Vec<&Condition> {
    let red_flags = rules.red_flags.rules.iter().map(|r| &r.when);
    let advisories = rules
        .policy
        .advisories
        .iter()
        .filter(|a| a.urgency.is_some())
        .map(|a| &a.when);
    red_flags.chain(advisories).collect()
}

/// Every question id read by any referring condition, in questionnaire order.
fn red_flag_questions(rules: &RuleSet) -> Vec<String> {
    let read: BTreeSet<&str> = referring_conditions(rules)
        .into_iter()
        .flat_map(|c| c.questions())
        .collect();
    rules
        .questionnaire
        .questions
        .iter()
        .filter(|q| read.contains(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect()
}

/// The numbers a condition compares `question` against.
fn thresholds(condition: &Condition, question: &str, out: &mut Vec<f64>) {
    match condition {
        Condition::All(items) | Condition::Any(items) => {
            items.iter().for_each(|c| thresholds(c, question, out))
        }
        Condition::Not(inner) => thresholds(inner, question, out),
        Condition::AtLeast(test) | Condition::Below(test) if test.question == question => {
            out.push(test.value)
        }
        _ => {}
    }
}

/// Every answer worth trying for a question: both yes/no values, every option, and each number
/// at its limits and on either side of every threshold the rules use.
fn possible_values(rules: &RuleSet, question: &Question) -> Vec<Value> {
    match question.kind {
        QuestionKind::YesNo => vec![Value::Bool(true), Value::Bool(false)],
        QuestionKind::OneOf => question
            .options
            .iter()
            .map(|o| Value::from(o.id.clone()))
            .collect(),
        QuestionKind::SeveralOf => {
            let mut values = vec![Value::Array(Vec::new())];
            values.extend(
                question
                    .options
                    .iter()
                    .map(|o| Value::from(vec![o.id.clone()])),
            );
            values.push(
                question
                    .options
                    .iter()
                    .map(|o| Value::from(o.id.clone()))
                    .collect(),
            );
            values
        }
        QuestionKind::Number => {
            let (min, max) = (question.min.expect("min"), question.max.expect("max"));
            let mut points = vec![min, max];
            for condition in referring_conditions(rules) {
                thresholds(condition, &question.id, &mut points);
            }
            let mut values = Vec::new();
            for point in points {
                for candidate in [point - 1.0, point, point + 1.0] {
                    if (min..=max).contains(&candidate) {
                        values.push(Value::from(candidate));
                    }
                }
            }
            values
        }
    }
}

fn complete_benign_files() -> Vec<String> {
    let expectations = read_json(&data("example-expectations.json"));
    example_files()
        .into_iter()
        .filter(|name| expectations[name]["urgency"] == "self_care")
        .collect()
}

#[test]
fn there_are_benign_files_to_work_from() {
    let files = complete_benign_files();
    assert!(files.contains(&"desk-worker-forward-head.json".to_owned()));
    assert!(
        files.contains(&"benign-thoracic-kyphosis.json".to_owned()),
        "needed for wall_gap_cm"
    );
}

#[test]
fn removing_any_one_warning_sign_answer_never_quietly_reassures() {
    let rules = rules();
    let questions = red_flag_questions(&rules);
    assert!(
        questions.len() > 30,
        "only {} red-flag questions found",
        questions.len()
    );
    let mut wrong = Vec::new();
    let mut named = BTreeSet::new();
    for file in complete_benign_files() {
        let base = answer_map(&example(&file));
        let full = answers(&rules, &base);
        assert!(
            backcare_engine::assess(&rules, &full).routine.is_some(),
            "{file} is not benign"
        );
        for id in &questions {
            let question = rules.questionnaire.question(id).expect("a question");
            let mut reduced_map = base.clone();
            reduced_map.remove(id);
            let reduced = answers(&rules, &reduced_map);
            let outcome = backcare_engine::assess(&rules, &reduced);
            let mut problem = |what: String| wrong.push(format!("{file} without {id}: {what}"));
            if flow::is_skipped(&rules.questionnaire, question, &reduced) {
                if outcome.missing.contains(id.as_str()) {
                    problem("named as missing, though it would not be asked".to_owned());
                }
                if outcome.routine.is_none() {
                    problem(format!("no routine (urgency {:?})", outcome.urgency));
                }
                continue;
            }
            let undecided = referring_conditions(&rules)
                .into_iter()
                .filter(|c| c.questions().contains(&id.as_str()))
                .any(|c| {
                    CompiledCondition::new(c, &rules.questionnaire).truth(&reduced)
                        == Truth::Unknown
                });
            if undecided {
                named.insert(id.clone());
                if outcome.urgency.id() != "incomplete" {
                    problem(format!(
                        "urgency {}, expected incomplete",
                        outcome.urgency.id()
                    ));
                }
                if !outcome.missing.contains(id.as_str()) {
                    problem(format!("`missing` does not name it: {:?}", outcome.missing));
                }
                if outcome.routine.is_some() || outcome.referral.is_some() {
                    problem("a routine or referral despite the gap".to_owned());
                }
            } else {
                // Settled by the other answers: prove no answer to it could have fired a rule.
                for value in possible_values(&rules, question) {
                    let mut tried = base.clone();
                    tried.insert(id.clone(), value.clone());
                    let given = answers(&rules, &tried);
                    let tried_outcome = backcare_engine::assess(&rules, &given);
                    if tried_outcome.referral.is_some() || tried_outcome.urgency != outcome.urgency
                    {
                        problem(format!(
                            "a routine was given, yet answering {value} would have referred"
                        ));
                    }
                }
                if outcome.routine.is_none() {
                    problem(format!(
                        "no routine although nothing is undecided: {:?}",
                        outcome.urgency
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "unanswered warning signs mishandled:\n  {}",
        wrong.join("\n  ")
    );
    for must in [
        "fever",
        "chest_pain",
        "tingling",
        "trauma",
        "wall_gap_cm",
        "pain_score",
        "age",
    ] {
        assert!(
            named.contains(must),
            "`{must}` was never found missing; the loop checks too little"
        );
    }
}

#[test]
fn a_null_answer_counts_as_unanswered() {
    let rules = rules();
    let mut map = benign_base();
    map.insert("chest_pain".to_owned(), Value::Null);
    let given = answers(&rules, &map);
    let outcome = backcare_engine::assess(&rules, &given);
    assert_eq!(outcome.urgency.id(), "incomplete");
    assert!(outcome.missing.contains("chest_pain"));
    assert_eq!(outcome.missing.iter().collect::<Vec<_>>(), ["chest_pain"]);
    assert!(outcome.routine.is_none());
}

#[test]
fn missing_lists_only_unanswered_questions_in_questionnaire_order() {
    let rules = rules();
    let answers_given = answers(&rules, &answer_map(&example("incomplete.json")));
    let outcome = backcare_engine::assess(&rules, &answers_given);
    assert!(!outcome.missing.is_empty());
    let order: Vec<usize> = outcome
        .missing
        .iter()
        .map(|id| {
            assert!(
                answers_given.get(id).is_none(),
                "{id} is answered but listed as missing"
            );
            rules
                .questionnaire
                .questions
                .iter()
                .position(|q| q.id == id)
                .unwrap_or_else(|| panic!("{id} is not a question"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "not in questionnaire order: {:?}",
        outcome.missing
    );
}

#[test]
fn no_answers_at_all_is_incomplete_and_names_every_always_asked_warning_question() {
    let rules = rules();
    let given = Answers::to(rules.questionnaire.ids());
    let outcome = backcare_engine::assess(&rules, &given);
    assert_eq!(outcome.urgency.id(), "incomplete");
    assert!(outcome.routine.is_none() && outcome.referral.is_none());
    for id in red_flag_questions(&rules) {
        let question = rules.questionnaire.question(&id).expect("a question");
        if question.ask_when.is_none() {
            assert!(
                outcome.missing.contains(id.as_str()),
                "{id} not named as missing"
            );
        }
    }
}

#[test]
fn an_unanswered_exclusion_question_keeps_its_exclusion_while_it_would_be_asked() {
    let rules = rules();
    let base: Map<String, Value> = answer_map(&example("pregnant.json"));
    let chosen = |map: &Map<String, Value>| -> Vec<String> {
        let given = answers(&rules, map);
        let outcome = backcare_engine::assess(&rules, &given);
        let routine = outcome.routine.expect("a routine");
        routine.exercises.iter().map(|e| e.id.clone()).collect()
    };
    // Female, pregnancy not answered: it could still be yes, so lying flat stays out.
    let mut unknown = base.clone();
    unknown.remove("pregnant");
    assert!(!chosen(&unknown).contains(&"posture_reset".to_owned()));
    // Male: the question is not asked, so nothing is left out on its account.
    unknown.insert("sex".to_owned(), Value::from("male"));
    assert!(chosen(&unknown).contains(&"posture_reset".to_owned()));
}
