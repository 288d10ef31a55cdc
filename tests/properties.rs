//! Properties over random inputs: validation never panics, every refusal is explained with a
//! known code and a field, valid requests survive a JSON round trip, previews replace exactly
//! the placeholders.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use tat_request::errors::lookup;
use tat_request::params::{self, Parsed};
use tat_request::rules::run_command::PARAMETERS;
use tat_request::{validate_run_command, Language, Options, RuleSet};

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        ".{0,40}".prop_map(Value::String),
        "[a-zA-Z0-9+/=]{0,24}".prop_map(Value::String),
        "(ins|lhins|mi)-[a-z0-9]{6,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((".{0,12}", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// RunCommand-shaped objects: real parameter names (and some typos) with arbitrary values.
fn run_command_like() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(PARAMETERS.to_vec()).prop_map(str::to_owned),
        Just("Instanceids".to_owned()),
        ".{0,10}",
    ];
    prop::collection::vec((key, any_json()), 0..16)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()))
}

fn options(zh: bool, latest: bool) -> Options {
    let rules = if latest {
        RuleSet::Latest
    } else {
        RuleSet::Seed
    };
    Options::new(rules, if zh { Language::ZhCn } else { Language::EnUs })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_every_refusal_is_explained(v in prop_oneof![any_json(), run_command_like()], zh: bool, latest: bool) {
        let r = validate_run_command(&v, &options(zh, latest));
        for e in r.errors.iter().chain(&r.warnings) {
            prop_assert!(lookup(e.code).is_some(), "unknown code {}", e.code);
            prop_assert!(!e.message.is_empty());
            // The field is "" only for the whole request (not an object) or a parameter whose
            // name is itself empty.
            let empty_key = v.as_object().is_some_and(|o| o.contains_key(""));
            prop_assert!(!e.field.is_empty() || !v.is_object() || empty_key, "{:?}", e);
        }
    }

    #[test]
    fn valid_requests_stay_valid_after_a_json_round_trip(
        script in ".{1,200}",
        ids in prop::collection::vec("[a-z0-9]{8}", 1..100),
        lighthouse: bool,
        timeout in 1i64..=86400,
        name in "[a-zA-Z0-9_.-]{1,60}",
        description in ".{0,120}",
    ) {
        let prefix = if lighthouse { "lhins-" } else { "ins-" };
        let v = json!({
            "Content": tat_request::base64::encode(script.as_bytes()),
            "InstanceIds": ids.iter().map(|i| format!("{prefix}{i}")).collect::<Vec<_>>(),
            "Timeout": timeout,
            "CommandName": name,
            "Description": description,
        });
        let r = validate_run_command(&v, &Options::default());
        prop_assert_eq!((r.errors, r.warnings), (vec![], vec![]));
        let again: Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        let r = validate_run_command(&again, &Options::default());
        prop_assert_eq!((r.errors, r.warnings), (vec![], vec![]));
    }

    #[test]
    fn preview_replaces_exactly_the_placeholders(
        parts in prop::collection::vec((".{0,20}", prop::option::of("[a-z]{1,3}")), 0..10),
        values in prop::collection::btree_map("[a-z]{1,3}", "[^{}]{0,10}", 0..6),
    ) {
        // Build a script from text pieces (without braces) and placeholders, and the expected
        // result by hand.
        let mut script = String::new();
        let mut expected = String::new();
        for (text, name) in &parts {
            let text: String = text.chars().filter(|c| *c != '{' && *c != '}').collect();
            script.push_str(&text);
            expected.push_str(&text);
            if let Some(n) = name {
                script.push_str(&format!("{{{{{n}}}}}"));
                match values.get(n) {
                    Some(v) => expected.push_str(v),
                    None => expected.push_str(&format!("{{{{{n}}}}}")),
                }
            }
        }
        let parsed = Parsed { entries: values.into_iter().collect(), problems: vec![] };
        let out = params::preview(script.as_bytes(), &parsed, &Parsed::default(), false);
        prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn placeholder_scan_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for o in params::occurrences(&bytes, true) {
            prop_assert!(o.start < o.end && o.end <= bytes.len());
            prop_assert_eq!(&bytes[o.start..o.start + 2], b"{{");
        }
    }

    #[test]
    fn parameter_json_never_panics(text in ".{0,200}") {
        let _ = params::parse(&text, 20, 64);
    }

    #[test]
    fn base64_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let enc = tat_request::base64::encode(&bytes);
        prop_assert_eq!(tat_request::base64::check(&enc), Ok(bytes.len()));
        prop_assert_eq!(tat_request::base64::decode(&enc).unwrap(), bytes);
    }

    /// Checking and decoding agree on every text, valid or not, and on where it is wrong.
    #[test]
    fn base64_check_agrees_with_decode(text in "[A-Za-z0-9+/=\\-_ ]{0,24}") {
        use tat_request::base64::{check, decode};
        prop_assert_eq!(check(&text), decode(&text).map(|b| b.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The base64 check (eight bytes a step, then the last quantum) gives the same verdict
    /// and the same position as decoding the whole text, for text that is mostly base64 with
    /// a stray character, padding or a wrong length here and there.
    #[test]
    fn base64_check_agrees_with_decoding(
        text in "([A-Za-z0-9+/]{4}){0,12}([A-Za-z0-9+/=\\-_ é\n]{0,6})([A-Za-z0-9+/]{0,12})"
    ) {
        use tat_request::base64::{check, decode};
        prop_assert_eq!(check(&text), decode(&text).map(|b| b.len()), "{:?}", text);
    }
}
