//! Builds a routine: choose exercises by the policy, drop what the person can't or shouldn't do,
//! fit the rest to their time, and put it in a safe order.

use crate::answers::{AnswerValue, Answers};
use crate::flow;
use crate::outcome::{Finding, LeftOut, LeftOutReason, Routine, RoutineExercise};
use crate::ruleset::{Exercise, RuleSet};

/// What the person brings to today's routine.
struct Circumstances<'a> {
    equipment: &'a [String],
    budget_seconds: u32,
    minutes_budget: u32,
    budget_answered: bool,
}

/// An exercise the policy asks for, before filtering.
struct Candidate<'r> {
    exercise: &'r Exercise,
    position: usize,
    priority: u32,
    chosen_for: Vec<&'r str>,
}

/// Tags ruled out for this person, and by what.
struct RuledOut<'r> {
    by: &'r str,
    tags: &'r [String],
    by_finding: bool,
}

pub fn build<'r>(rules: &'r RuleSet, answers: &Answers, findings: &[Finding<'r>]) -> Routine<'r> {
    let policy = &rules.policy;
    let catalogue = &rules.exercises;
    let circumstances = circumstances(rules, answers);

    // One slot per catalogue entry, so picks made twice merge and ties keep catalogue order.
    let mut slots: Vec<Option<Candidate>> = Vec::new();
    slots.resize_with(catalogue.exercises.len(), || None);
    let finding_picks = findings.iter().filter_map(|finding| {
        policy
            .findings
            .get(&finding.id)
            .map(|p| (finding.finding.id.as_str(), &p.add))
    });
    for (reason, picks) in std::iter::once(("core", &policy.base)).chain(finding_picks) {
        for pick in picks {
            // The rule-set check rejects unknown ids before we get here.
            let Some(position) = catalogue.position(&pick.exercise) else {
                continue;
            };
            let candidate = slots[position].get_or_insert_with(|| Candidate {
                exercise: &catalogue.exercises[position],
                position,
                priority: pick.priority,
                chosen_for: Vec::new(),
            });
            candidate.priority = candidate.priority.min(pick.priority);
            candidate.chosen_for.push(reason);
        }
    }

    let ruled_out: Vec<RuledOut> = policy
        .exclusions
        .iter()
        .filter(|e| flow::may_hold(&e.when, &rules.questionnaire, answers))
        .map(|e| RuledOut {
            by: &e.id,
            tags: &e.tags,
            by_finding: false,
        })
        .chain(findings.iter().filter_map(|f| {
            policy.findings.get(&f.id).map(|p| RuledOut {
                by: &f.finding.id,
                tags: &p.exclude_tags,
                by_finding: true,
            })
        }))
        .collect();

    let mut left_out = Vec::new();
    let mut allowed = Vec::new();
    for candidate in slots.into_iter().flatten() {
        match why_not(candidate.exercise, &circumstances, &ruled_out) {
            Some(reason) => left_out.push((candidate.position, LeftOut { exercise: candidate.exercise, reason })),
            None => allowed.push(candidate),
        }
    }

    // Fill the time by priority; an exercise is taken whole, both sides, or not at all.
    let seconds = |e: &Exercise| e.dose.seconds(policy.seconds_per_rep, policy.setup_seconds);
    allowed.sort_by_key(|c| (c.priority, phase_rank(rules, c.exercise), c.position));
    let mut chosen = Vec::with_capacity(allowed.len());
    let mut total_seconds = 0;
    for candidate in allowed {
        let needed = seconds(candidate.exercise);
        if total_seconds + needed <= circumstances.budget_seconds {
            total_seconds += needed;
            chosen.push(candidate);
        } else {
            let reason = LeftOutReason::NoTime;
            left_out.push((candidate.position, LeftOut { exercise: candidate.exercise, reason }));
        }
    }

    chosen.sort_by_key(|c| {
        let goes_last = c
            .exercise
            .tags
            .iter()
            .any(|tag| policy.last_in_phase.contains(tag));
        (phase_rank(rules, c.exercise), goes_last, c.position)
    });
    left_out.sort_by_key(|(position, _)| *position);

    Routine {
        minutes_budget: circumstances.minutes_budget,
        budget_answered: circumstances.budget_answered,
        total_seconds,
        exercises: chosen
            .into_iter()
            .map(|c| RoutineExercise {
                exercise: c.exercise,
                seconds: seconds(c.exercise),
                chosen_for: c.chosen_for,
            })
            .collect(),
        left_out: left_out.into_iter().map(|(_, left)| left).collect(),
        key_points: &policy.key_points,
        follow_up: &policy.follow_up,
    }
}

fn circumstances<'a>(rules: &RuleSet, answers: &'a Answers) -> Circumstances<'a> {
    let policy = &rules.policy;
    let equipment = match answers.get(&policy.equipment_question) {
        Some(AnswerValue::Choices(items)) => items.as_slice(),
        _ => &[],
    };
    let answered_minutes = match answers.get(&policy.minutes_question) {
        Some(AnswerValue::Number(minutes)) => Some(minutes.floor().max(0.0) as u32),
        _ => None,
    };
    let minutes_budget = answered_minutes.unwrap_or(policy.default_minutes);
    Circumstances {
        equipment,
        budget_seconds: minutes_budget * 60,
        minutes_budget,
        budget_answered: answered_minutes.is_some(),
    }
}

fn why_not<'r>(exercise: &'r Exercise, circumstances: &Circumstances, ruled_out: &[RuledOut<'r>]) -> Option<LeftOutReason<'r>> {
    let missing: Vec<&str> = exercise
        .equipment
        .iter()
        .filter(|item| !circumstances.equipment.contains(item))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Some(LeftOutReason::Equipment { missing });
    }
    ruled_out.iter().find_map(|rule| {
        let hit: Vec<&str> = exercise
            .tags
            .iter()
            .filter(|tag| rule.tags.contains(tag))
            .map(String::as_str)
            .collect();
        (!hit.is_empty()).then_some(if rule.by_finding {
            LeftOutReason::NotForFinding { finding: rule.by, tags: hit }
        } else {
            LeftOutReason::Excluded { exclusion: rule.by, tags: hit }
        })
    })
}

fn phase_rank(rules: &RuleSet, exercise: &Exercise) -> usize {
    rules
        .policy
        .phase_order
        .iter()
        .position(|p| *p == exercise.phase)
        .unwrap_or(usize::MAX)
}
