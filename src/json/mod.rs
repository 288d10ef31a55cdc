//! JSON text in and out: a strict reader into `serde_json::Value` and the writer of request
//! bodies.
//!
//! Why not `serde_json::from_str` and `serde_json::to_string`: through serde's visitor
//! machinery, reading a typical request body cost a quarter of the time of the whole wasm
//! call and the two brought 21 KB of code into the module (bench/NOTES.md). Here the reader
//! is one pass over the text that builds the value directly, and refuses what the rules must
//! never see silently resolved: a key given twice in one object. It accepts exactly what
//! `serde_json::Value` accepts otherwise (RFC 8259, nesting to serde_json's limit, no lone
//! surrogates, no number out of `f64` range), which tests/json.rs checks against serde_json
//! itself and the `json_reader` fuzz target checks on arbitrary input. The writer gives the
//! bytes of `serde_json::to_string`.
//!
//! Positions are serde_json's: a 1-based line and the column counted in bytes.

use serde_json::Value;
use std::fmt;

mod float;
mod read;
mod write;

pub(crate) use read::Reader;
pub use write::write;

/// What is wrong with a JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ends inside a value.
    UnexpectedEnd,
    /// A value was expected here.
    ExpectedValue,
    /// `:` was expected after an object key.
    ExpectedColon,
    /// `,` or `}` was expected after an object entry.
    ExpectedCommaOrBrace,
    /// `,` or `]` was expected after an array element.
    ExpectedCommaOrBracket,
    /// An object key must be a string.
    KeyMustBeString,
    /// A `,` before `]` or `}`.
    TrailingComma,
    /// More text after the value.
    TrailingCharacters,
    /// A control character (below U+0020) inside a string.
    ControlCharacter,
    /// A `\` escape that JSON does not have.
    InvalidEscape,
    /// A `\u` escape of a surrogate without its pair.
    LoneSurrogate,
    /// A number JSON does not allow (`01`, `1.`, `.5`, `-`).
    InvalidNumber,
    /// A number beyond the range of `f64`.
    NumberOutOfRange,
    /// Arrays and objects nested deeper than the limit.
    TooDeep,
    /// A key given twice in one object (shortened for display).
    DuplicateKey(String),
}

/// Why a text is not one JSON value, and where. One pointer wide: every step of the reader
/// returns a `Result` with it, and a wide error made each of those results wide too (measured:
/// the boxed error reads a typical body 4% faster, in 0.5 KB less wasm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Where>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Where {
    kind: ErrorKind,
    line: usize,
    column: usize,
}

impl Error {
    fn new(kind: ErrorKind, line: usize, column: usize) -> Error {
        Error(Box::new(Where { kind, line, column }))
    }
}

impl Error {
    /// What is wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The 1-based line of the problem.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The column of the problem, in bytes from the start of its line (1-based).
    pub fn column(&self) -> usize {
        self.0.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.0.kind {
            ErrorKind::UnexpectedEnd => "the text ends inside a value",
            ErrorKind::ExpectedValue => "expected a value",
            ErrorKind::ExpectedColon => "expected `:`",
            ErrorKind::ExpectedCommaOrBrace => "expected `,` or `}`",
            ErrorKind::ExpectedCommaOrBracket => "expected `,` or `]`",
            ErrorKind::KeyMustBeString => "an object key must be a string",
            ErrorKind::TrailingComma => "trailing comma",
            ErrorKind::TrailingCharacters => "trailing characters",
            ErrorKind::ControlCharacter => "control character in a string",
            ErrorKind::InvalidEscape => "invalid escape",
            ErrorKind::LoneSurrogate => "lone surrogate in a \\u escape",
            ErrorKind::InvalidNumber => "invalid number",
            ErrorKind::NumberOutOfRange => "number out of range",
            ErrorKind::TooDeep => "nested too deep",
            ErrorKind::DuplicateKey(key) => {
                return write!(
                    f,
                    "the key `{key}` appears twice in one object at line {} column {}",
                    self.0.line, self.0.column
                )
            }
        };
        write!(f, "{what} at line {} column {}", self.0.line, self.0.column)
    }
}

impl std::error::Error for Error {}

/// The value of a JSON text; a key repeated in one object is refused.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut r = Reader::new(text);
    let v = r.value(0)?;
    r.end()?;
    Ok(v)
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
            assert_eq!(
                (reference.line(), reference.column()),
                (line, column),
                "{text:?}"
            );
        }
    }

    #[test]
    fn duplicate_keys_are_named_where_they_are() {
        let e = parse("{\"a\":1,\n \"a\":2}").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::DuplicateKey("a".into()));
        assert_eq!((e.line(), e.column()), (2, 2));
        assert_eq!(
            e.to_string(),
            "the key `a` appears twice in one object at line 2 column 2"
        );
    }
}
