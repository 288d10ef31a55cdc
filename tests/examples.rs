//! What the documents show is what the rules accept: every request example of the official
//! API description (examples.json, pinned by `scripts/fetch-api.sh`) and the seed document's
//! own RunCommand example are valid under both rule sets, and every answer example parses. The
//! refusals the seed document states are all still refused.

mod common;

use common::{api_dir, example_body};
use serde_json::{json, Value};
use tat_request::response;
use tat_request::{validate, validate_run_command, Language, Options, RuleSet};

fn both() -> [Options; 2] {
    [RuleSet::Seed, RuleSet::Latest].map(|rules| Options::new(rules, Language::EnUs))
}

fn examples() -> Value {
    let text = std::fs::read_to_string(api_dir().join("examples.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_request_example_is_valid_under_both_rule_sets() {
    let examples = examples();
    let actions = examples["actions"].as_object().unwrap();
    let mut n = 0;
    for (action, list) in actions {
        for e in list.as_array().unwrap() {
            let params = example_body(e["input"].as_str().unwrap());
            for o in both() {
                let r = validate(action, &params, &o);
                assert_eq!(r.errors, vec![], "{action} ({:?}): {params}", o.rules);
                // Nothing even suspected in the documents' own examples.
                assert_eq!(r.warnings, vec![], "{action} ({:?}): {params}", o.rules);
            }
            n += 1;
        }
    }
    // 35 examples over the 29 actions in the pinned description.
    assert_eq!(n, 35);
    assert_eq!(actions.len(), 29);
}

#[test]
fn every_answer_example_parses() {
    let examples = examples();
    let mut n = 0;
    for (action, list) in examples["actions"].as_object().unwrap() {
        for e in list.as_array().unwrap() {
            let text = e["output"].as_str().unwrap();
            let ok = response::parse(text, Language::EnUs)
                .unwrap_or_else(|err| panic!("{action}: {err:?}"));
            assert!(!ok.request_id.is_empty(), "{action}: no RequestId");
            n += 1;
        }
    }
    assert_eq!(n, 35);
}

/// The seed document's example (its `InstanceIds` list is cut off in the text; the IDs are
/// those of the same example in examples.json).
#[test]
fn the_seed_documents_examples_are_valid() {
    let example = json!({
        "CommandName": "run-command",
        "SaveCommand": false,
        "Description": "whoami",
        "Content": "d2hvYW1p",
        "CommandType": "SHELL",
        "WorkingDirectory": "/root/",
        "Timeout": 60,
        "InstanceIds": ["ins-zj0f57ew", "ins-zj0f57ex", "ins-zj0f57ev"]
    });
    // The examples written in its parameter descriptions.
    let with_examples = json!({
        "Content": "d2hvYW1p",
        "InstanceIds": ["ins-zj0f57ew"],
        "EnableParameter": true,
        "DefaultParameters": "{\"varA\": \"222\"}",
        "Parameters": "{\"varA\": \"222\"}",
        "WorkingDirectory": "C:\\Program Files\\qcloud\\tat_agent\\workdir",
        "CommandType": "POWERSHELL",
        "Username": "System",
        "OutputCOSBucketUrl": "https://BucketName-123454321.cos.ap-beijing.myqcloud.com",
    });
    for o in both() {
        for v in [&example, &with_examples] {
            let r = validate_run_command(v, &o);
            assert_eq!((&r.errors, &r.warnings), (&vec![], &vec![]), "{v}");
        }
    }
}

/// Every refusal the seed document states, still refused, with its code.
#[test]
fn the_seed_documents_refusals_are_all_kept() {
    let base = || json!({"Content": "d2hvYW1p", "InstanceIds": ["ins-12345678"]});
    let with = |k: &str, v: Value| {
        let mut p = base();
        p[k] = v;
        p
    };
    let enabled = |k: &str, v: &str| {
        let mut p = with(k, json!(v));
        p["EnableParameter"] = json!(true);
        p
    };
    let ids = |n: usize| json!((0..n).map(|i| format!("ins-{i:08}")).collect::<Vec<_>>());
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"InstanceIds": ["ins-12345678"]}),
            "Content",
            "MissingParameter",
        ),
        (
            json!({"Content": "d2hvYW1p"}),
            "InstanceIds",
            "MissingParameter",
        ),
        (
            with("Content", json!("A".repeat(65_537))),
            "Content",
            "InvalidParameterValue.TooLong",
        ),
        (
            with("Content", json!("not base64!")),
            "Content",
            "InvalidParameterValue.InvalidContent",
        ),
        (
            with("InstanceIds", ids(101)),
            "InstanceIds",
            "InvalidParameterValue.LimitExceeded",
        ),
        (
            with("InstanceIds", json!(["ins-12345678", "lhins-12345678"])),
            "InstanceIds",
            "InvalidParameterValue.InconsistentInstance",
        ),
        (
            with("CommandName", json!("a b")),
            "CommandName",
            "InvalidParameterValue.InvalidCommandName",
        ),
        (
            with("CommandName", json!("a".repeat(61))),
            "CommandName",
            "InvalidParameterValue.InvalidCommandName",
        ),
        (
            with("Description", json!("d".repeat(121))),
            "Description",
            "InvalidParameterValue.TooLong",
        ),
        (
            with("CommandType", json!("BASH")),
            "CommandType",
            "InvalidParameterValue",
        ),
        (
            with("Timeout", json!(0)),
            "Timeout",
            "InvalidParameterValue.Range",
        ),
        (
            with("Timeout", json!(86_401)),
            "Timeout",
            "InvalidParameterValue.Range",
        ),
        (with("Timeout", json!("60")), "Timeout", "InvalidParameter"),
        (
            with("SaveCommand", json!("true")),
            "SaveCommand",
            "InvalidParameter",
        ),
        (
            enabled("Parameters", "{"),
            "Parameters",
            "InvalidParameterValue.ParameterInvalidJsonFormat",
        ),
        (
            enabled("Parameters", "[]"),
            "Parameters",
            "InvalidParameterValue.ParameterInvalidJsonFormat",
        ),
        (
            enabled("Parameters", "{\"a\": 1}"),
            "Parameters.a",
            "InvalidParameterValue.ParameterValueNotString",
        ),
        (
            enabled("Parameters", "{\"a b\": \"1\"}"),
            "Parameters.a b",
            "InvalidParameterValue.ParameterKeyContainsInvalidChar",
        ),
        (
            enabled("Parameters", &format!("{{\"{}\": \"1\"}}", "k".repeat(65))),
            // A long key is named shortened, to 64 characters and an ellipsis.
            &*Box::leak(format!("Parameters.{}…", "k".repeat(64)).into_boxed_str()),
            "InvalidParameterValue.ParameterKeyLenExceeded",
        ),
        (
            enabled(
                "DefaultParameters",
                &format!(
                    "{{{}}}",
                    (0..21)
                        .map(|i| format!("\"k{i}\": \"v\""))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            ),
            "DefaultParameters",
            "InvalidParameterValue.ParameterNumberExceeded",
        ),
        (
            enabled("Parameters", "{\"a\": \"1\", \"a\": \"2\"}"),
            "Parameters.a",
            "InvalidParameterValue.ParameterKeyDuplicated",
        ),
        (
            with("Parameters", json!("{\"a\": \"1\"}")),
            "Parameters",
            "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
        ),
        (
            with("DefaultParameters", json!("{\"a\": \"1\"}")),
            "DefaultParameters",
            "InvalidParameterValue.ParameterDisabled",
        ),
        (
            {
                let mut p = with("Content", json!("ZWNobyB7e25hbWV9fQ==")); // echo {{name}}
                p["EnableParameter"] = json!(true);
                p
            },
            "Parameters.name",
            "InvalidParameterValue.LackOfParameterInfo",
        ),
        (
            {
                let mut p = with("Tags", json!(vec![json!({"Key": "k", "Value": "v"}); 11]));
                p["SaveCommand"] = json!(true);
                p
            },
            "Tags",
            "InvalidParameterValue.LimitExceeded",
        ),
        (
            with(
                "OutputCOSBucketUrl",
                json!("http://BucketName-123454321.cos.ap-beijing.myqcloud.com"),
            ),
            "OutputCOSBucketUrl",
            "InvalidParameterValue.InvalidOutputCOSBucketUrl",
        ),
        (
            with("OutputCOSKeyPrefix", json!("k".repeat(61))),
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        ),
        (
            with("OutputCOSKeyPrefix", json!("/logs")),
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        ),
        (
            with("OutputCOSKeyPrefix", json!("a//b")),
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        ),
        (
            with("OutputCOSKeyPrefix", json!("a/../b")),
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        ),
        (
            with("OutputCOSKeyPrefix", json!("a b")),
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        ),
    ];
    for (params, field, code) in cases {
        let r = validate_run_command(&params, &Options::default());
        let got: Vec<(&str, &str)> = r
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(got, [(field, code)], "{params}");
    }
}
