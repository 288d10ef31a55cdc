//! Request building through the public API: what a caller sees, on good and bad input.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use tat_request::errors::codes;
use tat_request::request::{
    build_request, build_request_with, BuildError, JsonBody, RequestInput, API_VERSION,
    DEFAULT_HOST,
};
use tat_request::sign::{
    self, Credentials, HttpRequest, SignOptions, Signer, MAX_TIMESTAMP, SERVICE,
};
use tat_request::Validation;

/// Valid RunCommand parameters under the document's rules.
fn params() -> Value {
    json!({"Content": "ZWNobyBoZWxsbw==", "InstanceIds": ["ins-12345678"]})
}

fn verify_built(
    r: &tat_request::request::Request,
    c: &Credentials,
) -> Result<(), sign::VerifyError> {
    let headers: Vec<(&str, &str)> = r.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let req = HttpRequest {
        method: r.method,
        path: "/",
        query: "",
        headers: &headers,
        body: r.body.as_bytes(),
    };
    sign::verify(r.header("Authorization").unwrap_or(""), c, SERVICE, &req)
}

#[test]
fn a_built_request_verifies_and_carries_the_api_headers() {
    let p = params();
    let c = Credentials::new("AKIDabc", "k+/=").with_token("token-1");
    for action_header in [false, true] {
        let mut input = RequestInput::new("RunCommand", &p, 1_700_006_400);
        input.region = Some("ap-guangzhou");
        input.sign = SignOptions {
            sign_action_header: action_header,
        };
        let r = build_request(&input, &c).unwrap();
        assert_eq!(verify_built(&r, &c), Ok(()));
        assert_eq!(r.header("X-TC-Version"), Some(API_VERSION));
        assert_eq!(r.header("Host"), Some(DEFAULT_HOST));
        assert_eq!(r.header("X-TC-Region"), Some("ap-guangzhou"));
        assert_eq!(r.header("X-TC-Token"), Some("token-1"));
        assert!(r
            .header("Authorization")
            .unwrap()
            .contains("/2023-11-15/tat/tc3_request"));
        assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap(), p);
    }
}

#[test]
fn a_text_body_is_sent_as_given_and_validated_as_parsed() {
    let c = Credentials::new("AKIDabc", "k");
    // Keys out of order and spaces: kept byte for byte, signed as they are.
    let text = r#"{ "InstanceIds": ["ins-12345678"], "Content": "ZWNobyBoZWxsbw==" }"#;
    let body = JsonBody::parse(text).unwrap();
    let r = build_request(&RequestInput::new("RunCommand", &body, 1_700_000_000), &c).unwrap();
    assert_eq!(r.body, text);
    assert_eq!(verify_built(&r, &c), Ok(()));

    // The rules see the parsed value: a bad Timeout inside the text is refused with its
    // field; an ID of an unknown form is carried as a warning.
    let bad =
        JsonBody::parse(r#"{"InstanceIds":["ins-12345678"],"Content":"ZWNobw==","Timeout":0}"#)
            .unwrap();
    let e = build_request(&RequestInput::new("RunCommand", &bad, 0), &c).unwrap_err();
    assert_eq!(e.errors[0].field, "Timeout");
    assert_eq!(e.code, codes::INVALID_PARAMETER_VALUE_RANGE);
    let odd = JsonBody::parse(r#"{"InstanceIds":["nope"],"Content":"ZWNobw=="}"#).unwrap();
    let r = build_request(&RequestInput::new("RunCommand", &odd, 0), &c).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].field, "InstanceIds[0]");
    assert_eq!(
        r.warnings[0].code,
        codes::INVALID_PARAMETER_VALUE_INVALID_INSTANCE_ID
    );
}

/// `Validation::Warn` builds and signs what the rules refuse, the errors turned into warnings;
/// what cannot be signed as given (credentials, an action that is no header) is refused still.
#[test]
fn warn_mode_builds_past_the_rules_but_not_past_signing() {
    let c = Credentials::new("AKIDabc", "k");
    let p =
        json!({"Content": "d2hvYW1p", "InstanceIds": ["ins-12345678"], "Timeout": 0, "Typo": 1});
    let mut input = RequestInput::new("RunCommand", &p, 1_700_000_000);
    let e = build_request(&input, &c).unwrap_err();
    let refused: Vec<(&str, &str)> = e
        .errors
        .iter()
        .map(|w| (w.field.as_str(), w.code))
        .collect();
    assert_eq!(
        refused,
        [
            ("Typo", codes::UNKNOWN_PARAMETER),
            ("Timeout", codes::INVALID_PARAMETER_VALUE_RANGE),
        ]
    );
    input.validation = Validation::Warn;
    let r = build_request(&input, &c).unwrap();
    assert_eq!(verify_built(&r, &c), Ok(()));
    let w: Vec<(&str, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.field.as_str(), w.code))
        .collect();
    assert_eq!(
        w,
        [
            ("Typo", codes::UNKNOWN_PARAMETER),
            ("Timeout", codes::INVALID_PARAMETER_VALUE_RANGE),
        ]
    );
    // An action the package does not know yet, built anyway.
    let mut input = RequestInput::new("DescribeNewThings", &p, 1_700_000_000);
    input.validation = Validation::Warn;
    let r = build_request(&input, &c).unwrap();
    assert_eq!(r.header("X-TC-Action"), Some("DescribeNewThings"));
    assert_eq!(r.warnings[0].code, codes::INVALID_ACTION);
    // Never past the credentials.
    let e = build_request(&input, &Credentials::new("AKIDabc", "")).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].field, "SecretKey");
}

#[test]
fn a_wrong_digest_gives_a_signature_that_does_not_verify() {
    let c = Credentials::new("AKIDabc", "k");
    let text = r#"{"Content":"ZWNobw==","InstanceIds":["ins-12345678"]}"#;
    let body = JsonBody::parse(text).unwrap().with_sha256([0; 32]);
    let r = build_request(&RequestInput::new("RunCommand", &body, 1_700_000_000), &c).unwrap();
    assert_eq!(
        verify_built(&r, &c),
        Err(sign::VerifyError::SignatureMismatch)
    );
}

#[test]
fn a_signer_spans_midnight() {
    let p = params();
    let c = Credentials::new("AKIDabc", "k");
    let mut signer = Signer::new(c.clone());
    for ts in [
        1_700_006_398,
        1_700_006_399,
        1_700_006_400,
        1_700_006_401,
        1_700_006_399,
    ] {
        let input = RequestInput::new("RunCommand", &p, ts);
        let a = build_request_with(&mut signer, &input).unwrap();
        let b = build_request(&input, &c).unwrap();
        assert_eq!(a, b, "{ts}");
        assert_eq!(verify_built(&a, &c), Ok(()));
    }
}

#[test]
fn build_error_displays_its_summary_and_code() {
    let p = params();
    let input = RequestInput::new("RunCommand", &p, 0);
    let e: BuildError = build_request(&input, &Credentials::new("", "")).unwrap_err();
    assert_eq!(e.code, codes::MISSING_PARAMETER);
    assert_eq!(e.errors.len(), 2);
    assert_eq!(
        e.to_string(),
        "SecretId: SecretId is required. (and 1 more) (MissingParameter)"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("MissingParameter"));
}

#[test]
fn timestamp_bounds() {
    let p = params();
    let c = Credentials::new("AKIDabc", "k");
    assert!(build_request(&RequestInput::new("RunCommand", &p, 0), &c).is_ok());
    assert!(build_request(
        &RequestInput::new("RunCommand", &p, MAX_TIMESTAMP as i64),
        &c
    )
    .is_ok());
    for bad in [-1, MAX_TIMESTAMP as i64 + 1, i64::MIN, i64::MAX] {
        let e = build_request(&RequestInput::new("RunCommand", &p, bad), &c).unwrap_err();
        assert_eq!(e.errors[0].field, "Timestamp");
        assert_eq!(e.code, codes::INVALID_PARAMETER_VALUE_RANGE);
    }
}

#[test]
fn header_breaking_characters_are_refused_per_field() {
    let p = params();
    for bad in [
        "a\r\nb", "a\nb", "a\0b", "a\u{7f}b", "a\u{1b}b", "ä", "a\tb",
    ] {
        let c = Credentials::new(format!("AKID{bad}"), "k").with_token(format!("t{bad}"));
        let mut input = RequestInput::new("RunCommand", &p, 0);
        input.region = Some(bad);
        input.host = Some(bad);
        input.language = Some(bad);
        let e = build_request(&input, &c).unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            ["SecretId", "Token", "Region", "Host", "Language"],
            "{bad:?}"
        );
        for f in &e.errors {
            assert!(!f.message.contains(bad), "{f:?} echoes the value");
        }
    }
}

#[test]
fn a_region_is_refused_only_when_a_header_cannot_carry_it() {
    let p = params();
    let c = Credentials::new("AKIDabc", "k");
    // Sendable as given: built, the header exactly the value, one warning about its form.
    for odd in [
        "AP_Guangzhou",
        "ap guangzhou",
        "Ap-GuangZhou",
        "ap.guangzhou",
    ] {
        let mut input = RequestInput::new("RunCommand", &p, 1_700_000_000);
        input.region = Some(odd);
        let r = build_request(&input, &c).unwrap();
        assert_eq!(r.header("X-TC-Region"), Some(odd));
        assert_eq!(verify_built(&r, &c), Ok(()));
        let w: Vec<_> = r
            .warnings
            .iter()
            .map(|w| (w.field.as_str(), w.code))
            .collect();
        assert_eq!(w, [("Region", codes::INVALID_PARAMETER_VALUE)], "{odd}");
    }
    // Beside a refused parameter, the region's warning is still reported with the refusal.
    let bad_params = json!({"Content": "ZWNobyBoZWxsbw==", "InstanceIds": []});
    let mut input = RequestInput::new("RunCommand", &bad_params, 0);
    input.region = Some("AP_Guangzhou");
    let e = build_request(&input, &c).unwrap_err();
    assert_eq!(e.errors[0].field, "InstanceIds");
    assert!(e.errors.iter().all(|f| f.field != "Region"), "{e:?}");
    assert_eq!(
        e.warnings.iter().filter(|w| w.field == "Region").count(),
        1,
        "{e:?}"
    );
    // What a header cannot carry as given: refused with the field and code, whatever the mode.
    for bad in [
        "ap\r\nx",
        "ap-广州",
        "ap\tgz",
        " ap-guangzhou",
        "ap-guangzhou ",
    ] {
        for validation in [Validation::Error, Validation::Warn] {
            let mut input = RequestInput::new("RunCommand", &p, 0);
            input.region = Some(bad);
            input.validation = validation;
            let e = build_request(&input, &c).unwrap_err();
            assert_eq!(e.code, codes::INVALID_PARAMETER_VALUE, "{bad:?}");
            let fields: Vec<&str> = e.errors.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(fields, ["Region"], "{bad:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any inputs: no panic, and the SecretKey never comes back in any form.
    #[test]
    fn never_panics_and_never_echoes_the_secret(
        id in ".{0,12}",
        key_tail in ".{0,12}",
        token in proptest::option::of(".{0,12}"),
        region in proptest::option::of("[a-z0-9\\-_A-Z\r\n ]{0,10}"),
        host in proptest::option::of(".{0,12}"),
        language in proptest::option::of("(en-US|zh-CN|.{0,5})"),
        timestamp in any::<i64>(),
        action_header in any::<bool>(),
    ) {
        let secret = format!("ZQXSECRET{key_tail}");
        let p = params();
        let mut c = Credentials::new(id, secret.clone());
        if let Some(t) = token { c = c.with_token(t); }
        let mut input = RequestInput::new("RunCommand", &p, timestamp);
        input.region = region.as_deref();
        input.host = host.as_deref();
        input.language = language.as_deref();
        input.sign.sign_action_header = action_header;
        let result = build_request(&input, &c);
        // A region is never altered, and never refused when a header carries it as given.
        let region = region.as_deref().filter(|r| !r.is_empty());
        let sendable = region.is_none_or(|r| {
            r.bytes().all(|b| (b' '..=b'~').contains(&b)) && !r.starts_with(' ') && !r.ends_with(' ')
        });
        match &result {
            Ok(r) => prop_assert_eq!(r.header("X-TC-Region"), region),
            Err(e) => prop_assert_eq!(
                e.errors.iter().any(|f| f.field == "Region"),
                !sendable
            ),
        }
        match result {
            Ok(r) => {
                prop_assert!(sendable);
                let all = format!("{r:?} {}", r.headers.iter().map(|(_, v)| v.as_str()).collect::<String>());
                prop_assert!(!all.contains("ZQXSECRET"));
                prop_assert_eq!(verify_built(&r, &c), Ok(()));
            }
            Err(e) => {
                let all = format!("{e} {e:?} {c:?}");
                prop_assert!(!all.contains("ZQXSECRET"));
                prop_assert!(!e.errors.is_empty());
                prop_assert_eq!(e.code, e.errors[0].code);
            }
        }
    }
}

#[test]
fn credentials_compare_by_every_part() {
    use tat_request::sign::Credentials;
    let a = Credentials::new("AKID", "key").with_token("t");
    assert!(a.same_as(&Credentials::new("AKID", "key").with_token("t")));
    assert!(!a.same_as(&Credentials::new("AKID", "key")));
    assert!(!a.same_as(&Credentials::new("AKID", "kez").with_token("t")));
    assert!(!a.same_as(&Credentials::new("AKIE", "key").with_token("t")));
}
