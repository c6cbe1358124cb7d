//! Every rule that sends a person to be seen names where its clinical grounds are written down,
//! so a reviewer can check it against them.

use super::{rule_path, Context};
use crate::source::JsonPath;

pub(super) fn check(context: &mut Context) {
    let rules = context.rules;
    let sources = context.sources;
    let fix = "add \"source\": the section of the notes or the guideline the rule stands on";
    for (index, rule) in rules.red_flags.rules.iter().enumerate() {
        if rule.source.is_none() {
            context.warn(
                &sources.red_flags,
                &rule_path(index).join("id"),
                format!("red-flag rule `{}` names no source", rule.id),
                fix,
            );
        }
    }
    for (index, advisory) in rules.policy.advisories.iter().enumerate() {
        if advisory.urgency.is_some() && advisory.source.is_none() {
            context.warn(
                &sources.policy,
                &JsonPath::root().join("advisories").join(index).join("id"),
                format!(
                    "advisory `{}` sends the person to be seen but names no source",
                    advisory.id
                ),
                fix,
            );
        }
    }
}
