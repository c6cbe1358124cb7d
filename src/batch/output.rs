//! The lines `assess --batch` writes: a record's outcome, brief or in full, or the error that
//! stands for a bad record.

use serde::Serialize;
use serde_json::Value;

use backcare_engine::answers::AnswerProblem;
use backcare_engine::error::shown;
use backcare_engine::outcome::Outcome;

/// Writes the output line of an assessed record, without its line break: its urgency, rules,
/// findings and routine in brief, or the whole outcome when `full`.
pub(super) fn write_outcome_line(
    out: &mut Vec<u8>,
    id: &Value,
    line: usize,
    outcome: &Outcome,
    full: bool,
) {
    if full {
        let full = FullLine { id, line, outcome };
        serde_json::to_writer(out, &full).expect("records always serialise");
    } else {
        write_brief_line(out, id, line, outcome);
    }
}

/// The brief line, written by hand: it is most of what a large screen writes, and serde's
/// serialiser spent more on escaping the constant keys than on the values. The text is what
/// serde_json would write for the same object, field for field (a test compares them).
fn write_brief_line(out: &mut Vec<u8>, id: &Value, line: usize, outcome: &Outcome) {
    let mut number = itoa::Buffer::new();
    out.extend_from_slice(b"{\"id\":");
    json(out, id);
    out.extend_from_slice(b",\"line\":");
    out.extend_from_slice(number.format(line).as_bytes());
    out.extend_from_slice(b",\"urgency\":");
    json(out, &outcome.urgency);
    out.extend_from_slice(b",\"fired\":[");
    let fired = outcome.referral.iter().flat_map(|r| r.rules.iter());
    for (at, rule) in fired.enumerate() {
        out.extend_from_slice(if at == 0 { b"{\"id\":" } else { b",{\"id\":" });
        json(out, &rule.id);
        out.extend_from_slice(b",\"category\":");
        json(out, &rule.category);
        out.extend_from_slice(b",\"urgency\":");
        json(out, &rule.urgency);
        out.push(b'}');
    }
    // How many warning-sign questions are still open; `--full` names them. Most records of a
    // large screen are partial, and naming every open question made the summary lines ten times
    // longer (docs/batch.md).
    out.extend_from_slice(b"],\"missing_count\":");
    out.extend_from_slice(number.format(outcome.missing.len()).as_bytes());
    out.extend_from_slice(b",\"findings\":");
    list(out, outcome.findings.iter().map(|f| f.id.as_str()));
    // The exercise ids in order, or null when there is no routine.
    out.extend_from_slice(b",\"routine\":");
    match &outcome.routine {
        Some(routine) => list(out, routine.exercises.iter().map(|e| e.id.as_str())),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn json(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    serde_json::to_writer(out, value).expect("strings, numbers and ids always serialise");
}

fn list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    out.push(b'[');
    for (at, item) in items.enumerate() {
        if at > 0 {
            out.push(b',');
        }
        json(out, item);
    }
    out.push(b']');
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
    id: &'o Value,
    line: usize,
    outcome: &'o Outcome<'o>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::record::read_carefully;
    use crate::sample;
    use backcare_engine::{assess, RuleSet};
    use serde_json::json;

    /// The brief line as serde would write it, field for field, to hold the hand-written one to.
    fn as_serde_writes(id: &Value, line: usize, outcome: &Outcome) -> Value {
        let fired: Vec<Value> = outcome
            .referral
            .iter()
            .flat_map(|r| r.rules.iter())
            .map(|r| json!({"id": r.id, "category": r.category, "urgency": r.urgency}))
            .collect();
        let findings: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
        let routine = outcome.routine.as_ref().map(|r| {
            r.exercises
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
        });
        json!({
            "id": id,
            "line": line,
            "urgency": outcome.urgency,
            "fired": fired,
            "missing_count": outcome.missing.len(),
            "findings": findings,
            "routine": routine,
        })
    }

    #[test]
    fn the_brief_line_is_the_json_serde_would_write_in_field_order() {
        let rules = RuleSet::embedded().unwrap();
        let mut kinds = std::collections::BTreeSet::new();
        for (at, record) in sample::records(&rules, 11, 400).enumerate() {
            let (id, answers) = read_carefully(&rules, at + 1, &record.to_string()).unwrap();
            let id = id.unwrap_or_else(|| Value::from(at + 1));
            let outcome = assess(&rules, &answers);
            let mut written = Vec::new();
            write_outcome_line(&mut written, &id, at + 1, &outcome, false);
            let text = String::from_utf8(written).unwrap();
            let read: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(read, as_serde_writes(&id, at + 1, &outcome), "{text}");
            let keys = [
                "\"id\":",
                "\"line\":",
                "\"urgency\":",
                "\"fired\":",
                "\"missing_count\":",
                "\"findings\":",
                "\"routine\":",
            ];
            let places: Vec<usize> = keys.iter().map(|key| text.find(key).unwrap()).collect();
            assert!(places.windows(2).all(|w| w[0] < w[1]), "{text}");
            kinds.insert((outcome.urgency.id(), outcome.routine.is_some()));
        }
        assert!(
            kinds.contains(&("emergency", false)) && kinds.iter().any(|(_, routine)| *routine),
            "the records reach referrals and routines alike: {kinds:?}"
        );
    }
}
