//! How a routine is put together: order, what findings add, what answers rule out, time, and advice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::exercises::Phase;
use super::red_flags::ReferralUrgency;
use crate::condition::Condition;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub phase_order: Vec<Phase>,
    /// Tags whose exercises go last inside their phase.
    pub last_in_phase: Vec<String>,
    pub equipment_question: String,
    pub minutes_question: String,
    pub default_minutes: u32,
    pub seconds_per_rep: u32,
    pub setup_seconds: u32,
    /// Every tag an exercise may carry, with what it means.
    #[serde(deserialize_with = "crate::unique_keys::deserialize")]
    pub tags: BTreeMap<String, String>,
    pub base: Vec<Pick>,
    #[serde(deserialize_with = "crate::unique_keys::deserialize")]
    pub findings: BTreeMap<String, FindingPolicy>,
    pub exclusions: Vec<Exclusion>,
    pub advisories: Vec<Advisory>,
    pub key_points: Vec<String>,
    pub follow_up: Vec<String>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    pub exercise: String,
    pub priority: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingPolicy {
    pub add: Vec<Pick>,
    #[serde(default)]
    pub exclude_tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub id: String,
    pub when: Condition,
    pub tags: Vec<String>,
    pub reason: String,
}

/// Advice that goes with the routine rather than replacing it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advisory {
    pub id: String,
    pub when: Condition,
    /// Raises the outcome to this urgency; without it the advisory is a tip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<ReferralUrgency>,
    pub message: String,
}
