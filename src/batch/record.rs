//! The reader of one batch record: a JSON line read against the questionnaire, the quick way
//! straight from the text when it can, else through a JSON tree that says what is wrong.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::output::error_line;
use backcare_engine::answers::{AnswerValue, Answers, OptionSet};
use backcare_engine::answers_file::parse_value;
use backcare_engine::error::Problem;
use backcare_engine::json::{self, Strict};
use backcare_engine::ruleset::{Question, QuestionKind, Questionnaire, RuleSet};
use backcare_engine::source::Source;

/// A record's id (if it gives one) and answers, read through a JSON tree so that anything wrong
/// is reported in full; the error is the record's output line.
pub(super) fn read_carefully(
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
pub(super) fn read_quickly(
    questionnaire: &Questionnaire,
    text: &str,
) -> Option<(Option<Value>, Answers)> {
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
        while let Some(Borrowed(key)) = map.next_key()? {
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
    /// The same for retired questions.
    retired_seen: Vec<bool>,
}

impl<'q> AnswersReader<'q> {
    fn new(questionnaire: &'q Questionnaire) -> Self {
        AnswersReader {
            questionnaire,
            answers: Answers::with_slots(questionnaire.slot_count()),
            seen: Vec::new(),
            retired_seen: Vec::new(),
        }
    }

    fn seen_any(&self) -> bool {
        !self.seen.is_empty() || !self.retired_seen.is_empty()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, id: &str, map: &mut A) -> Result<(), A::Error> {
        let Some(at) = self.questionnaire.position(id) else {
            let Some(retired) = self.questionnaire.retired_position(id) else {
                return Err(de::Error::custom("unknown question"));
            };
            // Its answer stands for nothing now, as the careful reader has it; still read whole
            // (and once), as the careful reader reads it.
            if self.retired_seen.is_empty() {
                self.retired_seen
                    .resize(self.questionnaire.retired.len(), false);
            }
            if std::mem::replace(&mut self.retired_seen[retired], true) {
                return Err(de::Error::custom("repeated key"));
            }
            map.next_value::<Strict>()?;
            return Ok(());
        };
        if self.seen.is_empty() {
            self.seen.resize(self.questionnaire.questions.len(), false);
        }
        if std::mem::replace(&mut self.seen[at], true) {
            return Err(de::Error::custom("repeated key"));
        }
        let question = &self.questionnaire.questions[at];
        if let Some(value) = map.next_value_seed(QuickValue { question })? {
            self.answers.set_at(self.questionnaire.slot_at(at), value);
        }
        Ok(())
    }
}

/// One answer read straight from the text into its value, with nothing allocated: the value of
/// every usual record. An answer [`parse_value`] would refuse, or one of an unusual shape, is an
/// error, and the careful reader reads the record and says what is wrong.
struct QuickValue<'q> {
    question: &'q Question,
}

impl QuickValue<'_> {
    /// A scalar checked exactly as the careful reader checks it; a scalar `Value` owns nothing.
    fn checked<E: de::Error>(&self, raw: Value) -> Result<Option<AnswerValue>, E> {
        parse_value(self.question, &raw)
            .map(Some)
            .map_err(|(message, _)| E::custom(message))
    }

    fn option<E: de::Error>(&self, id: &str) -> Result<usize, E> {
        self.question
            .option_position(id)
            .ok_or_else(|| E::custom("unknown option"))
    }
}

impl<'de> DeserializeSeed<'de> for QuickValue<'_> {
    type Value = Option<AnswerValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for QuickValue<'_> {
    type Value = Option<AnswerValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        self.checked(Value::Bool(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.checked(Value::from(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.checked(Value::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // A float JSON cannot hold (it never parses as one) is left to the careful reader.
        let number = serde_json::Number::from_f64(value).ok_or_else(|| E::custom("not finite"))?;
        self.checked(Value::Number(number))
    }

    fn visit_str<E: de::Error>(self, chosen: &str) -> Result<Self::Value, E> {
        match self.question.kind {
            QuestionKind::OneOf => Ok(Some(AnswerValue::Choice(self.option(chosen)?))),
            _ => Err(E::custom("not a one-of question")),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        if self.question.kind != QuestionKind::SeveralOf {
            return Err(de::Error::custom("not a several-of question"));
        }
        let mut chosen = OptionSet::default();
        while let Some(Borrowed(id)) = items.next_element()? {
            chosen = chosen.with(self.option(id)?);
        }
        Ok(Some(AnswerValue::Choices(chosen)))
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
        while let Some(Borrowed(key)) = map.next_key()? {
            self.read(key, &mut map)?;
        }
        Ok(self.answers)
    }
}

/// A key or an option id as it stands in the text; one with escapes is left to the careful
/// reader.
struct Borrowed<'de>(&'de str);

impl<'de> Deserialize<'de> for Borrowed<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de str>::deserialize(deserializer).map(Borrowed)
    }
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
            r#"{"fall_or_impact": true, "fever": false}"#,
            r#"{"fall_or_impact": true, "fall_or_impact": {"a": 1}}"#,
            r#"{"fall_or_impact": {"a": 1, "a": 2}}"#,
            r#"{"id": 1, "answers": {"fall_or_impact": "anything"}}"#,
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
