//! The `Pacer` class: a rate limit for the client's calls.

use super::to_js::error;
use crate::errors::codes;
use wasm_bindgen::prelude::*;

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
