//! The checks of exercises.json: each exercise's steps, dose, equipment, tags and the questions
//! its cautions about conditions name.

use super::{fix_unknown, path, Checker};
use crate::ruleset::QuestionKind;
use crate::source::Source;

impl Checker<'_> {
    pub(super) fn exercises(&mut self, source: &Source) {
        let exercises = &self.rules.exercises.exercises;
        self.ids(source, "exercises", exercises.iter().map(|e| e.id.as_str()));
        let equipment: Vec<&str> = self
            .rules
            .questionnaire
            .question(&self.rules.policy.equipment_question)
            .map(|q| q.options.iter().map(|o| o.id.as_str()).collect())
            .unwrap_or_default();
        for (index, exercise) in exercises.iter().enumerate() {
            let at = path(&["exercises"]).join(index);
            if exercise.steps.is_empty() {
                self.error(
                    source,
                    &at.join("steps"),
                    format!("exercise `{}` has no steps", exercise.id),
                    "list the steps a person follows, one short sentence each",
                );
            }
            if exercise.dose.reps == 0 || exercise.dose.sets == 0 {
                self.error(
                    source,
                    &at.join("dose"),
                    format!("exercise `{}` has zero reps or sets", exercise.id),
                    "use at least 1 for `reps` and `sets`, or leave them out",
                );
            }
            for (item_index, item) in exercise.equipment.iter().enumerate() {
                if !equipment.contains(&item.as_str()) {
                    self.error(
                        source,
                        &at.join("equipment").join(item_index),
                        format!(
                            "exercise `{}` needs unknown equipment `{item}`",
                            exercise.id
                        ),
                        fix_unknown(
                            "an option of the equipment question",
                            item,
                            equipment.iter().copied(),
                        ),
                    );
                }
            }
            for (tag_index, tag) in exercise.tags.iter().enumerate() {
                self.tag(source, &at.join("tags").join(tag_index), tag);
            }
            for (caution_index, caution) in exercise.condition_cautions.iter().enumerate() {
                let at = at.join("condition_cautions").join(caution_index);
                if caution.questions.is_empty() {
                    self.error(
                        source,
                        &at.join("questions"),
                        format!(
                            "a caution of exercise `{}` about a condition names no question",
                            exercise.id
                        ),
                        "name the yes/no questions that ask about the condition, or move the \
                         text to `cautions`, which everyone sees",
                    );
                }
                for (question_index, id) in caution.questions.iter().enumerate() {
                    self.caution_question(source, &at.join("questions").join(question_index), id);
                }
            }
        }
    }

    /// A question a caution about a condition names: a yes/no question of the questionnaire, since
    /// only "no" leaves the caution out.
    fn caution_question(&mut self, source: &Source, at: &crate::source::JsonPath, id: &str) {
        let questionnaire = &self.rules.questionnaire;
        match questionnaire.question(id) {
            Some(question) if question.kind == QuestionKind::YesNo => {}
            Some(_) => self.error(
                source,
                at,
                format!("`{id}` is not a yes/no question, so no answer to it says \"no\""),
                "name yes/no questions that ask about the condition",
            ),
            None => self.error(
                source,
                at,
                format!("a caution names unknown question `{id}`"),
                fix_unknown(
                    "a question id",
                    id,
                    questionnaire.questions.iter().map(|q| q.id.as_str()),
                ),
            ),
        }
    }
}
