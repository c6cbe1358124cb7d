//! `assess --batch`: JSON lines in, JSON lines out, one per record, in input order. A bad record
//! gives an error line and the rest go on. Records are read in chunks and assessed on every core,
//! so memory stays flat however long the input is.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::thread;

use serde::Serialize;
use serde_json::Value;

use crate::answers::{AnswerProblem, Answers};
use crate::engine::assess;
use crate::error::{Error, Problem};
use crate::json;
use crate::outcome::{Outcome, Urgency};
use crate::ruleset::{Category, ReferralUrgency, RuleSet};
use crate::source::Source;

/// Records read and assessed at a time: enough to keep every core busy, small enough to keep
/// memory flat.
const CHUNK: usize = 2048;

/// What a batch came to, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub by_urgency: BTreeMap<&'static str, usize>,
    pub errors: usize,
}

impl Summary {
    pub fn records(&self) -> usize {
        self.by_urgency.values().sum::<usize>() + self.errors
    }

    /// The most pressing urgency seen: emergency, urgent, incomplete (a screen that could hide
    /// either), soon, then self-care.
    pub fn most_pressing(&self) -> Option<Urgency> {
        [
            Urgency::Emergency,
            Urgency::Urgent,
            Urgency::Incomplete,
            Urgency::Soon,
            Urgency::SelfCare,
        ]
        .into_iter()
        .find(|u| self.by_urgency.contains_key(u.id()))
    }
}

/// Assesses every line of `input`, writing one line per record to `output`.
pub fn run(
    rules: &RuleSet,
    input: impl BufRead,
    mut output: impl Write,
    full: bool,
) -> Result<Summary, Error> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    let mut summary = Summary::default();
    let mut lines = input.lines().enumerate();
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for (index, line) in lines.by_ref() {
            let line = line.map_err(|e| Error::Read {
                path: "the batch input".to_owned(),
                reason: format!("line {}: {e}", index + 1),
            })?;
            if !line.trim().is_empty() {
                chunk.push((index + 1, line));
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            return Ok(summary);
        }
        let share = chunk.len().div_ceil(workers);
        let results: Vec<Vec<(String, Result<&'static str, ()>)>> = thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(share)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(n, line)| record(rules, *n, line, full))
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("assessing a record does not panic"))
                .collect()
        });
        for (text, result) in results.into_iter().flatten() {
            match result {
                Ok(urgency) => *summary.by_urgency.entry(urgency).or_default() += 1,
                Err(()) => summary.errors += 1,
            }
            writeln!(output, "{text}").map_err(|e| Error::Write {
                path: "standard output".to_owned(),
                reason: e.to_string(),
            })?;
        }
    }
}

/// One output line, and the record's urgency (or an error).
fn record(
    rules: &RuleSet,
    line: usize,
    text: &str,
    full: bool,
) -> (String, Result<&'static str, ()>) {
    let value = match json::parse_str(text) {
        Ok(value) => value,
        Err(e) => {
            // Only a bad record pays for a located problem.
            let problem = Problem::from_json(&Source::new(format!("line {line}"), text), &e);
            let error = format!(
                "not valid JSON at column {}: {}",
                problem.column, problem.message
            );
            return (error_line(line, None, error, Vec::new()), Err(()));
        }
    };
    // A record is either the answers themselves or {"id": ..., "answers": {...}}.
    let (id, answers) = match &value {
        Value::Object(map) if map.get("answers").is_some_and(Value::is_object) => {
            (map.get("id").cloned(), &map["answers"])
        }
        other => (None, other),
    };
    let answers = match Answers::from_value(answers, &rules.questionnaire) {
        Ok(answers) => answers,
        Err(problems) => {
            let error = "the answers do not fit the questionnaire".to_owned();
            return (error_line(line, id, error, problems), Err(()));
        }
    };
    let outcome = assess(rules, &answers);
    let id = id.unwrap_or_else(|| Value::from(line));
    let text = if full {
        serde_json::to_string(&FullLine {
            id,
            line,
            outcome: &outcome,
        })
    } else {
        serde_json::to_string(&BriefLine::new(id, line, &outcome))
    };
    (
        text.expect("records always serialise"),
        Ok(outcome.urgency.id()),
    )
}

fn error_line(
    line: usize,
    id: Option<Value>,
    error: String,
    problems: Vec<AnswerProblem>,
) -> String {
    let problems: Vec<ProblemLine> = problems
        .into_iter()
        .map(|p| ProblemLine {
            question: p.question,
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
    missing: &'o [&'o str],
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
            missing: &outcome.missing,
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
