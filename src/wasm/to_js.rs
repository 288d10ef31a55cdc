//! JSON and the core's answers -> JavaScript: objects built as `JSON.parse` builds them
//! (`__proto__` an own property), and the `TatError`s this package throws.

use crate::request::BuildError;
#[cfg(feature = "signer")]
use crate::request::{Built, METHOD};
use crate::rules::{FieldError, Report};
use crate::Language;
use js_sys::{Array, Object};
#[cfg(feature = "signer")]
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "signer")]
/// Defines `key` as an own enumerable, writable data property, as JSON.parse does.
pub(super) fn own_property(o: &Object, key: &JsValue, value: &JsValue) {
    let d = Object::new();
    set(&d, "value", value);
    for flag in ["writable", "enumerable", "configurable"] {
        set(&d, flag, &JsValue::TRUE);
    }
    Object::define_property(o, key, &d);
}

pub(super) fn set(o: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(o, &key_str(key), value);
}

/// A property name or other fixed string. (wasm-bindgen's interning would cache these on the
/// JS side; measured, it gained no throughput in Node and cost 3 KB gzipped, so it is off and
/// `intern` is the identity. The call marks where it would apply.)
pub(super) fn key_str(key: &str) -> JsValue {
    JsValue::from_str(wasm_bindgen::intern(key))
}

pub(super) fn field_errors(errors: &[FieldError]) -> Array {
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
pub(super) fn error(code: &str, message: &str, errors: Option<&[FieldError]>) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("TatError");
    set(&e, "code", &key_str(code));
    if let Some(errors) = errors {
        set(&e, "errors", &field_errors(errors));
    }
    e.into()
}

/// `{ valid, errors, warnings }`, each list capped with its "N more" entry.
pub(super) fn validation_result(report: Report) -> JsValue {
    let (errors, warnings) = report.into_lists();
    let o = Object::new();
    set(&o, "valid", &JsValue::from_bool(errors.is_empty()));
    set(&o, "errors", &field_errors(&errors));
    set(&o, "warnings", &field_errors(&warnings));
    o.into()
}

#[cfg(feature = "signer")]
/// `{ url, method, headers, body, warnings }`.
pub(super) fn request_object(built: &Built<'_>) -> JsValue {
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

/// The error thrown for refused parameters: the first error's code and message (with how
/// many more there are), every error attached; the same summary as `buildRequest`'s.
pub(super) fn refused(errors: Vec<FieldError>, lang: Language) -> JsValue {
    thrown(BuildError::new(errors, lang))
}

/// The refusal as thrown: `.errors`, and `.warnings` found beside them.
pub(super) fn thrown(e: BuildError) -> JsValue {
    let thrown = error(e.code, &e.message, Some(&e.errors));
    set(
        thrown.unchecked_ref(),
        "warnings",
        &field_errors(&e.warnings),
    );
    thrown
}

#[cfg(feature = "signer")]
/// JSON -> JavaScript, for values the core built (bounded depth: serde_json refuses deeper
/// than 128 levels when parsing, and the core builds no deeper).
pub(super) fn from_json(v: &Value) -> JsValue {
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
