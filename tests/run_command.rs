//! RunCommand rules at their edges: each limit passes, one past it fails, with the exact code.

use serde_json::{json, Value};
use tat_request::{validate, validate_run_command, Language, Options, RuleSet};

fn base() -> Value {
    json!({
        "Content": "d2hvYW1p",
        "InstanceIds": ["ins-12345678"],
    })
}

fn with(pairs: &[(&str, Value)]) -> Value {
    let mut v = base();
    for (k, val) in pairs {
        v[*k] = val.clone();
    }
    v
}

fn report(params: &Value, rules: RuleSet) -> tat_request::Report {
    validate_run_command(params, &Options::new(rules, Language::EnUs))
}

fn errs_in(params: &Value, rules: RuleSet) -> Vec<(String, &'static str)> {
    pairs(report(params, rules).errors)
}

fn pairs(list: Vec<tat_request::FieldError>) -> Vec<(String, &'static str)> {
    list.into_iter().map(|e| (e.field, e.code)).collect()
}

/// The warnings of a request that has no error.
fn warns_in(params: &Value, rules: RuleSet) -> Vec<(String, &'static str)> {
    let r = report(params, rules);
    assert_eq!(pairs(r.errors), vec![], "expected no error");
    pairs(r.warnings)
}

fn warns(params: &Value) -> Vec<(String, &'static str)> {
    warns_in(params, RuleSet::Seed)
}

fn errs(params: &Value) -> Vec<(String, &'static str)> {
    errs_in(params, RuleSet::Seed)
}

fn one(field: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(field.to_owned(), code)]
}

fn b64(s: &str) -> Value {
    Value::String(tat_request::base64::encode(s.as_bytes()))
}

#[test]
fn the_documents_example_is_valid() {
    let example = json!({
        "CommandName": "run-command",
        "SaveCommand": false,
        "Description": "whoami",
        "Content": "d2hvYW1p",
        "CommandType": "SHELL",
        "WorkingDirectory": "/root/",
        "Timeout": 60,
        "InstanceIds": ["ins-2b44hkdm", "ins-0ltc3jf3"]
    });
    assert_eq!(errs(&example), vec![]);
}

#[test]
fn request_must_be_an_object() {
    assert_eq!(errs(&json!([])), one("", "InvalidParameter"));
    assert_eq!(errs(&json!(null)), one("", "InvalidParameter"));
}

#[test]
fn unknown_parameters_are_named() {
    let mut v = base();
    v["Instanceids"] = json!(["ins-12345678"]);
    // Refused whatever the rule set: the service's common error code UnknownParameter.
    for rules in [RuleSet::Seed, RuleSet::Latest] {
        let r = report(&v, rules);
        assert_eq!(r.warnings, vec![]);
        assert_eq!(pairs(r.errors), one("Instanceids", "UnknownParameter"));
    }
    let e = validate_run_command(&v, &Options::default()).errors;
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].field.as_str(), e[0].code),
        ("Instanceids", "UnknownParameter")
    );
    assert!(
        e[0].message.contains("did you mean `InstanceIds`"),
        "{}",
        e[0].message
    );
    // Common parameters travel in headers, not in the body.
    assert_eq!(
        errs(&with(&[("Region", json!("ap-guangzhou"))])),
        one("Region", "UnknownParameter")
    );
}

#[test]
fn content_required_base64_at_most_64k() {
    assert_eq!(
        errs(&json!({"InstanceIds": ["ins-12345678"]})),
        one("Content", "MissingParameter")
    );
    assert_eq!(
        errs(&with(&[("Content", json!(null))])),
        one("Content", "MissingParameter")
    );
    assert_eq!(
        errs(&with(&[("Content", json!(""))])),
        one("Content", "MissingParameter")
    );
    assert_eq!(
        errs(&with(&[("Content", json!(42))])),
        one("Content", "InvalidParameter")
    );
    assert_eq!(
        errs(&with(&[("Content", json!("d2hvYW1"))])),
        one("Content", "InvalidParameterValue.InvalidContent")
    );
    assert_eq!(
        errs(&with(&[("Content", json!("d2hv YW1p"))])),
        one("Content", "InvalidParameterValue.InvalidContent")
    );
    assert_eq!(
        errs(&with(&[("Content", json!("d2hv\nYW1p"))])),
        one("Content", "InvalidParameterValue.InvalidContent")
    );
    // 49,152 bytes encode to exactly 65,536 base64 characters: the limit passes.
    let at_limit = tat_request::base64::encode(&vec![b'a'; 49_152]);
    assert_eq!(at_limit.len(), 65_536);
    assert_eq!(errs(&with(&[("Content", json!(at_limit))])), vec![]);
    // One character past the limit is TooLong, even though it is also not valid base64.
    let past = format!("{at_limit}A");
    assert_eq!(
        errs(&with(&[("Content", json!(past))])),
        one("Content", "InvalidParameterValue.TooLong")
    );
    let past4 = tat_request::base64::encode(&vec![b'a'; 49_153]);
    assert_eq!(
        errs(&with(&[("Content", json!(past4))])),
        one("Content", "InvalidParameterValue.TooLong")
    );
}

#[test]
fn instance_ids_forms_and_limits() {
    assert_eq!(
        errs(&json!({"Content": "d2hvYW1p"})),
        one("InstanceIds", "MissingParameter")
    );
    assert_eq!(
        errs(&with(&[("InstanceIds", json!([]))])),
        one("InstanceIds", "MissingParameter")
    );
    assert_eq!(
        errs(&with(&[("InstanceIds", json!("ins-12345678"))])),
        one("InstanceIds", "InvalidParameter")
    );
    assert_eq!(
        errs(&with(&[("InstanceIds", json!(["lhins-abcd1234"]))])),
        vec![]
    );
    // No document gives the form of an ID: an unknown one is a warning (a wrong type is an
    // error), and `mi-` is unknown to the seed document.
    let r = report(
        &with(&[(
            "InstanceIds",
            json!([
                "ins-12345678",
                "ins-1234567",
                "ins-ABCD1234",
                7,
                "lhins-123456789",
                "mi-12345678"
            ]),
        )]),
        RuleSet::Seed,
    );
    assert_eq!(pairs(r.errors), one("InstanceIds[3]", "InvalidParameter"));
    let id = "InvalidParameterValue.InvalidInstanceId";
    assert_eq!(
        pairs(r.warnings),
        vec![
            ("InstanceIds[1]".into(), id),
            ("InstanceIds[2]".into(), id),
            ("InstanceIds[4]".into(), id),
            ("InstanceIds[5]".into(), id),
        ]
    );
    assert_eq!(
        errs(&with(&[(
            "InstanceIds",
            json!(["ins-12345678", "lhins-12345678"])
        )])),
        one("InstanceIds", "InvalidParameterValue.InconsistentInstance")
    );
    let ids = |n: usize| Value::from((0..n).map(|i| format!("ins-{i:08}")).collect::<Vec<_>>());
    assert_eq!(errs(&with(&[("InstanceIds", ids(100))])), vec![]);
    assert_eq!(
        errs(&with(&[("InstanceIds", ids(101))])),
        one("InstanceIds", "InvalidParameterValue.LimitExceeded")
    );
    // latest: 200 and mi- managed instances.
    assert_eq!(
        errs_in(&with(&[("InstanceIds", ids(200))]), RuleSet::Latest),
        vec![]
    );
    assert_eq!(
        errs_in(&with(&[("InstanceIds", ids(201))]), RuleSet::Latest),
        one("InstanceIds", "InvalidParameterValue.LimitExceeded")
    );
    assert_eq!(
        errs_in(
            &with(&[("InstanceIds", json!(["mi-abcd1234"]))]),
            RuleSet::Latest
        ),
        vec![]
    );
}

#[test]
fn command_name_alphabet_and_60_bytes() {
    assert_eq!(errs(&with(&[("CommandName", json!("a-Z_0.9"))])), vec![]);
    assert_eq!(errs(&with(&[("CommandName", json!(""))])), vec![]);
    assert_eq!(
        errs(&with(&[("CommandName", json!("a".repeat(60)))])),
        vec![]
    );
    let bad = "InvalidParameterValue.InvalidCommandName";
    assert_eq!(
        errs(&with(&[("CommandName", json!("a".repeat(61)))])),
        one("CommandName", bad)
    );
    assert_eq!(
        errs(&with(&[("CommandName", json!("my command"))])),
        one("CommandName", bad)
    );
    assert_eq!(
        errs(&with(&[("CommandName", json!("命令"))])),
        one("CommandName", bad)
    );
    assert_eq!(
        errs(&with(&[("CommandName", json!(1))])),
        one("CommandName", "InvalidParameter")
    );
}

#[test]
fn description_counts_characters_not_bytes() {
    assert_eq!(
        errs(&with(&[("Description", json!("描".repeat(120)))])),
        vec![]
    );
    assert_eq!(
        errs(&with(&[("Description", json!("😀".repeat(120)))])),
        vec![]
    );
    assert_eq!(
        errs(&with(&[("Description", json!("a".repeat(121)))])),
        one("Description", "InvalidParameterValue.TooLong")
    );
    assert_eq!(
        errs(&with(&[("Description", json!("描".repeat(121)))])),
        one("Description", "InvalidParameterValue.TooLong")
    );
}

#[test]
fn command_type_is_an_enumeration() {
    for t in ["SHELL", "POWERSHELL"] {
        let wd = if t == "SHELL" { "/tmp" } else { "C:\\Windows" };
        assert_eq!(
            errs(&with(&[
                ("CommandType", json!(t)),
                ("WorkingDirectory", json!(wd))
            ])),
            vec![]
        );
    }
    // Written in other letters than the document's: a warning.
    assert_eq!(
        warns(&with(&[("CommandType", json!("shell"))])),
        one("CommandType", "InvalidParameterValue")
    );
    assert_eq!(
        errs(&with(&[("CommandType", json!("BAT"))])),
        one("CommandType", "InvalidParameterValue")
    );
    assert_eq!(
        errs_in(&with(&[("CommandType", json!("BAT"))]), RuleSet::Latest),
        vec![]
    );
    assert_eq!(
        errs(&with(&[("CommandType", json!(["SHELL"]))])),
        one("CommandType", "InvalidParameter")
    );
}

#[test]
fn working_directory_absolute_for_its_type() {
    let code = "InvalidParameterValue.InvalidWorkingDirectory";
    assert_eq!(
        warns(&with(&[("WorkingDirectory", json!("/root/"))])),
        vec![]
    );
    assert_eq!(
        warns(&with(&[("WorkingDirectory", json!("root"))])),
        one("WorkingDirectory", code)
    );
    assert_eq!(
        warns(&with(&[("WorkingDirectory", json!("/ro\not"))])),
        one("WorkingDirectory", code)
    );
    assert_eq!(
        warns(&with(&[(
            "WorkingDirectory",
            json!(format!("/{}", "a".repeat(4095)))
        )])),
        vec![]
    );
    assert_eq!(
        warns(&with(&[(
            "WorkingDirectory",
            json!(format!("/{}", "a".repeat(4096)))
        )])),
        one("WorkingDirectory", code)
    );
    let ps = |wd: &str| {
        with(&[
            ("CommandType", json!("POWERSHELL")),
            ("WorkingDirectory", json!(wd)),
        ])
    };
    assert_eq!(
        warns(&ps("C:\\Program Files\\qcloud\\tat_agent\\workdir")),
        vec![]
    );
    assert_eq!(warns(&ps("d:/work")), vec![]);
    assert_eq!(warns(&ps("/root")), one("WorkingDirectory", code));
    assert_eq!(warns(&ps("C:")), one("WorkingDirectory", code));
}

#[test]
fn timeout_integer_1_to_86400() {
    for ok in [1, 60, 86400] {
        assert_eq!(errs(&with(&[("Timeout", json!(ok))])), vec![]);
    }
    for bad in [json!(0), json!(86401), json!(-1), json!(u64::MAX)] {
        assert_eq!(
            errs(&with(&[("Timeout", bad)])),
            one("Timeout", "InvalidParameterValue.Range")
        );
    }
    for bad in [json!(60.0), json!(1.5), json!("60"), json!(true)] {
        assert_eq!(
            errs(&with(&[("Timeout", bad)])),
            one("Timeout", "InvalidParameter")
        );
    }
    assert_eq!(errs(&with(&[("Timeout", json!(null))])), vec![]);
}

#[test]
fn booleans_are_booleans() {
    for f in ["SaveCommand", "EnableParameter"] {
        assert_eq!(errs(&with(&[(f, json!(false))])), vec![]);
        assert_eq!(
            errs(&with(&[(f, json!("true"))])),
            one(f, "InvalidParameter")
        );
        assert_eq!(errs(&with(&[(f, json!(1))])), one(f, "InvalidParameter"));
    }
}

#[test]
fn tags_only_when_saved_at_most_10() {
    let tag = json!({"Key": "env", "Value": "prod"});
    let tags = |n: usize| Value::from(vec![tag.clone(); n]);
    assert_eq!(
        errs(&with(&[("SaveCommand", json!(true)), ("Tags", tags(10))])),
        vec![]
    );
    assert_eq!(
        errs(&with(&[("SaveCommand", json!(true)), ("Tags", tags(11))])),
        one("Tags", "InvalidParameterValue.LimitExceeded")
    );
    // "It is available when SaveCommand is True": when tags take effect, not a refusal.
    assert_eq!(
        warns(&with(&[("Tags", tags(1))])),
        one("Tags", "InvalidParameter.ConflictParameter")
    );
    assert_eq!(
        warns(&with(&[("SaveCommand", json!(false)), ("Tags", tags(1))])),
        one("Tags", "InvalidParameter.ConflictParameter")
    );
    assert_eq!(errs(&with(&[("Tags", json!([]))])), vec![]);
    assert_eq!(
        errs(&with(&[
            ("SaveCommand", json!(true)),
            (
                "Tags",
                json!([{"Key": 1, "Value": "x"}, {"Value": "x"}, {"Key": "k"}, "k=v", {"Key": "k", "Value": "v", "Valu": "v"}])
            )
        ])),
        vec![
            ("Tags[0].Key".into(), "InvalidParameter"),
            ("Tags[1].Key".into(), "MissingParameter"),
            ("Tags[2].Value".into(), "MissingParameter"),
            ("Tags[3]".into(), "InvalidParameter"),
            ("Tags[4].Valu".into(), "UnknownParameter"),
        ]
    );
}

#[test]
fn username_by_command_type() {
    let code = "InvalidParameterValue.InvalidUsername";
    for ok in [
        "root",
        "deploy_user",
        "svc-app.1",
        "machine$",
        &"u".repeat(32),
    ] {
        assert_eq!(warns(&with(&[("Username", json!(ok))])), vec![], "{ok}");
    }
    for bad in ["-rf", "a b", "名字", "x;rm", &"u".repeat(33)] {
        assert_eq!(
            warns(&with(&[("Username", json!(bad))])),
            one("Username", code),
            "{bad}"
        );
    }
    let win = |u: &str| with(&[("CommandType", json!("POWERSHELL")), ("Username", json!(u))]);
    for ok in ["System", "John Smith", "管理员", &"w".repeat(20)] {
        assert_eq!(warns(&win(ok)), vec![], "{ok}");
    }
    for bad in ["a/b", "DOMAIN\\user", "...", "a@b", &"w".repeat(21)] {
        assert_eq!(warns(&win(bad)), one("Username", code), "{bad}");
    }
}

#[test]
fn cos_bucket_url_form_of_the_example() {
    let code = "InvalidParameterValue.InvalidOutputCOSBucketUrl";
    // The document's own example, letter case and all, and a lower-case bucket.
    for ok in [
        "https://BucketName-123454321.cos.ap-beijing.myqcloud.com",
        "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/",
        "https://Logs-1250000000.cos.ap-guangzhou.myqcloud.com",
    ] {
        assert_eq!(
            warns(&with(&[("OutputCOSBucketUrl", json!(ok))])),
            vec![],
            "{ok}"
        );
    }
    // "The URL must start with https": the one refusal the document states.
    assert_eq!(
        errs(&with(&[(
            "OutputCOSBucketUrl",
            json!("http://logs-1250000000.cos.ap-guangzhou.myqcloud.com")
        )])),
        one("OutputCOSBucketUrl", code)
    );
    // Other forms than the example's: warned about, still sent.
    for odd in [
        "https://logs.cos.ap-guangzhou.myqcloud.com",
        "https://logs-12a.cos.ap-guangzhou.myqcloud.com",
        "https://logs-1250000000.cos.ap-guangzhou.example.com",
        "https://logs-1250000000.cos.ap-guangzhou.myqcloud.com/path",
    ] {
        assert_eq!(
            warns(&with(&[("OutputCOSBucketUrl", json!(odd))])),
            one("OutputCOSBucketUrl", code),
            "{odd}"
        );
    }
}

#[test]
fn cos_key_prefix_rules() {
    let code = "InvalidParameterValue.InvalidOutputCOSKeyPrefix";
    for ok in ["logs", "logs/tat/", "a..b/c", "日志/2026", &"k".repeat(60)] {
        assert_eq!(
            errs(&with(&[("OutputCOSKeyPrefix", json!(ok))])),
            vec![],
            "{ok}"
        );
    }
    for bad in [
        "/logs",
        "logs//tat",
        "logs/../x",
        "..",
        "a b",
        &"k".repeat(61),
    ] {
        assert_eq!(
            errs(&with(&[("OutputCOSKeyPrefix", json!(bad))])),
            one("OutputCOSKeyPrefix", code),
            "{bad}"
        );
    }
    // Every problem is named.
    assert_eq!(
        errs(&with(&[("OutputCOSKeyPrefix", json!("/a//.."))])).len(),
        3
    );
}

#[test]
fn custom_parameters_need_enable_parameter() {
    assert_eq!(
        errs(&with(&[("Parameters", json!(r#"{"a":"1"}"#))])),
        one(
            "Parameters",
            "InvalidParameterValue.SupportParametersOnlyIfEnableParameter"
        )
    );
    assert_eq!(
        errs(&with(&[
            ("EnableParameter", json!(false)),
            ("DefaultParameters", json!(r#"{"a":"1"}"#))
        ])),
        one(
            "DefaultParameters",
            "InvalidParameterValue.ParameterDisabled"
        )
    );
    assert_eq!(
        errs(&with(&[
            ("EnableParameter", json!(true)),
            ("Parameters", json!(r#"{"a":"1"}"#)),
            ("DefaultParameters", json!(r#"{"b":"2"}"#))
        ])),
        vec![]
    );
    assert_eq!(
        errs(&with(&[("Parameters", json!({"a": "1"}))])),
        one("Parameters", "InvalidParameter")
    );
}

#[test]
fn custom_parameter_json_codes() {
    let p = |text: &str| {
        with(&[
            ("EnableParameter", json!(true)),
            ("Parameters", json!(text)),
        ])
    };
    assert_eq!(
        errs(&p("{")),
        one(
            "Parameters",
            "InvalidParameterValue.ParameterInvalidJsonFormat"
        )
    );
    assert_eq!(
        errs(&p(r#"["a"]"#)),
        one(
            "Parameters",
            "InvalidParameterValue.ParameterInvalidJsonFormat"
        )
    );
    assert_eq!(
        errs(&p(r#"{"a":"1","a":"2"}"#)),
        one(
            "Parameters.a",
            "InvalidParameterValue.ParameterKeyDuplicated"
        )
    );
    assert_eq!(
        errs(&p(r#"{"a.b":"1"}"#)),
        one(
            "Parameters.a.b",
            "InvalidParameterValue.ParameterKeyContainsInvalidChar"
        )
    );
    assert_eq!(
        errs(&p(r#"{"a":1}"#)),
        one(
            "Parameters.a",
            "InvalidParameterValue.ParameterValueNotString"
        )
    );
    let k64 = "k".repeat(64);
    assert_eq!(errs(&p(&format!(r#"{{"{k64}":"v"}}"#))), vec![]);
    let k65 = "k".repeat(65);
    assert_eq!(
        errs(&p(&format!(r#"{{"{k65}":"v"}}"#))),
        // The field quotes a long key shortened to 64 characters.
        one(
            &format!("Parameters.{k64}…"),
            "InvalidParameterValue.ParameterKeyLenExceeded"
        )
    );
    let obj = |n: usize| {
        format!(
            "{{{}}}",
            (0..n)
                .map(|i| format!(r#""k{i}":"v""#))
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    assert_eq!(errs(&p(&obj(20))), vec![]);
    assert_eq!(
        errs(&p(&obj(21))),
        one(
            "Parameters",
            "InvalidParameterValue.ParameterNumberExceeded"
        )
    );
    // DefaultParameters follows the same rules.
    let d = with(&[
        ("EnableParameter", json!(true)),
        (
            "DefaultParameters",
            json!(r#"{"__proto__":"x","__proto__":"y"}"#),
        ),
    ]);
    assert_eq!(
        errs(&d),
        one(
            "DefaultParameters.__proto__",
            "InvalidParameterValue.ParameterKeyDuplicated"
        )
    );
}

#[test]
fn placeholders_need_values_when_enabled() {
    let content = b64("echo {{name}} {{greeting}} {{name}}");
    let lack = "InvalidParameterValue.LackOfParameterInfo";
    // Disabled: placeholders are plain text.
    assert_eq!(errs(&with(&[("Content", content.clone())])), vec![]);
    assert_eq!(
        errs(&with(&[
            ("Content", content.clone()),
            ("EnableParameter", json!(true))
        ])),
        vec![
            ("Parameters.name".into(), lack),
            ("Parameters.greeting".into(), lack)
        ]
    );
    assert_eq!(
        errs(&with(&[
            ("Content", content.clone()),
            ("EnableParameter", json!(true)),
            ("Parameters", json!(r#"{"name":"x"}"#))
        ])),
        one("Parameters.greeting", lack)
    );
    assert_eq!(
        errs(&with(&[
            ("Content", content.clone()),
            ("EnableParameter", json!(true)),
            ("Parameters", json!(r#"{"name":"x"}"#)),
            ("DefaultParameters", json!(r#"{"greeting":"hi"}"#))
        ])),
        vec![]
    );
    // An unreadable Parameters string is reported once, without a pile of missing values.
    assert_eq!(
        errs(&with(&[
            ("Content", content),
            ("EnableParameter", json!(true)),
            ("Parameters", json!("{"))
        ])),
        one(
            "Parameters",
            "InvalidParameterValue.ParameterInvalidJsonFormat"
        )
    );
}

#[test]
fn every_error_at_once_in_document_order() {
    let v = json!({
        "Content": "!!!!",
        "InstanceIds": ["bad"],
        "CommandName": "a b",
        "Description": "d".repeat(121),
        "CommandType": "BASH",
        "Timeout": 0,
        "SaveCommand": "no",
        "Tags": [{"Key": "k", "Value": "v"}],
        "OutputCOSKeyPrefix": "/x",
        "Bogus": 1
    });
    let r = report(&v, RuleSet::Seed);
    let fields = |l: Vec<tat_request::FieldError>| -> Vec<String> {
        l.into_iter().map(|e| e.field).collect()
    };
    assert_eq!(
        fields(r.errors),
        [
            "Bogus",
            "Content",
            "CommandName",
            "Description",
            "CommandType",
            "Timeout",
            "SaveCommand",
            "OutputCOSKeyPrefix"
        ]
    );
    // What is only suspected, in the same order.
    assert_eq!(fields(r.warnings), ["InstanceIds[0]", "Tags"]);
}

#[test]
fn messages_in_both_languages() {
    let v = with(&[("Timeout", json!(0))]);
    let en = validate_run_command(&v, &Options::new(RuleSet::Seed, Language::EnUs)).errors;
    let zh = validate_run_command(&v, &Options::new(RuleSet::Seed, Language::ZhCn)).errors;
    assert_eq!(en[0].message, "Timeout must be between 1 and 86400; got 0.");
    assert_eq!(zh[0].message, "Timeout 的取值范围为 [1, 86400]，当前为 0。");
}

#[test]
fn validate_dispatches_by_action() {
    assert!(validate("RunCommand", &base(), &Options::default()).is_valid());
    let e = validate("RunComand", &base(), &Options::default()).errors;
    assert_eq!(
        (e[0].field.as_str(), e[0].code),
        ("Action", "InvalidAction")
    );
}

#[test]
fn huge_values_are_quoted_short() {
    let long = "x".repeat(1_000_000);
    let e = validate_run_command(
        &with(&[("InstanceIds", json!([long]))]),
        &Options::default(),
    )
    .warnings;
    assert!(e[0].message.len() < 200, "{}", e[0].message.len());
}

#[test]
fn preview_lists_and_replaces_placeholders() {
    let content = tat_request::base64::encode("echo {{a}} {{b}} {{c}} {{a}}".as_bytes());
    let p = tat_request::preview(
        &content,
        Some(r#"{"a":"1"}"#),
        Some(r#"{"a":"x","b":"两"}"#),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(p.placeholders, ["a", "b", "c"]);
    assert_eq!(p.missing, ["c"]);
    assert_eq!(p.text.as_deref(), Some("echo 1 两 {{c}} 1"));
    assert_eq!(
        p.content,
        tat_request::base64::encode("echo 1 两 {{c}} 1".as_bytes())
    );
    let e = tat_request::preview("!!", Some("{"), None, &Options::default()).unwrap_err();
    let fields: Vec<_> = e.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("Content", "InvalidParameterValue.InvalidContent"),
            (
                "Parameters",
                "InvalidParameterValue.ParameterInvalidJsonFormat"
            )
        ]
    );
}

#[test]
fn latest_default_parameter_confs_and_hidden_placeholders() {
    let content = b64("login {{user}} {{tat-hidden:password}}");
    let confs = json!([{"ParameterName": "user", "ParameterValue": "admin", "ParameterDescription": "who"}]);
    let v = |extra: &[(&str, Value)]| {
        let mut v = with(&[
            ("Content", content.clone()),
            ("EnableParameter", json!(true)),
        ]);
        for (k, val) in extra {
            v[*k] = val.clone();
        }
        v
    };
    let latest = |p: &Value| errs_in(p, RuleSet::Latest);
    let lack = "InvalidParameterValue.LackOfParameterInfo";
    // The seed document has neither: DefaultParameterConfs is newer than it (a warning, never
    // refused as unknown: the service takes it, so `user` is not missing), and the hidden form
    // is text.
    let r = report(
        &v(&[("DefaultParameterConfs", confs.clone())]),
        RuleSet::Seed,
    );
    assert_eq!(pairs(r.errors), vec![]);
    assert!(
        r.warnings[0]
            .message
            .contains("`rules: 'latest'` checks it"),
        "{}",
        r.warnings[0].message
    );
    assert_eq!(
        pairs(r.warnings),
        one("DefaultParameterConfs", "UnknownParameter")
    );
    // latest: confs give `user`; the hidden placeholder needs `password`.
    assert_eq!(
        latest(&v(&[("DefaultParameterConfs", confs.clone())])),
        one("Parameters.password", lack)
    );
    assert_eq!(
        latest(&v(&[
            ("DefaultParameterConfs", confs.clone()),
            ("Parameters", json!(r#"{"password":"x"}"#))
        ])),
        vec![]
    );
    assert_eq!(
        latest(&v(&[
            ("DefaultParameterConfs", confs.clone()),
            ("DefaultParameters", json!(r#"{"password":"x"}"#))
        ])),
        one(
            "DefaultParameterConfs",
            "InvalidParameter.ConflictParameter"
        )
    );
    assert_eq!(
        latest(&v(&[
            (
                "DefaultParameterConfs",
                json!([{"ParameterName": "a b", "ParameterValue": "1"}, {"ParameterName": "p"}])
            ),
            ("Parameters", json!(r#"{"user":"u","password":"x"}"#))
        ])),
        one(
            "DefaultParameterConfs[1].ParameterValue",
            "MissingParameter"
        )
    );
    assert_eq!(
        latest(&v(&[
            (
                "DefaultParameterConfs",
                json!([{"ParameterName": "a b", "ParameterValue": "1"}, {"ParameterName": "a b", "ParameterValue": "2"}])
            ),
            ("Parameters", json!(r#"{"user":"u","password":"x"}"#))
        ])),
        vec![
            (
                "DefaultParameterConfs.a b".into(),
                "InvalidParameterValue.ParameterKeyContainsInvalidChar"
            ),
            (
                "DefaultParameterConfs.a b".into(),
                "InvalidParameterValue.ParameterKeyDuplicated"
            )
        ]
    );
    let off = with(&[("DefaultParameterConfs", confs)]);
    assert_eq!(
        latest(&off),
        one(
            "DefaultParameterConfs",
            "InvalidParameterValue.ParameterDisabled"
        )
    );
    // The preview follows the rule set.
    let c = tat_request::base64::encode(b"{{tat-hidden:pw}}");
    let p = tat_request::preview(
        &c,
        Some(r#"{"pw":"x"}"#),
        None,
        &Options::new(RuleSet::Latest, Language::EnUs),
    )
    .unwrap();
    assert_eq!(p.text.as_deref(), Some("x"));
    let p = tat_request::preview(&c, Some(r#"{"pw":"x"}"#), None, &Options::default()).unwrap();
    assert_eq!(p.text.as_deref(), Some("{{tat-hidden:pw}}"));
}

/// The mixed-kinds message names the kinds of the rule set: managed instances in `latest`,
/// the same words for RunCommand and for the other actions.
#[test]
fn mixed_kinds_are_named_from_the_rule_set() {
    let message = |params: &Value, action: &str, rules: RuleSet| {
        let o = Options::new(rules, Language::EnUs);
        validate(action, params, &o)
            .errors
            .into_iter()
            .find(|e| e.code == "InvalidParameterValue.InconsistentInstance")
            .map(|e| e.message)
            .unwrap()
    };
    let seed = message(
        &with(&[("InstanceIds", json!(["ins-12345678", "lhins-12345678"]))]),
        "RunCommand",
        RuleSet::Seed,
    );
    assert_eq!(
        seed,
        "InstanceIds mixes instance types; one request takes only CVM (ins-) or only Lighthouse (lhins-) instances."
    );
    let latest = message(
        &with(&[("InstanceIds", json!(["ins-12345678", "mi-12345678"]))]),
        "RunCommand",
        RuleSet::Latest,
    );
    assert!(latest.contains("only managed (mi-)"), "{latest}");
    let other = message(
        &json!({"CommandId": "cmd-abcd1234", "InstanceIds": ["ins-12345678", "mi-12345678"]}),
        "InvokeCommand",
        RuleSet::Latest,
    );
    assert_eq!(latest, other);
}
