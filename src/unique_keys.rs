//! JSON objects whose keys must not repeat. serde_json keeps the last of two equal keys without a
//! word, which would let a second `"fever": false` hide a first `"fever": true`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// An object read with every key checked for repeats; the error carries the parser's position.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueKeys<V>(pub BTreeMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueKeys<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

/// For `#[serde(deserialize_with = ...)]` on map fields of the rule files.
pub fn deserialize<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    UniqueKeys::deserialize(deserializer).map(|unique| unique.0)
}

struct UniqueVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueVisitor<V> {
    type Value = UniqueKeys<V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "`{key}` appears twice in the same object; keep only one"
                )));
            }
            let value = map.next_value()?;
            entries.insert(key, value);
        }
        Ok(UniqueKeys(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_an_error_with_a_position() {
        let error =
            serde_json::from_str::<UniqueKeys<bool>>("{\n\"fever\": true,\n\"fever\": false}")
                .unwrap_err();
        assert!(error.to_string().contains("`fever` appears twice"));
        assert_eq!(error.line(), 3);
    }

    #[test]
    fn distinct_keys_are_kept() {
        let read: UniqueKeys<u8> = serde_json::from_str(r#"{"a": 1, "b": 2}"#).unwrap();
        assert_eq!(read.0.len(), 2);
    }
}
