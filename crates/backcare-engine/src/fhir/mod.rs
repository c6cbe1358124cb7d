//! The questionnaire and answers in the form clinics exchange them: HL7 FHIR R4. The questionnaire
//! becomes a `Questionnaire` resource (one group per section, linkIds = question ids), answers
//! become a `QuestionnaireResponse`, and a `QuestionnaireResponse` is read back into answers with
//! every problem placed at its line, as an answers file's are. Pure data, like the rest of the
//! engine: the program adds the date and writes the files.

use serde_json::{json, Map, Value};

use crate::answers::{AnswerValue, Answers};
use crate::answers_file::AnswerProblem;
use crate::condition::Condition;
use crate::error::{shown, Error, Problem};
use crate::ruleset::{Question, QuestionKind, Questionnaire};
use crate::source::{JsonPath, Source};

/// The canonical address of backcare's questionnaire, which a response names.
pub const QUESTIONNAIRE_URL: &str = "https://backcare.invalid/fhir/Questionnaire/backcare";
/// Carries an `ask_when` that `enableWhen` cannot say, as the condition's JSON.
pub const ASK_WHEN_EXTENSION: &str = "https://backcare.invalid/fhir/StructureDefinition/ask-when";
/// The code system of the one answer that means "none of these" for a question of several
/// options, which FHIR otherwise has no way to tell from no answer at all.
pub const NONE_SYSTEM: &str = "https://backcare.invalid/fhir/CodeSystem/none-of-these";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

/// Whether a parsed file is a FHIR resource rather than backcare's own answers.
pub fn is_resource(value: &Value) -> bool {
    value.get("resourceType").is_some()
}

/// The questionnaire as a FHIR R4 `Questionnaire`.
pub fn questionnaire_resource(questionnaire: &Questionnaire) -> Value {
    let groups: Vec<Value> = questionnaire
        .sections
        .iter()
        .map(|section| {
            let items: Vec<Value> = questionnaire
                .questions
                .iter()
                .filter(|q| q.section == section.id)
                .map(|q| question_item(questionnaire, q))
                .collect();
            json!({"linkId": section.id, "text": section.title, "type": "group", "item": items})
        })
        .filter(|group| {
            group["item"]
                .as_array()
                .is_some_and(|items| !items.is_empty())
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "id": "backcare",
        "url": QUESTIONNAIRE_URL,
        "name": "BackcareMidUpperBackPain",
        "title": "backcare: mid and upper back pain",
        "status": "active",
        "subjectType": ["Patient"],
        "item": groups,
    })
}

fn question_item(questionnaire: &Questionnaire, question: &Question) -> Value {
    let mut item = Map::new();
    item.insert("linkId".into(), json!(question.id));
    item.insert("text".into(), json!(question.text));
    let kind = match question.kind {
        QuestionKind::YesNo => "boolean",
        QuestionKind::OneOf | QuestionKind::SeveralOf => "choice",
        QuestionKind::Number => "integer",
    };
    item.insert("type".into(), json!(kind));
    if question.kind == QuestionKind::SeveralOf {
        item.insert("repeats".into(), json!(true));
    }
    let mut options: Vec<Value> = question
        .options
        .iter()
        .map(|o| json!({"valueCoding": {"code": o.id, "display": o.label}}))
        .collect();
    if question.kind == QuestionKind::SeveralOf {
        options.push(json!({"valueCoding": none_of_these()}));
    }
    if !options.is_empty() {
        item.insert("answerOption".into(), Value::Array(options));
    }
    let mut extensions = Vec::new();
    for (url, bound) in [(MIN_VALUE, question.min), (MAX_VALUE, question.max)] {
        if let Some(bound) = bound {
            extensions.push(json!({"url": url, "valueInteger": bound as i64}));
        }
    }
    if let Some(condition) = &question.ask_when {
        match enable_when(questionnaire, condition) {
            Some((checks, behavior)) => {
                item.insert("enableWhen".into(), Value::Array(checks));
                if let Some(behavior) = behavior {
                    item.insert("enableBehavior".into(), json!(behavior));
                }
            }
            None => extensions.push(json!({
                "url": ASK_WHEN_EXTENSION,
                "valueString": serde_json::to_string(condition).expect("a condition serialises"),
            })),
        }
    }
    if !extensions.is_empty() {
        item.insert("extension".into(), Value::Array(extensions));
    }
    // The help text as a display item inside the question, where form tools show it.
    item.insert(
        "item".into(),
        json!([{"linkId": format!("{}.help", question.id), "text": question.help, "type": "display"}]),
    );
    Value::Object(item)
}

fn none_of_these() -> Value {
    json!({"system": NONE_SYSTEM, "code": "none", "display": "None of these"})
}

/// `ask_when` as `enableWhen`, when it can be said so: one test, one negated test of an option
/// or yes/no answer, or all or any of such tests. Anything else is `None`.
fn enable_when(
    questionnaire: &Questionnaire,
    condition: &Condition,
) -> Option<(Vec<Value>, Option<&'static str>)> {
    let (leaves, behavior) = match condition {
        Condition::All(items) => (items.iter().collect(), Some("all")),
        Condition::Any(items) => (items.iter().collect(), Some("any")),
        single => (vec![single], None),
    };
    let checks = leaves
        .into_iter()
        .map(|leaf| enable_check(questionnaire, leaf))
        .collect::<Option<Vec<Value>>>()?;
    let behavior = behavior.filter(|_| checks.len() > 1);
    Some((checks, behavior))
}

fn enable_check(questionnaire: &Questionnaire, condition: &Condition) -> Option<Value> {
    let coding = |question: &str, option: &str| {
        let label = questionnaire
            .question(question)
            .map_or(option, |q| q.option_label(option));
        json!({"code": option, "display": label})
    };
    let check = |question: &str, operator: &str, key: &str, value: Value| json!({"question": question, "operator": operator, key: value});
    Some(match condition {
        Condition::Yes(q) => check(q, "=", "answerBoolean", json!(true)),
        Condition::No(q) => check(q, "=", "answerBoolean", json!(false)),
        Condition::Is(t) | Condition::Includes(t) => check(
            &t.question,
            "=",
            "answerCoding",
            coding(&t.question, &t.option),
        ),
        Condition::AtLeast(t) if t.value.fract() == 0.0 => {
            check(&t.question, ">=", "answerInteger", json!(t.value as i64))
        }
        Condition::Below(t) if t.value.fract() == 0.0 => {
            check(&t.question, "<", "answerInteger", json!(t.value as i64))
        }
        Condition::Answered(q) => check(q, "exists", "answerBoolean", json!(true)),
        // FHIR's != holds when no answer equals the value, unanswered included: as backcare,
        // which asks a question whose condition is still open.
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Yes(q) => check(q, "!=", "answerBoolean", json!(true)),
            Condition::No(q) => check(q, "!=", "answerBoolean", json!(false)),
            Condition::Is(t) | Condition::Includes(t) => check(
                &t.question,
                "!=",
                "answerCoding",
                coding(&t.question, &t.option),
            ),
            _ => return None,
        },
        _ => return None,
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::condition::{NumberTest, OptionTest};
    use crate::slot::QuestionRef;
    use crate::RuleSet;

    #[test]
    fn answers_survive_the_round_trip_through_a_response() {
        let rules = RuleSet::embedded().unwrap();
        let q = &rules.questionnaire;
        let given = json!({"age": 34, "sex": "female", "equipment": [], "clot_risk": ["swollen_calf", "past_clot"], "fever": false});
        let answers = Answers::from_value(&given, q).unwrap();
        let text = serde_json::to_string_pretty(&response_resource(&answers, q, None)).unwrap();
        let source = Source::new("response.json", text);
        let value: Value = serde_json::from_str(&source.text).unwrap();
        let (back, retired) = read_response(&source, &value, q).unwrap();
        assert_eq!(back, answers);
        assert!(retired.is_empty());
    }

    #[test]
    fn a_wrong_answer_is_placed_at_its_line_with_the_native_message() {
        let rules = RuleSet::embedded().unwrap();
        let text = r#"{
  "resourceType": "QuestionnaireResponse",
  "status": "completed",
  "item": [
    {"linkId": "fever", "answer": [{"valueString": "maybe"}]}
  ]
}"#;
        let source = Source::new("response.json", text);
        let value: Value = serde_json::from_str(text).unwrap();
        let Err(Error::Answers(problems)) = read_response(&source, &value, &rules.questionnaire)
        else {
            panic!("a string for a yes/no question must be refused");
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].message.contains("yes/no"), "{problems:?}");
    }

    #[test]
    fn conditions_enable_when_cannot_say_are_kept_in_an_extension() {
        let rules = RuleSet::embedded().unwrap();
        let number = |value| NumberTest {
            question: QuestionRef::new("age"),
            value,
        };
        let option = OptionTest {
            question: QuestionRef::new("sex"),
            option: "male".into(),
            position: None,
        };
        let q = &rules.questionnaire;
        assert!(enable_when(q, &Condition::AtLeast(number(50.0))).is_some());
        assert!(enable_when(q, &Condition::Not(Box::new(Condition::Is(option)))).is_some());
        let nested = Condition::All(vec![
            Condition::AtLeast(number(50.0)),
            Condition::Any(vec![Condition::Yes(QuestionRef::new("fever"))]),
        ]);
        assert!(enable_when(q, &nested).is_none());
        assert!(enable_when(q, &Condition::AtLeast(number(50.5))).is_none());
    }
}
