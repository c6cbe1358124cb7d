//! Every red-flag rule fires on its case from tests/data/red-flag-cases.json, and every rule has one.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::common::*;

struct Case {
    label: String,
    rule: Option<String>,
    overlay: Map<String, Value>,
    urgency: String,
    fires: Option<Vec<String>>,
}

fn cases(list: &str) -> Vec<Case> {
    let table = read_json(&data("red-flag-cases.json"));
    table[list]
        .as_array()
        .unwrap_or_else(|| panic!("red-flag-cases.json has no `{list}` list"))
        .iter()
        .enumerate()
        .map(|(index, case)| {
            let rule = case["rule"].as_str().map(str::to_owned);
            Case {
                label: format!(
                    "{list}[{index}] {}",
                    rule.as_deref().or(case["about"].as_str()).unwrap_or("")
                ),
                rule,
                overlay: case["overlay"]
                    .as_object()
                    .expect("overlay is an object")
                    .clone(),
                urgency: case["urgency"].as_str().expect("urgency").to_owned(),
                fires: case.get("fires").map(strings),
            }
        })
        .collect()
}

fn assess_overlay(overlay_map: &Map<String, Value>) -> Value {
    let rules = rules();
    let answers = answers(&rules, &overlay(&benign_base(), overlay_map));
    outcome_value(&backcare_engine::assess(&rules, &answers))
}

#[test]
fn the_benign_base_fires_nothing_and_gets_a_routine() {
    let outcome = assess_overlay(&Map::new());
    assert_eq!(outcome["urgency"], "self_care");
    assert!(
        outcome["referral"].is_null(),
        "the base fired: {:?}",
        fired_ids(&outcome)
    );
    assert_eq!(strings(&outcome["missing"]), Vec::<String>::new());
    assert!(!outcome["routine"].is_null());
}

#[test]
fn every_red_flag_rule_fires_on_its_case_and_no_routine_is_given() {
    let rules = rules();
    let mut wrong = Vec::new();
    for case in cases("cases") {
        let rule_id = case.rule.clone().expect("a case names its rule");
        let rule = rules
            .red_flags
            .rules
            .iter()
            .find(|r| r.id == rule_id)
            .unwrap_or_else(|| panic!("{}: no rule `{rule_id}` in red_flags.json", case.label));
        let outcome = assess_overlay(&case.overlay);
        let fired = outcome["referral"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut problem = |what: String| wrong.push(format!("{}: {what}", case.label));
        match fired.iter().find(|r| r["id"] == rule_id.as_str()) {
            None => problem(format!("did not fire; fired {:?}", fired_ids(&outcome))),
            Some(entry) => {
                let own = serde_json::to_value(rule.urgency).expect("urgency serialises");
                if entry["urgency"] != own {
                    problem(format!(
                        "fired with urgency {}, the rule says {own}",
                        entry["urgency"]
                    ));
                }
                let category = serde_json::to_value(rule.category).expect("category serialises");
                if entry["category"] != category {
                    problem(format!(
                        "category {}, the rule says {category}",
                        entry["category"]
                    ));
                }
                if entry["triggered_by"]
                    .as_array()
                    .is_none_or(|t| t.is_empty())
                {
                    problem("names no answer that triggered it".to_owned());
                }
            }
        }
        if outcome["urgency"] != case.urgency.as_str() {
            problem(format!(
                "urgency {}, expected {}",
                outcome["urgency"], case.urgency
            ));
        }
        if !outcome["routine"].is_null() {
            problem("a routine was given".to_owned());
        }
        if let Some(fires) = &case.fires {
            let got = fired_ids(&outcome);
            if &got != fires {
                problem(format!("fired {got:?}, expected exactly {fires:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "red-flag cases that failed:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn fired_rules_are_listed_highest_urgency_first() {
    let rank = |u: &Value| match u.as_str() {
        Some("emergency") => 0,
        Some("urgent") => 1,
        Some("soon") => 2,
        other => panic!("unexpected referral urgency {other:?}"),
    };
    for case in cases("cases") {
        let outcome = assess_overlay(&case.overlay);
        let ranks: Vec<i32> = outcome["referral"]["rules"]
            .as_array()
            .expect("a referral")
            .iter()
            .map(|r| rank(&r["urgency"]))
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{}: order {ranks:?}",
            case.label
        );
        assert_eq!(
            outcome["referral"]["urgency"], outcome["referral"]["rules"][0]["urgency"],
            "{}: the referral takes the highest urgency",
            case.label
        );
    }
}

#[test]
fn every_rule_in_the_rule_set_has_a_case_and_every_case_a_rule() {
    let rules = rules();
    let defined: BTreeSet<String> = rules.red_flags.rules.iter().map(|r| r.id.clone()).collect();
    let covered: BTreeSet<String> = cases("cases").into_iter().filter_map(|c| c.rule).collect();
    let uncovered: Vec<&String> = defined.difference(&covered).collect();
    let unknown: Vec<&String> = covered.difference(&defined).collect();
    assert!(
        uncovered.is_empty(),
        "red-flag rules without a case in tests/data/red-flag-cases.json: {uncovered:?}"
    );
    assert!(
        unknown.is_empty(),
        "cases for rules that do not exist: {unknown:?}"
    );
}

#[test]
fn the_case_table_covers_the_rules_file_on_disk_too() {
    // The binary embeds rules/ at build time; this reads the file itself, in case the two drift.
    let on_disk = read_json(&root().join("rules").join("red_flags.json"));
    let covered: BTreeSet<String> = cases("cases").into_iter().filter_map(|c| c.rule).collect();
    for rule in on_disk["rules"].as_array().expect("rules list") {
        let id = rule["id"].as_str().expect("rule id");
        assert!(
            covered.contains(id),
            "rules/red_flags.json rule `{id}` has no case"
        );
    }
}

#[test]
fn near_misses_fire_nothing_and_keep_the_routine() {
    for case in cases("near_misses") {
        let outcome = assess_overlay(&case.overlay);
        assert_eq!(
            fired_ids(&outcome),
            Vec::<String>::new(),
            "{}: fired",
            case.label
        );
        assert_eq!(
            outcome["urgency"],
            case.urgency.as_str(),
            "{}: urgency",
            case.label
        );
        assert!(!outcome["routine"].is_null(), "{}: no routine", case.label);
    }
}

#[test]
fn a_fired_rule_wins_over_unanswered_questions() {
    // Fever alone is enough for a referral, even with other warning signs unanswered. Only the
    // unanswered questions that could make it more urgent are listed: chest pain could mean an
    // emergency; a cancer history could only mean "today" again.
    let mut overlay_map = Map::new();
    overlay_map.insert("fever".into(), Value::Bool(true));
    overlay_map.insert("chest_pain".into(), Value::Null);
    overlay_map.insert("history_of_cancer".into(), Value::Null);
    let outcome = assess_overlay(&overlay_map);
    assert_eq!(outcome["urgency"], "urgent");
    assert!(fired_ids(&outcome).contains(&"fever_with_back_pain".to_owned()));
    let missing = strings(&outcome["missing"]);
    assert!(missing.contains(&"chest_pain".to_owned()), "{missing:?}");
    assert!(
        !missing.contains(&"history_of_cancer".to_owned()),
        "{missing:?}"
    );
    assert!(outcome["routine"].is_null());
}
