//! Which answers point to which posture finding.

use serde::{Deserialize, Serialize};

use crate::condition::Condition;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postures {
    pub findings: Vec<PostureFinding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostureFinding {
    pub id: String,
    pub name: String,
    pub when: Condition,
    pub summary: String,
}
