//! Custom parameters: the `Parameters` / `DefaultParameters` JSON strings and the `{{name}}`
//! placeholders inside the decoded `Content`.
//!
//! `JSON.parse` (and most JSON libraries) keep the last of two equal keys and hide the first;
//! the service refuses them (`ParameterKeyDuplicated`), so [`parse`] reads the object entry by
//! entry and reports every duplicate. `__proto__`, `constructor` and friends are ordinary keys.
//!
//! Placeholders (a choice; the document only shows `{{varA}}` style names): `{{name}}` with no
//! spaces inside the braces, where `name` is 1 to 64 characters of `[a-zA-Z0-9_-]`, the same
//! alphabet as parameter names. Any other `{{...}}` text is left alone as script text. With
//! the `latest` rule set, `{{tat-hidden:name}}` is a placeholder too: the service replaces it
//! with the value of `name` and masks the value in its records.

use crate::json::{self, Entries};
use crate::swar;
use std::collections::BTreeSet;

/// The longest placeholder name recognised (the parameter-name limit of the document).
const PLACEHOLDER_NAME_MAX: usize = 64;

/// One problem found in a custom-parameter JSON string.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Not valid JSON; `line` and `column` are 1-based, as serde_json reports them.
    InvalidJson {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// Valid JSON, but not an object; the JSON type found.
    NotObject(&'static str),
    /// A key that appears more than once.
    DuplicateKey(String),
    /// A key with characters outside `[a-zA-Z0-9_-]`, or empty.
    KeyInvalidChar(String),
    /// A key longer than the limit; its length in characters.
    KeyTooLong(String, usize),
    /// More entries than the limit; the number found.
    TooMany(usize),
    /// A value that is not a string; the key and the JSON type found.
    ValueNotString(String, &'static str),
}

/// The result of [`parse`]: the well-formed entries (in order, first of duplicates kept) and
/// every problem found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Entries whose key and value are both acceptable.
    pub entries: Vec<(String, String)>,
    /// Every problem, in the order found.
    pub problems: Vec<Problem>,
}

impl Parsed {
    /// The value of `key`, if it is among the acceptable entries.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether `c` may appear in a parameter name or placeholder: `[a-zA-Z0-9_-]`.
pub fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Parses a custom-parameter JSON string, reporting every problem at once.
///
/// `max_entries` and `max_key_chars` come from the rule set's limits table.
///
/// Over `max_entries`, only the first `max_entries` entries are read and checked; the rest
/// are counted (their JSON syntax still checked) but neither kept nor examined, as
/// `InstanceIds` over its limit is refused by its length alone. A text with a million keys
/// thus costs one pass and at most `max_entries` owned entries, and [`Parsed::entries`]
/// never holds more than `max_entries`.
pub fn parse(text: &str, max_entries: usize, max_key_chars: usize) -> Parsed {
    match json::object_entries(text, max_entries) {
        Ok(Entries::Object(pairs, count)) => check_pairs(pairs, count, max_entries, max_key_chars),
        Ok(Entries::Other(kind)) => Parsed {
            entries: Vec::new(),
            problems: vec![Problem::NotObject(kind)],
        },
        Err(e) => Parsed {
            entries: Vec::new(),
            problems: vec![Problem::InvalidJson {
                line: e.line(),
                column: e.column(),
            }],
        },
    }
}

/// Checks name/value pairs however they were written (a JSON object, or the
/// `DefaultParameterConfs` list): names, duplicates, count, and values that are not strings
/// (`Err` with the JSON type found). `count` is how many entries there were in all (more than
/// `pairs` when the reader stopped keeping them at the limit).
pub(crate) fn check_pairs(
    pairs: Vec<(String, Result<String, &'static str>)>,
    count: usize,
    max_entries: usize,
    max_key_chars: usize,
) -> Parsed {
    let raw = pairs;
    let mut parsed = Parsed::default();
    if count > max_entries {
        parsed.problems.push(Problem::TooMany(count));
    }
    // Ordered sets: no hashing randomness, and O(n log n) however many keys a hostile text has.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for (key, value) in &raw {
        if !seen.insert(key) {
            // Report a duplicate once, however often it repeats.
            if reported.insert(key) {
                parsed.problems.push(Problem::DuplicateKey(key.clone()));
            }
            continue;
        }
        let mut ok = true;
        if key.is_empty() || !key.bytes().all(is_name_char) {
            parsed.problems.push(Problem::KeyInvalidChar(key.clone()));
            ok = false;
        }
        let chars = key.chars().count();
        if chars > max_key_chars {
            parsed
                .problems
                .push(Problem::KeyTooLong(key.clone(), chars));
            ok = false;
        }
        match value {
            Ok(v) if ok => parsed.entries.push((key.clone(), v.clone())),
            Ok(_) => {}
            Err(kind) => parsed
                .problems
                .push(Problem::ValueNotString(key.clone(), kind)),
        }
    }
    parsed
}

/// The prefix of a hidden placeholder, `{{tat-hidden:name}}` (`latest` rule set).
pub const HIDDEN_PREFIX: &[u8] = b"tat-hidden:";

/// A placeholder occurrence in the decoded content: the name and the byte range of `{{name}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence<'a> {
    /// The parameter name (for `{{tat-hidden:name}}`, `name`).
    pub name: &'a str,
    /// Whether it was written `{{tat-hidden:name}}`.
    pub hidden: bool,
    /// Byte offset of the first `{`.
    pub start: usize,
    /// Byte offset just past the last `}`.
    pub end: usize,
}

/// Every placeholder occurrence in `content`, in order; `hidden` also recognises
/// `{{tat-hidden:name}}`. `content` is bytes: a script need not be UTF-8, and names are ASCII.
pub fn occurrences(content: &[u8], hidden: bool) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    // From one `{` to the next, eight bytes a step between them (`swar::find`): a script is
    // mostly other text.
    while let Some(brace) = swar::find(content, i, b'{') {
        i = brace;
        if let Some(found) = placeholder_at(content.get(i..).unwrap_or_default(), hidden) {
            let end = i + found.end;
            // Name bytes are ASCII, so this is valid UTF-8.
            let name = content
                .get(i + found.name_start..i + found.name_end)
                .and_then(|n| std::str::from_utf8(n).ok())
                .unwrap_or_default();
            out.push(Occurrence {
                name,
                hidden: found.hidden,
                start: i,
                end,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// The longest stretch of script [`placeholder_at`] reads from its `{`: `{{`, the hidden
/// prefix, one character past the longest name, and `}}`.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
pub(crate) const PLACEHOLDER_SPAN: usize = 2 + HIDDEN_PREFIX.len() + PLACEHOLDER_NAME_MAX + 1 + 2;

/// A placeholder at the start of `at` (a script from one of its `{`): where its name starts
/// and ends and where it ends, relative to `at`.
pub(crate) struct At {
    hidden: bool,
    name_start: usize,
    name_end: usize,
    end: usize,
}

#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
impl At {
    /// Where the name is.
    pub(crate) fn name(&self) -> core::ops::Range<usize> {
        self.name_start..self.name_end
    }

    /// Where the placeholder ends (just past its `}}`).
    pub(crate) fn end(&self) -> usize {
        self.end
    }
}

/// The placeholder that starts at the first byte of `at`, if one does. Reads at most
/// [`PLACEHOLDER_SPAN`] bytes of `at`: a caller that holds the script in pieces
/// (`scan::placeholders`) gives it that much, or what is left of the script.
pub(crate) fn placeholder_at(at: &[u8], hidden: bool) -> Option<At> {
    if at.get(..2)? != b"{{" {
        return None;
    }
    let after = at.get(2..).unwrap_or_default();
    let is_hidden = hidden && after.starts_with(HIDDEN_PREFIX);
    let name_start = 2 + if is_hidden { HIDDEN_PREFIX.len() } else { 0 };
    // Early exit: a run of name characters longer than the longest name is no
    // placeholder, so the scan stops one past the limit instead of reading the run.
    let name_len = at
        .get(name_start..)
        .unwrap_or_default()
        .iter()
        .take(PLACEHOLDER_NAME_MAX + 1)
        .take_while(|&&c| is_name_char(c))
        .count();
    let close = name_start + name_len;
    let closed = at.get(close..).unwrap_or_default().starts_with(b"}}");
    ((1..=PLACEHOLDER_NAME_MAX).contains(&name_len) && closed).then_some(At {
        hidden: is_hidden,
        name_start,
        name_end: close,
        end: close + 2,
    })
}

/// The distinct placeholder names of `content`, in order of first appearance.
pub fn placeholders(content: &[u8], hidden: bool) -> Vec<&str> {
    distinct(occurrences(content, hidden).into_iter().map(|o| o.name))
}

/// `names` without repeats, in order of first appearance.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    // An ordered set for "seen": a 64 KB script holds ~10,000 distinct names, and checking
    // each occurrence against the list found so far was quadratic in them.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out: Vec<&str> = Vec::new();
    for name in names {
        if seen.insert(name) {
            out.push(name);
        }
    }
    out
}

/// The length in bytes of what [`preview`] would build, computed without building it: one
/// pass over the occurrences, no allocation but theirs. In 64 bits whatever the target (9,800
/// occurrences of a 900 KB value are 8.8 GB, more than wasm32's address space), so that a
/// caller can refuse before reserving anything; it cannot overflow (a script of at most 2^32
/// bytes, values of at most 2^32 bytes each).
pub fn replaced_len(content: &[u8], parameters: &Parsed, defaults: &Parsed, hidden: bool) -> u64 {
    let found = occurrences(content, hidden);
    let spans = found.iter().map(|o| (o.name, o.end - o.start));
    replaced_len_of(content.len(), spans, parameters, defaults)
}

/// [`replaced_len`] of a script of `len` bytes whose placeholders are `spans` (each name with
/// the length of its `{{name}}` text).
fn replaced_len_of<'a>(
    len: usize,
    spans: impl Iterator<Item = (&'a str, usize)>,
    parameters: &Parsed,
    defaults: &Parsed,
) -> u64 {
    spans.fold(len as u64, |len, (name, span)| {
        match parameters.get(name).or_else(|| defaults.get(name)) {
            // The value replaces the `{{name}}` text: `span <= len` always.
            Some(v) => (len - span as u64).saturating_add(v.len() as u64),
            None => len,
        }
    })
}

/// What the rules need of a script to check its placeholders: its length and its
/// placeholders, in order (the script itself need not be kept: see `scan::placeholders`,
/// which never decodes all of it). The names are kept one after another in one text, not one
/// allocation each: a 64 KB script can hold ten thousand of them.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scanned {
    /// The script's length in bytes.
    len: usize,
    /// The names of `found`, one after another.
    names: String,
    /// Each occurrence: where its name ends in `names` (it starts where the one before
    /// ends), and where `{{name}}` starts and ends in the script.
    found: Vec<(usize, usize, usize)>,
}

#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
impl Scanned {
    /// A script of `len` bytes, its placeholders to be pushed.
    pub(crate) fn new(len: usize) -> Scanned {
        Scanned {
            len,
            ..Scanned::default()
        }
    }

    /// The placeholders of a decoded script, by [`occurrences`].
    pub(crate) fn of(content: &[u8], hidden: bool) -> Scanned {
        let mut scanned = Scanned::new(content.len());
        for o in occurrences(content, hidden) {
            scanned.push(o.name, o.start, o.end);
        }
        scanned
    }

    /// Adds an occurrence of `name` from `start` to `end` in the script.
    pub(crate) fn push(&mut self, name: &str, start: usize, end: usize) {
        self.names.push_str(name);
        self.found.push((self.names.len(), start, end));
    }

    /// Each occurrence: its name, and the length of its `{{name}}` text.
    fn spans(&self) -> impl Iterator<Item = (&str, usize)> {
        let mut from = 0;
        self.found.iter().map(move |&(to, start, end)| {
            let name = self.names.get(from..to).unwrap_or_default();
            from = to;
            (name, end - start)
        })
    }

    /// As [`placeholders`].
    pub(crate) fn names(&self) -> Vec<&str> {
        distinct(self.spans().map(|(name, _)| name))
    }

    /// As [`replaced_len`].
    pub(crate) fn replaced_len(&self, parameters: &Parsed, defaults: &Parsed) -> u64 {
        replaced_len_of(self.len, self.spans(), parameters, defaults)
    }
}

/// The content with each placeholder replaced by its value from `parameters`, else from
/// `defaults` (what `PreviewReplacedCommandContent` returns). A placeholder with no value in
/// either stays as written. The result is [`replaced_len`] bytes long, reserved at once: check
/// that length against a limit first (the bindings' preview does).
pub fn preview(content: &[u8], parameters: &Parsed, defaults: &Parsed, hidden: bool) -> Vec<u8> {
    let mut out = Vec::new();
    // Reserved at once when it can be; a length past memory grows as it goes (and fails there,
    // where a `with_capacity` of it panicked at once with "capacity overflow").
    let len = replaced_len(content, parameters, defaults, hidden);
    let _ = out.try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX));
    let mut at = 0;
    for o in occurrences(content, hidden) {
        if let Some(v) = parameters.get(o.name).or_else(|| defaults.get(o.name)) {
            out.extend_from_slice(&content[at..o.start]);
            out.extend_from_slice(v.as_bytes());
            at = o.end;
        }
    }
    out.extend_from_slice(&content[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        parse(text, 20, 64).problems
    }

    #[test]
    fn reads_entries_in_order() {
        let p = parse(r#"{"varA":"222","b-_9":""}"#, 20, 64);
        assert!(p.problems.is_empty());
        assert_eq!(
            p.entries,
            vec![("varA".into(), "222".into()), ("b-_9".into(), "".into())]
        );
    }

    #[test]
    fn finds_duplicates_json_parse_hides() {
        assert_eq!(
            problems(r#"{"a":"1","a":"2","a":"3"}"#),
            vec![Problem::DuplicateKey("a".into())]
        );
        // The first value is the one kept for the preview.
        assert_eq!(parse(r#"{"a":"1","a":"2"}"#, 20, 64).get("a"), Some("1"));
    }

    #[test]
    fn proto_keys_are_ordinary() {
        let p = parse(r#"{"__proto__":"x","constructor":"y"}"#, 20, 64);
        assert!(p.problems.is_empty());
        assert_eq!(p.get("__proto__"), Some("x"));
        assert_eq!(p.problems, vec![]);
    }

    #[test]
    fn every_problem_at_once() {
        assert_eq!(
            problems(r#"{"a b":"1","c":2,"d":null,"e":{"x":[1]},"f":[]}"#),
            vec![
                Problem::KeyInvalidChar("a b".into()),
                Problem::ValueNotString("c".into(), "number"),
                Problem::ValueNotString("d".into(), "null"),
                Problem::ValueNotString("e".into(), "object"),
                Problem::ValueNotString("f".into(), "array"),
            ]
        );
        assert_eq!(
            problems(r#"{"":"1"}"#),
            vec![Problem::KeyInvalidChar("".into())]
        );
    }

    #[test]
    fn not_json_and_not_object() {
        assert_eq!(
            problems("{"),
            vec![Problem::InvalidJson { line: 1, column: 1 }]
        );
        assert_eq!(
            problems(r#"{"a":"1"} x"#),
            vec![Problem::InvalidJson {
                line: 1,
                column: 11
            }]
        );
        assert_eq!(problems(r#"["a"]"#), vec![Problem::NotObject("array")]);
        assert_eq!(problems(r#""a""#), vec![Problem::NotObject("string")]);
        assert_eq!(problems("null"), vec![Problem::NotObject("null")]);
        let deep = "[".repeat(10_000);
        assert!(matches!(problems(&deep)[0], Problem::InvalidJson { .. }));
    }

    #[test]
    fn limits_at_the_edge() {
        let k64 = "k".repeat(64);
        assert!(problems(&format!(r#"{{"{k64}":"v"}}"#)).is_empty());
        let k65 = "k".repeat(65);
        assert_eq!(
            problems(&format!(r#"{{"{k65}":"v"}}"#)),
            vec![Problem::KeyTooLong(k65, 65)]
        );
        let obj = |n: usize| {
            format!(
                "{{{}}}",
                (0..n)
                    .map(|i| format!(r#""k{i}":"v""#))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        };
        assert!(problems(&obj(20)).is_empty());
        assert_eq!(problems(&obj(21)), vec![Problem::TooMany(21)]);
    }

    #[test]
    fn placeholders_in_order_and_distinct() {
        let c = b"echo {{a}} {{ b }} {{b-1}} {{a}} {{{c}}} {{}} {{x y}} {{d}";
        assert_eq!(placeholders(c, false), vec!["a", "b-1", "c"]);
        let long = format!("{{{{{}}}}}", "n".repeat(65));
        assert!(placeholders(long.as_bytes(), false).is_empty());
        let ok = format!("{{{{{}}}}}", "n".repeat(64));
        assert_eq!(placeholders(ok.as_bytes(), false).len(), 1);
        assert!(placeholders(b"\xff{{\xfe}} {", true).is_empty());
    }

    #[test]
    fn hidden_placeholders_only_when_asked() {
        let c = b"echo {{tat-hidden:pw}} {{user}} {{tat-hidden:}}";
        assert_eq!(placeholders(c, false), vec!["user"]);
        assert_eq!(placeholders(c, true), vec!["pw", "user"]);
        let p = parse(r#"{"pw":"s3cret","user":"me"}"#, 20, 64);
        assert_eq!(
            preview(c, &p, &Parsed::default(), true),
            b"echo s3cret me {{tat-hidden:}}"
        );
    }

    #[test]
    fn preview_replaces_exactly_the_placeholders() {
        let p = parse(r#"{"a":"1{{b}}"}"#, 20, 64);
        let d = parse(r#"{"a":"x","b":"2"}"#, 20, 64);
        // Values are inserted as they are: a value's own braces are not expanded again.
        assert_eq!(
            preview(b"{{a}}-{{b}}-{{c}}", &p, &d, false),
            b"1{{b}}-2-{{c}}"
        );
    }
}
