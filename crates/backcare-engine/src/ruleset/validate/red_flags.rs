//! The checks of red_flags.json: each warning-sign rule's condition, the rule it refines, and
//! the words the person reads.

use super::{fix_unknown, path, Checker};
use crate::source::Source;

impl Checker<'_> {
    pub(super) fn red_flags(&mut self, source: &Source) {
        let rules = &self.rules.red_flags.rules;
        self.ids(source, "rules", rules.iter().map(|r| r.id.as_str()));
        for (index, rule) in rules.iter().enumerate() {
            let at = path(&["rules"]).join(index);
            self.condition(source, &at.join("when"), &rule.when, None);
            if let Some(refined) = &rule.refines {
                if refined == &rule.id {
                    self.error(
                        source,
                        &at.join("refines"),
                        format!("rule `{}` says it refines itself", rule.id),
                        "name the other rule this one adds an explanation to, or remove `refines`"
                            .to_owned(),
                    );
                } else if !rules.iter().any(|r| &r.id == refined) {
                    let known = rules.iter().map(|r| r.id.as_str());
                    self.error(
                        source,
                        &at.join("refines"),
                        format!("rule `{}` refines unknown rule `{refined}`", rule.id),
                        fix_unknown("the id of another rule in this file", refined, known),
                    );
                }
            }
            for (field, text) in [
                ("title", &rule.title),
                ("action", &rule.action),
                ("why", &rule.why),
            ] {
                if text.trim().is_empty() {
                    self.error(
                        source,
                        &at.join(field),
                        format!("rule `{}` has an empty `{field}`", rule.id),
                        "say it in plain words: the person reads this",
                    );
                }
            }
        }
    }
}
