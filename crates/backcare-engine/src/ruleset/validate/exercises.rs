//! The checks of exercises.json: each exercise's steps, dose, equipment and tags.

use super::{fix_unknown, path, Checker};
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
        }
    }
}
