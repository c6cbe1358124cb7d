//! Builds a routine: choose exercises by the policy, drop what the person can't or shouldn't do,
//! fit the rest to their time, and put it in a safe order.

pub mod prepared;

use prepared::{Bits, Picks};

use crate::answers::{AnswerValue, Answers};
use crate::flow;
use crate::outcome::{Finding, LeftOut, LeftOutReason, Routine, RoutineExercise};
use crate::ruleset::{Exercise, RuleSet};

/// An exercise the policy asks for, before filtering.
struct Candidate<'r> {
    position: usize,
    priority: u32,
    chosen_for: Vec<&'r str>,
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

    // One slot per catalogue entry, so picks made twice merge and ties keep catalogue order.
    let mut slots: Vec<Option<Candidate>> = Vec::new();
    slots.resize_with(catalogue.len(), || None);
    // The policy for each finding the person has: what it adds and what it rules out.
    let active: Vec<(&str, &Picks, Bits)> = findings
        .iter()
        .filter_map(|finding| {
            let (picks, excluded) = prepared.findings.get(&finding.id)?;
            Some((finding.finding.id.as_str(), picks, *excluded))
        })
        .collect();
    let all_picks = std::iter::once(("core", &prepared.base))
        .chain(active.iter().map(|(id, picks, _)| (*id, *picks)));
    for (reason, picks) in all_picks {
        for &(position, priority) in picks {
            let candidate = slots[position].get_or_insert_with(|| Candidate {
                position,
                priority,
                chosen_for: Vec::with_capacity(2),
            });
            candidate.priority = candidate.priority.min(priority);
            candidate.chosen_for.push(reason);
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
        .chain(active.iter().map(|(id, _, tags)| RuledOut {
            by: id,
            tags: *tags,
            by_finding: true,
        }))
        .collect();

    let mut left_out: Vec<(usize, LeftOut)> = Vec::new();
    let mut allowed = Vec::new();
    for candidate in slots.into_iter().flatten() {
        match why_not(rules, candidate.position, owned, &ruled_out) {
            Some(reason) => left_out.push((
                candidate.position,
                LeftOut {
                    exercise: &catalogue[candidate.position],
                    reason,
                },
            )),
            None => allowed.push(candidate),
        }
    }

    // Fill the time by priority; an exercise is taken whole, both sides, or not at all.
    let facts = |c: &Candidate| &prepared.exercises[c.position];
    allowed.sort_unstable_by_key(|c| (c.priority, facts(c).phase_rank, c.position));
    let budget_seconds = minutes_budget * 60;
    let mut chosen = Vec::with_capacity(allowed.len());
    let mut total_seconds = 0;
    for candidate in allowed {
        let needed = facts(&candidate).seconds;
        if total_seconds + needed <= budget_seconds {
            total_seconds += needed;
            chosen.push(candidate);
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
    chosen.sort_unstable_by_key(|c| (facts(c).phase_rank, facts(c).goes_last, c.position));
    left_out.sort_unstable_by_key(|(position, _)| *position);

    Routine {
        minutes_budget,
        budget_answered: answered_minutes.is_some(),
        total_seconds,
        exercises: chosen
            .into_iter()
            .map(|c| RoutineExercise {
                exercise: &catalogue[c.position],
                seconds: facts(&c).seconds,
                chosen_for: c.chosen_for,
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
    if facts.equipment & !owned != 0 {
        let options = &rules.prepared.equipment_options;
        let missing = exercise
            .equipment
            .iter()
            .filter(|item| {
                options
                    .iter()
                    .position(|o| o == *item)
                    .is_none_or(|at| owned & (1 << at) == 0)
            })
            .map(String::as_str)
            .collect();
        return Some(LeftOutReason::Equipment { missing });
    }
    let rule = ruled_out.iter().find(|rule| facts.tags & rule.tags != 0)?;
    let tags = exercise
        .tags
        .iter()
        .zip(&facts.tag_bits)
        .filter(|(_, bit)| **bit & rule.tags != 0)
        .map(|(tag, _)| tag.as_str())
        .collect();
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
