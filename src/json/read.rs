//! The reader: one pass over the text, building the value directly.

use super::{float, type_name, Error, ErrorKind};
use crate::swar;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// How deep arrays and objects may nest: serde_json's limit, so that what it read, this reads.
const MAX_DEPTH: usize = 127;

/// A position in a JSON text, read forward.
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
}

/// Whether any of the eight bytes of `x` ends a plain run of string text: `"`, `\` or a
/// control character. Eight bytes a step rather than one: a script's `Content` is most of a
/// request body.
fn ends_run(x: u64) -> bool {
    swar::equal(x, b'"') | swar::equal(x, b'\\') | swar::below(x, 0x20) != 0
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// The error `kind` at the current byte (or the end).
    fn error<T>(&self, kind: ErrorKind) -> Result<T, Error> {
        Err(self.error_at(kind, self.at))
    }

    fn error_at(&self, kind: ErrorKind, at: usize) -> Error {
        // serde_json's position: the line of the byte, and the count of bytes of that line
        // up to and including it (up to the end, at the end).
        let upto = &self.bytes()[..(at + 1).min(self.bytes().len())];
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count();
        let start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        Error::new(kind, line, upto.len() - start)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// After the value: only whitespace may follow.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        self.ws();
        match self.peek() {
            None => Ok(()),
            Some(_) => self.error(ErrorKind::TrailingCharacters),
        }
    }

    /// Skips whitespace and returns the next byte, which must exist.
    fn next_token(&mut self) -> Result<u8, Error> {
        self.ws();
        match self.peek() {
            Some(b) => Ok(b),
            None => self.error(ErrorKind::UnexpectedEnd),
        }
    }

    /// Expects `literal` (`true`, `false`, `null`) at the current byte.
    fn literal(&mut self, literal: &[u8]) -> Result<(), Error> {
        for &want in literal {
            match self.peek() {
                Some(b) if b == want => self.at += 1,
                Some(_) => return self.error(ErrorKind::ExpectedValue),
                None => return self.error(ErrorKind::UnexpectedEnd),
            }
        }
        Ok(())
    }

    /// One value, built. `depth` is how many arrays and objects enclose it.
    pub(crate) fn value(&mut self, depth: usize) -> Result<Value, Error> {
        Ok(match self.next_token()? {
            b'"' => Value::String(self.string()?.into_owned()),
            b'{' => {
                let mut map = Map::new();
                let mut more = self.open(depth, b'}')?;
                while more {
                    let key_at = self.at;
                    let key = self.key()?;
                    if map.contains_key(&*key) {
                        let shown = crate::rules::fields::shown(&key).into_owned();
                        return Err(self.error_at(ErrorKind::DuplicateKey(shown), key_at));
                    }
                    let v = self.value(depth + 1)?;
                    map.insert(key.into_owned(), v);
                    more = self.comma(b'}')?;
                }
                Value::Object(map)
            }
            b'[' => {
                let mut items = Vec::new();
                let mut more = self.open(depth, b']')?;
                while more {
                    items.push(self.value(depth + 1)?);
                    more = self.comma(b']')?;
                }
                Value::Array(items)
            }
            _ => self.scalar()?,
        })
    }

    /// One value, read and checked but not kept: its type name. Accepts exactly what
    /// [`Reader::value`] accepts (a value's validity must not depend on whether it is kept),
    /// except that keys repeated in objects are not looked for.
    pub(crate) fn skip(&mut self, depth: usize) -> Result<&'static str, Error> {
        Ok(match self.next_token()? {
            b'"' => {
                self.string()?;
                "string"
            }
            b'{' => {
                let mut more = self.open(depth, b'}')?;
                while more {
                    self.key()?;
                    self.skip(depth + 1)?;
                    more = self.comma(b'}')?;
                }
                "object"
            }
            b'[' => {
                let mut more = self.open(depth, b']')?;
                while more {
                    self.skip(depth + 1)?;
                    more = self.comma(b']')?;
                }
                "array"
            }
            _ => type_name(&self.scalar()?),
        })
    }

    /// When the next value is an object: past its `{`, whether an entry follows. Otherwise
    /// `None`, nothing read but whitespace.
    pub(crate) fn open_object(&mut self) -> Result<Option<bool>, Error> {
        if self.next_token()? != b'{' {
            return Ok(None);
        }
        self.open(0, b'}').map(Some)
    }

    /// When the next value is a string: the string. Otherwise `None`, nothing read but
    /// whitespace.
    pub(crate) fn string_value(&mut self) -> Result<Option<Cow<'a, str>>, Error> {
        if self.next_token()? != b'"' {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// Past the `{` or `[` at the current byte: whether an entry follows (else the closing
    /// `close` was read too).
    fn open(&mut self, depth: usize, close: u8) -> Result<bool, Error> {
        if depth >= MAX_DEPTH {
            return self.error(ErrorKind::TooDeep);
        }
        self.at += 1;
        if self.next_token()? == close {
            self.at += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After an entry: past `,` (true: another follows) or the closing `close` (false).
    pub(crate) fn comma(&mut self, close: u8) -> Result<bool, Error> {
        let b = self.next_token()?;
        self.at += 1;
        if b == close {
            return Ok(false);
        }
        if b != b',' {
            self.at -= 1;
            return self.error(if close == b'}' {
                ErrorKind::ExpectedCommaOrBrace
            } else {
                ErrorKind::ExpectedCommaOrBracket
            });
        }
        if self.next_token()? == close {
            return self.error(ErrorKind::TrailingComma);
        }
        Ok(true)
    }

    /// An object key and the `:` after it.
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.next_token()? != b'"' {
            return self.error(ErrorKind::KeyMustBeString);
        }
        let key = self.string()?;
        if self.next_token()? != b':' {
            return self.error(ErrorKind::ExpectedColon);
        }
        self.at += 1;
        Ok(key)
    }

    /// A number, `true`, `false` or `null` at the current byte.
    fn scalar(&mut self) -> Result<Value, Error> {
        match self.peek() {
            Some(b't') => self.literal(b"true").map(|()| Value::Bool(true)),
            Some(b'f') => self.literal(b"false").map(|()| Value::Bool(false)),
            Some(b'n') => self.literal(b"null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            _ => self.error(ErrorKind::ExpectedValue),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as serde_json reads it: an integer
    /// is a `u64` or, negative, an `i64` when it fits (`-0` is the float `-0.0`), anything
    /// else an `f64` (see [`float`], exact).
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_at = self.at;
        // The integer part's value, read as it is scanned (`None` past `u64`).
        let mut value = Some(0u64);
        while let Some(b @ b'0'..=b'9') = self.peek() {
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(u64::from(b - b'0')));
            self.at += 1;
        }
        match self.at - int_at {
            0 => {
                return match self.peek() {
                    None => self.error(ErrorKind::UnexpectedEnd),
                    Some(_) => self.error(ErrorKind::InvalidNumber),
                }
            }
            n if n > 1 && self.bytes()[int_at] == b'0' => {
                return self.fail_at(ErrorKind::InvalidNumber, int_at + 1)
            }
            _ => {}
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.at += 1;
            if self.digits() == 0 {
                return self.number_end_error();
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.number_end_error();
            }
        }
        match (integer, negative, value) {
            (true, false, Some(v)) => return Ok(Number::from(v)),
            // Down to i64::MIN, whose magnitude is 2^63: `as` wraps it to itself.
            (true, true, Some(v)) if v != 0 && v <= 1 << 63 => {
                return Ok(Number::from((v as i64).wrapping_neg()))
            }
            _ => {}
        }
        let text = self.text.get(start..self.at).unwrap_or("");
        match Number::from_f64(float::parse(text)) {
            Some(n) => Ok(n),
            // At the number's last character, as serde_json says.
            None => self.fail_at(ErrorKind::NumberOutOfRange, self.at - 1),
        }
    }

    fn fail_at<T>(&self, kind: ErrorKind, at: usize) -> Result<T, Error> {
        Err(self.error_at(kind, at))
    }

    /// A fraction or exponent without digits.
    fn number_end_error<T>(&self) -> Result<T, Error> {
        match self.peek() {
            None => self.error(ErrorKind::UnexpectedEnd),
            Some(_) => self.error(ErrorKind::InvalidNumber),
        }
    }

    /// The string whose opening `"` is the current byte: borrowed from the text when it has
    /// no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.at += 1;
        let mut run = self.at;
        // Only a string with escapes is copied, run by run.
        let mut out: Option<String> = None;
        loop {
            self.plain_run();
            let text = self.text.get(run..self.at).unwrap_or("");
            match self.peek() {
                None => return self.error(ErrorKind::UnexpectedEnd),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(text),
                        Some(mut out) => {
                            out.push_str(text);
                            Cow::Owned(out)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(text);
                    self.at += 1;
                    out.push(self.escape()?);
                    run = self.at;
                }
                Some(_) => return self.error(ErrorKind::ControlCharacter),
            }
        }
    }

    /// Past the plain text of a string: eight bytes a step, then byte by byte, up to a `"`,
    /// a `\` or a control character (or the end).
    fn plain_run(&mut self) {
        while let Some(word) = swar::word(self.bytes(), self.at) {
            if ends_run(word) {
                break;
            }
            self.at += 8;
        }
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.at += 1;
        }
    }

    /// The character of the escape after a `\`.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(b) = self.peek() else {
            return self.error(ErrorKind::UnexpectedEnd);
        };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                // Errors are placed where serde_json places them: at the character that
                // breaks the pair, or at the end of a lone second half.
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.peek() != Some(b'\\') {
                            return self.fail_at(ErrorKind::LoneSurrogate, self.at);
                        }
                        self.at += 1;
                        if self.peek() != Some(b'u') {
                            return self.fail_at(ErrorKind::LoneSurrogate, self.at);
                        }
                        self.at += 1;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return self.fail_at(ErrorKind::LoneSurrogate, self.at - 1);
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return self.fail_at(ErrorKind::LoneSurrogate, self.at - 1),
                    n => n,
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return self.fail_at(ErrorKind::LoneSurrogate, self.at - 1),
                }
            }
            _ => {
                self.at -= 1;
                return self.error(ErrorKind::InvalidEscape);
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return self.error(ErrorKind::UnexpectedEnd),
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                Some(_) => return self.error(ErrorKind::InvalidEscape),
            };
            n = n * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(n)
    }
}
