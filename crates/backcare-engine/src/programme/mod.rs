//! The programme: today's routine chosen from what the person's own sessions showed. A first stage
//! tries every exercise the person can do, in turn; after it the routine keeps what brought relief
//! and the posture work for their findings, leaves out what was rated worse too often, and raises
//! doses slowly where ratings stayed good. Pure: the history comes in as plain data, with today's
//! date as a day number, so the same answers and history always give the same routine.

mod choose;
mod history;
mod progression;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::outcome::Routine;
use crate::ruleset::postures::PostureFinding;
use crate::ruleset::{Dose, Exercise};

pub use choose::build;
pub use history::{records, Course, History, Rating, Record, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// Trying every exercise; `session` is the number of the next one.
    Trial { session: u32, of: u32 },
    /// Choosing by the ratings.
    Chosen,
}

/// What the pain's course changes in today's routine, said before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    /// Worse than at the start: a professional comes first.
    GettingWorse,
    /// No better at the progress policy's last stage: a professional comes first.
    SeeProfessional,
    /// No better at the posture stage: posture work first.
    PostureFirst,
}

/// Why an exercise is in today's routine. Serialised with `reason` naming the variant and the
/// finding by its id.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Why<'r> {
    StillTrying {
        tries: u32,
    },
    Helped {
        better: u32,
        rated: u32,
    },
    Posture {
        #[serde(serialize_with = "finding_id")]
        finding: &'r PostureFinding,
    },
    /// Judged, without clear relief: it fills the time left.
    NoClearRelief {
        rated: u32,
    },
}

fn finding_id<S: serde::Serializer>(finding: &&PostureFinding, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(&finding.id)
}

/// An exercise of today's routine, beside its place in [`Programme::routine`].
#[derive(Debug, Clone, PartialEq)]
pub struct Plan<'r> {
    /// The catalogue dose, or more of it after good ratings.
    pub dose: Dose,
    /// Steps the dose was raised by.
    pub raised: u32,
    pub why: Why<'r>,
}

/// An exercise left out because of its ratings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dropped<'r> {
    pub exercise: &'r Exercise,
    pub worse: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Programme<'r> {
    pub stage: Stage,
    pub shift: Option<Shift>,
    /// Today's routine; each exercise's `seconds` counts its dose in `plans`.
    pub routine: Routine<'r>,
    /// One per exercise of `routine`, in the same order.
    pub plans: Vec<Plan<'r>>,
    pub dropped: Vec<Dropped<'r>>,
}
