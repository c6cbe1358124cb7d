//! A person's answers as the engine reads them: each a small value kept by question slot, so that
//! rules meet answers by number. Reading and writing them as a file, against the questionnaire,
//! is [`crate::answers_file`].

use crate::slot;

/// One answer. Options are kept by their position in the question's `options`, so an answer is
/// 16 bytes with nothing on the heap: the engine reads a million answer sets a second, and it
/// waits on memory more than on arithmetic. Writing an option's id needs its question
/// ([`Written`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnswerValue {
    YesNo(bool),
    /// The position of the chosen option.
    Choice(usize),
    Choices(OptionSet),
    Number(f64),
}

/// Options picked from one question, by position. A question offers at most 64 (the rule check
/// refuses more), so the set is one number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OptionSet(u64);

impl OptionSet {
    pub fn from_bits(bits: u64) -> Self {
        OptionSet(bits)
    }

    pub fn bits(self) -> u64 {
        self.0
    }

    pub fn contains(self, position: usize) -> bool {
        position < 64 && self.0 & (1 << position) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The positions picked, in question order.
    pub fn positions(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |at| self.contains(*at))
    }

    /// The set with one more option; a position past the 64th is left out.
    pub fn with(self, position: usize) -> Self {
        match position {
            0..64 => OptionSet(self.0 | 1 << position),
            _ => self,
        }
    }
}

impl FromIterator<usize> for OptionSet {
    fn from_iter<I: IntoIterator<Item = usize>>(positions: I) -> Self {
        positions
            .into_iter()
            .fold(OptionSet::default(), OptionSet::with)
    }
}

/// Answers by question id. A question missing here is unanswered, which is not the same as "no".
/// They are kept by question slot (see [`crate::slot`]), so rules read them without comparing ids.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    by_slot: Vec<Option<AnswerValue>>,
    count: usize,
}

impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        let longest = self.by_slot.len().max(other.by_slot.len());
        (0..longest).all(|slot| self.at(slot) == other.at(slot))
    }
}

impl Answers {
    /// Room for answers in slots below `slots` (a questionnaire's [`slot_count`]), so that
    /// reading a record does not grow the list answer by answer.
    ///
    /// [`slot_count`]: crate::ruleset::Questionnaire::slot_count
    pub fn with_slots(slots: usize) -> Self {
        Answers {
            by_slot: vec![None; slots],
            count: 0,
        }
    }

    pub fn get(&self, question: &str) -> Option<&AnswerValue> {
        slot::find(question).and_then(|slot| self.at(slot))
    }

    /// The answer in a question's slot: the engine's way in.
    pub fn at(&self, slot: usize) -> Option<&AnswerValue> {
        self.by_slot.get(slot).and_then(Option::as_ref)
    }

    pub fn set(&mut self, question: &str, value: AnswerValue) {
        self.set_at(slot::slot_of(question), value);
    }

    pub fn set_at(&mut self, slot: usize, value: AnswerValue) {
        if slot >= self.by_slot.len() {
            self.by_slot.resize(slot + 1, None);
        }
        if self.by_slot[slot].replace(value).is_none() {
            self.count += 1;
        }
    }

    pub fn remove(&mut self, question: &str) {
        if let Some(slot) = slot::find(question) {
            if self.by_slot.get_mut(slot).and_then(Option::take).is_some() {
                self.count -= 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Every answer with its question id, in the order the ids were first seen (for the built-in
    /// rules, questionnaire order).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &AnswerValue)> {
        self.by_slot
            .iter()
            .enumerate()
            .filter_map(|(slot, value)| value.as_ref().map(|v| (slot::id_at(slot), v)))
    }
}
