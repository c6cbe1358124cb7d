//! Reading JSON files strictly. A repeated key is an error (serde_json would keep the last one
//! without a word, so a second `"fever": false` could hide a first `"fever": true`), and a value of
//! the wrong shape is reported at its own line and column, not at the end of the file.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{shown, values_shown, Problem, MOST_PROBLEMS};
use crate::source::{JsonPath, PathStep, Source};

/// Parses the text, rejecting repeated keys at any depth.
pub(crate) fn parse(source: &Source) -> Result<Value, Problem> {
    parse_str(&source.text).map_err(|e| Problem::from_json(source, &e))
}

/// [`parse`] for text that is not kept as a [`Source`], such as one record of a batch.
pub fn parse_str(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|strict| strict.0)
}

/// Parses the text into `T`; every field of the wrong type or unknown field is pointed at, up to
/// [`MOST_PROBLEMS`], as each costs a reading of the file. serde stops at the first, so after each the list item that holds it
/// (a rule, a question) is set aside and the rest read again: one bad rule does not hide the next.
pub fn read<T: DeserializeOwned>(source: &Source) -> Result<T, Vec<Problem>> {
    let mut value = parse(source).map_err(|problem| vec![problem])?;
    let mut problems = Vec::new();
    // The items set aside so far, by the path of their list in the file, as indices in the file.
    let mut set_aside: HashMap<Vec<PathStep>, Vec<usize>> = HashMap::new();
    loop {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(read) if problems.is_empty() => return Ok(read),
            Ok(_) => return Err(problems),
            Err(error) => error,
        };
        let steps: Vec<PathStep> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(PathStep::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(PathStep::Key(key.clone())),
                _ => None,
            })
            .collect();
        let in_file = as_in_file(&steps, &set_aside);
        // serde's "unknown variant" is jargon; say which value is not allowed.
        let message =
            values_shown(&error.inner().to_string()).replace("unknown variant", "unknown value");
        problems.push(
            Problem::at(source, &JsonPath(in_file.clone()), message)
                .fix("compare this value with the format described in rules/README.md"),
        );
        let item = steps
            .iter()
            .rposition(|step| matches!(step, PathStep::Index(_)));
        let (Some(item), true) = (item, problems.len() < MOST_PROBLEMS) else {
            return Err(problems);
        };
        let (PathStep::Index(index), PathStep::Index(index_in_file)) =
            (&steps[item], &in_file[item])
        else {
            unreachable!("a list step stays a list step")
        };
        match value_at(&mut value, &steps[..item]) {
            Some(Value::Array(items)) if *index < items.len() => {
                items.remove(*index);
            }
            _ => return Err(problems),
        }
        let removed = set_aside.entry(in_file[..item].to_vec()).or_default();
        let at = removed.partition_point(|&r| r < *index_in_file);
        removed.insert(at, *index_in_file);
    }
}

/// `steps` into the value with items set aside, as the same path in the file.
fn as_in_file(steps: &[PathStep], set_aside: &HashMap<Vec<PathStep>, Vec<usize>>) -> Vec<PathStep> {
    let mut in_file: Vec<PathStep> = Vec::with_capacity(steps.len());
    for step in steps {
        let step = match step {
            PathStep::Index(index) => {
                let mut index = *index;
                for removed in set_aside.get(&in_file).into_iter().flatten() {
                    if *removed <= index {
                        index += 1;
                    }
                }
                PathStep::Index(index)
            }
            key => key.clone(),
        };
        in_file.push(step);
    }
    in_file
}

fn value_at<'v>(value: &'v mut Value, steps: &[PathStep]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |value, step| match step {
        PathStep::Key(key) => value.get_mut(key.as_str()),
        PathStep::Index(index) => value.get_mut(*index),
    })
}

/// A JSON value whose objects never repeat a key.
pub struct Strict(pub Value);

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
        let problems = read::<File>(&source).unwrap_err();
        let [problem] = problems.as_slice() else {
            panic!("one problem: {problems:?}");
        };
        assert_eq!((problem.line, problem.column), (3, 12), "{problem:?}");
        assert!(problem.message.contains("invalid type"), "{problem:?}");
    }

    #[test]
    fn every_bad_item_is_pointed_at_where_it_stands_in_the_file() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct File {
            lists: Vec<Vec<u32>>,
        }
        let source = Source::new(
            "t.json",
            "{\"lists\": [\n[\"a\", 1],\n[2],\n[3, \"b\", 4, \"c\"],\n[\"d\"]\n]}",
        );
        let problems = read::<File>(&source).unwrap_err();
        let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
        // Each bad item is set aside in turn, yet each is placed at its own spot in the file.
        assert_eq!(places, [(2, 2), (4, 5), (4, 13), (5, 2)], "{problems:?}");
    }
}
