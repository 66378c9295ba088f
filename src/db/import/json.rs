//! Strict JSON reading for every importer: a key given twice in one object is refused (serde
//! keeps the last one silently, which once applied a 10x price), as is nesting deeper than
//! [`MAX_DEPTH`] or a file larger than [`MAX_FILE_BYTES`]. Errors give the line and column.
//!
//! One exception, for maps keyed by entry (LiteLLM's): [`parse_entries`] returns the top-level
//! keys given twice instead of refusing, so the importer refuses only those it reads. The
//! LiteLLM map of 2026-03 lists `vertex_ai/gemini-embedding-2-preview` twice, with different
//! values; refusing the whole file for an entry no model of ours uses would block every import.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Largest file an import reads (JSON or CSV): the LiteLLM map of 2026-11 is 3.5 MB and the
/// whole dataset export under 1 MB, so 32 MiB is room to grow while a mistaken multi-gigabyte
/// file is refused before it is read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Deepest nesting of arrays and objects: our formats need 5 (a dataset's tiers); 32 is slack.
pub const MAX_DEPTH: usize = 32;

/// Why a JSON text was refused, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}: {}", self.line, self.column, self.problem)
    }
}

/// Parses `text` as JSON, refusing duplicate keys and deep nesting.
pub fn parse(text: &str) -> Result<Value, JsonProblem> {
    read(text, None)
}

/// Parses `text` as a JSON object of entries (the LiteLLM map's shape): strict inside every
/// entry; a top-level key given twice is returned (first value kept) for the caller to judge.
pub fn parse_entries(text: &str) -> Result<(Map<String, Value>, Vec<String>), JsonProblem> {
    let duplicated = RefCell::new(Vec::new());
    match read(text, Some(&duplicated))? {
        Value::Object(map) => Ok((map, duplicated.into_inner())),
        _ => Err(JsonProblem { line: 1, column: 1, problem: "the file is not a JSON object".into() }),
    }
}

fn read(text: &str, top_duplicates: Option<&RefCell<Vec<String>>>) -> Result<Value, JsonProblem> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value =
        Strict { depth: 0, top_duplicates }.deserialize(&mut deserializer).and_then(|v| deserializer.end().map(|()| v));
    value.map_err(|e| JsonProblem { line: e.line(), column: e.column(), problem: e.to_string() })
}

/// One value at a depth; at depth 0, where to note duplicate keys instead of refusing them.
struct Strict<'a> {
    depth: usize,
    top_duplicates: Option<&'a RefCell<Vec<String>>>,
}

impl Strict<'_> {
    fn deeper<'b, E: de::Error>(&self) -> Result<Strict<'b>, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(Strict { depth: self.depth + 1, top_duplicates: None })
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.deeper()?)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.deeper()?)?;
            if out.contains_key(&key) {
                match self.top_duplicates {
                    Some(noted) => noted.borrow_mut().push(key),
                    None => return Err(de::Error::custom(format!("the key {key:?} is given twice in one object"))),
                }
                continue;
            }
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A JSON value's kind in words, for refusals ("is a string, not a number").
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_with_their_place() {
        let err = parse("{\n  \"a\": {\"x\": 1, \"x\": 2}\n}").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.problem.contains("\"x\" is given twice"), "{err}");
        assert!(parse(r#"{"a": 1, "a": 1}"#).is_err());
        assert!(parse(r#"[{"a": 1}, {"a": 1}]"#).is_ok(), "the same key in two objects is fine");
    }

    #[test]
    fn entry_maps_return_their_duplicated_entries_and_refuse_duplicates_inside_one() {
        let (map, duplicated) = parse_entries(r#"{"a": {"x": 1}, "b": {}, "a": {"x": 2}}"#).unwrap();
        assert_eq!(duplicated, ["a"]);
        assert_eq!(map["a"]["x"], 1, "the first value is kept");
        assert!(parse_entries(r#"{"a": {"x": 1, "x": 2}}"#).is_err());
    }

    #[test]
    fn nesting_is_limited() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().problem.contains("nested deeper"));
        let very_deep = "[".repeat(100_000);
        assert!(parse(&very_deep).is_err(), "no stack overflow");
    }

    #[test]
    fn values_read_back_as_serde_json_reads_them() {
        let text = r#"{"a": [1, -2, 0.5, "s", null, true], "b": {"c": 1e-7}}"#;
        assert_eq!(parse(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        assert!(parse_entries("[1]").is_err());
        assert!(parse("{} x").is_err(), "trailing text");
    }
}
