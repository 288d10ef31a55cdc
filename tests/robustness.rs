//! Robustness: huge inputs are refused early by their limits (behaviour only: nothing here is
//! timed), every crash the fuzzers found is replayed, and the key types wipe themselves.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use tat_request::errors::codes;
use tat_request::params::{self, Problem};
use tat_request::rules::{validate_converted, Unrepresentable, MAX_REPORTED};
use tat_request::sign::{Credentials, SigningKey};
use tat_request::{base64, validate_run_command, Options, RuleSet};
use zeroize::{Zeroize, ZeroizeOnDrop};

const MB20: usize = 20 * 1024 * 1024;

fn valid() -> Map<String, Value> {
    let Value::Object(o) = json!({"Content": "ZWNobyBoZWxsbw==", "InstanceIds": ["ins-12345678"]})
    else {
        unreachable!()
    };
    o
}

fn with(pairs: &[(&str, Value)]) -> Value {
    let mut o = valid();
    for (k, v) in pairs {
        o.insert((*k).to_owned(), v.clone());
    }
    Value::Object(o)
}

fn errs(v: &Value) -> Vec<(String, &'static str)> {
    validate_run_command(v, &Options::default())
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

/// `one(field, code)` and, last, the body's own size past API 3.0's 10 MB.
fn and_size(mut e: Vec<(String, &'static str)>) -> Vec<(String, &'static str)> {
    e.push((String::new(), codes::REQUEST_SIZE_LIMIT_EXCEEDED));
    e
}

fn one(field: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(field.to_owned(), code)]
}

/// A JSON object text of `n` entries `"k<i>":"v"`.
fn object_text(n: usize) -> String {
    let mut s = String::with_capacity(n * 12 + 2);
    s.push('{');
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("\"k{i}\":\"v\""));
    }
    s.push('}');
    s
}

// ---------------------------------------------------------------------------------------
// Huge inputs: refused by their limit, with one error, whatever their size.

#[test]
fn huge_instance_ids_are_refused_by_their_count() {
    // 100,000 malformed IDs: none is examined, so there is one error, not 100,000.
    let ids: Vec<Value> = (0..100_000).map(|i| Value::from(format!("x{i}"))).collect();
    for (rules, max) in [(RuleSet::Seed, 100), (RuleSet::Latest, 200)] {
        let e = validate_run_command(
            &with(&[("InstanceIds", Value::Array(ids.clone()))]),
            &Options::new(rules, tat_request::Language::EnUs),
        )
        .errors;
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].field, "InstanceIds");
        assert_eq!(e[0].code, codes::INVALID_PARAMETER_VALUE_LIMIT_EXCEEDED);
        assert!(e[0].message.contains(&max.to_string()));
        assert!(e[0].message.contains("100000"));
    }
}

#[test]
fn huge_content_is_refused_before_decoding() {
    // 20 MB of invalid base64: the length alone refuses it (TooLong, not InvalidContent),
    // and the body it makes is over 10 MB.
    let v = with(&[("Content", Value::from("!".repeat(MB20)))]);
    assert_eq!(
        errs(&v),
        and_size(one("Content", codes::INVALID_PARAMETER_VALUE_TOO_LONG))
    );
    // One past the limit, valid base64 or not.
    let v = with(&[("Content", Value::from("A".repeat(64 * 1024 + 1)))]);
    assert_eq!(
        errs(&v),
        one("Content", codes::INVALID_PARAMETER_VALUE_TOO_LONG)
    );
}

#[test]
fn huge_description_is_refused_with_its_exact_length() {
    let v = with(&[("Description", Value::from("描".repeat(MB20 / 3)))]);
    let e = validate_run_command(&v, &Options::default()).errors;
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].code, codes::INVALID_PARAMETER_VALUE_TOO_LONG);
    assert_eq!(e[1].code, codes::REQUEST_SIZE_LIMIT_EXCEEDED);
    assert!(
        e[0].message.contains(&(MB20 / 3).to_string()),
        "{}",
        e[0].message
    );
    // 120 three-byte characters (360 bytes) still pass: the byte-length shortcut only skips
    // counting texts of at most 120 bytes.
    let ok = with(&[("Description", Value::from("描".repeat(120)))]);
    assert_eq!(errs(&ok), vec![]);
    let over = with(&[("Description", Value::from("描".repeat(121)))]);
    assert_eq!(
        errs(&over),
        one("Description", codes::INVALID_PARAMETER_VALUE_TOO_LONG)
    );
}

#[test]
fn parameters_with_a_million_keys_are_refused_by_their_count() {
    let text = object_text(1_000_000);
    // The reader keeps at most the limit's entries, and counts the rest.
    let parsed = params::parse(&text, 20, 64);
    assert_eq!(parsed.problems, vec![Problem::TooMany(1_000_000)]);
    assert_eq!(parsed.entries.len(), 20);
    // Past the limit, keys are not examined: a million bad, duplicate keys give one error each
    // for the first, one duplicate report, and the count.
    let mut bad = String::from("{");
    for i in 0..1_000_000 {
        bad.push_str(if i == 0 { "\"a b\":1" } else { ",\"a b\":1" });
    }
    bad.push('}');
    let parsed = params::parse(&bad, 20, 64);
    assert_eq!(parsed.entries.len(), 0);
    assert_eq!(
        parsed.problems,
        vec![
            Problem::TooMany(1_000_000),
            Problem::KeyInvalidChar("a b".into()),
            Problem::ValueNotString("a b".into(), "number"),
            Problem::DuplicateKey("a b".into()),
        ]
    );
    // Through validation, with placeholders whose values may sit past the limit: no pile of
    // "missing value" errors on top of the count.
    let script: String = (0..30).map(|i| format!("{{{{k{i}}}}} ")).collect();
    let v = with(&[
        ("Content", Value::from(base64::encode(script.as_bytes()))),
        ("EnableParameter", Value::from(true)),
        ("Parameters", Value::from(text)),
    ]);
    assert_eq!(
        errs(&v),
        and_size(one(
            "Parameters",
            codes::INVALID_PARAMETER_VALUE_PARAMETER_NUMBER_EXCEEDED
        ))
    );
}

#[test]
fn parameters_over_the_limit_still_report_invalid_json_anywhere() {
    // Entries past the limit are skipped, not trusted: their syntax is still read.
    let mut text = object_text(25);
    text.insert_str(text.len() - 1, ",\"x\":");
    assert!(matches!(
        params::parse(&text, 20, 64).problems[..],
        [Problem::InvalidJson { .. }]
    ));
    let trailing = format!("{} x", object_text(25));
    assert!(matches!(
        params::parse(&trailing, 20, 64).problems[..],
        [Problem::InvalidJson { .. }]
    ));
}

#[test]
fn many_tags_are_refused_by_their_count() {
    let tags: Vec<Value> = (0..100_000).map(|_| json!(7)).collect();
    let v = with(&[("SaveCommand", json!(true)), ("Tags", Value::Array(tags))]);
    assert_eq!(
        errs(&v),
        one("Tags", codes::INVALID_PARAMETER_VALUE_LIMIT_EXCEEDED)
    );
}

#[test]
fn a_huge_unknown_key_makes_a_short_message() {
    let key = "K".repeat(MB20);
    let mut o = valid();
    o.insert(key.clone(), json!(1));
    let e = validate_run_command(&Value::Object(o), &Options::default()).errors;
    // The 20 MB key makes the body too large as well (API 3.0's 10 MB), reported after it.
    assert_eq!(e.len(), 2);
    assert_eq!(e[1].code, codes::REQUEST_SIZE_LIMIT_EXCEEDED);
    assert_eq!(e[0].code, codes::UNKNOWN_PARAMETER);
    assert_eq!(e[0].field, key, "the field names the key in full");
    assert!(e[0].message.len() < 200, "{} bytes", e[0].message.len());
}

#[test]
fn many_distinct_placeholders_are_listed_once_each_in_order() {
    // ~43 KB of script (57 KB of base64, within the 64 KB limit): 2,500 distinct
    // placeholders, each twice.
    let names: Vec<String> = (0..2_500).map(|i| format!("p{i}")).collect();
    let mut script = String::new();
    for n in names.iter().chain(names.iter().rev()) {
        script.push_str(&format!("{{{{{n}}}}}"));
    }
    let found = params::placeholders(script.as_bytes(), false);
    assert_eq!(found, names.iter().map(String::as_str).collect::<Vec<_>>());
    // With values for none of them, every one is missing, once.
    let v = with(&[
        ("Content", Value::from(base64::encode(script.as_bytes()))),
        ("EnableParameter", json!(true)),
    ]);
    // Listed up to the cap, the rest counted; then the "N more" entry.
    let r = validate_run_command(&v, &Options::default());
    assert_eq!(r.errors.len(), MAX_REPORTED);
    assert_eq!(r.omitted(), (names.len() - MAX_REPORTED, 0));
    assert!(r
        .errors
        .iter()
        .all(|e| e.code == codes::INVALID_PARAMETER_VALUE_LACK_OF_PARAMETER_INFO));
    let (listed, _) = r.into_lists();
    assert_eq!(listed.len(), MAX_REPORTED + 1);
    assert_eq!(listed[MAX_REPORTED].field, "");
    assert_eq!(
        listed[MAX_REPORTED].message,
        "2400 more errors not listed (only the first 100 are)."
    );
}

#[test]
fn long_name_runs_after_braces_are_not_placeholders() {
    let mut s = b"{{".to_vec();
    s.extend(vec![b'a'; 1_000_000]);
    s.extend_from_slice(b"}} {{ok}}");
    assert_eq!(params::placeholders(&s, false), vec!["ok"]);
    let mut edge = b"{{".to_vec();
    edge.extend(vec![b'n'; 64]);
    edge.extend_from_slice(b"}}");
    assert_eq!(params::placeholders(&edge, false).len(), 1);
    edge.insert(2, b'n');
    assert!(params::placeholders(&edge, false).is_empty());
}

#[test]
fn many_unconverted_values_are_each_reported_once() {
    // What the bindings pass for an object of 100,000 unknown keys whose values are NaN:
    // each value is reported once, and the UnknownParameter errors at the same fields are
    // dropped (they describe the null put in their place). This merge was quadratic.
    let n = 100_000;
    let mut o = valid();
    let mut bad = Vec::with_capacity(n);
    for i in 0..n {
        let k = format!("k{i}");
        o.insert(k.clone(), Value::Null);
        bad.push((k, Unrepresentable::NonFinite));
    }
    // A parent covers its children; a sibling with a common prefix does not.
    o.insert("SaveCommand".into(), json!(true));
    o.insert("Tags".into(), json!([{"Key": "a"}]));
    bad.push(("Tags[0]".into(), Unrepresentable::LoneSurrogate));
    o.insert("k1x".into(), json!(1));
    // The unconverted values: the first MAX_REPORTED formatted, the rest counted.
    let (unconverted, r) =
        validate_converted("RunCommand", &Value::Object(o), &bad, &Options::default());
    assert_eq!(unconverted.len(), MAX_REPORTED);
    assert!(unconverted
        .iter()
        .all(|e| e.code == codes::INVALID_PARAMETER));
    // Past the cap problems are counted, not kept, so they cannot be matched with the
    // unconverted values: the count also holds the problems found past the first 100 (the
    // unknown keys and `Tags[0].Value`, missing): an upper bound of what was not examined.
    assert_eq!(
        r.omitted().0,
        (n + 1 - MAX_REPORTED) + (n + 2 - MAX_REPORTED)
    );
    // Nothing the validation listed at their fields is left (the errors listed within the cap
    // were the unknown keys `k0`, `k1`, ...).
    assert_eq!(r.errors, vec![]);
    assert_eq!(r.warnings, vec![]);
    // The whole request unconvertible: only that is reported, with a readable message.
    let (e, r) = validate_converted(
        "RunCommand",
        &Value::Null,
        &[(String::new(), Unrepresentable::TooLarge)],
        &Options::default(),
    );
    assert_eq!((r.errors, r.warnings), (vec![], vec![]));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.starts_with("params is too large"),
        "{}",
        e[0].message
    );
}

// ---------------------------------------------------------------------------------------
// Fuzz regressions: each input a fuzzer found, replayed (fuzz/regressions/<target>/).

#[test]
fn fuzz_params_parse_keeps_at_most_the_limit_of_entries() {
    // params_parse crash-8695397…: the first byte picks the small limits (3 entries, 4-char
    // keys); the text has 5 entries. Before the fix every entry was kept (and, for a text of a
    // million keys, every one allocated, checked and reported).
    let input = include_bytes!(
        "../fuzz/regressions/params_parse/crash-8695397891d969e544647d8b0817d47c6c252052"
    );
    let text = String::from_utf8_lossy(&input[1..]);
    let (max_entries, max_key) = if input[0] & 1 == 0 { (20, 64) } else { (3, 4) };
    let parsed = params::parse(&text, max_entries, max_key);
    assert!(parsed.entries.len() <= max_entries);
    assert_eq!(parsed.problems, vec![Problem::TooMany(5)]);
    assert_eq!(
        parsed.entries,
        vec![
            ("k0".to_owned(), "v".to_owned()),
            ("k1".to_owned(), "v".to_owned()),
            ("k2".to_owned(), "v".to_owned()),
        ]
    );
}

#[test]
fn fuzz_params_parse_numbers_out_of_range_are_invalid_json_wherever_they_sit() {
    // params_parse crash-407a684…: `[5E4555]` was called an array (NotObject) where
    // serde_json calls it invalid JSON ("number out of range"), because values only named were
    // skipped without being read. Now every value is read the same way, wherever it sits: at
    // the top, inside a value, past the entry limit.
    let input = include_bytes!(
        "../fuzz/regressions/params_parse/crash-407a6845b8a79bc44707d3462538e80c1177a679"
    );
    let text = String::from_utf8_lossy(&input[1..]);
    let invalid = |t: &str, max: usize| {
        matches!(
            params::parse(t, max, 64).problems[..],
            [Problem::InvalidJson { .. }]
        )
    };
    assert!(invalid(&text, 20));
    assert!(serde_json::from_str::<Value>(&text).is_err());
    for t in [
        r#"{"a":1e400}"#,
        r#"{"a":[1e400]}"#,
        r#"{"a":{"b":-1e400}}"#,
        r#"{"a":["\uD800"]}"#,
        r#"{"a":"1","b":"2","c":1e400}"#,
        r#"{"a":"1","b":"2","\uDC00":"3"}"#,
    ] {
        assert!(invalid(t, 2), "{t}");
        assert!(invalid(t, 20), "{t}");
    }
    assert!(!invalid(r#"{"a":[1e300, "\uD83D\uDE00"]}"#, 20));
}

#[test]
fn fuzz_build_request_an_echoed_parameter_is_not_the_secret() {
    // build_request crash-86fc69a…: a false alarm of the fuzz target, kept as a check of what
    // it was about. WorkingDirectory holds `ZQXSECRET` and carriage returns, the secret key is
    // `ZQXSECRET` and two backslashes. The body escapes the returns (`ZQXSECRET\r`), and the
    // Debug form of that (`ZQXSECRET\\r`) reads as the key; the request itself never holds it.
    let key = "ZQXSECRET\\\\";
    let params = json!({
        "Content": base64::encode(b"x"),
        "InstanceIds": ["ins-12345678"],
        "WorkingDirectory": "ZQXSECRET\r\r",
    });
    let input = tat_request::request::RequestInput::new("RunCommand", &params, 0);
    let r = tat_request::request::build_request(&input, &Credentials::new("SSSS\\\\", key))
        .expect("built");
    assert!(
        r.body.contains(r#""WorkingDirectory":"ZQXSECRET\r\r""#),
        "{}",
        r.body
    );
    let mut sent = format!("{} {}", r.url, r.body);
    for (n, v) in &r.headers {
        sent.push_str(n);
        sent.push_str(v);
    }
    assert!(!sent.contains(key));
    assert!(
        format!("{r:?}").contains(key),
        "the echo, as Debug writes it"
    );
}

// ---------------------------------------------------------------------------------------
// Bounded work for every input (issue 23): no amplification, no quadratic split, no pacer
// whose memory follows its rate.

/// The review's case: 9,800 `{{a}}` (49 KB of script, inside the 64 KB of base64) and a
/// 900 KB value, a 965 KB request asking for an 8.8 GB script.
fn amplified() -> (String, String) {
    let content = base64::encode("{{a}}".repeat(9800).as_bytes());
    let parameters = format!(r#"{{"a":"{}"}}"#, "x".repeat(900_000));
    (content, parameters)
}

#[test]
fn replaced_length_is_known_before_the_script_is_built() {
    let (content, parameters) = amplified();
    let script = base64::decode(&content).unwrap();
    let p = params::parse(&parameters, 20, 64);
    let none = params::Parsed::default();
    assert_eq!(
        params::replaced_len(&script, &p, &none, false),
        9800 * 900_000
    );
    // Without a value the script stays as written; the length says so.
    assert_eq!(params::replaced_len(&script, &none, &none, false), 49_000);
    let small = params::parse(r#"{"a":"xyz"}"#, 20, 64);
    let built = params::preview(b"{{a}}-{{b}}-{{a}}", &small, &none, false);
    assert_eq!(built, b"xyz-{{b}}-xyz");
    assert_eq!(
        params::replaced_len(b"{{a}}-{{b}}-{{a}}", &small, &none, false),
        built.len() as u64
    );
}

#[test]
fn an_amplified_preview_is_refused_before_anything_is_reserved() {
    let (content, parameters) = amplified();
    let options = Options::default();
    let max = options.rules.limits().preview_max_bytes;
    assert_eq!(max, 1024 * 1024);
    let e = tat_request::rules::preview(&content, Some(&parameters), None, &options).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].field, "Content");
    assert_eq!(e[0].code, codes::RESPONSE_SIZE_LIMIT_EXCEEDED);
    assert!(
        e[0].message.contains("8820000000 bytes"),
        "{}",
        e[0].message
    );
    assert!(e[0].message.contains("1048576"), "{}", e[0].message);
    // At the limit exactly it is built; one byte past it, refused.
    let at_limit = |extra: usize| {
        let value = "v".repeat(max - 5 + extra);
        let parameters = format!(r#"{{"a":"{value}"}}"#);
        tat_request::rules::preview(
            &base64::encode(b"{{a}}12345"),
            Some(&parameters),
            None,
            &options,
        )
    };
    let built = at_limit(0).expect("at the limit");
    assert_eq!(base64::decode(&built.content).unwrap().len(), max);
    assert_eq!(
        at_limit(1).unwrap_err()[0].code,
        codes::RESPONSE_SIZE_LIMIT_EXCEEDED
    );
}

#[test]
fn an_amplified_request_validates_with_a_warning_not_an_error() {
    // No document limits the replaced script: the service may take it, so it warns.
    let (content, parameters) = amplified();
    let v = with(&[
        ("Content", json!(content)),
        ("EnableParameter", json!(true)),
        ("Parameters", json!(parameters)),
    ]);
    let r = validate_run_command(&v, &Options::default());
    assert!(r.is_valid(), "{:?}", r.errors);
    let (_, warnings) = r.into_lists();
    let w: Vec<_> = warnings.iter().filter(|w| w.field == "Content").collect();
    assert_eq!(w.len(), 1, "{warnings:?}");
    assert_eq!(w[0].code, codes::INVALID_PARAMETER_VALUE_TOO_LONG);
    assert!(
        w[0].message.contains("8820000000 bytes"),
        "{}",
        w[0].message
    );
    // A replaced script within 64 KB of base64 draws no such warning.
    let v = with(&[
        ("Content", json!(base64::encode(b"echo {{a}}"))),
        ("EnableParameter", json!(true)),
        (
            "Parameters",
            json!(format!(r#"{{"a":"{}"}}"#, "x".repeat(40_000))),
        ),
    ]);
    let (_, warnings) = validate_run_command(&v, &Options::default()).into_lists();
    assert!(
        warnings.iter().all(|w| w.field != "Content"),
        "{warnings:?}"
    );
}

#[test]
fn a_body_over_10_mb_is_refused_as_the_gateway_does() {
    let max = Options::default().rules.limits().request_body_max_bytes;
    assert_eq!(max, 10 * 1024 * 1024);
    let body_with = |n: usize| {
        json!({
            "Content": base64::encode(b"echo {{a}}"),
            "InstanceIds": ["ins-12345678"],
            "EnableParameter": true,
            "Parameters": format!(r#"{{"a":"{}"}}"#, "x".repeat(n)),
        })
    };
    // Validation says so, after the fields' own problems, for RunCommand and any action.
    let r = validate_run_command(&body_with(max), &Options::default());
    assert_eq!(
        r.errors
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect::<Vec<_>>(),
        vec![("", codes::REQUEST_SIZE_LIMIT_EXCEEDED)]
    );
    let r = tat_request::validate(
        "DescribeInvocations",
        &json!({ "InvocationIds": ["x".repeat(max)] }),
        &Options::default(),
    );
    assert_eq!(
        r.errors.last().unwrap().code,
        codes::REQUEST_SIZE_LIMIT_EXCEEDED
    );
    // Escapes count: a quarter of the limit of control characters is over it once written.
    let escaped = json!({ "InvocationIds": ["\u{1}".repeat(max / 4)] });
    let r = tat_request::validate("DescribeInvocations", &escaped, &Options::default());
    assert!(r
        .errors
        .iter()
        .any(|e| e.code == codes::REQUEST_SIZE_LIMIT_EXCEEDED));
    assert!(validate_run_command(&body_with(max - 200), &Options::default()).is_valid());
    let creds = Credentials::new("AKIDsize", "size-secret");
    let over = body_with(max);
    let input = tat_request::request::RequestInput::new("RunCommand", &over, 0);
    let e = tat_request::request::build_request(&input, &creds).unwrap_err();
    assert_eq!(e.code, codes::REQUEST_SIZE_LIMIT_EXCEEDED);
    assert!(
        e.message.starts_with("The request body is "),
        "{}",
        e.message
    );
    assert!(!e.message.contains("size-secret"));
    let under = body_with(max - 200);
    let input = tat_request::request::RequestInput::new("RunCommand", &under, 0);
    let r = tat_request::request::build_request(&input, &creds).expect("under the limit");
    assert!(
        r.body.len() <= max && r.body.len() > max - 300,
        "{}",
        r.body.len()
    );
}

#[test]
fn split_groups_distinct_prefixes_through_a_map_and_bounds_them() {
    use tat_request::fleet::split_run_command;
    let params = |ids: Vec<String>| json!({ "Content": "ZWNobw==", "InstanceIds": ids });
    let options = Options::default();
    // 80,000 distinct unknown prefixes: refused at the first past the limit, not 80,000
    // one-instance requests.
    let ids: Vec<String> = (0..80_000).map(|i| format!("x{i}-1234")).collect();
    let e = split_run_command(&params(ids), &options).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].field, "InstanceIds[16]");
    assert_eq!(e[0].code, codes::LIMIT_EXCEEDED);
    // 16 prefixes and 80,000 IDs: 16 groups of 5,000, 50 requests each.
    let ids: Vec<String> = (0..80_000).map(|i| format!("p{}-{i}", i % 16)).collect();
    let requests = split_run_command(&params(ids), &options).unwrap();
    assert_eq!(requests.len(), 16 * 50);
    assert_eq!(requests[0]["InstanceIds"][1], json!("p0-16"));
    // IDs without a dash are one group, not one each.
    let ids: Vec<String> = (0..1000).map(|i| format!("nodash{i}")).collect();
    assert_eq!(split_run_command(&params(ids), &options).unwrap().len(), 10);
    // Known kinds never mix, in order of first appearance.
    let ids: Vec<String> = (0..300)
        .map(|i| {
            if i % 3 == 0 {
                format!("lhins-{i:08}")
            } else {
                format!("ins-{i:08}")
            }
        })
        .collect();
    let requests = split_run_command(&params(ids), &options).unwrap();
    let sizes: Vec<usize> = requests
        .iter()
        .map(|r| r["InstanceIds"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![100, 100, 100]);
    assert_eq!(requests[0]["InstanceIds"][0], json!("lhins-00000000"));
}

#[test]
fn a_pacer_of_a_million_a_second_holds_at_most_a_second_of_bookings() {
    let mut p = tat_request::fleet::Pacer::new(1_000_000);
    assert_eq!(p.held_pairs(), 0);
    for i in 0..5000 {
        p.next(f64::from(i) * 0.5);
    }
    // 5,000 calls over 2.5 s, at distinct half-milliseconds: whole milliseconds of the last
    // second only.
    assert!(p.held_pairs() <= 1000, "{}", p.held_pairs());
}

// ---------------------------------------------------------------------------------------
// Secrets are wiped.
//
// What is proven here, without unsafe code (the crate forbids it): both key types implement
// `Zeroize` and the `ZeroizeOnDrop` marker, `zeroize()` really wipes them (observed through
// their public behaviour), and their `Drop` is `self.zeroize()` (src/sign/key.rs; a reviewer
// checks that line). The keyed HMAC kept between requests (and each clone of it signing one
// request) is RustCrypto's `Hmac<Sha256>`: two SHA-256 block states and one block buffer.
// `Hmac` itself does not carry the `ZeroizeOnDrop` marker in hmac 0.13.0, but with the
// `zeroize` feature both of its parts do: the state (`sha2`'s core wipes itself in `Drop`) and
// the buffer (`block-buffer`'s); checked below at compile time, so losing the feature fails
// this test. The wiping itself is theirs and not observed here. What is not provable
// in safe Rust: the bytes of a dropped value, which can only be read through a raw pointer
// after the drop; nor copies made outside these types: the caller's own `String`s, the
// JavaScript string a secret came from, the padded key block `hmac` builds on the stack
// while keying (not wiped by hmac 0.13), or a buffer the allocator moved when a `String` grew.

fn assert_zeroize_on_drop_marker<T: ZeroizeOnDrop>() {}

fn assert_zeroize_on_drop<T: Zeroize + ZeroizeOnDrop>() {}

#[test]
fn key_types_zeroize_and_zeroize_on_drop() {
    assert_zeroize_on_drop::<Credentials>();
    assert_zeroize_on_drop::<SigningKey>();
    // The parts of `hmac::Hmac<sha2::Sha256>` (`HmacCore` holds two of the first).
    use hmac::digest::{block_api::CoreProxy, block_buffer, consts::U64};
    assert_zeroize_on_drop_marker::<<sha2::Sha256 as CoreProxy>::Core>();
    assert_zeroize_on_drop_marker::<block_buffer::BlockBuffer<U64, block_buffer::Eager>>();
    // And a plain hasher (the body and canonical-request digests, no key material).
    assert_zeroize_on_drop_marker::<sha2::Sha256>();
}

#[test]
fn zeroize_wipes_the_secret_key_and_token_and_keeps_the_secret_id() {
    let mut c = Credentials::new("AKIDkept", "wiped-secret").with_token("wiped-token");
    assert!(!c.secret_key_is_empty());
    c.zeroize();
    assert!(c.secret_key_is_empty());
    assert_eq!(c.token(), None);
    assert_eq!(c.secret_id(), "AKIDkept");
    // A wiped SecretKey cannot sign: request building refuses it as missing.
    let p = with(&[]);
    let input = tat_request::request::RequestInput::new("RunCommand", &p, 0);
    let e = tat_request::request::build_request(&input, &c).unwrap_err();
    assert_eq!(e.errors[0].field, "SecretKey");
    assert_eq!(e.code, codes::MISSING_PARAMETER);
}

#[test]
fn zeroize_wipes_a_signing_key_to_all_zeros() {
    let mut a = SigningKey::derive(b"first-secret", "2024-01-01", "tat");
    let mut b = SigningKey::derive(b"other-secret", "2024-06-30", "cvm");
    assert_ne!(a.sign("x"), b.sign("x"));
    a.zeroize();
    b.zeroize();
    // Two keys from different secrets now sign alike: no key material is left in either.
    assert_eq!(a.sign("x"), b.sign("x"));
    // And alike means the all-zero key: HMAC-SHA256 under 32 zero bytes.
    use hmac::{Hmac, KeyInit, Mac};
    let mut m = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&[0u8; 32]).unwrap();
    m.update(b"x");
    let expected: String = m
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(a.sign("x"), expected);
}
