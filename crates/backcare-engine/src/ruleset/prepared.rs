//! What the routine builder needs from the rule set, worked out once when the rules load: each
//! exercise's phase rank, time, tags and equipment as bits, and the policy's picks as catalogue
//! positions. Building a routine is then mostly integer work.

use super::{Exercise, Exercises, Policy, Questionnaire};
use crate::slot::UNPLACED;

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
    /// Catalogue positions by phase, then catalogue order: how exercises of equal priority are
    /// taken.
    pub by_phase: Vec<usize>,
    /// Catalogue positions in the order a routine does them: by phase, the exercises that go
    /// last after the others, then catalogue order.
    pub in_routine: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct ExerciseFacts {
    /// Where the exercise stands in `Prepared::by_phase`.
    pub phase_place: u64,
    pub seconds: u32,
    pub tags: Bits,
    /// The bit of each of the exercise's tags, in the order of `Exercise::tags`.
    pub tag_bits: Vec<Bits>,
    pub equipment: Bits,
    /// The bit of each item the exercise needs, in the order of `Exercise::equipment`; 0 for an
    /// item the equipment question does not offer.
    pub equipment_bits: Vec<Bits>,
    /// The slots of the questions each caution about a condition names, in the order of
    /// `Exercise::condition_cautions` ([`UNPLACED`] for a question the questionnaire lacks).
    pub caution_slots: Vec<Vec<usize>>,
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
        let picks = |list: &[super::policy::Pick]| -> Picks {
            list.iter()
                .filter_map(|p| exercises.position(&p.exercise).map(|at| (at, p.priority)))
                .collect()
        };
        let catalogue = &exercises.exercises;
        // An unknown phase sorts last; the rule check reports it.
        let phase_rank = |e: &Exercise| {
            policy
                .phase_order
                .iter()
                .position(|p| *p == e.phase)
                .unwrap_or(usize::MAX)
        };
        let goes_last = |e: &Exercise| e.tags.iter().any(|t| policy.last_in_phase.contains(t));
        let mut by_phase: Vec<usize> = (0..catalogue.len()).collect();
        by_phase.sort_by_key(|at| (phase_rank(&catalogue[*at]), *at));
        let mut in_routine = by_phase.clone();
        in_routine.sort_by_key(|at| {
            let e = &catalogue[*at];
            (phase_rank(e), goes_last(e), *at)
        });
        let mut phase_place = vec![0; catalogue.len()];
        for (place, position) in by_phase.iter().enumerate() {
            phase_place[*position] = place as u64;
        }
        // A question the questionnaire lacks (which the rule check reports) is never answered.
        let slot_of = |id: &str| questionnaire.position(id).unwrap_or(UNPLACED);
        Prepared {
            exercises: catalogue
                .iter()
                .zip(phase_place)
                .map(|(e, phase_place)| ExerciseFacts {
                    phase_place,
                    seconds: e.dose.seconds(policy.seconds_per_rep, policy.setup_seconds),
                    tags: tag_set(&e.tags),
                    tag_bits: e.tags.iter().map(|t| bit(&tags, t)).collect(),
                    equipment: e
                        .equipment
                        .iter()
                        .fold(0, |set, item| set | bit(&equipment, item)),
                    equipment_bits: e.equipment.iter().map(|i| bit(&equipment, i)).collect(),
                    caution_slots: e
                        .condition_cautions
                        .iter()
                        .map(|c| c.questions.iter().map(|q| slot_of(q)).collect())
                        .collect(),
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
            equipment_slot: slot_of(&policy.equipment_question),
            minutes_slot: slot_of(&policy.minutes_question),
            by_phase,
            in_routine,
        }
    }
}
