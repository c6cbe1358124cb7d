//! Routines: for every combination of posture findings, equipment (including none) and time
//! budget offered, the routine is not empty, fits the time, keeps the phase order, and holds no
//! exercise that an active exclusion or finding forbids.

use std::ops::ControlFlow;

use super::{Context, LIMIT};
use crate::answers::{AnswerValue, Answers, OptionSet};
use crate::condition::Truth;
use crate::outcome::{Finding, Routine};
use crate::routine;
use crate::source::JsonPath;

pub(super) fn check(context: &mut Context, benign: &Answers) {
    let rules = context.rules;
    let policy = &rules.policy;
    let source = &context.sources.policy;
    let equipment_options: Vec<String> = rules
        .questionnaire
        .question(&policy.equipment_question)
        .map(|q| q.options.iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    let budgets = budgets(context);
    let findings: Vec<Finding> = rules
        .postures
        .findings
        .iter()
        .map(|f| Finding {
            finding: f,
            triggered_by: Vec::new(),
        })
        .collect();

    // With no exclusion active: every findings x equipment x budget combination.
    let mut tried = 0u64;
    let mut failure: Option<(String, String)> = None;
    'all: for finding_mask in 0..(1u32 << findings.len()) {
        let active: Vec<Finding> = pick(&findings, finding_mask);
        for equipment_mask in 0..(1u32 << equipment_options.len()) {
            let equipment = pick(&equipment_options, equipment_mask);
            for minutes in &budgets {
                let mut answers = benign.clone();
                answers.set(
                    &policy.equipment_question,
                    AnswerValue::Choices(OptionSet::from_bits(equipment_mask.into())),
                );
                answers.set(&policy.minutes_question, AnswerValue::Number(*minutes));
                tried += 1;
                let built = routine::build(rules, &answers, &active);
                if let Some(problem) = broken(context, &answers, &active, &built, *minutes) {
                    let names: Vec<&str> = active.iter().map(|f| f.id.as_str()).collect();
                    let situation = format!(
                        "findings [{}], equipment [{}], {minutes} minutes",
                        names.join(", "),
                        equipment.join(", ")
                    );
                    failure = Some((problem, situation));
                    break 'all;
                }
                if tried >= LIMIT {
                    break 'all;
                }
            }
        }
    }
    context.combinations += tried;
    if let Some((problem, situation)) = failure {
        context.error(
            source,
            &JsonPath::root().join("base"),
            format!("a routine breaks the policy ({problem}) for {situation}"),
            "add a short exercise that needs no equipment, or review the exclusions and priorities",
        );
    }

    // Each exclusion made active in turn, with every finding combination and all equipment.
    for (index, (exclusion, when)) in rules.exclusions_compiled().enumerate() {
        let reads = exclusion.when.questions();
        let mut active_answers = None;
        context
            .domains
            .for_each(&reads, benign, false, LIMIT, |answers| {
                if when.truth(answers) == Truth::Yes {
                    active_answers = Some(answers.clone());
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            });
        let Some(mut answers) = active_answers else {
            continue; // reported as never applying
        };
        let everything = (0..equipment_options.len()).collect();
        answers.set(&policy.equipment_question, AnswerValue::Choices(everything));
        let longest = budgets
            .last()
            .copied()
            .unwrap_or(f64::from(policy.default_minutes));
        answers.set(&policy.minutes_question, AnswerValue::Number(longest));
        for finding_mask in 0..(1u32 << findings.len()) {
            let active = pick(&findings, finding_mask);
            context.combinations += 1;
            let built = routine::build(rules, &answers, &active);
            if let Some(problem) = broken(context, &answers, &active, &built, longest) {
                let at = JsonPath::root().join("exclusions").join(index);
                context.error(
                    source,
                    &at,
                    format!(
                        "with exclusion `{}` active, a routine breaks the policy: {problem}",
                        exclusion.id
                    ),
                    "check the exclusion's tags and the tags of the exercises",
                );
                break;
            }
        }
    }
}

fn pick<T: Clone>(items: &[T], mask: u32) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, item)| item.clone())
        .collect()
}

/// The time budgets worth trying: the shortest, every five minutes, the longest, the default.
fn budgets(context: &Context) -> Vec<f64> {
    let policy = &context.rules.policy;
    let question = context
        .rules
        .questionnaire
        .question(&policy.minutes_question);
    let (min, max) = question.map_or((5.0, 60.0), |q| {
        (q.min.unwrap_or(5.0), q.max.unwrap_or(60.0))
    });
    let mut budgets = vec![min, max, f64::from(policy.default_minutes)];
    let mut minutes = (min / 5.0).ceil() * 5.0;
    while minutes < max {
        budgets.push(minutes);
        minutes += 5.0;
    }
    budgets.retain(|m| *m >= min && *m <= max);
    budgets.sort_by(f64::total_cmp);
    budgets.dedup();
    budgets
}

/// What is wrong with a routine, checked independently of how it was built.
fn broken(
    context: &Context,
    answers: &Answers,
    findings: &[Finding],
    built: &Routine,
    minutes: f64,
) -> Option<String> {
    let policy = &context.rules.policy;
    if built.exercises.is_empty() {
        return Some("it is empty".to_owned());
    }
    let budget = (minutes.floor() as u32) * 60;
    let sum: u32 = built.exercises.iter().map(|e| e.seconds).sum();
    if built.total_seconds > budget || sum != built.total_seconds {
        return Some(format!("it takes {} s of a {budget} s budget", sum));
    }
    let rank = |e: &crate::outcome::RoutineExercise| {
        let phase = policy.phase_order.iter().position(|p| *p == e.phase);
        let last = e.tags.iter().any(|t| policy.last_in_phase.contains(t));
        (phase, last)
    };
    if built
        .exercises
        .windows(2)
        .any(|pair| rank(&pair[0]) > rank(&pair[1]))
    {
        return Some("its exercises are out of the phase order".to_owned());
    }
    let owned: Vec<&str> = match (
        context
            .rules
            .questionnaire
            .question(&policy.equipment_question),
        answers.get(&policy.equipment_question),
    ) {
        (Some(question), Some(AnswerValue::Choices(items))) => items
            .positions()
            .filter_map(|at| question.options.get(at))
            .map(|o| o.id.as_str())
            .collect(),
        _ => Vec::new(),
    };
    let mut forbidden: Vec<&String> = context
        .rules
        .exclusions_compiled()
        .filter(|(_, when)| when.truth(answers) == Truth::Yes)
        .flat_map(|(e, _)| e.tags.iter())
        .collect();
    forbidden.extend(
        findings
            .iter()
            .filter_map(|f| policy.findings.get(&f.id))
            .flat_map(|f| f.exclude_tags.iter()),
    );
    for exercise in &built.exercises {
        if let Some(tag) = exercise.tags.iter().find(|t| forbidden.contains(t)) {
            return Some(format!(
                "`{}` is in it although `{tag}` is ruled out",
                exercise.id
            ));
        }
        if let Some(item) = exercise
            .equipment
            .iter()
            .find(|item| !owned.contains(&item.as_str()))
        {
            return Some(format!(
                "`{}` needs `{item}`, which the person does not have",
                exercise.id
            ));
        }
    }
    None
}
