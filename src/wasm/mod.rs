//! wasm-bindgen exports: JavaScript <-> Rust conversion only. No rule lives here; every check
//! and message comes from the core. This file holds the package's exported functions; the
//! machinery they share lives beside it, one concern a file:
//!
//! - [`convert`]: JavaScript values -> JSON, reporting what JSON cannot carry;
//! - [`to_js`]: JSON and the core's answers -> JavaScript objects and thrown `TatError`s;
//! - [`args`]: the exports' arguments and options, read and checked;
//! - [`fast_path`]: the buffer protocol of the JS entries' fast `buildRequest`;
//! - [`signer_cache`]: the signer of the last credentials, and `forgetCredentials`;
//! - [`pacer`]: the table behind the `Pacer` class (`pkg-template/pacer.mjs`); [`alloc`]: the allocator and `memoryBytes`.
//!
//! Conversion is done by hand with `js-sys` rather than through a generic serializer so that
//! what JSON cannot carry is reported instead of silently altered: `NaN` would become `null`
//! and a lone surrogate U+FFFD, and a signature over altered text signs a different request.
//! Nothing here can panic: every fallible step answers with an `Error` that has a `.code`.

mod alloc;
mod args;
mod convert;
#[cfg(feature = "signer")]
mod fast_path;
#[cfg(feature = "signer")]
mod pacer;
#[cfg(feature = "signer")]
mod signer_cache;
mod to_js;

#[cfg(feature = "signer")]
pub use alloc::memory_bytes;
#[cfg(all(feature = "signer", target_feature = "simd128"))]
pub use fast_path::body_strings_plain;
#[cfg(feature = "signer")]
pub use fast_path::{body_buffer, build_request_text, fast_path_info, memory};
#[cfg(feature = "signer")]
pub use pacer::{pacer_delay, pacer_free, pacer_new, pacers_live};
#[cfg(feature = "signer")]
pub use signer_cache::forget_credentials;

use crate::base64;
use crate::errors::{codes, describe_error as core_describe_error};
#[cfg(feature = "signer")]
use crate::request::Params;
use crate::rules;
use crate::status::describe_task_status as core_describe_task_status;
#[cfg(feature = "signer")]
use args::{
    build_options, opt_prop, prop, read, timestamp_arg, validation_arg, BuildArgs, BUILD_INPUT_KEYS,
};
use args::{language_or_options, opt_string_arg, options_arg, rules_arg, string_arg};
#[cfg(feature = "signer")]
use convert::{array_is_array, object_keys};
use convert::{reflect_get, to_json};
use js_sys::{Array, Object};
use to_js::{error, key_str, refused, set, validation_result};
#[cfg(feature = "signer")]
use to_js::{from_json, request_object};
use wasm_bindgen::prelude::*;
#[cfg(feature = "signer")]
use wasm_bindgen::JsCast;

/// Runs when the module is instantiated: a panic (a bug: nothing here is meant to panic)
/// reaches the console with its message and place, instead of only `unreachable`. `private`:
/// not one more export of the package, whose list of functions is its contract. Left out of
/// the validation modules (feature `panic-hook`, 1.1 KB gzipped of their budget).
#[cfg(feature = "panic-hook")]
#[wasm_bindgen(start, private)]
fn start() {
    console_error_panic_hook::set_once();
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
    num(&o, "requestBodyMaxBytes", l.request_body_max_bytes);
    num(&o, "previewMaxBytes", l.preview_max_bytes);
    Ok(o.into())
}

#[cfg(feature = "signer")]
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
            let key = crate::text::shown(&key);
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

#[cfg(feature = "signer")]
/// `splitRunCommand(params, options?)`: RunCommand parameters with any number of instances,
/// split into valid requests (kinds never mixed, at most the limit each). Throws a `TatError`
/// with `.errors` (on the original positions) when anything is invalid.
#[wasm_bindgen(js_name = splitRunCommand)]
pub fn split_run_command(params: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let validation = match options.is_object() {
        true => opt_prop(&options, "validation")?,
        false => None,
    };
    let validation = validation_arg(validation.as_deref())?;
    let options = options_arg(&options)?;
    let (params, bad) = to_json(&params);
    if !bad.is_empty() {
        let (unconverted, mut report) =
            rules::validate_converted("RunCommand", &params, &bad, &options);
        report.prepend_errors(unconverted);
        return Err(refused(report.into_lists().0, options.language));
    }
    let requests = crate::fleet::split_run_command_with(&params, &options, validation)
        .map_err(|e| refused(e, options.language))?;
    Ok(requests.iter().map(from_json).collect())
}

#[cfg(feature = "signer")]
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
