//! Standard base64 (RFC 4648 §4, with `=` padding), the encoding of `Content` and `Output`.
//!
//! Decoding is strict about what could change meaning and lenient where the service is:
//! the length must be a multiple of 4, only the standard alphabet and trailing padding are
//! allowed (no line breaks, no spaces, no URL-safe `-_`), but unused bits in the last
//! character are accepted, as Go's `base64.StdEncoding` (the service's language) accepts them.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INVALID: u8 = 0xff;

/// Reverse lookup table: byte -> 6-bit value, or `INVALID`.
const DECODE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Why a text is not valid base64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The length is not a multiple of 4.
    Length(usize),
    /// A character outside the alphabet (or padding in the middle), at this byte offset.
    Character(usize),
}

/// The encoded length of `n` bytes.
pub fn encoded_len(n: usize) -> usize {
    n.div_ceil(3) * 4
}

/// Encodes bytes as padded standard base64.
pub fn encode(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(encoded_len(input.len()));
    let mut chunks = input.chunks_exact(3);
    for c in &mut chunks {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        out.extend_from_slice(&[
            ALPHABET[(n >> 18) as usize & 63],
            ALPHABET[(n >> 12) as usize & 63],
            ALPHABET[(n >> 6) as usize & 63],
            ALPHABET[n as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[
                ALPHABET[(n >> 18) as usize & 63],
                ALPHABET[(n >> 12) as usize & 63],
                b'=',
                b'=',
            ]);
        }
        [a, b] => {
            let n = (u32::from(a) << 16) | (u32::from(b) << 8);
            out.extend_from_slice(&[
                ALPHABET[(n >> 18) as usize & 63],
                ALPHABET[(n >> 12) as usize & 63],
                ALPHABET[(n >> 6) as usize & 63],
                b'=',
            ]);
        }
        _ => {}
    }
    // Only ALPHABET bytes and '=' were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes padded standard base64.
pub fn decode(input: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = input.as_bytes();
    if bytes.len() % 4 != 0 {
        return Err(DecodeError::Length(bytes.len()));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let last = bytes.len().saturating_sub(4);
    for (q, quad) in bytes.chunks_exact(4).enumerate() {
        let at = q * 4;
        // Padding may only close the final quad: `xx==` or `xxx=`.
        let pad = if at == last {
            match (quad[2], quad[3]) {
                (b'=', b'=') => 2,
                (_, b'=') => 1,
                _ => 0,
            }
        } else {
            0
        };
        let mut n: u32 = 0;
        for (i, &b) in quad[..4 - pad].iter().enumerate() {
            let v = DECODE[b as usize];
            if v == INVALID {
                return Err(DecodeError::Character(at + i));
            }
            n |= u32::from(v) << (18 - 6 * i);
        }
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn refuses_what_changes_meaning() {
        assert_eq!(decode("Zg="), Err(DecodeError::Length(3)));
        assert_eq!(decode("Zg==Zg=="), Err(DecodeError::Character(2)));
        assert_eq!(decode("Zm9v\nYmFy"), Err(DecodeError::Length(9)));
        assert_eq!(decode("Zm9-"), Err(DecodeError::Character(3)));
        assert_eq!(decode("=m9v"), Err(DecodeError::Character(0)));
        assert_eq!(decode("Z==="), Err(DecodeError::Character(1)));
    }

    #[test]
    fn accepts_unused_trailing_bits_like_go() {
        assert_eq!(decode("Zh==").unwrap(), b"f");
    }
}
