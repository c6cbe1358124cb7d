//! Question slots: a question's place in the questionnaire of its rule set. Answers keep each value
//! in its question's slot, and every question a rule reads is given its slot once, when the rule
//! set is put together, so that rules and answers meet by position instead of comparing ids. This
//! is what lets the engine screen a million answer sets a second.
//!
//! Slots belong to one rule set: nothing is shared across the process, and answers carry the ids
//! of the questionnaire they were made for ([`QuestionIds`]).

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The slot of a question the questionnaire lacks (only in a rule set that failed its check):
/// answers never hold one, so a rule reading it stays undecided and refers rather than reassures.
pub(crate) const UNPLACED: usize = usize::MAX;

/// The question ids of one questionnaire, in order, with the slot of each: shared by the
/// questionnaire and every set of answers made for it.
#[derive(Clone, Default)]
pub struct QuestionIds(Arc<Index>);

#[derive(Default)]
struct Index {
    ids: Vec<Box<str>>,
    /// The ids come from the rules, not from answers, so a fast hash that a flood of chosen keys
    /// could slow is safe here; a batch looks one up for every key of every record.
    slots: FxHashMap<Box<str>, usize>,
}

impl QuestionIds {
    /// The ids of a questionnaire's questions, in order. A repeated id (which the rule check
    /// rejects) keeps its first slot.
    pub(crate) fn new<'i>(ids: impl IntoIterator<Item = &'i str>) -> Self {
        let ids: Vec<Box<str>> = ids.into_iter().map(Box::from).collect();
        let mut slots = FxHashMap::default();
        for (slot, id) in ids.iter().enumerate() {
            slots.entry(id.clone()).or_insert(slot);
        }
        QuestionIds(Arc::new(Index { ids, slots }))
    }

    pub(crate) fn slot(&self, id: &str) -> Option<usize> {
        self.0.slots.get(id).copied()
    }

    pub(crate) fn id(&self, slot: usize) -> Option<&str> {
        self.0.ids.get(slot).map(|id| &**id)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.ids.is_empty()
    }

    /// Whether both are the ids of the very same questionnaire, which is the usual case and needs
    /// no comparing.
    pub fn same(&self, other: &QuestionIds) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for QuestionIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "QuestionIds({} questions)", self.len())
    }
}

/// A question id as the rule files write it, with its slot, given when the rule set is put
/// together ([`UNPLACED`] until then, or for a question the questionnaire lacks).
#[derive(Clone, PartialEq, Eq)]
pub struct QuestionRef {
    id: Box<str>,
    slot: usize,
}

impl QuestionRef {
    pub(crate) fn new(id: &str) -> Self {
        QuestionRef {
            id: id.into(),
            slot: UNPLACED,
        }
    }

    pub(crate) fn slot(&self) -> usize {
        self.slot
    }

    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// Gives the reference its slot in `questions`.
    pub(crate) fn place(&mut self, questions: &QuestionIds) {
        self.slot = questions.slot(&self.id).unwrap_or(UNPLACED);
    }
}

impl Deref for QuestionRef {
    type Target = str;

    fn deref(&self) -> &str {
        &self.id
    }
}

impl fmt::Debug for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.id, f)
    }
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl PartialEq<str> for QuestionRef {
    fn eq(&self, other: &str) -> bool {
        &*self.id == other
    }
}

impl PartialEq<&str> for QuestionRef {
    fn eq(&self, other: &&str) -> bool {
        &*self.id == *other
    }
}

impl PartialEq<String> for QuestionRef {
    fn eq(&self, other: &String) -> bool {
        *self.id == **other
    }
}

impl Serialize for QuestionRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id)
    }
}

impl<'de> Deserialize<'de> for QuestionRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|id| QuestionRef::new(&id))
    }
}

/// A rule file names a question by its id, so the schema is a plain string's.
impl JsonSchema for QuestionRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "QuestionRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The id of a question in questionnaire.json."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_has_its_place_and_a_reference_is_placed_in_one_questionnaire() {
        let questions = QuestionIds::new(["fever", "age", "fever"]);
        assert_eq!(questions.slot("age"), Some(1));
        assert_eq!(
            questions.slot("fever"),
            Some(0),
            "a repeat keeps the first slot"
        );
        assert_eq!(questions.id(1), Some("age"));
        assert_eq!(questions.slot("never_asked"), None);
        let mut reference = QuestionRef::new("age");
        assert_eq!(reference.slot(), UNPLACED);
        reference.place(&questions);
        assert_eq!(reference.slot(), 1);
        reference.place(&QuestionIds::new(["sex"]));
        assert_eq!(reference.slot(), UNPLACED);
    }
}
