//! Warnings for definitions nothing uses: questions no rule reads, exercises never chosen, tags
//! no exercise carries, findings that add nothing.

use std::collections::BTreeSet;

use super::{path, Checker};
use crate::ruleset::RuleSources;

impl Checker<'_> {
    /// Definitions nothing uses: not wrong, but usually a slip.
    pub(super) fn unused(&mut self, sources: &RuleSources) {
        let rules = self.rules;
        let policy = &rules.policy;
        let mut read: BTreeSet<&str> = BTreeSet::new();
        for condition in rules.conditions() {
            read.extend(condition.questions());
        }
        read.insert(&policy.equipment_question);
        read.insert(&policy.minutes_question);
        for (index, question) in rules.questionnaire.questions.iter().enumerate() {
            if !read.contains(question.id.as_str()) {
                self.warn(
                    &sources.questionnaire,
                    &path(&["questions"]).join(index).join("id"),
                    format!(
                        "question `{}` is asked but no rule reads its answer",
                        question.id
                    ),
                    "use it in a rule, or remove it to keep the questionnaire short",
                );
            }
        }
        let picked: BTreeSet<&str> = policy
            .base
            .iter()
            .chain(policy.findings.values().flat_map(|f| f.add.iter()))
            .map(|p| p.exercise.as_str())
            .collect();
        for (index, exercise) in rules.exercises.exercises.iter().enumerate() {
            if !picked.contains(exercise.id.as_str()) {
                self.warn(
                    &sources.exercises,
                    &path(&["exercises"]).join(index).join("id"),
                    format!("exercise `{}` is never chosen", exercise.id),
                    "add it to `base` or to a finding's `add` list in policy.json",
                );
            }
        }
        let carried: BTreeSet<&str> = rules
            .exercises
            .exercises
            .iter()
            .flat_map(|e| e.tags.iter().map(String::as_str))
            .collect();
        for tag in policy.tags.keys() {
            if !carried.contains(tag.as_str()) {
                self.warn(
                    &sources.policy,
                    &path(&["tags", tag]),
                    format!("tag `{tag}` is described but no exercise carries it"),
                    "tag the exercises it applies to, or remove it",
                );
            }
        }
        for (index, finding) in rules.postures.findings.iter().enumerate() {
            if !policy.findings.contains_key(&finding.id) {
                self.warn(
                    &sources.postures,
                    &path(&["findings"]).join(index).join("id"),
                    format!("finding `{}` adds nothing to the routine", finding.id),
                    "give it an entry under `findings` in policy.json",
                );
            }
        }
    }
}
