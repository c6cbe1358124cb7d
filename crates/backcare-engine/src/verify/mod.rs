//! `backcare rules check`: proves a rule set safe before anyone relies on it. Beyond the loading
//! checks (form and references), it tries the answers that matter, exhaustively, to find rules that
//! can never fire, skip conditions that hide a safety question, conflicting or redundant rules,
//! routines that break the policy, and any path where a warning sign ends in a routine.

mod conditions;
mod domain;
mod evidence;
mod flow;
mod routines;
mod safety;

use std::collections::HashMap;

use crate::answers::Answers;
use crate::answers_file::answer_text;
use crate::error::{Problem, Severity};
use crate::ruleset::{RedFlagRule, RuleSet, RuleSources};
use crate::source::{JsonPath, Source};
pub(crate) use domain::{Coverage, Domains};
pub use safety::benign_answers;

/// The most combinations tried for one question about the rules.
const LIMIT: u64 = 500_000;

pub struct Report {
    pub problems: Vec<Problem>,
    /// Answer combinations tried by the deeper checks.
    pub combinations: u64,
    /// False when errors in form or references stopped the deeper checks.
    pub deep_checks_ran: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// How far a check has got: `done` of the `total` items of the step `what`, worded for the
/// progress line that a long check (tens of thousands of rules) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub what: &'static str,
    pub done: usize,
    pub total: usize,
}

/// Checks the rule set in `sources`, telling `progress` of each item it reaches.
pub fn verify(sources: &RuleSources, progress: &mut dyn FnMut(Step)) -> Report {
    let (rules, problems) = RuleSet::load_with_problems(sources);
    let loaded_cleanly = !problems.iter().any(|p| p.severity == Severity::Error);
    let Some(rules) = rules.filter(|_| loaded_cleanly) else {
        return Report {
            problems,
            combinations: 0,
            deep_checks_ran: false,
        };
    };
    let mut context = Context {
        domains: Domains::new(&rules),
        rules: &rules,
        sources,
        problems,
        combinations: 0,
        progress,
    };
    flow::check(&mut context);
    evidence::check(&mut context);
    conditions::check(&mut context);
    let benign = safety::check(&mut context);
    if let Some(benign) = benign {
        routines::check(&mut context, &benign);
    }
    Report {
        problems: context.problems,
        combinations: context.combinations,
        deep_checks_ran: true,
    }
}

pub(crate) struct Context<'a> {
    pub rules: &'a RuleSet,
    pub sources: &'a RuleSources,
    pub domains: Domains,
    pub problems: Vec<Problem>,
    pub combinations: u64,
    progress: &'a mut dyn FnMut(Step),
}

impl Context<'_> {
    /// Tells the progress display that `done` of `total` items of `what` are checked.
    pub(crate) fn reached(&mut self, what: &'static str, done: usize, total: usize) {
        (self.progress)(Step { what, done, total });
    }

    pub(crate) fn error(&mut self, source: &Source, at: &JsonPath, message: String, fix: &str) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix));
    }

    pub(crate) fn warn(&mut self, source: &Source, at: &JsonPath, message: String, fix: &str) {
        self.problems
            .push(Problem::at(source, at, message).fix(fix).warning());
    }

    /// Counts the combinations tried and warns when a check could not try them all.
    pub(crate) fn covered(
        &mut self,
        coverage: Coverage,
        source: &Source,
        at: &JsonPath,
        what: &str,
    ) {
        self.combinations += coverage.tried;
        if coverage.cut_short {
            self.warn(
                source,
                at,
                format!(
                    "{what}: only the first {} answer combinations were tried",
                    coverage.tried
                ),
                "split the condition into smaller rules so it can be checked in full",
            );
        }
    }

    /// Answers as a person would read them: `fever = yes, age = 49.5 years`.
    pub(crate) fn describe(&self, answers: &Answers, questions: &[&str]) -> String {
        let parts: Vec<String> = questions
            .iter()
            .map(
                |id| match self.rules.questionnaire.question(id).zip(answers.get(id)) {
                    Some((question, value)) => format!("{id} = {}", answer_text(question, value)),
                    None => format!("{id} unanswered"),
                },
            )
            .collect();
        parts.join(", ")
    }
}

pub(crate) fn rule_path(index: usize) -> JsonPath {
    JsonPath::root().join("rules").join(index)
}

/// Red-flag rules grouped by what `key` makes of them, in the order each key first appears, each
/// with its place in the file. The checks that try answers run once a group, so copies of a rule
/// cost a line each rather than a search each.
pub(crate) fn rules_alike(
    rules: &[RedFlagRule],
    key: impl Fn(&RedFlagRule) -> serde_json::Value,
) -> Vec<Vec<(usize, &RedFlagRule)>> {
    let mut groups: Vec<Vec<(usize, &RedFlagRule)>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        let next = groups.len();
        let group = *by_key.entry(key(rule).to_string()).or_insert(next);
        if group == next {
            groups.push(Vec::new());
        }
        groups[group].push((index, rule));
    }
    groups
}

/// The questions of several conditions, without repeats, in first-seen order.
pub(crate) fn union<'a>(lists: &[Vec<&'a str>]) -> Vec<&'a str> {
    let mut all: Vec<&str> = Vec::new();
    for question in lists.iter().flatten() {
        if !all.contains(question) {
            all.push(question);
        }
    }
    all
}
