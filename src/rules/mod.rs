//! What the API accepts.
//!
//! [`validate`] checks the parameters of one action and answers with every problem at once,
//! each as a [`FieldError`] carrying the API parameter name (with an index or key where it
//! helps: `InstanceIds[3]`, `Parameters.varA`), the service's own error code and a message.
//!
//! Layout: [`limits`] is the one table of numbers (100 instances, 64 KB, 20 parameters...);
//! `fields` holds the checks shared by actions; one module per action holds its rules.

/// The message of one language: both templates stand side by side at each rule, and only the
/// chosen one is rendered, at run time, by [`render`] (`{name}` is the argument `name`, passed
/// explicitly: `msg!(lang, "{field} is required.", "缺少必填参数 {field}。", field)`, or
/// `max = expr`). One small renderer instead of two `format!` expansions per rule: see
/// bench/NOTES.md for what that saved.
macro_rules! msg {
    (@arg $k:ident) => { $k };
    (@arg $k:ident $v:expr) => { $v };
    ($lang:expr, $en:literal, $zh:expr $(, $k:ident $(= $v:expr)?)* $(,)?) => {
        $crate::rules::render(
            $lang,
            $en,
            $zh,
            &[$((stringify!($k), &msg!(@arg $k $($v)?) as &dyn ::core::fmt::Display)),*],
        )
    };
}
pub(crate) use msg;

/// Renders the template of `lang`: `{name}` becomes the argument of that name, `{{` and `}}`
/// are literal braces, as in `format!`. Every name a template uses is given (checked in debug
/// builds, and by the tests that assert messages).
pub(crate) fn render(
    lang: Language,
    en: &'static str,
    zh: &'static str,
    args: &[(&str, &dyn core::fmt::Display)],
) -> String {
    use core::fmt::Write;
    let template = match lang {
        Language::EnUs => en,
        Language::ZhCn => zh,
    };
    let mut out = String::with_capacity(template.len() + 32);
    let bytes = template.as_bytes();
    // `template[from..at]` is copied as it is when the next brace is met.
    let (mut from, mut at) = (0, 0);
    while at < bytes.len() {
        let brace = bytes[at];
        if brace != b'{' && brace != b'}' {
            at += 1;
            continue;
        }
        // Sliced with `get` (every brace is ASCII, so always in bounds and on a boundary):
        // a panicking slice links char's Debug and Unicode tables (src/text.rs).
        out.push_str(template.get(from..at).unwrap_or_default());
        if bytes.get(at + 1) == Some(&brace) {
            // `{{` or `}}`: one literal brace.
            out.push(brace as char);
            at += 2;
        } else if let (b'{', Some(len)) = (
            brace,
            template.get(at + 1..).and_then(|rest| rest.find('}')),
        ) {
            let name = template.get(at + 1..at + 1 + len).unwrap_or_default();
            match args.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => {
                    let _ = write!(out, "{v}");
                }
                None => debug_assert!(false, "message argument `{name}` not given"),
            }
            at += len + 2;
        } else {
            out.push(brace as char);
            at += 1;
        }
        from = at;
    }
    out.push_str(template.get(from..).unwrap_or_default());
    out
}

pub mod catalog;
pub(crate) mod fields;
pub(crate) mod inputs;
#[rustfmt::skip]
pub mod generated;
pub mod limits;
pub mod run_command;
pub mod schema;
mod semantic;

pub use semantic::is_cron;

use crate::errors::codes;
use crate::Language;
use catalog::{Level, Rule};
use serde_json::Value;
use std::collections::BTreeSet;

pub use limits::Limits;

/// Which version of the API's rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RuleSet {
    /// The RunCommand document in the specification, exactly (the default).
    #[default]
    Seed,
    /// Opt-in: what the service has grown since (200 instances, BAT, `mi-` instances...).
    Latest,
}

impl RuleSet {
    /// Parses `seed` / `latest`.
    pub fn parse(s: &str) -> Option<RuleSet> {
        match s {
            "seed" => Some(RuleSet::Seed),
            "latest" => Some(RuleSet::Latest),
            _ => None,
        }
    }

    /// The limits table of this rule set.
    pub fn limits(self) -> &'static Limits {
        match self {
            RuleSet::Seed => &limits::SEED,
            RuleSet::Latest => &limits::LATEST,
        }
    }
}

/// What `buildRequest` does with the rules' errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Validation {
    /// Errors refuse the request (the default).
    #[default]
    Error,
    /// Errors become warnings and the request is built and signed anyway: the way past a rule
    /// the service has outgrown. Values that cannot be signed faithfully are refused still.
    Warn,
}

impl Validation {
    /// Parses `error` / `warn`.
    pub fn parse(s: &str) -> Option<Validation> {
        match s {
            "error" => Some(Validation::Error),
            "warn" => Some(Validation::Warn),
            _ => None,
        }
    }
}

/// Validation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Options {
    /// Rule set; `seed` by default.
    pub rules: RuleSet,
    /// Message language; `en-US` by default.
    pub language: Language,
}

impl Options {
    /// Options of `rules` with messages in `language` (options that may be added later take
    /// their defaults).
    pub fn new(rules: RuleSet, language: Language) -> Options {
        Options { rules, language }
    }
}

/// One problem with one parameter: an error, or a warning (the same shape).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// The API parameter name, with an index or key where it helps (`InstanceIds[3]`).
    pub field: String,
    /// The service's error code (`InvalidParameterValue.Range`).
    pub code: &'static str,
    /// A human message in the requested language.
    pub message: String,
}

/// What a validation found: errors make the parameters invalid; warnings are what we only
/// suspect (see [`catalog`]) and never do.
///
/// Each list holds at most [`MAX_REPORTED`] problems; the rest are counted, not examined
/// ([`Report::omitted`]). [`Report::into_lists`] gives the lists as the bindings hand them
/// out, each with one more problem saying how many were left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Problems that make the request invalid.
    pub errors: Vec<FieldError>,
    /// Problems that do not.
    pub warnings: Vec<FieldError>,
    omitted: [usize; 2],
    language: Language,
}

impl Report {
    /// Whether there is no error (warnings do not count).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many errors and warnings were found past [`MAX_REPORTED`] and not listed.
    pub fn omitted(&self) -> (usize, usize) {
        (self.omitted[0], self.omitted[1])
    }

    /// Puts `errors` (values that could not be converted) before the others, keeping at most
    /// [`MAX_REPORTED`] listed.
    pub(crate) fn prepend_errors(&mut self, mut errors: Vec<FieldError>) {
        errors.append(&mut self.errors);
        if errors.len() > MAX_REPORTED {
            self.omitted[0] += errors.len() - MAX_REPORTED;
            errors.truncate(MAX_REPORTED);
        }
        self.errors = errors;
    }

    /// Turns every error into a warning (`validation: 'warn'`): errors first, as found.
    pub(crate) fn waive(&mut self) {
        let mut warnings = std::mem::take(&mut self.errors);
        warnings.append(&mut self.warnings);
        let omitted = self.omitted[0] + self.omitted[1];
        self.omitted = [0, omitted];
        if warnings.len() > MAX_REPORTED {
            self.omitted[1] += warnings.len() - MAX_REPORTED;
            warnings.truncate(MAX_REPORTED);
        }
        self.warnings = warnings;
    }

    /// The errors and the warnings, each list followed by one more problem (field `""`) that
    /// says how many were left out, when some were.
    pub fn into_lists(self) -> (Vec<FieldError>, Vec<FieldError>) {
        let Report {
            mut errors,
            mut warnings,
            omitted,
            language,
        } = self;
        for (list, n, en, zh) in [
            (&mut errors, omitted[0], "errors", zh!("处错误")),
            (&mut warnings, omitted[1], "warnings", zh!("条警告")),
        ] {
            if n > 0 {
                let first = MAX_REPORTED;
                list.push(FieldError {
                    field: String::new(),
                    code: codes::INVALID_PARAMETER,
                    message: msg!(
                        language,
                        "{n} more {en} not listed (only the first {first} are).",
                        zh!("另有 {n} {zh}未列出（只列出前 {first} 个）。"),
                        n,
                        en,
                        first,
                        zh
                    ),
                });
            }
        }
        (errors, warnings)
    }
}

/// The most problems of one level a validation lists; past it they are only counted.
pub const MAX_REPORTED: usize = 100;

/// The names of every TAT action, sorted.
pub fn actions() -> impl Iterator<Item = &'static str> {
    generated::ACTIONS.iter().map(|a| a.name)
}

/// Validates the parameters of `action`, any of the 29 actions of TAT 2020-10-28.
///
/// `params` must be a JSON object; anything else is refused with `InvalidParameter` on the
/// field `""`. An action TAT does not have is refused with `InvalidAction`.
pub fn validate(action: &str, params: &Value, options: &Options) -> Report {
    if action == "RunCommand" {
        return validate_run_command(params, options);
    }
    let mut c = Collector::new(options);
    let Some(spec) = schema::action(action) else {
        let hint = actions().find(|a| a.eq_ignore_ascii_case(action));
        let action = crate::text::shown(action);
        let message = match hint {
            Some(h) => msg!(
                options.language,
                "Unknown action `{action}`; did you mean `{h}`?",
                zh!("未知的接口 `{action}`，是否应为 `{h}`？"),
                action,
                h
            ),
            None => msg!(
                options.language,
                "Unknown action `{action}`.",
                zh!("未知的接口 `{action}`。"),
                action
            ),
        };
        c.push(&catalog::UNKNOWN_ACTION, "Action", message);
        return c.finish();
    };
    match params {
        Value::Object(obj) => {
            schema::check_object(&mut c, obj, spec.params, "");
            schema::check_conflicts(&mut c, obj, spec.conflicts);
            semantic::check(&mut c, action, obj);
        }
        other => fields::wrong_type(
            &mut c,
            "",
            "an object of parameters",
            zh!("参数对象"),
            other,
        ),
    }
    request_size(&mut c, params);
    c.finish()
}

/// Validates the parameters of `RunCommand`.
pub fn validate_run_command(params: &Value, options: &Options) -> Report {
    let mut v = Collector::new(options);
    run_command::check(params, &mut v);
    // Last: a field over its own limit is the first thing to say of a huge request.
    request_size(&mut v, params);
    v.finish()
}

/// The body the parameters make, counted as `buildRequest` writes it: past API 3.0's 10 MB the
/// gateway refuses the request whatever it holds.
fn request_size(c: &mut Collector, params: &Value) {
    let max = c.limits().request_body_max_bytes;
    if let Some(n) = crate::json::written_len_over(params, max) {
        let message = request_size_message(c.lang(), n, max);
        c.push(&catalog::REQUEST_SIZE, "", message);
    }
}

/// The message of a body of `n` bytes over `max`, for the rule and for `buildRequest`, which
/// checks the body it was given as text.
pub(crate) fn request_size_message(lang: Language, n: usize, max: usize) -> String {
    msg!(
        lang,
        "The request body is {n} bytes; API 3.0 takes at most {max} (10 MB) in a TC3-HMAC-SHA256 POST.",
        zh!("请求包为 {n} 字节；API 3.0 的 TC3-HMAC-SHA256 POST 请求包最多 {max} 字节（10 MB）。"),
        n,
        max
    )
}

/// Collects the problems of one validation run, each through its [`Rule`], which says whether
/// it is an error or a warning.
pub(crate) struct Collector<'o> {
    pub(crate) options: &'o Options,
    report: Report,
}

impl<'o> Collector<'o> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Collector {
            options,
            report: Report {
                language: options.language,
                ..Report::default()
            },
        }
    }

    pub(crate) fn lang(&self) -> Language {
        self.options.language
    }

    pub(crate) fn limits(&self) -> &'static Limits {
        self.options.rules.limits()
    }

    /// Whether a problem of `rule` would only be counted now (its list is full); if so, it is
    /// counted. Loops that can find thousands of problems ask first, so that past the cap
    /// nothing is formatted.
    pub(crate) fn skip(&mut self, rule: &'static Rule) -> bool {
        let (list, omitted) = match rule.level {
            Level::Error => (&self.report.errors, &mut self.report.omitted[0]),
            Level::Warning => (&self.report.warnings, &mut self.report.omitted[1]),
        };
        if list.len() < MAX_REPORTED {
            return false;
        }
        *omitted += 1;
        true
    }

    /// Reports a problem of `rule` at `field`.
    pub(crate) fn push(&mut self, rule: &'static Rule, field: impl Into<String>, message: String) {
        if self.skip(rule) {
            return;
        }
        let list = match rule.level {
            Level::Error => &mut self.report.errors,
            Level::Warning => &mut self.report.warnings,
        };
        list.push(FieldError {
            field: field.into(),
            code: rule.code,
            message,
        });
    }

    /// How many errors were found so far, listed or not.
    pub(crate) fn error_count(&self) -> usize {
        self.report.errors.len() + self.report.omitted[0]
    }

    /// Whether an error was already reported at exactly `field`.
    pub(crate) fn has_error_at(&self, field: &str) -> bool {
        self.report.errors.iter().any(|e| e.field == field)
    }

    pub(crate) fn finish(self) -> Report {
        self.report
    }
}

/// The placeholders of a script and the script with them replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Preview {
    /// Distinct placeholder names, in order of first appearance.
    pub placeholders: Vec<String>,
    /// Placeholders with a value in neither `Parameters` nor `DefaultParameters`.
    pub missing: Vec<String>,
    /// The replaced script, base64 (what `PreviewReplacedCommandContent` returns).
    pub content: String,
    /// The replaced script as text, when it is UTF-8.
    pub text: Option<String>,
}

/// Lists the `{{placeholders}}` of a base64 `content` and replaces them with values from the
/// `parameters` JSON string, else from `defaults`. Problems with the inputs are answered with
/// the same codes and fields as [`validate_run_command`].
pub fn preview(
    content: &str,
    parameters: Option<&str>,
    defaults: Option<&str>,
    options: &Options,
) -> Result<Preview, Vec<FieldError>> {
    let mut obj = serde_json::Map::new();
    obj.insert("Content".into(), Value::from(content));
    for (k, v) in [("Parameters", parameters), ("DefaultParameters", defaults)] {
        if let Some(v) = v {
            obj.insert(k.into(), Value::from(v));
        }
    }
    let mut c = Collector::new(options);
    let script = run_command::content(&mut c, &obj, true);
    let parameters = fields::custom_parameters(&mut c, &obj, "Parameters").unwrap_or_default();
    let defaults = fields::custom_parameters(&mut c, &obj, "DefaultParameters").unwrap_or_default();
    let report = c.finish();
    let Some(script) = script.filter(|_| report.is_valid()) else {
        return Err(report.errors);
    };
    let hidden = options.rules.limits().hidden_placeholders;
    let names = crate::params::placeholders(&script, hidden);
    let missing = names
        .iter()
        .filter(|n| parameters.get(n).is_none() && defaults.get(n).is_none())
        .map(|n| n.to_string())
        .collect();
    // The length first, from the occurrences alone: a 965 KB request can ask for gigabytes.
    let len = crate::params::replaced_len(&script, &parameters, &defaults, hidden);
    let max = options.rules.limits().preview_max_bytes;
    if len > max as u64 {
        let message = msg!(
            options.language,
            "The replaced script would be at least {len} bytes; previewContent builds at most {max} (a local limit of this package, not the service's).",
            zh!("替换后的脚本将至少有 {len} 字节；previewContent 最多生成 {max} 字节（本软件包的本地限制，并非服务的限制）。"),
            len,
            max
        );
        return Err(vec![FieldError {
            field: "Content".to_owned(),
            code: crate::errors::codes::RESPONSE_SIZE_LIMIT_EXCEEDED,
            message,
        }]);
    }
    let replaced = crate::params::preview(&script, &parameters, &defaults, hidden);
    Ok(Preview {
        placeholders: names.iter().map(|n| n.to_string()).collect(),
        missing,
        content: crate::base64::encode(&replaced),
        text: String::from_utf8(replaced).ok(),
    })
}

/// A value a caller gave that JSON cannot carry. The bindings find these while converting a
/// JavaScript object, replace the value with `null` and report it here, rather than letting
/// it be silently altered (`NaN` becoming `null`, a lone surrogate becoming U+FFFD).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unrepresentable {
    /// `NaN`, `Infinity` or `-Infinity`.
    NonFinite,
    /// A string that is not well-formed UTF-16 (a lone surrogate).
    LoneSurrogate,
    /// A function, symbol, BigInt or other value with no JSON form; its `typeof`.
    Type(&'static str),
    /// Nested deeper than the bindings follow (or a cycle).
    TooDeep,
    /// More values than the bindings convert in one call (a sparse array whose `length` is
    /// 2^32 - 1, or one object reached through many paths): refused before being read.
    TooLarge,
}

/// The error for one [`Unrepresentable`] value at `field`.
pub(crate) fn unrepresentable_error(
    field: &str,
    what: Unrepresentable,
    lang: Language,
) -> FieldError {
    // The field may be built from the caller's keys: quote it shortened in the message. The
    // field `""` is the parameters object as a whole, named as the JS argument is.
    let field_shown = if field.is_empty() {
        "params".into()
    } else {
        crate::text::shown(field)
    };
    let message = {
        let field = &field_shown;
        match what {
        Unrepresentable::NonFinite => msg!(
            lang,
            "{field} must be a finite number (NaN and Infinity have no JSON form).",
            zh!("{field} 必须是有限数字（NaN 与 Infinity 无法用 JSON 表示）。"), field
        ),
        Unrepresentable::LoneSurrogate => msg!(
            lang,
            "{field} is not well-formed text: it has a lone UTF-16 surrogate, which would be altered in transit.",
            zh!("{field} 不是合法文本：包含孤立的 UTF-16 代理项，传输时会被篡改。"), field
        ),
        Unrepresentable::Type(t) => msg!(
            lang,
            "{field} is a {t}, which has no JSON form.",
            zh!("{field} 是 {t} 类型，无法用 JSON 表示。"), field, t
        ),
        Unrepresentable::TooDeep => msg!(
            lang,
            "{field} is nested too deeply (or refers to itself).",
            zh!("{field} 嵌套过深（或存在循环引用）。"), field
        ),
        Unrepresentable::TooLarge => msg!(
            lang,
            "{field} is too large to convert (too many elements, or the same object reached through too many paths).",
            zh!("{field} 过大，无法转换（元素过多，或同一对象被过多路径引用）。"), field
        ),
        }
    };
    FieldError {
        field: field.to_owned(),
        code: catalog::UNREPRESENTABLE.code,
        message,
    }
}

/// Validates parameters the bindings converted, with the values they could not convert:
/// those are errors of their own (see [`unrepresentable_error`]), the first of the report's
/// errors, whatever the validation mode; any problem the validation itself finds at the same
/// field (or inside it) is dropped, since it only describes the `null` put in their place.
///
/// Returns the unconverted values' errors apart from the report, so that a caller that waives
/// the rules (`validation: 'warn'`) can still refuse them.
pub fn validate_converted(
    action: &str,
    params: &Value,
    unrepresentable: &[(String, Unrepresentable)],
    options: &Options,
) -> (Vec<FieldError>, Report) {
    let mut report = validate(action, params, options);
    if unrepresentable.is_empty() {
        return (Vec::new(), report);
    }
    // Past the cap they are counted, not formatted.
    let errors: Vec<FieldError> = unrepresentable
        .iter()
        .take(MAX_REPORTED)
        .map(|(f, w)| unrepresentable_error(f, *w, options.language))
        .collect();
    report.omitted[0] += unrepresentable.len() - errors.len();
    // A problem at `field` is covered by an unconverted value at `field` itself, at one of its
    // parents (a prefix of it ending before `.` or `[`), or at the whole request (`""`).
    // Looked up in an ordered set rather than by scanning the list for each problem: with
    // 100,000 unconverted values and as many problems, that scan was quadratic. Each problem
    // now costs one lookup per `.` / `[` of its field within the longest unconverted path.
    // Inserted one by one: collecting into the set links its bulk build and a stable sort.
    let mut bad: BTreeSet<&str> = BTreeSet::new();
    for (f, _) in unrepresentable {
        bad.insert(f.as_str());
    }
    let whole = bad.contains("");
    let longest = bad.iter().map(|f| f.len()).max().unwrap_or(0);
    let covered = |field: &str| {
        whole
            || bad.contains(field)
            || field.bytes().take(longest + 1).enumerate().any(|(i, b)| {
                matches!(b, b'.' | b'[') && field.get(..i).is_some_and(|p| bad.contains(p))
            })
    };
    report.errors.retain(|e| !covered(&e.field));
    report.warnings.retain(|e| !covered(&e.field));
    (errors, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_names_and_keeps_escaped_braces() {
        let field = "Content";
        let n = 3;
        let en = msg!(
            Language::EnUs,
            "{field} has {n}, such as {{\"a\": 1}}}}.",
            "{field}：{n} 个。",
            field,
            n
        );
        let zh = msg!(
            Language::ZhCn,
            "{field} has {n}.",
            "{field}：{n} 个，例如 {{}}。",
            field,
            n = n + 1
        );
        assert_eq!(en, "Content has 3, such as {\"a\": 1}}.");
        assert_eq!(zh, "Content：4 个，例如 {}。");
        // Text without placeholders, and a brace that starts nothing, pass through.
        assert_eq!(render(Language::EnUs, "a } b", "", &[]), "a } b");
    }
}
