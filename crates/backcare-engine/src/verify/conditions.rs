//! Conditions that can never hold or always hold, and red-flag rules that conflict with or add
//! nothing to another.

use std::collections::HashMap;
use std::ops::ControlFlow;

use super::domain::Coverage;
use super::{rule_path, rules_alike, union, Context, LIMIT};
use crate::condition::{CompiledCondition, Condition, Truth};
use crate::ruleset::RedFlagRule;
use crate::source::{JsonPath, Source};

pub(super) fn check(context: &mut Context) {
    let rules = context.rules;
    let sources = context.sources;
    let total = rules.red_flags.rules.len();
    for (index, rule) in rules.red_flags.rules.iter().enumerate() {
        context.reached("Checking that each red-flag rule can fire", index, total);
        let at = rule_path(index).join("when");
        let what = format!("red-flag rule `{}`", rule.id);
        match reach(context, &rule.when, &sources.red_flags, &at, &what) {
            Reach::Never => context.error(
                &sources.red_flags,
                &at,
                format!("{what} can never fire: no answers make its condition hold"),
                "check each part of the condition; an `all` of answers that exclude each other never holds",
            ),
            Reach::Always => context.error(
                &sources.red_flags,
                &at,
                format!("{what} always fires: every person would be referred"),
                "the condition must depend on an answer that says something is wrong",
            ),
            Reach::Sometimes => {}
        }
    }
    for (index, finding) in rules.postures.findings.iter().enumerate() {
        let at = JsonPath::root().join("findings").join(index).join("when");
        conditional_part(
            context,
            &finding.when,
            &sources.postures,
            &at,
            &format!("finding `{}`", finding.id),
        );
    }
    for (index, exclusion) in rules.policy.exclusions.iter().enumerate() {
        let at = JsonPath::root().join("exclusions").join(index).join("when");
        conditional_part(
            context,
            &exclusion.when,
            &sources.policy,
            &at,
            &format!("exclusion `{}`", exclusion.id),
        );
    }
    for (index, advisory) in rules.policy.advisories.iter().enumerate() {
        let at = JsonPath::root().join("advisories").join(index).join("when");
        conditional_part(
            context,
            &advisory.when,
            &sources.policy,
            &at,
            &format!("advisory `{}`", advisory.id),
        );
    }
    pairs(context);
}

/// How often a condition holds over every combination of answers to what it reads.
pub(super) enum Reach {
    Never,
    Sometimes,
    Always,
}

pub(super) fn reach(
    context: &mut Context,
    condition: &Condition,
    source: &Source,
    at: &JsonPath,
    what: &str,
) -> Reach {
    let (mut ever, mut always) = (false, true);
    let reads = condition.questions();
    let compiled = CompiledCondition::new(condition, &context.rules.questionnaire);
    let coverage = context.domains.for_each(
        &reads,
        &context.domains.no_answers(),
        false,
        LIMIT,
        |answers| {
            match compiled.truth(answers) {
                Truth::Yes => ever = true,
                _ => always = false,
            }
            ControlFlow::Continue(())
        },
    );
    context.covered(coverage, source, at, what);
    match (ever, always) {
        (false, _) => Reach::Never,
        (true, true) => Reach::Always,
        (true, false) => Reach::Sometimes,
    }
}

/// Findings, exclusions and advisories: one that never holds is dead; one that always holds
/// should not be conditional.
fn conditional_part(
    context: &mut Context,
    condition: &Condition,
    source: &Source,
    at: &JsonPath,
    what: &str,
) {
    match reach(context, condition, source, at, what) {
        Reach::Never => context.error(
            source,
            at,
            format!("{what} can never apply: no answers make its condition hold"),
            "check each part of the condition",
        ),
        Reach::Always => context.warn(
            source,
            at,
            format!("{what} applies to everyone: its condition always holds"),
            "make it depend on the answers it is meant for",
        ),
        Reach::Sometimes => {}
    }
}

/// Compares every two red-flag rules that read a common question.
fn pairs(context: &mut Context) {
    let rules = &context.rules.red_flags.rules;
    let source = &context.sources.red_flags;
    // Copies (one condition, category, urgency and refinement) are told apart first; the first of
    // each then stands for its copies in the comparisons.
    let groups = rules_alike(rules, |rule| {
        serde_json::json!([rule.when, rule.category, rule.urgency, rule.refines])
    });
    let group_of: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(group_index, group)| {
            group.iter().map(move |(_, r)| (r.id.as_str(), group_index))
        })
        .collect();
    for group in &groups {
        let first = group[0].1;
        for &(index, copy) in &group[1..] {
            context.warn(
                source,
                &rule_path(index).join("when"),
                format!(
                    "`{}` and `{}` have the same condition and urgency",
                    first.id, copy.id
                ),
                "merge them into one rule",
            );
        }
    }
    let refined_group = |rule: &RedFlagRule| {
        rule.refines
            .as_deref()
            .and_then(|id| group_of.get(id).copied())
    };
    for (first_group, first_of) in groups.iter().enumerate() {
        context.reached("Comparing the red-flag rules", first_group, groups.len());
        let (first_index, first) = first_of[0];
        for (second_group, second_of) in groups.iter().enumerate().skip(first_group + 1) {
            let (second_index, second) = second_of[0];
            let (first_reads, second_reads) = (first.when.questions(), second.when.questions());
            let first_refines_second = refined_group(first) == Some(second_group);
            let second_refines_first = refined_group(second) == Some(first_group);
            let related = first_refines_second || second_refines_first;
            if !related && !first_reads.iter().any(|q| second_reads.contains(q)) {
                continue;
            }
            // Each direction is its own search, run with the premise's questions turning fastest,
            // so a counterexample for either turns up early and ends that search.
            let (first_implies_second, first_search) = implies(
                context,
                &first.when,
                &second.when,
                &union(&[first_reads.clone(), second_reads.clone()]),
            );
            let (second_implies_first, second_search) = implies(
                context,
                &second.when,
                &first.when,
                &union(&[second_reads, first_reads]),
            );
            let coverage = Coverage {
                tried: first_search.tried + second_search.tried,
                cut_short: first_search.cut_short || second_search.cut_short,
            };
            let at = rule_path(second_index).join("when");
            context.covered(
                coverage,
                source,
                &at,
                &format!("comparing `{}` with `{}`", first.id, second.id),
            );
            let (names, both) = (
                format!("`{}` and `{}`", first.id, second.id),
                first_implies_second && second_implies_first,
            );
            if both && first.urgency != second.urgency {
                context.error(
                    source,
                    &at,
                    format!("{names} have the same condition but different urgencies"),
                    "one situation needs one urgency: merge the rules, or make their conditions differ",
                );
            } else if both {
                context.warn(
                    source,
                    &at,
                    format!("{names} have the same condition and urgency"),
                    "merge them into one rule",
                );
            } else if related {
                // A declared refinement must really only fire with the rule it refines; when
                // both rules claim to refine the other, each claim is checked.
                let claims = [
                    (
                        first_refines_second,
                        first_index,
                        first,
                        first_implies_second,
                    ),
                    (
                        second_refines_first,
                        second_index,
                        second,
                        second_implies_first,
                    ),
                ];
                for (claimed, index, refining, implied) in claims {
                    if claimed && !implied {
                        let refined = refining.refines.as_deref().unwrap_or_default();
                        context.error(
                            source,
                            &rule_path(index).join("refines"),
                            format!(
                                "`{}` says it refines `{refined}`, but it can fire when \
                                 `{refined}` does not",
                                refining.id
                            ),
                            "make its condition include the refined rule's condition, or remove `refines`",
                        );
                    }
                }
            } else if first.category == second.category {
                let redundant = if first_implies_second && second.urgency >= first.urgency {
                    Some((first_index, first, second))
                } else if second_implies_first && first.urgency >= second.urgency {
                    Some((second_index, second, first))
                } else {
                    None
                };
                if let Some((index, covered, by)) = redundant {
                    context.warn(
                        source,
                        &rule_path(index).join("when"),
                        format!(
                            "`{}` never changes the referral: whenever it fires, `{}` fires too, \
                             at the same or a higher urgency",
                            covered.id, by.id
                        ),
                        "keep it only if its own explanation helps the person; otherwise remove it",
                    );
                }
            }
        }
    }
}

/// Whether `premise` holding always means `conclusion` holds, over every combination of `reads`;
/// the search stops at the first combination that shows it does not.
fn implies(
    context: &Context,
    premise: &Condition,
    conclusion: &Condition,
    reads: &[&str],
) -> (bool, Coverage) {
    let mut holds = true;
    let questionnaire = &context.rules.questionnaire;
    let (premise, conclusion) = (
        CompiledCondition::new(premise, questionnaire),
        CompiledCondition::new(conclusion, questionnaire),
    );
    let coverage = context.domains.for_each(
        reads,
        &context.domains.no_answers(),
        false,
        LIMIT,
        |answers| {
            if premise.truth(answers) == Truth::Yes && conclusion.truth(answers) != Truth::Yes {
                holds = false;
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    (holds, coverage)
}
