//! JSON text in and out, by serde_json: its reader, driven by the small seeds below, and its
//! writer.
//!
//! The one thing serde_json's own `Value` reading does not do: refuse a key given twice in one
//! object (it keeps the last). The rules must never see that silently resolved (they would
//! check one value, the service might read the other), so [`parse`] builds the value through
//! [`Unique`], which refuses a repeated key at any depth, with its position. The limits on
//! hostile text are serde_json's: nesting deeper than 127 arrays and objects is refused
//! (`recursion limit exceeded`), and nothing else grows the stack. Numbers are read with
//! serde_json's default float parsing (not correctly rounded in the last bit for some long
//! decimals): a body is signed and sent as the caller wrote it, numbers are only validated.
//!
//! Errors are serde_json's: [`Error::line`] (1-based) and [`Error::column`] (bytes from the
//! start of the line). A repeated key is the only error of [`Category::Data`]: everything else
//! serde_json itself refuses (syntax, end of input, `recursion limit`, `number out of range`).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

pub use serde_json::error::Category;
pub use serde_json::Error;

/// The value of a JSON text; a key repeated in one object is refused.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Unique.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Whether `e` is the refusal of a key given twice in one object (rather than text that
/// serde_json itself refuses).
pub fn is_duplicate_key(e: &Error) -> bool {
    e.classify() == Category::Data
}

/// Appends `value` as `serde_json::to_string` writes it: no spaces, object keys in the map's
/// (sorted) order, strings escaped as JSON requires and nothing more. In WebAssembly a number
/// that is not an integer is written as JavaScript writes it (see [`Compact`]).
pub fn write(out: &mut String, value: &Value) {
    use serde::Serialize;
    let mut bytes = std::mem::take(out).into_bytes();
    // Writing a `Value` into a `Vec` cannot fail (its keys are strings, its numbers finite),
    // and what serde_json writes is UTF-8: neither fallback is ever taken.
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut bytes, Compact,
    ));
    *out = String::from_utf8(bytes).unwrap_or_default();
}

/// The length in bytes of what [`write`] writes for `value` when it is more than `max`,
/// counted without keeping it; `None` when it is at most `max`. A bound is walked first (every
/// character escaped as `\uXXXX`, every number 32 bytes): an ordinary request, far under the
/// limit, is never written out.
pub fn written_len_over(value: &Value, max: usize) -> Option<usize> {
    fn bound(v: &Value) -> usize {
        match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 32,
            Value::String(s) => s.len().saturating_mul(6).saturating_add(2),
            Value::Array(a) => a
                .iter()
                .fold(2usize, |n, v| n.saturating_add(bound(v)).saturating_add(1)),
            Value::Object(o) => o.iter().fold(2usize, |n, (k, v)| {
                n.saturating_add(k.len().saturating_mul(6))
                    .saturating_add(4)
                    .saturating_add(bound(v))
            }),
        }
    }
    if bound(value) <= max {
        return None;
    }
    Some(written_len(value)).filter(|&n| n > max)
}

/// The length in bytes of what [`write`] writes for `value`. It is written out (memory of the
/// order of the input, released at once) through the very writer [`write`] uses: a counting
/// writer would link a second copy of serde_json's serializer (2 KB gzipped in wasm).
pub fn written_len(value: &Value) -> usize {
    let mut out = String::new();
    write(&mut out, value);
    out.len()
}

/// serde_json's compact formatter, except, in WebAssembly, for numbers that are not
/// integers: those are written by JavaScript's `Number.prototype.toString`, which is what
/// `JSON.stringify` (and so the official Node SDK) writes (`1e+21` where serde_json writes
/// `1e21`), and it spares the wasm serde_json's float writer (1.6 KB gzipped, bench/NOTES.md).
/// Such numbers only come from JavaScript values here (a body given as text is sent as given).
struct Compact;

impl serde_json::ser::Formatter for Compact {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: f64) -> std::io::Result<()> {
        // `Value` holds finite numbers only, which JavaScript writes as JSON numbers.
        let text = String::from(
            js_sys::Number::from(v)
                .to_string_with_radix(10)
                .unwrap_or_default(),
        );
        w.write_all(text.as_bytes())
    }
}

/// An integral [`Number`] as a message shows it: its digits. Not `Number`'s own `Display`,
/// which would link serde_json's float writer for the one kind the rules never show.
pub(crate) struct Integer<'a>(pub(crate) &'a Number);

impl fmt::Display for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.as_i64(), self.0.as_u64()) {
            (Some(i), _) => i.fmt(f),
            (_, Some(u)) => u.fmt(f),
            // Callers show integers only (`is_i64() || is_u64()`).
            _ => f.write_str("a fraction"),
        }
    }
}

/// The JSON type name used in messages: `null`, `boolean`, `number`, `string`, `array`,
/// `object`.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Reads one value into a `Value` as serde_json does, but refuses a key given twice in one
/// object, at any depth. The error is raised when the second key has been read: serde_json
/// places it just past that key.
struct Unique;

impl<'de> DeserializeSeed<'de> for Unique {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        // serde_json refuses a number out of `f64` range before visiting: always `Some`.
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Unique)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key `{}` appears twice in one object",
                    crate::text::shown(&key)
                )));
            }
            let value = entries.next_value_seed(Unique)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// What [`object_entries`] found: an object's entries, in order, repeated keys kept (each
/// value the string, or the JSON type found), at most `max_entries` of them, with the number
/// of entries in all; or the JSON type of a text that is not an object.
pub(crate) enum Entries {
    Object(Vec<(String, Result<String, &'static str>)>, usize),
    Other(&'static str),
}

/// Reads `text` for a name/value object (custom parameters): entries past `max_entries` are
/// counted but not kept, values that are not strings are only named, and repeated keys are
/// kept for the caller to report. Every value is read as JSON all the same, kept or not:
/// whether a text is valid must not depend on where a value sits (`[1e400]` past the limit is
/// as invalid as before it; found by fuzzing `params_parse`).
pub(crate) fn object_entries(text: &str, max_entries: usize) -> Result<Entries, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = (&mut de).deserialize_any(Top { max_entries })?;
    de.end()?;
    Ok(entries)
}

struct Top {
    max_entries: usize,
}

impl<'de> Visitor<'de> for Top {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Entries, A::Error> {
        let mut pairs = Vec::new();
        let mut count = 0usize;
        while let Some(key) = entries.next_key::<String>()? {
            if count < self.max_entries {
                let value = entries.next_value_seed(Shape { keep: true })?;
                pairs.push((key, value));
            } else {
                // Past the limit, entries are only counted (and read as JSON), never kept.
                let _ = entries.next_value_seed(Shape { keep: false })?;
            }
            count += 1;
        }
        Ok(Entries::Object(pairs, count))
    }

    // Anything else is named by [`Shape`], which reads it the same way.
    fn visit_unit<E>(self) -> Result<Entries, E> {
        Ok(Entries::Other("null"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Entries, E> {
        Ok(Entries::Other("boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Entries, E> {
        Ok(Entries::Other("number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Entries, E> {
        Ok(Entries::Other("number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Entries, E> {
        Ok(Entries::Other("number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Entries, E> {
        Ok(Entries::Other("string"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Entries, A::Error> {
        Shape { keep: false }
            .visit_seq(seq)
            .map(|_| Entries::Other("array"))
    }
}

/// One value read in full (strings and numbers decoded and checked exactly as [`Unique`]
/// checks them: serde_json's `IgnoredAny` would skip them more leniently) but not kept: a
/// string when `keep` (as `Ok`), otherwise its JSON type name (as `Err`). Keys repeated in
/// nested objects are not looked for.
#[derive(Clone, Copy)]
struct Shape {
    keep: bool,
}

type Shaped = Result<String, &'static str>;

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = Shaped;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shaped, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Shape {
    type Value = Shaped;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Shaped, E> {
        Ok(Err("null"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shaped, E> {
        Ok(Err("boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shaped, E> {
        Ok(Err("number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shaped, E> {
        Ok(Err("number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shaped, E> {
        Ok(Err("number"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Shaped, E> {
        Ok(if self.keep {
            Ok(s.to_owned())
        } else {
            Err("string")
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shaped, A::Error> {
        while seq.next_element_seed(Shape { keep: false })?.is_some() {}
        Ok(Err("array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Shaped, A::Error> {
        while entries.next_key_seed(Shape { keep: false })?.is_some() {
            let _ = entries.next_value_seed(Shape { keep: false })?;
        }
        Ok(Err("object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_serde_jsons() {
        for (text, line, column) in [
            ("{", 1, 1),
            (r#"{"a":"1"} x"#, 1, 11),
            ("[1,\n 2,,]", 2, 4),
            ("", 1, 0),
            ("[01]", 1, 3),
            ("1e400", 1, 5),
            ("[-1e400]", 1, 7),
            (r#""\ud800""#, 1, 8),
            (r#""\udc00""#, 1, 7),
            (r#""\ud800\u0041""#, 1, 13),
            (r#""\ud800\n""#, 1, 9),
        ] {
            let e = parse(text).unwrap_err();
            let reference = serde_json::from_str::<Value>(text).unwrap_err();
            assert_eq!((e.line(), e.column()), (line, column), "{text:?}: {e}");
            assert_eq!(e.to_string(), reference.to_string(), "{text:?}");
            assert!(!is_duplicate_key(&e));
        }
    }

    #[test]
    fn duplicate_keys_are_named_where_they_are() {
        let e = parse("{\"a\":1,\n \"a\":2}").unwrap_err();
        assert!(is_duplicate_key(&e));
        assert_eq!((e.line(), e.column()), (2, 4));
        assert_eq!(
            e.to_string(),
            "the key `a` appears twice in one object at line 2 column 4"
        );
    }

    #[test]
    fn a_long_repeated_key_is_shortened() {
        let key = "k".repeat(100);
        let e = parse(&format!(r#"{{"{key}":1,"{key}":2}}"#)).unwrap_err();
        assert!(is_duplicate_key(&e));
        assert!(
            e.to_string().contains(&format!("`{}…`", "k".repeat(64))),
            "{e}"
        );
    }

    #[test]
    fn object_entries_keep_strings_name_the_rest_and_count_past_the_limit() {
        let text = r#"{"a":"1","b":[1,{"x":null}],"a":"2","c":true,"d":"4"}"#;
        let Ok(Entries::Object(pairs, count)) = object_entries(text, 4) else {
            panic!("an object")
        };
        assert_eq!(count, 5);
        assert_eq!(
            pairs,
            [
                ("a".to_owned(), Ok("1".to_owned())),
                ("b".to_owned(), Err("array")),
                ("a".to_owned(), Ok("2".to_owned())),
                ("c".to_owned(), Err("boolean")),
            ]
        );
        for (text, kind) in [("[1]", "array"), ("\"s\"", "string"), (" 2 ", "number")] {
            assert!(matches!(object_entries(text, 4), Ok(Entries::Other(k)) if k == kind));
        }
        // Invalid wherever it sits: kept, only named, or past the limit.
        for text in [
            r#"{"a":1e400}"#,
            r#"{"a":[1e400]}"#,
            r#"{"a":"1","b":"\ud800"}"#,
            r#"{"a":"1","b":{"\ud800":1}}"#,
            "[1e400]",
        ] {
            assert!(object_entries(text, 1).is_err(), "{text}");
            assert!(object_entries(text, 0).is_err(), "{text}");
        }
    }
}
