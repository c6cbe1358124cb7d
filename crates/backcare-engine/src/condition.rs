//! The condition language shared by questions, red-flag rules, posture findings and exclusions.
//!
//! Evaluation is three-valued: an unanswered question is `Unknown`, never "no", so a missing answer
//! can't quietly turn a warning sign off.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::answers::{AnswerValue, Answers};
use crate::slot::{QuestionIds, QuestionRef};

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
    /// Where the option stands in its question, as answers keep it; set when the rule set is put
    /// together ([`Condition::place`]). Unset, the test is undecided.
    #[serde(skip)]
    pub position: Option<usize>,
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

/// The result of evaluating a condition, with the questions whose answers made it hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evaluation<'c> {
    pub truth: Truth,
    pub because_of: Vec<&'c str>,
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

    /// Gives every question the condition reads its slot in `questions`, and every option test
    /// the option's position in its question (`option_position`, given the question's slot), so
    /// that answers, kept by slot and position, are read without comparing ids. A question or
    /// option the questionnaire lacks stays unplaced, and its test undecided.
    pub(crate) fn place(
        &mut self,
        questions: &QuestionIds,
        option_position: &impl Fn(usize, &str) -> Option<usize>,
    ) {
        match self {
            Condition::All(items) | Condition::Any(items) => items
                .iter_mut()
                .for_each(|item| item.place(questions, option_position)),
            Condition::Not(inner) => inner.place(questions, option_position),
            Condition::Is(test) | Condition::Includes(test) => {
                test.question.place(questions);
                test.position = option_position(test.question.slot(), &test.option);
            }
            Condition::Yes(question) | Condition::No(question) | Condition::Answered(question) => {
                question.place(questions)
            }
            Condition::AtLeast(test) | Condition::Below(test) => test.question.place(questions),
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

    /// Whether the condition holds; unlike [`Condition::evaluate`] it allocates nothing, so the
    /// engine can test every rule cheaply and explain only those that hold.
    #[inline(always)]
    pub fn truth(&self, answers: &Answers) -> Truth {
        // Leaves are answered here, in the caller: this is the engine's hottest path, and most
        // leaves sit directly inside an `all` or `any`, so only nesting costs a call.
        match self {
            Condition::Yes(q) => match answers.at(q.slot()) {
                Some(AnswerValue::YesNo(value)) => (*value).into(),
                _ => Truth::Unknown,
            },
            Condition::No(q) => match answers.at(q.slot()) {
                Some(AnswerValue::YesNo(value)) => (!*value).into(),
                _ => Truth::Unknown,
            },
            Condition::All(_) | Condition::Any(_) | Condition::Not(_) => self.nested_truth(answers),
            leaf => {
                let question = leaf.leaf_ref().expect("non-leaf handled above");
                leaf.leaf_truth(answers.at(question.slot()))
            }
        }
    }

    #[inline(never)]
    fn nested_truth(&self, answers: &Answers) -> Truth {
        match self {
            Condition::All(items) => {
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
            Condition::Any(items) => {
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
            Condition::Not(inner) => match inner.truth(answers) {
                Truth::Yes => Truth::No,
                Truth::No => Truth::Yes,
                Truth::Unknown => Truth::Unknown,
            },
            leaf => leaf.truth(answers),
        }
    }

    pub(crate) fn evaluate(&self, answers: &Answers) -> Evaluation<'_> {
        let truth = self.truth(answers);
        let mut because_of: Vec<&str> = Vec::new();
        if truth == Truth::Yes {
            self.for_each_reason(answers, &mut |question| {
                if !because_of.contains(&question.id()) {
                    because_of.push(question.id());
                }
            });
        }
        Evaluation { truth, because_of }
    }

    /// For a condition that holds, calls `visit` with each question whose answer made it hold,
    /// repeats included: every part of an `all`, the parts of an `any` that hold, and for a `not`
    /// every answered question it reads (it holds because of all of them, not any one).
    pub(crate) fn for_each_reason<'c>(
        &'c self,
        answers: &Answers,
        visit: &mut impl FnMut(&'c QuestionRef),
    ) {
        match self {
            Condition::All(items) => items
                .iter()
                .for_each(|item| item.for_each_reason(answers, visit)),
            Condition::Any(items) => items
                .iter()
                .filter(|item| item.truth(answers) == Truth::Yes)
                .for_each(|item| item.for_each_reason(answers, visit)),
            Condition::Not(inner) => inner.for_each_question(&mut |question| {
                if answers.at(question.slot()).is_some() {
                    visit(question);
                }
            }),
            leaf => visit(leaf.leaf_ref().expect("non-leaf handled above")),
        }
    }

    fn leaf_truth(&self, answer: Option<&AnswerValue>) -> Truth {
        if let Condition::Answered(_) = self {
            return answer.is_some().into();
        }
        let Some(answer) = answer else {
            return Truth::Unknown;
        };
        // A value of the wrong kind can only reach here from a rule set that skipped checking;
        // it counts as unknown so that it refers rather than reassures.
        match (self, answer) {
            (Condition::Yes(_), AnswerValue::YesNo(value)) => (*value).into(),
            (Condition::No(_), AnswerValue::YesNo(value)) => (!*value).into(),
            (Condition::Is(test), AnswerValue::Choice(chosen)) => match test.position {
                Some(position) => (*chosen == position).into(),
                None => Truth::Unknown,
            },
            (Condition::Includes(test), AnswerValue::Choices(chosen)) => match test.position {
                Some(position) => chosen.contains(position).into(),
                None => Truth::Unknown,
            },
            (Condition::AtLeast(test), AnswerValue::Number(value)) => (*value >= test.value).into(),
            (Condition::Below(test), AnswerValue::Number(value)) => (*value < test.value).into(),
            _ => Truth::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A condition read and placed, as a rule set places its conditions.
    fn parse(json: &str) -> Condition {
        let mut condition: Condition = serde_json::from_str(json).unwrap();
        condition.place(&questions(), &option_position);
        condition
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
        let result = condition.evaluate(&given);
        assert_eq!(result.truth, Truth::Yes);
        assert_eq!(result.because_of, vec!["b"]);
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
    fn a_condition_object_with_two_keys_is_rejected() {
        let result: Result<Condition, _> = serde_json::from_str(r#"{"yes": "a", "no": "b"}"#);
        assert!(result.is_err());
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
        let unplaced: Condition =
            serde_json::from_str(r#"{"is": {"question": "onset", "option": "sudden"}}"#).unwrap();
        assert_eq!(unplaced.truth(&given), Truth::Unknown, "not yet placed");
        let unknown_option = parse(r#"{"is": {"question": "onset", "option": "never"}}"#);
        assert_eq!(unknown_option.truth(&given), Truth::Unknown);
    }
}
