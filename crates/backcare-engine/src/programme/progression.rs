//! Progression: how many steps of a larger dose an exercise has earned by its ratings, and the
//! dose those steps give. Apart because it reads only one exercise's record and the policy.

use super::{Rating, Record};
use crate::ruleset::{Dose, RuleSet};

/// Steps of progression an exercise has earned by today. Its ratings are judged in periods of
/// `every_days` from its first rating: a whole period with enough ratings, none worse, earns a
/// step; any worse rating, in a whole period or the one under way, takes it back to the start.
/// A period is whole once its last day is before today, as today's session is still to come.
pub(super) fn steps_earned(rules: &RuleSet, record: &Record, today: i64) -> u32 {
    let progression = &rules.policy.programme.progression;
    let Some(&(first, _)) = record.ratings.iter().min_by_key(|(day, _)| *day) else {
        return 0;
    };
    let every = i64::from(progression.every_days.max(1));
    let mut steps = 0;
    let mut start = first;
    while start <= today {
        let end = start + every;
        let in_period = || {
            record
                .ratings
                .iter()
                .filter(move |(day, _)| (start..end).contains(day))
        };
        if in_period().any(|(_, rating)| *rating == Rating::Worse) {
            steps = 0;
        } else if end <= today && in_period().count() >= progression.good_ratings as usize {
            steps += 1;
        }
        start = end;
    }
    steps
}

/// `dose` raised by `steps`, within the policy's limits; never below the catalogue dose.
pub(super) fn progressed(rules: &RuleSet, dose: &Dose, steps: u32) -> Dose {
    let progression = &rules.policy.programme.progression;
    let mut dose = dose.clone();
    if steps == 0 || dose.duration_seconds.is_some() {
        return dose;
    }
    match dose.hold_seconds {
        Some(hold) => {
            let raised = hold.saturating_add(steps.saturating_mul(progression.hold_step_seconds));
            dose.hold_seconds = Some(raised.min(progression.max_hold_seconds.max(hold)));
        }
        None => {
            let raised = dose
                .reps
                .saturating_add(steps.saturating_mul(progression.reps_step));
            dose.reps = raised.min(progression.max_reps.max(dose.reps));
        }
    }
    dose
}
