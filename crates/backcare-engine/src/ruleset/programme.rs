//! How the routine learns from the person's ratings: a first stage that tries every exercise, then
//! keeping what brings relief, dropping what makes things worse, and raising doses slowly.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercises::Phase;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammePolicy {
    pub trial: Trial,
    pub relief: Relief,
    /// An exercise rated worse this many times is left out for good.
    pub drop_after_worse: u32,
    /// Said beside each exercise dropped for its ratings.
    pub dropped_message: String,
    pub progression: Progression,
    /// Said when the pain is no better at the progress policy's posture stage, and the routine
    /// puts posture work first.
    pub posture_first_message: String,
    /// Where the programme's clinical grounds are written down.
    pub source: String,
}

/// The first stage: every exercise the person can do, in turn.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trial {
    /// Each exercise is tried this many times before the routine judges it.
    pub tries: u32,
    /// The stage lasts at least this many sessions...
    pub min_sessions: u32,
    /// ...and ends after this many, even if some exercise was never tried often enough.
    pub max_sessions: u32,
}

/// When an exercise counts as bringing relief.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relief {
    /// Ratings needed before an exercise is judged.
    pub min_ratings: u32,
    /// The share of its ratings that must be "better", in per cent.
    pub better_percent: u32,
}

/// Raising the dose of an exercise that has been rated well for long enough.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Progression {
    /// Only exercises of these phases are progressed.
    pub phases: Vec<Phase>,
    /// The length of each period judged, in days, counted from the exercise's first rating.
    pub every_days: u32,
    /// Ratings a period needs, none of them "worse", to earn one step.
    pub good_ratings: u32,
    /// Added to a held repetition per step.
    pub hold_step_seconds: u32,
    /// Never held longer than this.
    pub max_hold_seconds: u32,
    /// Added to the repetitions of an exercise without a hold, per step.
    pub reps_step: u32,
    /// Never more repetitions than this.
    pub max_reps: u32,
}
