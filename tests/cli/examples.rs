//! Every example answer file, through the real binary, against tests/data/example-expectations.json.

use std::collections::BTreeSet;

use backcare_engine::flow;
use serde_json::{Map, Value};

use crate::common::*;

fn expectations() -> Map<String, Value> {
    match read_json(&data("example-expectations.json")) {
        Value::Object(map) => map,
        other => panic!("example-expectations.json is not an object: {other}"),
    }
}

#[test]
fn every_example_file_has_an_expectation_and_every_expectation_a_file() {
    let files: BTreeSet<String> = example_files().into_iter().collect();
    let expected: BTreeSet<String> = expectations().keys().cloned().collect();
    let untested: Vec<&String> = files.difference(&expected).collect();
    let stale: Vec<&String> = expected.difference(&files).collect();
    assert!(
        untested.is_empty(),
        "example files with no entry in tests/data/example-expectations.json: {untested:?}"
    );
    assert!(
        stale.is_empty(),
        "expectations for files that do not exist: {stale:?}"
    );
    assert!(
        files.len() >= 12,
        "expected at least 12 example files, found {}",
        files.len()
    );
}

#[test]
fn the_examples_readme_describes_every_example_file() {
    let readme =
        std::fs::read_to_string(examples_dir().join("README.md")).expect("README.md exists");
    let absent: Vec<String> = example_files()
        .into_iter()
        .filter(|name| !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(
        absent.is_empty(),
        "examples/answers/README.md does not mention {absent:?}"
    );
}

/// Checks one outcome against its expectation; returns what did not match.
fn mismatches(name: &str, expect: &Value, outcome: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            wrong.push(format!("{name}: {what}"));
        }
    };
    let urgency = outcome["urgency"].as_str().unwrap_or_default();
    check(
        urgency == expect["urgency"].as_str().expect("urgency in expectation"),
        format!("urgency is {urgency}, expected {}", expect["urgency"]),
    );
    let fired = fired_ids(outcome);
    let want_fired = strings(&expect["fired"]);
    check(
        fired == want_fired,
        format!("fired {fired:?}, expected {want_fired:?}"),
    );
    if !fired.is_empty() {
        check(
            outcome["referral"]["urgency"] == outcome["urgency"],
            format!(
                "referral urgency {} differs from the outcome's",
                outcome["referral"]["urgency"]
            ),
        );
    }
    let categories: Vec<String> = outcome["referral"]["rules"]
        .as_array()
        .map(|rules| {
            rules
                .iter()
                .map(|r| r["category"].as_str().expect("category").to_owned())
                .collect()
        })
        .unwrap_or_default();
    for category in strings(&expect["categories"]) {
        check(
            categories.contains(&category),
            format!("no fired rule has category {category}; categories {categories:?}"),
        );
    }
    if let Some(findings) = expect.get("findings") {
        let got = ids(&outcome["findings"]);
        check(
            got == strings(findings),
            format!("findings {got:?}, expected {findings}"),
        );
    }
    if let Some(advisories) = expect.get("advisories") {
        let got = ids(&outcome["advisories"]);
        check(
            got == strings(advisories),
            format!("advisories {got:?}, expected {advisories}"),
        );
    }
    let missing = strings(&outcome["missing"]);
    for id in strings(&expect["missing_includes"]) {
        check(
            missing.contains(&id),
            format!("`missing` does not name {id}: {missing:?}"),
        );
    }
    let routine = &outcome["routine"];
    let want_routine = expect["routine"].as_bool().expect("routine: true or false");
    check(
        routine.is_null() != want_routine,
        format!(
            "routine present = {}, expected {want_routine}",
            !routine.is_null()
        ),
    );
    if want_routine {
        check(
            outcome["referral"].is_null(),
            "a routine came with a referral".to_owned(),
        );
        check(
            missing.is_empty(),
            format!("a routine came with missing answers {missing:?}"),
        );
    }
    let chosen = ids(&routine["exercises"]);
    for id in strings(&expect["includes"]) {
        check(
            chosen.contains(&id),
            format!("routine lacks {id}: {chosen:?}"),
        );
    }
    for id in strings(&expect["excludes"]) {
        check(
            !chosen.contains(&id),
            format!("routine has {id}, which should be left out"),
        );
    }
    if let Some(Value::Object(left_out)) = expect.get("left_out") {
        let listed = routine["left_out"].as_array().cloned().unwrap_or_default();
        for (id, want) in left_out {
            match listed.iter().find(|l| l["id"] == id.as_str()) {
                None => check(false, format!("{id} is not listed as left out")),
                Some(entry) => {
                    for (field, value) in want.as_object().expect("left_out entry is an object") {
                        check(
                            &entry[field] == value,
                            format!(
                                "left-out {id}: {field} is {}, expected {value}",
                                entry[field]
                            ),
                        );
                    }
                }
            }
        }
    }
    wrong
}

#[test]
fn every_example_gives_its_expected_outcome_through_the_binary() {
    let mut wrong = Vec::new();
    for (name, expect) in expectations() {
        if expect.get("error").is_some() {
            continue;
        }
        let outcome = assess_json(&example(&name));
        assert_eq!(outcome["schema_version"], 1, "{name}: schema_version");
        wrong.extend(mismatches(&name, &expect, &outcome));
    }
    assert!(
        wrong.is_empty(),
        "examples that did not match:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn example_files_expected_to_fail_fail_as_described() {
    for (name, expect) in expectations() {
        let Some(error) = expect.get("error") else {
            continue;
        };
        let output = backcare()
            .args(["assess", "--answers"])
            .arg(format!("examples/answers/{name}"))
            .output()
            .expect("backcare runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            error["exit_code"].as_i64().map(|c| c as i32),
            "{name}: exit code; stderr:\n{stderr}"
        );
        assert!(
            output.stdout.is_empty(),
            "{name}: printed an outcome despite the error"
        );
        for needle in strings(&error["stderr_includes"]) {
            assert!(
                stderr.contains(&needle),
                "{name}: stderr lacks {needle:?}:\n{stderr}"
            );
        }
        assert_no_panic(&stderr);
    }
}

#[test]
fn examples_meant_to_be_complete_answer_every_question_that_would_be_asked() {
    let rules = rules();
    for (name, expect) in expectations() {
        if expect.get("error").is_some() || expect["complete"] == false {
            continue;
        }
        let answers = answers(&rules, &answer_map(&example(&name)));
        let unanswered: Vec<&str> = flow::asked(&rules.questionnaire, &answers)
            .into_iter()
            .filter(|q| answers.get(&q.id).is_none())
            .map(|q| q.id.as_str())
            .collect();
        assert!(
            unanswered.is_empty(),
            "{name} leaves unanswered: {unanswered:?}"
        );
    }
}

#[test]
fn benign_examples_stay_clear_of_the_age_duration_and_pain_thresholds() {
    for (name, expect) in expectations() {
        if expect["urgency"] != "self_care" {
            continue;
        }
        let answers = answer_map(&example(&name));
        let number = |id: &str| {
            answers[id]
                .as_f64()
                .unwrap_or_else(|| panic!("{name}: {id}"))
        };
        assert!((20.0..50.0).contains(&number("age")), "{name}: age");
        assert!(number("duration_days") < 42.0, "{name}: duration_days");
        assert!(number("pain_score") < 8.0, "{name}: pain_score");
    }
}

#[test]
fn the_library_and_the_binary_agree_on_every_example() {
    let rules = rules();
    for (name, expect) in expectations() {
        if expect.get("error").is_some() {
            continue;
        }
        let given = answers(&rules, &answer_map(&example(&name)));
        let outcome = backcare_engine::assess(&rules, &given);
        assert_eq!(
            outcome_value(&outcome),
            assess_json(&example(&name)),
            "{name}: library and binary differ"
        );
    }
}

#[test]
fn the_same_file_gives_byte_identical_output_twice() {
    let run = || {
        backcare()
            .args([
                "assess",
                "--json",
                "--answers",
                "examples/answers/pregnant.json",
            ])
            .output()
            .expect("backcare runs")
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}

#[test]
fn answers_can_come_from_standard_input() {
    let text = std::fs::read_to_string(example("fever.json")).expect("fever.json");
    let output = backcare()
        .args(["assess", "--json", "--answers", "-"])
        .write_stdin(text)
        .output()
        .expect("backcare runs");
    assert!(output.status.success());
    let outcome: Value = serde_json::from_slice(&output.stdout).expect("JSON outcome");
    assert_eq!(outcome["urgency"], "urgent");
    assert_eq!(fired_ids(&outcome), ["fever_with_back_pain"]);
}

/// The exclusion, not a lack of time, keeps the exercise out: answering the other way lets it in.
fn flipping_lets_it_back_in(file: &str, question: &str, exercise: &str) {
    let rules = rules();
    let mut map = answer_map(&example(file));
    let given = answers(&rules, &map);
    let with = backcare_engine::assess(&rules, &given);
    let chosen = |outcome: &backcare_engine::Outcome| -> Vec<String> {
        let routine = outcome.routine.as_ref().expect("a routine");
        routine.exercises.iter().map(|e| e.id.clone()).collect()
    };
    assert!(
        !chosen(&with).contains(&exercise.to_owned()),
        "{file}: {exercise} is in the routine"
    );
    map.insert(question.to_owned(), Value::Bool(false));
    let given = answers(&rules, &map);
    let without = backcare_engine::assess(&rules, &given);
    assert!(
        chosen(&without).contains(&exercise.to_owned()),
        "{file} with {question} = false: {exercise} still missing, so the example does not show the exclusion"
    );
}

#[test]
fn the_lower_back_example_drops_the_forward_fold_only_because_of_the_lower_back() {
    flipping_lets_it_back_in(
        "lower-back-problems.json",
        "lower_back_problems",
        "standing_forward_fold",
    );
}

#[test]
fn the_pregnancy_example_drops_the_posture_reset_only_because_of_the_pregnancy() {
    flipping_lets_it_back_in("pregnant.json", "pregnant", "posture_reset");
}
