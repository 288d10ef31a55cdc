//! Rules the API description states only in prose, for the actions other than RunCommand
//! (whose rules are `run_command.rs`, exact to the specification). They run after the generic
//! checks of [`super::schema`], on values whose JSON type is already right, and key on the
//! parameter name, since the same parameter means the same thing in every action. Each
//! reports through its row of [`super::catalog`], which gives its source and level.
//!
//! - Resource IDs (a warning: no document gives their form): commands `cmd-`, invocations
//!   `inv-`, invocation tasks `invt-`, invokers `ivk-`, and 8 characters of `[a-z0-9]`;
//!   instances `ins-` (CVM), `lhins-` (Lighthouse) or `mi-` (TAT managed instances). The
//!   managed-instance actions' IDs are not checked: their own examples disagree on the form
//!   (`rins-uf673dgi`, `rinst-xdfaxfgax`).
//! - `CommandType` is SHELL, POWERSHELL or BAT; an invoker's `Type` is SCHEDULE; a schedule's
//!   `Policy` is ONCE (needs `InvokeTime`) or RECURRENCE (needs `Recurrence`, a cron
//!   expression of 5 to 7 fields).
//! - `PreviewReplacedCommandContent` takes exactly one of `CommandId` and `Content`.

use super::catalog::{self, Rule};
use super::fields::{self, InstanceKind};
use super::{run_command, Collector};
use crate::text::shown;
use serde_json::{Map, Value};

/// The ID families, by parameter name: (names, prefixes).
const ID_FIELDS: &[(&[&str], &[&str])] = &[
    (&["CommandId", "CommandIds"], &["cmd-"]),
    (&["InvocationId", "InvocationIds"], &["inv-"]),
    (&["InvocationTaskIds"], &["invt-"]),
    (&["InvokerId", "InvokerIds"], &["ivk-"]),
];

/// The actions about TAT managed instances, whose instance IDs are not checked.
const REGISTER_INSTANCE_ACTIONS: &[&str] = &[
    "DeleteRegisterInstance",
    "DescribeRegisterInstances",
    "ModifyRegisterInstance",
];

/// The characters after an ID's prefix.
const ID_SUFFIX_LEN: usize = 8;

pub(crate) fn check(c: &mut Collector, action: &str, obj: &Map<String, Value>) {
    for (names, prefixes) in ID_FIELDS {
        for name in *names {
            ids(c, obj, name, prefixes);
        }
    }
    if !REGISTER_INSTANCE_ACTIONS.contains(&action) {
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
    enumeration(
        c,
        obj,
        &catalog::COMMAND_TYPE,
        "CommandType",
        super::limits::LATEST.command_types,
    );
    if let Some(Value::String(name)) = fields::get(obj, "CommandName") {
        fields::command_name_chars(c, name);
    }
    if action.ends_with("Invoker") {
        enumeration(c, obj, &catalog::INVOKER_TYPE, "Type", &["SCHEDULE"]);
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

/// Every string of `name` (one ID or a list of them) should be a prefix and 8 of `[a-z0-9]`.
fn ids(c: &mut Collector, obj: &Map<String, Value>, name: &str, prefixes: &[&str]) {
    for (field, id) in strings(c, obj, name) {
        if fields::id_prefix(id, prefixes, ID_SUFFIX_LEN).is_none()
            && !c.skip(&catalog::RESOURCE_ID_FORM)
        {
            let forms = fields::id_forms(prefixes, ID_SUFFIX_LEN);
            let id = shown(id);
            let message = msg!(
                c.lang(),
                "`{id}` does not look like an ID of its kind ({forms}); the service may refuse it.",
                zh!("`{id}` 不像此类资源的 ID（{forms}）；服务可能拒绝。"),
                id,
                forms
            );
            c.push(&catalog::RESOURCE_ID_FORM, field, message);
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

fn enumeration(
    c: &mut Collector,
    obj: &Map<String, Value>,
    rule: &'static Rule,
    name: &str,
    allowed: &[&'static str],
) {
    if let Some(Value::String(v)) = fields::get(obj, name) {
        if !v.is_empty() {
            fields::one_of(c, rule, name, v, allowed);
        }
    }
}

/// `ScheduleSettings`: `Policy` ONCE needs `InvokeTime`; RECURRENCE needs a cron `Recurrence`.
fn schedule(c: &mut Collector, s: &Map<String, Value>) {
    let lang = c.lang();
    let policy = match s.get("Policy").and_then(Value::as_str) {
        None | Some("") => return,
        Some(p) => fields::one_of(
            c,
            &catalog::SCHEDULE_POLICY,
            "ScheduleSettings.Policy",
            p,
            &["ONCE", "RECURRENCE"],
        ),
    };
    match policy {
        Some("ONCE") if fields::get(s, "InvokeTime").is_none() => {
            let message = msg!(
                lang,
                "ScheduleSettings.InvokeTime is required when Policy is ONCE.",
                zh!("Policy 为 ONCE 时须指定 ScheduleSettings.InvokeTime。")
            );
            c.push(
                &catalog::SCHEDULE_INVOKE_TIME,
                "ScheduleSettings.InvokeTime",
                message,
            );
        }
        Some("ONCE") => {}
        Some(_) => match s.get("Recurrence").and_then(Value::as_str) {
            None | Some("") => {
                let message = msg!(
                    lang,
                    "ScheduleSettings.Recurrence is required when Policy is RECURRENCE.",
                    zh!("Policy 为 RECURRENCE 时须指定 ScheduleSettings.Recurrence。")
                );
                c.push(
                    &catalog::SCHEDULE_RECURRENCE,
                    "ScheduleSettings.Recurrence",
                    message,
                );
            }
            Some(cron) if !is_cron(cron) => {
                let extension = crontab_extension(cron);
                let cron = shown(cron);
                let (rule, message) = if extension {
                    let message = msg!(
                        lang,
                        "`{cron}` is a crontab form that not every reader takes (a descriptor such as @daily, or a time zone prefix); the service may refuse it.",
                        zh!("`{cron}` 是并非所有解析器都支持的 Crontab 形式（如 @daily 等描述符或时区前缀）；服务可能拒绝。"), cron
                    );
                    (&catalog::SCHEDULE_CRON_FORM, message)
                } else {
                    let message = msg!(
                        lang,
                        "`{cron}` is not a cron expression (5 to 7 fields of digits and * , - / ? L W #).",
                        zh!("`{cron}` 不是合法的 Crontab 表达式（5 到 7 个字段，由数字与 * , - / ? L W # 组成）。"), cron
                    );
                    (&catalog::SCHEDULE_CRON, message)
                };
                c.push(rule, "ScheduleSettings.Recurrence", message);
            }
            Some(_) => {}
        },
        None => {}
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

/// A crontab form beyond the five to seven fields: a descriptor (`@daily`, `@every 1h30m`), or
/// a `CRON_TZ=` / `TZ=` prefix before an expression or a descriptor.
fn crontab_extension(s: &str) -> bool {
    let s = s.trim();
    let (zone, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let rest = rest.trim_start();
    let descriptor = |d: &str| d.starts_with('@') && d.len() > 1;
    if (zone.starts_with("CRON_TZ=") || zone.starts_with("TZ=")) && !rest.is_empty() {
        return descriptor(rest) || is_cron(rest);
    }
    descriptor(s)
}

fn exactly_one(c: &mut Collector, obj: &Map<String, Value>, a: &str, b: &str) {
    let given = |n: &str| matches!(fields::get(obj, n), Some(Value::String(s)) if !s.is_empty());
    match (given(a), given(b)) {
        (false, false) => {
            let message = msg!(
                c.lang(),
                "Give either {a} or {b}.",
                zh!("须指定 {a} 或 {b} 之一。"),
                a,
                b
            );
            c.push(&catalog::PREVIEW_ONE_OF, a, message);
        }
        (true, true) => {
            let message = msg!(
                c.lang(),
                "Give only one of {a} and {b}.",
                zh!("{a} 与 {b} 只能指定一个。"),
                a,
                b
            );
            c.push(&catalog::PREVIEW_BOTH, b, message);
        }
        _ => {}
    }
}
