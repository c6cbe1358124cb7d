//! The questions, their kinds and options, and when each is asked.

use rustc_hash::FxHashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::condition::Condition;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// Ids that old answer files may still use, each with what replaced it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<RetiredQuestion>,
    /// Question ids to their place in `questions`: answers and rules look questions up often, a
    /// batch once for every key of every record. The ids come from the rules, not from the
    /// answers, so a fast hash that an attacker could flood is safe here.
    #[serde(skip)]
    index: FxHashMap<String, usize>,
    /// Each question's slot (see [`crate::slot`]), in the order of `questions`.
    #[serde(skip)]
    slots: Vec<usize>,
    /// The place in `questions` of the question in each slot, for the engine's lookups.
    #[serde(skip)]
    by_slot: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    OneOf,
    SeveralOf,
    Number,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub text: String,
    pub help: String,
    pub kind: QuestionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Said instead of a range error when a number is below `min`: the person is outside whom
    /// the questionnaire is made for, which is not a typing mistake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_when: Option<Condition>,
}

/// A question id no longer asked, because its meaning changed; answers to it are set aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredQuestion {
    pub id: String,
    /// What replaced it, for the person whose old file still uses it.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.position(id).map(|at| &self.questions[at])
    }

    /// Where a question stands in the questionnaire.
    pub fn position(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some(&at) => Some(at),
            // Before indexing (or with repeated ids, which the rule check rejects), search.
            None if self.index.len() != self.questions.len() => {
                self.questions.iter().position(|q| q.id == id)
            }
            None => None,
        }
    }

    /// One more than the highest slot of this questionnaire's questions.
    pub fn slot_count(&self) -> usize {
        self.by_slot.len()
    }

    /// The slot answers to the question at `position` are kept in.
    pub fn slot_at(&self, position: usize) -> usize {
        self.slots[position]
    }

    /// The slot answers to this question are kept in.
    pub fn slot(&self, id: &str) -> usize {
        match self.index.get(id) {
            Some(&at) => self.slots[at],
            None => crate::slot::slot_of(id),
        }
    }

    /// Builds the id index and gives every question its slot; called once after loading.
    pub(crate) fn index_questions(&mut self) {
        self.index = self
            .questions
            .iter()
            .enumerate()
            .map(|(at, q)| (q.id.clone(), at))
            .collect();
        self.slots = self
            .questions
            .iter()
            .map(|q| crate::slot::slot_of(&q.id))
            .collect();
        self.by_slot = vec![None; self.slots.iter().max().map_or(0, |s| s + 1)];
        for (at, slot) in self.slots.iter().enumerate() {
            self.by_slot[*slot] = Some(at);
        }
    }

    /// The question whose answers go in `slot`, if this questionnaire asks it.
    pub fn question_in_slot(&self, slot: usize) -> Option<&Question> {
        self.position_of_slot(slot).map(|at| &self.questions[at])
    }

    /// Where the question whose answers go in `slot` stands in the questionnaire.
    pub fn position_of_slot(&self, slot: usize) -> Option<usize> {
        match self.by_slot.get(slot) {
            Some(at) => *at,
            // Not indexed yet, or a slot given out after indexing.
            None => self.position(crate::slot::id_at(slot)),
        }
    }

    pub fn retired(&self, id: &str) -> Option<&RetiredQuestion> {
        self.retired_position(id).map(|at| &self.retired[at])
    }

    /// Where a retired question stands in the list of retired ones.
    pub fn retired_position(&self, id: &str) -> Option<usize> {
        self.retired.iter().position(|r| r.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

impl Question {
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.option_position(id).map(|at| &self.options[at])
    }

    pub fn option_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.choice(id).map_or(id, |c| &c.label)
    }

    /// Where an option stands in `options`, which is how answers keep it.
    pub fn option_position(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|c| c.id == id)
    }
}
