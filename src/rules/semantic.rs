//! Rules the API description states only in prose, for the actions other than RunCommand
//! (whose rules are `run_command.rs`, exact to the specification). They run after the generic
//! checks of [`super::schema`], on values whose JSON type is already right, and key on the
//! parameter name, since the same parameter means the same thing in every action.
//!
//! Choices, each tested:
//! - Resource IDs are a prefix and 8 characters of `[a-z0-9]`: commands `cmd-`, invocations
//!   `inv-`, invocation tasks `invt-`, invokers `ivk-`; instances `ins-` (CVM), `lhins-`
//!   (Lighthouse) or `mi-` (TAT managed instances, which every action but RunCommand's seed
//!   document accepts); the register-instance actions take only `mi-`.
//! - `CommandType` is SHELL, POWERSHELL or BAT; an invoker's `Type` is SCHEDULE; a schedule's
//!   `Policy` is ONCE (needs `InvokeTime`) or RECURRENCE (needs `Recurrence`, a cron
//!   expression of 5 to 7 fields).
//! - `PreviewReplacedCommandContent` takes exactly one of `CommandId` and `Content`.

use super::fields::{self, shown, InstanceKind};
use super::{run_command, Collector};
use crate::errors::codes;
use serde_json::{Map, Value};

/// The ID families, by parameter name: (names, prefixes, code).
const ID_FIELDS: &[(&[&str], &[&str], &str)] = &[
    (
        &["CommandId", "CommandIds"],
        &["cmd-"],
        codes::INVALID_PARAMETER_VALUE_INVALID_COMMAND_ID,
    ),
    (
        &["InvocationId", "InvocationIds"],
        &["inv-"],
        codes::INVALID_PARAMETER_VALUE_INVALID_INVOCATION_ID,
    ),
    (
        &["InvocationTaskIds"],
        &["invt-"],
        codes::INVALID_PARAMETER_VALUE_INVALID_INVOCATION_TASK_ID,
    ),
    (
        &["InvokerId", "InvokerIds"],
        &["ivk-"],
        codes::INVALID_PARAMETER_VALUE_INVALID_INVOKER_ID,
    ),
];

/// The actions about TAT managed instances, whose instance IDs are `mi-` only.
const REGISTER_INSTANCE_ACTIONS: &[&str] = &[
    "DeleteRegisterInstance",
    "DescribeRegisterInstances",
    "ModifyRegisterInstance",
];

/// The characters after an ID's prefix.
const ID_SUFFIX_LEN: usize = 8;

pub(crate) fn check(c: &mut Collector, action: &str, obj: &Map<String, Value>) {
    for (names, prefixes, code) in ID_FIELDS {
        for name in *names {
            ids(c, obj, name, prefixes, code);
        }
    }
    if REGISTER_INSTANCE_ACTIONS.contains(&action) {
        for name in ["InstanceId", "InstanceIds"] {
            ids(
                c,
                obj,
                name,
                &["mi-"],
                codes::INVALID_PARAMETER_VALUE_INVALID_REGISTER_INSTANCE_ID,
            );
        }
    } else {
        instances(c, obj);
    }
    // An empty optional string is "not given", as everywhere (opt_str); `content` is the
    // required-field check of RunCommand, so it only sees a non-empty one.
    if let Some(Value::String(s)) = fields::get(obj, "Content") {
        if !s.is_empty() {
            run_command::content(c, obj, false);
        }
    }
    // The other actions' CommandType: the types the service takes today (the limits table's).
    enumeration(c, obj, "CommandType", super::limits::LATEST.command_types);
    command_name(c, obj);
    if action.ends_with("Invoker") {
        enumeration(c, obj, "Type", &["SCHEDULE"]);
    }
    // The shared checks below run on strings only: the generic checks have already reported
    // a value of another type, once.
    let is_text = |name| matches!(fields::get(obj, name), Some(Value::String(_)));
    for name in ["Parameters", "DefaultParameters"] {
        if is_text(name) {
            fields::custom_parameters(c, obj, name);
        }
    }
    if let Some(Value::Object(s)) = fields::get(obj, "ScheduleSettings") {
        schedule(c, s);
    }
    if action == "PreviewReplacedCommandContent" {
        exactly_one(c, obj, "CommandId", "Content");
    }
    if is_text("OutputCOSBucketUrl") {
        run_command::cos_bucket_url(c, obj);
    }
    if is_text("OutputCOSKeyPrefix") {
        run_command::cos_key_prefix(c, obj);
    }
}

/// Every string of `name` (one ID or a list of them) must be a prefix and 8 of `[a-z0-9]`.
fn ids(
    c: &mut Collector,
    obj: &Map<String, Value>,
    name: &str,
    prefixes: &[&str],
    code: &'static str,
) {
    for (field, id) in strings(c, obj, name) {
        if fields::id_prefix(id, prefixes, ID_SUFFIX_LEN).is_none() {
            let forms = fields::id_forms(prefixes, ID_SUFFIX_LEN);
            let id = shown(id);
            let message = msg!(
                c.lang(),
                "`{id}` is not a valid ID (expected {forms}).",
                "`{id}` 不是合法的 ID（应为 {forms}）。"
            );
            c.push(field, code, message);
        }
    }
}

/// Instance IDs of CVM, Lighthouse and managed instances, one family per request.
fn instances(c: &mut Collector, obj: &Map<String, Value>) {
    let limits = &super::limits::LATEST;
    let mut kinds: Vec<InstanceKind> = Vec::new();
    for name in ["InstanceId", "InstanceIds"] {
        for (field, id) in strings(c, obj, name) {
            match fields::instance_id(c, || field, id, limits) {
                Some(k) if !kinds.contains(&k) => kinds.push(k),
                _ => {}
            }
        }
    }
    if kinds.len() > 1 {
        fields::mixed_instances(c, "InstanceIds", limits);
    }
}

/// The strings of `name`: itself when a string, its string items when a list. A field the
/// generic checks already refused (a list over its limit) is not examined again.
fn strings<'a>(c: &Collector, obj: &'a Map<String, Value>, name: &str) -> Vec<(String, &'a str)> {
    if c.has_error_at(name) {
        return Vec::new();
    }
    match fields::get(obj, name) {
        Some(Value::String(s)) if !s.is_empty() => vec![(name.to_owned(), s.as_str())],
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_str().map(|s| (format!("{name}[{i}]"), s)))
            .collect(),
        _ => Vec::new(),
    }
}

/// `CommandName` of CreateCommand and ModifyCommand: "中文、英文、数字、下划线、分隔符"-"、小数点"
/// (Chinese is allowed here, unlike RunCommand's seed document); the byte limit is generic.
fn command_name(c: &mut Collector, obj: &Map<String, Value>) {
    let Some(Value::String(name)) = fields::get(obj, "CommandName") else {
        return;
    };
    let ok = name.chars().all(|ch| {
        ch.is_ascii_alphanumeric()
            || matches!(ch, '_' | '-' | '.')
            || ('\u{4e00}'..='\u{9fff}').contains(&ch)
    });
    if !ok {
        let message = msg!(
            c.lang(),
            "CommandName may only contain Chinese characters, letters, digits, `_`, `-` and `.`.",
            "CommandName 只能包含中文、字母、数字、`_`、`-` 和 `.`。"
        );
        c.push(
            "CommandName",
            codes::INVALID_PARAMETER_VALUE_INVALID_COMMAND_NAME,
            message,
        );
    }
}

fn enumeration(c: &mut Collector, obj: &Map<String, Value>, name: &str, allowed: &[&str]) {
    if let Some(Value::String(v)) = fields::get(obj, name) {
        if !v.is_empty() {
            fields::one_of(c, name, v, allowed);
        }
    }
}

/// `ScheduleSettings`: `Policy` ONCE needs `InvokeTime`; RECURRENCE needs a cron `Recurrence`.
fn schedule(c: &mut Collector, s: &Map<String, Value>) {
    let lang = c.lang();
    let policy = s.get("Policy").and_then(Value::as_str).unwrap_or("");
    match policy {
        "ONCE" => {
            if fields::get(s, "InvokeTime").is_none() {
                fields::missing(c, "ScheduleSettings.InvokeTime");
            }
        }
        "RECURRENCE" => match s.get("Recurrence").and_then(Value::as_str) {
            None | Some("") => fields::missing(c, "ScheduleSettings.Recurrence"),
            Some(cron) if !is_cron(cron) => {
                let cron = shown(cron);
                let message = msg!(
                    lang,
                    "`{cron}` is not a cron expression (5 to 7 fields of digits and * , - / ? L W #).",
                    "`{cron}` 不是合法的 Crontab 表达式（5 到 7 个字段，由数字与 * , - / ? L W # 组成）。"
                );
                c.push(
                    "ScheduleSettings.Recurrence",
                    codes::INVALID_PARAMETER_VALUE_INVALID_CRON_EXPRESSION,
                    message,
                );
            }
            Some(_) => {}
        },
        "" => {}
        other => {
            let other = shown(other);
            let message = msg!(
                lang,
                "Policy `{other}` is not supported; use ONCE or RECURRENCE.",
                "不支持 Policy `{other}`；可选值为 ONCE、RECURRENCE。"
            );
            c.push(
                "ScheduleSettings.Policy",
                codes::INVALID_PARAMETER_VALUE,
                message,
            );
        }
    }
}

/// A cron expression: 5 to 7 fields, each of digits, `*`, `,`, `-`, `/`, `?`, `L`, `W`, `#`,
/// or month and day names.
pub fn is_cron(s: &str) -> bool {
    let fields: Vec<&str> = s.split_ascii_whitespace().collect();
    (5..=7).contains(&fields.len())
        && fields.iter().all(|f| {
            f.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'*' | b',' | b'-' | b'/' | b'?' | b'#')
            })
        })
}

fn exactly_one(c: &mut Collector, obj: &Map<String, Value>, a: &str, b: &str) {
    let given = |n: &str| matches!(fields::get(obj, n), Some(Value::String(s)) if !s.is_empty());
    match (given(a), given(b)) {
        (false, false) => {
            let message = msg!(
                c.lang(),
                "Give either {a} or {b}.",
                "须指定 {a} 或 {b} 之一。"
            );
            c.push(a, codes::MISSING_PARAMETER, message);
        }
        (true, true) => {
            let message = msg!(
                c.lang(),
                "Give only one of {a} and {b}.",
                "{a} 与 {b} 只能指定一个。"
            );
            c.push(b, codes::INVALID_PARAMETER_CONFLICT_PARAMETER, message);
        }
        _ => {}
    }
}
