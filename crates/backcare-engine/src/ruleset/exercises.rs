//! The exercise catalogue.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// Read as the file is written, then indexed by id; the schema is the file's.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(from = "ExercisesFile")]
pub struct Exercises {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    pub exercises: Vec<Exercise>,
    /// Exercise ids to their place in `exercises`, for the routine builder's lookups. A repeated
    /// id (which the rule check rejects) keeps its first place.
    #[serde(skip)]
    index: HashMap<String, usize>,
}

// The exercise catalogue as written.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExercisesFile {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    schema: Option<String>,
    exercises: Vec<Exercise>,
}

impl From<ExercisesFile> for Exercises {
    fn from(file: ExercisesFile) -> Self {
        let mut index = HashMap::new();
        for (at, exercise) in file.exercises.iter().enumerate() {
            index.entry(exercise.id.clone()).or_insert(at);
        }
        Exercises {
            schema: file.schema,
            exercises: file.exercises,
            index,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub phase: Phase,
    pub target: String,
    pub steps: Vec<String>,
    pub dose: Dose,
    #[serde(default)]
    pub equipment: Vec<String>,
    /// Said to everyone who is given the exercise.
    #[serde(default)]
    pub cautions: Vec<String>,
    /// Said only to someone a condition may apply to (see [`ConditionCaution`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition_cautions: Vec<ConditionCaution>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A caution about a condition that yes/no questions ask about, such as osteoporosis: said to
/// someone who answered yes to one of `questions`, or has not answered one that applies to them,
/// and left out for someone who answered no to each, for whom it would only be noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionCaution {
    pub text: String,
    /// Ids of yes/no questions in questionnaire.json.
    pub questions: Vec<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Release,
    Stretch,
    Mobility,
    Strength,
    Relax,
}

impl Phase {
    pub(crate) const ALL: [Phase; 5] = [
        Phase::Release,
        Phase::Stretch,
        Phase::Mobility,
        Phase::Strength,
        Phase::Relax,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Phase::Release => "release",
            Phase::Stretch => "stretch",
            Phase::Mobility => "mobility",
            Phase::Strength => "strength",
            Phase::Relax => "relax",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<u32>,
    #[serde(default = "one")]
    pub reps: u32,
    #[serde(default = "one")]
    pub sets: u32,
    #[serde(default)]
    pub per_side: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_seconds: Option<u32>,
    /// For an exercise held, then relaxed, then held again: how long each release between two
    /// holds of a set lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
}

fn one() -> u32 {
    1
}

impl Dose {
    pub(crate) fn sides(&self) -> u32 {
        if self.per_side {
            2
        } else {
            1
        }
    }

    /// How long one repetition lasts: its hold, or the policy's pace when nothing is held.
    pub fn rep_seconds(&self, seconds_per_rep: u32) -> u32 {
        self.hold_seconds.unwrap_or(seconds_per_rep).max(1)
    }

    /// How long each release between two holds lasts: only a held exercise is released.
    pub fn release_seconds(&self) -> u32 {
        match self.hold_seconds {
            Some(_) => self.release_seconds.unwrap_or(0),
            None => 0,
        }
    }

    /// How long the whole dose takes, both sides, rests and releases included.
    pub fn seconds(&self, seconds_per_rep: u32, setup_seconds: u32) -> u32 {
        let work = match self.duration_seconds {
            Some(duration) => duration,
            None => {
                let rep = self.rep_seconds(seconds_per_rep);
                let rests = self.rest_seconds.unwrap_or(0) * self.sets.saturating_sub(1);
                let releases = self.release_seconds() * self.reps.saturating_sub(1);
                (rep * self.reps + releases) * self.sets + rests
            }
        };
        work * self.sides() + setup_seconds
    }
}

impl Exercises {
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.position(id).map(|at| &self.exercises[at])
    }

    /// Where an exercise stands in the catalogue, which is also the order of ties in a routine.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_per_side_dose_counts_both_sides_and_rests() {
        let dose = Dose {
            hold_seconds: Some(5),
            reps: 10,
            sets: 2,
            per_side: true,
            rest_seconds: Some(20),
            release_seconds: None,
            duration_seconds: None,
        };
        // (5 s x 10 reps x 2 sets + one 20 s rest) on each side, plus setup.
        assert_eq!(dose.seconds(3, 10), (100 + 20) * 2 + 10);
    }

    #[test]
    fn a_release_comes_between_the_holds_of_a_set_and_only_a_held_dose_has_one() {
        let held: Dose = serde_json::from_str(
            r#"{"hold_seconds": 5, "release_seconds": 3, "reps": 10, "sets": 2}"#,
        )
        .unwrap();
        // Per set, 10 holds of 5 s and 9 releases of 3 s between them.
        assert_eq!(held.seconds(3, 0), (50 + 27) * 2);
        let moved: Dose = serde_json::from_str(r#"{"release_seconds": 3, "reps": 10}"#).unwrap();
        assert_eq!(moved.seconds(3, 0), 30);
    }

    #[test]
    fn repetitions_without_a_hold_use_the_policy_pace() {
        let dose: Dose = serde_json::from_str(r#"{"reps": 30, "per_side": true}"#).unwrap();
        assert_eq!(dose.seconds(3, 0), 180);
    }
}
