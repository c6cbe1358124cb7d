//! The questionnaire's flow: every question can be reached, and no skip condition can hide a
//! question that a red-flag rule, or an advisory that sends the person to be seen, needs.

use std::ops::ControlFlow;

use super::conditions::{reach, Reach};
use super::{union, Context, LIMIT};
use crate::answers::Answers;
use crate::condition::{CompiledCondition, Truth};
use crate::source::JsonPath;

pub(super) fn check(context: &mut Context) {
    let rules = context.rules;
    let source = &context.sources.questionnaire;
    let total = rules.questionnaire.questions.len();
    for (index, question) in rules.questionnaire.questions.iter().enumerate() {
        context.reached("Checking the questionnaire's skip conditions", index, total);
        let Some(ask_when) = &question.ask_when else {
            continue;
        };
        let at = JsonPath::root()
            .join("questions")
            .join(index)
            .join("ask_when");
        let reads = ask_when.questions();
        let what = format!("when `{}` is asked", question.id);
        match reach(context, ask_when, source, &at, &what) {
            Reach::Never => context.error(
                source,
                &at,
                format!(
                    "`{}` is never asked: no answers make its `ask_when` hold",
                    question.id
                ),
                "fix the condition, or remove `ask_when` to ask it always",
            ),
            Reach::Always => context.warn(
                source,
                &at,
                format!(
                    "`{}` is always asked: its `ask_when` holds for every answer",
                    question.id
                ),
                "remove `ask_when`, or fix it",
            ),
            Reach::Sometimes => {}
        }

        let red_flags = rules
            .red_flags_compiled()
            .map(|(rule, c)| (format!("red-flag rule `{}`", rule.id), &rule.when, c));
        let referring_advisories = rules
            .advisories_compiled()
            .filter(|(advisory, _)| advisory.urgency.is_some())
            .map(|(advisory, c)| (format!("advisory `{}`", advisory.id), &advisory.when, c));
        let ask_when = CompiledCondition::new(ask_when, &rules.questionnaire);
        for (what, condition, compiled) in red_flags.chain(referring_advisories) {
            let rule_reads = condition.questions();
            if !rule_reads.contains(&question.id.as_str()) {
                continue;
            }
            let others: Vec<&str> = union(&[reads.clone(), rule_reads])
                .into_iter()
                .filter(|q| *q != question.id)
                .collect();
            let mut hidden: Option<Answers> = None;
            let coverage = context.domains.for_each(
                &others,
                &context.domains.no_answers(),
                false,
                LIMIT,
                |answers| {
                    let skipped = ask_when.truth(answers) == Truth::No;
                    if skipped && compiled.truth(answers) == Truth::Unknown {
                        hidden = Some(answers.clone());
                        return ControlFlow::Break(());
                    }
                    ControlFlow::Continue(())
                },
            );
            context.covered(coverage, source, &at, &format!("hiding `{}`", question.id));
            if let Some(answers) = hidden {
                let when = context.describe(&answers, &reads);
                context.error(
                    source,
                    &at,
                    format!(
                        "this skip condition can hide `{}`, which {what} needs: when {when}, \
                         the question is not asked and the rule cannot be decided",
                        question.id
                    ),
                    "ask the question whenever the rule could depend on it, or make the rule read \
                     it only together with the answers that make it asked",
                );
            }
        }
    }
}
