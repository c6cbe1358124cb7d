//! What an assessment produces: a referral, an incomplete screen, or a routine. Data only; the
//! wording and colour are the renderer's.
//!
//! An outcome borrows the rules and exercises it names from the rule set, and the answers it
//! quotes from the answer set, instead of copying them, which keeps an assessment under a
//! microsecond. Each part dereferences to what it borrows (a fired rule reads as its
//! `RedFlagRule`, a routine exercise as its `Exercise`), and serialises with the fields a reader of
//! the JSON needs.

use std::ops::Deref;

use serde::{Serialize, Serializer};

use crate::answers::AnswerValue;
use crate::answers_file::Written;
use crate::ruleset::policy::Advisory;
use crate::ruleset::postures::PostureFinding;
use crate::ruleset::{Category, Professional, Question, RedFlagRule, ReferralUrgency};
mod missing;
mod routine;
pub use missing::Missing;
pub use routine::{Cautions, LeftOut, LeftOutReason, Names, NamesIter, Routine, RoutineExercise};

/// Bumped whenever a field is renamed, removed or changes meaning.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Emergency,
    Urgent,
    Soon,
    SelfCare,
    Incomplete,
}

/// A referral's urgency as an outcome's.
impl From<ReferralUrgency> for Urgency {
    fn from(urgency: ReferralUrgency) -> Self {
        match urgency {
            ReferralUrgency::Soon => Urgency::Soon,
            ReferralUrgency::Urgent => Urgency::Urgent,
            ReferralUrgency::Emergency => Urgency::Emergency,
        }
    }
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
pub struct Outcome<'r> {
    pub schema_version: u32,
    pub urgency: Urgency,
    /// Set when a warning sign fired; there is no routine then.
    pub referral: Option<Referral<'r>>,
    /// Unanswered warning-sign questions that could still make the outcome more urgent, in
    /// questionnaire order.
    pub missing: Missing<'r>,
    pub findings: Vec<Finding<'r>>,
    pub advisories: Vec<AdvisoryNote<'r>>,
    pub routine: Option<Routine<'r>>,
    pub disclaimer: &'r str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referral<'r> {
    pub urgency: ReferralUrgency,
    /// Highest urgency first.
    pub rules: Vec<FiredRule<'r>>,
}

/// One answer that made a rule or finding hold.
#[derive(Debug, Clone, PartialEq)]
pub struct GivenAnswer<'r> {
    pub question: &'r Question,
    pub answer: &'r AnswerValue,
}

impl Serialize for GivenAnswer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            question: &'a str,
            answer: Written<'a>,
        }
        View {
            question: &self.question.id,
            answer: Written(self.question, self.answer),
        }
        .serialize(serializer)
    }
}

/// A part of the rule set as it applies to this person, with the answers that made it apply.
macro_rules! applied {
    ($name:ident, $field:ident: $target:ty) => {
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name<'r> {
            pub $field: &'r $target,
            pub triggered_by: Vec<GivenAnswer<'r>>,
        }

        impl Deref for $name<'_> {
            type Target = $target;

            fn deref(&self) -> &$target {
                self.$field
            }
        }
    };
}

applied!(FiredRule, rule: RedFlagRule);
applied!(Finding, finding: PostureFinding);
applied!(AdvisoryNote, advisory: Advisory);

impl Serialize for FiredRule<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            title: &'a str,
            category: Category,
            urgency: ReferralUrgency,
            action: &'a str,
            why: &'a str,
            avoid: &'a [String],
            see: Professional,
            source: Option<&'a str>,
            triggered_by: &'a [GivenAnswer<'a>],
        }
        View {
            id: &self.id,
            title: &self.title,
            category: self.category,
            urgency: self.urgency,
            action: &self.action,
            why: &self.why,
            avoid: &self.avoid,
            see: self.see,
            source: self.source.as_deref(),
            triggered_by: &self.triggered_by,
        }
        .serialize(serializer)
    }
}

impl Serialize for Finding<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            name: &'a str,
            summary: &'a str,
            triggered_by: &'a [GivenAnswer<'a>],
        }
        View {
            id: &self.id,
            name: &self.name,
            summary: &self.summary,
            triggered_by: &self.triggered_by,
        }
        .serialize(serializer)
    }
}

impl Serialize for AdvisoryNote<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            urgency: Option<ReferralUrgency>,
            see: Professional,
            message: &'a str,
            source: Option<&'a str>,
            triggered_by: &'a [GivenAnswer<'a>],
        }
        View {
            id: &self.id,
            urgency: self.urgency,
            see: self.see,
            message: &self.message,
            source: self.source.as_deref(),
            triggered_by: &self.triggered_by,
        }
        .serialize(serializer)
    }
}
