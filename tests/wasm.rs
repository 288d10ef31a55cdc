//! The bindings, run by wasm-bindgen-test in Node (default) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`, see the Makefile). They check what only the JavaScript
//! boundary can get wrong: conversion of JS values, thrown errors, and defaults.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use tat_request::wasm;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

/// `[[field, code], ...]` of a validation result.
fn pairs(result: &JsValue) -> Vec<(String, String)> {
    let errors: Array = get(result, "errors").into();
    errors
        .iter()
        .map(|e| {
            (
                get(&e, "field").as_string().unwrap(),
                get(&e, "code").as_string().unwrap(),
            )
        })
        .collect()
}

fn p(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

#[wasm_bindgen_test]
fn valid_request_from_a_js_object() {
    let params = js(
        r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Timeout":60,"SaveCommand":false}"#,
    );
    let r = wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "valid").as_bool(), Some(true));
    assert_eq!(pairs(&r), vec![]);
}

#[wasm_bindgen_test]
fn js_numbers_are_integers_when_integral() {
    // A JS number is a double; 60 must reach the rules as the integer 60.
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Timeout":86400}"#);
    assert_eq!(
        pairs(&wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap()),
        vec![]
    );
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Timeout":60.5}"#);
    assert_eq!(
        pairs(&wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap()),
        vec![p("Timeout", "InvalidParameter")]
    );
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_reported_not_altered() {
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"]}"#);
    Reflect::set(&params, &"Timeout".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    // A lone surrogate: JSON.parse of an escaped one gives an ill-formed JS string.
    Reflect::set(&params, &"Description".into(), &js(r#""a\ud800b""#)).unwrap();
    Reflect::set(
        &params,
        &"CommandName".into(),
        &JsValue::bigint_from_str("7"),
    )
    .unwrap();
    let r = wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        pairs(&r),
        vec![
            p("Timeout", "InvalidParameter"),
            p("Description", "InvalidParameter"),
            p("CommandName", "InvalidParameter")
        ]
    );
}

#[wasm_bindgen_test]
fn undefined_properties_are_absent_as_in_json() {
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"]}"#);
    Reflect::set(&params, &"Description".into(), &JsValue::UNDEFINED).unwrap();
    assert_eq!(
        pairs(&wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap()),
        vec![]
    );
}

#[wasm_bindgen_test]
fn cycles_are_reported() {
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Tags":[]}"#);
    let tags: Array = get(&params, "Tags").into();
    tags.push(&params);
    let r = wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap();
    let codes = pairs(&r);
    assert!(
        codes
            .iter()
            .any(|(f, c)| f.starts_with("Tags[0]") && c == "InvalidParameter"),
        "{codes:?}"
    );
}

#[wasm_bindgen_test]
fn messages_follow_the_language_option() {
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Timeout":0}"#);
    let r = wasm::validate_run_command(params, js(r#"{"language":"zh-CN"}"#)).unwrap();
    let errors: Array = get(&r, "errors").into();
    assert_eq!(
        get(&errors.get(0), "message").as_string().unwrap(),
        "Timeout 的取值范围为 [1, 86400]，当前为 0。"
    );
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_with_codes() {
    let e = wasm::validate(
        JsValue::from_f64(1.0),
        Object::new().into(),
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "code").as_string().unwrap(), "InvalidParameter");
    let e =
        wasm::validate_run_command(Object::new().into(), js(r#"{"rules":"newest"}"#)).unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "InvalidParameterValue"
    );
    let e = wasm::describe_error(JsValue::NULL, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "name").as_string().unwrap(), "TatError");
}

#[wasm_bindgen_test]
fn catalogues_through_the_boundary() {
    let d = wasm::describe_error("RequestLimitExceeded".into(), "zh-CN".into()).unwrap();
    assert_eq!(get(&d, "retryable").as_bool(), Some(true));
    assert_eq!(
        get(&d, "message").as_string().unwrap(),
        "请求的次数超过了频率限制，请稍后重试。"
    );
    let s = wasm::describe_task_status("TASK_TIMEOUT".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        get(&s, "label").as_string().unwrap(),
        "Task execution timeout"
    );
    assert_eq!(get(&s, "terminal").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn content_round_trip_and_strict_decoding() {
    let b64 = wasm::encode_content("echo 你好 😀".into()).unwrap();
    assert_eq!(b64, "ZWNobyDkvaDlpb0g8J+YgA==");
    assert_eq!(
        wasm::decode_output(b64.into(), JsValue::UNDEFINED).unwrap(),
        "echo 你好 😀"
    );
    let e = wasm::encode_content(js(r#""\udc00""#)).unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "InvalidParameter");
    // 0xff is not UTF-8: refused, unless the caller asks for a lossy display string.
    let e = wasm::decode_output("/w==".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "InvalidParameterValue"
    );
    assert_eq!(
        wasm::decode_output("/w==".into(), js(r#"{"lossy":true}"#)).unwrap(),
        "\u{fffd}"
    );
}

#[wasm_bindgen_test]
fn placeholders_and_preview() {
    let content = wasm::encode_content("echo {{a}} {{b}}".into()).unwrap();
    let names = wasm::list_placeholders(content.clone().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(names.length(), 2);
    let p = wasm::preview_content(
        content.into(),
        r#"{"a":"1"}"#.into(),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&p, "text").as_string().unwrap(), "echo 1 {{b}}");
    let missing: Array = get(&p, "missing").into();
    assert_eq!(missing.get(0).as_string().unwrap(), "b");
}

#[wasm_bindgen_test]
fn warnings_beside_errors_and_the_way_past_them() {
    // A member newer than the seed document and an ID of an unknown form: warnings; the
    // request stays valid. An unknown key is refused (the service's UnknownParameter).
    let params =
        js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-abc"],"DefaultParameterConfs":[]}"#);
    let r = wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "valid").as_bool(), Some(true));
    let warnings: Array = get(&r, "warnings").into();
    let codes: Vec<String> = warnings
        .iter()
        .map(|w| get(&w, "code").as_string().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "UnknownParameter",
            "InvalidParameterValue.InvalidInstanceId"
        ]
    );
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Extra":1}"#);
    let r = wasm::validate_run_command(params, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "valid").as_bool(), Some(false));
    let errors: Array = get(&r, "errors").into();
    assert_eq!(
        get(&errors.get(0), "code").as_string().as_deref(),
        Some("UnknownParameter")
    );
    // A refused Timeout: thrown by default, built and signed with validation 'warn'.
    let input = |validation: &str| {
        js(&format!(
            r#"{{"action":"RunCommand","params":{{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"],"Timeout":0}},"secretId":"AKIDx","secretKey":"k","timestamp":1700000000{validation}}}"#
        ))
    };
    let e = wasm::build_request(input("")).unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "InvalidParameterValue.Range"
    );
    let r = wasm::build_request(input(r#","validation":"warn""#)).unwrap();
    let warnings: Array = get(&r, "warnings").into();
    assert_eq!(warnings.length(), 1);
    assert_eq!(
        get(&warnings.get(0), "field").as_string().unwrap(),
        "Timeout"
    );
    assert!(get(&get(&r, "headers"), "Authorization")
        .as_string()
        .unwrap()
        .starts_with("TC3-HMAC-SHA256 "));
    let e = wasm::build_request(input(r#","validation":"lenient""#)).unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().unwrap(),
        "InvalidParameterValue"
    );
}

#[wasm_bindgen_test]
fn proto_keys_of_answers_are_own_properties() {
    let text = r#"{"Response":{"__proto__":{"polluted":"yes"},"Task":{"__proto__":{"TaskStatus":"SUCCESS"}},"RequestId":"r"}}"#;
    let r = wasm::parse_response(text.into(), JsValue::UNDEFINED).unwrap();
    // Not inherited: the prototype is Object.prototype, and `polluted` is no property.
    assert_eq!(
        Object::get_prototype_of(&r),
        Object::get_prototype_of(&Object::new().into())
    );
    assert!(get(&r, "polluted").is_undefined());
    let task = get(&r, "Task");
    assert!(get(&task, "TaskStatus").is_undefined());
    let own: Array = Object::keys(&task.into());
    assert_eq!(own.get(0).as_string().unwrap(), "__proto__");
}

#[wasm_bindgen_test]
fn non_integral_numbers_are_written_as_json_stringify_writes_them() {
    // The careful build writes the body from the converted value; a number that is not an
    // integer must come out as JavaScript writes it (what the official Node SDK sends), in
    // the exponent forms too (`1e+21`, where serde_json alone writes `1e21`).
    let numbers = [0.1, -2.5, 1e21, 1.5e300, 1e-7, 5e-324, 123456.789];
    let extra = Array::new();
    for n in numbers {
        extra.push(&JsValue::from_f64(n));
    }
    let params = js(r#"{"Content":"d2hvYW1p","InstanceIds":["ins-12345678"]}"#);
    Reflect::set(&params, &"Extra".into(), &extra).unwrap();
    // `Extra` is unknown to RunCommand: built with validation 'warn', as a parameter newer
    // than api.json would be.
    let input = js(
        r#"{"action":"RunCommand","secretId":"AKIDx","secretKey":"k","timestamp":1700000000,"validation":"warn"}"#,
    );
    Reflect::set(&input, &"params".into(), &params).unwrap();
    let r = wasm::build_request(input).unwrap();
    let body = get(&r, "body").as_string().unwrap();
    let written = String::from(JSON::stringify(&extra).unwrap());
    assert_eq!(written, "[0.1,-2.5,1e+21,1.5e+300,1e-7,5e-324,123456.789]");
    assert_eq!(
        body,
        format!(r#"{{"Content":"d2hvYW1p","Extra":{written},"InstanceIds":["ins-12345678"]}}"#)
    );
}
