//! Question slots: a question's place in the questionnaire of its rule set. Answers keep each value
//! in its question's slot, and every question a rule reads is given its slot once, when the rule
//! set is put together, so that rules and answers meet by position instead of comparing ids. This
//! is what lets the engine screen a million answer sets a second.
//!
//! Slots belong to one rule set: nothing is shared across the process, and answers carry the ids
//! of the questionnaire they were made for ([`QuestionIds`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::Arc;

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
    slots: HashMap<Box<str>, usize, BuildHasherDefault<IdHasher>>,
}

/// Hashes a question id by its length and its first and last eight bytes, where ids differ:
/// hashing every byte of a key cost more than the rest of looking it up.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let word = |part: &[u8]| {
            let mut word = [0; 8];
            word[..part.len()].copy_from_slice(part);
            u64::from_le_bytes(word)
        };
        let (first, last) = match bytes.len() {
            0..=8 => (word(bytes), 0),
            length => (word(&bytes[..8]), word(&bytes[length - 8..])),
        };
        self.mix(first ^ last.rotate_left(29) ^ bytes.len() as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(byte.into());
    }

    fn finish(&self) -> u64 {
        // The table takes its places from the low bits, which a product leaves weakest.
        self.0 ^ (self.0 >> 29)
    }
}

impl IdHasher {
    fn mix(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl QuestionIds {
    /// The ids of a questionnaire's questions, in order. A repeated id (which the rule check
    /// rejects) keeps its first slot.
    pub(crate) fn new<'i>(ids: impl IntoIterator<Item = &'i str>) -> Self {
        let ids: Vec<Box<str>> = ids.into_iter().map(Box::from).collect();
        let mut slots = HashMap::default();
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

/// A question id as the rule files write it. Conditions compiled against the questionnaire
/// resolve it to its slot ([`crate::condition::CompiledCondition`]).
#[derive(Clone, PartialEq, Eq)]
pub struct QuestionRef {
    id: Box<str>,
}

impl QuestionRef {
    pub fn new(id: &str) -> Self {
        QuestionRef { id: id.into() }
    }

    pub fn id(&self) -> &str {
        &self.id
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

/// The most questions a questionnaire may have (the rule check refuses more): more than any
/// questionnaire a person in pain would answer (the shipped one has 71), and it lets a set of
/// slots be one 128-bit number.
pub(crate) const MOST_QUESTIONS: usize = 128;

/// A set of slots, one bit each: what the screen asks of many questions at once (which are
/// answered, which a rule reads, which are still open) is then an operation or two.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct SlotSet(u128);

impl SlotSet {
    /// Adds a slot; one past [`MOST_QUESTIONS`] (or [`UNPLACED`]) is left out, as no answer can be
    /// there.
    pub fn insert(&mut self, slot: usize) {
        self.0 |= Self::bit(slot);
    }

    pub fn remove(&mut self, slot: usize) {
        self.0 &= !Self::bit(slot);
    }

    pub fn contains(&self, slot: usize) -> bool {
        self.0 & Self::bit(slot) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn intersects(&self, other: &SlotSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The slots in the set, in order.
    pub fn iter(&self) -> Slots {
        Slots(self.0)
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    fn bit(slot: usize) -> u128 {
        if slot < MOST_QUESTIONS {
            1 << slot
        } else {
            0
        }
    }
}

/// The slots of a [`SlotSet`], in order.
pub struct Slots(u128);

impl Iterator for Slots {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        (self.0 != 0).then(|| {
            let slot = self.0.trailing_zeros() as usize;
            self.0 &= self.0 - 1;
            slot
        })
    }
}

impl std::ops::BitAnd for SlotSet {
    type Output = SlotSet;

    fn bitand(self, other: SlotSet) -> SlotSet {
        SlotSet(self.0 & other.0)
    }
}

impl std::ops::BitOr for SlotSet {
    type Output = SlotSet;

    fn bitor(self, other: SlotSet) -> SlotSet {
        SlotSet(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for SlotSet {
    fn bitor_assign(&mut self, other: SlotSet) {
        self.0 |= other.0;
    }
}

impl std::ops::Not for SlotSet {
    type Output = SlotSet;

    fn not(self) -> SlotSet {
        SlotSet(!self.0)
    }
}

impl fmt::Debug for SlotSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_has_its_place_in_one_questionnaire() {
        let questions = QuestionIds::new(["fever", "age", "fever"]);
        assert_eq!(questions.slot("age"), Some(1));
        assert_eq!(
            questions.slot("fever"),
            Some(0),
            "a repeat keeps the first slot"
        );
        assert_eq!(questions.id(1), Some("age"));
        assert_eq!(questions.slot("never_asked"), None);
    }

    #[test]
    fn a_slot_set_holds_slots_across_words_and_leaves_out_those_past_the_most() {
        let mut set = SlotSet::default();
        assert!(set.is_empty());
        for slot in [127, 0, 64, 63, UNPLACED, MOST_QUESTIONS] {
            set.insert(slot);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 63, 64, 127]);
        assert_eq!(set.len(), 4);
        assert!(set.contains(64) && !set.contains(65) && !set.contains(UNPLACED));
        set.remove(64);
        assert!(!set.contains(64));
        assert_eq!((!set).len(), MOST_QUESTIONS - 3);
        let mut other = SlotSet::default();
        other.insert(64);
        assert!(!set.intersects(&other));
        other.insert(127);
        assert!(set.intersects(&other));
    }
}
