//! `assess --batch`: JSON lines in, JSON lines out, one per record, in input order. A bad record
//! gives an error line and the rest go on. Records are read in chunks and assessed on every core,
//! so memory stays flat however long the input is.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::thread;

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::error::{io_reason, Error};
use crate::limits::{Line, LineReader, BATCH_LINE};
use backcare_engine::answers::Answers;
use backcare_engine::answers_file::{parse_value, AnswerProblem};
use backcare_engine::engine::assess;
use backcare_engine::error::{shown, Problem};
use backcare_engine::json::{self, Strict};
use backcare_engine::outcome::{Outcome, Urgency};
use backcare_engine::ruleset::{Category, Questionnaire, ReferralUrgency, RuleSet};
use backcare_engine::source::Source;

/// Records read and assessed at a time: enough to keep every core busy, small enough to keep
/// memory flat.
const CHUNK: usize = 2048;

const BYTE_ORDER_MARK: &[u8] = "\u{feff}".as_bytes();

/// What a batch came to, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub by_urgency: BTreeMap<&'static str, usize>,
    pub errors: usize,
    /// The reader of the output stopped early (as `| head` does), so the rest was not assessed.
    pub output_closed: bool,
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

/// Assesses every line of `input` (named `name` in messages), writing one line per record to
/// `output`.
pub fn run(
    rules: &RuleSet,
    name: &str,
    input: impl BufRead,
    mut output: impl Write,
    full: bool,
) -> Result<Summary, Error> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    let mut summary = Summary::default();
    let mut lines = LineReader::new(input, BATCH_LINE);
    let mut number = 0;
    loop {
        // Each record's text, or the message of the error line that stands for it.
        let mut chunk: Vec<(usize, Result<String, String>)> = Vec::with_capacity(CHUNK);
        let mut ended = false;
        let mut failed = None;
        while chunk.len() < CHUNK {
            number += 1;
            let line = match lines.next_line() {
                Ok(line) => line,
                Err(e) => {
                    failed = Some(Error::Read {
                        path: name.to_owned(),
                        reason: format!("line {number}: {}", io_reason(&e)),
                    });
                    ended = true;
                    break;
                }
            };
            match line {
                Line::End => {
                    ended = true;
                    break;
                }
                Line::Whole(bytes) => {
                    // Some editors start a UTF-8 file with a byte-order mark; `--answers` accepts
                    // one too.
                    let bytes = match bytes.strip_prefix(BYTE_ORDER_MARK) {
                        Some(rest) if number == 1 => rest,
                        _ => bytes,
                    };
                    match std::str::from_utf8(bytes) {
                        Ok(text) if text.trim().is_empty() => {}
                        Ok(text) => chunk.push((number, Ok(text.to_owned()))),
                        Err(e) => chunk.push((number, Err(not_utf8(bytes, e)))),
                    }
                }
                Line::TooLong(_) => {
                    chunk.push((
                        number,
                        Err(format!(
                            "the line is {}; put each record on a line of its own",
                            BATCH_LINE.refusal()
                        )),
                    ));
                    // Said at once: the rest of the line is read next, and may never end.
                    break;
                }
            }
        }
        let share = chunk.len().div_ceil(workers).max(1);
        let results: Vec<Vec<(String, Result<&'static str, ()>)>> = thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(share)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(n, line)| match line {
                                Ok(text) => record(rules, *n, text, full),
                                Err(error) => {
                                    (error_line(*n, None, error.clone(), Vec::new()), Err(()))
                                }
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("assessing a record does not panic"))
                .collect()
        });
        let mut lines_out = String::new();
        for (text, result) in results.into_iter().flatten() {
            match result {
                Ok(urgency) => *summary.by_urgency.entry(urgency).or_default() += 1,
                Err(()) => summary.errors += 1,
            }
            lines_out.push_str(&text);
            lines_out.push('\n');
        }
        // One write and a flush a chunk: every chunk before a failure is known to be out whole.
        match output
            .write_all(lines_out.as_bytes())
            .and_then(|()| output.flush())
        {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                summary.output_closed = true;
                return Ok(summary);
            }
            Err(e) => {
                let first = chunk.first().map_or(number, |(n, _)| *n);
                return Err(Error::Output {
                    unwritten: format!("the results from line {first} of the input on"),
                    reason: io_reason(&e),
                });
            }
        }
        // What was read before a failure is still assessed and written.
        if let Some(error) = failed {
            return Err(error);
        }
        if ended {
            return Ok(summary);
        }
    }
}

/// The message for a line holding bytes that are not UTF-8: a bad record like any other.
fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> String {
    let valid = &bytes[..error.valid_up_to()];
    let column = String::from_utf8_lossy(valid).chars().count() + 1;
    format!(
        "not UTF-8 text at column {column}: the line holds bytes of another encoding; save the \
         file as UTF-8"
    )
}

/// One output line, and the record's urgency (or an error).
fn record(
    rules: &RuleSet,
    line: usize,
    text: &str,
    full: bool,
) -> (String, Result<&'static str, ()>) {
    let (id, answers) = match read_quickly(&rules.questionnaire, text) {
        Some(record) => record,
        None => match read_carefully(rules, line, text) {
            Ok(record) => record,
            Err(error_line) => return (error_line, Err(())),
        },
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

/// A record's id (if it gives one) and answers, read through a JSON tree so that anything wrong
/// is reported in full; the error is the record's output line.
fn read_carefully(
    rules: &RuleSet,
    line: usize,
    text: &str,
) -> Result<(Option<Value>, Answers), String> {
    let value = match json::parse_str(text) {
        Ok(value) => value,
        Err(e) => {
            // Only a bad record pays for a located problem.
            let problem = Problem::from_json(&Source::new(format!("line {line}"), text), &e);
            let error = format!(
                "not valid JSON at column {}: {}",
                problem.column, problem.message
            );
            return Err(error_line(line, None, error, Vec::new()));
        }
    };
    // A record is either the answers themselves or {"id": ..., "answers": {...}}.
    let (id, answers) = match &value {
        Value::Object(map) if map.get("answers").is_some_and(Value::is_object) => {
            (map.get("id").cloned(), &map["answers"])
        }
        other => (None, other),
    };
    match Answers::from_value(answers, &rules.questionnaire) {
        Ok(answers) => Ok((id, answers)),
        Err(problems) => {
            let error = "the answers do not fit the questionnaire".to_owned();
            Err(error_line(line, id, error, problems))
        }
    }
}

/// The fast way to read a usual record: answers straight from the text, with keys borrowed and
/// no JSON tree built, which is most of the cost of a batch. It takes only what the careful way
/// would accept unchanged; anything else gives `None`, and the careful way reads the record and
/// says what is wrong with it.
fn read_quickly(questionnaire: &Questionnaire, text: &str) -> Option<(Option<Value>, Answers)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let record = deserializer
        .deserialize_map(RecordVisitor { questionnaire })
        .ok()?;
    deserializer.end().ok()?;
    record
}

struct RecordVisitor<'q> {
    questionnaire: &'q Questionnaire,
}

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    /// `None` for a record of a shape left to the careful reader.
    type Value = Option<(Option<Value>, Answers)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let mut wrapped = None;
        let mut plain = AnswersReader::new(self.questionnaire);
        while let Some(BorrowedKey(key)) = map.next_key()? {
            match key {
                "id" if id.is_none() => id = Some(map.next_value::<Strict>()?.0),
                "answers" if wrapped.is_none() => {
                    wrapped = Some(map.next_value_seed(AnswersReader::new(self.questionnaire))?)
                }
                "id" | "answers" => return Err(de::Error::custom("repeated key")),
                question => plain.read(question, &mut map)?,
            }
        }
        // {"id": ..., "answers": {...}} or the answers alone; a mix is for the careful reader.
        Ok(match (wrapped, plain.seen_any()) {
            (Some(answers), false) => Some((id, answers)),
            (None, _) if id.is_none() => Some((None, plain.answers)),
            _ => None,
        })
    }
}

/// Reads answers one key at a time, each checked as [`Answers::from_value`] checks it.
struct AnswersReader<'q> {
    questionnaire: &'q Questionnaire,
    answers: Answers,
    /// Questions already given, by place in the questionnaire, to refuse a repeated key.
    seen: Vec<bool>,
}

impl<'q> AnswersReader<'q> {
    fn new(questionnaire: &'q Questionnaire) -> Self {
        AnswersReader {
            questionnaire,
            answers: Answers::default(),
            seen: Vec::new(),
        }
    }

    fn seen_any(&self) -> bool {
        !self.seen.is_empty()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, id: &str, map: &mut A) -> Result<(), A::Error> {
        let at = self
            .questionnaire
            .position(id)
            .ok_or_else(|| de::Error::custom("unknown question"))?;
        if self.seen.is_empty() {
            self.seen.resize(self.questionnaire.questions.len(), false);
        }
        if std::mem::replace(&mut self.seen[at], true) {
            return Err(de::Error::custom("repeated key"));
        }
        let Strict(raw) = map.next_value()?;
        if !raw.is_null() {
            let question = &self.questionnaire.questions[at];
            let value =
                parse_value(question, &raw).map_err(|(message, _)| de::Error::custom(message))?;
            self.answers
                .set_at(self.questionnaire.slot(&question.id), value);
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for AnswersReader<'_> {
    type Value = Answers;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Answers, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AnswersReader<'_> {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answers object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Answers, A::Error> {
        while let Some(BorrowedKey(key)) = map.next_key()? {
            self.read(key, &mut map)?;
        }
        Ok(self.answers)
    }
}

/// An object key as it stands in the text; a key with escapes is left to the careful reader.
struct BorrowedKey<'de>(&'de str);

impl<'de> Deserialize<'de> for BorrowedKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de str>::deserialize(deserializer).map(BorrowedKey)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn the_quick_reader_takes_only_what_the_careful_one_takes_as_it_is() {
        let rules = RuleSet::embedded().unwrap();
        let mut lines: Vec<String> = sample::records(&rules, 7, 500)
            .map(|record| record.to_string())
            .collect();
        let unusual = [
            r#"{"fever": true, "age": 40, "sex": "male"}"#,
            r#"{"id": 3, "answers": {"fever": null, "equipment": ["chair", "chair"]}}"#,
            r#"{"answers": {"fever": true}, "id": {"site": "north"}}"#,
            r#"{"fever": true, "fever": false}"#,
            r#"{"fever": null, "fever": true}"#,
            r#"{"id": 1, "answers": {"fever": true}, "extra": 1}"#,
            r#"{"id": 1, "answers": 5}"#,
            r#"{"id": 1, "id": 2, "answers": {}}"#,
            r#"{"id": 1, "fever": true}"#,
            r#"{"f\u0065ver": true}"#,
            r#"{"age": 200}"#,
            r#"{"sex": "unknown"}"#,
            r#"{"fever": "no"}"#,
            r#"[1]"#,
            r#"{"fever": true} trailing"#,
        ];
        lines.extend(unusual.iter().map(|line| line.to_string()));
        let mut quick = 0;
        for line in &lines {
            let careful = read_carefully(&rules, 1, line).ok();
            if let Some(record) = read_quickly(&rules.questionnaire, line) {
                quick += 1;
                assert_eq!(Some(record), careful, "{line}");
            }
        }
        assert!(quick >= 500, "usual records take the quick way ({quick})");
    }
}
