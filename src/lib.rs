//! # tat-request
//!
//! Prepares requests for Tencent Cloud Automation Tools (TAT), API 3.0, version `2020-10-28`:
//!
//! - [`rules`]: validation of request parameters, answering with the service's own error codes,
//!   every error at once, per field, in English or Chinese;
//! - [`params`]: custom parameters: the `Parameters` / `DefaultParameters` JSON strings and the
//!   `{{name}}` placeholders inside the base64 `Content`;
//! - [`sign`] and [`request`]: TC3-HMAC-SHA256 signing and ready-to-send requests;
//! - [`errors`] and [`status`]: service error codes and task statuses as messages;
//! - [`json`]: JSON text through serde_json, strict: a key given twice is refused.
//!
//! The core does no IO: no clock, no network, no randomness. Callers pass the time.
//! The WebAssembly bindings live in `src/wasm/` and hold no rules.
//!
//! Public types that may grow (options, results, errors, rule sets) are `#[non_exhaustive]`:
//! build [`Options`] with [`Options::new`] (or `Default`) and [`request::RequestInput`] with
//! `RequestInput::new`, then set fields. Modules that only serve others (`rules::fields`,
//! `rules::inputs`, the message renderer, the bindings' helpers) are private to the crate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// A zh-CN text. Built without the `zh` feature (the English-only module of
/// `tat-request/validate`), every zh-CN text is left out and this is `""`: the binding then
/// refuses `zh-CN` (src/wasm/args.rs), so that no empty message is ever rendered. Defined
/// before the modules, which all see it.
#[cfg(feature = "zh")]
macro_rules! zh {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "zh"))]
macro_rules! zh {
    ($text:expr) => {
        ""
    };
}

pub mod base64;
mod body;
pub mod errors;
pub mod fleet;
pub mod json;
mod lang;
mod packed;
pub mod params;
pub mod request;
pub mod response;
pub mod rules;
// Node's module only (built with SIMD); compiled for the native tests too, which compare it
// with the plain way.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
mod scan;
pub mod sign;
pub mod status;
mod swar;
mod text;

/// The wasm-bindgen exports (public for the wasm-bindgen-test suites; JavaScript users see
/// them through the npm package).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use lang::Language;
pub use rules::{
    preview, validate, validate_run_command, FieldError, Options, Preview, Report, RuleSet,
    Validation,
};
