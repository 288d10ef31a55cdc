//! Generic checks driven by the generated description of every action (`generated.rs`):
//! unknown and missing parameters, JSON types, list sizes, string lengths, integer ranges,
//! filter names, and parameters that may not be given together. What the description states
//! only in prose for a particular field (ID formats, enumerations, cron expressions...) lives
//! in [`super::semantic`].

use super::catalog;
use super::fields;
use super::Collector;
use crate::text::shown;
use serde_json::{Map, Value};

/// A parameter's JSON type, as the API description names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `string`.
    Str,
    /// `string` holding a time, `YYYY-MM-DDThh:mm:ssZ`.
    DateTime,
    /// `int64`.
    Int,
    /// `uint64`.
    Uint,
    /// `bool`.
    Bool,
    /// An object with these members.
    Obj(&'static [Param]),
    /// A list of this kind.
    List(&'static Kind),
}

/// A length limit stated by the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Len {
    /// At most this many characters (Unicode scalar values).
    Chars(usize),
    /// At most this many UTF-8 bytes.
    Bytes(usize),
}

/// One parameter of an action (or member of an object).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The API name.
    pub name: &'static str,
    /// Its JSON type.
    pub kind: Kind,
    /// Whether it must be given.
    pub required: bool,
    /// A length limit for strings.
    pub len: Option<Len>,
    /// An inclusive range for integers.
    pub range: Option<(i64, i64)>,
    /// The most items a list may hold.
    pub items_max: Option<usize>,
    /// For `Filters`: the filter names the action accepts.
    pub filter_names: &'static [&'static str],
    /// For `Filters`: the most values one filter may hold.
    pub filter_values_max: Option<usize>,
}

/// One action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    /// The action name, `DescribeInvocationTasks`.
    pub name: &'static str,
    /// Its parameters, in the description's order.
    pub params: &'static [Param],
    /// Pairs of parameters that may not be given together.
    pub conflicts: &'static [(&'static str, &'static str)],
}

/// The description of `action`, if TAT has it.
pub fn action(name: &str) -> Option<&'static Action> {
    super::generated::ACTIONS.iter().find(|a| a.name == name)
}

/// The description of parameter `name` in `params`.
pub fn param(params: &'static [Param], name: &str) -> Option<&'static Param> {
    params.iter().find(|p| p.name == name)
}

/// Checks `obj` against `params`; `prefix` is the field path of the object (`""` at the top,
/// `Tags[0].` inside a list).
pub(crate) fn check_object(
    c: &mut Collector,
    obj: &Map<String, Value>,
    params: &'static [Param],
    prefix: &str,
) {
    let names: Vec<&str> = params.iter().map(|p| p.name).collect();
    fields::unknown_keys(c, obj, &names, prefix);
    for p in params {
        check_param(c, obj, p, prefix);
    }
}

/// Checks one parameter of `obj`.
pub(crate) fn check_param(c: &mut Collector, obj: &Map<String, Value>, p: &Param, prefix: &str) {
    // At the top level (most parameters) the field is the name itself: no allocation.
    let field: std::borrow::Cow<'_, str> = if prefix.is_empty() {
        p.name.into()
    } else {
        format!("{prefix}{}", p.name).into()
    };
    match fields::get(obj, p.name) {
        None => {
            if p.required {
                fields::missing(c, &field);
            }
        }
        Some(v) => check_value(c, v, p, p.kind, &field),
    }
}

/// Checks the pairs that may not be given together: the second of a pair is reported.
pub(crate) fn check_conflicts(
    c: &mut Collector,
    obj: &Map<String, Value>,
    conflicts: &[(&str, &str)],
) {
    let given = |name: &str| match fields::get(obj, name) {
        None => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    };
    for (a, b) in conflicts {
        if given(a) && given(b) {
            let message = msg!(
                c.lang(),
                "{a} and {b} cannot be given together.",
                zh!("{a} 与 {b} 不能同时指定。"),
                a,
                b
            );
            c.push(&catalog::CONFLICT, *b, message);
        }
    }
}

fn check_value(c: &mut Collector, v: &Value, p: &Param, kind: Kind, field: &str) {
    let lang = c.lang();
    match (kind, v) {
        (Kind::Str, Value::String(s)) => {
            if s.is_empty() && p.required {
                fields::missing(c, field);
            } else if let Some(len) = p.len {
                let (n, max, unit_en, unit_zh) = match len {
                    // At most `max` bytes is at most `max` characters: counted only when
                    // longer (the count is what the message shows).
                    Len::Chars(max) if s.len() <= max => (s.len(), max, "", ""),
                    Len::Chars(max) => (s.chars().count(), max, "characters", zh!("个字符")),
                    Len::Bytes(max) => (s.len(), max, "bytes", zh!("字节")),
                };
                if n > max {
                    let message = msg!(
                        lang,
                        "{field} is {n} {unit_en} long; at most {max} are allowed.",
                        zh!("{field} 长度为 {n} {unit_zh}，最多允许 {max} {unit_zh}。"),
                        field,
                        n,
                        unit_en,
                        max,
                        unit_zh
                    );
                    c.push(&catalog::TOO_LONG, field, message);
                }
            }
        }
        (Kind::DateTime, Value::String(s)) => {
            if !is_iso_datetime(s) {
                let s = shown(s);
                let message = msg!(
                    lang,
                    "{field} must be a time as YYYY-MM-DDThh:mm:ssZ (or with an offset, +08:00); got `{s}`.",
                    zh!("{field} 的时间格式应为 YYYY-MM-DDThh:mm:ssZ（或带时区偏移，如 +08:00），当前为 `{s}`。"), field, s
                );
                c.push(&catalog::TIME_FORMAT, field, message);
            }
        }
        (Kind::Int | Kind::Uint, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            let (min, max) = p.range.unwrap_or((i64::MIN, i64::MAX));
            let min = if kind == Kind::Uint { min.max(0) } else { min };
            fields::in_range(c, field, n, min, max);
        }
        (Kind::Bool, Value::Bool(_)) => {}
        (Kind::Obj(members), Value::Object(o)) => check_object(c, o, members, &format!("{field}.")),
        (Kind::List(inner), Value::Array(items)) => {
            if let Some(max) = p.items_max.filter(|max| items.len() > *max) {
                // Over the limit, the items are not examined: a huge list is refused by its
                // length alone.
                let n = items.len();
                let message = msg!(
                    lang,
                    "{field} allows at most {max} items; got {n}.",
                    zh!("{field} 最多允许 {max} 项，当前为 {n} 项。"),
                    field,
                    max,
                    n
                );
                c.push(&catalog::ITEMS_MAX, field, message);
                return;
            }
            if items.is_empty() && p.required {
                fields::missing(c, field);
            }
            for (i, item) in items.iter().enumerate() {
                check_value(c, item, p, *inner, &format!("{field}[{i}]"));
            }
            if !p.filter_names.is_empty() {
                check_filters(c, items, p, field);
            }
        }
        (kind, other) => {
            let (en, zh) = describe(kind);
            fields::wrong_type(c, field, en, zh, other);
        }
    }
}

/// `Filters`: each name must be one the action accepts, with at most the stated values.
fn check_filters(c: &mut Collector, items: &[Value], p: &Param, field: &str) {
    let lang = c.lang();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(f) = item else { continue };
        if let Some(Value::String(name)) = f.get("Name") {
            if !filter_known(p.filter_names, name) && !c.skip(&catalog::FILTER_NAME) {
                let known = crate::text::replace(&p.filter_names.join(", "), "tag:", "tag:<key>");
                let name = shown(name);
                let message = msg!(
                    lang,
                    "Unknown filter `{name}`; this action filters by {known}.",
                    zh!("未知的过滤条件 `{name}`；此接口支持 {known}。"),
                    name,
                    known
                );
                c.push(&catalog::FILTER_NAME, format!("{field}[{i}].Name"), message);
            }
        }
        if let (Some(Value::Array(values)), Some(max)) = (f.get("Values"), p.filter_values_max) {
            if values.len() > max {
                let n = values.len();
                let message = msg!(
                    lang,
                    "A filter holds at most {max} values; got {n}.",
                    zh!("单个过滤条件最多 {max} 个取值，当前为 {n} 个。"),
                    max,
                    n
                );
                c.push(
                    &catalog::FILTER_VALUES,
                    format!("{field}[{i}].Values"),
                    message,
                );
            }
        }
    }
}

/// Whether `name` is one of `known`; a known name ending in `:` (`tag:`, from the
/// description's `tag:tag-key`, "tag-key使用具体的标签键进行替换") stands for itself followed by
/// any key.
fn filter_known(known: &[&str], name: &str) -> bool {
    known.iter().any(|k| match k.strip_suffix(':') {
        Some(_) => name.len() > k.len() && name.starts_with(k),
        None => *k == name,
    })
}

/// The English and Chinese names of a kind, for type errors.
fn describe(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Str | Kind::DateTime => ("a string", zh!("字符串")),
        Kind::Int | Kind::Uint => ("an integer", zh!("整数")),
        Kind::Bool => ("a boolean (true or false)", zh!("布尔值（true 或 false）")),
        Kind::Obj(_) => ("an object", zh!("对象")),
        Kind::List(_) => ("an array", zh!("数组")),
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` as api.json states, or `YYYY-MM-DDThh:mm:ss+hh:mm` (or `-hh:mm`) as
/// its own example writes it, with a valid calendar date, time and offset.
fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let zone_ok = match b.get(19..) {
        Some(b"Z") => true,
        Some([b'+' | b'-', h1, h2, b':', m1, m2]) => {
            let digits = [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit());
            digits && (h1 - b'0') * 10 + (h2 - b'0') < 24 && (m1 - b'0') * 10 + (m2 - b'0') < 60
        }
        _ => false,
    };
    if !zone_ok || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|d| d.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && h < 24 && mi < 60 && se < 60
}

#[cfg(test)]
mod tests {
    use super::is_iso_datetime;

    #[test]
    fn iso_datetimes() {
        assert!(is_iso_datetime("2026-11-23T09:00:00Z"));
        assert!(is_iso_datetime("2024-02-29T23:59:59Z"));
        assert!(!is_iso_datetime("2023-02-29T00:00:00Z"));
        assert!(!is_iso_datetime("2026-11-23 09:00:00"));
        assert!(!is_iso_datetime("2026-11-23T24:00:00Z"));
        assert!(!is_iso_datetime("2026-13-01T00:00:00Z"));
        assert!(!is_iso_datetime("２０２６-11-23T09:00:00Z"));
        // The offset form of api.json's own example.
        assert!(is_iso_datetime("2021-09-01T00:00:00+08:00"));
        assert!(is_iso_datetime("2021-09-01T00:00:00-05:30"));
        assert!(!is_iso_datetime("2021-09-01T00:00:00+24:00"));
        assert!(!is_iso_datetime("2021-09-01T00:00:00+0800"));
        assert!(!is_iso_datetime("2021-09-01T00:00:00"));
    }
}
