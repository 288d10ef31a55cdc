//! Credentials and the derived signing key, both redacted in `Debug` and wiped on drop.

use core::fmt;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// SHA-256's block size: HMAC keys up to this length are zero-padded, longer ones hashed.
const BLOCK: usize = 64;

/// An HMAC-SHA256 instance keyed with `prefix || key`, built without concatenating the two
/// into a heap buffer (which would be one more copy of the secret to wipe).
pub(crate) fn mac_with_key(prefix: &[u8], key: &[u8]) -> HmacSha256 {
    // RFC 2104: a key longer than the block is replaced by its hash; a shorter key is padded
    // with zeros to the block. Doing both here lets us use the infallible fixed-size
    // constructor instead of `new_from_slice`'s `Result`.
    let mut block = [0u8; BLOCK];
    let len = prefix.len() + key.len();
    if len <= BLOCK {
        let (p, rest) = block.split_at_mut(prefix.len());
        p.copy_from_slice(prefix);
        if let Some(k) = rest.get_mut(..key.len()) {
            k.copy_from_slice(key);
        }
    } else {
        let mut h = Sha256::new();
        h.update(prefix);
        h.update(key);
        let digest: [u8; 32] = h.finalize().into();
        let (d, _) = block.split_at_mut(32);
        d.copy_from_slice(&digest);
    }
    let mut ga = hmac::digest::generic_array::GenericArray::from(block);
    let mac = <HmacSha256 as KeyInit>::new(&ga);
    block.zeroize();
    ga.as_mut_slice().zeroize();
    mac
}

/// HMAC-SHA256 of `msg` under `key`, as raw bytes.
fn hmac(prefix: &[u8], key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut m = mac_with_key(prefix, key);
    m.update(msg);
    m.finalize().into_bytes().into()
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

    /// Whether `other` holds the same SecretId, SecretKey and token. The keys are compared in
    /// constant time (their lengths are not hidden).
    pub fn same_as(&self, other: &Credentials) -> bool {
        use subtle::ConstantTimeEq;
        self.secret_id == other.secret_id
            && self.token == other.token
            && bool::from(
                self.secret_key
                    .as_bytes()
                    .ct_eq(other.secret_key.as_bytes()),
            )
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
        let mut m = self.mac();
        m.update(string_to_sign.as_bytes());
        let tag: [u8; 32] = m.finalize().into_bytes().into();
        super::hex::Hex64::encode(&tag).as_str().to_owned()
    }

    pub(crate) fn mac(&self) -> HmacSha256 {
        mac_with_key(&[], &self.0)
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

    /// The plain RustCrypto way, as a reference for the padded-block shortcut.
    fn reference_hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
        let mut m = <HmacSha256 as Mac>::new_from_slice(key).expect("any length");
        m.update(msg);
        m.finalize().into_bytes().into()
    }

    #[test]
    fn padded_key_matches_reference_for_all_lengths() {
        for len in 0..200usize {
            let key: Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
            let mut prefixed = b"TC3".to_vec();
            prefixed.extend_from_slice(&key);
            assert_eq!(
                hmac(b"TC3", &key, b"message"),
                reference_hmac(&prefixed, b"message"),
                "key length {len}"
            );
        }
    }

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
