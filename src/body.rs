//! Request bodies given as JSON text, sent and signed exactly as given.
//!
//! [`crate::request`] builds the body by serialising a [`Value`] (keys sorted), or takes it
//! as text: a [`JsonBody`]. The text is parsed once; the rules validate the parsed value, and
//! the very same text is what the signature covers and what goes on the wire, so what was
//! validated is what the service reads. The JS binding uses this with `JSON.stringify(params)`,
//! which is also how the official Node SDK writes its body: the body keeps the caller's key
//! order and is byte-identical to the SDK's.
//!
//! Parsing is strict where `serde_json::Value` is lenient: a key given twice in one object is
//! refused, since the rules would see one value and the service might read the other.

use crate::json;
use serde_json::Value;

/// A JSON body: its exact text, the value it parses to and, optionally, the SHA-256 of the
/// text computed by the caller (a binding with a native hash), so that it is not hashed twice.
#[derive(Debug, Clone)]
pub struct JsonBody<'a> {
    text: &'a str,
    value: Value,
    sha256: Option<[u8; 32]>,
}

/// Why a text is not a usable body: serde_json's error (what is wrong, with the line and
/// column; never quotes more than a shortened key). See [`crate::json`].
pub use crate::json::Error as BodyError;

impl<'a> JsonBody<'a> {
    /// Parses `text`: any JSON value serde_json accepts (arrays and objects nested to 127
    /// levels), except objects with a repeated key.
    pub fn parse(text: &'a str) -> Result<JsonBody<'a>, BodyError> {
        Ok(JsonBody {
            text,
            value: json::parse(text)?,
            sha256: None,
        })
    }

    /// The body with the SHA-256 of its UTF-8 text, computed by the caller.
    ///
    /// The digest is trusted, not checked (checking would mean hashing again): a wrong one
    /// gives a signature the service refuses (`AuthFailure.SignatureFailure`), never a request
    /// it accepts with other content.
    pub fn with_sha256(mut self, digest: [u8; 32]) -> JsonBody<'a> {
        self.sha256 = Some(digest);
        self
    }

    /// The text, exactly as given.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The parsed value, what the rules validate.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The digest given with [`JsonBody::with_sha256`].
    pub fn sha256(&self) -> Option<&[u8; 32]> {
        self.sha256.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_what_serde_json_parses_and_keeps_the_text() {
        let text = r#"{"b":[1,-2,3.5,true,null,"x\u00e9"],"a":{"c":{}}}"#;
        let body = JsonBody::parse(text).unwrap();
        assert_eq!(body.text(), text);
        assert_eq!(body.value(), &serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(body.value()["b"][5], json!("xé"));
        assert_eq!(body.sha256(), None);
        assert_eq!(body.with_sha256([7; 32]).sha256(), Some(&[7; 32]));
    }

    #[test]
    fn refuses_repeated_keys_at_any_depth() {
        for text in [
            r#"{"Content":"a","Content":"b"}"#,
            r#"{"Tags":[{"Key":"k","Key":"j"}]}"#,
        ] {
            let e = JsonBody::parse(text).unwrap_err();
            assert!(e.to_string().contains("appears twice"), "{text}: {e}");
            assert_eq!(e.line(), 1);
        }
        // The same key in two different objects is fine.
        assert!(JsonBody::parse(r#"[{"k":1},{"k":2}]"#).is_ok());
    }

    #[test]
    fn refuses_what_is_not_one_json_value() {
        for text in [
            "",
            "{",
            "{} {}",
            r#"{"a":1,}"#,
            r#"["\ud800"]"#,
            "[1e400]",
            "NaN",
        ] {
            assert!(JsonBody::parse(text).is_err(), "{text:?}");
        }
        // A control character inside a string, unescaped: Node's fast path writes strings
        // without looking for these (pkg-template/node-body.mjs) and counts on this refusal
        // to write such a body again with JSON.stringify, which escapes them.
        for c in 0u8..0x20 {
            let text = format!(r#"{{"Description":"a{}b"}}"#, c as char);
            assert!(JsonBody::parse(&text).is_err(), "{c:#04x}");
            let text = format!(r#"["{}"]"#, c as char);
            assert!(JsonBody::parse(&text).is_err(), "{c:#04x}");
        }
        assert!(JsonBody::parse("[\"\u{7f}\u{2028}\"]").is_ok());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(JsonBody::parse(&deep).is_err());
        // Whitespace around the value is JSON.
        assert!(JsonBody::parse(" {} \n").is_ok());
    }
}
