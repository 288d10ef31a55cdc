//! RunCommand: every parameter of the RunCommand document (`seeds/000_…`).
//!
//! Choices where the document is silent, each tested:
//! - Content: invalid base64 is `InvalidContent` ("Invalid command"); over the limit is
//!   `TooLong`, checked on the base64 text before any decoding.
//! - CommandName: both a bad character and over 60 bytes are `InvalidCommandName`.
//! - CommandType: an unsupported type is `InvalidParameterValue`
//!   (`AgentUnsupportedCommandType` is about the agent on an instance, not the request).
//! - WorkingDirectory (`InvalidWorkingDirectory`): an absolute path for the command type
//!   (`/…` for SHELL, `C:\…` or `C:/…` for POWERSHELL and BAT), no control characters, at most
//!   the limits table's bytes. The agent changes into it as it is; nothing expands `~` or `%VAR%`.
//! - Username (`InvalidParameterValue.InvalidUsername`): for SHELL, a POSIX account name
//!   (`[A-Za-z0-9._-]`, not starting with `-`, an optional final `$`); for POWERSHELL and BAT, a
//!   Windows account name (no `"/\[]:;|=,+*?<>@`, not only dots and spaces). Lengths from the
//!   limits table.
//! - Tags without `SaveCommand: true` is `InvalidParameter.ConflictParameter`: the document
//!   says tags are "available when SaveCommand is True"; the code is the SDK's for conflicting
//!   parameters. An empty Tags list is allowed.
//! - `Parameters` without `EnableParameter: true` is `SupportParametersOnlyIfEnableParameter`
//!   (the code names Parameters); `DefaultParameters` without it is `ParameterDisabled`.
//! - With `EnableParameter: true`, a `{{placeholder}}` with a value in neither `Parameters` nor
//!   `DefaultParameters` is `LackOfParameterInfo`, on `Parameters.<name>`.

use super::catalog;
use super::fields;
use super::{schema, Collector, RuleSet};
use crate::base64;
use crate::params;
use serde_json::{Map, Value};

/// Every parameter RunCommand takes, in the document's order.
pub const PARAMETERS: &[&str] = &[
    "Content",
    "InstanceIds",
    "CommandName",
    "Description",
    "CommandType",
    "WorkingDirectory",
    "Timeout",
    "SaveCommand",
    "EnableParameter",
    "DefaultParameters",
    "Parameters",
    "Tags",
    "Username",
    "OutputCOSBucketUrl",
    "OutputCOSKeyPrefix",
];

/// What the `latest` rule set adds to [`PARAMETERS`].
pub const LATEST_PARAMETERS: &[&str] = &["DefaultParameterConfs"];

pub(crate) fn check(params: &Value, c: &mut Collector) {
    let Value::Object(obj) = params else {
        fields::wrong_type(
            c,
            "",
            "an object of RunCommand parameters",
            zh!("RunCommand 参数对象"),
            params,
        );
        return;
    };
    // Whatever the rule set, a key is unknown only when the service does not have it: what
    // `latest` adds is the service's too, only warned about under `seed`.
    let known: Vec<&str> = PARAMETERS
        .iter()
        .chain(LATEST_PARAMETERS)
        .copied()
        .collect();
    fields::unknown_keys(c, obj, &known, "");
    if !c.limits().default_parameter_confs {
        for &key in LATEST_PARAMETERS {
            if obj.contains_key(key) {
                fields::newer_key(c, key);
            }
        }
    }
    // The script is read only when placeholders are looked for; otherwise checked only.
    let placeholders = matches!(fields::get(obj, "EnableParameter"), Some(Value::Bool(true)));
    let script = script(c, obj, placeholders);
    fields::instance_ids(c, obj, "InstanceIds");
    command_name(c, obj);
    description(c, obj);
    let command_type = command_type(c, obj);
    working_directory(c, obj, command_type);
    let limits = c.limits();
    fields::opt_int_in(c, obj, "Timeout", limits.timeout_min, limits.timeout_max);
    let save = fields::opt_bool(c, obj, "SaveCommand");
    let enable = fields::opt_bool(c, obj, "EnableParameter").unwrap_or(false);
    custom_parameters(c, obj, enable, script.as_ref());
    tags(c, obj, save.unwrap_or(false));
    username(c, obj, command_type);
    cos(c, obj);
}

/// `OutputCOSBucketUrl` and `OutputCOSKeyPrefix` (the other actions that take them call the
/// two checks on strings only, after their generic type checks).
fn cos(c: &mut Collector, obj: &Map<String, Value>) {
    cos_bucket_url(c, obj);
    cos_key_prefix(c, obj);
}

/// What the placeholder checks read of `Content`'s script: in Node's module (built with
/// SIMD), its placeholders, found without decoding all of it (`crate::scan`, the same answer);
/// in the browser's, the decoded script, read by `params` (less code).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
type Script = params::Scanned;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
type Script = Vec<u8>;

/// [`content`], with the [`Script`] when `read` (an empty one otherwise).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn script(c: &mut Collector, obj: &Map<String, Value>, read: bool) -> Option<Script> {
    let text = content_text(c, obj)?;
    let hidden = c.limits().hidden_placeholders;
    let scanned = match read {
        true => crate::scan::placeholders(text, hidden),
        false => base64::check(text).map(|_| Script::default()),
    };
    scanned.map_err(|e| content_refused(c, e)).ok()
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn script(c: &mut Collector, obj: &Map<String, Value>, read: bool) -> Option<Script> {
    content(c, obj, read)
}

/// The distinct placeholder names of the script, in order of first appearance.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn script_names(script: &Script, _: bool) -> Vec<&str> {
    script.names()
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn script_names(script: &Script, hidden: bool) -> Vec<&str> {
    params::placeholders(script, hidden)
}

/// The length of the script with its placeholders replaced.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn script_replaced_len(script: &Script, p: &params::Parsed, d: &params::Parsed, _: bool) -> u64 {
    script.replaced_len(p, d)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn script_replaced_len(
    script: &Script,
    p: &params::Parsed,
    d: &params::Parsed,
    hidden: bool,
) -> u64 {
    params::replaced_len(script, p, d, hidden)
}

/// `Content`: required, base64 of at most the limit; returns the decoded script when
/// `decode`, an empty one otherwise.
pub(crate) fn content(
    c: &mut Collector,
    obj: &Map<String, Value>,
    decode: bool,
) -> Option<Vec<u8>> {
    let text = content_text(c, obj)?;
    let decoded = if decode {
        base64::decode(text)
    } else {
        base64::check(text).map(|_| Vec::new())
    };
    decoded.map_err(|e| content_refused(c, e)).ok()
}

/// `Content`'s text, if it is a string of at most the limit (reported otherwise).
fn content_text<'a>(c: &mut Collector, obj: &'a Map<String, Value>) -> Option<&'a str> {
    let text = fields::req_str(c, obj, "Content")?;
    let max = c.limits().content_max_chars;
    let lang = c.lang();
    if text.len() > max {
        let n = text.len();
        let message = msg!(
            lang,
            "Content is {n} characters of base64; at most {max} (64 KB) are allowed.",
            zh!("Content 的 base64 文本为 {n} 个字符，最多允许 {max} 个（64 KB）。"),
            n,
            max
        );
        c.push(&catalog::CONTENT_MAX, "Content", message);
        return None;
    }
    Some(text)
}

/// Reports why `Content` is not base64.
fn content_refused(c: &mut Collector, e: base64::DecodeError) {
    let lang = c.lang();
    let message = match e {
        base64::DecodeError::Length(n) => msg!(
            lang,
            "Content must be base64: its length ({n}) is not a multiple of 4.",
            zh!("Content 必须是 base64 编码：长度（{n}）不是 4 的倍数。"),
            n
        ),
        base64::DecodeError::Character(at) => msg!(
            lang,
            "Content must be base64: invalid character at position {at}.",
            zh!("Content 必须是 base64 编码：第 {at} 个位置的字符无效。"),
            at
        ),
    };
    c.push(&catalog::CONTENT_BASE64, "Content", message);
}

fn command_name(c: &mut Collector, obj: &Map<String, Value>) {
    let Some(name) = fields::opt_str(c, obj, "CommandName") else {
        return;
    };
    let max = c.limits().command_name_max_bytes;
    let lang = c.lang();
    if c.options.rules == RuleSet::Seed {
        // The seed document: ASCII only.
        let bad_char = !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        if bad_char {
            let message = msg!(
                lang,
                "CommandName may only contain letters, digits, `_`, `-` and `.`.",
                zh!("CommandName 只能包含字母、数字、`_`、`-` 和 `.`。")
            );
            c.push(&catalog::SEED_COMMAND_NAME_CHARS, "CommandName", message);
        }
    } else {
        fields::command_name_chars(c, name);
    }
    if name.len() > max {
        let n = name.len();
        let message = msg!(
            lang,
            "CommandName is {n} bytes long; at most {max} are allowed.",
            zh!("CommandName 长度为 {n} 字节，最多允许 {max} 字节。"),
            n,
            max
        );
        c.push(&catalog::COMMAND_NAME_BYTES, "CommandName", message);
    }
}

fn description(c: &mut Collector, obj: &Map<String, Value>) {
    let Some(text) = fields::opt_str(c, obj, "Description") else {
        return;
    };
    let max = c.limits().description_max_chars;
    // Characters, as the document says: Unicode scalar values (what Go's rune count gives),
    // so 120 Chinese characters or emoji pass.
    // Early exit: a text of at most `max` bytes has at most `max` characters, so the usual
    // short Description is never counted. A longer one is counted once (one linear pass, for
    // the exact number in the message); nothing else reads it.
    if text.len() <= max {
        return;
    }
    let n = text.chars().count();
    if n > max {
        let message = msg!(
            c.lang(),
            "Description is {n} characters long; at most {max} are allowed.",
            zh!("Description 长度为 {n} 个字符，最多允许 {max} 个。"),
            n,
            max
        );
        c.push(&catalog::DESCRIPTION_MAX, "Description", message);
    }
}

/// The operating-system family a command type runs on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Os {
    Linux,
    Windows,
}

/// `CommandType`: returns the OS family of the effective type (SHELL when not given), or
/// `None` when the given type is not supported.
fn command_type(c: &mut Collector, obj: &Map<String, Value>) -> Option<Os> {
    let given = match fields::get(obj, "CommandType") {
        Some(_) => fields::opt_str(c, obj, "CommandType"),
        None => Some("SHELL"),
    };
    let Some(t) = given else {
        // Wrong type (reported) or "": "" is the service's default, SHELL.
        return matches!(obj.get("CommandType"), Some(Value::String(_))).then_some(Os::Linux);
    };
    let types = c.limits().command_types;
    let t = fields::one_of(c, &catalog::COMMAND_TYPE, "CommandType", t, types)?;
    Some(if t == "SHELL" { Os::Linux } else { Os::Windows })
}

fn working_directory(c: &mut Collector, obj: &Map<String, Value>, os: Option<Os>) {
    let Some(dir) = fields::opt_str(c, obj, "WorkingDirectory") else {
        return;
    };
    let max = c.limits().working_directory_max_bytes;
    let lang = c.lang();
    let rule = &catalog::WORKING_DIRECTORY;
    if fields::has_control(dir) {
        let message = msg!(
            lang,
            "WorkingDirectory must not contain control characters (line breaks, tabs, NUL).",
            zh!("WorkingDirectory 不能包含控制字符（换行、制表符、NUL）。")
        );
        c.push(rule, "WorkingDirectory", message);
    }
    if dir.len() > max {
        let n = dir.len();
        let message = msg!(
            lang,
            "WorkingDirectory is {n} bytes long; at most {max} are allowed.",
            zh!("WorkingDirectory 长度为 {n} 字节，最多允许 {max} 字节。"),
            n,
            max
        );
        c.push(rule, "WorkingDirectory", message);
    }
    let b = dir.as_bytes();
    match os {
        Some(Os::Linux) if !dir.starts_with('/') => {
            let message = msg!(
                lang,
                "WorkingDirectory must be an absolute path starting with `/` for SHELL commands, such as /root.",
                zh!("SHELL 命令的 WorkingDirectory 必须是以 `/` 开头的绝对路径，例如 /root。")
            );
            c.push(rule, "WorkingDirectory", message);
        }
        Some(Os::Windows)
            if !(b.len() >= 3
                && b[0].is_ascii_alphabetic()
                && b[1] == b':'
                && matches!(b[2], b'\\' | b'/')) =>
        {
            let message = msg!(
                lang,
                "WorkingDirectory must be an absolute Windows path with a drive letter, such as C:\\Program Files\\qcloud\\tat_agent\\workdir.",
                zh!("Windows 命令的 WorkingDirectory 必须是带盘符的绝对路径，例如 C:\\Program Files\\qcloud\\tat_agent\\workdir。")
            );
            c.push(rule, "WorkingDirectory", message);
        }
        _ => {}
    }
}

fn username(c: &mut Collector, obj: &Map<String, Value>, os: Option<Os>) {
    let Some(user) = fields::opt_str(c, obj, "Username") else {
        return;
    };
    let limits = c.limits();
    let lang = c.lang();
    let rule = &catalog::USERNAME;
    match os {
        Some(Os::Linux) => {
            let max = limits.username_linux_max_bytes;
            let body = user.strip_suffix('$').unwrap_or(user);
            let ok = !body.is_empty()
                && !body.starts_with('-')
                && body
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
            if !ok {
                let message = msg!(
                    lang,
                    "Username must be a Linux account name: letters, digits, `_`, `-` and `.`, not starting with `-`.",
                    zh!("Username 必须是 Linux 账号名：字母、数字、`_`、`-` 和 `.`，且不能以 `-` 开头。")
                );
                c.push(rule, "Username", message);
            }
            if user.len() > max {
                let n = user.len();
                let message = msg!(
                    lang,
                    "Username is {n} bytes long; Linux account names have at most {max}.",
                    zh!("Username 长度为 {n} 字节；Linux 账号名最多 {max} 字节。"),
                    n,
                    max
                );
                c.push(rule, "Username", message);
            }
        }
        Some(Os::Windows) => {
            let max = limits.username_windows_max_chars;
            let ok = !fields::has_control(user)
                // A `matches!` rather than `str::contains(char)`, whose search links a
                // panicking slice (src/text.rs).
                && !user.chars().any(|ch| {
                    matches!(
                        ch,
                        '"' | '/' | '\\' | '[' | ']' | ':' | ';' | '|' | '=' | ',' | '+' | '*' | '?' | '<' | '>' | '@'
                    )
                })
                && !user.chars().all(|ch| ch == '.' || ch == ' ');
            if !ok {
                let message = msg!(
                    lang,
                    "Username must be a Windows account name: none of \" / \\ [ ] : ; | = , + * ? < > @, and not only dots or spaces.",
                    zh!("Username 必须是 Windows 账号名：不能包含 \" / \\ [ ] : ; | = , + * ? < > @，且不能只由点或空格组成。")
                );
                c.push(rule, "Username", message);
            }
            let n = user.chars().count();
            if n > max {
                let message =
                    msg!(
                    lang,
                    "Username is {n} characters long; Windows account names have at most {max}.",
                    zh!("Username 长度为 {n} 个字符；Windows 账号名最多 {max} 个字符。"), n, max
                );
                c.push(rule, "Username", message);
            }
        }
        None => {}
    }
}

fn custom_parameters(
    c: &mut Collector,
    obj: &Map<String, Value>,
    enable: bool,
    content: Option<&Script>,
) {
    let parameters = fields::custom_parameters(c, obj, "Parameters");
    let defaults = fields::custom_parameters(c, obj, "DefaultParameters");
    let confs = default_parameter_confs(c, obj, enable);
    let lang = c.lang();
    if !enable {
        if parameters.is_some() {
            let message = msg!(
                lang,
                "Parameters needs EnableParameter: true.",
                zh!("使用 Parameters 需要设置 EnableParameter: true。")
            );
            c.push(&catalog::PARAMETERS_NEED_ENABLE, "Parameters", message);
        }
        if defaults.is_some() {
            let message = msg!(
                lang,
                "DefaultParameters needs EnableParameter: true.",
                zh!("使用 DefaultParameters 需要设置 EnableParameter: true。")
            );
            c.push(&catalog::DEFAULTS_NEED_ENABLE, "DefaultParameters", message);
        }
        return;
    }
    let Some(content) = content else { return };
    // A JSON string that could not be read at all says nothing about which names it holds:
    // do not pile "missing value" errors on top of its own error. The same holds for one over
    // the entry limit, whose entries past the limit are counted but not read (see
    // `params::parse`).
    let unreadable = |p: &Option<params::Parsed>| {
        p.as_ref().is_some_and(|p| {
            p.problems.iter().any(|p| {
                matches!(
                    p,
                    params::Problem::InvalidJson { .. }
                        | params::Problem::NotObject(_)
                        | params::Problem::TooMany(_)
                )
            })
        })
    };
    if unreadable(&parameters) || unreadable(&defaults) {
        return;
    }
    let has =
        |p: &Option<params::Parsed>, name: &str| p.as_ref().is_some_and(|p| p.get(name).is_some());
    let hidden = c.limits().hidden_placeholders;
    for name in script_names(content, hidden) {
        if !has(&parameters, name) && !has(&defaults, name) && !has(&confs, name) {
            let message = msg!(
                lang,
                "The script uses {{{{{name}}}}} but neither Parameters nor DefaultParameters gives it a value.",
                zh!("脚本使用了 {{{{{name}}}}}，但 Parameters 和 DefaultParameters 都没有为其提供值。"), name
            );
            c.push(
                &catalog::LACK_OF_PARAMETER_INFO,
                format!("Parameters.{name}"),
                message,
            );
        }
    }
    // The script the service runs, its length computed without building it: thousands of
    // placeholders with a long value make a short request ask for gigabytes. No document
    // limits it, so this warns; `previewContent` refuses to build past its own limit.
    let none = params::Parsed::default();
    let p = parameters.as_ref().unwrap_or(&none);
    let d = defaults.as_ref().or(confs.as_ref()).unwrap_or(&none);
    let len = script_replaced_len(content, p, d, hidden);
    let chars = len.div_ceil(3).saturating_mul(4);
    let max = c.limits().content_max_chars;
    if chars > max as u64 {
        let message = msg!(
            lang,
            "With its placeholders replaced, the script is at least {len} bytes ({chars} characters of base64); Content allows {max} (64 KB), and the service may hold the replaced script to that limit.",
            zh!("替换占位符后，脚本至少有 {len} 字节（base64 为 {chars} 个字符）；Content 最多允许 {max} 个字符（64 KB），服务可能对替换后的脚本执行同一限制。"),
            len,
            chars,
            max
        );
        c.push(&catalog::REPLACED_CONTENT_MAX, "Content", message);
    }
}

/// `DefaultParameterConfs` (`latest` only): a list of `{ParameterName, ParameterValue,
/// ParameterDescription}`, the list form of `DefaultParameters`, with the same name rules and
/// limit; not together with `DefaultParameters`, and only with `EnableParameter: true`.
/// Returns the defaults it gives, for the placeholder check.
fn default_parameter_confs(
    c: &mut Collector,
    obj: &Map<String, Value>,
    enable: bool,
) -> Option<params::Parsed> {
    const FIELD: &str = "DefaultParameterConfs";
    let pairs = |items: &[Value]| -> Vec<(String, Result<String, &'static str>)> {
        items
            .iter()
            .filter_map(|item| {
                let name = item.get("ParameterName")?.as_str()?;
                let value = item.get("ParameterValue")?.as_str()?;
                Some((name.to_owned(), Ok(value.to_owned())))
            })
            .collect()
    };
    if !c.limits().default_parameter_confs {
        // The seed document does not have it (the key is warned about as newer), but the
        // service takes it: the names it gives still have a value, never "missing".
        let Some(Value::Array(items)) = fields::get(obj, FIELD) else {
            return None;
        };
        return Some(params::check_pairs(
            pairs(items),
            items.len(),
            usize::MAX,
            usize::MAX,
        ));
    }
    let spec = schema::action("RunCommand")?;
    let errors_before = c.error_count();
    schema::check_param(c, obj, schema::param(spec.params, FIELD)?, "");
    let Some(Value::Array(items)) = fields::get(obj, FIELD) else {
        return None;
    };
    if c.error_count() > errors_before {
        return None;
    }
    // A conflict is reported, but the values still count for the placeholders.
    schema::check_conflicts(c, obj, spec.conflicts);
    if !enable && !items.is_empty() {
        let message = msg!(
            c.lang(),
            "{FIELD} needs EnableParameter: true.",
            zh!("使用 {FIELD} 需要设置 EnableParameter: true。"),
            FIELD
        );
        c.push(&catalog::DEFAULTS_NEED_ENABLE, FIELD, message);
        return None;
    }
    let limits = c.limits();
    let parsed = params::check_pairs(
        pairs(items),
        items.len(),
        limits.parameters_max,
        limits.parameter_key_max_chars,
    );
    fields::report_parameters(c, FIELD, &parsed);
    Some(parsed)
}

fn tags(c: &mut Collector, obj: &Map<String, Value>, save: bool) {
    let Some(tags) = fields::opt_array(
        c,
        obj,
        "Tags",
        "an array of {Key, Value} objects",
        zh!("{Key, Value} 对象数组"),
    ) else {
        return;
    };
    let lang = c.lang();
    let max = c.limits().tags_max;
    if !tags.is_empty() && !save {
        let message = msg!(
            lang,
            "Tags apply only to a saved command: set SaveCommand to true, or remove Tags.",
            zh!("Tags 仅在保存命令时可用：请将 SaveCommand 设为 true，或移除 Tags。")
        );
        c.push(&catalog::TAGS_NEED_SAVE, "Tags", message);
    }
    if tags.len() > max {
        let n = tags.len();
        let message = msg!(
            lang,
            "Tags allows at most {max} tags; got {n}.",
            zh!("Tags 最多允许 {max} 个标签，当前为 {n} 个。"),
            max,
            n
        );
        c.push(&catalog::TAGS_MAX, "Tags", message);
        return;
    }
    for (i, tag) in tags.iter().enumerate() {
        let field = format!("Tags[{i}]");
        let Value::Object(tag) = tag else {
            fields::wrong_type(
                c,
                &field,
                "a {Key, Value} object",
                zh!("{Key, Value} 对象"),
                tag,
            );
            continue;
        };
        fields::unknown_keys(c, tag, &["Key", "Value"], &format!("{field}."));
        // Key must be a non-empty string; Value a string, possibly empty.
        for key in ["Key", "Value"] {
            let path = format!("{field}.{key}");
            match fields::get(tag, key) {
                None => fields::missing(c, &path),
                Some(Value::String(s)) if s.is_empty() && key == "Key" => fields::missing(c, &path),
                Some(Value::String(_)) => {}
                Some(other) => fields::wrong_type(c, &path, "a string", zh!("字符串"), other),
            }
        }
    }
}

/// `OutputCOSBucketUrl`: must start with `https://` (an error, as the document says); should
/// look like its example, `https://<bucket>-<appid>.cos.<region>.myqcloud.com` with an
/// optional final `/` (a warning: the form is only the example's).
pub(crate) fn cos_bucket_url(c: &mut Collector, obj: &Map<String, Value>) {
    let Some(url) = fields::opt_str(c, obj, "OutputCOSBucketUrl") else {
        return;
    };
    if !url.starts_with("https://") {
        let message = msg!(
            c.lang(),
            "OutputCOSBucketUrl must start with https://.",
            zh!("OutputCOSBucketUrl 必须以 https:// 开头。")
        );
        c.push(&catalog::COS_URL_HTTPS, "OutputCOSBucketUrl", message);
    } else if !is_cos_bucket_url(url) {
        let message = msg!(
            c.lang(),
            "OutputCOSBucketUrl does not look like https://BucketName-1250000000.cos.ap-beijing.myqcloud.com.",
            zh!("OutputCOSBucketUrl 的格式不像 https://BucketName-1250000000.cos.ap-beijing.myqcloud.com。")
        );
        c.push(&catalog::COS_URL_FORM, "OutputCOSBucketUrl", message);
    }
}

/// Whether `url` has the form of the document's example COS bucket URL (see
/// [`cos_bucket_url`]): letters of either case, as in its `BucketName`.
pub fn is_cos_bucket_url(url: &str) -> bool {
    let Some(host) = url.strip_prefix("https://") else {
        return false;
    };
    let host = host.strip_suffix('/').unwrap_or(host);
    let Some(host) = host.strip_suffix(".myqcloud.com") else {
        return false;
    };
    let Some((bucket_appid, region)) = crate::text::split_once(host, ".cos.") else {
        return false;
    };
    let Some((bucket, appid)) = bucket_appid.rsplit_once('-') else {
        return false;
    };
    let label = |s: &str| {
        !s.is_empty()
            && !s.starts_with('-')
            && !s.ends_with('-')
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    label(bucket) && label(region) && !appid.is_empty() && appid.bytes().all(|b| b.is_ascii_digit())
}

/// `OutputCOSKeyPrefix`: at most the limit in characters, visible characters only, no leading
/// `/`, no `//`, and no `..` folder.
pub(crate) fn cos_key_prefix(c: &mut Collector, obj: &Map<String, Value>) {
    let Some(prefix) = fields::opt_str(c, obj, "OutputCOSKeyPrefix") else {
        return;
    };
    let max = c.limits().cos_key_prefix_max_chars;
    let lang = c.lang();
    let n = prefix.chars().count();
    let mut problems: Vec<(&'static catalog::Rule, String)> = Vec::new();
    if n > max {
        problems.push((
            &catalog::COS_PREFIX_MAX,
            msg!(
                lang,
                "at most {max} characters (got {n})",
                zh!("最多 {max} 个字符（当前 {n} 个）"),
                max,
                n
            ),
        ));
    }
    if prefix
        .chars()
        .any(|ch| ch.is_control() || ch.is_whitespace())
    {
        problems.push((
            &catalog::COS_PREFIX_VISIBLE,
            msg!(
                lang,
                "visible characters only (no spaces or line breaks)",
                zh!("只能包含可见字符（不能有空格或换行）")
            ),
        ));
    }
    if prefix.starts_with('/') {
        problems.push((
            &catalog::COS_PREFIX_SLASHES,
            msg!(lang, "must not start with `/`", zh!("不能以 `/` 开头")),
        ));
    }
    if crate::text::contains(prefix, "//") {
        problems.push((
            &catalog::COS_PREFIX_SLASHES,
            msg!(lang, "must not contain `//`", zh!("不能包含连续的 `/`")),
        ));
    }
    if prefix.split('/').any(|seg| seg == "..") {
        problems.push((
            &catalog::COS_PREFIX_DOTDOT,
            msg!(
                lang,
                "`..` cannot be a folder name",
                zh!("`..` 不能作为目录名")
            ),
        ));
    }
    for (rule, p) in problems {
        let message = msg!(
            lang,
            "OutputCOSKeyPrefix: {p}.",
            zh!("OutputCOSKeyPrefix：{p}。"),
            p
        );
        c.push(rule, "OutputCOSKeyPrefix", message);
    }
}
