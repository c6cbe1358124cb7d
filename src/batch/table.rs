//! A batch given as CSV, the way form tools export it: a header row of question ids (and
//! optionally `id`), then one person's answers per row. Cells are turned into the JSON answers a
//! JSON-lines record would hold, and checked the same way, so both formats give the same outcome
//! and the same problems; a cell that cannot be turned names its row and column.

use std::io::{self, BufRead, Read};

use serde_json::{Map, Value};

use super::output::error_line;
use crate::error::Error;
use crate::limits::BATCH_LINE;
use backcare_engine::answers::AnswerProblem;
use backcare_engine::answers::Answers;
use backcare_engine::error::{shown, Problem, Snippet};
use backcare_engine::ruleset::{QuestionKind, Questionnaire};
use backcare_engine::suggest::did_you_mean;

/// Rows handed to a worker at a time.
const ROWS_PER_PIECE: usize = 512;

/// What each column of the file holds.
#[derive(Debug)]
pub(super) struct Header {
    columns: Vec<Column>,
}

#[derive(Debug, Clone, Copy)]
enum Column {
    /// The record's id, echoed in its output line.
    Id,
    /// Answers to the question at this place in the questionnaire.
    Question(usize),
    /// A retired question: its answers stand for nothing now, as in a JSON record.
    Retired,
}

/// One row: its line in the file, and its cells.
pub(super) type Row = (usize, csv::StringRecord);

/// Reads the rows of a CSV input, a piece at a time.
pub(super) struct Rows<R> {
    reader: csv::Reader<LineGuard<R>>,
    ended: bool,
}

impl<R: BufRead> Rows<R> {
    /// Reads the header row; a column that names no question stops the batch before any row is
    /// read, as every row would fail on it.
    pub(super) fn new(
        input: R,
        name: &str,
        questionnaire: &Questionnaire,
    ) -> Result<(Self, Header), Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(LineGuard::new(input));
        let names = reader
            .headers()
            .map_err(|e| read_failure(name, &e))?
            .clone();
        let header = Header::new(&names, name, questionnaire)?;
        Ok((
            Rows {
                reader,
                ended: false,
            },
            header,
        ))
    }

    /// The next rows; none at the end of the input.
    pub(super) fn next_rows(&mut self, name: &str) -> Result<Vec<Row>, Error> {
        let mut rows = Vec::new();
        while !self.ended && rows.len() < ROWS_PER_PIECE {
            let mut record = csv::StringRecord::new();
            match self.reader.read_record(&mut record) {
                Ok(true) => {
                    let line = record.position().map_or(0, |p| p.line() as usize);
                    rows.push((line, record));
                }
                Ok(false) => self.ended = true,
                // Rows before a failure are still assessed and written; the failure comes next.
                Err(e) if !rows.is_empty() && e.is_io_error() => break,
                Err(e) => return Err(read_failure(name, &e)),
            }
        }
        Ok(rows)
    }
}

fn read_failure(name: &str, error: &csv::Error) -> Error {
    let line = error.position().map(|p| p.line()).filter(|line| *line > 0);
    let at = line.map_or(String::new(), |line| format!("line {line}: "));
    let reason = match error.kind() {
        csv::ErrorKind::Io(e) if e.kind() == io::ErrorKind::InvalidData => e.to_string(),
        csv::ErrorKind::Io(e) => crate::error::io_reason(e),
        csv::ErrorKind::Utf8 { .. } => {
            "the header row is not UTF-8 text; save the file as UTF-8".to_owned()
        }
        _ => "the header row could not be read as CSV".to_owned(),
    };
    Error::Read {
        path: name.to_owned(),
        reason: format!("{at}{reason}"),
    }
}

impl Header {
    fn new(
        names: &csv::StringRecord,
        file: &str,
        questionnaire: &Questionnaire,
    ) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut columns = Vec::new();
        let mut seen = Vec::new();
        let mut character = 1;
        let text = names.iter().collect::<Vec<_>>().join(",");
        for (number, name) in names.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            let column = match name {
                "id" => Some(Column::Id),
                _ => match questionnaire.position(name) {
                    Some(at) => Some(Column::Question(at)),
                    None if questionnaire.retired(name).is_some() => Some(Column::Retired),
                    None => None,
                },
            };
            let problem = |message: String, fix: &str| Problem {
                severity: backcare_engine::error::Severity::Error,
                file: file.to_owned(),
                line: 1,
                column: character,
                message,
                fix: Some(fix.to_owned()),
                source_line: Some(Box::new(Snippet::at(&text, character - 1))),
            };
            match column {
                None => {
                    let known = questionnaire.questions.iter().map(|q| q.id.as_str());
                    let fix = match did_you_mean(name, known) {
                        Some(close) => {
                            format!("did you mean `{close}`? `backcare questions` lists the ids")
                        }
                        None => "head each column with a question id from `backcare questions`, \
                                 or `id`"
                            .to_owned(),
                    };
                    let message = format!(
                        "column {} is headed {}, which is not a question id",
                        number + 1,
                        shown(name)
                    );
                    problems.push(problem(message, &fix));
                }
                Some(_) if seen.contains(&name) => problems.push(problem(
                    format!("column {} repeats the heading {}", number + 1, shown(name)),
                    "give each question one column",
                )),
                Some(column) => {
                    seen.push(name);
                    columns.push(column);
                }
            }
            character += name.chars().count() + 1;
        }
        if problems.is_empty() {
            Ok(Header { columns })
        } else {
            Err(Error::Answers(problems))
        }
    }

    /// A row as a record's id and answers; the error is the row's output line.
    pub(super) fn read(
        &self,
        questionnaire: &Questionnaire,
        (line, row): &Row,
    ) -> Result<(Option<Value>, Answers), String> {
        let mut id = None;
        let mut answers = Map::new();
        let mut problems = Vec::new();
        if row.len() > self.columns.len() {
            let error = format!(
                "row {line} has {} cells but the header names {} columns",
                row.len(),
                self.columns.len()
            );
            return Err(error_line(*line, None, error, Vec::new()));
        }
        for (number, (column, cell)) in self.columns.iter().zip(row.iter()).enumerate() {
            let cell = cell.trim();
            match column {
                Column::Id if !cell.is_empty() => id = Some(Value::from(cell)),
                Column::Question(at) if !cell.is_empty() => {
                    let question = &questionnaire.questions[*at];
                    match cell_value(question.kind, cell) {
                        Ok(value) => {
                            answers.insert(question.id.clone(), value);
                        }
                        Err(fix) => problems.push(AnswerProblem {
                            question: Some(question.id.clone()),
                            message: format!(
                                "row {line}, column {} (`{}`) holds {}",
                                number + 1,
                                question.id,
                                shown(format!("\"{cell}\""))
                            ),
                            fix: fix.to_owned(),
                        }),
                    }
                }
                _ => {}
            }
        }
        let not_fitting = || format!("row {line} does not fit the questionnaire");
        if !problems.is_empty() {
            return Err(error_line(*line, id, not_fitting(), problems));
        }
        match Answers::from_value(&Value::Object(answers), questionnaire) {
            Ok(answers) => Ok((id, answers)),
            Err(problems) => Err(error_line(*line, id, not_fitting(), problems)),
        }
    }
}

/// A cell as the JSON answer it stands for; the error is what to write instead.
fn cell_value(kind: QuestionKind, cell: &str) -> Result<Value, &'static str> {
    match kind {
        QuestionKind::YesNo => match cell.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err("write yes or no (or true/false, 1/0), or leave the cell empty if unknown"),
        },
        QuestionKind::Number => match (cell.parse::<i64>(), cell.parse::<f64>()) {
            (Ok(whole), _) => Ok(Value::from(whole)),
            (_, Ok(number)) if number.is_finite() => Ok(Value::from(number)),
            _ => Err("write a number in figures, such as 42, or leave the cell empty if unknown"),
        },
        QuestionKind::OneOf => Ok(Value::from(cell)),
        QuestionKind::SeveralOf => Ok(Value::Array(
            cell.split(';')
                .map(str::trim)
                .filter(|option| !option.is_empty())
                .map(Value::from)
                .collect(),
        )),
    }
}

/// Refuses a line longer than a record may be, before the CSV reader buffers it: an input with no
/// line break could otherwise fill memory.
struct LineGuard<R> {
    input: R,
    since_break: u64,
}

impl<R> LineGuard<R> {
    fn new(input: R) -> Self {
        LineGuard {
            input,
            since_break: 0,
        }
    }
}

impl<R: Read> Read for LineGuard<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.input.read(buffer)?;
        let bytes = &buffer[..read];
        self.since_break = match memchr::memrchr(b'\n', bytes) {
            Some(at) => (read - at - 1) as u64,
            None => self.since_break + read as u64,
        };
        if self.since_break > BATCH_LINE.bytes + 2 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a line is {}; put each row on a line of its own",
                    BATCH_LINE.refusal()
                ),
            ));
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backcare_engine::answers::AnswerValue;
    use backcare_engine::ruleset::RuleSet;

    fn rows(text: &str) -> (Header, Vec<Row>) {
        let rules = RuleSet::embedded().unwrap();
        let (mut rows, header) =
            Rows::new(text.as_bytes(), "people.csv", &rules.questionnaire).unwrap();
        let read = rows.next_rows("people.csv").unwrap();
        (header, read)
    }

    #[test]
    fn cells_become_the_answers_a_json_record_would_hold() {
        let rules = RuleSet::embedded().unwrap();
        let (table, read) =
            rows("id,fever,age,onset,equipment\nA7,Yes,40,gradual,chair; massage_ball\n");
        let (id, answers) = table.read(&rules.questionnaire, &read[0]).unwrap();
        let json = serde_json::json!({"fever": true, "age": 40, "onset": "gradual",
            "equipment": ["chair", "massage_ball"]});
        assert_eq!(id, Some(Value::from("A7")));
        assert_eq!(
            answers,
            Answers::from_value(&json, &rules.questionnaire).unwrap()
        );
    }

    #[test]
    fn empty_cells_are_unanswered_and_a_bad_cell_names_its_row_and_column() {
        let rules = RuleSet::embedded().unwrap();
        let (table, read) = rows("fever,age\n,\nmaybe,40\n");
        let (_, answers) = table.read(&rules.questionnaire, &read[0]).unwrap();
        assert!(answers.is_empty());
        // A lone `;` is a list with nothing in it: answered, with none of the options.
        let (none_header, none_rows) = rows("equipment\n;\n");
        let (_, answers) = none_header
            .read(&rules.questionnaire, &none_rows[0])
            .unwrap();
        assert_eq!(
            answers.get("equipment"),
            Some(&AnswerValue::Choices(Default::default()))
        );
        let error = table.read(&rules.questionnaire, &read[1]).unwrap_err();
        assert!(error.contains(r#""line":3"#), "{error}");
        assert!(error.contains("row 3, column 1 (`fever`)"), "{error}");
    }

    #[test]
    fn an_unknown_heading_stops_the_batch_naming_its_column() {
        let rules = RuleSet::embedded().unwrap();
        let Err(Error::Answers(problems)) = Rows::new(
            "fever,fevr\n".as_bytes(),
            "people.csv",
            &rules.questionnaire,
        ) else {
            panic!("an unknown heading is refused");
        };
        assert_eq!((problems[0].line, problems[0].column), (1, 7));
        assert!(
            problems[0].message.contains("column 2"),
            "{}",
            problems[0].message
        );
    }
}
