//! The project's clinical evidence: cases built from the sources in ../shared/notes, each with the
//! urgency the sources call for, scored through the real binary. The bars are recomputed here from
//! each case's result, so a wrong verdict in the scorer cannot hide a missed case.
//!
//! Two sets: `clinical-cases.json`, the broad one, and `clinical-cases-hard.json`, written by a
//! second reviewer to probe boundaries, atypical emergencies and near misses.

use serde_json::Value;

use crate::common::*;

const CASES: &str = "clinical-cases.json";
const HARD_CASES: &str = "clinical-cases-hard.json";

fn rank(urgency: &str) -> u8 {
    match urgency {
        "self_care" => 0,
        "soon" => 1,
        "urgent" => 2,
        "emergency" => 3,
        other => panic!("not an urgency a complete case can have: {other}"),
    }
}

/// `rules score --json` on a case file, with its exit code.
fn score(file: &str) -> (i32, Value) {
    let output = backcare()
        .args(["rules", "score", "--json"])
        .arg(data(file))
        .output()
        .expect("backcare runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "rules score did not print JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().expect("an exit code"), report)
}

fn results(report: &Value) -> &Vec<Value> {
    report["results"].as_array().expect("a result per case")
}

fn expected(result: &Value) -> &str {
    result["expected"]["urgency"]
        .as_str()
        .expect("an expected urgency")
}

fn got(result: &Value) -> &str {
    result["urgency"].as_str().expect("an urgency")
}

fn describe(result: &Value) -> String {
    format!(
        "{}: expected {}, got {} ({}; fired {})",
        result["id"],
        result["expected"]["urgency"],
        result["urgency"],
        result["summary"],
        result["fired"]
    )
}

#[test]
fn the_case_set_is_large_varied_and_sourced() {
    let hard = read_json(&data(HARD_CASES));
    assert!(hard["cases"].as_array().expect("a list of cases").len() >= 80);
    let cases = read_json(&data(CASES));
    let cases = cases["cases"].as_array().expect("a list of cases");
    let count = |urgency: &str| {
        cases
            .iter()
            .filter(|c| c["expected"]["urgency"] == urgency)
            .count()
    };
    assert!(cases.len() >= 120, "only {} cases", cases.len());
    assert!(
        count("emergency") >= 25,
        "{} emergencies",
        count("emergency")
    );
    assert!(count("urgent") >= 25, "{} urgent", count("urgent"));
    assert!(count("soon") >= 20, "{} soon", count("soon"));
    assert!(count("self_care") >= 50, "{} self-care", count("self_care"));
    for case in cases {
        for field in ["id", "summary", "source"] {
            assert!(
                case[field]
                    .as_str()
                    .is_some_and(|text| !text.trim().is_empty()),
                "a case without a {field}: {}",
                case["id"]
            );
        }
    }
}

#[test]
fn the_rules_meet_every_bar_on_the_clinical_cases() {
    meets_every_bar(CASES);
}

#[test]
fn the_rules_meet_every_bar_on_the_hard_cases() {
    meets_every_bar(HARD_CASES);
}

fn meets_every_bar(file: &str) {
    let (code, report) = score(file);
    let results = results(&report);
    assert_eq!(results.len(), report["cases"].as_u64().unwrap() as usize);

    let missed_emergencies: Vec<String> = results
        .iter()
        .filter(|r| expected(r) == "emergency" && got(r) != "emergency")
        .map(describe)
        .collect();
    assert!(
        missed_emergencies.is_empty(),
        "emergencies missed:\n  {}",
        missed_emergencies.join("\n  ")
    );

    let incomplete: Vec<String> = results
        .iter()
        .filter(|r| got(r) == "incomplete")
        .map(describe)
        .collect();
    assert!(
        incomplete.is_empty(),
        "left incomplete:\n  {}",
        incomplete.join("\n  ")
    );

    let under: Vec<String> = results
        .iter()
        .filter(|r| rank(got(r)) < rank(expected(r)))
        .map(describe)
        .collect();
    assert!(
        under.is_empty(),
        "less urgent than the sources:\n  {}",
        under.join("\n  ")
    );

    let exact = results.iter().filter(|r| got(r) == expected(r)).count();
    assert!(
        exact * 100 >= 95 * results.len(),
        "only {exact} of {} exact",
        results.len()
    );

    let self_care: Vec<&Value> = results
        .iter()
        .filter(|r| expected(r) == "self_care")
        .collect();
    let referred: Vec<String> = self_care
        .iter()
        .filter(|r| got(r) != "self_care")
        .map(|r| describe(r))
        .collect();
    assert!(
        referred.len() * 100 <= 10 * self_care.len(),
        "{} of {} self-care cases referred:\n  {}",
        referred.len(),
        self_care.len(),
        referred.join("\n  ")
    );

    let no_routine_for_referral: Vec<String> = results
        .iter()
        .filter(|r| !r["fired"].as_array().unwrap().is_empty() && r["routine"] == true)
        .map(describe)
        .collect();
    assert!(
        no_routine_for_referral.is_empty(),
        "a routine despite a fired rule:\n  {}",
        no_routine_for_referral.join("\n  ")
    );
    assert_eq!(
        code, 0,
        "the scorer's own verdict disagrees: {}",
        report["passed"]
    );
}

#[test]
fn a_rule_set_that_misses_an_emergency_fails_the_score() {
    // The chest-pain emergency lowered to "soon": the score must notice and exit 4.
    let dir = tempfile::tempdir().expect("tempdir");
    for file in [
        "questionnaire",
        "red_flags",
        "postures",
        "exercises",
        "policy",
    ] {
        std::fs::copy(
            root().join("rules").join(format!("{file}.json")),
            dir.path().join(format!("{file}.json")),
        )
        .expect("copy the rules");
    }
    let path = dir.path().join("red_flags.json");
    let mut rules = read_json(&path);
    for rule in rules["rules"].as_array_mut().unwrap() {
        if rule["id"] == "chest_pain_with_back_pain" {
            rule["urgency"] = Value::from("soon");
        }
    }
    std::fs::write(&path, serde_json::to_string_pretty(&rules).unwrap()).unwrap();
    let output = backcare()
        .arg("--rules")
        .arg(dir.path())
        .args(["rules", "score"])
        .arg(data(CASES))
        .output()
        .expect("backcare runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(4), "{text}");
    assert!(text.contains("NOT MET"), "{text}");
    assert!(text.contains("LESS URGENT"), "{text}");
}

#[test]
fn a_case_that_does_not_fit_the_questionnaire_is_pointed_at() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cases.json");
    std::fs::write(
        &path,
        "{\n  \"cases\": [\n    {\n      \"id\": \"x\",\n      \"summary\": \"s\",\n      \"source\": \"A.1\",\n      \"expected\": {\"urgency\": \"soon\"},\n      \"answers\": {\"age\": 34.5}\n    }\n  ]\n}\n",
    )
    .unwrap();
    let output = backcare()
        .args(["rules", "score"])
        .arg(&path)
        .output()
        .expect("backcare runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cases.json:8:"), "{stderr}");
    assert!(stderr.contains("case `x`"), "{stderr}");
    assert!(stderr.contains("whole number"), "{stderr}");
}
