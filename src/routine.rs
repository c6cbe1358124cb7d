//! Builds a routine: choose exercises by the policy, drop what the person can't or shouldn't do,
//! fit the rest to their time, and put it in a safe order.

use std::collections::BTreeMap;

use crate::answers::{AnswerValue, Answers};
use crate::flow;
use crate::outcome::{Finding, LeftOut, LeftOutReason, Routine, RoutineExercise};
use crate::ruleset::{Exercise, RuleSet};

/// What the person brings to today's routine.
struct Circumstances<'a> {
    equipment: Vec<&'a str>,
    budget_seconds: u32,
    minutes_budget: u32,
    budget_answered: bool,
}

/// An exercise the policy asks for, before filtering.
struct Candidate<'r> {
    exercise: &'r Exercise,
    position: usize,
    priority: u32,
    chosen_for: Vec<String>,
}

pub fn build(rules: &RuleSet, answers: &Answers, findings: &[Finding]) -> Routine {
    let policy = &rules.policy;
    let circumstances = circumstances(rules, answers);
    let mut left_out = Vec::new();

    let mut candidates: BTreeMap<&str, Candidate> = BTreeMap::new();
    let finding_picks = findings.iter().filter_map(|finding| {
        policy
            .findings
            .get(&finding.id)
            .map(|p| (finding.id.as_str(), &p.add))
    });
    for (reason, picks) in std::iter::once(("core", &policy.base)).chain(finding_picks) {
        for pick in picks {
            let Some((position, exercise)) = rules
                .exercises
                .exercises
                .iter()
                .enumerate()
                .find(|(_, e)| e.id == pick.exercise)
            else {
                continue; // the rule-set check rejects unknown ids before we get here
            };
            let candidate = candidates.entry(&exercise.id).or_insert(Candidate {
                exercise,
                position,
                priority: pick.priority,
                chosen_for: Vec::new(),
            });
            candidate.priority = candidate.priority.min(pick.priority);
            candidate.chosen_for.push(reason.to_owned());
        }
    }
    let mut candidates: Vec<Candidate> = candidates.into_values().collect();
    candidates.sort_by_key(|c| c.position);

    let exclusions: Vec<(&str, &[String], LeftOutKind)> = policy
        .exclusions
        .iter()
        .filter(|e| flow::may_hold(&e.when, &rules.questionnaire, answers))
        .map(|e| (e.id.as_str(), e.tags.as_slice(), LeftOutKind::Exclusion))
        .chain(findings.iter().filter_map(|f| {
            policy.findings.get(&f.id).map(|p| {
                (
                    f.id.as_str(),
                    p.exclude_tags.as_slice(),
                    LeftOutKind::Finding,
                )
            })
        }))
        .collect();

    let mut allowed = Vec::new();
    for candidate in candidates {
        match why_not(candidate.exercise, &circumstances, &exclusions) {
            Some(reason) => left_out.push(left_out_entry(candidate.exercise, reason)),
            None => allowed.push(candidate),
        }
    }

    // Fill the time by priority; an exercise is taken whole, both sides, or not at all.
    let seconds = |e: &Exercise| e.dose.seconds(policy.seconds_per_rep, policy.setup_seconds);
    allowed.sort_by_key(|c| (c.priority, phase_rank(rules, c.exercise), c.position));
    let mut chosen = Vec::new();
    let mut total_seconds = 0;
    for candidate in allowed {
        let needed = seconds(candidate.exercise);
        if total_seconds + needed <= circumstances.budget_seconds {
            total_seconds += needed;
            chosen.push(candidate);
        } else {
            left_out.push(left_out_entry(candidate.exercise, LeftOutReason::NoTime));
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
    left_out.sort_by_key(|l| rules.exercises.exercises.iter().position(|e| e.id == l.id));

    Routine {
        minutes_budget: circumstances.minutes_budget,
        budget_answered: circumstances.budget_answered,
        total_seconds,
        exercises: chosen
            .into_iter()
            .map(|c| RoutineExercise {
                id: c.exercise.id.clone(),
                name: c.exercise.name.clone(),
                phase: c.exercise.phase,
                target: c.exercise.target.clone(),
                dose: c.exercise.dose.clone(),
                seconds: seconds(c.exercise),
                equipment: c.exercise.equipment.clone(),
                tags: c.exercise.tags.clone(),
                steps: c.exercise.steps.clone(),
                cautions: c.exercise.cautions.clone(),
                chosen_for: c.chosen_for,
            })
            .collect(),
        left_out,
        key_points: policy.key_points.clone(),
        follow_up: policy.follow_up.clone(),
    }
}

#[derive(Clone, Copy)]
enum LeftOutKind {
    Exclusion,
    Finding,
}

fn circumstances<'a>(rules: &RuleSet, answers: &'a Answers) -> Circumstances<'a> {
    let policy = &rules.policy;
    let equipment = match answers.get(&policy.equipment_question) {
        Some(AnswerValue::Choices(items)) => items.iter().map(String::as_str).collect(),
        _ => Vec::new(),
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

fn why_not(
    exercise: &Exercise,
    circumstances: &Circumstances,
    exclusions: &[(&str, &[String], LeftOutKind)],
) -> Option<LeftOutReason> {
    let missing: Vec<String> = exercise
        .equipment
        .iter()
        .filter(|item| !circumstances.equipment.contains(&item.as_str()))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Some(LeftOutReason::Equipment { missing });
    }
    exclusions.iter().find_map(|(id, tags, kind)| {
        let hit: Vec<String> = exercise
            .tags
            .iter()
            .filter(|tag| tags.contains(tag))
            .cloned()
            .collect();
        (!hit.is_empty()).then(|| match kind {
            LeftOutKind::Exclusion => LeftOutReason::Excluded {
                exclusion: (*id).to_owned(),
                tags: hit,
            },
            LeftOutKind::Finding => LeftOutReason::NotForFinding {
                finding: (*id).to_owned(),
                tags: hit,
            },
        })
    })
}

fn left_out_entry(exercise: &Exercise, reason: LeftOutReason) -> LeftOut {
    LeftOut {
        id: exercise.id.clone(),
        name: exercise.name.clone(),
        reason,
    }
}

fn phase_rank(rules: &RuleSet, exercise: &Exercise) -> usize {
    rules
        .policy
        .phase_order
        .iter()
        .position(|p| *p == exercise.phase)
        .unwrap_or(usize::MAX)
}
