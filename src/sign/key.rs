//! Credentials and the derived signing key, both redacted in `Debug` and wiped on drop.
//!
//! HMAC-SHA256 is RustCrypto's `hmac` over `sha2`, with their `zeroize` feature: a keyed
//! [`Mac`] wipes its hash states when dropped, so the day's key is kept keyed between
//! requests ([`SigningKey::keyed`]) and cloned for each signature.

use core::fmt;
use hmac::{KeyInit, Mac};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// HMAC-SHA256, keyed: wiped on drop (`zeroize` feature of `hmac` and `sha2`).
pub(crate) type Mac256 = hmac::Hmac<sha2::Sha256>;

/// `key` prepared for HMAC-SHA256 (its two pad blocks hashed).
fn keyed(key: &[u8]) -> Mac256 {
    // HMAC takes a key of any length: `new_from_slice` never fails for it.
    <Mac256 as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
}

/// The HMAC of `msg` under a keyed `mac`, which is consumed (and wiped).
pub(crate) fn tag(mut mac: Mac256, msg: &[u8]) -> [u8; 32] {
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA256 of `msg` under `prefix || key`. The concatenated key is wiped after use.
fn hmac(prefix: &[u8], key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut joined = Zeroizing::new(Vec::with_capacity(prefix.len() + key.len()));
    joined.extend_from_slice(prefix);
    joined.extend_from_slice(key);
    tag(keyed(&joined), msg)
}

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
        let tag = tag(self.keyed(), string_to_sign.as_bytes());
        super::hex::Hex64::encode(&tag).as_str().to_owned()
    }

    /// The key prepared for HMAC (its two pad blocks hashed), to keep between requests and
    /// clone for each signature: that saves two of the six blocks a signature hashes.
    pub(crate) fn keyed(&self) -> Mac256 {
        keyed(&self.0)
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

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// RFC 4231's HMAC-SHA256 test cases (case 5, a truncated tag, does not apply).
    #[test]
    fn rfc4231() {
        let aa = |n| vec![0xaau8; n];
        let cases: [(Vec<u8>, Vec<u8>, &str); 6] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                aa(20),
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                (1..=25).collect(),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                aa(131),
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                aa(131),
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, msg, expected) in cases {
            assert_eq!(hex(&hmac(b"", &key, &msg)), expected);
            // The key split between prefix and key is the same key.
            let (a, b) = key.split_at(key.len() / 2);
            assert_eq!(hex(&hmac(a, b, &msg)), expected);
        }
    }

    #[test]
    fn a_kept_key_signs_as_a_fresh_one_every_time() {
        let k = SigningKey::derive(b"secret", "2024-01-01", "tat");
        let kept = k.keyed();
        for msg in ["", "a", "TC3-HMAC-SHA256\n1700000000"] {
            assert_eq!(hex(&tag(kept.clone(), msg.as_bytes())), k.sign(msg));
        }
    }

    #[test]
    fn empty_token_is_none() {
        let c = Credentials::new("id", "key").with_token("");
        assert_eq!(c.token(), None);
        let c = c.with_token("t");
        assert_eq!(c.token(), Some("t"));
    }
}
