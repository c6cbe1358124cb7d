//! The check of a condition wherever the rules hold one: it reads known questions, in a way
//! their kind allows.

use super::{fix_unknown, Checker};
use crate::condition::Condition;
use crate::ruleset::questionnaire::QuestionKind;
use crate::source::{JsonPath, Source};

impl Checker<'_> {
    /// Checks that a condition reads known questions in a way their kind allows.
    /// `allowed` limits which questions it may read (those asked before it).
    pub(super) fn condition(
        &mut self,
        source: &Source,
        at: &JsonPath,
        condition: &Condition,
        allowed: Option<&[&str]>,
    ) {
        let (key, question_at) = match condition {
            Condition::All(items) | Condition::Any(items) => {
                let key = if matches!(condition, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                if items.is_empty() {
                    self.error(
                        source,
                        &at.join(key),
                        format!("an empty `{key}` list"),
                        "give it at least one condition",
                    );
                }
                for (index, item) in items.iter().enumerate() {
                    self.condition(source, &at.join(key).join(index), item, allowed);
                }
                return;
            }
            Condition::Not(inner) => {
                self.condition(source, &at.join("not"), inner, allowed);
                return;
            }
            Condition::Yes(_) => ("yes", at.join("yes")),
            Condition::No(_) => ("no", at.join("no")),
            Condition::Answered(_) => ("answered", at.join("answered")),
            Condition::Is(_) => ("is", at.join("is").join("question")),
            Condition::Includes(_) => ("includes", at.join("includes").join("question")),
            Condition::AtLeast(_) => ("at_least", at.join("at_least").join("question")),
            Condition::Below(_) => ("below", at.join("below").join("question")),
        };
        let id = condition
            .leaf_question()
            .expect("leaf conditions name a question");
        let questionnaire = &self.rules.questionnaire;
        let Some(question) = questionnaire.question(id) else {
            let known = questionnaire.questions.iter().map(|q| q.id.as_str());
            self.error(
                source,
                &question_at,
                format!("unknown question `{id}`"),
                fix_unknown("a question id from questionnaire.json", id, known),
            );
            return;
        };
        if allowed.is_some_and(|earlier| !earlier.contains(&id)) {
            self.error(
                source,
                &question_at,
                format!("`ask_when` reads `{id}`, which is not asked before this question"),
                "a question may only depend on questions that come earlier in the list",
            );
        }
        let expected = match condition {
            Condition::Yes(_) | Condition::No(_) => Some(QuestionKind::YesNo),
            Condition::Is(_) => Some(QuestionKind::OneOf),
            Condition::Includes(_) => Some(QuestionKind::SeveralOf),
            Condition::AtLeast(_) | Condition::Below(_) => Some(QuestionKind::Number),
            _ => None,
        };
        if expected.is_some_and(|kind| kind != question.kind) {
            self.error(
                source,
                &question_at,
                format!(
                    "`{key}` cannot be used with question `{id}`, which is a {:?} question",
                    question.kind
                ),
                "use `yes`/`no` for yes-no questions, `is` for one-of, `includes` for several-of, \
                 `at_least`/`below` for numbers",
            );
            return;
        }
        if let Condition::Is(test) | Condition::Includes(test) = condition {
            if question.choice(&test.option).is_none() {
                let option_at = at.join(key).join("option");
                let known = question.options.iter().map(|o| o.id.as_str());
                self.error(
                    source,
                    &option_at,
                    format!("question `{id}` has no option `{}`", test.option),
                    fix_unknown("one of its options", &test.option, known),
                );
            }
        }
    }
}
