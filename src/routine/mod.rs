//! Builds a routine: choose exercises by the policy, drop what the person can't or shouldn't do,
//! fit the rest to their time, and put it in a safe order.

pub mod prepared;

use prepared::{Bits, ExerciseFacts};

use crate::answers::{AnswerValue, Answers};
use crate::flow;
use crate::outcome::{Finding, LeftOut, LeftOutReason, Names, Routine, RoutineExercise};
use crate::ruleset::{Exercise, RuleSet};

/// An exercise the policy asks for, before filtering.
#[derive(Clone, Copy)]
struct Candidate<'r> {
    position: usize,
    priority: u32,
    /// Bits of `Prepared::reasons`.
    chosen_for: Bits,
    /// Filled in once the exercise is known to be allowed; kept here because sorting reads them
    /// many times.
    facts: Option<&'r ExerciseFacts>,
}

/// Tags ruled out for this person, and by what.
struct RuledOut<'r> {
    by: &'r str,
    tags: Bits,
    by_finding: bool,
}

pub fn build<'r>(rules: &'r RuleSet, answers: &Answers, findings: &[Finding<'r>]) -> Routine<'r> {
    let policy = &rules.policy;
    let prepared = &rules.prepared;
    let catalogue = &rules.exercises.exercises;

    let owned = match answers.at(prepared.equipment_slot) {
        Some(AnswerValue::Choices(items)) => prepared.equipment_bits(items),
        _ => 0,
    };
    let answered_minutes = match answers.at(prepared.minutes_slot) {
        Some(AnswerValue::Number(minutes)) => Some(minutes.floor().max(0.0) as u32),
        _ => None,
    };
    let minutes_budget = answered_minutes.unwrap_or(policy.default_minutes);

    // The person's findings that the policy has picks for, as bits of `prepared.reasons`.
    let active: Bits = findings
        .iter()
        .filter_map(|finding| prepared.reasons.iter().position(|r| *r == finding.id))
        .filter(|at| *at < 64)
        .fold(0, |set, at| set | 1 << at);
    let active_findings = || {
        prepared
            .findings
            .iter()
            .enumerate()
            .map(|(index, finding)| (index + 1, finding))
            .filter(move |(reason, _)| *reason < 64 && active & (1 << reason) != 0)
    };

    // One place per catalogue entry, so picks made twice merge and ties keep catalogue order.
    let mut candidates: Vec<Candidate> = (0..catalogue.len())
        .map(|position| Candidate {
            position,
            priority: u32::MAX,
            chosen_for: 0,
            facts: None,
        })
        .collect();
    let all_picks = std::iter::once((0, &prepared.base))
        .chain(active_findings().map(|(reason, (picks, _))| (reason, picks)));
    for (reason, picks) in all_picks {
        for &(position, priority) in picks {
            let candidate = &mut candidates[position];
            candidate.priority = candidate.priority.min(priority);
            candidate.chosen_for |= 1 << reason;
        }
    }
    // Exclusions first, so they are named when both an exclusion and a finding rule one out.
    let ruled_out: Vec<RuledOut> = policy
        .exclusions
        .iter()
        .zip(&prepared.exclusions)
        .filter(|(e, _)| flow::may_hold(&e.when, &rules.questionnaire, answers))
        .map(|(e, tags)| RuledOut {
            by: &e.id,
            tags: *tags,
            by_finding: false,
        })
        .chain(active_findings().map(|(reason, (_, tags))| RuledOut {
            by: &prepared.reasons[reason],
            tags: *tags,
            by_finding: true,
        }))
        .collect();

    // Keep the picked candidates the person can do, in place; the rest are left out with why.
    let picked = candidates.iter().filter(|c| c.chosen_for != 0).count();
    let mut left_out: Vec<(usize, LeftOut)> = Vec::with_capacity(picked);
    let mut kept = 0;
    for at in 0..candidates.len() {
        let candidate = candidates[at];
        if candidate.chosen_for == 0 {
            continue;
        }
        match why_not(rules, candidate.position, owned, &ruled_out) {
            Some(reason) => left_out.push((
                candidate.position,
                LeftOut {
                    exercise: &catalogue[candidate.position],
                    reason,
                },
            )),
            None => {
                candidates[kept] = Candidate {
                    facts: Some(&prepared.exercises[candidate.position]),
                    ..candidate
                };
                kept += 1;
            }
        }
    }
    candidates.truncate(kept);

    // Fill the time by priority; an exercise is taken whole, both sides, or not at all.
    let facts = |c: &Candidate<'r>| c.facts.expect("allowed candidates have their facts");
    candidates.sort_unstable_by_key(|c| (c.priority, facts(c).by_phase));
    let budget_seconds = minutes_budget * 60;
    let mut total_seconds = 0;
    let mut fitted = 0;
    for at in 0..candidates.len() {
        let candidate = candidates[at];
        let needed = facts(&candidate).seconds;
        if total_seconds + needed <= budget_seconds {
            total_seconds += needed;
            candidates[fitted] = candidate;
            fitted += 1;
        } else {
            let exercise = &catalogue[candidate.position];
            left_out.push((
                candidate.position,
                LeftOut {
                    exercise,
                    reason: LeftOutReason::NoTime,
                },
            ));
        }
    }
    candidates.truncate(fitted);
    candidates.sort_unstable_by_key(|c| facts(c).in_routine);
    left_out.sort_unstable_by_key(|(position, _)| *position);

    Routine {
        minutes_budget,
        budget_answered: answered_minutes.is_some(),
        total_seconds,
        exercises: candidates
            .iter()
            .map(|c| RoutineExercise {
                exercise: &catalogue[c.position],
                seconds: facts(c).seconds,
                chosen_for: Names::new(&prepared.reasons, c.chosen_for),
            })
            .collect(),
        left_out: left_out.into_iter().map(|(_, left)| left).collect(),
        key_points: &policy.key_points,
        follow_up: &policy.follow_up,
    }
}

fn why_not<'r>(
    rules: &'r RuleSet,
    position: usize,
    owned: Bits,
    ruled_out: &[RuledOut<'r>],
) -> Option<LeftOutReason<'r>> {
    let exercise: &'r Exercise = &rules.exercises.exercises[position];
    let facts = &rules.prepared.exercises[position];
    // Bits of the exercise's own lists (its equipment, its tags) whose entries match `wanted`.
    let local = |bits: &[Bits], matches: &dyn Fn(Bits) -> bool| -> Bits {
        bits.iter()
            .take(64)
            .enumerate()
            .filter(|(_, bit)| matches(**bit))
            .fold(0, |set, (at, _)| set | 1 << at)
    };
    if facts.equipment & !owned != 0 {
        let missing = local(&facts.equipment_bits, &|bit| bit == 0 || owned & bit == 0);
        return Some(LeftOutReason::Equipment {
            missing: Names::new(&exercise.equipment, missing),
        });
    }
    let rule = ruled_out.iter().find(|rule| facts.tags & rule.tags != 0)?;
    let tags = Names::new(
        &exercise.tags,
        local(&facts.tag_bits, &|bit| bit & rule.tags != 0),
    );
    Some(if rule.by_finding {
        LeftOutReason::NotForFinding {
            finding: rule.by,
            tags,
        }
    } else {
        LeftOutReason::Excluded {
            exclusion: rule.by,
            tags,
        }
    })
}
