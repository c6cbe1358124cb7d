//! The outcome of an assessment, as a person reads it and as JSON.

use std::fmt::Write as _;

use colored::{ColoredString, Colorize};

use super::programme::{plan_dose_text, programme_notes, why_text};
use super::{dose_text, duration_text};
use backcare_engine::answers_file::answer_text;
use backcare_engine::error::plural;
use backcare_engine::outcome::Missing;
use backcare_engine::outcome::{
    GivenAnswer, LeftOutReason, Outcome, Referral, Routine, RoutineExercise,
};
use backcare_engine::programme::{Plan, Programme};
use backcare_engine::ruleset::{Exercise, Professional, ReferralUrgency, RuleSet};

pub fn outcome_json(outcome: &Outcome) -> String {
    serde_json::to_string_pretty(outcome).expect("an outcome always serialises")
}

/// The headline of a referral: what kind of help, how soon, and from whom when it is not urgent.
pub fn referral_headline(urgency: ReferralUrgency, see: Professional) -> ColoredString {
    let words = referral_words(urgency, see);
    match urgency {
        ReferralUrgency::Emergency => words.red().bold(),
        ReferralUrgency::Urgent => words.yellow().bold(),
        ReferralUrgency::Soon => words.cyan().bold(),
    }
}

/// The headline's words, without colour, for the printed report as well as the terminal.
pub fn referral_words(urgency: ReferralUrgency, see: Professional) -> &'static str {
    match (urgency, see) {
        (ReferralUrgency::Emergency, _) => "EMERGENCY: get help now",
        (ReferralUrgency::Urgent, _) => "Get medical help today",
        (ReferralUrgency::Soon, Professional::Doctor) => "See a doctor within days",
        (ReferralUrgency::Soon, Professional::DoctorOrPhysiotherapist) => {
            "See a doctor or physiotherapist within days"
        }
    }
}

/// The outcome without the disclaimer, which the caller says once (see [`disclaimer_text`]).
pub fn outcome_text(rules: &RuleSet, outcome: &Outcome) -> String {
    let mut out = String::new();
    if let Some(referral) = &outcome.referral {
        referral_text(referral, &mut out);
        if !outcome.missing.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                "Some warning-sign questions have no answer, and a yes to any of them would make this more urgent:".bold()
            );
            missing_list(rules, &outcome.missing, &mut out);
        }
    } else if let Some(routine) = &outcome.routine {
        routine_text(rules, outcome, routine, None, &mut out);
    } else {
        let _ = writeln!(
            out,
            "{}",
            "The warning-sign screen is not complete".yellow().bold()
        );
        let _ = writeln!(
            out,
            "Some questions about warning signs have no answer, so backcare cannot rule them out and gives \
             no routine yet. An unanswered question is never taken as a no. Answer these, then assess again:"
        );
        missing_list(rules, &outcome.missing, &mut out);
        let _ = writeln!(out, "\n`backcare check` asks every question in turn.");
    }
    out
}

/// The one-line reminder that backcare is not a diagnosis; said once per run.
pub fn disclaimer_text(outcome: &Outcome) -> String {
    format!("\n{}\n", outcome.disclaimer.dimmed())
}

fn missing_list(rules: &RuleSet, missing: &Missing, out: &mut String) {
    for id in missing.iter() {
        let text = rules
            .questionnaire
            .question(id)
            .map_or("", |q| q.text.as_str());
        let _ = writeln!(out, "  - {} ({id})", text);
    }
}

fn referral_text(referral: &Referral, out: &mut String) {
    let Some(top) = referral.rules.first() else {
        return;
    };
    let _ = writeln!(out, "{}", referral_headline(referral.urgency, top.see));
    let _ = writeln!(out, "{}", top.action);
    // In an emergency only the emergency matters: the other signs are named for whoever takes
    // over, without their advice for the days ahead.
    let emergency = referral.urgency == ReferralUrgency::Emergency;
    let (leading, others): (Vec<_>, Vec<_>) = referral
        .rules
        .iter()
        .partition(|rule| !emergency || rule.urgency == referral.urgency);
    let _ = writeln!(out, "\n{}", "Why".bold());
    for rule in &leading {
        let _ = writeln!(
            out,
            "  - {} ({})",
            rule.title.bold(),
            urgency_word(rule.urgency)
        );
        let _ = writeln!(out, "    {}", rule.why);
        for given in &rule.triggered_by {
            let _ = writeln!(out, "    You answered: {}", given_text(given));
        }
    }
    if !others.is_empty() {
        let _ = writeln!(out, "\n{}", "Also tell them about".bold());
        for rule in &others {
            let _ = writeln!(out, "  - {}", rule.title);
        }
    }
    let mut avoid: Vec<&str> = Vec::new();
    for item in leading.iter().flat_map(|r| r.avoid.iter()) {
        if !avoid.contains(&item.as_str()) {
            avoid.push(item);
        }
    }
    if !avoid.is_empty() {
        let heading = if emergency {
            "While you wait for help, avoid"
        } else {
            "Until you have been seen, avoid"
        };
        let _ = writeln!(out, "\n{}", heading.bold());
        for item in avoid {
            let _ = writeln!(out, "  - {item}");
        }
    }
    let _ = writeln!(
        out,
        "\nNo exercise routine is given: these signs need a professional before any stretching."
    );
}

pub fn urgency_word(urgency: ReferralUrgency) -> &'static str {
    match urgency {
        ReferralUrgency::Emergency => "emergency",
        ReferralUrgency::Urgent => "today",
        ReferralUrgency::Soon => "within days",
    }
}

fn given_text(given: &GivenAnswer) -> String {
    format!(
        "\"{}\" {}",
        given.question.text,
        answer_text(given.question, given.answer).bold()
    )
}

/// The routine of `outcome` chosen by the programme: what the pain's course changed and the
/// stage first, then the routine with each exercise's dose and reason.
pub fn programme_text(
    rules: &RuleSet,
    outcome: &Outcome,
    programme: &Programme,
    width: usize,
) -> String {
    let mut out = programme_notes(&rules.policy, programme, width);
    out.push('\n');
    routine_text(
        rules,
        outcome,
        &programme.routine,
        Some(&programme.plans),
        &mut out,
    );
    out
}

/// The routine; with `plans` (one per exercise, from the programme) each exercise shows the
/// programme's dose and why it is there.
fn routine_text(
    rules: &RuleSet,
    outcome: &Outcome,
    routine: &Routine,
    plans: Option<&[Plan]>,
    out: &mut String,
) {
    let count = routine.exercises.len();
    let budget = if routine.budget_answered {
        format!("you have {} min", routine.minutes_budget)
    } else {
        format!(
            "{} min, as you did not say how long you have",
            routine.minutes_budget
        )
    };
    let _ = writeln!(
        out,
        "{} {count} {}, about {} ({budget})",
        "Your routine:".green().bold(),
        plural(count, "exercise"),
        duration_text(routine.total_seconds)
    );
    // The whole routine at a glance before its details, which run long: names and minutes.
    let widest = routine
        .exercises
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0);
    for (number, exercise) in routine.exercises.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:>2}. {:<widest$}  {}",
            number + 1,
            exercise.name,
            duration_text(exercise.seconds)
        );
    }
    let _ = writeln!(
        out,
        "      {:<widest$}  {}",
        "Total",
        duration_text(routine.total_seconds)
    );
    let no_time: Vec<&str> = routine
        .left_out
        .iter()
        .filter(|left| matches!(left.reason, LeftOutReason::NoTime))
        .map(|left| left.name.as_str())
        .collect();
    if !no_time.is_empty() {
        let _ = writeln!(
            out,
            "Left out, as they did not fit in {} min after the more important ones: {}.",
            routine.minutes_budget,
            no_time.join(", ")
        );
    }
    for advisory in outcome.advisories.iter().filter(|a| a.urgency.is_some()) {
        let urgency = advisory.urgency.expect("filtered on urgency");
        let _ = writeln!(out, "\n{}", referral_headline(urgency, advisory.see));
        let _ = writeln!(out, "{}", advisory.message);
    }
    if !outcome.findings.is_empty() {
        let _ = writeln!(out, "\n{}", "Posture findings".bold());
        for finding in &outcome.findings {
            let _ = writeln!(out, "  - {}: {}", finding.name.bold(), finding.summary);
            for given in &finding.triggered_by {
                let _ = writeln!(out, "    You answered: {}", given_text(given));
            }
        }
    }
    let _ = writeln!(out, "\n{}", "How to do each exercise".bold());
    for (number, exercise) in routine.exercises.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{} {}  [{}, {}]",
            format!("{}.", number + 1).bold(),
            exercise.name.bold(),
            exercise.phase.id(),
            duration_text(exercise.seconds)
        );
        if let Some(plan) = plans.and_then(|plans| plans.get(number)) {
            let _ = writeln!(out, "   Dose: {}", plan_dose_text(&plan.dose, plan.raised));
            let _ = writeln!(out, "   Why: {}", why_text(&plan.why));
        } else {
            let _ = writeln!(out, "   Dose: {}", dose_text(&exercise.dose));
        }
        let _ = writeln!(out, "   Chosen for: {}", chosen_for_text(outcome, exercise));
        let _ = writeln!(out, "   Works on: {}", exercise.target);
        if !exercise.equipment.is_empty() {
            let _ = writeln!(
                out,
                "   You need: {}",
                equipment_names(rules, exercise).join(", ")
            );
        }
        for (step_number, step) in exercise.steps.iter().enumerate() {
            let _ = writeln!(out, "   {}. {step}", step_number + 1);
        }
        for caution in &exercise.cautions {
            let _ = writeln!(out, "   {} {caution}", "Take care:".yellow());
        }
    }
    let other_reasons: Vec<_> = routine
        .left_out
        .iter()
        .filter(|left| !matches!(left.reason, LeftOutReason::NoTime))
        .collect();
    if !other_reasons.is_empty() {
        let _ = writeln!(out, "\n{}", "Left out".bold());
        for left in other_reasons {
            let _ = writeln!(
                out,
                "  - {}: {}",
                left.name,
                left_out_text(rules, &left.reason, routine)
            );
        }
    }
    let _ = writeln!(out, "\n{}", "Key points".bold());
    for point in routine.key_points {
        let _ = writeln!(out, "  - {point}");
    }
    let tips: Vec<&str> = outcome
        .advisories
        .iter()
        .filter(|a| a.urgency.is_none())
        .map(|a| a.message.as_str())
        .collect();
    if !tips.is_empty() {
        let _ = writeln!(out, "\n{}", "Tips for your day".bold());
        for tip in tips {
            let _ = writeln!(out, "  - {tip}");
        }
    }
    let _ = writeln!(out, "\n{}", "What next".bold());
    for step in routine.follow_up {
        let _ = writeln!(out, "  - {step}");
    }
}

/// Why an exercise is in the routine: the everyday routine, or a posture finding.
pub fn chosen_for_text(outcome: &Outcome, exercise: &RoutineExercise) -> String {
    let reasons: Vec<String> = exercise
        .chosen_for
        .iter()
        .map(
            |reason| match outcome.findings.iter().find(|f| f.id == reason) {
                Some(finding) => format!("your {}", finding.name.to_lowercase()),
                None => "the everyday routine".to_owned(),
            },
        )
        .collect();
    reasons.join(" and ")
}

/// The equipment an exercise needs, as the questionnaire names it.
pub fn equipment_names<'r>(rules: &'r RuleSet, exercise: &'r Exercise) -> Vec<&'r str> {
    let equipment = rules
        .questionnaire
        .question(&rules.policy.equipment_question);
    exercise
        .equipment
        .iter()
        .map(|item| equipment.map_or(item.as_str(), |q| q.option_label(item)))
        .collect()
}

fn left_out_text(rules: &RuleSet, reason: &LeftOutReason, routine: &Routine) -> String {
    match reason {
        LeftOutReason::Equipment { missing } => {
            let equipment = rules
                .questionnaire
                .question(&rules.policy.equipment_question);
            let names: Vec<&str> = missing
                .iter()
                .map(|item| equipment.map_or(item, |q| q.option_label(item)))
                .collect();
            format!("needs {}", names.join(", ").to_lowercase())
        }
        LeftOutReason::Excluded { exclusion, .. } => rules
            .policy
            .exclusions
            .iter()
            .find(|e| e.id == *exclusion)
            .map_or_else(|| exclusion.to_string(), |e| e.reason.clone()),
        LeftOutReason::NotForFinding { finding, .. } => rules
            .policy
            .findings
            .get(*finding)
            .and_then(|f| f.reason.clone())
            .unwrap_or_else(|| format!("not suited to {finding}")),
        LeftOutReason::NoTime => format!(
            "did not fit in {} min after the more important exercises",
            routine.minutes_budget
        ),
    }
}
