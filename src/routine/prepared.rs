//! What the routine builder needs from the rule set, worked out once when the rules load: each
//! exercise's phase rank, time, tags and equipment as bits, and the policy's picks as catalogue
//! positions. Building a routine is then mostly integer work.

use std::collections::HashMap;

use crate::ruleset::{Exercises, Policy, Questionnaire};

/// Bits of a 64-bit set: the rule check keeps tags and equipment options within that.
pub type Bits = u64;

/// (catalogue position, priority) of each exercise a policy list picks.
pub type Picks = Vec<(usize, u32)>;

#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub exercises: Vec<ExerciseFacts>,
    /// The everyday routine.
    pub base: Picks,
    /// Per finding id: its picks and the tags it rules out.
    pub findings: HashMap<String, (Picks, Bits)>,
    /// The tags each policy exclusion rules out, in the order of `policy.exclusions`.
    pub exclusions: Vec<Bits>,
    pub equipment_slot: usize,
    pub minutes_slot: usize,
    /// Equipment option ids, in bit order.
    pub equipment_options: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ExerciseFacts {
    pub phase_rank: usize,
    pub goes_last: bool,
    pub seconds: u32,
    pub tags: Bits,
    /// The bit of each of the exercise's tags, in the order of `Exercise::tags`.
    pub tag_bits: Vec<Bits>,
    pub equipment: Bits,
}

fn bit(names: &[&str], name: &str) -> Bits {
    names
        .iter()
        .position(|n| *n == name)
        .filter(|at| *at < 64)
        .map_or(0, |at| 1 << at)
}

impl Prepared {
    /// Unknown ids are skipped here: the rule check reports them, and a rule set with errors is
    /// never used to build routines.
    pub fn new(questionnaire: &Questionnaire, exercises: &Exercises, policy: &Policy) -> Self {
        let tags: Vec<&str> = policy.tags.keys().map(String::as_str).collect();
        let tag_set = |list: &[String]| list.iter().fold(0, |set, t| set | bit(&tags, t));
        let equipment_options: Vec<String> = questionnaire
            .question(&policy.equipment_question)
            .map(|q| q.options.iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default();
        let equipment: Vec<&str> = equipment_options.iter().map(String::as_str).collect();
        let picks = |list: &[crate::ruleset::policy::Pick]| -> Picks {
            list.iter()
                .filter_map(|p| exercises.position(&p.exercise).map(|at| (at, p.priority)))
                .collect()
        };
        Prepared {
            exercises: exercises
                .exercises
                .iter()
                .map(|e| ExerciseFacts {
                    phase_rank: policy
                        .phase_order
                        .iter()
                        .position(|p| *p == e.phase)
                        .unwrap_or(usize::MAX),
                    goes_last: e.tags.iter().any(|t| policy.last_in_phase.contains(t)),
                    seconds: e.dose.seconds(policy.seconds_per_rep, policy.setup_seconds),
                    tags: tag_set(&e.tags),
                    tag_bits: e.tags.iter().map(|t| bit(&tags, t)).collect(),
                    equipment: e
                        .equipment
                        .iter()
                        .fold(0, |set, item| set | bit(&equipment, item)),
                })
                .collect(),
            base: picks(&policy.base),
            findings: policy
                .findings
                .iter()
                .map(|(id, f)| (id.clone(), (picks(&f.add), tag_set(&f.exclude_tags))))
                .collect(),
            exclusions: policy.exclusions.iter().map(|e| tag_set(&e.tags)).collect(),
            equipment_slot: questionnaire.slot(&policy.equipment_question),
            minutes_slot: questionnaire.slot(&policy.minutes_question),
            equipment_options,
        }
    }

    /// The equipment a person has, as bits.
    pub fn equipment_bits(&self, owned: &[String]) -> Bits {
        owned.iter().fold(0, |set, item| {
            let at = self.equipment_options.iter().position(|o| o == item);
            set | at.filter(|at| *at < 64).map_or(0, |at| 1 << at)
        })
    }
}
