//! A condition compiled against one questionnaire: each question it reads resolved to its slot and
//! each option to its position, once, when the rule set is put together. Rules as written keep
//! their ids ([`Condition`]); the engine evaluates these, so answers and rules meet by number.
//!
//! Evaluation is three-valued: an unanswered question is `Unknown`, never "no", so a missing answer
//! can't quietly turn a warning sign off.

use super::{Condition, Truth};
use crate::answers::{AnswerValue, Answers};
use crate::ruleset::Questionnaire;
use crate::slot::{QuestionIds, UNPLACED};

#[derive(Debug, Clone, PartialEq)]
pub struct CompiledCondition(Node);

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Yes(usize),
    No(usize),
    /// `position` is `None` for an option the question lacks (only in rules that failed the
    /// check): the test stays undecided.
    Is {
        slot: usize,
        position: Option<usize>,
    },
    Includes {
        slot: usize,
        position: Option<usize>,
    },
    AtLeast {
        slot: usize,
        value: f64,
    },
    Below {
        slot: usize,
        value: f64,
    },
    Answered(usize),
    All(Box<[Node]>),
    Any(Box<[Node]>),
    Not(Box<Node>),
}

impl CompiledCondition {
    /// The condition compiled against `questionnaire`. A question or option it lacks (which the
    /// rule check reports) is never answered, so its test stays undecided and refers rather than
    /// reassures.
    pub fn new(condition: &Condition, questionnaire: &Questionnaire) -> Self {
        let option_position =
            |slot: usize, option: &str| questionnaire.questions.get(slot)?.option_position(option);
        Self::with(condition, questionnaire.ids(), &option_position)
    }

    /// The same from the question ids and a lookup of option positions, for the questionnaire's
    /// own conditions while it is being built.
    pub(crate) fn with(
        condition: &Condition,
        ids: &QuestionIds,
        option_position: &impl Fn(usize, &str) -> Option<usize>,
    ) -> Self {
        CompiledCondition(Node::new(condition, ids, option_position))
    }

    /// Whether the condition holds; allocates nothing, so the engine can test every rule cheaply
    /// and explain only those that hold.
    #[inline(always)]
    pub fn truth(&self, answers: &Answers) -> Truth {
        self.0.truth(answers)
    }

    /// Calls `visit` with the slot of every question it reads, repeats included ([`UNPLACED`] for
    /// one the questionnaire lacks).
    pub fn for_each_slot(&self, visit: &mut impl FnMut(usize)) {
        self.0.for_each_slot(visit)
    }

    /// For a condition that holds, calls `visit` with the slot of each question whose answer made
    /// it hold, repeats included: every part of an `all`, the parts of an `any` that hold, and for
    /// a `not` every answered question it reads (it holds because of all of them, not any one).
    pub fn for_each_reason(&self, answers: &Answers, visit: &mut impl FnMut(usize)) {
        self.0.for_each_reason(answers, visit)
    }
}

impl Node {
    fn new(
        condition: &Condition,
        ids: &QuestionIds,
        option_position: &impl Fn(usize, &str) -> Option<usize>,
    ) -> Self {
        let slot = |question: &str| ids.slot(question).unwrap_or(UNPLACED);
        let list = |items: &[Condition]| {
            items
                .iter()
                .map(|item| Node::new(item, ids, option_position))
                .collect()
        };
        match condition {
            Condition::Yes(question) => Node::Yes(slot(question)),
            Condition::No(question) => Node::No(slot(question)),
            Condition::Answered(question) => Node::Answered(slot(question)),
            Condition::Is(test) | Condition::Includes(test) => {
                let at = slot(&test.question);
                let position = option_position(at, &test.option);
                match condition {
                    Condition::Is(_) => Node::Is { slot: at, position },
                    _ => Node::Includes { slot: at, position },
                }
            }
            Condition::AtLeast(test) => Node::AtLeast {
                slot: slot(&test.question),
                value: test.value,
            },
            Condition::Below(test) => Node::Below {
                slot: slot(&test.question),
                value: test.value,
            },
            Condition::All(items) => Node::All(list(items)),
            Condition::Any(items) => Node::Any(list(items)),
            Condition::Not(inner) => Node::Not(Box::new(Node::new(inner, ids, option_position))),
        }
    }

    #[inline(always)]
    fn truth(&self, answers: &Answers) -> Truth {
        // Leaves are answered here, in the caller: this is the engine's hottest path, and most
        // leaves sit directly inside an `all` or `any`, so only nesting costs a call.
        match self {
            Node::Yes(slot) => match answers.at(*slot) {
                Some(AnswerValue::YesNo(value)) => (*value).into(),
                _ => Truth::Unknown,
            },
            Node::No(slot) => match answers.at(*slot) {
                Some(AnswerValue::YesNo(value)) => (!*value).into(),
                _ => Truth::Unknown,
            },
            Node::All(_) | Node::Any(_) | Node::Not(_) => self.nested_truth(answers),
            leaf => leaf.leaf_truth(answers),
        }
    }

    #[inline(never)]
    fn nested_truth(&self, answers: &Answers) -> Truth {
        match self {
            Node::All(items) => {
                let mut truth = Truth::Yes;
                for item in items {
                    match item.truth(answers) {
                        Truth::No => return Truth::No,
                        Truth::Unknown => truth = Truth::Unknown,
                        Truth::Yes => {}
                    }
                }
                truth
            }
            Node::Any(items) => {
                let mut truth = Truth::No;
                for item in items {
                    match item.truth(answers) {
                        Truth::Yes => return Truth::Yes,
                        Truth::Unknown => truth = Truth::Unknown,
                        Truth::No => {}
                    }
                }
                truth
            }
            Node::Not(inner) => match inner.truth(answers) {
                Truth::Yes => Truth::No,
                Truth::No => Truth::Yes,
                Truth::Unknown => Truth::Unknown,
            },
            leaf => leaf.truth(answers),
        }
    }

    /// A leaf's truth. A value of the wrong kind can only come from answers that skipped
    /// checking; it counts as unknown so that it refers rather than reassures.
    fn leaf_truth(&self, answers: &Answers) -> Truth {
        let Some(slot) = self.leaf_slot() else {
            return self.nested_truth(answers);
        };
        let answer = answers.at(slot);
        if let Node::Answered(_) = self {
            return answer.is_some().into();
        }
        let Some(answer) = answer else {
            return Truth::Unknown;
        };
        match (self, answer) {
            (Node::Yes(_), AnswerValue::YesNo(value)) => (*value).into(),
            (Node::No(_), AnswerValue::YesNo(value)) => (!*value).into(),
            (
                Node::Is {
                    position: Some(position),
                    ..
                },
                AnswerValue::Choice(chosen),
            ) => (chosen == position).into(),
            (
                Node::Includes {
                    position: Some(position),
                    ..
                },
                AnswerValue::Choices(chosen),
            ) => chosen.contains(*position).into(),
            (Node::AtLeast { value, .. }, AnswerValue::Number(number)) => (number >= value).into(),
            (Node::Below { value, .. }, AnswerValue::Number(number)) => (number < value).into(),
            _ => Truth::Unknown,
        }
    }

    /// The slot a leaf reads; `None` for `all`, `any` and `not`.
    fn leaf_slot(&self) -> Option<usize> {
        match self {
            Node::Yes(slot) | Node::No(slot) | Node::Answered(slot) => Some(*slot),
            Node::Is { slot, .. } | Node::Includes { slot, .. } => Some(*slot),
            Node::AtLeast { slot, .. } | Node::Below { slot, .. } => Some(*slot),
            Node::All(_) | Node::Any(_) | Node::Not(_) => None,
        }
    }

    fn for_each_slot(&self, visit: &mut impl FnMut(usize)) {
        match self {
            Node::All(items) | Node::Any(items) => {
                items.iter().for_each(|item| item.for_each_slot(visit))
            }
            Node::Not(inner) => inner.for_each_slot(visit),
            leaf => visit(leaf.leaf_slot().expect("non-leaf handled above")),
        }
    }

    fn for_each_reason(&self, answers: &Answers, visit: &mut impl FnMut(usize)) {
        match self {
            Node::All(items) => items
                .iter()
                .for_each(|item| item.for_each_reason(answers, visit)),
            Node::Any(items) => items
                .iter()
                .filter(|item| item.truth(answers) == Truth::Yes)
                .for_each(|item| item.for_each_reason(answers, visit)),
            Node::Not(inner) => inner.for_each_slot(&mut |slot| {
                if answers.at(slot).is_some() {
                    visit(slot);
                }
            }),
            leaf => visit(leaf.leaf_slot().expect("non-leaf handled above")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::AnswerValue;

    /// The questions these tests ask about, and where each option stands: onset is
    /// [gradual, sudden], equipment [chair, stool].
    fn questions() -> QuestionIds {
        QuestionIds::new(["fever", "a", "b", "age", "onset", "equipment"])
    }

    fn option_position(slot: usize, option: &str) -> Option<usize> {
        match (questions().id(slot)?, option) {
            ("onset", "sudden") | ("equipment", "stool") => Some(1),
            ("onset", "gradual") | ("equipment", "chair") => Some(0),
            _ => None,
        }
    }

    /// A condition read and compiled, as a rule set compiles its conditions.
    fn parse(json: &str) -> CompiledCondition {
        let condition: Condition = serde_json::from_str(json).unwrap();
        CompiledCondition::with(&condition, &questions(), &option_position)
    }

    fn no_answers() -> Answers {
        Answers::to(&questions())
    }

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        let mut answers = no_answers();
        for (question, value) in pairs {
            answers.set(question, *value);
        }
        answers
    }

    #[test]
    fn unanswered_is_unknown_not_no() {
        let condition = parse(r#"{"yes": "fever"}"#);
        assert_eq!(condition.truth(&no_answers()), Truth::Unknown);
        let negated = parse(r#"{"not": {"yes": "fever"}}"#);
        assert_eq!(negated.truth(&no_answers()), Truth::Unknown);
    }

    #[test]
    fn any_holds_on_one_yes_despite_unknowns() {
        let condition = parse(r#"{"any": [{"yes": "a"}, {"yes": "b"}]}"#);
        let given = answers(&[("b", AnswerValue::YesNo(true))]);
        assert_eq!(condition.truth(&given), Truth::Yes);
        let mut because_of = Vec::new();
        condition.for_each_reason(&given, &mut |slot| because_of.push(slot));
        assert_eq!(because_of, [questions().slot("b").unwrap()]);
    }

    #[test]
    fn all_fails_on_one_no_despite_unknowns() {
        let condition = parse(r#"{"all": [{"yes": "a"}, {"yes": "b"}]}"#);
        let given = answers(&[("b", AnswerValue::YesNo(false))]);
        assert_eq!(condition.truth(&given), Truth::No);
    }

    #[test]
    fn numbers_compare_at_the_threshold() {
        let at_least = parse(r#"{"at_least": {"question": "age", "value": 50}}"#);
        let below = parse(r#"{"below": {"question": "age", "value": 50}}"#);
        let fifty = answers(&[("age", AnswerValue::Number(50.0))]);
        assert_eq!(at_least.truth(&fifty), Truth::Yes);
        assert_eq!(below.truth(&fifty), Truth::No);
    }

    #[test]
    fn options_and_lists() {
        let is = parse(r#"{"is": {"question": "onset", "option": "sudden"}}"#);
        let includes = parse(r#"{"includes": {"question": "equipment", "option": "chair"}}"#);
        let given = answers(&[
            ("onset", AnswerValue::Choice(1)),
            ("equipment", AnswerValue::Choices([1].into_iter().collect())),
        ]);
        assert_eq!(is.truth(&given), Truth::Yes);
        assert_eq!(includes.truth(&given), Truth::No);
        let unknown_question = parse(r#"{"is": {"question": "onsett", "option": "sudden"}}"#);
        assert_eq!(unknown_question.truth(&given), Truth::Unknown);
        let unknown_option = parse(r#"{"is": {"question": "onset", "option": "never"}}"#);
        assert_eq!(unknown_option.truth(&given), Truth::Unknown);
    }
}
