//! The lines `assess --batch` writes: a record's outcome, brief or in full, or the error that
//! stands for a bad record.

use serde::Serialize;
use serde_json::Value;

use backcare_engine::answers_file::AnswerProblem;
use backcare_engine::error::shown;
use backcare_engine::outcome::{Outcome, Urgency};
use backcare_engine::ruleset::{Category, ReferralUrgency};

/// The output line of an assessed record: its urgency, rules, findings and routine in brief, or
/// the whole outcome when `full`.
pub(super) fn outcome_line(id: Value, line: usize, outcome: &Outcome, full: bool) -> String {
    let text = if full {
        serde_json::to_string(&FullLine { id, line, outcome })
    } else {
        serde_json::to_string(&BriefLine::new(id, line, outcome))
    };
    text.expect("records always serialise")
}

/// The output line of a bad record.
pub(super) fn error_line(
    line: usize,
    id: Option<Value>,
    error: String,
    problems: Vec<AnswerProblem>,
) -> String {
    let problems: Vec<ProblemLine> = problems
        .into_iter()
        .map(|p| ProblemLine {
            // An unknown key is quoted cut short, as in the message.
            question: p.question.as_deref().map(shown),
            message: p.message,
            fix: p.fix,
        })
        .collect();
    serde_json::to_string(&ErrorLine {
        id: id.unwrap_or_else(|| Value::from(line)),
        line,
        error,
        problems,
    })
    .expect("error lines always serialise")
}

#[derive(Serialize)]
struct FullLine<'o> {
    id: Value,
    line: usize,
    outcome: &'o Outcome<'o>,
}

#[derive(Serialize)]
struct BriefLine<'o> {
    id: Value,
    line: usize,
    urgency: Urgency,
    fired: Vec<BriefRule<'o>>,
    /// How many warning-sign questions are still open; `--full` names them. Most records of a
    /// large screen are partial, and naming every open question made the summary lines ten times
    /// longer (docs/batch.md).
    missing_count: usize,
    findings: Vec<&'o str>,
    /// The exercise ids in order, or null when there is no routine.
    routine: Option<Vec<&'o str>>,
}

#[derive(Serialize)]
struct BriefRule<'o> {
    id: &'o str,
    category: Category,
    urgency: ReferralUrgency,
}

impl<'o> BriefLine<'o> {
    fn new(id: Value, line: usize, outcome: &'o Outcome<'o>) -> Self {
        BriefLine {
            id,
            line,
            urgency: outcome.urgency,
            fired: outcome
                .referral
                .iter()
                .flat_map(|r| r.rules.iter())
                .map(|r| BriefRule {
                    id: &r.id,
                    category: r.category,
                    urgency: r.urgency,
                })
                .collect(),
            missing_count: outcome.missing.len(),
            findings: outcome.findings.iter().map(|f| f.id.as_str()).collect(),
            routine: outcome
                .routine
                .as_ref()
                .map(|r| r.exercises.iter().map(|e| e.id.as_str()).collect()),
        }
    }
}

#[derive(Serialize)]
struct ErrorLine {
    id: Value,
    line: usize,
    error: String,
    problems: Vec<ProblemLine>,
}

#[derive(Serialize)]
struct ProblemLine {
    question: Option<String>,
    message: String,
    fix: String,
}
