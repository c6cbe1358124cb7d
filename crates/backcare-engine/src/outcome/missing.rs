//! The questions an outcome still needs: unanswered warning-sign questions that could change its
//! urgency, in questionnaire order.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::ruleset::Questionnaire;
use crate::slot::SlotSet;

/// Unanswered questions, in questionnaire order, kept as slots and named only when read: a
/// large screen mostly counts them, and most of its answer sets leave dozens open.
#[derive(Clone)]
pub struct Missing<'r> {
    questionnaire: &'r Questionnaire,
    slots: SlotSet,
    /// Questions the questionnaire lacks, named by rules that failed the check: never answered,
    /// so always open.
    unplaced: Vec<&'r str>,
}

impl<'r> Missing<'r> {
    pub(crate) fn new(questionnaire: &'r Questionnaire, slots: SlotSet) -> Self {
        Missing {
            questionnaire,
            slots,
            unplaced: Vec::new(),
        }
    }

    /// Adds a question the questionnaire lacks, once.
    pub(crate) fn add_unplaced(&mut self, id: &'r str) {
        if !self.unplaced.contains(&id) {
            self.unplaced.push(id);
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len() + self.unplaced.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty() && self.unplaced.is_empty()
    }

    /// The question ids, in questionnaire order (those it lacks last).
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        let questions = &self.questionnaire.questions;
        self.slots
            .iter()
            .map(|slot| questions[slot].id.as_str())
            .chain(self.unplaced.iter().copied())
    }

    pub fn contains(&self, id: &str) -> bool {
        match self.questionnaire.position(id) {
            Some(slot) => self.slots.contains(slot),
            None => self.unplaced.contains(&id),
        }
    }
}

impl PartialEq for Missing<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Missing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A list of question ids, as the outcome's JSON has always given it.
impl Serialize for Missing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
