//! Checking a received `Authorization` header, for relays and sandboxes that hold the secret.

use super::canonical::header_value;
use super::{date, signature_with, Credentials, HttpRequest, SignError, ALGORITHM};
use core::fmt;
use subtle::ConstantTimeEq;

/// Why [`verify`] refused a request. No variant carries key material.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// The header is not `TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`,
    /// or `SignedHeaders` is not lower-case, sorted and unique, or lacks `content-type;host`.
    Malformed,
    /// The SecretId in the credential is not the one of these credentials.
    UnknownSecretId,
    /// The credential scope's date is not the UTC date of `X-TC-Timestamp`, or its service is
    /// not the expected one.
    ScopeMismatch,
    /// `X-TC-Timestamp` is missing, not a decimal number, or past year 9999.
    BadTimestamp,
    /// A signed header is missing from the request or given twice.
    Header(SignError),
    /// The signature does not match.
    SignatureMismatch,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Malformed => f.write_str("malformed Authorization header"),
            VerifyError::UnknownSecretId => f.write_str("unknown SecretId"),
            VerifyError::ScopeMismatch => {
                f.write_str("credential scope does not match the timestamp or service")
            }
            VerifyError::BadTimestamp => f.write_str("missing or invalid X-TC-Timestamp"),
            VerifyError::Header(e) => write!(f, "{e}"),
            VerifyError::SignatureMismatch => f.write_str("signature does not match"),
        }
    }
}

impl std::error::Error for VerifyError {}

struct Parsed<'a> {
    secret_id: &'a str,
    date: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse(header: &str) -> Option<Parsed<'_>> {
    let rest = header.trim().strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let mut parts = rest.split(',').map(str::trim);
    let credential = parts.next()?.strip_prefix("Credential=")?;
    let signed_headers = parts.next()?.strip_prefix("SignedHeaders=")?;
    let signature = parts.next()?.strip_prefix("Signature=")?;
    if parts.next().is_some() {
        return None;
    }
    let mut scope = credential.split('/');
    let secret_id = scope.next()?;
    let date = scope.next()?;
    let service = scope.next()?;
    if scope.next()? != "tc3_request" || scope.next().is_some() {
        return None;
    }
    Some(Parsed {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

/// Checks that `authorization` is the TC3 signature of `req` by `credentials` for `service`.
///
/// The timestamp is read from the request's `X-TC-Timestamp` header; the signed headers are the
/// ones the `Authorization` header names, which must include `content-type` and `host` as the
/// service requires. The signature comparison runs in constant time.
///
/// Freshness is the caller's decision (there is no clock here): the service refuses a
/// timestamp more than 5 minutes from its own time, and a relay should do the same.
pub fn verify(
    authorization: &str,
    credentials: &Credentials,
    service: &str,
    req: &HttpRequest<'_>,
) -> Result<(), VerifyError> {
    let p = parse(authorization).ok_or(VerifyError::Malformed)?;

    let names: Vec<&str> = p.signed_headers.split(';').collect();
    let well_formed = names.iter().all(|n| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b':')
    });
    let sorted_unique = names.windows(2).all(|w| w[0] < w[1]);
    if !well_formed
        || !sorted_unique
        || !names.contains(&"content-type")
        || !names.contains(&"host")
    {
        return Err(VerifyError::Malformed);
    }
    let sig = p.signature.as_bytes();
    if sig.len() != 64 || !sig.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(VerifyError::Malformed);
    }

    if p.secret_id != credentials.secret_id() {
        return Err(VerifyError::UnknownSecretId);
    }

    let ts = match header_value(req.headers, "x-tc-timestamp") {
        Ok(v) => parse_timestamp(v.trim()).ok_or(VerifyError::BadTimestamp)?,
        Err(_) => return Err(VerifyError::BadTimestamp),
    };
    let expected_date = date::utc_date(ts).ok_or(VerifyError::BadTimestamp)?;
    if p.date.as_bytes() != expected_date || p.service != service {
        return Err(VerifyError::ScopeMismatch);
    }

    let (_, computed) = signature_with(credentials, service, &mut None, req, None, ts, &names)
        .map_err(VerifyError::Header)?;
    if bool::from(computed.as_bytes().as_slice().ct_eq(sig)) {
        Ok(())
    } else {
        Err(VerifyError::SignatureMismatch)
    }
}

/// Decimal digits only: no sign, no spaces, no `+`; at most what fits a `u64`.
fn parse_timestamp(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::{SignOptions, Signer};

    const TS: &str = "1700000000";

    fn fixture(action_header: bool) -> (Credentials, [(&'static str, &'static str); 4], String) {
        let c = Credentials::new("AKIDverify", "s3cr3t/+=");
        let h = [
            ("Content-Type", "application/json"),
            ("Host", "tat.tencentcloudapi.com"),
            ("X-TC-Action", "RunCommand"),
            ("X-TC-Timestamp", TS),
        ];
        let r = HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &h,
            body: b"{\"x\":1}",
        };
        let auth = Signer::new(c.clone())
            .sign(
                &r,
                1_700_000_000,
                SignOptions {
                    sign_action_header: action_header,
                },
            )
            .unwrap();
        (c, h, auth)
    }

    fn req<'a>(h: &'a [(&'a str, &'a str)], body: &'a [u8]) -> HttpRequest<'a> {
        HttpRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: h,
            body,
        }
    }

    #[test]
    fn accepts_own_signatures_for_both_header_sets() {
        for opt in [false, true] {
            let (c, h, auth) = fixture(opt);
            assert_eq!(verify(&auth, &c, "tat", &req(&h, b"{\"x\":1}")), Ok(()));
        }
    }

    #[test]
    fn rejects_tampering() {
        let (c, h, auth) = fixture(true);
        // Body changed.
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h, b"{\"x\":2}")),
            Err(VerifyError::SignatureMismatch)
        );
        // Signed header changed.
        let mut h2 = h;
        h2[2].1 = "DescribeInvocations";
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h2, b"{\"x\":1}")),
            Err(VerifyError::SignatureMismatch)
        );
        // Timestamp changed within the same day.
        let mut h3 = h;
        h3[3].1 = "1700000001";
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h3, b"{\"x\":1}")),
            Err(VerifyError::SignatureMismatch)
        );
        // One signature digit flipped.
        let mut bad = auth.clone();
        let last = bad.pop().unwrap();
        bad.push(if last == '0' { '1' } else { '0' });
        assert_eq!(
            verify(&bad, &c, "tat", &req(&h, b"{\"x\":1}")),
            Err(VerifyError::SignatureMismatch)
        );
        // Wrong secret.
        let other = Credentials::new("AKIDverify", "other");
        assert_eq!(
            verify(&auth, &other, "tat", &req(&h, b"{\"x\":1}")),
            Err(VerifyError::SignatureMismatch)
        );
    }

    #[test]
    fn rejects_wrong_scope_and_id() {
        let (c, h, auth) = fixture(false);
        let r = req(&h, b"{\"x\":1}");
        assert_eq!(
            verify(&auth, &c, "cvm", &r),
            Err(VerifyError::ScopeMismatch)
        );
        let mut h2 = h;
        h2[3].1 = "1700100000"; // the next UTC day
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h2, b"{\"x\":1}")),
            Err(VerifyError::ScopeMismatch)
        );
        let other = Credentials::new("AKIDother", "s3cr3t/+=");
        assert_eq!(
            verify(&auth, &other, "tat", &r),
            Err(VerifyError::UnknownSecretId)
        );
    }

    #[test]
    fn rejects_malformed_headers() {
        let (c, h, auth) = fixture(false);
        let r = req(&h, b"{\"x\":1}");
        for bad in [
            String::new(),
            "Bearer x".to_owned(),
            auth.replace("TC3-HMAC-SHA256", "TC3-HMAC-SHA1"),
            auth.replace("content-type;host", "host;content-type"),
            auth.replace("content-type;host", "content-type"),
            auth.replace("content-type;host", "Content-Type;host"),
            auth.replace("tc3_request", "tc4_request"),
            auth.replace("Signature=", "Signature=00"),
            auth.to_uppercase(),
            format!("{auth}, Extra=1"),
        ] {
            assert_eq!(
                verify(&bad, &c, "tat", &r),
                Err(VerifyError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn needs_a_valid_timestamp_header() {
        let (c, h, auth) = fixture(false);
        for ts in ["", "-1", "+1700000000", "17e8", "99999999999999999999"] {
            let mut h2 = h;
            h2[3].1 = ts;
            assert_eq!(
                verify(&auth, &c, "tat", &req(&h2, b"{\"x\":1}")),
                Err(VerifyError::BadTimestamp),
                "{ts}"
            );
        }
        let h3 = [h[0], h[1], h[2]];
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h3, b"{\"x\":1}")),
            Err(VerifyError::BadTimestamp)
        );
    }

    #[test]
    fn signed_header_missing_from_request() {
        let (c, h, auth) = fixture(true);
        let h2 = [h[0], h[1], h[3]];
        assert_eq!(
            verify(&auth, &c, "tat", &req(&h2, b"{\"x\":1}")),
            Err(VerifyError::Header(SignError::MissingHeader(
                "x-tc-action".into()
            )))
        );
    }
}
