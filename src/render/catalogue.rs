//! The exercise catalogue: a list by phase, and one exercise in full.

use std::fmt::Write as _;

use colored::Colorize;

use super::{dose_text, duration_text};
use backcare_engine::ruleset::{Exercise, RuleSet};

pub fn exercise_list(rules: &RuleSet) -> String {
    let policy = &rules.policy;
    let mut out = String::new();
    for phase in &policy.phase_order {
        let _ = writeln!(out, "{}", phase.id().bold().underline());
        for exercise in rules
            .exercises
            .exercises
            .iter()
            .filter(|e| e.phase == *phase)
        {
            let seconds = exercise
                .dose
                .seconds(policy.seconds_per_rep, policy.setup_seconds);
            let _ = writeln!(
                out,
                "  {:<36} {} ({})",
                exercise.id,
                exercise.name,
                duration_text(seconds)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Run `backcare exercises ID` to see one in full.");
    out
}

pub fn exercise_detail(rules: &RuleSet, exercise: &Exercise) -> String {
    let policy = &rules.policy;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", exercise.name.bold(), exercise.id);
    let _ = writeln!(out, "Phase: {}", exercise.phase.id());
    let _ = writeln!(out, "Works on: {}", exercise.target);
    let _ = writeln!(
        out,
        "Dose: {} (about {})",
        dose_text(&exercise.dose),
        duration_text(
            exercise
                .dose
                .seconds(policy.seconds_per_rep, policy.setup_seconds)
        )
    );
    let equipment = rules.questionnaire.question(&policy.equipment_question);
    let needs: Vec<&str> = exercise
        .equipment
        .iter()
        .map(|item| equipment.map_or(item.as_str(), |q| q.option_label(item)))
        .collect();
    let needs = if needs.is_empty() {
        "nothing".to_owned()
    } else {
        needs.join(", ")
    };
    let _ = writeln!(out, "You need: {needs}");
    let _ = writeln!(out, "\n{}", "Steps".bold());
    for (number, step) in exercise.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {step}", number + 1);
    }
    // The catalogue is read without anyone's answers, so every caution is listed.
    let cautions = exercise
        .cautions
        .iter()
        .chain(exercise.condition_cautions.iter().map(|c| &c.text));
    for (number, caution) in cautions.enumerate() {
        if number == 0 {
            let _ = writeln!(out, "\n{}", "Take care".bold());
        }
        let _ = writeln!(out, "  - {caution}");
    }
    if !exercise.tags.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            "What it asks of the body (used to leave it out when unsafe)".bold()
        );
        for tag in &exercise.tags {
            let meaning = policy.tags.get(tag).map_or("", String::as_str);
            let _ = writeln!(out, "  - {tag}: {meaning}");
        }
    }
    out
}
