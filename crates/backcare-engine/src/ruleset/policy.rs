//! How a routine is put together: order, what findings add, what answers rule out, time, and advice.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exercises::Phase;
use super::programme::ProgrammePolicy;
use super::red_flags::{Professional, ReferralUrgency};
use crate::condition::Condition;

/// The top of the pain scale: 0 is no pain, 10 the worst imaginable.
pub const MAX_PAIN: u8 = 10;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    pub phase_order: Vec<Phase>,
    /// Tags whose exercises go last inside their phase.
    pub last_in_phase: Vec<String>,
    pub equipment_question: String,
    pub minutes_question: String,
    pub default_minutes: u32,
    pub seconds_per_rep: u32,
    pub setup_seconds: u32,
    /// Every tag an exercise may carry, with what it means.
    pub tags: BTreeMap<String, String>,
    pub base: Vec<Pick>,
    pub findings: BTreeMap<String, FindingPolicy>,
    pub exclusions: Vec<Exclusion>,
    pub advisories: Vec<Advisory>,
    pub key_points: Vec<String>,
    pub follow_up: Vec<String>,
    pub progress: ProgressPolicy,
    /// How the routine learns from the ratings in the journal.
    pub programme: ProgrammePolicy,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    pub exercise: String,
    pub priority: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingPolicy {
    pub add: Vec<Pick>,
    #[serde(default)]
    pub exclude_tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub id: String,
    pub when: Condition,
    pub tags: Vec<String>,
    pub reason: String,
}

/// Advice that goes with the routine rather than replacing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Advisory {
    pub id: String,
    pub when: Condition,
    /// Raises the outcome to this urgency; without it the advisory is a tip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<ReferralUrgency>,
    /// Who to see, for the headline of an advisory with an urgency.
    #[serde(default, skip_serializing_if = "Professional::is_default")]
    pub see: Professional,
    pub message: String,
    /// Where its clinical grounds are written down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What `backcare progress` advises from the journal's pain scores. Each week is compared with the
/// first week the journal covers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressPolicy {
    pub improving: Improving,
    pub getting_worse: GettingWorse,
    pub sharp_rise: SharpRise,
    /// A pain score high enough to be spoken about as soon as it is given.
    pub high_pain: HighPain,
    /// No better after `after_days`: put the time into posture work.
    pub posture: Stage,
    /// No better after `after_days` (later than `posture`): see a professional.
    pub see_professional: Stage,
    /// Said while there is no week to compare with the first, or no scores to compare.
    pub keep_logging: String,
    /// Said when the pain is about the same but it is too early for `posture`.
    pub keep_going: String,
    /// Said with every review that found no sharp rise.
    pub warning_signs: String,
}

/// A fall from the first week's average that counts as improving: either is enough.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Improving {
    pub drop_points: f64,
    pub drop_percent: f64,
    pub message: String,
}

/// A rise above the first week's average that counts as getting worse.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GettingWorse {
    pub rise_points: f64,
    pub message: String,
}

/// The latest score at least `points` above the average of the `recent_days` before it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharpRise {
    pub points: f64,
    pub recent_days: u32,
    pub message: String,
}

/// A score of at least `at_least`, logged or given after a session: said at once, and before a
/// session on a day that has one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HighPain {
    pub at_least: u8,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub after_days: u32,
    pub message: String,
}
