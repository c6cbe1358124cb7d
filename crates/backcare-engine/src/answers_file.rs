//! Answers as a file holds them: read against the questionnaire with every problem placed at its
//! line and column, and written back in questionnaire order; and an answer in words.

use serde::Serialize;
use serde_json::Value;

use crate::answers::{AnswerProblem, AnswerValue, Answers, OptionSet};
use crate::error::{shown, Error, Problem, MOST_PROBLEMS};
use crate::json;
use crate::ruleset::{Question, QuestionKind, Questionnaire};
use crate::source::{JsonPath, Source};
use crate::suggest::did_you_mean;

/// An answer as an answers file writes it: `true`, `"sudden"`, `["chair"]`, `34`.
pub struct Written<'a>(pub &'a Question, pub &'a AnswerValue);

impl Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Written(question, answer) = *self;
        let option_id = |at: usize| question.options.get(at).map_or("", |o| o.id.as_str());
        match *answer {
            AnswerValue::YesNo(value) => serializer.serialize_bool(value),
            AnswerValue::Choice(at) => serializer.serialize_str(option_id(at)),
            AnswerValue::Choices(set) => serializer.collect_seq(set.positions().map(option_id)),
            // Whole numbers are written as 34, not 34.0, so saved files read as a person wrote them.
            AnswerValue::Number(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                serializer.serialize_i64(number as i64)
            }
            AnswerValue::Number(number) => serializer.serialize_f64(number),
        }
    }
}

impl Answers {
    /// The answers as a JSON object, in questionnaire order, in the format
    /// `backcare assess --answers` reads.
    pub fn to_json(&self, questionnaire: &Questionnaire) -> String {
        struct InOrder<'a>(&'a Answers, &'a Questionnaire);
        impl Serialize for InOrder<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let InOrder(answers, questionnaire) = *self;
                serializer.collect_map(questionnaire.questions.iter().filter_map(|q| {
                    let answer = answers.get(&q.id)?;
                    Some((&q.id, Written(q, answer)))
                }))
            }
        }
        let mut text = serde_json::to_string_pretty(&InOrder(self, questionnaire))
            .expect("answers always serialise");
        text.push('\n');
        text
    }

    /// Reads an answers file, or a FHIR QuestionnaireResponse, reporting every problem in it with
    /// its line and column. Answers to retired questions come back as warnings that say what
    /// replaced them.
    pub fn from_source(
        source: &Source,
        questionnaire: &Questionnaire,
    ) -> Result<(Self, Vec<Problem>), Error> {
        let value = json::parse(source).map_err(|problem| Error::Answers(vec![problem]))?;
        if crate::fhir::is_resource(&value) {
            return crate::fhir::read_response(source, &value, questionnaire);
        }
        let mut retired: Vec<Problem> = value
            .as_object()
            .into_iter()
            .flat_map(|entries| entries.keys())
            .filter_map(|id| questionnaire.retired(id))
            .map(|retired| {
                let at = JsonPath::root().join(retired.id.as_str());
                Problem::at(
                    source,
                    &at,
                    format!(
                        "`{}` is no longer asked, so its answer was set aside",
                        retired.id
                    ),
                )
                .fix(&retired.message)
                .warning()
            })
            .collect();
        retired.sort_by_key(|p| (p.line, p.column));
        let answers = Self::from_value(&value, questionnaire).map_err(|problems| {
            let mut located: Vec<Problem> = problems
                .into_iter()
                .map(|p| {
                    let at = p
                        .question
                        .as_deref()
                        .map_or_else(JsonPath::root, |q| JsonPath::root().join(q));
                    Problem::at(source, &at, p.message).fix(p.fix)
                })
                .chain(retired.iter().cloned())
                .collect();
            // In file order, as a person reads down the file fixing them; a retired answer's
            // warning among them, so one pass over the file mends everything.
            located.sort_by_key(|p| (p.line, p.column));
            Error::Answers(located)
        })?;
        Ok((answers, retired))
    }

    /// Checks a JSON object of answers against the questionnaire; `null` means unanswered.
    pub fn from_value(
        value: &Value,
        questionnaire: &Questionnaire,
    ) -> Result<Self, Vec<AnswerProblem>> {
        let Value::Object(entries) = value else {
            return Err(vec![AnswerProblem {
                question: None,
                message: "the answers must be a JSON object".to_owned(),
                fix: "write {\"question_id\": answer, ...}; `backcare questions` lists the ids"
                    .to_owned(),
            }]);
        };
        let mut answers = Answers::to(questionnaire.ids());
        let mut problems = Vec::new();
        for (id, raw) in entries {
            if questionnaire.retired(id).is_some() {
                // Its meaning changed: the answer can't stand for the new question, which stays
                // unanswered (so a warning-sign question left open keeps the screen incomplete).
                continue;
            }
            let Some(question) = questionnaire.question(id) else {
                let known = questionnaire.questions.iter().map(|q| q.id.as_str());
                // Past the problems that are shown, a guess would cost time and help no one.
                let guess = (problems.len() < MOST_PROBLEMS)
                    .then(|| did_you_mean(id, known))
                    .flatten();
                let fix = match guess {
                    Some(close) => {
                        format!("did you mean `{close}`? `backcare questions` lists the ids")
                    }
                    None => "remove it, or check the id with `backcare questions`".to_owned(),
                };
                problems.push(AnswerProblem {
                    question: Some(id.clone()),
                    message: format!("unknown question `{}`", shown(id)),
                    fix,
                });
                continue;
            };
            if raw.is_null() {
                continue;
            }
            match parse_value(question, raw) {
                Ok(value) => answers.set(id, value),
                Err((message, fix)) => problems.push(AnswerProblem {
                    question: Some(id.clone()),
                    message,
                    fix,
                }),
            }
        }
        if problems.is_empty() {
            Ok(answers)
        } else {
            Err(problems)
        }
    }
}

/// An answer as a person would say it: "yes", an option's label, a number with its unit.
pub fn answer_text(question: &Question, answer: &AnswerValue) -> String {
    let label = |at: usize| question.options.get(at).map_or("", |o| o.label.as_str());
    match answer {
        AnswerValue::YesNo(true) => "yes".to_owned(),
        AnswerValue::YesNo(false) => "no".to_owned(),
        AnswerValue::Choice(at) => label(*at).to_owned(),
        AnswerValue::Choices(options) if options.is_empty() => "none".to_owned(),
        AnswerValue::Choices(options) => options
            .positions()
            .map(label)
            .collect::<Vec<_>>()
            .join(", "),
        AnswerValue::Number(number) => {
            let unit = question.unit.as_deref().unwrap_or("");
            match unit {
                "" => number_text(*number),
                "0-10" => format!("{} out of 10", number_text(*number)),
                unit => format!("{} {unit}", number_text(*number)),
            }
        }
    }
}

pub fn number_text(number: f64) -> String {
    if number.fract() == 0.0 {
        format!("{number:.0}")
    } else {
        format!("{number}")
    }
}

/// Checks one raw value against its question; the error is (what is wrong, what to do).
pub fn parse_value(question: &Question, raw: &Value) -> Result<AnswerValue, (String, String)> {
    let id = &question.id;
    let options = || {
        question
            .options
            .iter()
            .map(|o| format!("\"{}\"", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let position = |chosen: &str| -> Result<usize, (String, String)> {
        question.option_position(chosen).ok_or_else(|| {
            (
                format!("`{id}` has no option \"{}\"", shown(chosen)),
                format!("use one of {}", options()),
            )
        })
    };
    match (question.kind, raw) {
        (QuestionKind::YesNo, Value::Bool(value)) => Ok(AnswerValue::YesNo(*value)),
        (QuestionKind::YesNo, other) => Err((
            format!(
                "`{id}` is a yes/no question, but the answer is {}",
                shown(other)
            ),
            "answer true or false (without quotes), or null if you don't know".to_owned(),
        )),
        (QuestionKind::OneOf, Value::String(chosen)) => Ok(AnswerValue::Choice(position(chosen)?)),
        (QuestionKind::OneOf, other) => Err((
            format!(
                "`{id}` takes one option, but the answer is {}",
                shown(other)
            ),
            format!("answer with one of {}", options()),
        )),
        (QuestionKind::SeveralOf, Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(option) => position(option),
                _ => Err((
                    format!(
                        "`{id}` lists options, but {} is not an option id",
                        shown(item)
                    ),
                    format!("use a list of option ids, such as [{}]", options()),
                )),
            })
            .collect::<Result<OptionSet, _>>()
            .map(AnswerValue::Choices),
        (QuestionKind::SeveralOf, other) => Err((
            format!(
                "`{id}` takes a list of options, but the answer is {}",
                shown(other)
            ),
            format!("use a list such as [{}], or [] for none", options()),
        )),
        (QuestionKind::Number, Value::Number(number)) => {
            let value = number.as_f64().unwrap_or(f64::NAN);
            if question.takes_number(value) {
                return Ok(AnswerValue::Number(value));
            }
            let (min, max) = (
                question.min.unwrap_or(f64::MIN),
                question.max.unwrap_or(f64::MAX),
            );
            if value.fract() != 0.0 {
                Err((
                    format!("`{id}` takes a whole number, but the answer is {number}"),
                    format!(
                        "give a whole number from {min} to {max} ({}), such as {}",
                        question.unit.as_deref().unwrap_or(""),
                        value.round().clamp(min, max)
                    ),
                ))
            } else if let (true, Some(message)) = (value < min, &question.below_min) {
                Err((
                    message.clone(),
                    format!("backcare can't assess answers with `{id}` below {min}"),
                ))
            } else {
                Err((
                    format!("`{id}` is {value}, outside the range {min} to {max}"),
                    format!(
                        "give a number from {min} to {max} ({})",
                        question.unit.as_deref().unwrap_or("")
                    ),
                ))
            }
        }
        (QuestionKind::Number, other) => Err((
            format!("`{id}` takes a number, but the answer is {}", shown(other)),
            "write the number without quotes".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    #[test]
    fn saved_answers_read_in_questionnaire_order_and_load_back_the_same() {
        let rules = RuleSet::embedded().unwrap();
        let questionnaire = &rules.questionnaire;
        let given = serde_json::json!({"minutes_available": 10, "equipment": ["chair"], "fever": false, "age": 34});
        let answers = Answers::from_value(&given, questionnaire).unwrap();
        let text = answers.to_json(questionnaire);
        let at = |id: &str| text.find(&format!("\"{id}\"")).unwrap();
        let place = |id: &str| questionnaire.position(id).unwrap();
        let mut ids = ["minutes_available", "equipment", "fever", "age"];
        ids.sort_by_key(|id| place(id));
        assert!(
            ids.windows(2).all(|pair| at(pair[0]) < at(pair[1])),
            "{text}"
        );
        let again: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again, given);
        assert_eq!(Answers::from_value(&again, questionnaire).unwrap(), answers);
    }
}
