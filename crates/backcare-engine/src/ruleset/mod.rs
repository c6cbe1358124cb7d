//! The rule set: the five files of `rules/`, loaded and checked whole before anything uses them.

pub(crate) mod compiled;
pub(crate) mod exercises;
pub mod figures;
pub mod policy;
pub(crate) mod postures;
pub mod prepared;
pub(crate) mod programme;
pub(crate) mod questionnaire;
pub(crate) mod red_flags;
pub(crate) mod screening;
mod validate;

use serde::de::DeserializeOwned;

use crate::error::{Error, Problem, Severity};
use crate::json;
use crate::source::Source;
pub use compiled::CompiledRules;
pub use exercises::{Dose, Exercise, Exercises, Phase};
pub use policy::Policy;
pub use postures::Postures;
use prepared::Prepared;
pub use questionnaire::{Question, QuestionKind, Questionnaire, RetiredQuestion};
pub use red_flags::{Category, Professional, RedFlagRule, RedFlags, ReferralUrgency};
use screening::Screening;
pub(crate) use validate::check;

pub const FILE_NAMES: [&str; 5] = [
    "questionnaire.json",
    "red_flags.json",
    "postures.json",
    "exercises.json",
    "policy.json",
];

/// The text of the five rule files, kept so that problems can be pointed at.
#[derive(Debug, Clone)]
pub struct RuleSources {
    pub questionnaire: Source,
    pub red_flags: Source,
    pub postures: Source,
    pub exercises: Source,
    pub policy: Source,
}

impl RuleSources {
    /// The rules built into the binary.
    pub fn embedded() -> Self {
        let built_in =
            |name: &str, text: &str| Source::new(format!("rules/{name} (built in)"), text);
        RuleSources {
            questionnaire: built_in(
                "questionnaire.json",
                include_str!("../../../../rules/questionnaire.json"),
            ),
            red_flags: built_in(
                "red_flags.json",
                include_str!("../../../../rules/red_flags.json"),
            ),
            postures: built_in(
                "postures.json",
                include_str!("../../../../rules/postures.json"),
            ),
            exercises: built_in(
                "exercises.json",
                include_str!("../../../../rules/exercises.json"),
            ),
            policy: built_in("policy.json", include_str!("../../../../rules/policy.json")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub questionnaire: Questionnaire,
    pub red_flags: RedFlags,
    pub postures: Postures,
    pub exercises: Exercises,
    pub policy: Policy,
    /// The catalogue and policy worked out for building routines quickly.
    pub(crate) prepared: Prepared,
    /// Every condition, compiled against the questionnaire.
    pub(crate) compiled: CompiledRules,
    /// The warning-sign rules worked out for screening quickly.
    pub(crate) screening: Screening,
}

impl RuleSet {
    /// The rules built into the binary. They are read straight into their types, without the
    /// careful reading and the checks a rule folder gets: CI proves them with `rules check` (and a
    /// test keeps that true), and every run starts with them, so start-up pays only for the
    /// parse. Should they ever fail to parse, the careful load says where.
    pub fn embedded() -> Result<Self, Error> {
        let sources = RuleSources::embedded();
        let fast = || -> serde_json::Result<Self> {
            Ok(RuleSet::assemble(
                serde_json::from_str(&sources.questionnaire.text)?,
                serde_json::from_str(&sources.red_flags.text)?,
                serde_json::from_str(&sources.postures.text)?,
                serde_json::from_str(&sources.exercises.text)?,
                serde_json::from_str(&sources.policy.text)?,
            ))
        };
        fast().or_else(|_| Self::load(&sources).map(|(rules, _warnings)| rules))
    }

    /// Every condition in the rule set: when questions are asked, red flags, findings,
    /// exclusions and advisories.
    pub(crate) fn conditions(&self) -> impl Iterator<Item = &crate::condition::Condition> {
        let policy = &self.policy;
        self.questionnaire
            .questions
            .iter()
            .filter_map(|q| q.ask_when.as_ref())
            .chain(self.red_flags.rules.iter().map(|r| &r.when))
            .chain(self.postures.findings.iter().map(|f| &f.when))
            .chain(policy.exclusions.iter().map(|e| &e.when))
            .chain(policy.advisories.iter().map(|a| &a.when))
    }

    /// Parses every file, then checks the whole set. Errors stop loading; the warnings come back
    /// with the rule set.
    pub fn load(sources: &RuleSources) -> Result<(Self, Vec<Problem>), Error> {
        let (rules, problems) = Self::load_with_problems(sources);
        match rules {
            Some(rules) if !problems.iter().any(|p| p.severity == Severity::Error) => {
                Ok((rules, problems))
            }
            _ => Err(Error::Rules(problems)),
        }
    }

    /// The rule set if every file parses, and every problem found, warnings included.
    pub fn load_with_problems(sources: &RuleSources) -> (Option<Self>, Vec<Problem>) {
        let mut problems = Vec::new();
        let questionnaire = parse(&sources.questionnaire, &mut problems);
        let red_flags = parse(&sources.red_flags, &mut problems);
        let postures = parse(&sources.postures, &mut problems);
        let exercises = parse(&sources.exercises, &mut problems);
        let policy = parse(&sources.policy, &mut problems);
        let (Some(questionnaire), Some(red_flags), Some(postures), Some(exercises), Some(policy)) =
            (questionnaire, red_flags, postures, exercises, policy)
        else {
            return (None, problems);
        };
        let rules = RuleSet::assemble(questionnaire, red_flags, postures, exercises, policy);
        problems.extend(check(&rules, sources));
        (Some(rules), problems)
    }

    /// The parsed files (each already indexed as it was read) joined into a rule set, with what
    /// needs more than one file, worked out once: every condition compiled against the
    /// questionnaire, the screen's sets of slots, prepared routines.
    fn assemble(
        questionnaire: Questionnaire,
        red_flags: RedFlags,
        postures: Postures,
        exercises: Exercises,
        policy: Policy,
    ) -> Self {
        let prepared = Prepared::new(&questionnaire, &exercises, &policy);
        let mut rules = RuleSet {
            questionnaire,
            red_flags,
            postures,
            exercises,
            policy,
            prepared,
            compiled: CompiledRules::default(),
            screening: Screening::default(),
        };
        rules.compile();
        rules
    }

    /// The same rule set with other red-flag rules, ready to screen with: the rule check tries
    /// the engine on sets made this way.
    pub fn with_red_flags(&self, red_flags: Vec<RedFlagRule>) -> Self {
        let mut rules = self.clone();
        rules.red_flags.rules = red_flags;
        rules.compile();
        rules
    }

    /// Every condition's compiled form: what the engine evaluates.
    pub fn compiled(&self) -> &CompiledRules {
        &self.compiled
    }

    fn compile(&mut self) {
        self.compiled = CompiledRules::new(
            &self.questionnaire,
            &self.red_flags,
            &self.postures,
            &self.policy,
        );
        self.screening = Screening::new(self);
    }
}

fn parse<T: DeserializeOwned>(source: &Source, problems: &mut Vec<Problem>) -> Option<T> {
    json::read(source)
        .map_err(|found| problems.extend(found))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast read falls back to the careful one on failure, so the test below would pass
    /// even if the fast read refused the files; this one reads each file the fast way.
    #[test]
    fn the_fast_read_takes_the_built_in_files_with_their_schema_key() {
        let sources = RuleSources::embedded();
        let schema = |file: &str| Some(format!("schema/{file}.schema.json"));
        let read: Questionnaire = serde_json::from_str(&sources.questionnaire.text).unwrap();
        assert_eq!(read.schema, schema("questionnaire"));
        let read: RedFlags = serde_json::from_str(&sources.red_flags.text).unwrap();
        assert_eq!(read.schema, schema("red_flags"));
        let read: Postures = serde_json::from_str(&sources.postures.text).unwrap();
        assert_eq!(read.schema, schema("postures"));
        let read: Exercises = serde_json::from_str(&sources.exercises.text).unwrap();
        assert_eq!(read.schema, schema("exercises"));
        let read: Policy = serde_json::from_str(&sources.policy.text).unwrap();
        assert_eq!(read.schema, schema("policy"));
    }

    #[test]
    fn the_built_in_rules_read_fast_are_the_ones_the_careful_load_checks() {
        let (checked, problems) = RuleSet::load(&RuleSources::embedded()).unwrap();
        assert_eq!(problems, Vec::new(), "the built-in rules must check clean");
        let fast = RuleSet::embedded().unwrap();
        let json = |rules: &RuleSet| {
            serde_json::to_value((
                &rules.questionnaire,
                &rules.red_flags,
                &rules.postures,
                &rules.exercises,
                &rules.policy,
            ))
            .unwrap()
        };
        assert_eq!(json(&fast), json(&checked));
        // What is worked out at load, which the files do not show.
        let (fast_compiled, checked_compiled) = (fast.compiled(), checked.compiled());
        assert_eq!(fast_compiled.red_flags, checked_compiled.red_flags);
        assert_eq!(fast_compiled.advisories, checked_compiled.advisories);
        assert_eq!(
            fast.questionnaire.position("fever"),
            checked.questionnaire.position("fever")
        );
    }
}
