//! The quick reader of a batch record: one pass over the bytes of a line for the shape nearly
//! every record has, an object of answers (or `{"id": ..., "answers": {...}}`) whose values are
//! `true`, `false`, `null`, whole numbers, option ids and lists of them, with keys and strings
//! free of escapes. Anything else, whether unusual or wrong, is left to the careful reader
//! (serde_json through a JSON tree, [`super::record::read_carefully`]), which reads it again and
//! says what is wrong; so whatever this reader takes, it takes exactly as the careful one would
//! (a test holds it to that on records cut and changed at every byte).
//!
//! Why by hand, beside serde_json: reading was two thirds of a batch's time, most of it spent in
//! the general machinery of a deserializer (visitors, seeds, error paths) on records that never
//! need it. The grammar here is small enough to read whole.

use serde_json::Value;

use backcare_engine::answers::{AnswerValue, Answers, OptionSet, SlotSet};
use backcare_engine::ruleset::{Question, QuestionKind, Questionnaire};

/// The quick reader of one worker. It keeps from record to record the answers it fills and the
/// order keys came in, so that each key of the next record is guessed before it is looked up:
/// exports write their columns in one order, so most guesses hold.
pub(super) struct QuickReader<'q> {
    questionnaire: &'q Questionnaire,
    answers: Answers,
    /// For the start of a record (0) and after each question (its slot + 1): the slot of the key
    /// that came next last time.
    following: Vec<usize>,
}

impl<'q> QuickReader<'q> {
    pub(super) fn new(questionnaire: &'q Questionnaire) -> Self {
        QuickReader {
            questionnaire,
            answers: Answers::to(questionnaire.ids()),
            following: vec![0; questionnaire.questions.len() + 1],
        }
    }

    /// Reads a usual record and gives its id, if it has one (its answers are then
    /// [`QuickReader::answers`]); `None` leaves the record to the careful reader.
    pub(super) fn read(&mut self, text: &str) -> Option<Option<Value>> {
        self.answers.clear();
        let mut record = Record {
            text,
            at: 0,
            questionnaire: self.questionnaire,
            answers: &mut self.answers,
            seen: SlotSet::default(),
            retired_seen: Vec::new(),
            following: &mut self.following,
            previous: 0,
        };
        let id = record.top()?;
        record.space();
        (record.at == text.len()).then_some(id)
    }

    /// The answers of the record last read.
    pub(super) fn answers(&self) -> &Answers {
        &self.answers
    }
}

struct Record<'t, 'a> {
    text: &'t str,
    at: usize,
    questionnaire: &'t Questionnaire,
    answers: &'a mut Answers,
    /// Questions already given (answered or null), to leave a repeated key to the careful reader.
    seen: SlotSet,
    /// The same for retired questions, by their place in the questionnaire's list of them.
    retired_seen: Vec<bool>,
    /// See [`QuickReader`]; `previous` is the place in it of the last question read.
    following: &'a mut Vec<usize>,
    previous: usize,
}

impl<'t> Record<'t, '_> {
    /// The record object; gives its id. `{"id": ..., "answers": {...}}` or the answers alone: a
    /// mix of the two is for the careful reader.
    fn top(&mut self) -> Option<Option<Value>> {
        let mut id = None;
        let mut wrapped = false;
        self.object(|record, key| {
            match key {
                "id" if id.is_none() => id = Some(record.id()?),
                "answers" if !wrapped && !record.seen_any() => {
                    wrapped = true;
                    record.object(|record, key| record.answer(key))?;
                }
                "id" | "answers" => return None,
                _ if wrapped => return None,
                question => record.answer(question)?,
            }
            Some(())
        })?;
        (wrapped || id.is_none()).then_some(id)
    }

    /// An object, calling `member` with each key once the reader stands at its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'t str) -> Option<()>) -> Option<()> {
        self.space();
        self.items(b'{', b'}', |record| {
            let key = record.name()?;
            record.space();
            record.expect(b':')?;
            record.space();
            member(record, key)
        })
    }

    /// A list of strings, calling `item` on each.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.items(b'[', b']', |record| {
            if record.peek() != Some(b'"') {
                return None;
            }
            item(record)
        })
    }

    /// What stands between `open` and `close`, separated by commas: `item` reads each.
    fn items(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.expect(open)?;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Some(());
        }
        loop {
            self.space();
            item(self)?;
            self.space();
            match self.bump()? {
                b',' => {}
                byte if byte == close => return Some(()),
                _ => return None,
            }
        }
    }

    fn seen_any(&self) -> bool {
        !self.seen.is_empty() || !self.retired_seen.is_empty()
    }

    /// The record's id: a plain string or a whole number written as one (`3`, not `3.0`, which
    /// the careful reader holds as a float), as the careful reader would hold it.
    fn id(&mut self) -> Option<Value> {
        if self.peek()? == b'"' {
            return self.string().map(Value::from);
        }
        let digits = self.digits();
        if !plain_whole(digits) || matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        digits.parse::<u64>().ok().map(Value::from)
    }

    /// The answer to question `key`, checked as [`Answers::from_value`] checks it.
    fn answer(&mut self, key: &str) -> Option<()> {
        let questions = &self.questionnaire.questions;
        let guess = self.following[self.previous];
        let at = match questions.get(guess) {
            Some(question) if question.id == key => Some(guess),
            _ => self.questionnaire.position(key),
        };
        let Some(at) = at else {
            // A retired question's answer stands for nothing now, as the careful reader has it;
            // it is still read whole, and once.
            let retired = self.questionnaire.retired_position(key)?;
            if self.retired_seen.is_empty() {
                self.retired_seen
                    .resize(self.questionnaire.retired.len(), false);
            }
            if std::mem::replace(&mut self.retired_seen[retired], true) {
                return None;
            }
            return self.any_value();
        };
        if self.seen.contains(at) {
            return None;
        }
        self.seen.insert(at);
        self.following[self.previous] = at;
        self.previous = at + 1;
        if let Some(value) = self.value(&questions[at])? {
            self.answers.set_at(at, value);
        }
        Some(())
    }

    /// A value `question` takes; `Some(None)` for null.
    fn value(&mut self, question: &Question) -> Option<Option<AnswerValue>> {
        let value = match (self.peek()?, question.kind) {
            (b'n', _) => return self.word("null").map(|()| None),
            (b't', QuestionKind::YesNo) => self.word("true").map(|()| AnswerValue::YesNo(true)),
            (b'f', QuestionKind::YesNo) => self.word("false").map(|()| AnswerValue::YesNo(false)),
            (b'"', QuestionKind::OneOf) => {
                let chosen = self.name()?;
                question.option_position(chosen).map(AnswerValue::Choice)
            }
            (b'[', QuestionKind::SeveralOf) => {
                let mut chosen = OptionSet::default();
                self.list(|record| {
                    let id = record.name()?;
                    chosen = chosen.with(question.option_position(id)?);
                    Some(())
                })?;
                Some(AnswerValue::Choices(chosen))
            }
            (_, QuestionKind::Number) => {
                // Read as the careful reader reads it: as JSON's number, then as a float.
                let number = self.whole_number()? as f64;
                question
                    .takes_number(number)
                    .then_some(AnswerValue::Number(number))
            }
            _ => None,
        }?;
        Some(Some(value))
    }

    /// Any value of this reader's grammar, read and set aside.
    fn any_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'n' => self.word("null"),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'"' => self.string().map(drop),
            b'[' => self.list(|record| record.string().map(drop)),
            _ => self.whole_number().map(drop),
        }
    }

    /// A string with no escapes and no control characters, without its quotes: one whose text
    /// is kept or set aside.
    fn string(&mut self) -> Option<&'t str> {
        let content = self.name()?;
        // Folded without stopping early, so that it runs over whole words of bytes.
        let unusual = content.bytes().fold(false, |unusual, byte| {
            unusual | (byte == b'\\') | (byte < 0x20)
        });
        (!unusual).then_some(content)
    }

    /// The text between a string's quotes, as it stands: for a key or an option, which counts
    /// only when it is the id of a question or option. Ids hold no escapes and no control
    /// characters (the rule check makes sure), so one that does never matches, and the careful
    /// reader takes the record.
    fn name(&mut self) -> Option<&'t str> {
        self.expect(b'"')?;
        let start = self.at;
        let length = memchr::memchr(b'"', &self.text.as_bytes()[start..])?;
        self.at = start + length + 1;
        Some(&self.text[start..start + length])
    }

    /// A whole number of at most 15 digits, with no sign or exponent and a fraction of zeros if
    /// any (`3` or `3.0`): exact as a float, and read by serde_json as the same number.
    fn whole_number(&mut self) -> Option<u64> {
        let digits = self.digits();
        let plain = plain_whole(digits);
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = self.digits();
            if fraction.is_empty() || fraction.bytes().any(|digit| digit != b'0') {
                return None;
            }
        }
        // An exponent makes it a number of another shape.
        if !plain || matches!(self.peek(), Some(b'e' | b'E')) {
            return None;
        }
        digits.parse().ok()
    }

    fn digits(&mut self) -> &'t str {
        let bytes = self.text.as_bytes();
        let start = self.at;
        while bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let rest = self.text.get(self.at..)?;
        rest.starts_with(word).then(|| self.at += word.len())?;
        // `truex` and the like are not words of JSON.
        match self.peek() {
            Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') | None => Some(()),
            _ => None,
        }
    }

    fn space(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bump()? == byte).then_some(())
    }
}

/// Digits JSON allows for a whole number (no leading zero), few enough to be exact as a float.
fn plain_whole(digits: &str) -> bool {
    digits.len() == 1 || (2..=15).contains(&digits.len()) && !digits.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::super::record::read_carefully;
    use super::*;
    use crate::sample;
    use backcare_engine::ruleset::RuleSet;

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
        // One reader for every line, as a batch reads them.
        let mut reader = QuickReader::new(&rules.questionnaire);
        for line in &lines {
            let careful = read_carefully(&rules, 1, line).ok();
            if let Some(id) = reader.read(line) {
                quick += 1;
                assert_eq!(Some((id, reader.answers().clone())), careful, "{line}");
            }
        }
        assert!(quick >= 500, "usual records take the quick way ({quick})");
    }

    /// Records cut short at every byte, and with a byte changed at every place into one that
    /// matters to JSON: whatever the quick reader takes of them, the careful one takes alike.
    #[test]
    fn records_cut_and_changed_anywhere_are_taken_alike_or_left_to_the_careful_reader() {
        let rules = RuleSet::embedded().unwrap();
        let mut lines: Vec<String> = sample::records(&rules, 3, 3)
            .map(|record| record.to_string())
            .collect();
        lines.extend(
            [
                r#"{"id": 12, "answers": {"age": 40, "fever": false, "onset": "sudden"}}"#,
                r#"{ "age" : 7.00 , "equipment" : [ "chair" , "stool" ] , "fall_or_impact" : [] }"#,
                r#"{"id":"a b","answers":{"phone_hours_per_day":10,"sex":null}}"#,
            ]
            .map(str::to_owned),
        );
        let changes = [
            b' ', b'"', b'\\', b'.', b'e', b'-', b'0', b'9', b'}', b'{', b',', b':', b'[', b']',
            b'x', b'\t', 0x01,
        ];
        let mut reader = QuickReader::new(&rules.questionnaire);
        let mut taken = 0;
        let mut try_line = |line: &str| {
            if let Some(id) = reader.read(line) {
                taken += 1;
                let careful = read_carefully(&rules, 1, line).ok();
                assert_eq!(Some((id, reader.answers().clone())), careful, "{line}");
            }
        };
        for line in &lines {
            for cut in (0..line.len()).filter(|at| line.is_char_boundary(*at)) {
                try_line(&line[..cut]);
            }
            for at in 0..line.len() {
                for change in changes {
                    let mut bytes = line.clone().into_bytes();
                    bytes[at] = change;
                    if let Ok(changed) = String::from_utf8(bytes) {
                        try_line(&changed);
                    }
                }
            }
        }
        assert!(
            taken > 1000,
            "many changed records are still usual ({taken})"
        );
    }
}
