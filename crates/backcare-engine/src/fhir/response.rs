//! Answers as a FHIR R4 `QuestionnaireResponse`, and a response read back into answers with each
//! problem placed at its line. The way in from outside, so it holds the checks the writing needs
//! none of.

use serde_json::{json, Map, Value};

use super::{none_of_these, NONE_SYSTEM, QUESTIONNAIRE_URL};
use crate::answers::AnswerProblem;
use crate::answers::{AnswerValue, Answers};
use crate::error::{shown, Error, Problem};
use crate::ruleset::{Question, QuestionKind, Questionnaire};
use crate::source::{JsonPath, Source};

/// Answers as a FHIR R4 `QuestionnaireResponse`, grouped by section as the questionnaire is.
/// `authored` is the date and time they were given, when known.
pub fn response_resource(
    answers: &Answers,
    questionnaire: &Questionnaire,
    authored: Option<&str>,
) -> Value {
    let groups: Vec<Value> = questionnaire
        .sections
        .iter()
        .filter_map(|section| {
            let items: Vec<Value> = questionnaire
                .questions
                .iter()
                .filter(|q| q.section == section.id)
                .filter_map(|q| {
                    let answer = answers.get(&q.id)?;
                    Some(
                        json!({"linkId": q.id, "text": q.text, "answer": answer_values(q, answer)}),
                    )
                })
                .collect();
            (!items.is_empty())
                .then(|| json!({"linkId": section.id, "text": section.title, "item": items}))
        })
        .collect();
    let mut response = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "item": groups,
    });
    if let Some(authored) = authored {
        response["authored"] = json!(authored);
    }
    response
}

fn answer_values(question: &Question, answer: &AnswerValue) -> Vec<Value> {
    let coding = |at: usize| {
        let option = &question.options[at];
        json!({"valueCoding": {"code": option.id, "display": option.label}})
    };
    match *answer {
        AnswerValue::YesNo(value) => vec![json!({"valueBoolean": value})],
        AnswerValue::Choice(at) => vec![coding(at)],
        AnswerValue::Choices(set) if set.is_empty() => {
            vec![json!({"valueCoding": none_of_these()})]
        }
        AnswerValue::Choices(set) => set.positions().map(coding).collect(),
        AnswerValue::Number(number) => vec![json!({"valueInteger": number as i64})],
    }
}

/// Reads a `QuestionnaireResponse` against the questionnaire: every problem is placed at its line
/// and column, as an answers file's are. Answers to retired questions come back as warnings.
pub fn read_response(
    source: &Source,
    value: &Value,
    questionnaire: &Questionnaire,
) -> Result<(Answers, Vec<Problem>), Error> {
    let root = JsonPath::root();
    let fail = |path: &JsonPath, message: String, fix: &str| {
        Error::Answers(vec![Problem::at(source, path, message).fix(fix)])
    };
    match value.get("resourceType").and_then(Value::as_str) {
        Some("QuestionnaireResponse") => {}
        other => {
            return Err(fail(
                &root.join("resourceType"),
                format!(
                    "this is a FHIR {}, not a QuestionnaireResponse",
                    other.map_or_else(|| "resource".to_owned(), shown)
                ),
                "give a QuestionnaireResponse (`backcare check --save FILE --fhir` writes one), \
                 or backcare's own answers file",
            ))
        }
    }
    let mut reader = ResponseReader {
        source,
        questionnaire,
        native: Map::new(),
        places: Vec::new(),
        problems: Vec::new(),
        retired: Vec::new(),
    };
    reader.items(value, &root);
    let ResponseReader {
        native,
        places,
        mut problems,
        retired,
        ..
    } = reader;
    match Answers::from_value(&Value::Object(native), questionnaire) {
        Ok(answers) if problems.is_empty() => return Ok((answers, retired)),
        Ok(_) => {}
        Err(found) => problems.extend(found.into_iter().map(
            |AnswerProblem {
                 question,
                 message,
                 fix,
             }| {
                // An unknown question is pointed at by its linkId, a wrong answer at the answer.
                let path = question
                    .and_then(|id| {
                        let (_, item) = places.iter().find(|(q, _)| *q == id)?;
                        Some(match questionnaire.question(&id) {
                            Some(_) => item.join("answer"),
                            None => item.join("linkId"),
                        })
                    })
                    .unwrap_or_else(JsonPath::root);
                Problem::at(source, &path, message).fix(fix)
            },
        )),
    }
    problems.extend(retired);
    problems.sort_by_key(|p| (p.line, p.column));
    Err(Error::Answers(problems))
}

/// Walks a response's items, collecting each answer in backcare's own form with where it was.
struct ResponseReader<'a> {
    source: &'a Source,
    questionnaire: &'a Questionnaire,
    native: Map<String, Value>,
    /// Each answer's question id and the place of its item.
    places: Vec<(String, JsonPath)>,
    problems: Vec<Problem>,
    retired: Vec<Problem>,
}

impl ResponseReader<'_> {
    fn problem(&mut self, path: &JsonPath, message: String, fix: &str) {
        self.problems
            .push(Problem::at(self.source, path, message).fix(fix));
    }

    /// The `item` list of a response or a group.
    fn items(&mut self, parent: &Value, path: &JsonPath) {
        let Some(items) = parent.get("item") else {
            return;
        };
        let Some(items) = items.as_array() else {
            self.problem(
                &path.join("item"),
                "`item` must be a list of items".to_owned(),
                "write \"item\": [{\"linkId\": ..., \"answer\": [...]}, ...]",
            );
            return;
        };
        for (at, item) in items.iter().enumerate() {
            self.item(item, &path.join("item").join(at));
        }
    }

    fn item(&mut self, item: &Value, path: &JsonPath) {
        let Some(id) = item.get("linkId").and_then(Value::as_str) else {
            self.problem(
                path,
                "an item has no linkId".to_owned(),
                "give every item the question id it answers as \"linkId\"; `backcare questions` lists them",
            );
            return;
        };
        if self.questionnaire.sections.iter().any(|s| s.id == id) || item.get("answer").is_none() {
            // A section's group, or an item holding others.
            self.items(item, path);
            return;
        }
        if let Some(retired) = self.questionnaire.retired(id) {
            self.retired.push(
                Problem::at(
                    self.source,
                    &path.join("linkId"),
                    format!("`{id}` is no longer asked, so its answer was set aside"),
                )
                .fix(&retired.message)
                .warning(),
            );
            return;
        }
        let answer_path = path.join("answer");
        if self.native.contains_key(id) {
            self.problem(
                &path.join("linkId"),
                format!("`{}` is answered twice", shown(id)),
                "keep one item for each question, with all its answers in it",
            );
            return;
        }
        let Some(answers) = item["answer"].as_array() else {
            self.problem(
                &answer_path,
                format!("the answer to `{}` must be a list", shown(id)),
                "write \"answer\": [{\"valueBoolean\": true}], for example",
            );
            return;
        };
        let mut values = Vec::new();
        for (at, answer) in answers.iter().enumerate() {
            match answer_value(answer) {
                Ok(Some(value)) => values.push(value),
                Ok(None) => {}
                Err(message) => {
                    self.problem(
                        &answer_path.join(at),
                        message,
                        "answer with valueBoolean, valueCoding (the option id as its code) or valueInteger",
                    );
                    return;
                }
            }
        }
        let several = self
            .questionnaire
            .question(id)
            .is_some_and(|q| q.kind == QuestionKind::SeveralOf);
        let value = match values.len() {
            _ if several => Value::Array(values),
            0 => Value::Null,
            1 => values.remove(0),
            count => {
                self.problem(
                    &answer_path,
                    format!("`{}` takes one answer, but the item has {count}", shown(id)),
                    "keep the one answer that is right",
                );
                return;
            }
        };
        self.native.insert(id.to_owned(), value);
        self.places.push((id.to_owned(), path.clone()));
    }
}

/// One FHIR answer in backcare's own form; `None` for "none of these".
fn answer_value(answer: &Value) -> Result<Option<Value>, String> {
    if let Some(value) = answer.get("valueBoolean") {
        return Ok(Some(value.clone()));
    }
    if let Some(value) = answer.get("valueInteger").or(answer.get("valueDecimal")) {
        return Ok(Some(value.clone()));
    }
    if let Some(coding) = answer.get("valueCoding") {
        if coding.get("system").and_then(Value::as_str) == Some(NONE_SYSTEM) {
            return Ok(None);
        }
        return match coding.get("code") {
            Some(code) => Ok(Some(code.clone())),
            None => Err("the valueCoding has no code".to_owned()),
        };
    }
    // A string or another kind is handed on, so the question's own check says what it takes.
    if let Some(value) = answer.get("valueString") {
        return Ok(Some(value.clone()));
    }
    let kind = answer
        .as_object()
        .and_then(|fields| fields.keys().find(|k| k.starts_with("value")))
        .map_or_else(|| "no value".to_owned(), |k| format!("a {k}"));
    Err(format!(
        "the answer has {kind}, which backcare does not read"
    ))
}
