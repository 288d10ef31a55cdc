//! The canonical request and the string to sign, written into a byte buffer.
//!
//! The public step functions and [`super::Signer`] share these writers, so both are
//! byte-for-byte the same code. The signer writes each string into one buffer and hashes it
//! in one call: measured, that beat feeding the hasher piece by piece (about twenty small
//! updates per request).

use super::hex::Hex64;
use super::{HttpRequest, SignError, ALGORITHM};
use sha2::{Digest, Sha256};

/// Writes `bytes` with ASCII letters lower-cased.
fn put_lower(sink: &mut Vec<u8>, bytes: &[u8]) {
    let start = sink.len();
    sink.extend_from_slice(bytes);
    if let Some(written) = sink.get_mut(start..) {
        written.make_ascii_lowercase();
    }
}

/// The document's "trim leading and trailing spaces"; only space and tab, the whitespace HTTP
/// allows around a field value (CR and LF never get this far: they are refused as input).
pub(crate) fn trim_value(v: &str) -> &str {
    v.trim_matches(|c| c == ' ' || c == '\t')
}

/// The value of header `name` (compared ignoring ASCII case) in `headers`. A header given
/// twice is refused: the canonical form has one line per name and guessing which value the
/// HTTP stack will send is how signatures silently break.
pub(crate) fn header_value<'a>(
    headers: &[(&'a str, &'a str)],
    name: &str,
) -> Result<&'a str, SignError> {
    let mut found = None;
    for (n, v) in headers {
        if n.trim().eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(SignError::DuplicateHeader(name.to_owned()));
            }
            found = Some(*v);
        }
    }
    found.ok_or_else(|| SignError::MissingHeader(name.to_owned()))
}

/// SHA-256 of `bytes` in hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> Hex64 {
    Hex64::encode(&Sha256::digest(bytes).into())
}

/// The first block of a text and SHA-256's state after hashing it.
#[cfg(not(sha2_backend_soft = "compact"))]
pub(crate) type Head = ([u8; 64], Sha256);

/// [`sha256_hex`] of `text`, starting from `head`'s state when `text` begins with its block,
/// and keeping `text`'s own first block there otherwise. The digest is the same either way
/// (SHA-256 hashes a message block by block from the start; the tests compare both).
///
/// Not in the browser's module (built with sha2's compact block function, for size: see
/// scripts/build-pkg.sh), where it cost 0.6 KB gzipped; Node's typical request takes about 2%
/// less CPU time with it (bench/NOTES.md).
#[cfg(not(sha2_backend_soft = "compact"))]
pub(crate) fn sha256_hex_from(head: &mut Option<Head>, text: &[u8]) -> Hex64 {
    let Some((first, rest)) = text.split_first_chunk::<64>() else {
        return sha256_hex(text);
    };
    let mut state = match head {
        Some((block, state)) if block == first => state.clone(),
        slot => {
            let mut state = Sha256::new();
            state.update(first);
            slot.insert((*first, state)).1.clone()
        }
    };
    state.update(rest);
    Hex64::encode(&state.finalize().into())
}

/// Writes the canonical request.
///
/// `names` are the signed header names: lower-case, sorted, unique (the caller guarantees it).
/// Values are looked up in `req.headers`, trimmed and lower-cased, as the TC3 document says.
/// The query string is used exactly as sent: TC3 neither sorts nor re-encodes it.
pub(crate) fn write_canonical(
    sink: &mut Vec<u8>,
    req: &HttpRequest<'_>,
    names: &[&str],
    payload_hash: &Hex64,
) -> Result<(), SignError> {
    sink.extend_from_slice(req.method.as_bytes());
    sink.extend_from_slice(b"\n");
    sink.extend_from_slice(if req.path.is_empty() {
        b"/"
    } else {
        req.path.as_bytes()
    });
    sink.extend_from_slice(b"\n");
    sink.extend_from_slice(req.query.as_bytes());
    sink.extend_from_slice(b"\n");
    for name in names {
        let value = header_value(req.headers, name)?;
        sink.extend_from_slice(name.as_bytes());
        sink.extend_from_slice(b":");
        put_lower(sink, trim_value(value).as_bytes());
        sink.extend_from_slice(b"\n");
    }
    sink.extend_from_slice(b"\n");
    write_signed_headers(sink, names);
    sink.extend_from_slice(b"\n");
    sink.extend_from_slice(payload_hash.as_bytes());
    Ok(())
}

/// `content-type;host`: the names joined by `;`.
pub(crate) fn write_signed_headers(sink: &mut Vec<u8>, names: &[&str]) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            sink.extend_from_slice(b";");
        }
        sink.extend_from_slice(name.as_bytes());
    }
}

/// Writes the string to sign: algorithm, timestamp, credential scope, canonical request hash.
pub(crate) fn write_string_to_sign(
    sink: &mut Vec<u8>,
    timestamp: u64,
    date: &[u8; 10],
    service: &str,
    canonical_hash: &Hex64,
) {
    let mut digits = [0u8; 20];
    sink.extend_from_slice(ALGORITHM.as_bytes());
    sink.extend_from_slice(b"\n");
    sink.extend_from_slice(decimal(timestamp, &mut digits));
    sink.extend_from_slice(b"\n");
    sink.extend_from_slice(date);
    sink.extend_from_slice(b"/");
    sink.extend_from_slice(service.as_bytes());
    sink.extend_from_slice(b"/tc3_request\n");
    sink.extend_from_slice(canonical_hash.as_bytes());
}

/// `n` in decimal, written at the end of `buf` (20 digits hold any `u64`).
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_from_a_kept_first_block_is_sha256() {
        // Texts of every length around one and two blocks, sharing their first block or not,
        // hashed in turns with one kept head.
        let mut head = None;
        for round in 0..3u8 {
            for len in [0usize, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 200] {
                for first in [b'a', b'b'] {
                    let mut text = vec![first; len];
                    if let Some(last) = text.last_mut() {
                        *last = round;
                    }
                    let want = sha256_hex(&text);
                    assert_eq!(sha256_hex_from(&mut head, &text).as_str(), want.as_str());
                    if len >= 64 {
                        assert_eq!(
                            head.as_ref().map(|(b, _)| b.to_vec()),
                            Some(text[..64].to_vec())
                        );
                    }
                }
            }
        }
    }

    fn req<'a>(
        headers: &'a [(&'a str, &'a str)],
        method: &'a str,
        query: &'a str,
    ) -> HttpRequest<'a> {
        HttpRequest {
            method,
            path: "/",
            query,
            headers,
            body: b"",
        }
    }

    fn canonical(r: &HttpRequest<'_>, names: &[&str]) -> String {
        let mut v = Vec::new();
        write_canonical(&mut v, r, names, &sha256_hex(r.body)).expect("headers present");
        String::from_utf8(v).expect("utf-8")
    }

    #[test]
    fn header_values_are_trimmed_and_lower_cased_names_matched_ignoring_case() {
        let h = [
            ("Content-Type", "  Application/JSON\t"),
            ("HOST", " TAT.TencentCloudAPI.com "),
            ("X-TC-Action", " RunCommand "),
        ];
        let r = req(&h, "POST", "");
        let c = canonical(&r, &["content-type", "host", "x-tc-action"]);
        assert_eq!(
            c,
            "POST\n/\n\ncontent-type:application/json\nhost:tat.tencentcloudapi.com\n\
             x-tc-action:runcommand\n\ncontent-type;host;x-tc-action\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn get_query_is_used_verbatim() {
        // Neither sorted nor re-encoded: the service hashes the query string it received.
        let h = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("host", "h"),
        ];
        let q = "Limit=10&InstanceIds.0=ins-1&Name=%E4%B8%AD+x&A=1";
        let c = canonical(&req(&h, "GET", q), &["content-type", "host"]);
        assert!(c.starts_with("GET\n/\nLimit=10&InstanceIds.0=ins-1&Name=%E4%B8%AD+x&A=1\n"));
    }

    #[test]
    fn long_values_are_lower_cased() {
        let long = "A".repeat(150);
        let h = [("content-type", long.as_str()), ("host", "h")];
        let c = canonical(&req(&h, "POST", ""), &["content-type", "host"]);
        assert!(c.contains(&format!("content-type:{}\n", "a".repeat(150))));
    }

    #[test]
    fn missing_and_duplicate_headers_are_errors() {
        let h = [("content-type", "x")];
        let mut v = Vec::new();
        let r = req(&h, "POST", "");
        assert_eq!(
            write_canonical(&mut v, &r, &["content-type", "host"], &sha256_hex(b"")),
            Err(SignError::MissingHeader("host".into()))
        );
        let h = [("host", "a"), ("Host", "b"), ("content-type", "x")];
        let r = req(&h, "POST", "");
        assert_eq!(
            write_canonical(&mut v, &r, &["content-type", "host"], &sha256_hex(b"")),
            Err(SignError::DuplicateHeader("host".into()))
        );
    }

    #[test]
    fn decimal_digits() {
        let mut b = [0u8; 20];
        assert_eq!(decimal(0, &mut b), b"0");
        assert_eq!(decimal(1_551_113_065, &mut b), b"1551113065");
        assert_eq!(decimal(u64::MAX, &mut b), b"18446744073709551615");
    }
}
