//! The buffer protocol of the JS entries' fast `buildRequest` (`pkg-template/fast-path.mjs`):
//! the body written straight into wasm memory, the request answered as lines of text.

use super::args::{build_options, timestamp_arg, validation_arg, BuildArgs, BUILD_INPUT_KEYS};
use super::convert::{MAX_DEPTH, MAX_TEXT_UNITS, MAX_VALUES};
use super::to_js::{field_errors, key_str, set};
use crate::request::{Built, JsonBody, Params, METHOD};
use js_sys::{Array, Object};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

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
    // Whether long strings may be written by the encoder (see `body_strings_plain`).
    let raw_strings = cfg!(target_feature = "simd128");
    set(&o, "rawStrings", &JsValue::from_bool(raw_strings));
    o.into()
}

thread_local! {
    /// Where the fast path's JS writes the body's UTF-8 (`TextEncoder.encodeInto`, one native
    /// copy), kept between calls so that a request costs no allocation for it. It holds
    /// request parameters only, never credentials.
    pub(super) static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Above this, the body buffer is released after use rather than kept.
pub(super) const BODY_KEEP: usize = 1 << 20;

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

/// Whether each of `ranges` of the body buffer (start and end byte offsets, in pairs) is a
/// string's UTF-8 that `JSON.stringify` writes as it is between its quotes: no control
/// character, `"` or `\\`. The fast path writes long strings so rather than through
/// `JSON.stringify` (`pkg-template/fast-path.mjs`), and asks this before it signs such a
/// body, which must be the bytes `JSON.stringify` would have written; a range out of the
/// buffer, or not in pairs, is refused too. Node's module only (built with SIMD, where it
/// reads sixteen bytes a step): in Chromium JSON.stringify is not the cost it is in Node 20,
/// and the browser's module is kept small; the fast path asks `rawStrings` first.
#[cfg(target_feature = "simd128")]
#[wasm_bindgen(js_name = __bodyStringsPlain)]
pub fn body_strings_plain(ranges: &[u32]) -> bool {
    BODY.with(|b| {
        let b = b.borrow();
        ranges.len().is_multiple_of(2)
            && ranges.chunks_exact(2).all(|r| {
                b.get(r[0] as usize..r[1] as usize)
                    .is_some_and(crate::swar::json_plain)
            })
    })
}

/// The URL, the method and the header names and values, one per line; with warnings, the
/// array `[lines, warnings]` (rare, so the usual answer stays one string).
pub(super) fn head_lines(built: &Built<'_>) -> JsValue {
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
