//! The questions, their kinds and options, and when each is asked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::condition::{CompiledCondition, Condition, Truth};
use crate::slot::QuestionIds;

// Made from the file as written: the slot of each question (see `crate::slot`), and each
// `ask_when` compiled against the questions; the schema is the file's.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(from = "QuestionnaireFile")]
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
    /// The question ids in order: a question's slot is its place in `questions`.
    #[serde(skip)]
    ids: QuestionIds,
    /// Each question's `ask_when`, compiled, by slot.
    #[serde(skip)]
    asked_when: Vec<Option<CompiledCondition>>,
}

// The questionnaire file as written.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct QuestionnaireFile {
    /// The schema this file follows, which editors read to complete and check it; backcare
    /// ignores it.
    #[serde(rename = "$schema", default, skip_serializing)]
    schema: Option<String>,
    sections: Vec<Section>,
    questions: Vec<Question>,
    /// Ids that old answer files may still use, each with what replaced it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    retired: Vec<RetiredQuestion>,
}

impl From<QuestionnaireFile> for Questionnaire {
    fn from(file: QuestionnaireFile) -> Self {
        let ids = QuestionIds::new(file.questions.iter().map(|q| q.id.as_str()));
        let option_position =
            |slot: usize, option: &str| file.questions.get(slot)?.option_position(option);
        let asked_when = file
            .questions
            .iter()
            .map(|question| {
                let condition = question.ask_when.as_ref()?;
                Some(CompiledCondition::with(condition, &ids, &option_position))
            })
            .collect();
        Questionnaire {
            ids,
            asked_when,
            schema: file.schema,
            sections: file.sections,
            questions: file.questions,
            retired: file.retired,
        }
    }
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

    /// Where a question stands in the questionnaire, which is the slot its answers go in.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.slot(id)
    }

    /// The question ids in order, which answers to this questionnaire carry.
    pub fn ids(&self) -> &QuestionIds {
        &self.ids
    }

    /// Whether the question in `slot` is skipped: only when its `ask_when` is known to be false;
    /// when that can't be decided yet, it is asked.
    pub fn is_skipped_at(&self, slot: usize, answers: &Answers) -> bool {
        self.asked_when
            .get(slot)
            .and_then(Option::as_ref)
            .is_some_and(|condition| condition.truth(answers) == Truth::No)
    }

    /// The question whose answers go in `slot`.
    pub(crate) fn question_in_slot(&self, slot: usize) -> Option<&Question> {
        self.questions.get(slot)
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

    /// Whether a number question takes this answer: a whole number within its range.
    pub fn takes_number(&self, value: f64) -> bool {
        let (min, max) = (self.min.unwrap_or(f64::MIN), self.max.unwrap_or(f64::MAX));
        value.fract() == 0.0 && (min..=max).contains(&value)
    }
}
