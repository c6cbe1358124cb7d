//! A person's answers as the engine reads them: each a small value kept by question slot, so that
//! rules meet answers by number. Reading and writing them as a file, against the questionnaire,
//! is [`crate::answers_file`].

use crate::slot::QuestionIds;
// What `Answers::answered` gives, so a reader of answers can name it.
pub use crate::slot::SlotSet;

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
    pub(crate) fn from_bits(bits: u64) -> Self {
        OptionSet(bits)
    }

    pub(crate) fn bits(self) -> u64 {
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

/// Answers by question id, to the questions of one questionnaire. A question missing here is
/// unanswered, which is not the same as "no". They are kept by question slot (see
/// [`crate::slot`]), so rules read them without comparing ids.
#[derive(Debug, Clone)]
pub struct Answers {
    by_slot: Vec<Option<AnswerValue>>,
    /// The slots that hold an answer, kept beside the values so that the screen can ask of a
    /// whole rule at once whether any of its questions is answered.
    answered: SlotSet,
    count: usize,
    questions: QuestionIds,
}

/// The same answers to the same questions, whichever questionnaire object they were made with.
impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Answers {
    /// No answers yet to `questions` (a questionnaire's [`ids`]).
    ///
    /// [`ids`]: crate::ruleset::Questionnaire::ids
    pub fn to(questions: &QuestionIds) -> Self {
        let questions = questions.clone();
        Answers {
            by_slot: vec![None; questions.len()],
            answered: SlotSet::default(),
            count: 0,
            questions,
        }
    }

    pub fn get(&self, question: &str) -> Option<&AnswerValue> {
        self.questions.slot(question).and_then(|slot| self.at(slot))
    }

    /// The answer in a question's slot: the engine's way in.
    pub(crate) fn at(&self, slot: usize) -> Option<&AnswerValue> {
        self.by_slot.get(slot).and_then(Option::as_ref)
    }

    /// Sets the answer to a question. An answer to a question the questionnaire does not ask is
    /// not kept: no rule of its rule set can read it (answers files report such ids before they
    /// get here).
    pub fn set(&mut self, question: &str, value: AnswerValue) {
        if let Some(slot) = self.questions.slot(question) {
            self.set_at(slot, value);
        }
    }

    /// Sets the answer in a slot of the questionnaire these answers are to.
    pub fn set_at(&mut self, slot: usize, value: AnswerValue) {
        if self.by_slot[slot].replace(value).is_none() {
            self.count += 1;
            self.answered.insert(slot);
        }
    }

    pub fn remove(&mut self, question: &str) {
        if let Some(slot) = self.questions.slot(question) {
            if self.by_slot[slot].take().is_some() {
                self.count -= 1;
                self.answered.remove(slot);
            }
        }
    }

    /// Takes every answer away and keeps the room, so that a batch can read record after record
    /// into the same answers.
    pub fn clear(&mut self) {
        for slot in self.answered.iter() {
            self.by_slot[slot] = None;
        }
        self.answered = SlotSet::default();
        self.count = 0;
    }

    /// The slots that hold an answer.
    pub fn answered(&self) -> SlotSet {
        self.answered
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Every answer with its question id, in questionnaire order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.by_slot.iter().enumerate().filter_map(|(slot, value)| {
            let id = self.questions.id(slot).expect("one slot per question");
            value.as_ref().map(|value| (id, value))
        })
    }
}

/// Something wrong with one answer, as read from a file or a FHIR response: kept here, beside the
/// answers, so that both readers can say it without using each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    /// The question id the problem is under; `None` for the whole document.
    pub question: Option<String>,
    pub message: String,
    pub fix: String,
}
