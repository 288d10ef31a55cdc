//! JavaScript -> JSON: a parameters object read into a `serde_json::Value`, with what JSON
//! cannot carry (NaN, lone surrogates, functions, cycles, ...) reported by path rather than
//! silently altered.

use super::to_js::key_str;
use crate::rules::Unrepresentable;
use js_sys::{Array, JsString};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript string, seen through the one method wasm-bindgen's `JsString` lacks.
    #[wasm_bindgen(extends = JsString)]
    pub(super) type Text;

    /// `String.prototype.isWellFormed`: false when the string has a lone surrogate.
    #[wasm_bindgen(method, js_name = isWellFormed)]
    pub(super) fn is_well_formed(this: &Text) -> bool;

    /// `Object.keys`, catching what a hostile Proxy throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub(super) fn object_keys(o: &JsValue) -> Result<Array, JsValue>;

    /// `Reflect.get`, catching what a throwing getter throws.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    pub(super) fn reflect_get(o: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.get` of an array index, catching what a throwing getter (or Proxy) throws.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get_index(o: &JsValue, key: u32) -> Result<JsValue, JsValue>;

    /// `Array.isArray`, catching the TypeError a revoked Proxy throws (an uncaught JS
    /// exception would unwind through the wasm frames without running their destructors).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub(super) fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
}

/// How deep the converter follows nested objects; deeper (or cyclic) values are reported.
pub(super) const MAX_DEPTH: usize = 64;

/// How many values (array elements, property values) one conversion reads. Far above any
/// request the rules accept (100 instance IDs, 10 tags), it bounds the work a hostile value
/// can cause: a sparse array whose `length` is 2^32 - 1, or a small object reached through
/// 2^64 paths (`o = {a: o, b: o}` repeated), is refused instead of walked.
pub(super) const MAX_VALUES: usize = 1 << 20;

/// How many UTF-16 code units of text (strings and keys) one conversion copies into wasm
/// memory: 64 Mi, room for a few 20 MB strings (which the rules then refuse by their own
/// limits, with their own codes), not for thousands of them.
pub(super) const MAX_TEXT_UNITS: usize = 1 << 26;

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
pub(super) fn to_json(v: &JsValue) -> (Value, Vec<(String, Unrepresentable)>) {
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
