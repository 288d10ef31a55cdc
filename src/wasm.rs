//! wasm-bindgen exports: JavaScript <-> Rust conversion only. No rule lives here; every check
//! and message comes from the core.
//!
//! Conversion is done by hand with `js-sys` rather than through a generic serializer so that
//! what JSON cannot carry is reported instead of silently altered: `NaN` would become `null`
//! and a lone surrogate U+FFFD, and a signature over altered text signs a different request.
//! Nothing here can panic: every fallible step answers with an `Error` that has a `.code`.

use crate::errors::{codes, describe_error as core_describe_error};
use crate::request::{
    build_borrowed_with, BuildError, Built, JsonBody, Params, RequestInput, METHOD,
};
use crate::rules::{self, FieldError, Options, Report, RuleSet, Unrepresentable, Validation};
use crate::sign::{Credentials, SignOptions, Signer};
use crate::status::describe_task_status as core_describe_task_status;
use crate::{base64, Language};
use js_sys::{Array, JsString, Object};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: smaller code for the same job (bench/NOTES.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use wasm_bindgen::JsCast;

/// Runs when the module is instantiated: a panic (a bug: nothing here is meant to panic)
/// reaches the console with its message and place, instead of only `unreachable`. `private`:
/// not one more export of the package, whose list of functions is its contract.
#[wasm_bindgen(start, private)]
fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen]
extern "C" {
    /// A JavaScript string, seen through the one method wasm-bindgen's `JsString` lacks.
    #[wasm_bindgen(extends = JsString)]
    type Text;

    /// `String.prototype.isWellFormed`: false when the string has a lone surrogate.
    #[wasm_bindgen(method, js_name = isWellFormed)]
    fn is_well_formed(this: &Text) -> bool;

    /// `Object.keys`, catching what a hostile Proxy throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(o: &JsValue) -> Result<Array, JsValue>;

    /// `Reflect.get`, catching what a throwing getter throws.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(o: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.get` of an array index, catching what a throwing getter (or Proxy) throws.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get_index(o: &JsValue, key: u32) -> Result<JsValue, JsValue>;

    /// `Array.isArray`, catching the TypeError a revoked Proxy throws (an uncaught JS
    /// exception would unwind through the wasm frames without running their destructors).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
}

/// How deep the converter follows nested objects; deeper (or cyclic) values are reported.
const MAX_DEPTH: usize = 64;

/// How many values (array elements, property values) one conversion reads. Far above any
/// request the rules accept (100 instance IDs, 10 tags), it bounds the work a hostile value
/// can cause: a sparse array whose `length` is 2^32 - 1, or a small object reached through
/// 2^64 paths (`o = {a: o, b: o}` repeated), is refused instead of walked.
const MAX_VALUES: usize = 1 << 20;

/// How many UTF-16 code units of text (strings and keys) one conversion copies into wasm
/// memory: 64 Mi, room for a few 20 MB strings (which the rules then refuse by their own
/// limits, with their own codes), not for thousands of them.
const MAX_TEXT_UNITS: usize = 1 << 26;

/// Where a value sits in the converted object, kept as a chain of borrowed segments and
/// rendered (`InstanceIds[3]`, `Tags[0].Key`) only when something there is reported. Building
/// the string for every element cost time proportional to the path's length for each child:
/// a long key holding a large array made that quadratic.
#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(u32),
    /// A property name that is itself not convertible, shown as `(key)`.
    KeyOf,
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn child(&'a self, seg: Seg<'a>) -> Path<'a> {
        Path {
            parent: Some(self),
            seg,
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::KeyOf => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str("(key)");
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// Converts a JavaScript value to JSON, recording what JSON cannot carry.
struct ToJson {
    bad: Vec<(String, Unrepresentable)>,
    /// Values still allowed to be read ([`MAX_VALUES`]).
    values_left: usize,
    /// Text still allowed to be copied ([`MAX_TEXT_UNITS`]).
    text_left: usize,
    /// Set when `values_left` ran out mid-way: the whole request is then refused.
    exhausted: bool,
}

impl ToJson {
    fn report(&mut self, path: &Path<'_>, what: Unrepresentable) {
        self.bad.push((path.render(), what));
    }

    fn value(&mut self, v: &JsValue, path: &Path<'_>, depth: usize) -> Value {
        // Early exit: once the value budget is spent nothing more is read.
        if self.exhausted {
            return Value::Null;
        }
        if self.values_left == 0 {
            self.exhausted = true;
            return Value::Null;
        }
        self.values_left -= 1;
        if v.is_null() || v.is_undefined() {
            return Value::Null;
        }
        if let Some(b) = v.as_bool() {
            return Value::Bool(b);
        }
        if let Some(n) = v.as_f64() {
            return self.number(n, path);
        }
        if let Some(s) = v.dyn_ref::<JsString>() {
            return match self.string(s, path) {
                Some(s) => Value::String(s),
                None => Value::Null,
            };
        }
        if depth >= MAX_DEPTH {
            self.report(path, Unrepresentable::TooDeep);
            return Value::Null;
        }
        // `Array.isArray` throws on a revoked Proxy: caught, like every other trap.
        match array_is_array(v) {
            Ok(true) => return self.array(v, path, depth),
            Ok(false) => {}
            Err(_) => {
                self.report(path, Unrepresentable::Type("unreadable object"));
                return Value::Null;
            }
        }
        if v.is_object() {
            return self.object(v, path, depth);
        }
        let kind = if v.is_bigint() {
            "bigint"
        } else if v.is_symbol() {
            "symbol"
        } else if v.is_function() {
            "function"
        } else {
            "value"
        };
        self.report(path, Unrepresentable::Type(kind));
        Value::Null
    }

    fn array(&mut self, v: &JsValue, path: &Path<'_>, depth: usize) -> Value {
        let len = match reflect_get(v, &key_str("length")) {
            Ok(l) => l.as_f64().unwrap_or(0.0),
            Err(_) => {
                self.report(path, Unrepresentable::Type("unreadable object"));
                return Value::Null;
            }
        };
        let len = if len.is_finite() && len >= 0.0 {
            len.min(u32::MAX as f64) as u32
        } else {
            0
        };
        // Early exit: an array longer than what is left to read is refused by its length,
        // before any element is read or any memory is reserved for it.
        if len as usize > self.values_left {
            self.report(path, Unrepresentable::TooLarge);
            return Value::Null;
        }
        let mut out = Vec::with_capacity(len as usize);
        for i in 0..len {
            if self.exhausted {
                break;
            }
            let item = reflect_get_index(v, i).unwrap_or(JsValue::UNDEFINED);
            out.push(self.value(&item, &path.child(Seg::Index(i)), depth + 1));
        }
        Value::Array(out)
    }

    fn number(&mut self, n: f64, path: &Path<'_>) -> Value {
        if !n.is_finite() {
            self.report(path, Unrepresentable::NonFinite);
            return Value::Null;
        }
        // JavaScript has one number type; an integral value within the safe range is an
        // integer in JSON (`60`, never `60.0`), as JSON.stringify writes it.
        const SAFE: f64 = 9_007_199_254_740_991.0;
        if n.fract() == 0.0 && n.abs() <= SAFE {
            return Value::from(n as i64);
        }
        Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }

    fn string(&mut self, s: &JsString, path: &Path<'_>) -> Option<String> {
        // Early exit: text beyond the budget is refused by its length, before it is copied.
        let units = s.length() as usize;
        if units > self.text_left {
            self.report(path, Unrepresentable::TooLarge);
            return None;
        }
        self.text_left -= units;
        if !s.unchecked_ref::<Text>().is_well_formed() {
            self.report(path, Unrepresentable::LoneSurrogate);
            return None;
        }
        Some(String::from(s))
    }

    fn object(&mut self, v: &JsValue, path: &Path<'_>, depth: usize) -> Value {
        let Ok(keys) = object_keys(v) else {
            self.report(path, Unrepresentable::Type("unreadable object"));
            return Value::Null;
        };
        // Early exit, as for arrays: more properties than values left to read.
        if keys.length() as usize > self.values_left {
            self.report(path, Unrepresentable::TooLarge);
            return Value::Null;
        }
        let mut out = Map::new();
        for key in keys.iter() {
            if self.exhausted {
                break;
            }
            let Some(k) = key.dyn_ref::<JsString>() else {
                continue;
            };
            let Some(name) = self.string(k, &path.child(Seg::KeyOf)) else {
                continue;
            };
            match reflect_get(v, &key) {
                // As JSON.stringify does, an undefined property is no property.
                Ok(item) if item.is_undefined() => {}
                Ok(item) => {
                    let item = self.value(&item, &path.child(Seg::Key(&name)), depth + 1);
                    out.insert(name, item);
                }
                Err(_) => {
                    self.report(
                        &path.child(Seg::Key(&name)),
                        Unrepresentable::Type("throwing getter"),
                    );
                    out.insert(name, Value::Null);
                }
            }
        }
        Value::Object(out)
    }
}

/// Converts `v`, returning the JSON and what could not be carried. When the value budget runs
/// out, the whole request is refused as too large (field `""`), rather than validated with
/// some of its values silently missing.
fn to_json(v: &JsValue) -> (Value, Vec<(String, Unrepresentable)>) {
    let mut c = ToJson {
        bad: Vec::new(),
        values_left: MAX_VALUES,
        text_left: MAX_TEXT_UNITS,
        exhausted: false,
    };
    let value = c.value(v, &Path::ROOT, 0);
    if c.exhausted {
        return (
            Value::Null,
            vec![(String::new(), Unrepresentable::TooLarge)],
        );
    }
    (value, c.bad)
}

// ---------------------------------------------------------------------------------------
// JSON -> JavaScript

/// Defines `key` as an own enumerable, writable data property, as JSON.parse does.
fn own_property(o: &Object, key: &JsValue, value: &JsValue) {
    let d = Object::new();
    set(&d, "value", value);
    for flag in ["writable", "enumerable", "configurable"] {
        set(&d, flag, &JsValue::TRUE);
    }
    Object::define_property(o, key, &d);
}

fn set(o: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(o, &key_str(key), value);
}

/// A property name or other fixed string. (wasm-bindgen's interning would cache these on the
/// JS side; measured, it gained no throughput in Node and cost 3 KB gzipped, so it is off and
/// `intern` is the identity. The call marks where it would apply.)
fn key_str(key: &str) -> JsValue {
    JsValue::from_str(wasm_bindgen::intern(key))
}

fn field_errors(errors: &[FieldError]) -> Array {
    errors
        .iter()
        .map(|e| {
            let o = Object::new();
            set(&o, "field", &JsValue::from_str(&e.field));
            set(&o, "code", &key_str(e.code));
            set(&o, "message", &JsValue::from_str(&e.message));
            JsValue::from(o)
        })
        .collect()
}

/// An `Error` with `.code` (and `.errors` when given), as every thrown value of this package.
fn error(code: &str, message: &str, errors: Option<&[FieldError]>) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("TatError");
    set(&e, "code", &key_str(code));
    if let Some(errors) = errors {
        set(&e, "errors", &field_errors(errors));
    }
    e.into()
}

// ---------------------------------------------------------------------------------------
// Arguments

/// A string argument, refusing other types and text that is not well-formed.
fn string_arg(v: &JsValue, name: &str) -> Result<String, JsValue> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(error(
            codes::INVALID_PARAMETER,
            &format!("{name} must be a string."),
            None,
        ));
    };
    if !s.unchecked_ref::<Text>().is_well_formed() {
        let e = rules::unrepresentable_error(name, Unrepresentable::LoneSurrogate, Language::EnUs);
        return Err(error(codes::INVALID_PARAMETER, &e.message, None));
    }
    Ok(String::from(s))
}

/// A property of an object; a getter or Proxy trap that throws is reported as the property
/// that could not be read.
fn read(o: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    reflect_get(o, &key_str(key)).map_err(|_| {
        error(
            codes::INVALID_PARAMETER,
            &format!("{key} could not be read."),
            None,
        )
    })
}

/// [`read`], `None` when `undefined` or `null`.
fn prop(o: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    read(o, key).map(|v| (!(v.is_undefined() || v.is_null())).then_some(v))
}

/// An optional string property of an options object.
fn opt_prop(o: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    if !o.is_object() {
        return Ok(None);
    }
    prop(o, key)?.map(|v| string_arg(&v, key)).transpose()
}

/// An optional choice among named values: the default when absent, else one of the names.
fn choice<T: Default>(
    v: Option<&str>,
    parse: fn(&str) -> Option<T>,
    refusal: &str,
) -> Result<T, JsValue> {
    match v {
        None => Ok(T::default()),
        Some(s) => parse(s).ok_or_else(|| error(codes::INVALID_PARAMETER_VALUE, refusal, None)),
    }
}

/// `validation`: `error` (when absent) or `warn`.
fn validation_arg(v: Option<&str>) -> Result<Validation, JsValue> {
    choice(
        v,
        Validation::parse,
        "validation must be 'error' or 'warn'.",
    )
}

/// `rules`: `seed` (when absent) or `latest`.
fn rules_arg(v: Option<&str>) -> Result<RuleSet, JsValue> {
    choice(v, RuleSet::parse, "rules must be 'seed' or 'latest'.")
}

/// `language`: `en-US` (when absent) or `zh-CN`.
fn language_arg(v: Option<&str>) -> Result<Language, JsValue> {
    choice(v, Language::parse, "language must be 'en-US' or 'zh-CN'.")
}

/// `buildRequest`'s options: `rules` checked here (an option of this package); `language`
/// only picks the messages' language, since the core checks it as the `X-TC-Language` it
/// also is and reports it with the request's other problems.
fn build_options(rules: Option<&str>, language: Option<&str>) -> Result<Options, JsValue> {
    Ok(Options {
        rules: rules_arg(rules)?,
        language: language.and_then(Language::parse).unwrap_or_default(),
    })
}

/// An optional string argument: `undefined` and `null` mean absent.
fn opt_string_arg(v: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        string_arg(v, name).map(Some)
    }
}

/// `{ rules?, language? }`; `undefined` and `null` mean the defaults.
fn options_arg(options: &JsValue) -> Result<Options, JsValue> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(error(
            codes::INVALID_PARAMETER,
            "options must be an object.",
            None,
        ));
    }
    let rules = opt_prop(options, "rules")?;
    let language = opt_prop(options, "language")?;
    Ok(Options {
        rules: rules_arg(rules.as_deref())?,
        language: language_arg(language.as_deref())?,
    })
}

/// `language` given directly (`describeError(code, 'zh-CN')`) or as `{ language }`.
fn language_or_options(v: &JsValue) -> Result<Language, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Language::EnUs);
    }
    if v.is_string() {
        return language_arg(Some(&string_arg(v, "language")?));
    }
    language_arg(opt_prop(v, "language")?.as_deref())
}

// ---------------------------------------------------------------------------------------
// Exports

/// `{ valid, errors, warnings }`, each list capped with its "N more" entry.
fn validation_result(report: Report) -> JsValue {
    let (errors, warnings) = report.into_lists();
    let o = Object::new();
    set(&o, "valid", &JsValue::from_bool(errors.is_empty()));
    set(&o, "errors", &field_errors(&errors));
    set(&o, "warnings", &field_errors(&warnings));
    o.into()
}

/// `validate(action, params, options?)`: every error and warning at once.
#[wasm_bindgen]
pub fn validate(action: JsValue, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    validate_action(&string_arg(&action, "action")?, params, options)
}

/// `validateRunCommand(params, options?)`.
#[wasm_bindgen(js_name = validateRunCommand)]
pub fn validate_run_command(params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    validate_action("RunCommand", params, options)
}

fn validate_action(action: &str, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_arg(&options)?;
    let (params, bad) = to_json(&params);
    let (unconverted, mut report) = rules::validate_converted(action, &params, &bad, &options);
    report.prepend_errors(unconverted);
    Ok(validation_result(report))
}

/// `describeError(code, language?)`.
#[wasm_bindgen(js_name = describeError)]
pub fn describe_error(code: JsValue, language: JsValue) -> Result<JsValue, JsValue> {
    let code = string_arg(&code, "code")?;
    let d = core_describe_error(&code, language_or_options(&language)?);
    let o = Object::new();
    set(&o, "code", &JsValue::from_str(&d.code));
    set(&o, "message", &JsValue::from_str(d.message));
    set(&o, "retryable", &JsValue::from_bool(d.retryable));
    set(&o, "known", &JsValue::from_bool(d.known));
    Ok(o.into())
}

/// `describeTaskStatus(status, language?)`.
#[wasm_bindgen(js_name = describeTaskStatus)]
pub fn describe_task_status(status: JsValue, language: JsValue) -> Result<JsValue, JsValue> {
    let status = string_arg(&status, "status")?;
    let d = core_describe_task_status(&status, language_or_options(&language)?);
    let o = Object::new();
    set(&o, "status", &JsValue::from_str(&d.status));
    set(&o, "label", &JsValue::from_str(&d.label));
    set(&o, "description", &JsValue::from_str(d.description));
    set(&o, "terminal", &JsValue::from_bool(d.terminal));
    set(&o, "known", &JsValue::from_bool(d.known));
    Ok(o.into())
}

/// `encodeContent(text)`: UTF-8, then base64.
#[wasm_bindgen(js_name = encodeContent)]
pub fn encode_content(text: JsValue) -> Result<String, JsValue> {
    Ok(base64::encode(string_arg(&text, "text")?.as_bytes()))
}

/// `decodeOutput(base64, { lossy? })`: base64, then UTF-8. Text that is not UTF-8 is refused
/// unless `lossy: true`, which replaces invalid bytes with U+FFFD (for display only).
#[wasm_bindgen(js_name = decodeOutput)]
pub fn decode_output(b64: JsValue, options: JsValue) -> Result<String, JsValue> {
    let text = string_arg(&b64, "base64")?;
    let bytes = base64::decode(&text).map_err(|e| {
        let at = match e {
            base64::DecodeError::Length(n) => format!("its length ({n}) is not a multiple of 4"),
            base64::DecodeError::Character(i) => format!("invalid character at position {i}"),
        };
        error(
            codes::INVALID_PARAMETER_VALUE,
            &format!("Not base64: {at}."),
            None,
        )
    })?;
    let lossy = options.is_object()
        && reflect_get(&options, &key_str("lossy"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(error(
                codes::INVALID_PARAMETER_VALUE,
                &format!("The decoded output is not UTF-8 (at byte {at}); pass {{ lossy: true }} to display it anyway."),
                None,
            ))
        }
    }
}

/// `listPlaceholders(content)`: the distinct `{{names}}` of base64 content, in order.
#[wasm_bindgen(js_name = listPlaceholders)]
pub fn list_placeholders(content: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let p = preview_inner(content, JsValue::UNDEFINED, JsValue::UNDEFINED, options)?;
    Ok(p.placeholders
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect())
}

fn preview_inner(
    content: JsValue,
    parameters: JsValue,
    defaults: JsValue,
    options: JsValue,
) -> Result<rules::Preview, JsValue> {
    let content = string_arg(&content, "Content")?;
    let parameters = opt_string_arg(&parameters, "Parameters")?;
    let defaults = opt_string_arg(&defaults, "DefaultParameters")?;
    let options = options_arg(&options)?;
    rules::preview(
        &content,
        parameters.as_deref(),
        defaults.as_deref(),
        &options,
    )
    .map_err(|errors| refused(errors, options.language))
}

/// `previewContent(content, parameters?, defaultParameters?, options?)`: what
/// `PreviewReplacedCommandContent` returns, computed locally.
#[wasm_bindgen(js_name = previewContent)]
pub fn preview_content(
    content: JsValue,
    parameters: JsValue,
    defaults: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let p = preview_inner(content, parameters, defaults, options)?;
    let o = Object::new();
    let names: Array = p
        .placeholders
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    let missing: Array = p.missing.iter().map(|s| JsValue::from_str(s)).collect();
    set(&o, "placeholders", &names);
    set(&o, "missing", &missing);
    set(&o, "content", &JsValue::from_str(&p.content));
    set(
        &o,
        "text",
        &p.text
            .as_deref()
            .map(JsValue::from_str)
            .unwrap_or(JsValue::NULL),
    );
    Ok(o.into())
}

/// `limits(rules?)`: the limits table the validators use, for forms and counters.
#[wasm_bindgen]
pub fn limits(rules: JsValue) -> Result<JsValue, JsValue> {
    let rules = rules_arg(opt_string_arg(&rules, "rules")?.as_deref())?;
    let l = rules.limits();
    let o = Object::new();
    let num = |o: &Object, k: &str, n: usize| set(o, k, &JsValue::from_f64(n as f64));
    num(&o, "contentMaxChars", l.content_max_chars);
    num(&o, "instanceIdsMax", l.instance_ids_max);
    num(&o, "commandNameMaxBytes", l.command_name_max_bytes);
    num(&o, "descriptionMaxChars", l.description_max_chars);
    set(
        &o,
        "commandTypes",
        &l.command_types
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>(),
    );
    set(&o, "timeoutMin", &JsValue::from_f64(l.timeout_min as f64));
    set(&o, "timeoutMax", &JsValue::from_f64(l.timeout_max as f64));
    num(&o, "tagsMax", l.tags_max);
    num(&o, "parametersMax", l.parameters_max);
    num(&o, "parameterKeyMaxChars", l.parameter_key_max_chars);
    num(&o, "cosKeyPrefixMaxChars", l.cos_key_prefix_max_chars);
    Ok(o.into())
}

/// `memoryBytes()`: the current size of this module's WebAssembly memory, in bytes. For
/// tests and monitoring (a long-running page can check that memory stays bounded); it reads
/// nothing else and changes nothing. Wasm memory grows to the largest input seen and never
/// shrinks, so compare it across calls of the same size.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size::<0>() * 65_536) as f64
}

/// The properties `buildRequest` reads; anything else is refused, so that a typo such as
/// `secretkey` is an error rather than a missing credential.
const BUILD_INPUT_KEYS: &[&str] = &[
    "action",
    "params",
    "secretId",
    "secretKey",
    "token",
    "region",
    "timestamp",
    "host",
    "language",
    "rules",
    "validation",
    "signActionHeader",
];

/// `buildRequest(input)`: validates, signs and builds; throws a `TatError` with `.errors`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(input: JsValue) -> Result<JsValue, JsValue> {
    if !input.is_object() || array_is_array(&input).unwrap_or(false) {
        return Err(error(
            codes::INVALID_PARAMETER,
            "buildRequest takes an object: { action, params, secretId, secretKey, ... }.",
            None,
        ));
    }
    let keys = object_keys(&input).map_err(|_| {
        error(
            codes::INVALID_PARAMETER,
            "The input object could not be read.",
            None,
        )
    })?;
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !BUILD_INPUT_KEYS.contains(&key.as_str()) {
            let known = BUILD_INPUT_KEYS.join(", ");
            // Quoted shortened: a huge property name must not make a huge message.
            let key = rules::fields::shown(&key);
            return Err(error(
                codes::UNKNOWN_PARAMETER,
                &format!("Unknown buildRequest property `{key}`; known: {known}."),
                None,
            ));
        }
    }
    let action = opt_prop(&input, "action")?.unwrap_or_default();
    let secret_id = opt_prop(&input, "secretId")?.unwrap_or_default();
    let secret_key = opt_prop(&input, "secretKey")?.unwrap_or_default();
    let token = opt_prop(&input, "token")?;
    let region = opt_prop(&input, "region")?;
    let host = opt_prop(&input, "host")?;
    let language = opt_prop(&input, "language")?;
    let rules = opt_prop(&input, "rules")?;
    let options = build_options(rules.as_deref(), language.as_deref())?;
    let validation = validation_arg(opt_prop(&input, "validation")?.as_deref())?;
    let sign_action_header = match prop(&input, "signActionHeader")? {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| {
            error(
                codes::INVALID_PARAMETER,
                "signActionHeader must be a boolean.",
                None,
            )
        })?,
    };
    let timestamp =
        timestamp_arg(prop(&input, "timestamp")?.map(|v| v.as_f64().unwrap_or(f64::NAN)))?;
    let params = read(&input, "params")?;
    // What could not be converted is reported by the core with every other problem.
    let (params, bad) = to_json(&params);
    let args = BuildArgs {
        action,
        secret_id,
        secret_key,
        token,
        region,
        host,
        language,
        options,
        validation,
        sign_action_header,
        timestamp,
    };
    args.build(Params::Value(&params), &bad, request_object)
}

/// `{ url, method, headers, body, warnings }`.
fn request_object(built: &Built<'_>) -> JsValue {
    let headers = Object::new();
    for (name, value) in &built.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let o = Object::new();
    set(&o, "url", &JsValue::from_str(&built.url));
    set(&o, "method", &key_str(METHOD));
    set(&o, "headers", &headers);
    set(&o, "body", &JsValue::from_str(&built.body));
    set(&o, "warnings", &field_errors(&built.warnings));
    o.into()
}

/// `buildRequest`'s inputs other than the parameters, converted and checked in the order both
/// ways of building report them (strings, then `rules` and `language`, then the timestamp).
struct BuildArgs {
    action: String,
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    region: Option<String>,
    host: Option<String>,
    /// Sent as `X-TC-Language`; also the language of `options`.
    language: Option<String>,
    options: Options,
    validation: Validation,
    sign_action_header: bool,
    timestamp: i64,
}

impl BuildArgs {
    /// Validates and signs with the cached signer of these credentials, and hands the built
    /// request (its body borrowed when given as text) to `out`.
    fn build(
        self,
        params: Params<'_>,
        unrepresentable: &[(String, Unrepresentable)],
        out: fn(&Built<'_>) -> JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut request = RequestInput::new(&self.action, params, self.timestamp);
        request.region = self.region.as_deref();
        request.host = self.host.as_deref();
        request.language = self.language.as_deref();
        request.options = self.options;
        request.validation = self.validation;
        request.sign = SignOptions {
            sign_action_header: self.sign_action_header,
        };
        let mut credentials = Credentials::new(self.secret_id, self.secret_key);
        if let Some(token) = self.token {
            credentials = credentials.with_token(token);
        }
        with_signer(credentials, |signer| {
            build_borrowed_with(signer, &request, unrepresentable).map(|built| out(&built))
        })
        .map_err(thrown)
    }
}

/// What the JS entries' fast path of `buildRequest` must know to tell whether it applies:
/// the properties `buildRequest` reads and the conversion's limits. Beyond them it leaves the
/// input to [`build_request`], which reports the problem.
#[wasm_bindgen(js_name = __fastPathInfo)]
pub fn fast_path_info() -> JsValue {
    let o = Object::new();
    let keys: Array = BUILD_INPUT_KEYS.iter().map(|k| key_str(k)).collect();
    set(&o, "keys", &keys);
    set(&o, "maxDepth", &JsValue::from_f64(MAX_DEPTH as f64));
    set(&o, "maxValues", &JsValue::from_f64(MAX_VALUES as f64));
    set(
        &o,
        "maxTextUnits",
        &JsValue::from_f64(MAX_TEXT_UNITS as f64),
    );
    o.into()
}

thread_local! {
    /// Where the fast path's JS writes the body's UTF-8 (`TextEncoder.encodeInto`, one native
    /// copy), kept between calls so that a request costs no allocation for it. It holds
    /// request parameters only, never credentials.
    static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Above this, the body buffer is released after use rather than kept.
const BODY_KEEP: usize = 1 << 20;

/// The module's memory, for the fast path to write the body into (see [`body_buffer`]).
#[wasm_bindgen(js_name = __memory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Makes the body buffer at least `capacity` bytes and returns its address in [`memory`].
/// The address is valid until the next call into this module.
#[wasm_bindgen(js_name = __bodyBuffer)]
pub fn body_buffer(capacity: u32) -> *mut u8 {
    BODY.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity as usize {
            b.resize(capacity as usize, 0);
        }
        b.as_mut_ptr()
    })
}

/// `buildRequest` for the JS entries' fast path (`pkg-template/fast-path.mjs`): the same
/// request, from arguments already converted there. The body, the UTF-8 of
/// `JSON.stringify(params)` sent as it is, is the first `body_len` bytes of the body buffer;
/// `sha256` its digest in hex when the entry has a native hash. Returns the URL, the method and the
/// header names and values, one per line (no value can hold a line break: each is checked
/// printable ASCII), or `undefined` when the body does not parse (a lone surrogate escaped by
/// `JSON.stringify`), for [`build_request`] to report where.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = __buildRequestText)]
pub fn build_request_text(
    action: String,
    body_len: u32,
    sha256: Option<String>,
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    region: Option<String>,
    host: Option<String>,
    language: Option<String>,
    rules: Option<String>,
    validation: Option<String>,
    sign_action_header: Option<bool>,
    timestamp: Option<f64>,
) -> Result<JsValue, JsValue> {
    BODY.with(|b| {
        let mut b = b.borrow_mut();
        let built = match b.get(..body_len as usize).map(core::str::from_utf8) {
            Some(Ok(body)) => match JsonBody::parse(body) {
                Ok(params) => {
                    // A digest that is not 64 hex digits is ignored: the core hashes the body.
                    let params = match sha256.as_deref().and_then(crate::sign::decode_digest) {
                        Some(digest) => params.with_sha256(digest),
                        None => params,
                    };
                    let args = BuildArgs {
                        options: build_options(rules.as_deref(), language.as_deref())?,
                        validation: validation_arg(validation.as_deref())?,
                        timestamp: timestamp_arg(timestamp)?,
                        action,
                        secret_id,
                        secret_key,
                        token,
                        region,
                        host,
                        language,
                        sign_action_header: sign_action_header.unwrap_or(false),
                    };
                    args.build(Params::Json(&params), &[], head_lines)
                }
                Err(_) => Ok(JsValue::UNDEFINED),
            },
            _ => Ok(JsValue::UNDEFINED),
        };
        if b.len() > BODY_KEEP {
            *b = Vec::new();
        }
        built
    })
}

/// The URL, the method and the header names and values, one per line; with warnings, the
/// array `[lines, warnings]` (rare, so the usual answer stays one string).
fn head_lines(built: &Built<'_>) -> JsValue {
    let mut out = String::with_capacity(512);
    for part in [built.url.as_str(), METHOD] {
        out.push_str(part);
        out.push('\n');
    }
    for (name, value) in &built.headers {
        debug_assert!(!value.contains('\n'));
        out.push_str(name);
        out.push('\n');
        out.push_str(value);
        out.push('\n');
    }
    out.pop();
    let lines = JsValue::from_str(&out);
    if built.warnings.is_empty() {
        return lines;
    }
    Array::of2(&lines, &field_errors(&built.warnings)).into()
}

thread_local! {
    /// The signer of the last credentials used, so that a page or script signing many requests
    /// derives the signing key once a day rather than once a request. It holds the credentials
    /// in wasm memory between calls (the caller's JS holds them too); they are wiped when other
    /// credentials replace them or `forgetCredentials()` is called.
    static LAST_SIGNER: RefCell<Option<Signer>> = const { RefCell::new(None) };
}

/// Runs `f` with the cached signer of `credentials`, replacing the cache when they differ.
fn with_signer<T>(credentials: Credentials, f: impl FnOnce(&mut Signer) -> T) -> T {
    LAST_SIGNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let reuse = slot
            .as_ref()
            .is_some_and(|s| s.credentials().same_as(&credentials));
        if !reuse {
            // Dropping the old signer wipes its credentials and derived key.
            *slot = None;
        }
        f(slot.get_or_insert_with(|| Signer::new(credentials)))
    })
}

/// `forgetCredentials()`: wipes the credentials and derived key kept from the last
/// `buildRequest`.
#[wasm_bindgen(js_name = forgetCredentials)]
pub fn forget_credentials() {
    LAST_SIGNER.with(|cell| {
        cell.borrow_mut().take();
    });
}

/// The error thrown for refused parameters: the first error's code and message (with how
/// many more there are), every error attached; the same summary as `buildRequest`'s.
fn refused(errors: Vec<FieldError>, lang: Language) -> JsValue {
    thrown(BuildError::new(errors, lang))
}

/// The refusal as thrown: `.errors`, and `.warnings` found beside them.
fn thrown(e: BuildError) -> JsValue {
    let thrown = error(e.code, &e.message, Some(&e.errors));
    set(
        thrown.unchecked_ref(),
        "warnings",
        &field_errors(&e.warnings),
    );
    thrown
}

/// `timestamp`: Unix seconds, an integer; the clock (`Date.now()`) when omitted. The core has
/// no clock; this is where the binding supplies one.
fn timestamp_arg(v: Option<f64>) -> Result<i64, JsValue> {
    match v {
        None => Ok((js_sys::Date::now() / 1000.0).floor() as i64),
        // A fraction would be silently dropped from X-TC-Timestamp: refuse it instead. The
        // range is the core's to check (`as` saturates, so a huge value stays out of range).
        Some(n) if n.is_finite() && n.fract() == 0.0 => Ok(n as i64),
        Some(_) => Err(error(
            codes::INVALID_PARAMETER,
            "timestamp must be an integer number of seconds since 1970 (Math.floor(Date.now() / 1000)).",
            None,
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Fleet helpers and responses

/// JSON -> JavaScript, for values the core built (bounded depth: serde_json refuses deeper
/// than 128 levels when parsing, and the core builds no deeper).
fn from_json(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(from_json).collect::<Array>().into(),
        Value::Object(map) => {
            let o = Object::new();
            for (k, v) in map {
                // Keys come from the data (a server's answer): not interned, or the cache of
                // interned strings would grow without bound.
                let (key, value) = (JsValue::from_str(k), from_json(v));
                if k == "__proto__" {
                    // As JSON.parse makes it: an own property. Assigned, it would replace the
                    // object's prototype (the one accessor plain objects inherit).
                    own_property(&o, &key, &value);
                } else {
                    let _ = js_sys::Reflect::set(&o, &key, &value);
                }
            }
            o.into()
        }
    }
}

/// `splitRunCommand(params, options?)`: RunCommand parameters with any number of instances,
/// split into valid requests (kinds never mixed, at most the limit each). Throws a `TatError`
/// with `.errors` (on the original positions) when anything is invalid.
#[wasm_bindgen(js_name = splitRunCommand)]
pub fn split_run_command(params: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let options = options_arg(&options)?;
    let (params, bad) = to_json(&params);
    if !bad.is_empty() {
        let (unconverted, mut report) =
            rules::validate_converted("RunCommand", &params, &bad, &options);
        report.prepend_errors(unconverted);
        return Err(refused(report.into_lists().0, options.language));
    }
    let requests = crate::fleet::split_run_command(&params, &options)
        .map_err(|e| refused(e, options.language))?;
    Ok(requests.iter().map(from_json).collect())
}

/// `parseResponse(text, language?)`: the `Response` object of a successful answer (with its
/// `RequestId`), or a thrown `TatError` with the service's `.code`, `.message`, `.requestId`
/// and `.retryable`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(text: JsValue, language: JsValue) -> Result<JsValue, JsValue> {
    let text = string_arg(&text, "text")?;
    match crate::response::parse(&text, language_or_options(&language)?) {
        Ok(success) => Ok(from_json(&success.data)),
        Err(e) => {
            let err = error(&e.code, &e.message, None);
            if let Some(id) = &e.request_id {
                set(err.unchecked_ref(), "requestId", &JsValue::from_str(id));
            }
            set(
                err.unchecked_ref(),
                "retryable",
                &JsValue::from_bool(e.retryable),
            );
            Err(err)
        }
    }
}

/// `new Pacer(ratePerSecond = 20)`: keeps calls within a rate; `pacer.delay(now?)` books the
/// next call and answers how many milliseconds to wait before sending it.
#[wasm_bindgen(js_name = Pacer)]
pub struct JsPacer(crate::fleet::Pacer);

#[wasm_bindgen(js_class = Pacer)]
impl JsPacer {
    /// A pacer for `rate` calls per second (the API's 20 when omitted).
    #[wasm_bindgen(constructor)]
    pub fn new(rate: JsValue) -> Result<JsPacer, JsValue> {
        if rate.is_undefined() || rate.is_null() {
            return Ok(JsPacer(crate::fleet::Pacer::default()));
        }
        match rate.as_f64() {
            Some(r) if r.fract() == 0.0 && (1.0..=1_000_000.0).contains(&r) => {
                Ok(JsPacer(crate::fleet::Pacer::new(r as u32)))
            }
            _ => Err(error(
                codes::INVALID_PARAMETER_VALUE,
                "The rate must be a whole number of calls per second, at least 1.",
                None,
            )),
        }
    }

    /// Books the next call at `now` (milliseconds; `Date.now()` when omitted) and answers how
    /// long to wait before sending it.
    pub fn delay(&mut self, now: JsValue) -> Result<f64, JsValue> {
        let now = match now.as_f64() {
            _ if now.is_undefined() || now.is_null() => js_sys::Date::now(),
            Some(n) if n.is_finite() => n,
            _ => {
                return Err(error(
                    codes::INVALID_PARAMETER,
                    "now must be a time in milliseconds.",
                    None,
                ))
            }
        };
        Ok(self.0.delay(now))
    }
}
