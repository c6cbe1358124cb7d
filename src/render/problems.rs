//! Problems and errors as a person reads them: each problem at its file, line and column, with
//! the line and a marker under the place, and what to do.

use std::fmt::Write as _;

use colored::Colorize;

use crate::error::Error;
use backcare_engine::error::{plural, Problem, Severity, Snippet, MOST_PROBLEMS};

/// The text shown on standard error for `error`.
pub fn error_report(error: &Error) -> String {
    let mut out = String::new();
    match error {
        Error::Rules(problems) | Error::Answers(problems) => {
            let shown = problems.len().min(MOST_PROBLEMS);
            out.push_str(&report_problems(&problems[..shown]));
            if problems.len() > shown {
                let _ = writeln!(
                    out,
                    "… and {} more not shown; fix these and run it again to see the rest",
                    problems.len() - shown
                );
            }
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            let what = if matches!(error, Error::Rules(_)) {
                "the rule set was not loaded: fix the rules and try again"
            } else {
                "the answers were not assessed: fix the file and try again"
            };
            let _ = writeln!(out, "{} {}; {what}", errors, plural(errors, "error"));
        }
        // Stopping is the person's choice, not a fault.
        Error::Interrupted { .. } => {
            let _ = writeln!(out, "{error}");
        }
        other => {
            let _ = writeln!(out, "{}: {other}", "error".red().bold());
        }
    }
    out
}

/// Each problem with its place in the file and a marker under it.
pub fn report_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for problem in problems {
        write_problem(problem, &mut out);
        out.push('\n');
    }
    out
}

/// Warnings about a rule set that loaded: worth fixing, but nothing stops.
pub fn report_warnings(problems: &[Problem]) -> String {
    let count = problems.len();
    format!(
        "{}{count} {} in the rule set; it was loaded\n",
        report_problems(problems),
        plural(count, "warning")
    )
}

/// One problem: what is wrong, where, the line with a marker under the place, and the fix.
fn write_problem(problem: &Problem, out: &mut String) {
    let label = match problem.severity {
        Severity::Error => "error".red().bold(),
        Severity::Warning => "warning".yellow().bold(),
    };
    let _ = writeln!(out, "{label}: {}", problem.message.bold());
    let _ = writeln!(
        out,
        "  --> {}:{}:{}",
        problem.file, problem.line, problem.column
    );
    if let Some(snippet) = &problem.source_line {
        let Snippet { text, marker } = snippet.as_ref();
        let number = problem.line.to_string();
        let gutter = " ".repeat(number.len());
        let marker_indent: String = text
            .chars()
            .take(*marker)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{number} | {text}");
        let _ = writeln!(out, "{gutter} | {marker_indent}{}", "^".red().bold());
    }
    if let Some(fix) = &problem.fix {
        let _ = writeln!(out, "  = fix: {fix}");
    }
}
