//! Checks shared by actions: JSON types, presence, instance IDs, custom-parameter strings.
//!
//! Conventions (choices where the document is silent, each tested):
//! - A required parameter that is absent or `null` is `MissingParameter`.
//! - An optional parameter that is `null` or, for strings, `""` counts as not given: the
//!   service is written in Go, whose JSON decoding reads both as the zero value, "not set".
//! - A value of the wrong JSON type is `InvalidParameter`, never coerced: `"60"` is not a
//!   Timeout and `1` is not a boolean.

use super::catalog::{self, Rule};
use super::Collector;
use crate::json::type_name as json_type;
use crate::params::{self, Parsed, Problem};
use crate::text::shown;
use serde_json::{Map, Value};

/// Reports every key of `obj` not in `known` as `UnknownParameter` (a typo such as
/// `Instanceids` would otherwise be ignored by the caller and refused by the service).
pub(crate) fn unknown_keys(
    c: &mut Collector,
    obj: &Map<String, Value>,
    known: &[&str],
    prefix: &str,
) {
    for key in obj.keys() {
        if !known.contains(&key.as_str()) {
            if c.skip(&catalog::UNKNOWN_PARAMETER) {
                continue;
            }
            let hint = known.iter().find(|k| k.eq_ignore_ascii_case(key));
            let lang = c.lang();
            // The field names the key in full; the message quotes it shortened, so that a
            // huge key does not make a huge message.
            let shown_key = shown(key);
            let message = match hint {
                Some(h) => msg!(
                    lang,
                    "Unknown parameter `{shown_key}`; did you mean `{h}`?",
                    zh!("未知参数 `{shown_key}`，是否应为 `{h}`？"),
                    shown_key,
                    h
                ),
                None => msg!(
                    lang,
                    "Unknown parameter `{shown_key}`.",
                    zh!("未知参数 `{shown_key}`。"),
                    shown_key
                ),
            };
            c.push(
                &catalog::UNKNOWN_PARAMETER,
                format!("{prefix}{key}"),
                message,
            );
        }
    }
}

/// The warning for `key`, a member the service has that the rule set's document does not list
/// (`DefaultParameterConfs` under `seed`): never refused as unknown.
pub(crate) fn newer_key(c: &mut Collector, key: &str) {
    if c.skip(&catalog::NEWER_PARAMETER) {
        return;
    }
    let message = msg!(
        c.lang(),
        "`{key}` is not in the seed document; sent unchecked (`rules: 'latest'` checks it).",
        zh!("seed 文档中没有 `{key}`；将不经检查发送（`rules: 'latest'` 会检查它）。"),
        key
    );
    c.push(&catalog::NEWER_PARAMETER, key, message);
}

/// `MissingParameter` for `field`.
pub(crate) fn missing(c: &mut Collector, field: &str) {
    if c.skip(&catalog::REQUIRED) {
        return;
    }
    let message = msg!(
        c.lang(),
        "{field} is required.",
        zh!("缺少必填参数 {field}。"),
        field
    );
    c.push(&catalog::REQUIRED, field, message);
}

/// `InvalidParameter` for a value of the wrong JSON type.
pub(crate) fn wrong_type(
    c: &mut Collector,
    field: &str,
    want_en: &str,
    want_zh: &str,
    got: &Value,
) {
    // The field `""` is the parameters as a whole.
    let rule = if field.is_empty() {
        &catalog::NOT_OBJECT
    } else {
        &catalog::WRONG_TYPE
    };
    if c.skip(rule) {
        return;
    }
    let got = json_type(got);
    // The field `""` is the parameters as a whole, named as the JS argument is.
    let name = if field.is_empty() { "params" } else { field };
    let message = msg!(
        c.lang(),
        "{name} must be {want_en}, not {got}.",
        zh!("{name} 必须是{want_zh}，而不是 {got}。"),
        name,
        want_en,
        got,
        want_zh
    );
    c.push(rule, field, message);
}

/// The value of `field` if present and not `null`.
pub(crate) fn get<'a>(obj: &'a Map<String, Value>, field: &str) -> Option<&'a Value> {
    obj.get(field).filter(|v| !v.is_null())
}

/// An optional string: `Some` when given and non-empty; wrong types are reported.
pub(crate) fn opt_str<'a>(
    c: &mut Collector,
    obj: &'a Map<String, Value>,
    field: &str,
) -> Option<&'a str> {
    match get(obj, field)? {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s),
        other => {
            wrong_type(c, field, "a string", zh!("字符串"), other);
            None
        }
    }
}

/// A required string: `Some` when given and non-empty; absence and wrong types are reported.
pub(crate) fn req_str<'a>(
    c: &mut Collector,
    obj: &'a Map<String, Value>,
    field: &str,
) -> Option<&'a str> {
    match get(obj, field) {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        None | Some(Value::String(_)) => {
            missing(c, field);
            None
        }
        Some(other) => {
            wrong_type(c, field, "a string", zh!("字符串"), other);
            None
        }
    }
}

/// An optional boolean; wrong types are reported (and read as not given).
pub(crate) fn opt_bool(c: &mut Collector, obj: &Map<String, Value>, field: &str) -> Option<bool> {
    match get(obj, field)? {
        Value::Bool(b) => Some(*b),
        other => {
            wrong_type(
                c,
                field,
                "a boolean (true or false)",
                zh!("布尔值（true 或 false）"),
                other,
            );
            None
        }
    }
}

/// An optional integer within `[min, max]`: wrong types are `InvalidParameter`, values
/// outside the range `InvalidParameterValue.Range`.
///
/// A number with a fraction or an exponent (`60.0`, `6e1`) is refused as not an integer: the
/// service decodes it into an integer type and would refuse it too.
pub(crate) fn opt_int_in(
    c: &mut Collector,
    obj: &Map<String, Value>,
    field: &str,
    min: i64,
    max: i64,
) -> Option<i64> {
    let v = get(obj, field)?;
    let n = match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => n,
        other => {
            wrong_type(c, field, "an integer", zh!("整数"), other);
            return None;
        }
    };
    in_range(c, field, n, min, max)
}

/// The integer `n` when within `min..=max`; `InvalidParameterValue.Range` when not.
pub(crate) fn in_range(
    c: &mut Collector,
    field: &str,
    n: &serde_json::Number,
    min: i64,
    max: i64,
) -> Option<i64> {
    match n.as_i64() {
        Some(i) if (min..=max).contains(&i) => Some(i),
        _ => {
            let message = msg!(
                c.lang(),
                "{field} must be between {min} and {max}; got {n}.",
                zh!("{field} 的取值范围为 [{min}, {max}]，当前为 {n}。"),
                field,
                min,
                max,
                n = crate::json::Integer(n)
            );
            c.push(&catalog::RANGE, field, message);
            None
        }
    }
}

/// An optional array: `Some` when given; wrong types are reported.
pub(crate) fn opt_array<'a>(
    c: &mut Collector,
    obj: &'a Map<String, Value>,
    field: &str,
    want_en: &str,
    want_zh: &str,
) -> Option<&'a Vec<Value>> {
    match get(obj, field)? {
        Value::Array(a) => Some(a),
        other => {
            wrong_type(c, field, want_en, want_zh, other);
            None
        }
    }
}

/// The family of an instance ID, by prefix; mixing families in one request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceKind {
    /// CVM, `ins-`.
    Cvm,
    /// Lighthouse, `lhins-`.
    Lighthouse,
    /// TAT managed instance, `mi-` (`latest` rule set only).
    Managed,
}

impl InstanceKind {
    /// The kind's name in messages, English and Chinese.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            InstanceKind::Cvm => ("CVM", "CVM"),
            InstanceKind::Lighthouse => ("Lighthouse", zh!("轻量应用服务器")),
            InstanceKind::Managed => ("managed", zh!("托管实例")),
        }
    }

    fn of_prefix(prefix: &str) -> InstanceKind {
        match prefix {
            "lhins-" => InstanceKind::Lighthouse,
            "mi-" => InstanceKind::Managed,
            _ => InstanceKind::Cvm,
        }
    }
}

/// The prefix of `id` when it is one of `prefixes` followed by `suffix_len` characters of
/// `[a-z0-9]`, the form of every TAT and CVM resource ID (`ins-`, `cmd-`, `inv-`...).
pub(crate) fn id_prefix<'p>(id: &str, prefixes: &[&'p str], suffix_len: usize) -> Option<&'p str> {
    prefixes.iter().copied().find(|p| {
        id.strip_prefix(p).is_some_and(|rest| {
            rest.len() == suffix_len
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
    })
}

/// The forms an ID may take, for messages: `ins-xxxxxxxx / lhins-xxxxxxxx`.
pub(crate) fn id_forms(prefixes: &[&str], suffix_len: usize) -> String {
    let x = "x".repeat(suffix_len);
    prefixes
        .iter()
        .map(|p| format!("{p}{x}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The kind of a well-formed instance ID under `limits`, or `None` when malformed.
pub fn instance_kind(id: &str, limits: &super::Limits) -> Option<InstanceKind> {
    id_prefix(
        id,
        limits.instance_id_prefixes,
        limits.instance_id_suffix_len,
    )
    .map(InstanceKind::of_prefix)
}

/// One instance ID at `field` (named only if reported): its kind, or `None` after reporting
/// it malformed. Shared by `InstanceIds` of RunCommand, the other actions and the fleet split.
pub(crate) fn instance_id(
    c: &mut Collector,
    field: impl FnOnce() -> String,
    id: &str,
    limits: &super::Limits,
) -> Option<InstanceKind> {
    let kind = instance_kind(id, limits);
    if kind.is_none() && !c.skip(&catalog::INSTANCE_ID_FORM) {
        let forms = id_forms(limits.instance_id_prefixes, limits.instance_id_suffix_len);
        let id = shown(id);
        let message = msg!(
            c.lang(),
            "`{id}` does not look like an instance ID ({forms}); the service may refuse it.",
            zh!("`{id}` 不像实例 ID（{forms}）；服务可能拒绝。"),
            id,
            forms
        );
        c.push(&catalog::INSTANCE_ID_FORM, field(), message);
    }
    kind
}

/// [`instance_id`] for a JSON value: anything but a string is reported as the wrong type.
pub(crate) fn instance_id_value(
    c: &mut Collector,
    field: impl FnOnce() -> String,
    id: &Value,
    limits: &super::Limits,
) -> Option<InstanceKind> {
    match id {
        Value::String(id) => instance_id(c, field, id, limits),
        other => {
            wrong_type(
                c,
                &field(),
                "an instance ID string",
                zh!("实例 ID 字符串"),
                other,
            );
            None
        }
    }
}

/// Reports instance kinds mixed in one request, at `field`; the kinds named come from
/// `limits` (CVM and Lighthouse in `seed`, managed instances too in `latest`).
pub(crate) fn mixed_instances(c: &mut Collector, field: &str, limits: &super::Limits) {
    let kinds: Vec<(&str, &str, &str)> = limits
        .instance_id_prefixes
        .iter()
        .map(|&p| {
            let (en, zh) = InstanceKind::of_prefix(p).names();
            (en, zh, p)
        })
        .collect();
    let (en, zh) = match kinds.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let en: Vec<String> = rest
                .iter()
                .map(|(n, _, p)| format!("only {n} ({p})"))
                .collect();
            let zh: Vec<String> = rest.iter().map(|(_, n, p)| format!("{n}（{p}）")).collect();
            (
                format!("{} or only {} ({})", en.join(", "), last.0, last.2),
                format!("{}或{}（{}）", zh.join("、"), last.1, last.2),
            )
        }
        _ => (String::from("one kind"), String::from(zh!("一种"))),
    };
    let message = msg!(
        c.lang(),
        "{field} mixes instance types; one request takes {en} instances.",
        zh!("{field} 混用了实例类型；单个请求只能指定 {zh}实例之一。"),
        field,
        en,
        zh
    );
    c.push(&catalog::INSTANCE_MIXED, field, message);
}

/// `InstanceIds`: required, 1 to `instance_ids_max` well-formed IDs of one kind.
///
/// Over the limit, the elements are not examined: a huge list is refused by its length alone.
/// An empty list is `MissingParameter` (nothing to run on). Duplicates pass: the document
/// does not forbid them.
pub(crate) fn instance_ids(c: &mut Collector, obj: &Map<String, Value>, field: &str) {
    let Some(ids) = opt_array(
        c,
        obj,
        field,
        "an array of instance ID strings",
        zh!("实例 ID 字符串数组"),
    ) else {
        if get(obj, field).is_none() {
            missing(c, field);
        }
        return;
    };
    let limits = c.limits();
    let max = limits.instance_ids_max;
    if ids.is_empty() {
        let message = msg!(
            c.lang(),
            "{field} needs at least one instance ID.",
            zh!("{field} 至少需要一个实例 ID。"),
            field
        );
        c.push(&catalog::REQUIRED, field, message);
        return;
    }
    if ids.len() > max {
        let n = ids.len();
        let message = msg!(
            c.lang(),
            "{field} allows at most {max} instance IDs; got {n}.",
            zh!("{field} 最多允许 {max} 个实例 ID，当前为 {n} 个。"),
            field,
            max,
            n
        );
        c.push(&catalog::ITEMS_MAX, field, message);
        return;
    }
    let mut first: Option<InstanceKind> = None;
    let mut mixed = false;
    for (i, id) in ids.iter().enumerate() {
        // Named only when reported: formatting it for every valid ID was a measurable share
        // of validating a request (one allocation per instance).
        match instance_id_value(c, || format!("{field}[{i}]"), id, limits) {
            Some(kind) if first.is_none() => first = Some(kind),
            Some(kind) => mixed |= first != Some(kind),
            None => {}
        }
    }
    if mixed {
        mixed_instances(c, field, limits);
    }
}

/// Parses and checks one custom-parameter JSON string (`Parameters` or `DefaultParameters`),
/// reporting each problem with its code. `None` when the field is absent.
pub(crate) fn custom_parameters(
    c: &mut Collector,
    obj: &Map<String, Value>,
    field: &str,
) -> Option<Parsed> {
    let text = opt_str(c, obj, field)?;
    let limits = c.limits();
    let parsed = params::parse(text, limits.parameters_max, limits.parameter_key_max_chars);
    report_parameters(c, field, &parsed);
    Some(parsed)
}

/// Reports the problems of parsed custom parameters, each with its code, on `field` or
/// `field.<name>`.
pub(crate) fn report_parameters(c: &mut Collector, field: &str, parsed: &Parsed) {
    let limits = c.limits();
    let lang = c.lang();
    for p in &parsed.problems {
        // Key-level problems name the key in the field (`Parameters.varA`), shortened so a
        // huge hostile key does not make a huge field name or message.
        let key = match p {
            Problem::DuplicateKey(k)
            | Problem::KeyInvalidChar(k)
            | Problem::KeyTooLong(k, _)
            | Problem::ValueNotString(k, _) => Some(shown(k)),
            Problem::InvalidJson { .. } | Problem::NotObject(_) | Problem::TooMany(_) => None,
        };
        let f = match &key {
            Some(k) => format!("{field}.{k}"),
            None => field.to_owned(),
        };
        let k = key.unwrap_or_default();
        let (rule, message): (&'static Rule, String) = match p {
            Problem::InvalidJson { line, column } => (
                &catalog::PARAMETERS_JSON,
                msg!(
                    lang,
                    "{field} is not valid JSON (line {line}, column {column}).",
                    zh!("{field} 不是合法的 JSON（第 {line} 行第 {column} 列）。"), field, line, column
                ),
            ),
            Problem::NotObject(kind) => (
                &catalog::PARAMETERS_OBJECT,
                msg!(
                    lang,
                    "{field} must be a JSON object of names to string values, such as {{\"varA\": \"222\"}}; got {kind}.",
                    zh!("{field} 必须是名称到字符串值的 JSON 对象，例如 {{\"varA\": \"222\"}}；当前为 {kind}。"), field, kind
                ),
            ),
            Problem::DuplicateKey(_) => (
                &catalog::PARAMETERS_KEY_DUPLICATE,
                msg!(lang, "{field} has the key `{k}` more than once.", zh!("{field} 中的键 `{k}` 重复。"), field, k),
            ),
            Problem::KeyInvalidChar(_) => (
                &catalog::PARAMETERS_KEY_CHARS,
                msg!(
                    lang,
                    "Parameter name `{k}` may only contain letters, digits, `-` and `_`, and must not be empty.",
                    zh!("参数名 `{k}` 只能包含字母、数字、`-` 和 `_`，且不能为空。"), k
                ),
            ),
            Problem::KeyTooLong(_, n) => {
                let max = limits.parameter_key_max_chars;
                (
                    &catalog::PARAMETERS_KEY_LENGTH,
                    msg!(
                        lang,
                        "Parameter name is {n} characters long; at most {max} are allowed.",
                        zh!("参数名长度为 {n} 个字符，最多允许 {max} 个。"), n, max
                    ),
                )
            }
            Problem::TooMany(n) => {
                let max = limits.parameters_max;
                (
                    &catalog::PARAMETERS_MAX,
                    msg!(lang, "{field} has {n} parameters; at most {max} are allowed.", zh!("{field} 有 {n} 个参数，最多允许 {max} 个。"), field, n, max),
                )
            }
            Problem::ValueNotString(_, kind) => (
                &catalog::PARAMETERS_VALUE,
                msg!(
                    lang,
                    "The value of `{k}` must be a string; got {kind}.",
                    zh!("参数 `{k}` 的值必须是字符串，当前为 {kind}。"), k, kind
                ),
            ),
        };
        c.push(rule, f, message);
    }
}

/// Whether `s` has a control character (C0, DEL or C1), which no name or path may carry.
pub(crate) fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// The value of `allowed` that `value` is, if any. One of `allowed` in other letters (`shell`)
/// is a warning ([`catalog::VALUE_CASE`]) and counts as that value; anything else is reported
/// on `field` by `rule`, listing the choices.
pub(crate) fn one_of(
    c: &mut Collector,
    rule: &'static Rule,
    field: &str,
    value: &str,
    allowed: &[&'static str],
) -> Option<&'static str> {
    if let Some(v) = allowed.iter().find(|a| **a == value) {
        return Some(v);
    }
    let list = allowed.join(", ");
    let v = shown(value);
    if let Some(a) = allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
        let message = msg!(
            c.lang(),
            "{field} `{v}` is written {a} in the documents; the service may compare it case-sensitively.",
            zh!("{field} `{v}` 在文档中写作 {a}；服务可能区分大小写。"), field, v, a
        );
        c.push(&catalog::VALUE_CASE, field, message);
        return Some(a);
    }
    let message = msg!(
        c.lang(),
        "{field} `{v}` is not supported; use one of {list}.",
        zh!("不支持 {field} `{v}`；可选值为 {list}。"),
        field,
        v,
        list
    );
    c.push(rule, field, message);
    None
}

/// `CommandName` as api.json gives it ("中文、英文、数字、下划线、分隔符"-"、小数点"): Chinese
/// (the CJK ideograph blocks), ASCII letters and digits, `_`, `-` and `.`. The RunCommand seed
/// document allows only ASCII (see `run_command.rs`). (Ranges rather than
/// `char::is_alphabetic`, whose Unicode tables would add kilobytes to the wasm.)
pub(crate) fn command_name_chars(c: &mut Collector, name: &str) {
    let chinese = |ch: char| {
        matches!(ch,
            '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{2ebef}'
            | '\u{30000}'..='\u{3134f}')
    };
    let ok = name
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.') || chinese(ch));
    if !ok {
        let message = msg!(
            c.lang(),
            "CommandName may only contain Chinese characters, letters, digits, `_`, `-` and `.`.",
            zh!("CommandName 只能包含中文、字母、数字、`_`、`-` 和 `.`。")
        );
        c.push(&catalog::COMMAND_NAME_CHARS, "CommandName", message);
    }
}
