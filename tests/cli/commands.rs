//! `backcare questions` and `backcare exercises`.

use serde_json::Value;

use crate::common::*;

fn stdout_of(args: &[&str]) -> String {
    let output = backcare().args(args).output().expect("backcare runs");
    assert!(
        output.status.success(),
        "backcare {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn questions_json_parses_and_lists_every_question_in_order() {
    let listed: Value =
        serde_json::from_str(&stdout_of(&["questions", "--json"])).expect("valid JSON");
    let listed_ids = ids(&listed["questions"]);
    let file = read_json(&root().join("rules").join("questionnaire.json"));
    assert_eq!(listed_ids, ids(&file["questions"]));
    let built_in: Vec<String> = rules()
        .questionnaire
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(listed_ids, built_in);
    assert!(
        listed_ids.len() > 40,
        "suspiciously few questions: {}",
        listed_ids.len()
    );
    // Enough to answer from: kinds, options and conditions come along.
    let onset = listed["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "onset")
        .expect("onset");
    assert_eq!(onset["kind"], "one_of");
    assert_eq!(
        ids(&onset["options"]),
        ["sudden", "gradual", "after_trauma"]
    );
}

#[test]
fn questions_text_names_every_question_id() {
    let text = stdout_of(&["questions"]);
    for question in &rules().questionnaire.questions {
        assert!(
            text.contains(&question.id),
            "`backcare questions` omits {}",
            question.id
        );
    }
    assert!(
        text.contains("asked only when"),
        "conditional questions are not marked"
    );
}

#[test]
fn exercises_lists_every_catalogue_id() {
    let text = stdout_of(&["exercises"]);
    let file = read_json(&root().join("rules").join("exercises.json"));
    let catalogue = ids(&file["exercises"]);
    assert!(catalogue.len() > 20);
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for id in &catalogue {
        assert!(
            listed.contains(&id.as_str()),
            "`backcare exercises` omits {id}"
        );
    }
}

#[test]
fn exercises_cat_stretch_shows_its_steps_in_order() {
    let text = stdout_of(&["exercises", "cat_stretch"]);
    let exercise = rules()
        .exercises
        .get("cat_stretch")
        .expect("cat_stretch")
        .clone();
    assert!(text.contains(&exercise.name), "{text}");
    let mut from = 0;
    for (number, step) in exercise.steps.iter().enumerate() {
        let line = format!("{}. {step}", number + 1);
        let at = text[from..]
            .find(&line)
            .unwrap_or_else(|| panic!("step {} missing or out of order:\n{text}", number + 1));
        from += at + line.len();
    }
    assert!(text.contains("You need: nothing"), "{text}");
}

#[test]
fn an_unknown_exercise_fails_with_a_helpful_message() {
    let output = backcare()
        .args(["exercises", "nope"])
        .output()
        .expect("backcare runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("no exercise `nope`"), "{stderr}");
    assert!(
        stderr.contains("backcare exercises"),
        "does not say how to list them:\n{stderr}"
    );
    assert_no_panic(&stderr);

    let output = backcare()
        .args(["exercises", "cat_strech"])
        .output()
        .expect("backcare runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("did you mean `cat_stretch`"), "{stderr}");
}
