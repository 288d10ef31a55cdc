//! The `Pacer` class's core: pacers held in a table, by number. The class itself is
//! `pkg-template/pacer.mjs`, whose instances keep their number in a private field: a
//! wasm-bindgen class hands its Rust address to JS as `__wbg_ptr`, and a call after `free()`
//! or on a forged `this` (`{ __wbg_ptr: 8 }`) passed that address back, answered with a plain
//! `Error` or read whatever lay there. A number is looked up; one not in the table is a
//! `TatError`.

use super::to_js::error;
use crate::errors::codes;
use crate::fleet::Pacer;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The live pacers and the next number to give (numbers are never reused, so a freed one
/// stays unknown; 2^53 of them would take centuries at a million a second).
///
/// A list searched by number: a live pacer costs one entry, and a search is linear in the live
/// pacers (the client holds one per action, at most 29). A `BTreeMap` would link 4 KB gzipped
/// of tree code for that.
struct Table {
    pacers: Vec<(u64, Pacer)>,
    next: u64,
}

impl Table {
    fn find(&mut self, id: &JsValue) -> Option<usize> {
        let id = id.as_f64().filter(|n| n.fract() == 0.0 && *n >= 1.0)? as u64;
        self.pacers.iter().position(|(n, _)| *n == id)
    }
}

thread_local! {
    static TABLE: RefCell<Table> = const { RefCell::new(Table { pacers: Vec::new(), next: 1 }) };
}

/// `new Pacer(rate = 20)`: a pacer for `rate` calls per second; answers its number.
#[wasm_bindgen(js_name = __pacerNew)]
pub fn pacer_new(rate: JsValue) -> Result<f64, JsValue> {
    let pacer = if rate.is_undefined() || rate.is_null() {
        Pacer::default()
    } else {
        match rate.as_f64() {
            Some(r) if r.fract() == 0.0 && (1.0..=1_000_000.0).contains(&r) => Pacer::new(r as u32),
            _ => {
                return Err(error(
                    codes::INVALID_PARAMETER_VALUE,
                    "The rate must be a whole number of calls per second, from 1 to 1,000,000.",
                    None,
                ))
            }
        }
    };
    Ok(TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let id = t.next;
        t.next += 1;
        t.pacers.push((id, pacer));
        id as f64
    }))
}

fn unknown() -> JsValue {
    error(
        codes::INVALID_PARAMETER,
        "This is not a live Pacer: it was freed, or `this` is not one (create one with new Pacer()).",
        None,
    )
}

/// `pacer.delay(now?)`: books the next call of pacer `id` at `now` (milliseconds;
/// `Date.now()` when omitted) and answers how long to wait before sending it.
#[wasm_bindgen(js_name = __pacerDelay)]
pub fn pacer_delay(id: JsValue, now: JsValue) -> Result<f64, JsValue> {
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
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        match t.find(&id) {
            Some(at) => Ok(t.pacers[at].1.delay(now)),
            None => Err(unknown()),
        }
    })
}

/// `pacer.free()`: forgets pacer `id`. Freeing twice, or what is no pacer, does nothing.
#[wasm_bindgen(js_name = __pacerFree)]
pub fn pacer_free(id: JsValue) {
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(at) = t.find(&id) {
            t.pacers.swap_remove(at);
        }
    });
}

/// How many pacers are live (for the tests of freeing).
#[wasm_bindgen(js_name = __pacersLive)]
pub fn pacers_live() -> f64 {
    TABLE.with(|t| t.borrow().pacers.len() as f64)
}
