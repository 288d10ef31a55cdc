//! Signing and request building, `request::build_request`, with fuzzed parameters,
//! credentials, region, host, language and timestamp.
//!
//! Invariants: no panic; the SecretKey never appears in a built request (headers, body, URL,
//! `Debug`) nor in an error (`Display`, `Debug`, every field error); what was built is
//! accepted by `sign::verify` with the same credentials, and built again from its body text
//! (`JsonBody`) it is the same request; a refusal always names its errors.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use tat_request::request::{build_request, JsonBody, RequestInput};
use tat_request::sign::{self, Credentials, HttpRequest, SignOptions, SERVICE};
use tat_request::{Language, Options, RuleSet, Validation};

#[derive(Debug, Arbitrary)]
enum Params {
    /// Arbitrary JSON text (refused unless it happens to be valid RunCommand parameters).
    Json(String),
    /// A valid request with fuzzed script, instances and free text, to reach the signing path.
    Valid {
        script: Vec<u8>,
        ids: Vec<u32>,
        description: Option<String>,
        working_directory: Option<String>,
    },
}

#[derive(Debug, Arbitrary)]
struct Input {
    action: Option<String>,
    params: Params,
    secret_id: String,
    /// Made distinctive below, so that "appears in the output" means the key leaked.
    secret_key_tail: String,
    token: Option<String>,
    region: Option<String>,
    host: Option<String>,
    language: Option<String>,
    timestamp: i64,
    sign_action_header: bool,
    latest: bool,
    warn: bool,
    zh: bool,
}

fuzz_target!(|input: Input| {
    let params = match &input.params {
        Params::Json(text) => match serde_json::from_str::<Value>(text) {
            Ok(v) => v,
            Err(_) => return,
        },
        Params::Valid {
            script,
            ids,
            description,
            working_directory,
        } => {
            let ids: Vec<String> = ids
                .iter()
                .take(100)
                .map(|i| format!("ins-{i:08x}"))
                .collect();
            let mut v = json!({
                "Content": tat_request::base64::encode(&script[..script.len().min(40_000)]),
                "InstanceIds": if ids.is_empty() { vec!["ins-12345678".to_owned()] } else { ids },
            });
            if let Some(d) = description {
                v["Description"] = Value::from(d.as_str());
            }
            if let Some(w) = working_directory {
                v["WorkingDirectory"] = Value::from(w.as_str());
            }
            v
        }
    };
    let secret = format!("ZQXSECRET{}", input.secret_key_tail);
    let mut credentials = Credentials::new(input.secret_id.clone(), secret.clone());
    if let Some(t) = &input.token {
        credentials = credentials.with_token(t.clone());
    }
    let action = input.action.as_deref().unwrap_or("RunCommand");
    let mut request = RequestInput::new(action, &params, input.timestamp);
    request.region = input.region.as_deref();
    request.host = input.host.as_deref();
    request.language = input.language.as_deref();
    request.options = Options::new(
        if input.latest {
            RuleSet::Latest
        } else {
            RuleSet::Seed
        },
        if input.zh {
            Language::ZhCn
        } else {
            Language::EnUs
        },
    );
    // Both modes: 'warn' must never sign what cannot be signed faithfully either.
    request.validation = if input.warn {
        Validation::Warn
    } else {
        Validation::Error
    };
    request.sign = SignOptions {
        sign_action_header: input.sign_action_header,
    };
    // The secret may be echoed only if the caller put it somewhere that is echoed on purpose
    // (the parameters, the SecretId, the token...): then its presence proves nothing.
    let params_text = params.to_string();
    let given_elsewhere = [
        Some(params_text.as_str()),
        Some(action),
        Some(input.secret_id.as_str()),
        input.token.as_deref(),
        input.region.as_deref(),
        input.host.as_deref(),
        input.language.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|s| {
        // As given, and as Debug shows it: the request is checked in its Debug form too, where
        // an echoed `SECRET\r` (a JSON escape in the body) reads `SECRET\\r`, which holds a
        // secret ending in two backslashes (fuzz/regressions/build_request/crash-86fc69a…).
        let shown = format!("{s:?}");
        let holds = |t: &str| {
            t.contains(&secret)
                || t.to_ascii_lowercase()
                    .contains(&secret.to_ascii_lowercase())
        };
        holds(s) || holds(&shown)
    });

    match build_request(&request, &credentials) {
        Ok(r) => {
            let mut all = format!("{r:?} {} {}", r.url, r.body);
            for (n, v) in &r.headers {
                all.push_str(n);
                all.push_str(v);
            }
            if !given_elsewhere {
                assert!(
                    !all.contains(&secret),
                    "the secret key leaked into a request"
                );
            }
            let headers: Vec<(&str, &str)> =
                r.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let view = HttpRequest {
                method: r.method,
                path: "/",
                query: "",
                headers: &headers,
                body: r.body.as_bytes(),
            };
            let auth = r.header("Authorization").expect("Authorization header");
            assert_eq!(sign::verify(auth, &credentials, SERVICE, &view), Ok(()));
            // The same request from its body text (the JS fast path's way) is the same.
            let body = JsonBody::parse(&r.body).expect("a built body parses");
            let mut from_text = request;
            from_text.params = (&body).into();
            assert_eq!(build_request(&from_text, &credentials).as_ref(), Ok(&r));
        }
        Err(e) => {
            assert!(!e.errors.is_empty());
            assert_eq!(e.code, e.errors[0].code);
            let mut all = format!("{e} {e:?} {credentials:?}");
            for f in &e.errors {
                all.push_str(&f.field);
                all.push_str(&f.message);
            }
            if !given_elsewhere {
                assert!(
                    !all.contains(&secret),
                    "the secret key leaked into an error"
                );
            }
        }
    }
});
