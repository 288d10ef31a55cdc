//! Credentials and the derived signing key, both redacted in `Debug` and wiped on drop.

use super::sha256::{hmac, HmacKey};
use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// API credentials: a SecretId, its SecretKey and, for temporary credentials, a token.
///
/// `Debug` shows the SecretId only; the SecretKey and the token are wiped from memory when the
/// value is dropped. There is deliberately no accessor for the SecretKey.
#[derive(Clone)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
}

impl Credentials {
    /// Long-term credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Credentials {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// Adds the token of temporary (STS) credentials, sent as `X-TC-Token`. An empty token
    /// counts as none, as in the official Python SDK.
    pub fn with_token(mut self, token: impl Into<String>) -> Credentials {
        let token = token.into();
        if let Some(mut old) = self.token.take() {
            old.zeroize();
        }
        self.token = if token.is_empty() { None } else { Some(token) };
        self
    }

    /// The SecretId (not secret: it is sent in every `Authorization` header).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The token of temporary credentials, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Whether `other` holds the same SecretId, SecretKey and token. The SecretKey and the
    /// token, both secrets, are compared in constant time (their lengths are not hidden).
    pub fn same_as(&self, other: &Credentials) -> bool {
        use subtle::ConstantTimeEq;
        let secret = |a: &str, b: &str| bool::from(a.as_bytes().ct_eq(b.as_bytes()));
        self.secret_id == other.secret_id
            && secret(&self.secret_key, &other.secret_key)
            && match (&self.token, &other.token) {
                (Some(a), Some(b)) => secret(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }

    /// Whether the SecretKey is empty (the only question about it this crate answers).
    pub fn secret_key_is_empty(&self) -> bool {
        self.secret_key.is_empty()
    }

    /// Leading or trailing whitespace, which the official SDKs refuse as a copy-paste slip.
    pub(crate) fn secret_key_has_outer_whitespace(&self) -> bool {
        self.secret_key.trim() != self.secret_key
    }

    pub(crate) fn secret_key(&self) -> &[u8] {
        self.secret_key.as_bytes()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Wipes the SecretKey and the token (the SecretId is not secret and is kept). `Drop` calls
/// this, so a test can check what dropping does by calling it directly.
impl Zeroize for Credentials {
    fn zeroize(&mut self) {
        self.secret_key.zeroize();
        if let Some(mut t) = self.token.take() {
            t.zeroize();
        }
    }
}

impl Drop for Credentials {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for Credentials {}

/// The TC3 signing key of one (SecretKey, UTC date, service): `kSigning` of the document.
/// Redacted in `Debug`, wiped on drop.
#[derive(Clone)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    /// Derives `HMAC(HMAC(HMAC("TC3" + secret_key, date), service), "tc3_request")`.
    pub fn derive(secret_key: &[u8], date: &str, service: &str) -> SigningKey {
        let mut k_date = hmac(b"TC3", secret_key, date.as_bytes());
        let mut k_service = hmac(&[], &k_date, service.as_bytes());
        let k_signing = hmac(&[], &k_service, b"tc3_request");
        k_date.zeroize();
        k_service.zeroize();
        SigningKey(k_signing)
    }

    /// The hex signature of `string_to_sign`.
    pub fn sign(&self, string_to_sign: &str) -> String {
        let tag = hmac(&[], &self.0, string_to_sign.as_bytes());
        super::hex::Hex64::encode(&tag).as_str().to_owned()
    }

    /// The key prepared for HMAC (its two pad blocks hashed), to keep between requests.
    pub(crate) fn prepared(&self) -> HmacKey {
        HmacKey::new(&[], &self.0)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// Wipes the key bytes (all zero afterwards). `Drop` calls this.
impl Zeroize for SigningKey {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl ZeroizeOnDrop for SigningKey {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKIDexample", "very-secret-key").with_token("tok-secret");
        let d = format!("{c:?}");
        assert!(d.contains("AKIDexample"));
        assert!(!d.contains("very-secret-key"));
        assert!(!d.contains("tok-secret"));
        let k = SigningKey::derive(b"very-secret-key", "2024-01-01", "tat");
        assert_eq!(format!("{k:?}"), "SigningKey(<redacted>)");
    }

    #[test]
    fn empty_token_is_none() {
        let c = Credentials::new("id", "key").with_token("");
        assert_eq!(c.token(), None);
        let c = c.with_token("t");
        assert_eq!(c.token(), Some("t"));
    }
}
