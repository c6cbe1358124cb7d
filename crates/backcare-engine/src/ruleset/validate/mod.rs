//! Checks a parsed rule set whole: every id that is used is defined, every value makes sense.
//! Problems point into the file text, so a physiotherapist editing the rules can find them.
//! Each rule file has its checks in a module of its own; the helpers they share are here.

mod condition;
mod exercises;
mod policy;
mod postures;
mod programme;
mod questionnaire;
mod red_flags;
mod unused;

use std::collections::BTreeSet;

use super::{RuleSet, RuleSources};
use crate::error::Problem;
use crate::source::{JsonPath, Source};
use crate::suggest::did_you_mean;

/// Every problem in the rule set, errors and warnings.
pub(crate) fn check(rules: &RuleSet, sources: &RuleSources) -> Vec<Problem> {
    let mut checker = Checker {
        rules,
        problems: Vec::new(),
    };
    checker.questionnaire(&sources.questionnaire);
    checker.red_flags(&sources.red_flags);
    checker.postures(&sources.postures);
    checker.exercises(&sources.exercises);
    checker.policy(&sources.policy);
    checker.unused(sources);
    checker.problems
}

struct Checker<'a> {
    rules: &'a RuleSet,
    problems: Vec<Problem>,
}

fn path(steps: &[&str]) -> JsonPath {
    steps
        .iter()
        .fold(JsonPath::root(), |path, step| path.join(*step))
}

impl<'a> Checker<'a> {
    fn error(&mut self, source: &Source, at: &JsonPath, message: String, fix: impl Into<String>) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix.into()));
    }

    fn warn(&mut self, source: &Source, at: &JsonPath, message: String, fix: impl Into<String>) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix.into()).warning());
    }

    /// Reports repeated and badly formed ids in a list.
    fn ids<'i>(&mut self, source: &Source, list: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen = BTreeSet::new();
        for (index, id) in ids.enumerate() {
            let at = path(&[list]).join(index).join("id");
            if !is_id(id) {
                self.error(
                    source,
                    &at,
                    format!("`{id}` is not a valid id"),
                    "use lower-case letters, digits and `_`, starting with a letter",
                );
            }
            if !seen.insert(id) {
                self.error(
                    source,
                    &at,
                    format!("the id `{id}` is used twice in {list}"),
                    "give each entry its own id",
                );
            }
        }
    }

    /// Reports a tag that policy.json `tags` does not describe.
    fn tag(&mut self, source: &Source, at: &JsonPath, tag: &str) {
        let tags = &self.rules.policy.tags;
        if !tags.contains_key(tag) {
            self.error(
                source,
                at,
                format!("unknown tag `{tag}`"),
                fix_unknown(
                    "a tag described in policy.json `tags`",
                    tag,
                    tags.keys().map(String::as_str),
                ),
            );
        }
    }
}

fn is_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn fix_unknown<'k>(expected: &str, given: &str, known: impl Iterator<Item = &'k str>) -> String {
    match did_you_mean(given, known) {
        Some(close) => format!("did you mean `{close}`? use {expected}"),
        None => format!("use {expected}"),
    }
}
