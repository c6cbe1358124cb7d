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
