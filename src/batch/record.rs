//! The reader of one batch record: a JSON line read against the questionnaire, the quick way
//! straight from the text when it can, else through a JSON tree that says what is wrong.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::output::error_line;
use backcare_engine::answers::{AnswerValue, Answers, OptionSet};
use backcare_engine::error::Problem;
use backcare_engine::json::{self, Strict};
use backcare_engine::ruleset::{Question, QuestionKind, Questionnaire, RuleSet};
use backcare_engine::slot::SlotSet;
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

/// The fast way to read a usual record: answers straight from the text into `answers` (made for
/// this questionnaire, and reused from record to record), with keys borrowed and no JSON tree
/// built, which is most of the cost of a batch. It gives the record's id, if any. It takes only
/// what the careful way would accept unchanged; anything else gives `None`, and the careful way
/// reads the record and says what is wrong with it.
pub(super) fn read_quickly(
    questionnaire: &Questionnaire,
    text: &str,
    answers: &mut Answers,
) -> Option<Option<Value>> {
    answers.clear();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let id = deserializer
        .deserialize_map(RecordVisitor {
            questionnaire,
            answers,
        })
        .ok()?;
    deserializer.end().ok()?;
    id
}

struct RecordVisitor<'q, 'a> {
    questionnaire: &'q Questionnaire,
    answers: &'a mut Answers,
}

impl<'de> Visitor<'de> for RecordVisitor<'_, '_> {
    /// The record's id, if any; `None` for a record of a shape left to the careful reader.
    type Value = Option<Option<Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let mut wrapped = false;
        let mut reader = AnswersReader::new(self.questionnaire, self.answers);
        while let Some(Borrowed(key)) = map.next_key()? {
            match key {
                "id" if id.is_none() => id = Some(map.next_value::<Strict>()?.0),
                // The answers of both shapes go into the same place, so a record that mixes
                // them is left to the careful reader below.
                "answers" if !wrapped && !reader.seen_any() => {
                    wrapped = true;
                    map.next_value_seed(&mut reader)?;
                }
                "id" | "answers" => return Err(de::Error::custom("repeated key")),
                _ if wrapped => return Err(de::Error::custom("answers beside `answers`")),
                question => reader.read(question, &mut map)?,
            }
        }
        // {"id": ..., "answers": {...}} or the answers alone.
        Ok((wrapped || id.is_none()).then_some(id))
    }
}

/// Reads answers one key at a time, each checked as [`Answers::from_value`] checks it.
struct AnswersReader<'q, 'a> {
    questionnaire: &'q Questionnaire,
    answers: &'a mut Answers,
    /// Questions already given (answered or null), to refuse a repeated key.
    seen: SlotSet,
    /// The same for retired questions, by their place in the questionnaire's list of them.
    retired_seen: Vec<bool>,
    /// The slot after the last question read: keys usually come in questionnaire order, so this
    /// is tried before the index.
    next: usize,
}

impl<'q, 'a> AnswersReader<'q, 'a> {
    fn new(questionnaire: &'q Questionnaire, answers: &'a mut Answers) -> Self {
        AnswersReader {
            questionnaire,
            answers,
            seen: SlotSet::default(),
            retired_seen: Vec::new(),
            next: 0,
        }
    }

    fn seen_any(&self) -> bool {
        !self.seen.is_empty() || !self.retired_seen.is_empty()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, id: &str, map: &mut A) -> Result<(), A::Error> {
        let questions = &self.questionnaire.questions;
        let at = match questions.get(self.next) {
            Some(question) if question.id == id => Some(self.next),
            _ => self.questionnaire.position(id),
        };
        let Some(at) = at else {
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
        if self.seen.contains(at) {
            return Err(de::Error::custom("repeated key"));
        }
        self.seen.insert(at);
        self.next = at + 1;
        let question = &questions[at];
        if let Some(value) = map.next_value_seed(QuickValue { question })? {
            self.answers.set_at(at, value);
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
    fn number<E: de::Error>(&self, value: f64) -> Result<Option<AnswerValue>, E> {
        match self.question.kind {
            QuestionKind::Number if self.question.takes_number(value) => {
                Ok(Some(AnswerValue::Number(value)))
            }
            _ => Err(E::custom("not an answer this question takes")),
        }
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
        match self.question.kind {
            QuestionKind::YesNo => Ok(Some(AnswerValue::YesNo(value))),
            _ => Err(E::custom("not a yes/no question")),
        }
    }

    // A number is read as the careful reader reads it: as JSON's number, then as a float.
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.number(value as f64)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.number(value as f64)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.number(value)
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

impl<'de> DeserializeSeed<'de> for &mut AnswersReader<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut AnswersReader<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answers object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Borrowed(key)) = map.next_key()? {
            self.read(key, &mut map)?;
        }
        Ok(())
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
        // One set of answers for every line, as a batch reads them.
        let mut answers = Answers::to(rules.questionnaire.ids());
        for line in &lines {
            let careful = read_carefully(&rules, 1, line).ok();
            if let Some(id) = read_quickly(&rules.questionnaire, line, &mut answers) {
                quick += 1;
                assert_eq!(Some((id, answers.clone())), careful, "{line}");
            }
        }
        assert!(quick >= 500, "usual records take the quick way ({quick})");
    }
}
