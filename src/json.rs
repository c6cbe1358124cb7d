//! Reading JSON files strictly. A repeated key is an error (serde_json would keep the last one
//! without a word, so a second `"fever": false` could hide a first `"fever": true`), and a value of
//! the wrong shape is reported at its own line and column, not at the end of the file.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{shown, values_shown, Problem};
use crate::source::{JsonPath, PathStep, Source};

/// Parses the text, rejecting repeated keys at any depth.
pub fn parse(source: &Source) -> Result<Value, Problem> {
    parse_str(&source.text).map_err(|e| Problem::from_json(source, &e))
}

/// [`parse`] for text that is not kept as a [`Source`], such as one record of a batch.
pub fn parse_str(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|strict| strict.0)
}

/// Parses the text into `T`; a field of the wrong type or an unknown field is pointed at.
pub fn read<T: DeserializeOwned>(source: &Source) -> Result<T, Problem> {
    let value = parse(source)?;
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = JsonPath(
            error
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(PathStep::Index(*index)),
                    serde_path_to_error::Segment::Map { key } => Some(PathStep::Key(key.clone())),
                    _ => None,
                })
                .collect(),
        );
        // serde's "unknown variant" is jargon; say which value is not allowed.
        let message =
            values_shown(&error.inner().to_string()).replace("unknown variant", "unknown value");
        Problem::at(source, &path, message)
            .fix("compare this value with the format described in rules/README.md")
    })
}

/// A JSON value whose objects never repeat a key.
pub(crate) struct Strict(pub Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "`{}` appears twice in the same object; keep only one",
                    shown(&key)
                )));
            }
            let Strict(value) = map.next_value()?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_an_error_with_its_position() {
        let source = Source::new("t.json", "{\n\"fever\": true,\n\"fever\": false}");
        let problem = parse(&source).unwrap_err();
        assert!(
            problem.message.contains("`fever` appears twice"),
            "{problem:?}"
        );
        assert_eq!(problem.line, 3);
    }

    #[test]
    fn a_repeated_key_deep_inside_is_caught_too() {
        let source = Source::new("t.json", r#"{"a": [{"b": 1, "b": 2}]}"#);
        assert!(parse(&source).is_err());
    }

    #[test]
    fn a_wrong_type_is_pointed_at_where_it_stands() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            count: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct File {
            items: Vec<Item>,
        }
        let source = Source::new(
            "t.json",
            "{\"items\": [\n {\"count\": 1},\n {\"count\": \"two\"}\n]}",
        );
        let problem = read::<File>(&source).unwrap_err();
        assert_eq!((problem.line, problem.column), (3, 12), "{problem:?}");
        assert!(problem.message.contains("invalid type"), "{problem:?}");
    }
}
