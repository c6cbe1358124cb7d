//! The routine part of an outcome: the exercises placed in order with their cautions, and those
//! the policy wanted but left out, each with why. Kept as positions and bits over the rule set's
//! lists where it can, so building a routine allocates little; each part still reads and
//! serialises as the texts it stands for.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

use crate::ruleset::exercises::ConditionCaution;
use crate::ruleset::{Dose, Exercise, Phase};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routine<'r> {
    pub minutes_budget: u32,
    /// False when the person did not say how long they have and the policy default was used.
    pub budget_answered: bool,
    pub total_seconds: u32,
    /// In the order to do them.
    pub exercises: Vec<RoutineExercise<'r>>,
    pub left_out: Vec<LeftOut<'r>>,
    pub key_points: &'r [String],
    pub follow_up: &'r [String],
}

/// An exercise placed in a routine.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutineExercise<'r> {
    pub exercise: &'r Exercise,
    /// How long it takes, both sides and rests included.
    pub seconds: u32,
    /// `core` for the everyday routine, or the id of a posture finding.
    pub chosen_for: Names<'r>,
    /// The cautions that concern this person (see [`ConditionCaution`]), in catalogue order.
    pub cautions: Cautions<'r>,
}

/// An exercise's cautions for one person: every plain one, then those about a condition that may
/// apply to them, kept as bits so that building a routine allocates nothing for them. Reads and
/// serialises as the texts. A caution about a condition past the 64th is always said.
#[derive(Clone, Copy, PartialEq)]
pub struct Cautions<'r> {
    plain: &'r [String],
    about_conditions: &'r [ConditionCaution],
    said: u64,
}

impl<'r> Cautions<'r> {
    /// The plain cautions, and those about conditions whose bit (by position) is set in `said`.
    pub(crate) fn new(exercise: &'r Exercise, said: u64) -> Self {
        Cautions {
            plain: &exercise.cautions,
            about_conditions: &exercise.condition_cautions,
            said,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'r str> + use<'r> {
        let said = self.said;
        let about = self
            .about_conditions
            .iter()
            .enumerate()
            .filter(move |(at, _)| *at >= 64 || said & (1 << at) != 0)
            .map(|(_, caution)| caution.text.as_str());
        self.plain.iter().map(String::as_str).chain(about)
    }
}

impl<'r> IntoIterator for &Cautions<'r> {
    type Item = &'r str;
    type IntoIter = Box<dyn Iterator<Item = &'r str> + 'r>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl fmt::Debug for Cautions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Cautions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Deref for RoutineExercise<'_> {
    type Target = Exercise;

    fn deref(&self) -> &Exercise {
        self.exercise
    }
}

impl Serialize for RoutineExercise<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            name: &'a str,
            phase: Phase,
            target: &'a str,
            dose: &'a Dose,
            seconds: u32,
            equipment: &'a [String],
            tags: &'a [String],
            steps: &'a [String],
            cautions: Cautions<'a>,
            chosen_for: Names<'a>,
        }
        View {
            id: &self.id,
            name: &self.name,
            phase: self.phase,
            target: &self.target,
            dose: &self.dose,
            seconds: self.seconds,
            equipment: &self.equipment,
            tags: &self.tags,
            steps: &self.steps,
            cautions: self.cautions,
            chosen_for: self.chosen_for,
        }
        .serialize(serializer)
    }
}

/// An exercise the policy wanted but this routine could not use, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut<'r> {
    pub exercise: &'r Exercise,
    pub reason: LeftOutReason<'r>,
}

impl Deref for LeftOut<'_> {
    type Target = Exercise;

    fn deref(&self) -> &Exercise {
        self.exercise
    }
}

impl Serialize for LeftOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            id: &'a str,
            name: &'a str,
            #[serde(flatten)]
            reason: &'a LeftOutReason<'a>,
        }
        View {
            id: &self.id,
            name: &self.name,
            reason: &self.reason,
        }
        .serialize(serializer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LeftOutReason<'r> {
    /// The person does not have all it needs.
    Equipment { missing: Names<'r> },
    /// An exclusion in the policy (a contraindication) rules its tags out.
    Excluded { exclusion: &'r str, tags: Names<'r> },
    /// A posture finding rules its tags out.
    NotForFinding { finding: &'r str, tags: Names<'r> },
    /// It did not fit in the time after higher-priority exercises.
    NoTime,
}

/// Some of the names in a list the rule set owns, kept as bits (the first 64 names at most), so
/// that building a routine allocates nothing per exercise. Reads and serialises as the names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Names<'r> {
    list: &'r [String],
    bits: u64,
}

impl<'r> Names<'r> {
    /// The names in `list` whose bit (by position) is set in `bits`.
    pub(crate) fn new(list: &'r [String], bits: u64) -> Self {
        let in_list = match list.len() {
            0 => 0,
            n if n >= 64 => u64::MAX,
            n => (1 << n) - 1,
        };
        Names {
            list,
            bits: bits & in_list,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    pub fn iter(&self) -> NamesIter<'r> {
        NamesIter {
            list: self.list,
            bits: self.bits,
        }
    }
}

impl<'r> IntoIterator for Names<'r> {
    type Item = &'r str;
    type IntoIter = NamesIter<'r>;

    fn into_iter(self) -> NamesIter<'r> {
        self.iter()
    }
}

impl<'r> IntoIterator for &Names<'r> {
    type Item = &'r str;
    type IntoIter = NamesIter<'r>;

    fn into_iter(self) -> NamesIter<'r> {
        self.iter()
    }
}

pub struct NamesIter<'r> {
    list: &'r [String],
    bits: u64,
}

impl<'r> Iterator for NamesIter<'r> {
    type Item = &'r str;

    fn next(&mut self) -> Option<&'r str> {
        if self.bits == 0 {
            return None;
        }
        let at = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(&self.list[at])
    }
}

impl fmt::Debug for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
