//! Request building: endpoint, headers, body and signature, ready for `fetch`.
//!
//! [`build_request`] validates the parameters with [`crate::rules::validate`] and checks every
//! other input (credentials, region, host, language, timestamp), reporting all problems at
//! once as [`FieldError`]s; only a request with none is signed. The body is the bytes of
//! `serde_json::to_string(params)` (written by [`crate::json::write`]) for [`Params::Value`],
//! or the text of a [`JsonBody`] as given for [`Params::Json`]; that exact string is what the
//! signature covers.
//!
//! Headers match what the official SDKs send for a JSON POST: `Content-Type: application/json`
//! (both the Python and the Node SDK send and sign exactly this, without a charset; the
//! vectors in `tests/vectors` pin it), `Host`, `X-TC-Action`, `X-TC-Version`,
//! `X-TC-Timestamp`, and `X-TC-Region`, `X-TC-Token`, `X-TC-Language` when given. With the
//! default [`SignOptions`] the `Authorization` header is byte-identical to theirs.
//!
//! A host with a port is signed as sent (`host:port`), as the Python SDK does; the Node SDK
//! signs the name without the port, so the two SDKs disagree there and a custom port should be
//! checked against the endpoint actually used.
//!
//! No secret ever reaches an error: messages name the field and, for a bad character, its
//! position, never the value.

pub use crate::body::{BodyError, JsonBody};
use crate::errors::codes;
use crate::rules::inputs::{check_inputs, non_empty, Inputs};
use crate::rules::{msg, validate_converted, FieldError, Options, Unrepresentable, Validation};
use crate::sign::{self, Credentials, HttpRequest, SignOptions, Signer, SERVICE};
use crate::Language;
use core::fmt;
use serde_json::Value;
use std::borrow::Cow;

/// The endpoint used when no host is given.
pub const DEFAULT_HOST: &str = "tat.tencentcloudapi.com";
/// The TAT API version, sent as `X-TC-Version`.
pub const API_VERSION: &str = "2020-10-28";
/// The content type of the JSON body, as the official SDKs send and sign it.
pub const CONTENT_TYPE: &str = "application/json";
/// Every request is a POST with a JSON body.
pub const METHOD: &str = "POST";

/// What to build. Credentials are passed beside it (see [`build_request`]), or held by a
/// [`Signer`] (see [`build_request_with`]).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct RequestInput<'a> {
    /// The API action, `RunCommand`.
    pub action: &'a str,
    /// The action's parameters: a JSON value, or JSON text sent as given.
    pub params: Params<'a>,
    /// `X-TC-Region`; `None` or empty to omit it.
    pub region: Option<&'a str>,
    /// Unix seconds of the request; the signature's date is the UTC date of this.
    pub timestamp: i64,
    /// Host name with an optional port; `None` or empty for [`DEFAULT_HOST`].
    pub host: Option<&'a str>,
    /// `X-TC-Language`, `en-US` or `zh-CN`: the language of the service's answers. `None` or
    /// empty to omit it.
    pub language: Option<&'a str>,
    /// Validation options; `options.language` is also the language of our error messages.
    pub options: Options,
    /// Whether the rules' errors refuse the request (the default) or only warn.
    pub validation: Validation,
    /// Which headers to sign.
    pub sign: SignOptions,
}

impl<'a> RequestInput<'a> {
    /// An input with no region, host, language or options.
    pub fn new(action: &'a str, params: impl Into<Params<'a>>, timestamp: i64) -> RequestInput<'a> {
        RequestInput {
            action,
            params: params.into(),
            region: None,
            timestamp,
            host: None,
            language: None,
            options: Options::default(),
            validation: Validation::default(),
            sign: SignOptions::default(),
        }
    }
}

/// The parameters of a request and how its body is written.
#[derive(Debug, Clone, Copy)]
pub enum Params<'a> {
    /// A value; the body is what `serde_json::to_string` writes of it (object keys sorted),
    /// written by [`crate::json::write`].
    Value(&'a Value),
    /// JSON text; the body is the text exactly as given, and the rules validate its parse.
    Json(&'a JsonBody<'a>),
}

impl<'a> From<&'a Value> for Params<'a> {
    fn from(v: &'a Value) -> Params<'a> {
        Params::Value(v)
    }
}

impl<'a> From<&'a JsonBody<'a>> for Params<'a> {
    fn from(b: &'a JsonBody<'a>) -> Params<'a> {
        Params::Json(b)
    }
}

/// A signed request.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// `https://<host>/`.
    pub url: String,
    /// Always [`METHOD`].
    pub method: &'static str,
    /// Headers in a stable order: `Authorization`, `Content-Type`, `Host`, `X-TC-Action`,
    /// `X-TC-Version`, `X-TC-Timestamp`, then `X-TC-Region`, `X-TC-Token`, `X-TC-Language`
    /// when present. Names use the API's spelling.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, exactly as signed.
    pub body: String,
    /// What the rules only suspect, and with [`Validation::Warn`] their errors too.
    pub warnings: Vec<FieldError>,
}

impl Request {
    /// The value of header `name` (ignoring ASCII case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Request {
    // The token is a credential: keep it out of logs even though the request must carry it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a [(&'static str, String)]);
        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(self.0.iter().map(|(n, v)| {
                        let v = if n.eq_ignore_ascii_case("X-TC-Token") {
                            "<redacted>"
                        } else {
                            v.as_str()
                        };
                        (n, v)
                    }))
                    .finish()
            }
        }
        f.debug_struct("Request")
            .field("url", &self.url)
            .field("method", &self.method)
            .field("headers", &Headers(&self.headers))
            .field("body", &self.body)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Why a request was not built: every problem found, parameters first, then the other inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuildError {
    /// The code of the first error in [`BuildError::errors`] (the service reports one code
    /// per request, and the first problem is the one it would most likely name).
    pub code: &'static str,
    /// Every problem, each naming its field (`InstanceIds[3]`, `SecretKey`, `Region`...).
    pub errors: Vec<FieldError>,
    /// A one-line summary in the requested language.
    pub message: String,
    /// What the rules only suspect, found beside the errors (a page shows both at once).
    pub warnings: Vec<FieldError>,
}

impl BuildError {
    /// The error of `errors` (at least one), summarised by its first in `lang`.
    pub(crate) fn new(errors: Vec<FieldError>, lang: Language) -> BuildError {
        let (code, message) = match errors.first() {
            Some(first) => {
                let more = errors.len() - 1;
                // The field may hold a caller's key: quoted shortened, like values.
                let field = crate::text::shown(&first.field);
                // An error of the whole request (its size) names no field.
                let mut m = if field.is_empty() {
                    first.message.clone()
                } else {
                    format!("{field}: {}", first.message)
                };
                if more > 0 {
                    m.push_str(&msg!(
                        lang,
                        " (and {more} more)",
                        zh!("（另有 {more} 处错误）"),
                        more = more
                    ));
                }
                (first.code, m)
            }
            None => (
                codes::INVALID_PARAMETER,
                msg!(lang, "Invalid request.", zh!("请求无效。")),
            ),
        };
        BuildError {
            code,
            errors,
            message,
            warnings: Vec::new(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for BuildError {}

/// Validates, then builds and signs one request with `credentials`.
///
/// For many requests with the same credentials use [`build_request_with`], which derives the
/// signing key once per UTC date instead of once per request.
pub fn build_request(
    input: &RequestInput<'_>,
    credentials: &Credentials,
) -> Result<Request, BuildError> {
    build(input, &[], credentials, SERVICE, &mut None).map(Built::into_request)
}

/// Validates, then builds and signs one request with the signer's credentials and cached key.
pub fn build_request_with(
    signer: &mut Signer,
    input: &RequestInput<'_>,
) -> Result<Request, BuildError> {
    build_borrowed_with(signer, input, &[]).map(Built::into_request)
}

/// A built request whose body is borrowed when it was given as text: the JS binding already
/// holds that text and only needs the URL and headers, so it is not copied for nothing.
/// Header values are borrowed too where they are the caller's text or constants: each owned
/// one is an allocation per request.
pub(crate) struct Built<'a> {
    pub(crate) url: String,
    pub(crate) headers: Vec<(&'static str, Cow<'a, str>)>,
    pub(crate) body: Cow<'a, str>,
    pub(crate) warnings: Vec<FieldError>,
}

impl Built<'_> {
    fn into_request(self) -> Request {
        Request {
            url: self.url,
            method: METHOD,
            headers: self
                .headers
                .into_iter()
                .map(|(name, value)| (name, value.into_owned()))
                .collect(),
            body: self.body.into_owned(),
            warnings: self.warnings,
        }
    }
}

/// [`build_request_with`], the body left borrowed, for parameters a binding converted:
/// `unrepresentable` lists the values it could not (see [`crate::rules::validate_converted`]),
/// reported with every other problem of the request.
pub(crate) fn build_borrowed_with<'a>(
    signer: &mut Signer,
    input: &RequestInput<'a>,
    unrepresentable: &[(String, Unrepresentable)],
) -> Result<Built<'a>, BuildError> {
    let (credentials, service, cache) = signer.parts();
    build(input, unrepresentable, credentials, service, cache)
}

fn build<'a>(
    input: &RequestInput<'a>,
    unrepresentable: &[(String, Unrepresentable)],
    credentials: &Credentials,
    service: &str,
    cache: &mut Option<sign::CachedKey>,
) -> Result<Built<'a>, BuildError> {
    let lang = input.options.language;
    // The value the rules see, and the body text and its digest when given.
    let (params, text, digest) = match input.params {
        Params::Value(v) => (v, None, None),
        Params::Json(b) => (b.value(), Some(b.text()), b.sha256()),
    };
    let (unconverted, mut report) =
        validate_converted(input.action, params, unrepresentable, &input.options);
    if input.validation == Validation::Warn {
        report.waive();
    }
    // Values that could not be converted are refused whatever the mode: the signature would
    // cover another request.
    report.prepend_errors(unconverted);
    let (mut errors, mut warnings) = report.into_lists();
    let inputs = Inputs {
        action: input.action,
        region: input.region,
        host: input.host,
        language: input.language,
        timestamp: input.timestamp,
    };
    check_inputs(&inputs, credentials, lang, &mut errors, &mut warnings);
    if !errors.is_empty() {
        let mut e = BuildError::new(errors, lang);
        e.warnings = warnings;
        return Err(e);
    }

    let host = input.host.filter(|h| !h.is_empty()).unwrap_or(DEFAULT_HOST);
    let host: Cow<'a, str> = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    let timestamp = u64::try_from(input.timestamp).unwrap_or(0); // checked non-negative above
    let body: Cow<'a, str> = match text {
        Some(t) => Cow::Borrowed(t),
        None => {
            let mut text = String::new();
            crate::json::write(&mut text, params);
            Cow::Owned(text)
        }
    };

    // API 3.0's request structure: a TC3-HMAC-SHA256 POST body is at most 10 MB; the gateway
    // answers RequestSizeLimitExceeded past it, in whatever validation mode it was built.
    let max = input.options.rules.limits().request_body_max_bytes;
    if body.len() > max {
        let message = crate::rules::request_size_message(lang, body.len(), max);
        let e = FieldError {
            field: String::new(),
            code: codes::REQUEST_SIZE_LIMIT_EXCEEDED,
            message,
        };
        return Err(BuildError::new(vec![e], lang));
    }

    let signed = [
        ("content-type", CONTENT_TYPE),
        ("host", &*host),
        ("x-tc-action", input.action),
    ];
    let view = HttpRequest {
        method: METHOD,
        path: "/",
        query: "",
        headers: &signed,
        body: body.as_bytes(),
    };
    let authorization = sign::sign_with(
        credentials,
        service,
        cache,
        &view,
        digest,
        timestamp,
        input.sign.signed_headers(),
    )
    .map_err(|e| {
        // Unreachable after the checks above (headers present, timestamp in range); kept
        // as an error rather than a panic.
        let e = FieldError {
            field: "Authorization".to_owned(),
            code: codes::INVALID_PARAMETER,
            message: e.to_string(),
        };
        BuildError::new(vec![e], lang)
    })?;

    let mut digits = [0u8; 20];
    let ts = String::from_utf8_lossy(sign::decimal(timestamp, &mut digits)).into_owned();
    let mut url = String::with_capacity(host.len() + 9);
    url.push_str("https://");
    url.push_str(&host);
    url.push('/');

    let mut headers = Vec::with_capacity(9);
    headers.push(("Authorization", Cow::Owned(authorization)));
    headers.push(("Content-Type", Cow::Borrowed(CONTENT_TYPE)));
    headers.push(("Host", host));
    headers.push(("X-TC-Action", Cow::Borrowed(input.action)));
    headers.push(("X-TC-Version", Cow::Borrowed(API_VERSION)));
    headers.push(("X-TC-Timestamp", Cow::Owned(ts)));
    if let Some(r) = non_empty(input.region) {
        headers.push(("X-TC-Region", Cow::Borrowed(r)));
    }
    if let Some(t) = credentials.token() {
        headers.push(("X-TC-Token", Cow::Owned(t.to_owned())));
    }
    if let Some(l) = non_empty(input.language) {
        headers.push(("X-TC-Language", Cow::Borrowed(l)));
    }
    Ok(Built {
        url,
        headers,
        body,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &str = "Sup3r+Secret/Key=";

    /// Valid RunCommand parameters under the document's rules (the rules are filled in
    /// elsewhere; these tests must not depend on which parameter checks exist).
    fn valid() -> Value {
        json!({"Content": "ZWNobw==", "InstanceIds": ["ins-12345678"]})
    }

    fn creds() -> Credentials {
        Credentials::new("AKIDexample", SECRET)
    }

    fn fields(e: &BuildError) -> Vec<(&str, &str)> {
        e.errors
            .iter()
            .map(|f| (f.field.as_str(), f.code))
            .collect()
    }

    #[test]
    fn builds_headers_in_stable_order() {
        let p = json!({"InstanceIds": ["ins-12345678"], "Content": "ZWNobw=="});
        let mut input = RequestInput::new("RunCommand", &p, 1_700_000_000);
        input.region = Some("ap-guangzhou");
        input.language = Some("zh-CN");
        let r = build_request(&input, &creds().with_token("tok")).unwrap();
        let names: Vec<&str> = r.headers.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "Authorization",
                "Content-Type",
                "Host",
                "X-TC-Action",
                "X-TC-Version",
                "X-TC-Timestamp",
                "X-TC-Region",
                "X-TC-Token",
                "X-TC-Language"
            ]
        );
        assert_eq!(r.url, "https://tat.tencentcloudapi.com/");
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.body,
            r#"{"Content":"ZWNobw==","InstanceIds":["ins-12345678"]}"#
        );
        assert_eq!(r.header("x-tc-timestamp"), Some("1700000000"));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }

    #[test]
    fn optional_headers_are_omitted_when_absent_or_empty() {
        let p = valid();
        let mut input = RequestInput::new("RunCommand", &p, 0);
        input.region = Some("");
        input.language = Some("");
        input.host = Some("");
        let r = build_request(&input, &creds().with_token("")).unwrap();
        assert_eq!(r.headers.len(), 6);
        assert_eq!(r.header("Host"), Some(DEFAULT_HOST));
    }

    #[test]
    fn host_is_lower_cased_and_may_carry_a_port() {
        let p = valid();
        let mut input = RequestInput::new("RunCommand", &p, 0);
        input.host = Some("TAT.Example.COM:8443");
        let r = build_request(&input, &creds()).unwrap();
        assert_eq!(r.url, "https://tat.example.com:8443/");
        assert_eq!(r.header("Host"), Some("tat.example.com:8443"));
    }

    #[test]
    fn every_bad_input_is_reported_at_once_without_values() {
        let p = valid();
        let mut input = RequestInput::new("RunCommand", &p, -1);
        input.region = Some("ap-广州");
        input.host = Some("https://evil/");
        input.language = Some("fr-FR");
        let token = "tok\r\nX-Injected: 1";
        let c = Credentials::new("AKID\nx", "").with_token(token);
        let e = build_request(&input, &c).unwrap_err();
        assert_eq!(
            fields(&e),
            [
                ("SecretId", codes::INVALID_PARAMETER_VALUE),
                ("SecretKey", codes::MISSING_PARAMETER),
                ("Token", codes::INVALID_PARAMETER_VALUE),
                ("Region", codes::INVALID_PARAMETER_VALUE),
                ("Host", codes::INVALID_PARAMETER_VALUE),
                ("Language", codes::INVALID_PARAMETER_VALUE),
                ("Timestamp", codes::INVALID_PARAMETER_VALUE_RANGE),
            ]
        );
        assert_eq!(e.code, codes::INVALID_PARAMETER_VALUE);
        let all = format!("{e} {e:?}");
        assert!(!all.contains("X-Injected"));
        assert!(!all.contains("广州"));
        assert!(all.contains("(and 6 more)"));
    }

    #[test]
    fn an_unusual_region_is_sent_as_given_with_a_warning() {
        let p = valid();
        let long = "a".repeat(65);
        let long_odd = format!("{long}_");
        // Each region, and the position each warning names (`None`: the length's warning).
        for (region, positions) in [
            ("AP_Guangzhou", vec![Some(1)]),
            ("ap guangzhou", vec![Some(3)]),
            ("ap-guangzhou-~", vec![Some(14)]),
            (long.as_str(), vec![None]),
            (long_odd.as_str(), vec![Some(66), None]),
        ] {
            let mut input = RequestInput::new("RunCommand", &p, 0);
            input.region = Some(region);
            let r = build_request(&input, &creds()).unwrap();
            assert_eq!(r.header("X-TC-Region"), Some(region));
            let found: Vec<_> = r
                .warnings
                .iter()
                .map(|w| (w.field.as_str(), w.code))
                .collect();
            assert_eq!(
                found,
                vec![("Region", codes::INVALID_PARAMETER_VALUE); positions.len()],
                "{region}"
            );
            for (w, pos) in r.warnings.iter().zip(&positions) {
                match pos {
                    Some(pos) => assert!(
                        w.message.contains(&format!("character {pos} ")),
                        "{region}: {}",
                        w.message
                    ),
                    None => assert!(w.message.contains("longer than 64"), "{}", w.message),
                }
                assert!(!w.message.contains(region), "{region} echoed");
            }
        }
        // The usual form, and 64 characters, warn about nothing.
        let longest = "a".repeat(64);
        for region in ["ap-guangzhou", "na-siliconvalley", longest.as_str()] {
            let mut input = RequestInput::new("RunCommand", &p, 0);
            input.region = Some(region);
            assert_eq!(build_request(&input, &creds()).unwrap().warnings, []);
        }
    }

    #[test]
    fn a_region_a_header_cannot_carry_is_refused_in_both_modes() {
        let p = valid();
        for (region, pos) in [
            ("ap\r\nx", Some(3)),
            ("ap-广州", Some(4)),
            ("ap\tgz", Some(3)),
            ("ap\u{7f}", Some(3)),
            (" ap-guangzhou", None),
            ("ap-guangzhou ", None),
            (" ", None),
        ] {
            for validation in [Validation::Error, Validation::Warn] {
                let mut input = RequestInput::new("RunCommand", &p, 0);
                input.region = Some(region);
                input.validation = validation;
                let e = build_request(&input, &creds()).unwrap_err();
                assert_eq!(
                    fields(&e),
                    [("Region", codes::INVALID_PARAMETER_VALUE)],
                    "{region:?}"
                );
                let m = &e.errors[0].message;
                match pos {
                    Some(pos) => assert!(m.contains(&format!("character {pos} ")), "{m}"),
                    None => assert!(m.contains("leading or trailing spaces"), "{m}"),
                }
                // Refused, so not warned about as well.
                assert_eq!(e.warnings, [], "{region:?}");
            }
        }
        // Messages in zh-CN too.
        let mut input = RequestInput::new("RunCommand", &p, 0);
        input.region = Some("ap-广州");
        input.options.language = Language::ZhCn;
        let e = build_request(&input, &creds()).unwrap_err();
        assert_eq!(
            e.errors[0].message,
            "Region 只能包含可打印 ASCII 字符；第 4 个字符不合法。"
        );
        input.region = Some("AP");
        let r = build_request(&input, &creds()).unwrap();
        assert_eq!(
            r.warnings[0].message,
            "Region 不符合常见形式（小写字母、数字和 `-`，如 ap-guangzhou）：第 1 个字符不是。"
        );
    }

    #[test]
    fn secret_key_never_appears_in_errors_or_debug() {
        let p = valid();
        let input = RequestInput::new("RunCommand", &p, i64::MAX);
        let c = Credentials::new("", format!(" {SECRET}"));
        let e = build_request(&input, &c).unwrap_err();
        assert_eq!(
            fields(&e),
            [
                ("SecretId", codes::MISSING_PARAMETER),
                ("SecretKey", codes::INVALID_PARAMETER_VALUE),
                ("Timestamp", codes::INVALID_PARAMETER_VALUE_RANGE)
            ]
        );
        let all = format!("{e} {e:?} {c:?} {input:?}");
        assert!(!all.contains(SECRET));
        // A built request does not contain it either, and its Debug hides the token.
        let r = build_request(
            &RequestInput::new("RunCommand", &p, 5),
            &creds().with_token("tok-secret"),
        )
        .unwrap();
        let dbg = format!("{r:?}");
        assert!(!dbg.contains(SECRET) && !dbg.contains("tok-secret"));
        assert!(!r.headers.iter().any(|(_, v)| v.contains(SECRET)));
    }

    #[test]
    fn messages_follow_the_language() {
        let p = valid();
        let mut input = RequestInput::new("RunCommand", &p, 0);
        input.options.language = Language::ZhCn;
        let e = build_request(&input, &Credentials::new("", "k")).unwrap_err();
        assert_eq!(e.errors[0].message, "缺少 SecretId。");
        assert_eq!(e.message, "SecretId: 缺少 SecretId。");
    }

    #[test]
    fn parameter_errors_come_first_and_decide_the_code() {
        let p = json!([1, 2]);
        let input = RequestInput::new("NoSuchAction", &p, 0);
        let e = build_request(&input, &Credentials::new("", "k")).unwrap_err();
        assert_eq!(e.code, codes::INVALID_ACTION);
        assert_eq!(e.errors[0].field, "Action");
        assert_eq!(e.errors.last().map(|f| f.field.as_str()), Some("SecretId"));
        // The rules reported the action already: no second Action error from the input checks.
        assert_eq!(e.errors.iter().filter(|f| f.field == "Action").count(), 1);
    }

    #[test]
    fn signer_reuse_gives_the_same_request() {
        let p = valid();
        let input = RequestInput::new("RunCommand", &p, 1_700_000_000);
        let mut s = Signer::new(creds());
        let a = build_request_with(&mut s, &input).unwrap();
        let b = build_request_with(&mut s, &input).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, build_request(&input, &creds()).unwrap());
    }

    #[test]
    fn action_header_option_changes_signed_headers() {
        let p = valid();
        let mut input = RequestInput::new("RunCommand", &p, 1);
        input.sign.sign_action_header = true;
        let r = build_request(&input, &creds()).unwrap();
        assert!(r
            .header("Authorization")
            .unwrap()
            .contains("SignedHeaders=content-type;host;x-tc-action,"));
    }
}
