//! The report as Markdown: the same contents as the HTML, as text, for a message or a notes
//! system. The pictures and the chart are in the HTML only; the journal's days are a table here.

use std::fmt::Write as _;

use super::content::{
    answers_table, exercises_table, headline, other_answers_table, sides_text,
    warning_sign_answers, weeks_table, Report, Table, NO_RATINGS,
};
use super::MARKER;
use crate::render::{chosen_for_text, dose_text, duration_text, equipment_names, urgency_word};

/// Text from answers or rules kept from being read as Markdown markup or raw HTML.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn report_markdown(report: &Report) -> String {
    let mut out = format!(
        "<!-- {MARKER} -->\n# backcare report, {}\n\n",
        report.date.format("%-d %B %Y")
    );
    let head = headline(report.outcome);
    let _ = writeln!(
        out,
        "> **{}** ({})\n>\n> {}\n",
        md(&head.title),
        head.level.replace('_', " "),
        md(&head.action)
    );
    if !head.because.is_empty() {
        out.push_str("Because of these answers:\n\n");
        table(&answers_table(head.because), &mut out);
    }
    if let Some(referral) = &report.outcome.referral {
        out.push_str("## Why: the warning signs found\n\n");
        for rule in &referral.rules {
            let _ = writeln!(
                out,
                "### {}\n\nHow soon: {}\n\n{}\n",
                md(&rule.title),
                urgency_word(rule.urgency),
                md(&rule.why)
            );
            table(&answers_table(&rule.triggered_by), &mut out);
            if !rule.avoid.is_empty() {
                out.push_str("Until seen, avoid:\n\n");
                for item in &rule.avoid {
                    let _ = writeln!(out, "- {}", md(item));
                }
                out.push('\n');
            }
        }
    }
    let sections = warning_sign_answers(report.rules, report.answers);
    if !sections.is_empty() {
        out.push_str("## Warning-sign questions\n\n");
        for section in &sections {
            let _ = writeln!(out, "### {}\n", md(section.title));
            for (title, items) in [
                ("Answered yes", &section.yes),
                ("Answered no", &section.no),
                ("Not answered", &section.unanswered),
            ] {
                if !items.is_empty() {
                    let _ = writeln!(out, "{title}:\n");
                    for item in items {
                        let _ = writeln!(out, "- {}", md(item));
                    }
                    out.push('\n');
                }
            }
            if !section.other.is_empty() {
                out.push_str("Other answers:\n\n");
                table(&other_answers_table(section), &mut out);
            }
        }
    }
    if !report.outcome.findings.is_empty() {
        out.push_str("## Posture findings\n\n");
        for finding in &report.outcome.findings {
            let _ = writeln!(
                out,
                "### {}\n\n{}\n",
                md(&finding.name),
                md(&finding.summary)
            );
            table(&answers_table(&finding.triggered_by), &mut out);
        }
    }
    if let Some(routine) = &report.outcome.routine {
        let _ = writeln!(
            out,
            "## The exercise routine\n\n{} exercises, about {}, in this order.\n",
            routine.exercises.len(),
            duration_text(routine.total_seconds)
        );
        for (number, exercise) in routine.exercises.iter().enumerate() {
            let _ = writeln!(
                out,
                "### {}. {}\n\n{}, {}, for {}\n\nDose: {}; sides: {}\n",
                number + 1,
                md(&exercise.name),
                exercise.phase.id(),
                duration_text(exercise.seconds),
                md(&chosen_for_text(report.outcome, exercise)),
                dose_text(&exercise.dose),
                sides_text(&exercise.dose)
            );
            if !exercise.equipment.is_empty() {
                let _ = writeln!(
                    out,
                    "You need: {}\n",
                    md(&equipment_names(report.rules, exercise).join(", "))
                );
            }
            for (step, text) in exercise.steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", step + 1, md(text));
            }
            out.push('\n');
            for caution in &exercise.cautions {
                let _ = writeln!(out, "- Take care: {}", md(caution));
            }
            if !exercise.cautions.is_empty() {
                out.push('\n');
            }
        }
    }
    if let Some(review) = &report.review {
        let _ = writeln!(
            out,
            "## Pain and sessions from the journal\n\nFrom {} to {}.\n",
            review.start.format("%-d %B %Y"),
            review.today.format("%-d %B %Y")
        );
        table(&weeks_table(review), &mut out);
        out.push_str("| Day | Pain | Sessions |\n|---|---|---|\n");
        for day in &review.days {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                day.date.format("%-d %b"),
                day.pain.map_or("".to_owned(), |p| format!("{p:.1}")),
                day.sessions
            );
        }
        out.push('\n');
        if !report.sessions.by_exercise.is_empty() {
            table(&exercises_table(report.rules, &report.sessions), &mut out);
            if !report.sessions.has_ratings() {
                let _ = writeln!(out, "{NO_RATINGS}\n");
            }
        }
    }
    let _ = writeln!(out, "---\n\n{}", md(report.outcome.disclaimer));
    out
}

fn table(table: &Table, out: &mut String) {
    if table.rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| {} |\n|{}",
        table.head.join(" | "),
        "---|".repeat(table.head.len())
    );
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| md(cell)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}
