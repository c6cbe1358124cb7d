//! Choosing today's routine: each exercise the answers allow is given a reason and a place by its
//! record, and the time is filled in that order. The heart of the programme, apart from the types
//! it reads and gives.

use super::progression::{progressed, steps_earned};
use super::{records, Course, Dropped, History, Plan, Programme, Record, Shift, Stage, Why};
use crate::answers::{AnswerValue, Answers};
use crate::outcome::{Finding, LeftOut, LeftOutReason, Routine, RoutineExercise};
use crate::routine;
use crate::ruleset::{Exercise, RuleSet};

/// A candidate for today, with what decides its place.
struct Candidate<'r> {
    exercise: RoutineExercise<'r>,
    plan: Plan<'r>,
    /// Sorted ascending: which exercises get the time first.
    key: (u32, (u32, usize, usize)),
}

/// Today's routine from the routine the answers give (`today`, fitted to the person's time) and
/// the history of their sessions.
pub fn build<'r>(
    rules: &'r RuleSet,
    answers: &Answers,
    findings: &[Finding<'r>],
    today: &Routine<'r>,
    history: &History,
) -> Programme<'r> {
    let policy = &rules.policy.programme;
    let records = records(history);
    let none = Record::default();
    let record = |id: &str| records.get(id).unwrap_or(&none);

    // Every exercise the person can do, in the order a routine does them: the routine the
    // answers give when time is no object.
    let mut unlimited = answers.clone();
    unlimited.set(
        &rules.policy.minutes_question,
        AnswerValue::Number(f64::from(u32::MAX / 60)),
    );
    let everything = routine::build(rules, &unlimited, findings);

    let (dropped, kept): (Vec<_>, Vec<_>) = everything
        .exercises
        .into_iter()
        .partition(|e| record(&e.id).worse >= policy.drop_after_worse);
    let dropped = dropped
        .into_iter()
        .map(|e| Dropped {
            exercise: e.exercise,
            worse: record(&e.id).worse,
        })
        .collect();

    let sessions = history
        .sessions
        .iter()
        .filter(|s| s.day <= history.today && !s.done.is_empty())
        .count() as u32;
    let tries = policy.trial.tries;
    let all_tried = kept.iter().all(|e| record(&e.id).tries >= tries);
    let trial = sessions < policy.trial.max_sessions
        && (sessions < policy.trial.min_sessions || !all_tried);
    let stage = if trial {
        Stage::Trial {
            session: sessions + 1,
            of: policy.trial.max_sessions,
        }
    } else {
        Stage::Chosen
    };
    let shift = match history.course {
        Course::GettingWorse => Some(Shift::GettingWorse),
        Course::SeeProfessional => Some(Shift::SeeProfessional),
        // Posture work comes from the person's posture findings; without any there is none to
        // put first, and `backcare progress` suggests some.
        Course::Posture if !findings.is_empty() => Some(Shift::PostureFirst),
        _ => None,
    };
    // More of an exercise is never the answer to pain that is rising or not settling.
    let may_progress = !history.sharp_rise
        && !matches!(
            history.course,
            Course::GettingWorse | Course::SeeProfessional
        );

    let candidates: Vec<Candidate<'r>> = kept
        .into_iter()
        .map(|exercise| {
            let record = record(&exercise.id);
            let posture = exercise
                .chosen_for
                .iter()
                .find_map(|id| findings.iter().find(|f| f.id == id))
                .map(|f| f.finding);
            let helped = record.rated() >= policy.relief.min_ratings
                && record.better * 100 >= policy.relief.better_percent * record.rated();
            let trying = record.rated() < policy.relief.min_ratings;
            let posture_first = shift == Some(Shift::PostureFirst);
            let (why, class) = match (trial, helped, posture) {
                // No better at the posture stage: posture work first, whatever the stage.
                (_, _, Some(finding)) if posture_first => (Why::Posture { finding }, 0),
                (true, ..) => (
                    Why::StillTrying {
                        tries: record.tries,
                    },
                    // The least tried first, so that the trial goes round them all.
                    record.tries.min(tries),
                ),
                (false, true, _) => (
                    Why::Helped {
                        better: record.better,
                        rated: record.rated(),
                    },
                    1,
                ),
                (false, false, Some(finding)) => (Why::Posture { finding }, 2),
                (false, false, None) if trying => (
                    Why::StillTrying {
                        tries: record.tries,
                    },
                    3,
                ),
                (false, false, None) => (
                    Why::NoClearRelief {
                        rated: record.rated(),
                    },
                    4,
                ),
            };
            let raised = if may_progress && policy.progression.phases.contains(&exercise.phase) {
                steps_earned(rules, record, history.today)
            } else {
                0
            };
            let dose = progressed(rules, &exercise.dose, raised);
            let raised = if dose == exercise.dose { 0 } else { raised };
            let seconds = dose.seconds(rules.policy.seconds_per_rep, rules.policy.setup_seconds);
            Candidate {
                key: (class, rank(rules, findings, exercise.exercise)),
                exercise: RoutineExercise {
                    seconds,
                    ..exercise
                },
                plan: Plan { dose, raised, why },
            }
        })
        .collect();

    // Fill the time in order of the keys; an exercise is taken whole or not at all.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|at| candidates[*at].key);
    let budget = today.minutes_budget.saturating_mul(60);
    let mut total = 0;
    let mut chosen = vec![false; candidates.len()];
    for at in order {
        let seconds = candidates[at].exercise.seconds;
        if total + seconds <= budget {
            total += seconds;
            chosen[at] = true;
        }
    }
    // Back in the routine's order, which `everything` gave.
    let mut exercises = Vec::new();
    let mut plans = Vec::new();
    let mut left_out: Vec<LeftOut<'r>> = today
        .left_out
        .iter()
        .filter(|l| l.reason != LeftOutReason::NoTime)
        .cloned()
        .collect();
    for (candidate, chosen) in candidates.into_iter().zip(chosen) {
        if chosen {
            exercises.push(candidate.exercise);
            plans.push(candidate.plan);
        } else {
            left_out.push(LeftOut {
                exercise: candidate.exercise.exercise,
                reason: LeftOutReason::NoTime,
            });
        }
    }
    Programme {
        stage,
        shift,
        routine: Routine {
            total_seconds: total,
            exercises,
            left_out,
            ..today.clone()
        },
        plans,
        dropped,
    }
}

/// Where the routine builder would take an exercise among the rest: its highest priority (lowest
/// number) among the everyday picks and those of the person's findings, then its phase, then its
/// place in the catalogue. With no history the programme so gives the very same routine.
fn rank(rules: &RuleSet, findings: &[Finding], exercise: &Exercise) -> (u32, usize, usize) {
    let policy = &rules.policy;
    let priority = policy
        .base
        .iter()
        .chain(
            findings
                .iter()
                .filter_map(|f| policy.findings.get(&f.id))
                .flat_map(|f| &f.add),
        )
        .filter(|pick| pick.exercise == exercise.id)
        .map(|pick| pick.priority)
        .min()
        .unwrap_or(u32::MAX);
    let phase = policy.phase_order.iter().position(|p| *p == exercise.phase);
    (
        priority,
        phase.unwrap_or(usize::MAX),
        rules.exercises.position(&exercise.id).unwrap_or(usize::MAX),
    )
}
