//! The checks of questionnaire.json: sections and questions, their options and number ranges,
//! and `ask_when` conditions that read only questions asked before.

use std::collections::BTreeSet;

use super::{fix_unknown, is_id, path, Checker};
use crate::ruleset::questionnaire::QuestionKind;
use crate::slot::MOST_QUESTIONS;
use crate::source::Source;

impl Checker<'_> {
    pub(super) fn questionnaire(&mut self, source: &Source) {
        let questionnaire = &self.rules.questionnaire;
        self.ids(
            source,
            "sections",
            questionnaire.sections.iter().map(|s| s.id.as_str()),
        );
        self.ids(
            source,
            "questions",
            questionnaire.questions.iter().map(|q| q.id.as_str()),
        );
        if questionnaire.questions.len() > MOST_QUESTIONS {
            self.error(
                source,
                &path(&["questions"]),
                format!(
                    "the questionnaire has {} questions; backcare takes at most {MOST_QUESTIONS}",
                    questionnaire.questions.len()
                ),
                "remove questions that no rule, finding or routine reads",
            );
        }
        for (index, question) in questionnaire.questions.iter().enumerate() {
            let at = path(&["questions"]).join(index);
            if questionnaire.section(&question.section).is_none() {
                let known = questionnaire.sections.iter().map(|s| s.id.as_str());
                self.error(
                    source,
                    &at.join("section"),
                    format!(
                        "question `{}` is in an unknown section `{}`",
                        question.id, question.section
                    ),
                    fix_unknown("a section id from `sections`", &question.section, known),
                );
            }
            let is_choice = matches!(question.kind, QuestionKind::OneOf | QuestionKind::SeveralOf);
            if question.options.len() > 64 {
                self.error(
                    source,
                    &at.join("options"),
                    format!("question `{}` offers more than 64 options", question.id),
                    "split it into several questions",
                );
            }
            if is_choice && question.options.is_empty() {
                self.error(
                    source,
                    &at.join("kind"),
                    format!("question `{}` offers no options", question.id),
                    "add `options`: a list of {\"id\": ..., \"label\": ...}",
                );
            }
            if !is_choice && !question.options.is_empty() {
                self.error(
                    source,
                    &at.join("options"),
                    format!(
                        "question `{}` is not a choice question but lists options",
                        question.id
                    ),
                    "remove `options`, or make the kind `one_of` or `several_of`",
                );
            }
            let mut seen = BTreeSet::new();
            for (option_index, option) in question.options.iter().enumerate() {
                let option_at = at.join("options").join(option_index).join("id");
                if !is_id(&option.id) || !seen.insert(option.id.as_str()) {
                    self.error(
                        source,
                        &option_at,
                        format!(
                            "option `{}` of `{}` is repeated or not a valid id",
                            option.id, question.id
                        ),
                        "give each option its own lower-case id",
                    );
                }
            }
            let number_fields =
                question.min.is_some() || question.max.is_some() || question.unit.is_some();
            match (question.kind, question.min, question.max) {
                (QuestionKind::Number, Some(min), Some(max))
                    if min <= max && question.unit.is_some() => {}
                (QuestionKind::Number, ..) => self.error(
                    source,
                    &at.join("kind"),
                    format!(
                        "number question `{}` needs `min` <= `max` and a `unit`",
                        question.id
                    ),
                    "add for example \"min\": 0, \"max\": 10, \"unit\": \"0-10\"",
                ),
                _ if number_fields => self.error(
                    source,
                    &at.join("kind"),
                    format!(
                        "question `{}` has `min`, `max` or `unit` but is not a number question",
                        question.id
                    ),
                    "remove them, or make the kind `number`",
                ),
                _ => {}
            }
            if let Some(condition) = &question.ask_when {
                // A question can only depend on answers that come before it.
                let earlier: Vec<&str> = questionnaire.questions[..index]
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect();
                self.condition(source, &at.join("ask_when"), condition, Some(&earlier));
            }
        }
        // An answer to a retired id is set aside; were it still a question, whether an answer
        // counts would depend on how the record was read.
        for (index, retired) in questionnaire.retired.iter().enumerate() {
            if questionnaire.position(&retired.id).is_some() {
                self.error(
                    source,
                    &path(&["retired"]).join(index).join("id"),
                    format!("`{}` is both a question and a retired id", retired.id),
                    "give the new question an id of its own, or take the old one off `retired`",
                );
            }
        }
    }
}
