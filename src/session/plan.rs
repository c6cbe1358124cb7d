//! An exercise's dose as the timed steps of a session. Pure: the times are the routine's own, in
//! seconds; how long a second really takes is the guide's business.

use backcare_engine::ruleset::{Dose, Policy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    First,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Time to read the steps and get into position.
    GetReady { seconds: u32 },
    /// One repetition: a hold, or without one a movement at the policy's pace.
    Rep {
        seconds: u32,
        held: bool,
        rep: u32,
        reps: u32,
        set: u32,
        sets: u32,
        side: Option<Side>,
    },
    /// An exercise done for a length of time rather than counted.
    Timed { seconds: u32, side: Option<Side> },
    Rest {
        seconds: u32,
        next_set: u32,
        sets: u32,
    },
    /// The short release between two holds of an exercise that is held, then relaxed.
    Release { seconds: u32 },
    /// Change to the other side; it takes no time of its own.
    OtherSide,
}

impl Step {
    pub fn seconds(&self) -> u32 {
        match *self {
            Step::GetReady { seconds }
            | Step::Rep { seconds, .. }
            | Step::Timed { seconds, .. }
            | Step::Rest { seconds, .. }
            | Step::Release { seconds } => seconds,
            Step::OtherSide => 0,
        }
    }
}

/// The steps of one dose, in order. They add up to `Dose::seconds`, which the routine was fitted
/// to the time budget with.
pub fn steps(dose: &Dose, policy: &Policy) -> Vec<Step> {
    let mut steps = Vec::new();
    if policy.setup_seconds > 0 {
        steps.push(Step::GetReady {
            seconds: policy.setup_seconds,
        });
    }
    let sides: &[Option<Side>] = if dose.per_side {
        &[Some(Side::First), Some(Side::Other)]
    } else {
        &[None]
    };
    for &side in sides {
        if side == Some(Side::Other) {
            steps.push(Step::OtherSide);
        }
        if let Some(seconds) = dose.duration_seconds {
            steps.push(Step::Timed { seconds, side });
            continue;
        }
        // As in `Dose::seconds`: a repetition lasts its hold, or the policy's pace without one.
        let seconds = dose.rep_seconds(policy.seconds_per_rep);
        for set in 1..=dose.sets {
            if let Some(rest) = dose.rest_seconds.filter(|_| set > 1) {
                steps.push(Step::Rest {
                    seconds: rest,
                    next_set: set,
                    sets: dose.sets,
                });
            }
            for rep in 1..=dose.reps {
                let release = dose.release_seconds();
                if rep > 1 && release > 0 {
                    steps.push(Step::Release { seconds: release });
                }
                steps.push(Step::Rep {
                    seconds,
                    held: dose.hold_seconds.is_some(),
                    rep,
                    reps: dose.reps,
                    set,
                    sets: dose.sets,
                    side,
                });
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::RuleSet;

    #[test]
    fn the_steps_of_every_exercise_take_the_time_the_routine_counted() {
        let rules = RuleSet::embedded().unwrap();
        let policy = &rules.policy;
        for exercise in &rules.exercises.exercises {
            let steps = steps(&exercise.dose, policy);
            assert_eq!(
                steps.iter().map(Step::seconds).sum::<u32>(),
                exercise
                    .dose
                    .seconds(policy.seconds_per_rep, policy.setup_seconds),
                "{}",
                exercise.id
            );
        }
    }

    #[test]
    fn a_one_sided_dose_with_sets_rests_between_sets_and_changes_side_once() {
        let rules = RuleSet::embedded().unwrap();
        let dose: Dose = serde_json::from_str(
            r#"{"hold_seconds": 5, "reps": 2, "sets": 2, "rest_seconds": 20, "per_side": true}"#,
        )
        .unwrap();
        let steps = steps(&dose, &rules.policy);
        let kinds: Vec<String> = steps
            .iter()
            .map(|step| match step {
                Step::GetReady { .. } => "ready".to_owned(),
                Step::Rep { set, rep, side, .. } => format!("{side:?} {set}.{rep}"),
                Step::Timed { .. } => "timed".to_owned(),
                Step::Rest { next_set, .. } => format!("rest {next_set}"),
                Step::OtherSide => "switch".to_owned(),
                Step::Release { .. } => "release".to_owned(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "ready",
                "Some(First) 1.1",
                "Some(First) 1.2",
                "rest 2",
                "Some(First) 2.1",
                "Some(First) 2.2",
                "switch",
                "Some(Other) 1.1",
                "Some(Other) 1.2",
                "rest 2",
                "Some(Other) 2.1",
                "Some(Other) 2.2",
            ]
        );
    }

    #[test]
    fn a_dose_held_then_relaxed_alternates_holds_with_releases_within_each_set() {
        let rules = RuleSet::embedded().unwrap();
        let dose: Dose = serde_json::from_str(
            r#"{"hold_seconds": 5, "release_seconds": 3, "reps": 3, "sets": 2, "rest_seconds": 20}"#,
        )
        .unwrap();
        let kinds: Vec<&str> = steps(&dose, &rules.policy)
            .iter()
            .map(|step| match step {
                Step::GetReady { .. } => "ready",
                Step::Rep { .. } => "hold",
                Step::Release { .. } => "relax",
                Step::Rest { .. } => "rest",
                Step::Timed { .. } | Step::OtherSide => "other",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "ready", "hold", "relax", "hold", "relax", "hold", "rest", "hold", "relax", "hold",
                "relax", "hold"
            ]
        );
    }
}
