//! Warning-sign rules: when a person must see a professional, how soon, and why.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::condition::Condition;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedFlags {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    pub rules: Vec<RedFlagRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub urgency: ReferralUrgency,
    pub when: Condition,
    pub action: String,
    pub why: String,
    #[serde(default)]
    pub avoid: Vec<String>,
    /// Who the person should see: a soon referral's headline names them, so it agrees with the
    /// action of the rule shown first.
    #[serde(default, skip_serializing_if = "Professional::is_default")]
    pub see: Professional,
    /// Where the rule's clinical grounds are written down, for whoever reviews or adapts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Another rule this one only adds an explanation to: it fires only when that one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refines: Option<String>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Professional {
    // Listed first among rules of the same urgency, as its advice is the narrower one. A plain
    // comment: the order is for the code, not for whoever edits a rule file.
    Doctor,
    #[default]
    DoctorOrPhysiotherapist,
}

impl Professional {
    pub(crate) fn is_default(&self) -> bool {
        *self == Professional::default()
    }
}

/// The urgencies a referral can have; `self_care` and `incomplete` are outcomes, not referrals.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReferralUrgency {
    Soon,
    Urgent,
    Emergency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Cardiac,
    Aortic,
    Pulmonary,
    TraumaFracture,
    OsteoporoticFracture,
    Infection,
    Malignancy,
    CordCompression,
    RadiculopathyNerve,
    Shingles,
    CervicalReferred,
    VisceralGi,
    VisceralRenal,
    ThoracicDisc,
    SeverePain,
}
