//! What an assessment produces: a referral, an incomplete screen, or a routine. Data only; the
//! wording and colour are the renderer's.

use serde::Serialize;

use crate::answers::AnswerValue;
use crate::ruleset::{Category, Dose, Phase, ReferralUrgency};

/// Bumped whenever a field is renamed, removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Emergency,
    Urgent,
    Soon,
    SelfCare,
    Incomplete,
}

impl Urgency {
    pub fn id(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Urgent => "urgent",
            Urgency::Soon => "soon",
            Urgency::SelfCare => "self_care",
            Urgency::Incomplete => "incomplete",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub schema_version: u32,
    pub urgency: Urgency,
    /// Set when a warning sign fired; there is no routine then.
    pub referral: Option<Referral>,
    /// Warning-sign questions still unanswered, in questionnaire order.
    pub missing: Vec<String>,
    pub findings: Vec<Finding>,
    pub advisories: Vec<AdvisoryNote>,
    pub routine: Option<Routine>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referral {
    pub urgency: ReferralUrgency,
    /// Highest urgency first.
    pub rules: Vec<FiredRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiredRule {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub urgency: ReferralUrgency,
    pub action: String,
    pub why: String,
    pub avoid: Vec<String>,
    pub triggered_by: Vec<GivenAnswer>,
}

/// One answer that made a rule or finding hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GivenAnswer {
    pub question: String,
    pub answer: AnswerValue,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub triggered_by: Vec<GivenAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvisoryNote {
    pub id: String,
    pub urgency: Option<ReferralUrgency>,
    pub message: String,
    pub triggered_by: Vec<GivenAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routine {
    pub minutes_budget: u32,
    /// False when the person did not say how long they have and the policy default was used.
    pub budget_answered: bool,
    pub total_seconds: u32,
    /// In the order to do them.
    pub exercises: Vec<RoutineExercise>,
    pub left_out: Vec<LeftOut>,
    pub key_points: Vec<String>,
    pub follow_up: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoutineExercise {
    pub id: String,
    pub name: String,
    pub phase: Phase,
    pub target: String,
    pub dose: Dose,
    pub seconds: u32,
    pub equipment: Vec<String>,
    pub tags: Vec<String>,
    pub steps: Vec<String>,
    pub cautions: Vec<String>,
    /// `core` for the everyday routine, or the id of a posture finding.
    pub chosen_for: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub reason: LeftOutReason,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LeftOutReason {
    /// The person does not have all it needs.
    Equipment { missing: Vec<String> },
    /// An exclusion in the policy (a contraindication) rules its tags out.
    Excluded {
        exclusion: String,
        tags: Vec<String>,
    },
    /// A posture finding rules its tags out.
    NotForFinding { finding: String, tags: Vec<String> },
    /// It did not fit in the time after higher-priority exercises.
    NoTime,
}
