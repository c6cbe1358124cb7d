//! The text a person reads: headline first, no routine with a referral, the disclaimer once.

use crate::common::*;

fn text_of(file: &str) -> String {
    let output = backcare()
        .args(["assess", "--answers"])
        .arg(example(file))
        .output()
        .expect("backcare runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn exercise_names() -> Vec<String> {
    rules()
        .exercises
        .exercises
        .iter()
        .map(|e| e.name.clone())
        .collect()
}

#[test]
fn emergency_text_leads_with_the_headline_and_gives_no_routine() {
    for file in [
        "chest-pain-exertion.json",
        "tearing-pain.json",
        "sudden-breathlessness.json",
        "serious-accident.json",
        "cord-compression-signs.json",
    ] {
        let text = text_of(file);
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        assert!(
            first.contains("EMERGENCY"),
            "{file}: first line is {first:?}"
        );
        assert!(!text.contains("Your routine"), "{file}: a routine is shown");
        for name in exercise_names() {
            assert!(
                !text.contains(&name),
                "{file}: mentions the exercise {name}"
            );
        }
        assert!(
            text.contains("No exercise routine is given"),
            "{file}: does not say why there is no routine"
        );
        assert!(
            !text.contains('\u{1b}'),
            "{file}: colour codes in piped output"
        );
    }
}

#[test]
fn the_emergency_text_says_what_to_do_first() {
    let text = text_of("chest-pain-exertion.json");
    let rules = rules();
    let action = &rules
        .red_flags
        .rules
        .iter()
        .find(|r| r.id == "chest_pain_with_back_pain")
        .expect("rule")
        .action;
    let second = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(1)
        .unwrap_or_default();
    assert_eq!(second, action.as_str());
}

#[test]
fn the_routine_text_shows_the_routine_and_the_disclaimer_exactly_once() {
    let text = text_of("desk-worker-forward-head.json");
    let disclaimer = rules().policy.disclaimer;
    assert_eq!(
        text.matches(disclaimer.as_str()).count(),
        1,
        "disclaimer count in:\n{text}"
    );
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    assert!(
        first.starts_with("Your routine:"),
        "first line is {first:?}"
    );
    assert!(
        text.contains("Chin tuck") || text.contains("chin tuck"),
        "{text}"
    );
    assert!(!text.contains("EMERGENCY"));
}

#[test]
fn every_text_outcome_carries_the_disclaimer_once() {
    let disclaimer = rules().policy.disclaimer;
    for file in example_files() {
        if file == "malformed.json" {
            continue;
        }
        let text = text_of(&file);
        assert_eq!(text.matches(disclaimer.as_str()).count(), 1, "{file}");
    }
}

#[test]
fn the_long_pain_text_gives_the_routine_and_the_advice_to_book_a_visit() {
    let text = text_of("long-lasting-pain.json");
    assert!(text.contains("Your routine:"));
    assert!(
        text.contains("See a doctor or physiotherapist within days"),
        "{text}"
    );
}

#[test]
fn the_incomplete_text_lists_what_to_answer_and_gives_no_routine() {
    let text = text_of("incomplete.json");
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    assert!(first.contains("not complete"), "first line is {first:?}");
    assert!(
        text.contains("(fever)") && text.contains("(chest_pain)"),
        "{text}"
    );
    assert!(!text.contains("Your routine"));
}

/// The text of an answers file built from the benign base with these answers changed.
fn text_with(changes: serde_json::Value) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut map = benign_base();
    for (id, value) in changes.as_object().expect("an object of changes") {
        map.insert(id.clone(), value.clone());
    }
    let path = dir.path().join("answers.json");
    std::fs::write(&path, serde_json::Value::Object(map).to_string()).unwrap();
    let output = backcare()
        .args(["assess", "--answers"])
        .arg(&path)
        .output()
        .expect("backcare runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn a_referral_that_needs_a_doctor_never_offers_a_physiotherapist_instead() {
    // Urine trouble alone, and urine trouble beside a sign a physiotherapist could see: either way
    // the headline and the first action say doctor, as the urine rule's own action does.
    for changes in [
        serde_json::json!({"urinary_symptoms": true}),
        serde_json::json!({"urinary_symptoms": true, "pain_radiates_around_ribs": true}),
        serde_json::json!({"pain_with_meals_or_heartburn": true}),
    ] {
        let text = text_with(changes.clone());
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let headline = lines.next().unwrap();
        let action = lines.next().unwrap();
        assert_eq!(headline, "See a doctor within days", "{changes}:\n{text}");
        assert!(
            action.contains("your doctor") && !action.contains("physiotherapist"),
            "{changes}: the first action\n{text}"
        );
    }
    let text = text_with(serde_json::json!({"pain_radiates_around_ribs": true}));
    assert!(
        text.starts_with("See a doctor or physiotherapist within days"),
        "{text}"
    );
}

#[test]
fn an_emergency_shows_only_what_matters_now_and_each_thing_to_avoid_once() {
    // Chest pain (an emergency) beside fever and weight loss (same day): the emergency's advice
    // leads, the others are named for whoever takes over, and no line to avoid repeats.
    let text = text_with(serde_json::json!({
        "chest_pain": true,
        "fever": true,
        "unexplained_weight_loss": true,
    }));
    assert!(text.starts_with("EMERGENCY"), "{text}");
    assert!(text.contains("While you wait for help, avoid"), "{text}");
    assert!(text.contains("Also tell them about"), "{text}");
    assert!(text.contains("Fever with back pain"), "{text}");
    let why_fever = "A high temperature with back pain can mean an infection";
    assert!(
        !text.contains(why_fever),
        "the same-day explanations crowd out the emergency:\n{text}"
    );
    let avoid: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("avoid"))
        .skip(1)
        .take_while(|l| l.starts_with("  - "))
        .collect();
    assert!(!avoid.is_empty(), "{text}");
    let mut unique = avoid.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), avoid.len(), "repeated lines: {avoid:?}");

    // Not an emergency: every sign keeps its explanation, and shared advice is said once.
    let text = text_with(serde_json::json!({"fever": true, "unexplained_weight_loss": true}));
    assert!(text.contains(why_fever), "{text}");
    assert_eq!(
        text.matches("Stretching or exercising the painful area")
            .count(),
        1,
        "{text}"
    );
}

#[test]
fn arching_always_means_bending_backwards() {
    // One word, one meaning: an exercise that rounds the back never tells anyone to arch it.
    for exercise in &rules().exercises.exercises {
        let rounds = exercise.tags.iter().any(|t| t == "spinal_flexion");
        let extends = exercise.tags.iter().any(|t| t == "spinal_extension");
        if rounds && !extends {
            for step in &exercise.steps {
                assert!(
                    !step.to_lowercase().contains("arch"),
                    "{} rounds the back but says: {step}",
                    exercise.id
                );
            }
        }
    }
}
