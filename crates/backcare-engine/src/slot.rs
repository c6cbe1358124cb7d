//! Question slots: every question id gets a small number the first time it is seen, so that rules
//! and answers meet by position in a list instead of by comparing strings. This is what lets the
//! engine screen a million answer sets a second.
//!
//! Slots are shared by the whole process (answers and rule sets from anywhere agree on them) and
//! never reused; only distinct question ids take one, so the table stays small.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::{LazyLock, RwLock};

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

struct Table {
    by_id: HashMap<&'static str, usize>,
    ids: Vec<&'static str>,
}

static TABLE: LazyLock<RwLock<Table>> = LazyLock::new(|| {
    RwLock::new(Table {
        by_id: HashMap::new(),
        ids: Vec::new(),
    })
});

/// The slot of a question id, given one if it has none yet.
pub fn slot_of(id: &str) -> usize {
    if let Some(&slot) = read().by_id.get(id) {
        return slot;
    }
    let mut table = TABLE
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&slot) = table.by_id.get(id) {
        return slot;
    }
    // Each distinct id is kept for the life of the process, so it can be lent out freely.
    let id: &'static str = Box::leak(id.to_owned().into_boxed_str());
    let slot = table.ids.len();
    table.ids.push(id);
    table.by_id.insert(id, slot);
    slot
}

/// The slot of a question id that has one; `None` for an id never seen.
pub fn find(id: &str) -> Option<usize> {
    read().by_id.get(id).copied()
}

/// The question id in a slot.
pub fn id_at(slot: usize) -> &'static str {
    read().ids[slot]
}

fn read() -> std::sync::RwLockReadGuard<'static, Table> {
    // Nothing panics while holding the lock, so a poisoned one still holds a sound table.
    TABLE
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A question id as the rule files write it, with its slot looked up once when read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct QuestionRef {
    id: &'static str,
    slot: usize,
}

impl QuestionRef {
    pub fn new(id: &str) -> Self {
        let slot = slot_of(id);
        QuestionRef {
            id: id_at(slot),
            slot,
        }
    }

    pub fn slot(self) -> usize {
        self.slot
    }

    pub fn id(self) -> &'static str {
        self.id
    }
}

impl Deref for QuestionRef {
    type Target = str;

    fn deref(&self) -> &str {
        self.id
    }
}

impl fmt::Debug for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.id, f)
    }
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl PartialEq<str> for QuestionRef {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl PartialEq<&str> for QuestionRef {
    fn eq(&self, other: &&str) -> bool {
        self.id == *other
    }
}

impl PartialEq<String> for QuestionRef {
    fn eq(&self, other: &String) -> bool {
        self.id == other
    }
}

impl Serialize for QuestionRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
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
    fn one_id_one_slot() {
        let first = slot_of("slot_test_question");
        assert_eq!(slot_of("slot_test_question"), first);
        assert_ne!(slot_of("slot_test_other"), first);
        assert_eq!(id_at(first), "slot_test_question");
        assert_eq!(find("slot_test_never_seen"), None);
    }
}
