//! The reader of one batch record: a JSON line read against the questionnaire, the quick way
//! straight from the text when it can, else through a JSON tree that says what is wrong.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::output::error_line;
use backcare_engine::answers::Answers;
use backcare_engine::answers_file::parse_value;
use backcare_engine::error::Problem;
use backcare_engine::json::{self, Strict};
use backcare_engine::ruleset::{Questionnaire, RuleSet};
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
