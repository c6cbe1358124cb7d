//! The condition language shared by questions, red-flag rules, posture findings and exclusions,
//! as the rule files write it: by question and option id. The engine evaluates conditions compiled
//! against the questionnaire ([`CompiledCondition`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::slot::QuestionRef;

mod compiled;
pub use compiled::CompiledCondition;

/// A test of the answers: a JSON object with exactly one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The yes/no question was answered yes.
    Yes(QuestionRef),
    /// The yes/no question was answered no.
    No(QuestionRef),
    /// The one-of question was answered with this option.
    Is(OptionTest),
    /// The several-of question's answer includes this option.
    Includes(OptionTest),
    /// The number answered is this value or more.
    AtLeast(NumberTest),
    /// The number answered is less than this value.
    Below(NumberTest),
    /// The question has any answer at all.
    Answered(QuestionRef),
    /// Every condition in the list holds.
    All(Vec<Condition>),
    /// At least one condition in the list holds.
    Any(Vec<Condition>),
    /// The inner condition does not hold.
    Not(Box<Condition>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionTest {
    pub question: QuestionRef,
    pub option: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberTest {
    pub question: QuestionRef,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

impl From<bool> for Truth {
    fn from(value: bool) -> Self {
        if value {
            Truth::Yes
        } else {
            Truth::No
        }
    }
}

impl Condition {
    /// Every question id the condition reads, in the order they appear, without repeats.
    pub fn questions(&self) -> Vec<&str> {
        let mut found = Vec::new();
        self.collect_questions(&mut found);
        found
    }

    fn collect_questions<'a>(&'a self, found: &mut Vec<&'a str>) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|item| item.collect_questions(found))
            }
            Condition::Not(inner) => inner.collect_questions(found),
            leaf => {
                let question = leaf.leaf_question().expect("non-leaf handled above");
                if !found.contains(&question) {
                    found.push(question);
                }
            }
        }
    }

    /// Calls `visit` with the question of every leaf, repeats included; allocates nothing.
    pub(crate) fn for_each_question<'c>(&'c self, visit: &mut impl FnMut(&'c QuestionRef)) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|item| item.for_each_question(visit))
            }
            Condition::Not(inner) => inner.for_each_question(visit),
            leaf => visit(leaf.leaf_ref().expect("non-leaf handled above")),
        }
    }

    /// The question a leaf reads; `None` for `all`, `any` and `not`.
    pub(crate) fn leaf_question(&self) -> Option<&str> {
        self.leaf_ref().map(QuestionRef::id)
    }

    fn leaf_ref(&self) -> Option<&QuestionRef> {
        match self {
            Condition::Yes(question) | Condition::No(question) | Condition::Answered(question) => {
                Some(question)
            }
            Condition::Is(test) | Condition::Includes(test) => Some(&test.question),
            Condition::AtLeast(test) | Condition::Below(test) => Some(&test.question),
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_object_with_two_keys_is_rejected() {
        let result: Result<Condition, _> = serde_json::from_str(r#"{"yes": "a", "no": "b"}"#);
        assert!(result.is_err());
    }

    #[test]
    fn questions_are_listed_once_in_the_order_they_appear() {
        let condition: Condition = serde_json::from_str(
            r#"{"all": [{"yes": "b"}, {"not": {"yes": "a"}}, {"any": [{"no": "b"}, {"answered": "c"}]}]}"#,
        )
        .unwrap();
        assert_eq!(condition.questions(), ["b", "a", "c"]);
    }
}
