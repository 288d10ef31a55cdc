//! Response parsing: a response text into its data, or a typed error with the service's code,
//! message, `RequestId` and retry advice.
//!
//! The API 3.0 shapes: `{"Response": {..., "RequestId": "..."}}` on success and
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}` on failure.

use crate::errors::describe_error;
use crate::Language;
use serde_json::Value;

/// The code given to a text that is not an API 3.0 response (an HTML error page from a proxy,
/// a cut-off body). Not a service code: the service never sends it.
pub const INVALID_RESPONSE: &str = "InvalidResponse";

/// A successful response.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Success {
    /// The `Response` object, `RequestId` included.
    pub data: Value,
    /// `Response.RequestId`.
    pub request_id: String,
}

/// A failed response, or a text that is not a response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// `Response.Error.Code`, or [`INVALID_RESPONSE`].
    pub code: String,
    /// `Response.Error.Message` as the service wrote it (or why the text is not a response).
    pub message: String,
    /// `Response.RequestId`, when there is one: quote it to support.
    pub request_id: Option<String>,
    /// Whether sending the same request again can succeed (from the error catalogue).
    pub retryable: bool,
}

impl std::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// Parses a response text.
pub fn parse(text: &str, lang: Language) -> Result<Success, ServiceError> {
    let invalid = |why_en: &str, why_zh: &str| ServiceError {
        code: INVALID_RESPONSE.to_owned(),
        message: lang.pick(why_en, why_zh).to_owned(),
        request_id: None,
        retryable: false,
    };
    // The same strict reader as request bodies: an answer naming a key twice is ambiguous
    // (which `Code` did the service mean?), so it is no answer.
    let Ok(Value::Object(value)) = crate::json::parse(text) else {
        return Err(invalid(
            "The answer is not JSON (or names a key twice), so not an API response.",
            zh!("应答不是 JSON（或有重复的键），不是 API 应答。"),
        ));
    };
    // Cloned rather than moved out: `remove` links the B-tree's removal code (4 KB of wasm)
    // and an iterator search measured larger than the clone of one small answer.
    let Some(Value::Object(response)) = value.get("Response") else {
        return Err(invalid(
            "The answer has no Response object.",
            zh!("应答中没有 Response 对象。"),
        ));
    };
    let request_id = response
        .get("RequestId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(error) = response.get("Error") {
        let code = error
            .get("Code")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let message = error
            .get("Message")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let d = describe_error(&code, lang);
        return Err(ServiceError {
            // An error without a message gets the catalogue's.
            message: if message.is_empty() {
                d.message.to_owned()
            } else {
                message
            },
            retryable: d.retryable,
            code,
            request_id,
        });
    }
    let Some(request_id) = request_id else {
        return Err(invalid(
            "The Response object has no RequestId.",
            zh!("Response 对象中没有 RequestId。"),
        ));
    };
    Ok(Success {
        data: Value::Object(response.clone()),
        request_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_and_error_shapes() {
        let ok = parse(r#"{"Response":{"CommandId":"cmd-5oa8jajm","InvocationId":"inv-mp6m9vmu","RequestId":"f3e3"}}"#, Language::EnUs).unwrap();
        assert_eq!(ok.request_id, "f3e3");
        assert_eq!(ok.data["InvocationId"], "inv-mp6m9vmu");
        let e = parse(r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r1"}}"#, Language::EnUs).unwrap_err();
        assert_eq!(
            (
                e.code.as_str(),
                e.message.as_str(),
                e.request_id.as_deref(),
                e.retryable
            ),
            ("RequestLimitExceeded", "slow down", Some("r1"), true)
        );
        assert_eq!(
            e.to_string(),
            "RequestLimitExceeded: slow down (RequestId r1)"
        );
        let e = parse(
            r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure"},"RequestId":"r2"}}"#,
            Language::ZhCn,
        )
        .unwrap_err();
        assert_eq!(e.message, "签名错误：请检查 SecretKey 与签名步骤。");
        assert!(!e.retryable);
    }

    #[test]
    fn what_is_not_a_response() {
        for text in [
            "<html>502</html>",
            "{}",
            r#"{"Response":[]}"#,
            r#"{"Response":{}}"#,
            "",
        ] {
            assert_eq!(
                parse(text, Language::EnUs).unwrap_err().code,
                INVALID_RESPONSE,
                "{text}"
            );
        }
    }
}
