//! A YAML document as a tree of located nodes: the first of the two steps
//! that read a goals file. The YAML library parses the text into this tree
//! within the resource limits (syntax errors, duplicate keys and limits stop
//! here, as one finding for the file); `read.rs` then reads the tree into the
//! raw structs, reporting every wrong type, unknown field and bad value on
//! its own and keeping the rest.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

use crate::input::yaml::{self, ParserLimits, Spanned, YamlError};

/// A node: its value, where it is referenced (an alias's own place for a
/// replayed anchor) and where it is defined.
pub(crate) type Node = Spanned<Value>;

/// A YAML value. Scalars are resolved as the YAML library resolves them
/// for `deserialize_any` (plain `42` is a number, `"42"` and `45%` are text);
/// the reader decides what each field accepts.
#[derive(Debug)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, for messages: "a list", "the text `45%`".
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("`{b}`"),
            Value::Int(i) => format!("the number {i}"),
            Value::Float(f) => format!("the number {f}"),
            Value::Str(s) => {
                const SHOWN: usize = 40;
                match s.char_indices().nth(SHOWN) {
                    Some((cut, _)) => format!("the text `{}...`", &s[..cut]),
                    None => format!("the text `{s}`"),
                }
            }
            Value::Seq(_) => "a list".to_owned(),
            Value::Map(_) => "a mapping".to_owned(),
        }
    }
}

/// Parses `text` into a tree within `limits`.
pub(crate) fn parse(text: &str, limits: &ParserLimits) -> Result<Node, YamlError> {
    DEPTH.with(|d| d.set((0, limits.max_depth)));
    yaml::parse_within::<Node>(text, limits, true)
}

thread_local! {
    /// The nesting of the node being read and the most allowed. The
    /// library's own depth budget does not stop a visitor that descends into
    /// every value (block lists nested 100,000 deep), so the tree counts.
    static DEPTH: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, usize::MAX)) };
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (depth, max) = DEPTH.with(std::cell::Cell::get);
        if depth >= max {
            // `yaml::classify` reports this message as the depth limit.
            return Err(de::Error::custom(yaml::RECURSION_LIMIT));
        }
        if depth >= yaml::TREE_DEPTH {
            // Reading each level takes stack: stop well before it runs out.
            return Err(de::Error::custom(yaml::TOO_DEEP));
        }
        DEPTH.with(|d| d.set((depth + 1, max)));
        let value = deserializer.deserialize_any(ValueVisitor);
        DEPTH.with(|d| d.set((depth, max)));
        value
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}
