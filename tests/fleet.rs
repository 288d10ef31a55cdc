//! Splitting a command over a fleet, and pacing.

use serde_json::{json, Value};
use tat_request::fleet::split_run_command;
use tat_request::{validate_run_command, Options, RuleSet};

fn fleet(cvm: usize, lighthouse: usize) -> Vec<String> {
    // Interleaved, as a pasted list would be.
    let mut ids = Vec::new();
    for i in 0..cvm.max(lighthouse) {
        if i < cvm {
            ids.push(format!("ins-{i:08}"));
        }
        if i < lighthouse {
            ids.push(format!("lhins-{i:08}"));
        }
    }
    ids
}

#[test]
fn splits_never_mixing_kinds_and_within_the_limit() {
    let ids = fleet(750, 250);
    let params = json!({"Content": "d2hvYW1p", "InstanceIds": ids, "Timeout": 30});
    let requests = split_run_command(&params, &Options::default()).unwrap();
    assert_eq!(requests.len(), 8 + 3);
    let mut seen = Vec::new();
    for r in &requests {
        assert_eq!(validate_run_command(r, &Options::default()).errors, vec![]);
        assert_eq!(r["Timeout"], 30);
        let ids: Vec<&str> = r["InstanceIds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(ids.len() <= 100);
        assert!(
            ids.iter().all(|i| i.starts_with("ins-"))
                || ids.iter().all(|i| i.starts_with("lhins-"))
        );
        seen.extend(ids.into_iter().map(str::to_owned));
    }
    // Every instance once, in order within its kind.
    let mut want = fleet(750, 250);
    want.sort_by_key(|i| i.starts_with("lhins-"));
    assert_eq!(seen, want);
    // latest: 200 per request.
    let latest = Options::new(RuleSet::Latest, tat_request::Language::EnUs);
    assert_eq!(split_run_command(&params, &latest).unwrap().len(), 4 + 2);
}

#[test]
fn reports_bad_ids_at_their_original_position_and_shared_errors_once() {
    let mut ids: Vec<Value> = fleet(300, 0).into_iter().map(Value::from).collect();
    ids[250] = json!("ins-BAD");
    ids[7] = json!(7);
    let params = json!({"Content": "d2hvYW1p", "InstanceIds": ids, "Timeout": 0});
    let errors = split_run_command(&params, &Options::default()).unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        got,
        [
            ("InstanceIds[7]", "InvalidParameter"),
            ("Timeout", "InvalidParameterValue.Range"),
        ]
    );
}

/// An ID of a form the rules do not know is a warning, not an error: it is kept, in a request
/// of its own prefix, never mixed with a known kind.
#[test]
fn ids_of_unknown_forms_go_apart_by_prefix() {
    let params = json!({"Content": "d2hvYW1p", "InstanceIds": ["ins-12345678", "ins-BAD", "xyz-1", "lhins-12345678", "xyz-2"]});
    let requests = split_run_command(&params, &Options::default()).unwrap();
    let groups: Vec<Vec<&str>> = requests
        .iter()
        .map(|r| {
            r["InstanceIds"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        groups,
        [
            vec!["ins-12345678"],
            vec!["ins-BAD"],
            vec!["xyz-1", "xyz-2"],
            vec!["lhins-12345678"],
        ]
    );
    // Each is valid; the unknown forms carry their warning.
    for r in &requests {
        assert_eq!(validate_run_command(r, &Options::default()).errors, vec![]);
    }
    let w = validate_run_command(&requests[2], &Options::default()).warnings;
    assert_eq!(w.len(), 2);
    assert!(w
        .iter()
        .all(|e| e.code == "InvalidParameterValue.InvalidInstanceId"));
}

#[test]
fn what_cannot_be_split_is_explained() {
    let e = split_run_command(
        &json!({"Content": "d2hvYW1p", "InstanceIds": []}),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e[0].field.as_str(), e[0].code),
        ("InstanceIds", "MissingParameter")
    );
    let e = split_run_command(&json!("x"), &Options::default()).unwrap_err();
    assert_eq!(e[0].code, "InvalidParameter");
}

#[test]
fn when_every_id_is_bad_the_shared_parameters_are_still_checked() {
    let params = json!({"Content": "!!", "InstanceIds": ["bad1", 7]});
    let errs = split_run_command(&params, &Options::default()).unwrap_err();
    let fields: Vec<(&str, &str)> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("InstanceIds[1]", "InvalidParameter"),
            ("Content", "InvalidParameterValue.InvalidContent"),
        ]
    );
}

#[test]
fn warn_mode_splits_past_the_other_parameters_errors_not_past_the_ids() {
    use tat_request::fleet::split_run_command_with;
    use tat_request::rules::Validation;
    let ids: Vec<Value> = (0..250).map(|i| json!(format!("ins-{i:08}"))).collect();
    // A parameter newer than api.json: refused by default, split with Validation::Warn.
    let params = json!({"Content": "d2hvYW1p", "InstanceIds": ids, "NewerThanApiJson": 1});
    let e = split_run_command(&params, &Options::default()).unwrap_err();
    assert_eq!(
        e.iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect::<Vec<_>>(),
        [("NewerThanApiJson", "UnknownParameter")]
    );
    let parts = split_run_command_with(&params, &Options::default(), Validation::Warn).unwrap();
    let sizes: Vec<usize> = parts
        .iter()
        .map(|p| p["InstanceIds"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 100, 50]);
    assert!(parts.iter().all(|p| p["NewerThanApiJson"] == json!(1)));
    // An ID that is not a string still refuses.
    let bad = json!({"Content": "d2hvYW1p", "InstanceIds": ["ins-00000001", 7]});
    let e = split_run_command_with(&bad, &Options::default(), Validation::Warn).unwrap_err();
    assert_eq!(e[0].field, "InstanceIds[1]");
}
