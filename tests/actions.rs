//! Every TAT action: at least one valid and one refused example each, with exact codes.

use serde_json::{json, Value};
use tat_request::rules::{actions, is_cron};
use tat_request::{validate, Options};

/// The errors, then the warnings, as (field, code, is a warning).
fn errs(action: &str, params: Value) -> Refusal {
    let r = validate(action, &params, &Options::default());
    let tag = |list: Vec<tat_request::FieldError>, w: bool| {
        list.into_iter()
            .map(move |e| (e.field, e.code, w))
            .collect::<Vec<_>>()
    };
    let mut all = tag(r.errors, false);
    all.extend(tag(r.warnings, true));
    all
}

fn one(field: &str, code: &'static str) -> Refusal {
    vec![(field.to_owned(), code, false)]
}

/// One warning: the request stays valid.
fn warn(field: &str, code: &'static str) -> Refusal {
    vec![(field.to_owned(), code, true)]
}

/// The (field, code, is a warning) triples of a refusal or a warning.
type Refusal = Vec<(String, &'static str, bool)>;

/// (action, a valid request, a refused request, the refusal).
fn cases() -> Vec<(&'static str, Value, Value, Refusal)> {
    let content = "ZWNobyB7e25hbWV9fQ=="; // echo {{name}}
    vec![
        (
            "CancelInvocation",
            json!({"InvocationId": "inv-abcd1234", "InstanceIds": ["ins-12345678"]}),
            json!({"InvocationId": "invt-abcd1234"}),
            warn("InvocationId", "InvalidParameterValue"),
        ),
        (
            "CreateCommand",
            json!({"CommandName": "部署-v1.2", "Content": content, "CommandType": "BAT", "EnableParameter": true, "DefaultParameters": "{\"name\":\"x\"}"}),
            json!({"CommandName": "x y", "Content": content}),
            one("CommandName", "InvalidParameterValue.InvalidCommandName"),
        ),
        (
            "CreateInvoker",
            json!({"Name": "nightly", "Type": "SCHEDULE", "CommandId": "cmd-abcd1234", "InstanceIds": ["lhins-abcd1234"], "ScheduleSettings": {"Policy": "RECURRENCE", "Recurrence": "0 2 * * *"}}),
            json!({"Name": "n", "Type": "SCHEDULE", "CommandId": "cmd-abcd1234", "InstanceIds": ["ins-12345678"], "ScheduleSettings": {"Policy": "RECURRENCE", "Recurrence": "every night"}}),
            one(
                "ScheduleSettings.Recurrence",
                "InvalidParameterValue.InvalidCronExpression",
            ),
        ),
        (
            "CreateRegisterCode",
            json!({"Description": "lab", "RegisterLimit": 10000}),
            json!({"RegisterLimit": 10001}),
            one("RegisterLimit", "InvalidParameterValue.Range"),
        ),
        (
            "DeleteCommand",
            json!({"CommandId": "cmd-abcd1234"}),
            json!({}),
            one("CommandId", "MissingParameter"),
        ),
        (
            "DeleteCommands",
            json!({"CommandIds": ["cmd-abcd1234", "cmd-00000000"]}),
            json!({"CommandIds": ["cmd-abcd1234", "cmd-ABCD1234"]}),
            warn("CommandIds[1]", "InvalidParameterValue"),
        ),
        (
            "DeleteInvoker",
            json!({"InvokerId": "ivk-abcd1234"}),
            json!({"InvokerId": 7}),
            one("InvokerId", "InvalidParameter"),
        ),
        (
            "DeleteRegisterCodes",
            json!({"RegisterCodeIds": ["rc-abc"]}),
            json!({"RegisterCodeIds": "rc-abc"}),
            one("RegisterCodeIds", "InvalidParameter"),
        ),
        (
            "DeleteRegisterInstance",
            // Its own examples write `rinst-xdfaxfgax`, `rins-uf673dgi`: no form is checked.
            json!({"InstanceId": "rinst-xdfaxfgax"}),
            json!({"InstanceId": ""}),
            one("InstanceId", "MissingParameter"),
        ),
        (
            "DescribeAutomationAgentStatus",
            json!({"Filters": [{"Name": "agent-status", "Values": ["Online"]}], "Limit": 100}),
            json!({"Limit": 101}),
            one("Limit", "InvalidParameterValue.Range"),
        ),
        (
            "DescribeCommands",
            json!({"Filters": [{"Name": "command-type", "Values": ["SHELL", "BAT"]}]}),
            json!({"Filters": [{"Name": "command-kind", "Values": ["SHELL"]}]}),
            warn("Filters[0].Name", "InvalidParameterValue.InvalidFilter"),
        ),
        (
            "DescribeInvocationTasks",
            json!({"Filters": [{"Name": "invocation-id", "Values": ["inv-abcd1234"]}], "Limit": 100, "HideOutput": false}),
            json!({"InvocationTaskIds": ["invt-abcd1234"], "Filters": [{"Name": "invocation-id", "Values": ["inv-abcd1234"]}]}),
            one("Filters", "InvalidParameter.ConflictParameter"),
        ),
        (
            "DescribeInvocations",
            json!({"InvocationIds": ["inv-abcd1234"]}),
            json!({"Filters": [{"Name": "instance-kind", "Values": ["CVM", "LIGHTHOUSE", "a", "b", "c", "d"]}]}),
            one("Filters[0].Values", "LimitExceeded.FilterValueExceeded"),
        ),
        (
            "DescribeInvokerRecords",
            json!({"InvokerIds": ["ivk-abcd1234"], "Offset": 0}),
            json!({"Offset": -1}),
            one("Offset", "InvalidParameterValue.Range"),
        ),
        (
            "DescribeInvokers",
            json!({"Filters": [{"Name": "invoker-type", "Values": ["SCHEDULE"]}]}),
            json!({"InvokerIds": ["ivk-1"]}),
            warn("InvokerIds[0]", "InvalidParameterValue"),
        ),
        (
            "DescribeQuotas",
            json!({"ResourceNames": ["COMMAND"]}),
            json!({"ResourceName": ["COMMAND"]}),
            vec![
                ("ResourceName".into(), "UnknownParameter", false),
                ("ResourceNames".into(), "MissingParameter", false),
            ],
        ),
        (
            "DescribeRegions",
            json!({}),
            json!({"Region": "ap-guangzhou"}),
            one("Region", "UnknownParameter"),
        ),
        (
            "DescribeRegisterCodes",
            json!({"Limit": 20}),
            json!({"Limit": "20"}),
            one("Limit", "InvalidParameter"),
        ),
        (
            "DescribeRegisterInstances",
            json!({"Filters": [{"Name": "tag:env", "Values": ["prod"]}]}),
            json!({"InstanceIds": ["rins-uf673dgi"], "Filters": [{"Name": "tag:env", "Values": ["prod"]}]}),
            one("Filters", "InvalidParameter.ConflictParameter"),
        ),
        (
            "DescribeScenes",
            json!({"SceneIds": ["scene-1"]}),
            json!({"Filters": [{"Name": "scene-id"}]}),
            one("Filters[0].Values", "MissingParameter"),
        ),
        (
            "DisableInvoker",
            json!({"InvokerId": "ivk-abcd1234"}),
            json!({"InvokerId": ""}),
            one("InvokerId", "MissingParameter"),
        ),
        (
            "DisableRegisterCodes",
            json!({"RegisterCodeIds": ["rc-1"]}),
            json!({"RegisterCodeIds": []}),
            one("RegisterCodeIds", "MissingParameter"),
        ),
        (
            "EnableInvoker",
            json!({"InvokerId": "ivk-abcd1234"}),
            json!({"InvokerId": "ivk-abcd1234", "Enabled": true}),
            one("Enabled", "UnknownParameter"),
        ),
        (
            "InvokeCommand",
            json!({"CommandId": "cmd-abcd1234", "InstanceIds": ["mi-abcd1234"], "Parameters": "{\"name\":\"x\"}", "Timeout": 86400}),
            json!({"CommandId": "cmd-abcd1234", "InstanceIds": ["ins-abcd1234", "lhins-abcd1234"]}),
            one("InstanceIds", "InvalidParameterValue.InconsistentInstance"),
        ),
        (
            "ModifyCommand",
            json!({"CommandId": "cmd-abcd1234", "Timeout": 30, "DefaultParameterConfs": [{"ParameterName": "a", "ParameterValue": "1"}]}),
            json!({"CommandId": "cmd-abcd1234", "DefaultParameters": "{\"a\":\"1\"}", "DefaultParameterConfs": [{"ParameterName": "a", "ParameterValue": "1"}]}),
            one(
                "DefaultParameterConfs",
                "InvalidParameter.ConflictParameter",
            ),
        ),
        (
            "ModifyInvoker",
            json!({"InvokerId": "ivk-abcd1234", "ScheduleSettings": {"Policy": "ONCE", "InvokeTime": "2026-12-01T02:00:00Z"}}),
            json!({"InvokerId": "ivk-abcd1234", "ScheduleSettings": {"Policy": "ONCE", "InvokeTime": "2026-12-01 02:00"}}),
            one(
                "ScheduleSettings.InvokeTime",
                "InvalidParameterValue.InvalidTimeFormat",
            ),
        ),
        (
            "ModifyRegisterInstance",
            json!({"InstanceId": "mi-abcd1234", "InstanceName": "lab-01"}),
            json!({"InstanceId": "mi-abcd1234", "InstanceName": "x".repeat(61)}),
            one("InstanceName", "InvalidParameterValue.TooLong"),
        ),
        (
            "PreviewReplacedCommandContent",
            json!({"Content": content, "Parameters": "{\"name\":\"x\"}"}),
            json!({"CommandId": "cmd-abcd1234", "Content": content}),
            one("Content", "InvalidParameter.ConflictParameter"),
        ),
        (
            "RunCommand",
            json!({"Content": content, "InstanceIds": ["ins-12345678"]}),
            json!({"Content": content, "InstanceIds": ["ins-12345678"], "DefaultParameterConfs": []}),
            warn("DefaultParameterConfs", "UnknownParameter"),
        ),
    ]
}

#[test]
fn every_action_has_a_valid_and_a_flagged_example() {
    let cases = cases();
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        actions().collect::<Vec<_>>(),
        "one case per action, in order"
    );
    assert_eq!(names.len(), 29);
    for (action, good, bad, expected) in cases {
        assert_eq!(
            errs(action, good),
            vec![],
            "{action}: valid example refused or warned about"
        );
        assert_eq!(errs(action, bad), expected, "{action}: flagged example");
    }
}

#[test]
fn unknown_actions() {
    assert_eq!(
        errs("DescribeInstances", json!({})),
        one("Action", "InvalidAction")
    );
    let e = validate("describeinvocations", &json!({}), &Options::default()).errors;
    assert!(
        e[0].message.contains("did you mean `DescribeInvocations`"),
        "{}",
        e[0].message
    );
}

#[test]
fn lists_over_their_limit_are_not_examined() {
    let ids: Vec<String> = (0..101).map(|_| "bad".to_owned()).collect();
    assert_eq!(
        errs("DescribeInvocationTasks", json!({"InvocationTaskIds": ids})),
        one("InvocationTaskIds", "InvalidParameterValue.LimitExceeded")
    );
    let filters: Vec<Value> = (0..11)
        .map(|_| json!({"Name": "command-id", "Values": ["cmd-abcd1234"]}))
        .collect();
    assert_eq!(
        errs("DescribeCommands", json!({"Filters": filters})),
        one("Filters", "InvalidParameterValue.LimitExceeded")
    );
}

#[test]
fn preview_needs_exactly_one_source() {
    assert_eq!(
        errs("PreviewReplacedCommandContent", json!({})),
        one("CommandId", "MissingParameter")
    );
    assert_eq!(
        errs(
            "PreviewReplacedCommandContent",
            json!({"CommandId": "cmd-abcd1234"})
        ),
        vec![]
    );
}

#[test]
fn shared_rules_apply_to_every_action() {
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "a", "Content": "!!"})
        ),
        one("Content", "InvalidParameterValue.InvalidContent")
    );
    assert_eq!(
        errs(
            "InvokeCommand",
            json!({"CommandId": "cmd-abcd1234", "InstanceIds": ["ins-12345678"], "Parameters": "{\"a\":1}"})
        ),
        one(
            "Parameters.a",
            "InvalidParameterValue.ParameterValueNotString"
        )
    );
    assert_eq!(
        errs(
            "InvokeCommand",
            json!({"CommandId": "cmd-abcd1234", "InstanceIds": ["ins-12345678"], "OutputCOSKeyPrefix": "/x"})
        ),
        one(
            "OutputCOSKeyPrefix",
            "InvalidParameterValue.InvalidOutputCOSKeyPrefix"
        )
    );
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "a", "Content": "d2hvYW1p", "CommandType": "BASH"})
        ),
        one("CommandType", "InvalidParameterValue")
    );
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "a", "Content": "d2hvYW1p", "Description": "描".repeat(121)})
        ),
        one("Description", "InvalidParameterValue.TooLong")
    );
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "名".repeat(21), "Content": "d2hvYW1p"})
        ),
        one("CommandName", "InvalidParameterValue.TooLong")
    );
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "名".repeat(20), "Content": "d2hvYW1p"})
        ),
        vec![]
    );
}

#[test]
fn cron_expressions() {
    for ok in [
        "0 2 * * *",
        "*/5 * * * * ?",
        "0 0 12 ? * MON-FRI 2026",
        "0 0 1 L * ?",
    ] {
        assert!(is_cron(ok), "{ok}");
    }
    for bad in ["", "* * * *", "0 2 * * * * * *", "0 2 * * $"] {
        assert!(!is_cron(bad), "{bad}");
    }
}

/// Crontab forms some readers take beyond the five to seven fields: warned, never refused;
/// text that is neither stays refused.
#[test]
fn crontab_descriptors_and_zone_prefixes_are_warnings() {
    let invoker = |recurrence: &str| {
        json!({"Name": "n", "Type": "SCHEDULE", "CommandId": "cmd-abcd1234", "InstanceIds": ["ins-12345678"],
               "ScheduleSettings": {"Policy": "RECURRENCE", "Recurrence": recurrence}})
    };
    let field = "ScheduleSettings.Recurrence";
    let code = "InvalidParameterValue.InvalidCronExpression";
    for form in [
        "@daily",
        "@every 1h30m",
        "CRON_TZ=Asia/Shanghai 0 2 * * *",
        "TZ=UTC @hourly",
    ] {
        assert_eq!(
            errs("CreateInvoker", invoker(form)),
            warn(field, code),
            "{form}"
        );
        assert_eq!(
            errs(
                "ModifyInvoker",
                json!({"InvokerId": "ivk-abcd1234", "ScheduleSettings": {"Policy": "RECURRENCE", "Recurrence": form}})
            ),
            warn(field, code),
            "{form}"
        );
    }
    for bad in [
        "@",
        "every night",
        "CRON_TZ=Asia/Shanghai",
        "TZ=UTC every night",
    ] {
        assert_eq!(
            errs("CreateInvoker", invoker(bad)),
            one(field, code),
            "{bad}"
        );
    }
    assert_eq!(errs("CreateInvoker", invoker("0 2 * * *")), vec![]);
}

/// A wrong type is reported once, though the generic checks and the shared ones (custom
/// parameters, COS fields) both look at the value.
#[test]
fn a_wrong_type_is_reported_once() {
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "a", "Content": "ZWNobw==", "DefaultParameters": 5, "OutputCOSBucketUrl": true})
        ),
        vec![
            ("DefaultParameters".to_owned(), "InvalidParameter", false),
            ("OutputCOSBucketUrl".to_owned(), "InvalidParameter", false),
        ]
    );
}

/// An empty optional `Content` is "not given", as every empty optional string is.
#[test]
fn an_empty_optional_content_is_not_given() {
    assert_eq!(
        errs(
            "ModifyCommand",
            json!({"CommandId": "cmd-abcd1234", "Content": "", "Description": "d"})
        ),
        vec![]
    );
}

/// The request examples of examples.json that the rules used to refuse (issue 13): each is
/// valid, without a warning, under both rule sets.
#[test]
fn refusals_the_official_examples_disproved() {
    let examples = [
        (
            "CreateInvoker",
            json!({"Name": "test-invoker", "CommandId": "cmd-m7uma92n", "InstanceIds": ["ins-yx05ky8j"], "Type": "SCHEDULE", "ScheduleSettings": {"Policy": "ONCE", "InvokeTime": "2021-09-01T00:00:00+08:00"}}),
        ),
        (
            "DescribeCommands",
            json!({"Filters": [{"Values": ["test-value"], "Name": "tag:test-key"}]}),
        ),
        (
            "DeleteRegisterInstance",
            json!({"InstanceId": "rinst-xdfaxfgax"}),
        ),
        (
            "DescribeRegisterInstances",
            json!({"InstanceIds": ["rins-uf673dgi"], "Offset": 0, "Limit": 1}),
        ),
        (
            "ModifyRegisterInstance",
            json!({"InstanceId": "rins-xfjkunbgax", "InstanceName": "webserver-01"}),
        ),
    ];
    for rules in [tat_request::RuleSet::Seed, tat_request::RuleSet::Latest] {
        let o = Options::new(rules, tat_request::Language::EnUs);
        for (action, params) in &examples {
            let r = validate(action, params, &o);
            assert_eq!((&r.errors, &r.warnings), (&vec![], &vec![]), "{action}");
        }
    }
    // `tag:` needs a key after it; an unknown name is only a warning.
    assert_eq!(
        errs(
            "DescribeCommands",
            json!({"Filters": [{"Name": "tag:", "Values": ["v"]}]})
        ),
        warn("Filters[0].Name", "InvalidParameterValue.InvalidFilter")
    );
    // The time format still refuses what is no time.
    assert_eq!(
        errs(
            "CreateInvoker",
            json!({"Name": "n", "CommandId": "cmd-m7uma92n", "InstanceIds": ["ins-yx05ky8j"], "Type": "SCHEDULE", "ScheduleSettings": {"Policy": "ONCE", "InvokeTime": "tomorrow"}})
        ),
        one(
            "ScheduleSettings.InvokeTime",
            "InvalidParameterValue.InvalidTimeFormat"
        )
    );
}

/// A value in other letters than the documents write it is a warning, and counts as that
/// value (a lower-case `once` still needs its InvokeTime).
#[test]
fn letter_case_is_a_warning() {
    assert_eq!(
        errs(
            "CreateCommand",
            json!({"CommandName": "a", "Content": "d2hvYW1p", "CommandType": "shell"})
        ),
        warn("CommandType", "InvalidParameterValue")
    );
    assert_eq!(
        errs(
            "CreateInvoker",
            json!({"Name": "n", "CommandId": "cmd-m7uma92n", "InstanceIds": ["ins-yx05ky8j"], "Type": "SCHEDULE", "ScheduleSettings": {"Policy": "once"}})
        ),
        vec![
            (
                "ScheduleSettings.InvokeTime".to_owned(),
                "MissingParameter",
                false
            ),
            (
                "ScheduleSettings.Policy".to_owned(),
                "InvalidParameterValue",
                true
            ),
        ]
    );
}
