//! The report as one self-contained HTML file: inline CSS and SVG, system fonts, nothing fetched.
//! The print stylesheet keeps the urgency on page one, never cuts an exercise card across pages,
//! and numbers the pages.

use std::fmt::Write as _;

use super::chart::pain_chart;
use super::content::{
    answers_table, exercises_table, headline, other_answers_table, sides_text,
    warning_sign_answers, weeks_table, Report, Table, NO_RATINGS,
};
use super::figure::figure_svg;
use super::markup::esc;
use super::MARKER;
use crate::render::{chosen_for_text, dose_text, duration_text, equipment_names, urgency_word};
use backcare_engine::outcome::Routine;

const STYLE: &str = r#"
:root { --ink: #1b1b1b; --soft: #555; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; font-size: 11pt; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid var(--ink); }
header h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 1rem; margin: .2rem 0 .3rem; break-after: avoid; }
.urgency { border: 3px solid; border-radius: 6px; padding: .7rem 1rem; margin: 1rem 0; }
.urgency .level { font-weight: 700; text-transform: uppercase; letter-spacing: .05em; margin: 0; }
.urgency h2 { font-size: 1.45rem; border: 0; margin: .2rem 0 .4rem; }
.urgency p { margin: .3rem 0; }
.level-emergency { border-color: #b00020; background: #fdecee; }
.level-urgent { border-color: #b35c00; background: #fff3e0; }
.level-soon { border-color: #00639b; background: #e8f3fb; }
.level-incomplete { border-color: #6b4f00; background: #fff8dc; }
.level-self_care { border-color: #2e7d32; background: #edf7ee; }
.rule, .card, .finding { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0;
  break-inside: avoid; page-break-inside: avoid; }
.rule .meta, .card .meta { color: var(--soft); margin: 0 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .2rem .4rem; border-bottom: 1px solid #e4e4e4; }
.signs { break-inside: avoid; }
.signs ul { margin: .2rem 0 .5rem; padding-left: 1.2rem; columns: 2; column-gap: 1.6rem; }
.signs li { break-inside: avoid; }
.card .body { display: grid; grid-template-columns: 17rem 1fr; gap: .8rem; align-items: start; }
.card .figure { width: 100%; height: auto; display: block; }
.card p { margin: .2rem 0; }
.card ol { margin: .3rem 0; padding-left: 1.3rem; }
.card .care { color: #7a3b00; }
.figure line, .figure polyline, .figure circle, .figure ellipse { fill: none; stroke-linecap: round; stroke-linejoin: round; }
.figure .body, .figure .head { stroke: var(--ink); stroke-width: 2.2; }
.figure .far { stroke: #9a9a9a; stroke-width: 2; }
.figure .ghost { stroke: #c4c4c4; stroke-width: 1.4; stroke-dasharray: 2 2; }
.figure .prop { stroke: #3b6ea5; stroke-width: 1.6; }
.figure .floor { stroke: #bbb; stroke-width: 1; }
.figure .arrow { stroke: var(--soft); stroke-width: 1.4; }
.figure .label { font-size: 10px; fill: var(--soft); text-anchor: middle; }
.chart { width: 100%; height: auto; }
.journal { break-inside: avoid; }
.chart .grid { stroke: #e0e0e0; stroke-width: 1; }
.chart .axis { font-size: 10px; fill: var(--soft); }
.chart .pain { fill: none; stroke: #b00020; stroke-width: 2; }
.chart .point { fill: #b00020; }
.chart .session { fill: #2e7d32; }
.disclaimer { margin-top: 1.5rem; padding-top: .5rem; border-top: 1px solid var(--line); color: var(--soft); font-size: .9rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole report as HTML; `page` is the CSS page size (`A4` or `letter`).
pub(super) fn report_html(report: &Report, page: &str) -> String {
    let mut out = String::new();
    let date = report.date.format("%-d %B %Y").to_string();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"{MARKER}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>backcare report, {date}</title>\n<style>{STYLE}\
         @page {{ size: {page}; margin: 14mm 13mm 16mm; \
         @bottom-center {{ content: \"Page \" counter(page) \" of \" counter(pages); font-family: system-ui, sans-serif; font-size: 9pt; color: #555; }} }}\n\
         </style>\n</head>\n<body>\n\
         <header><h1>backcare report</h1><span class=\"date\">{date}</span></header>\n"
    );
    urgency_box(report, &mut out);
    if let Some(referral) = &report.outcome.referral {
        out.push_str("<h2>Why: the warning signs found</h2>\n");
        for rule in &referral.rules {
            let _ = write!(
                out,
                "<div class=\"rule\"><h3>{}</h3><p class=\"meta\">How soon: {}</p><p>{}</p>",
                esc(&rule.title),
                esc(urgency_word(rule.urgency)),
                esc(&rule.why)
            );
            table(&answers_table(&rule.triggered_by), &mut out);
            if !rule.avoid.is_empty() {
                out.push_str("<p><strong>Until seen, avoid:</strong></p><ul>");
                for item in &rule.avoid {
                    let _ = write!(out, "<li>{}</li>", esc(item));
                }
                out.push_str("</ul>");
            }
            out.push_str("</div>\n");
        }
    }
    signs(report, &mut out);
    if !report.outcome.findings.is_empty() {
        out.push_str("<h2>Posture findings</h2>\n");
        for finding in &report.outcome.findings {
            let _ = write!(
                out,
                "<div class=\"finding\"><h3>{}</h3><p>{}</p>",
                esc(&finding.name),
                esc(&finding.summary)
            );
            table(&answers_table(&finding.triggered_by), &mut out);
            out.push_str("</div>\n");
        }
    }
    if let Some(routine) = &report.outcome.routine {
        cards(report, routine, &mut out);
    }
    progress(report, &mut out);
    let _ = write!(
        out,
        "<p class=\"disclaimer\">{}</p>\n</body>\n</html>\n",
        esc(report.outcome.disclaimer)
    );
    out
}

fn urgency_box(report: &Report, out: &mut String) {
    let head = headline(report.outcome);
    let level = match head.level {
        "emergency" => "How urgent: an emergency",
        "urgent" => "How urgent: today",
        "soon" => "How urgent: within days",
        "incomplete" => "How urgent: not known yet",
        _ => "How urgent: self-care",
    };
    let _ = writeln!(
        out,
        "<section class=\"urgency level-{}\" id=\"urgency\"><p class=\"level\">{}</p><h2>{}</h2><p>{}</p></section>",
        head.level,
        esc(level),
        esc(&head.title),
        esc(&head.action)
    );
    if !head.because.is_empty() {
        out.push_str("<p><strong>Because of these answers:</strong></p>");
        table(&answers_table(head.because), out);
    }
}

fn table(table: &Table, out: &mut String) {
    if table.rows.is_empty() {
        return;
    }
    out.push_str("<table><tr>");
    for head in table.head {
        let _ = write!(out, "<th>{head}</th>");
    }
    out.push_str("</tr>");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", esc(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// The warning-sign questions by section: yes, no (the pertinent negatives), other answers, and
/// those left open.
fn signs(report: &Report, out: &mut String) {
    let sections = warning_sign_answers(report.rules, report.answers);
    if sections.is_empty() {
        return;
    }
    out.push_str(
        "<h2>Warning-sign questions</h2>\n<p>Every question about a warning sign that was asked, \
         by topic, and how it was answered.</p>\n",
    );
    let list = |title: &str, items: &[&str], out: &mut String| {
        if items.is_empty() {
            return;
        }
        let _ = write!(out, "<p><strong>{}</strong></p><ul>", esc(title));
        for item in items {
            let _ = write!(out, "<li>{}</li>", esc(item));
        }
        out.push_str("</ul>");
    };
    for section in &sections {
        let _ = write!(out, "<div class=\"signs\"><h3>{}</h3>", esc(section.title));
        list("Answered yes", &section.yes, out);
        list("Answered no", &section.no, out);
        if !section.other.is_empty() {
            out.push_str("<p><strong>Other answers</strong></p>");
            table(&other_answers_table(section), out);
        }
        list("Not answered", &section.unanswered, out);
        out.push_str("</div>\n");
    }
}

fn cards(report: &Report, routine: &Routine, out: &mut String) {
    let _ = write!(
        out,
        "<h2>The exercise routine</h2>\n<p>{} exercises, about {}, in this order.</p>\n",
        routine.exercises.len(),
        esc(&duration_text(routine.total_seconds))
    );
    for (number, exercise) in routine.exercises.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"card\" data-exercise=\"{}\"><h3>{}. {}</h3><p class=\"meta\">{} · {} · for {}</p>",
            esc(&exercise.id),
            number + 1,
            esc(&exercise.name),
            esc(exercise.phase.id()),
            esc(&duration_text(exercise.seconds)),
            esc(&chosen_for_text(report.outcome, exercise))
        );
        out.push_str("<div class=\"body\">");
        if let Some(figure) = report.figures.figures.get(&exercise.id) {
            out.push_str(&figure_svg(
                figure,
                &format!("{}: start and end positions", exercise.name),
            ));
        }
        out.push_str("<div class=\"text\">");
        let _ = write!(
            out,
            "<p><strong>Dose:</strong> {} &nbsp; <strong>Sides:</strong> {}</p>",
            esc(&dose_text(&exercise.dose)),
            sides_text(&exercise.dose)
        );
        if !exercise.equipment.is_empty() {
            let _ = write!(
                out,
                "<p><strong>You need:</strong> {}</p>",
                esc(&equipment_names(report.rules, exercise).join(", "))
            );
        }
        out.push_str("<ol>");
        for step in &exercise.steps {
            let _ = write!(out, "<li>{}</li>", esc(step));
        }
        out.push_str("</ol>");
        for caution in &exercise.cautions {
            let _ = write!(
                out,
                "<p class=\"care\"><strong>Take care:</strong> {}</p>",
                esc(caution)
            );
        }
        out.push_str("</div></div></div>\n");
    }
}

fn progress(report: &Report, out: &mut String) {
    let Some(review) = &report.review else {
        return;
    };
    // The heading, the chart and the weeks stay together on one page.
    let _ = write!(
        out,
        "<div class=\"journal\"><h2>Pain and sessions from the journal</h2>\n<p>From {} to {}.</p>\n",
        review.start.format("%-d %B %Y"),
        review.today.format("%-d %B %Y")
    );
    if let Some(chart) = pain_chart(review) {
        out.push_str(&chart);
    }
    table(&weeks_table(review), out);
    out.push_str("</div>\n");
    if !report.sessions.by_exercise.is_empty() {
        out.push_str("<h3>Each exercise in the sessions</h3>");
        table(&exercises_table(report.rules, &report.sessions), out);
        if !report.sessions.has_ratings() {
            let _ = writeln!(out, "<p class=\"meta\">{NO_RATINGS}</p>");
        }
    }
}
