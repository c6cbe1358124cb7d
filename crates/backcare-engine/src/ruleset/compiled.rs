//! The rule set's conditions compiled against its questionnaire, once, when the rules are put
//! together: what the engine evaluates. Each list follows its rule file, so the compiled condition
//! of `red_flags.rules[i]` is `red_flags[i]`.

use super::policy::{Advisory, Exclusion};
use super::postures::PostureFinding;
use super::{Policy, Postures, Questionnaire, RedFlagRule, RedFlags, RuleSet};
use crate::condition::CompiledCondition;

#[derive(Debug, Clone, Default)]
pub struct CompiledRules {
    pub red_flags: Vec<CompiledCondition>,
    pub findings: Vec<CompiledCondition>,
    pub exclusions: Vec<CompiledCondition>,
    pub advisories: Vec<CompiledCondition>,
}

impl CompiledRules {
    pub(crate) fn new(
        questionnaire: &Questionnaire,
        red_flags: &RedFlags,
        postures: &Postures,
        policy: &Policy,
    ) -> Self {
        let compile = |condition| CompiledCondition::new(condition, questionnaire);
        CompiledRules {
            red_flags: red_flags.rules.iter().map(|r| compile(&r.when)).collect(),
            findings: postures.findings.iter().map(|f| compile(&f.when)).collect(),
            exclusions: policy.exclusions.iter().map(|e| compile(&e.when)).collect(),
            advisories: policy.advisories.iter().map(|a| compile(&a.when)).collect(),
        }
    }
}

/// Each rule of a kind with its compiled condition, in file order.
impl RuleSet {
    pub fn red_flags_compiled(&self) -> impl Iterator<Item = (&RedFlagRule, &CompiledCondition)> {
        self.red_flags.rules.iter().zip(&self.compiled.red_flags)
    }

    pub fn findings_compiled(&self) -> impl Iterator<Item = (&PostureFinding, &CompiledCondition)> {
        self.postures.findings.iter().zip(&self.compiled.findings)
    }

    pub fn exclusions_compiled(&self) -> impl Iterator<Item = (&Exclusion, &CompiledCondition)> {
        self.policy.exclusions.iter().zip(&self.compiled.exclusions)
    }

    pub fn advisories_compiled(&self) -> impl Iterator<Item = (&Advisory, &CompiledCondition)> {
        self.policy.advisories.iter().zip(&self.compiled.advisories)
    }
}
