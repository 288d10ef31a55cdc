//! Prints requests built by the crate as JSON, one array of `{ input, request }`, for
//! tests/vectors/verify.mjs, which recomputes each signature with `node:crypto` alone.
//!
//! `cargo run --example build_requests`

use serde_json::{json, Value};
use tat_request::request::{build_request_with, RequestInput};
use tat_request::sign::{Credentials, Signer};
use tat_request::Language;

struct Case {
    secret_id: &'static str,
    secret_key: &'static str,
    token: Option<&'static str>,
    region: Option<&'static str>,
    host: Option<&'static str>,
    language: Option<&'static str>,
    timestamp: i64,
    sign_action: bool,
    params: Value,
}

fn base(params: Value) -> Case {
    Case {
        secret_id: "AKIDexampleEXAMPLEexample",
        secret_key: "secretKEY+/=example",
        token: None,
        region: None,
        host: None,
        language: None,
        timestamp: 1_700_000_000,
        sign_action: false,
        params,
    }
}

fn main() {
    let simple = json!({"Content": "ZWNobyBoZWxsbw==", "InstanceIds": ["ins-12345678"]});
    let unicode = json!({
        "CommandName": "deploy_1",
        "Content": "IyEvYmluL2Jhc2gKZWNobyAi5L2g5aW9Ig==",
        "Description": "部署 🚀 \"quoted\" back\\slash\nnewline",
        "InstanceIds": ["ins-12345678", "ins-abcdefgh"],
        "Timeout": 60,
    });
    // The largest valid Content: 16,384 × 4 = 65,536 base64 characters.
    let big = json!({"Content": "QUJD".repeat(16_384), "InstanceIds": ["ins-12345678"]});

    let mut cases = vec![base(simple.clone()), base(unicode.clone()), base(big)];
    cases.push(Case {
        sign_action: true,
        ..base(simple.clone())
    });
    cases.push(Case {
        sign_action: true,
        region: Some("ap-guangzhou"),
        ..base(unicode.clone())
    });
    cases.push(Case {
        timestamp: 1_700_006_399,
        ..base(simple.clone())
    });
    cases.push(Case {
        timestamp: 1_700_006_400,
        ..base(simple.clone())
    });
    cases.push(Case {
        timestamp: 0,
        ..base(simple.clone())
    });
    cases.push(Case {
        timestamp: 253_402_300_799,
        ..base(simple.clone())
    });
    cases.push(Case {
        token: Some("tmpTOKEN+/=_-0123456789"),
        region: Some("ap-shanghai"),
        language: Some("zh-CN"),
        ..base(simple.clone())
    });
    cases.push(Case {
        host: Some("TAT.Internal.TencentCloudAPI.com:8443"),
        ..base(simple.clone())
    });
    cases.push(Case {
        secret_key: "密钥-ключ-🔑",
        language: Some("en-US"),
        ..base(unicode)
    });
    cases.push(Case {
        secret_key: "long+/=long+/=long+/=long+/=long+/=long+/=long+/=long+/=long+/=long+/=long+/=",
        ..base(simple)
    });

    let mut out = Vec::new();
    for c in &cases {
        let credentials = match c.token {
            Some(t) => Credentials::new(c.secret_id, c.secret_key).with_token(t),
            None => Credentials::new(c.secret_id, c.secret_key),
        };
        // One signer per case, used twice: the second build must reuse the cached key.
        let mut signer = Signer::new(credentials);
        let mut input = RequestInput::new("RunCommand", &c.params, c.timestamp);
        input.region = c.region;
        input.host = c.host;
        input.language = c.language;
        input.options.language = Language::EnUs;
        input.sign.sign_action_header = c.sign_action;
        let first = build_request_with(&mut signer, &input);
        let built = build_request_with(&mut signer, &input);
        let request = match (first, built) {
            (Ok(a), Ok(b)) if a == b => b,
            (Ok(_), Ok(_)) => {
                eprintln!("a cached signing key changed the request");
                std::process::exit(1);
            }
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("refused: {e}: {:?}", e.errors);
                std::process::exit(1);
            }
        };
        out.push(json!({
            "input": {
                "secretId": c.secret_id,
                "secretKey": c.secret_key,
                "token": c.token,
                "service": "tat",
                "params": c.params,
            },
            "request": {
                "url": request.url,
                "method": request.method,
                "headers": request.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                "body": request.body,
            },
        }));
    }
    println!("{}", Value::Array(out));
}
