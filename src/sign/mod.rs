//! TC3-HMAC-SHA256 signing (Tencent Cloud API 3.0, "signature v3").
//!
//! The steps of the document, each available on its own so that every intermediate value can
//! be compared with the official SDKs:
//!
//! 1. [`canonical_request`]: method, path, query, signed headers, SHA-256 of the payload;
//! 2. [`string_to_sign`]: algorithm, timestamp, `date/service/tc3_request`, hash of step 1;
//! 3. [`signing_key`]: `HMAC("TC3" + SecretKey, date)`, then the service, then `tc3_request`;
//! 4. [`authorization`]: the `Authorization` header.
//!
//! [`Signer`] runs all four for many requests, writing the canonical request and the string to
//! sign into one buffer each (hashed in one call) and keeping the last date's signing key
//! prepared for HMAC, so a batch signs with one key derivation per UTC day. [`verify`] checks a received `Authorization` header in
//! constant time, for relays and sandboxes that hold the secret.
//!
//! By default the signature covers `content-type;host`, like the official SDKs, so signatures
//! are byte-identical to theirs; [`SignOptions::sign_action_header`] adds `x-tc-action`.
//! The date is always the UTC date of the timestamp. The caller passes the timestamp: there is
//! no clock here.

mod canonical;
mod date;
mod hex;
mod key;
mod verify;

pub(crate) use canonical::decimal;
pub use date::MAX_TIMESTAMP;
#[cfg(all(target_arch = "wasm32", feature = "signer"))]
pub(crate) use hex::decode_digest;
pub use key::{Credentials, SigningKey};
pub use verify::{verify, VerifyError};

use canonical::{sha256_hex, write_canonical, write_signed_headers, write_string_to_sign};
use core::fmt;
use hex::Hex64;
use key::Mac256;

/// The algorithm name, first in the string to sign and in `Authorization`.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The service name of TAT in the credential scope.
pub const SERVICE: &str = "tat";

const DEFAULT_HEADERS: &[&str] = &["content-type", "host"];
const WITH_ACTION: &[&str] = &["content-type", "host", "x-tc-action"];

/// Which headers the signature covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignOptions {
    /// Also sign `x-tc-action` (value lower-cased, as the document shows), so that a signed
    /// request cannot be replayed as another action. Off by default: the official SDKs sign
    /// `content-type;host` only.
    pub sign_action_header: bool,
}

impl SignOptions {
    /// The signed header names, lower-case and sorted, as they appear in `SignedHeaders`.
    pub fn signed_headers(&self) -> &'static [&'static str] {
        if self.sign_action_header {
            WITH_ACTION
        } else {
            DEFAULT_HEADERS
        }
    }
}

/// A view of the HTTP request to sign or verify.
#[derive(Debug, Clone, Copy)]
pub struct HttpRequest<'a> {
    /// `POST` or `GET`, upper-case, exactly as sent.
    pub method: &'a str,
    /// The URL path; `/` for every API 3.0 action (an empty path counts as `/`).
    pub path: &'a str,
    /// The query string without `?`, exactly as sent (empty for POST). TC3 neither sorts nor
    /// re-encodes it, so it must be the very bytes of the URL.
    pub query: &'a str,
    /// Request headers; the signed ones are looked up by name, ignoring ASCII case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body, exactly as sent (empty for GET).
    pub body: &'a [u8],
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// A header to sign is not in the request (its lower-case name).
    MissingHeader(String),
    /// A header to sign appears more than once.
    DuplicateHeader(String),
    /// A signed header name is empty or holds characters that break `SignedHeaders`.
    InvalidHeaderName,
    /// The timestamp is past 9999-12-31 ([`MAX_TIMESTAMP`]).
    TimestampOutOfRange,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::MissingHeader(n) => write!(f, "header `{n}` must be signed but is missing"),
            SignError::DuplicateHeader(n) => write!(f, "header `{n}` appears more than once"),
            SignError::InvalidHeaderName => f.write_str("invalid signed header name"),
            SignError::TimestampOutOfRange => f.write_str("timestamp is past year 9999"),
        }
    }
}

impl std::error::Error for SignError {}

/// `YYYY-MM-DD`, the UTC date of `timestamp` (never local time).
pub fn utc_date(timestamp: u64) -> Result<String, SignError> {
    let d = date::utc_date(timestamp).ok_or(SignError::TimestampOutOfRange)?;
    Ok(String::from_utf8_lossy(&d).into_owned())
}

/// Step 1: the canonical request of `req`, signing the headers named in `signed_headers`
/// (any case, any order: they are lower-cased and sorted as the document requires).
pub fn canonical_request(
    req: &HttpRequest<'_>,
    signed_headers: &[&str],
) -> Result<String, SignError> {
    let mut names: Vec<String> = Vec::with_capacity(signed_headers.len());
    for n in signed_headers {
        let n = n.trim();
        if n.is_empty()
            || !n
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b':')
        {
            return Err(SignError::InvalidHeaderName);
        }
        names.push(n.to_ascii_lowercase());
    }
    names.sort_unstable();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(SignError::DuplicateHeader(w[0].clone()));
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut out = Vec::with_capacity(256);
    write_canonical(&mut out, req, &refs, &sha256_hex(req.body))?;
    Ok(into_string(out))
}

/// Step 2: the string to sign for a canonical request sent at `timestamp`.
pub fn string_to_sign(
    timestamp: u64,
    service: &str,
    canonical_request: &str,
) -> Result<String, SignError> {
    let date = date::utc_date(timestamp).ok_or(SignError::TimestampOutOfRange)?;
    let mut out = Vec::with_capacity(128);
    write_string_to_sign(
        &mut out,
        timestamp,
        &date,
        service,
        &sha256_hex(canonical_request.as_bytes()),
    );
    Ok(into_string(out))
}

/// Step 3: the signing key of the credentials' SecretKey for one UTC `date` and `service`.
pub fn signing_key(credentials: &Credentials, date: &str, service: &str) -> SigningKey {
    SigningKey::derive(credentials.secret_key(), date, service)
}

/// Step 4: the `Authorization` header value.
pub fn authorization(
    secret_id: &str,
    date: &str,
    service: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    let mut s = String::with_capacity(
        ALGORITHM.len()
            + secret_id.len()
            + service.len()
            + signed_headers.len()
            + signature.len()
            + 64,
    );
    for part in [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        date,
        "/",
        service,
        "/tc3_request, SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ] {
        s.push_str(part);
    }
    s
}

fn into_string(bytes: Vec<u8>) -> String {
    // Every piece written came from a `&str`, and ASCII lower-casing keeps UTF-8 valid, so the
    // lossy branch is never taken; it only avoids a panic path.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The signing key of one UTC date, kept between requests prepared for HMAC (which saves the
/// two key blocks of every signature: a quarter of the hashing of a request); wiped on drop.
/// Beside it (in Node's module and natively, not in the browser's: see
/// [`canonical::sha256_hex_from`]), the first block of the last canonical request and
/// SHA-256's state after it:
/// that block (method, path, query and the first signed headers: `content-type` and most of
/// `host`) is the same for every request to one endpoint, so it is hashed once rather than
/// once a request (one of the six blocks a request hashes; see [`canonical::sha256_hex_from`]).
pub(crate) struct CachedKey {
    date: [u8; 10],
    key: Mac256,
    #[cfg(not(sha2_backend_soft = "compact"))]
    head: Option<canonical::Head>,
}

/// Signs many requests with one set of credentials, deriving the signing key once per UTC date.
///
/// ```
/// use tat_request::sign::{Credentials, HttpRequest, SignOptions, Signer};
/// let mut signer = Signer::new(Credentials::new("AKIDexample", "secret"));
/// let headers = [("Content-Type", "application/json"), ("Host", "tat.tencentcloudapi.com")];
/// let req = HttpRequest { method: "POST", path: "/", query: "", headers: &headers, body: b"{}" };
/// let auth = signer.sign(&req, 1_700_000_000, SignOptions::default()).unwrap();
/// assert!(auth.starts_with("TC3-HMAC-SHA256 Credential=AKIDexample/2023-11-14/tat/tc3_request, "));
/// ```
pub struct Signer {
    credentials: Credentials,
    service: &'static str,
    cache: Option<CachedKey>,
}

impl Signer {
    /// A signer for TAT (service `tat`).
    pub fn new(credentials: Credentials) -> Signer {
        Signer::for_service(credentials, SERVICE)
    }

    /// A signer for another API 3.0 service (the host's first label: `cvm`, `tat`...).
    pub fn for_service(credentials: Credentials, service: &'static str) -> Signer {
        Signer {
            credentials,
            service,
            cache: None,
        }
    }

    /// The credentials this signer holds.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The service in the credential scope.
    pub fn service(&self) -> &'static str {
        self.service
    }

    pub(crate) fn parts(&mut self) -> (&Credentials, &'static str, &mut Option<CachedKey>) {
        (&self.credentials, self.service, &mut self.cache)
    }

    /// The `Authorization` header for `req` sent at `timestamp` (Unix seconds).
    pub fn sign(
        &mut self,
        req: &HttpRequest<'_>,
        timestamp: u64,
        options: SignOptions,
    ) -> Result<String, SignError> {
        sign_with(
            &self.credentials,
            self.service,
            &mut self.cache,
            req,
            None,
            timestamp,
            options.signed_headers(),
        )
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("credentials", &self.credentials)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

/// The raw signature bytes (hex) of `req`; shared by [`Signer`], request building and verify.
pub(crate) fn signature_with(
    credentials: &Credentials,
    service: &str,
    cache: &mut Option<CachedKey>,
    req: &HttpRequest<'_>,
    body_sha256: Option<&[u8; 32]>,
    timestamp: u64,
    names: &[&str],
) -> Result<([u8; 10], Hex64), SignError> {
    let date = date::utc_date(timestamp).ok_or(SignError::TimestampOutOfRange)?;

    let payload_hash = match body_sha256 {
        Some(d) => Hex64::encode(d),
        None => sha256_hex(req.body),
    };
    let mut text = Vec::with_capacity(256);
    write_canonical(&mut text, req, names, &payload_hash)?;

    // The browser's module hashes the whole canonical request (see [`CachedKey`]); written as
    // it was before the head was kept, so that its module is byte for byte what it was.
    #[cfg(sha2_backend_soft = "compact")]
    let canonical_hash = sha256_hex(&text);
    #[cfg(sha2_backend_soft = "compact")]
    let key = match cache {
        Some(c) if c.date == date => &c.key,
        slot => {
            let date_str = core::str::from_utf8(&date).unwrap_or("");
            let key = SigningKey::derive(credentials.secret_key(), date_str, service).keyed();
            &slot.insert(CachedKey { date, key }).key
        }
    };
    #[cfg(not(sha2_backend_soft = "compact"))]
    let (canonical_hash, key) = {
        let cached = match cache {
            Some(c) if c.date == date => c,
            slot => {
                let date_str = core::str::from_utf8(&date).unwrap_or("");
                let key = SigningKey::derive(credentials.secret_key(), date_str, service).keyed();
                slot.insert(CachedKey {
                    date,
                    key,
                    head: None,
                })
            }
        };
        let canonical_hash = canonical::sha256_hex_from(&mut cached.head, &text);
        (canonical_hash, &cached.key)
    };
    text.clear();
    write_string_to_sign(&mut text, timestamp, &date, service, &canonical_hash);
    Ok((date, Hex64::encode(&key::tag(key.clone(), &text))))
}

/// The `Authorization` header of `req`. `body_sha256`, when given, is the digest of
/// `req.body` computed by the caller (trusted: see [`crate::body::JsonBody::with_sha256`]).
pub(crate) fn sign_with(
    credentials: &Credentials,
    service: &str,
    cache: &mut Option<CachedKey>,
    req: &HttpRequest<'_>,
    body_sha256: Option<&[u8; 32]>,
    timestamp: u64,
    names: &[&str],
) -> Result<String, SignError> {
    let (date, signature) = signature_with(
        credentials,
        service,
        cache,
        req,
        body_sha256,
        timestamp,
        names,
    )?;
    // The two standard sets are joined at compile time; only a custom set allocates.
    let joined;
    let signed = if names == DEFAULT_HEADERS {
        "content-type;host"
    } else if names == WITH_ACTION {
        "content-type;host;x-tc-action"
    } else {
        let mut v = Vec::with_capacity(32);
        write_signed_headers(&mut v, names);
        joined = into_string(v);
        joined.as_str()
    };
    Ok(authorization(
        credentials.secret_id(),
        core::str::from_utf8(&date).unwrap_or(""),
        service,
        signed,
        signature.as_str(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "tat.tencentcloudapi.com";

    fn headers() -> [(&'static str, &'static str); 3] {
        [
            ("Content-Type", "application/json"),
            ("Host", HOST),
            ("X-TC-Action", "RunCommand"),
        ]
    }

    fn post<'a>(h: &'a [(&'a str, &'a str)], body: &'a [u8]) -> HttpRequest<'a> {
        HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: h,
            body,
        }
    }

    /// The four public steps, composed by hand.
    fn by_steps(c: &Credentials, req: &HttpRequest<'_>, ts: u64, names: &[&str]) -> String {
        let cr = canonical_request(req, names).unwrap();
        let sts = string_to_sign(ts, SERVICE, &cr).unwrap();
        let date = utc_date(ts).unwrap();
        let sig = signing_key(c, &date, SERVICE).sign(&sts);
        authorization(c.secret_id(), &date, SERVICE, &names.join(";"), &sig)
    }

    #[test]
    fn signer_equals_the_four_steps_for_both_header_sets() {
        let c = Credentials::new("AKIDtest", "secret+/=");
        let h = headers();
        let r = post(&h, br#"{"a":"b"}"#);
        let mut s = Signer::new(c.clone());
        for opt in [false, true] {
            let o = SignOptions {
                sign_action_header: opt,
            };
            assert_eq!(
                s.sign(&r, 1_700_000_000, o).unwrap(),
                by_steps(&c, &r, 1_700_000_000, o.signed_headers())
            );
        }
    }

    #[test]
    fn one_signer_for_requests_whose_canonical_first_block_differs_or_not() {
        // The signer keeps the first block of the last canonical request hashed: hosts that
        // share it, hosts that do not, short texts, in turns, each signed as a fresh signer
        // and the four steps sign it.
        let c = Credentials::new("AKIDtest", "k");
        let mut s = Signer::new(c.clone());
        let hosts = [
            "tat.tencentcloudapi.com",
            "tat.tencentcloudapi.com.cn",
            "tat.ap-guangzhou.tencentcloudapi.com",
            "t",
            "tat.tencentcloudapi.cn",
        ];
        for round in 0..3 {
            for (i, host) in hosts.iter().enumerate() {
                let h = [("Content-Type", "application/json"), ("Host", *host)];
                let body = format!(r#"{{"round":{round},"i":{i}}}"#);
                let r = post(&h, body.as_bytes());
                let o = SignOptions::default();
                let want = by_steps(&c, &r, 1_700_000_000, o.signed_headers());
                assert_eq!(s.sign(&r, 1_700_000_000, o).unwrap(), want, "{host}");
                let fresh = Signer::new(c.clone()).sign(&r, 1_700_000_000, o).unwrap();
                assert_eq!(fresh, want, "{host}");
            }
        }
    }

    #[test]
    fn cached_key_is_replaced_when_the_utc_date_changes() {
        let c = Credentials::new("AKIDtest", "k");
        let h = headers();
        let r = post(&h, b"{}");
        let mut s = Signer::new(c.clone());
        // 2023-11-14T23:59:59Z and the next second, 2023-11-15T00:00:00Z.
        let before = 1_700_006_399;
        let after = before + 1;
        let o = SignOptions::default();
        let a1 = s.sign(&r, before, o).unwrap();
        let a2 = s.sign(&r, after, o).unwrap();
        let a3 = s.sign(&r, before, o).unwrap();
        assert!(a1.contains("/2023-11-14/tat/"));
        assert!(a2.contains("/2023-11-15/tat/"));
        assert_eq!(a1, a3);
        assert_eq!(a2, by_steps(&c, &r, after, o.signed_headers()));
        assert_eq!(a1, by_steps(&c, &r, before, o.signed_headers()));
    }

    #[test]
    fn canonical_request_normalises_header_names() {
        let h = headers();
        let r = post(&h, b"");
        let a = canonical_request(&r, &["Host", " CONTENT-TYPE "]).unwrap();
        let b = canonical_request(&r, &["content-type", "host"]).unwrap();
        assert_eq!(a, b);
        assert_eq!(
            canonical_request(&r, &["host", "Host"]),
            Err(SignError::DuplicateHeader("host".into()))
        );
        assert_eq!(
            canonical_request(&r, &["a;b"]),
            Err(SignError::InvalidHeaderName)
        );
        assert_eq!(
            canonical_request(&r, &[""]),
            Err(SignError::InvalidHeaderName)
        );
    }

    #[test]
    fn timestamps_past_9999_are_refused() {
        let h = headers();
        let r = post(&h, b"");
        let mut s = Signer::new(Credentials::new("id", "k"));
        assert_eq!(
            s.sign(&r, MAX_TIMESTAMP + 1, SignOptions::default()),
            Err(SignError::TimestampOutOfRange)
        );
        assert!(s
            .sign(&r, MAX_TIMESTAMP, SignOptions::default())
            .unwrap()
            .contains("/9999-12-31/"));
        assert_eq!(
            string_to_sign(u64::MAX, "tat", ""),
            Err(SignError::TimestampOutOfRange)
        );
    }

    #[test]
    fn signer_debug_hides_the_secret() {
        let s = Signer::new(Credentials::new("AKIDvisible", "hidden-secret"));
        let d = format!("{s:?}");
        assert!(d.contains("AKIDvisible"));
        assert!(!d.contains("hidden-secret"));
    }

    #[test]
    fn string_to_sign_layout() {
        let sts = string_to_sign(1_551_113_065, "cvm", "x").unwrap();
        let mut lines = sts.split('\n');
        assert_eq!(lines.next(), Some("TC3-HMAC-SHA256"));
        assert_eq!(lines.next(), Some("1551113065"));
        assert_eq!(lines.next(), Some("2019-02-25/cvm/tc3_request"));
        assert_eq!(
            lines.next(),
            Some("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
        );
        assert_eq!(lines.next(), None);
    }
}
