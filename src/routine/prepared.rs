//! What the routine builder needs from the rule set, worked out once when the rules load: each
//! exercise's phase rank, time, tags and equipment as bits, and the policy's picks as catalogue
//! positions. Building a routine is then mostly integer work.

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
    /// What a routine exercise can be chosen for, in the bit order of its `chosen_for`: `core`
    /// (the everyday routine), then each finding the policy has picks for.
    pub reasons: Vec<String>,
    /// For each finding in `reasons` after `core`: its picks and the tags it rules out.
    pub findings: Vec<(Picks, Bits)>,
    /// The tags each policy exclusion rules out, in the order of `policy.exclusions`.
    pub exclusions: Vec<Bits>,
    pub equipment_slot: usize,
    pub minutes_slot: usize,
    /// Equipment option ids, in bit order.
    pub equipment_options: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ExerciseFacts {
    /// Sort keys packed into one number, as sorting is much of building a routine: by phase,
    /// then catalogue position; and by phase, the exercises that go last, then position.
    pub by_phase: u64,
    pub in_routine: u64,
    pub seconds: u32,
    pub tags: Bits,
    /// The bit of each of the exercise's tags, in the order of `Exercise::tags`.
    pub tag_bits: Vec<Bits>,
    pub equipment: Bits,
    /// The bit of each item the exercise needs, in the order of `Exercise::equipment`; 0 for an
    /// item the equipment question does not offer.
    pub equipment_bits: Vec<Bits>,
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
                .enumerate()
                .map(|(position, e)| {
                    // An unknown phase sorts last; the rule check reports it.
                    let phase_rank = policy
                        .phase_order
                        .iter()
                        .position(|p| *p == e.phase)
                        .map_or(u64::from(u16::MAX), |rank| rank as u64);
                    let goes_last = e.tags.iter().any(|t| policy.last_in_phase.contains(t));
                    let position = position as u64;
                    ExerciseFacts {
                        by_phase: (phase_rank << 32) | position,
                        in_routine: (phase_rank << 33) | (u64::from(goes_last) << 32) | position,
                        seconds: e.dose.seconds(policy.seconds_per_rep, policy.setup_seconds),
                        tags: tag_set(&e.tags),
                        tag_bits: e.tags.iter().map(|t| bit(&tags, t)).collect(),
                        equipment: e
                            .equipment
                            .iter()
                            .fold(0, |set, item| set | bit(&equipment, item)),
                        equipment_bits: e.equipment.iter().map(|i| bit(&equipment, i)).collect(),
                    }
                })
                .collect(),
            base: picks(&policy.base),
            reasons: std::iter::once("core".to_owned())
                .chain(policy.findings.keys().cloned())
                .collect(),
            findings: policy
                .findings
                .values()
                .map(|f| (picks(&f.add), tag_set(&f.exclude_tags)))
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
