//! The exports' arguments: strings, options and `buildRequest`'s inputs, read (a throwing
//! getter is reported, not propagated) and checked, each refusal a `TatError` naming it.

use super::convert::{reflect_get, Text};
use super::language::zh_available;
#[cfg(feature = "signer")]
use super::signer_cache::with_signer;
#[cfg(feature = "signer")]
use super::to_js::thrown;
use super::to_js::{error, key_str};
use crate::errors::codes;
#[cfg(feature = "signer")]
use crate::request::{build_borrowed_with, Built, Params, RequestInput};
#[cfg(feature = "signer")]
use crate::rules::Validation;
use crate::rules::{self, Options, RuleSet, Unrepresentable};
#[cfg(feature = "signer")]
use crate::sign::{Credentials, SignOptions};
use crate::Language;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A string argument, refusing other types and text that is not well-formed.
pub(super) fn string_arg(v: &JsValue, name: &str) -> Result<String, JsValue> {
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
pub(super) fn read(o: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    reflect_get(o, &key_str(key)).map_err(|_| {
        error(
            codes::INVALID_PARAMETER,
            &format!("{key} could not be read."),
            None,
        )
    })
}

/// [`read`], `None` when `undefined` or `null`.
pub(super) fn prop(o: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    read(o, key).map(|v| (!(v.is_undefined() || v.is_null())).then_some(v))
}

/// An optional string property of an options object.
pub(super) fn opt_prop(o: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    if !o.is_object() {
        return Ok(None);
    }
    prop(o, key)?.map(|v| string_arg(&v, key)).transpose()
}

/// An optional choice among named values: the default when absent, else one of the names.
pub(super) fn choice<T: Default>(
    v: Option<&str>,
    parse: fn(&str) -> Option<T>,
    refusal: &str,
) -> Result<T, JsValue> {
    match v {
        None => Ok(T::default()),
        Some(s) => parse(s).ok_or_else(|| error(codes::INVALID_PARAMETER_VALUE, refusal, None)),
    }
}

#[cfg(feature = "signer")]
/// `validation`: `error` (when absent) or `warn`.
pub(super) fn validation_arg(v: Option<&str>) -> Result<Validation, JsValue> {
    choice(
        v,
        Validation::parse,
        "validation must be 'error' or 'warn'.",
    )
}

/// `rules`: `seed` (when absent) or `latest`.
pub(super) fn rules_arg(v: Option<&str>) -> Result<RuleSet, JsValue> {
    choice(v, RuleSet::parse, "rules must be 'seed' or 'latest'.")
}

/// `language`: `en-US` (when absent) or `zh-CN`, which a module without its zh-CN texts in
/// memory refuses, saying how to load them (see [`super::language`]).
pub(super) fn language_arg(v: Option<&str>) -> Result<Language, JsValue> {
    let language = choice(v, Language::parse, "language must be 'en-US' or 'zh-CN'.")?;
    loaded(language)
}

/// `language`, unless its texts are not in this module's memory.
fn loaded(language: Language) -> Result<Language, JsValue> {
    if language == Language::ZhCn && !zh_available() {
        return Err(error(
            codes::INVALID_PARAMETER_VALUE,
            "language 'zh-CN': its messages are not loaded yet; call `await loadLanguage('zh-CN')` once first.",
            None,
        ));
    }
    Ok(language)
}

#[cfg(feature = "signer")]
/// `buildRequest`'s options: `rules` checked here (an option of this package); `language`
/// only picks the messages' language (refused as `zh-CN` while its texts are not loaded), since
/// the core checks it as the `X-TC-Language` it also is and reports it with the request's other
/// problems.
pub(super) fn build_options(
    rules: Option<&str>,
    language: Option<&str>,
) -> Result<Options, JsValue> {
    Ok(Options {
        rules: rules_arg(rules)?,
        language: loaded(language.and_then(Language::parse).unwrap_or_default())?,
    })
}

/// An optional string argument: `undefined` and `null` mean absent.
pub(super) fn opt_string_arg(v: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        string_arg(v, name).map(Some)
    }
}

/// `{ rules?, language? }`; `undefined` and `null` mean the defaults.
pub(super) fn options_arg(options: &JsValue) -> Result<Options, JsValue> {
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
pub(super) fn language_or_options(v: &JsValue) -> Result<Language, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Language::EnUs);
    }
    if v.is_string() {
        return language_arg(Some(&string_arg(v, "language")?));
    }
    language_arg(opt_prop(v, "language")?.as_deref())
}

#[cfg(feature = "signer")]
/// The properties `buildRequest` reads; anything else is refused, so that a typo such as
/// `secretkey` is an error rather than a missing credential.
pub(super) const BUILD_INPUT_KEYS: &[&str] = &[
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

#[cfg(feature = "signer")]
/// `buildRequest`'s inputs other than the parameters, converted and checked in the order both
/// ways of building report them (strings, then `rules` and `language`, then the timestamp).
pub(super) struct BuildArgs {
    pub(super) action: String,
    pub(super) secret_id: String,
    pub(super) secret_key: String,
    pub(super) token: Option<String>,
    pub(super) region: Option<String>,
    pub(super) host: Option<String>,
    /// Sent as `X-TC-Language`; also the language of `options`.
    pub(super) language: Option<String>,
    pub(super) options: Options,
    pub(super) validation: Validation,
    pub(super) sign_action_header: bool,
    pub(super) timestamp: i64,
}

#[cfg(feature = "signer")]
impl BuildArgs {
    /// Validates and signs with the cached signer of these credentials, and hands the built
    /// request (its body borrowed when given as text) to `out`.
    pub(super) fn build(
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

#[cfg(feature = "signer")]
/// `timestamp`: Unix seconds, an integer; the clock (`Date.now()`) when omitted. The core has
/// no clock; this is where the binding supplies one.
pub(super) fn timestamp_arg(v: Option<f64>) -> Result<i64, JsValue> {
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
