//! The built-in rule set: every reference resolves and nothing is an error.

use backcare_engine::error::Severity;
use backcare_engine::ruleset::{RuleSet, RuleSources};

use crate::common::*;

fn describe(problems: &[backcare_engine::error::Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "{:?} {}:{}:{}: {}",
                p.severity, p.file, p.line, p.column, p.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

#[test]
fn the_built_in_rules_load_with_no_errors() {
    let (rules, problems) = RuleSet::load_with_problems(&RuleSources::embedded());
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "the built-in rules have errors:\n  {}\n(all problems, warnings included:\n  {})",
        describe(&errors),
        describe(&problems)
    );
    assert!(
        rules.is_some(),
        "the rule set did not load; problems:\n  {}",
        describe(&problems)
    );
}

#[test]
fn the_rules_folder_on_disk_loads_and_matches_the_built_in_rules() {
    let from_disk = backcare::rule_folder::read(&root().join("rules")).expect("rules/ can be read");
    let (rules, problems) = RuleSet::load_with_problems(&from_disk);
    assert!(
        rules.is_some(),
        "rules/ does not load:\n  {}",
        describe(&problems)
    );
    let embedded = RuleSources::embedded();
    for (disk, built_in) in [
        (&from_disk.questionnaire, &embedded.questionnaire),
        (&from_disk.red_flags, &embedded.red_flags),
        (&from_disk.postures, &embedded.postures),
        (&from_disk.exercises, &embedded.exercises),
        (&from_disk.policy, &embedded.policy),
    ] {
        assert_eq!(
            disk.text, built_in.text,
            "{} differs from the built-in copy",
            disk.name
        );
    }
}

#[test]
fn every_referenced_id_exists() {
    // Checked here directly as well as by the rule-set check, so a gap in the check shows up.
    let rules = rules();
    let question = |id: &str| rules.questionnaire.question(id).is_some();
    let conditions = rules
        .red_flags
        .rules
        .iter()
        .map(|r| (r.id.as_str(), &r.when))
        .chain(
            rules
                .postures
                .findings
                .iter()
                .map(|f| (f.id.as_str(), &f.when)),
        )
        .chain(
            rules
                .policy
                .exclusions
                .iter()
                .map(|e| (e.id.as_str(), &e.when)),
        )
        .chain(
            rules
                .policy
                .advisories
                .iter()
                .map(|a| (a.id.as_str(), &a.when)),
        )
        .chain(
            rules
                .questionnaire
                .questions
                .iter()
                .filter_map(|q| q.ask_when.as_ref().map(|c| (q.id.as_str(), c))),
        );
    for (owner, condition) in conditions {
        for id in condition.questions() {
            assert!(question(id), "{owner} reads unknown question `{id}`");
        }
    }
    let picks = rules
        .policy
        .base
        .iter()
        .chain(rules.policy.findings.values().flat_map(|f| f.add.iter()));
    for pick in picks {
        assert!(
            rules.exercises.get(&pick.exercise).is_some(),
            "unknown exercise `{}`",
            pick.exercise
        );
    }
    let equipment = rules
        .questionnaire
        .question(&rules.policy.equipment_question)
        .expect("the equipment question");
    for exercise in &rules.exercises.exercises {
        for item in &exercise.equipment {
            assert!(
                equipment.choice(item).is_some(),
                "{} needs unknown `{item}`",
                exercise.id
            );
        }
        for tag in &exercise.tags {
            assert!(
                rules.policy.tags.contains_key(tag),
                "{} carries undescribed tag `{tag}`",
                exercise.id
            );
        }
    }
    for finding in rules.policy.findings.keys() {
        assert!(
            rules.postures.findings.iter().any(|f| &f.id == finding),
            "policy names unknown finding `{finding}`"
        );
    }
}
