//! Standard base64 (RFC 4648 §4, with `=` padding), the encoding of `Content` and `Output`,
//! by the `base64` crate.
//!
//! Decoding is strict about what could change meaning and lenient where the service is:
//! the length must be a multiple of 4, only the standard alphabet and trailing padding are
//! allowed (no line breaks, no spaces, no URL-safe `-_`), but unused bits in the last
//! character are accepted, as Go's `base64.StdEncoding` (the service's language) accepts them.
//! What is ours: the length check first (the rules report it as its own message) and the
//! position of the first character that is wrong.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};

/// Padded standard base64; canonical padding required, unused trailing bits accepted.
static ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

/// Why a text is not valid base64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The length is not a multiple of 4.
    Length(usize),
    /// A character outside the alphabet (or padding in the middle), at this byte offset.
    Character(usize),
}

/// Encodes bytes as padded standard base64.
pub fn encode(input: &[u8]) -> String {
    // `encode_slice` into a buffer of `encoded_len` rather than `Engine::encode`, whose
    // `expect` on the UTF-8 conversion links the Debug formatting of its error (1.2 KB of wasm).
    let Some(len) = base64::encoded_len(input.len(), true) else {
        return String::new();
    };
    let mut buf = vec![0; len];
    let written = ENGINE.encode_slice(input, &mut buf).unwrap_or(0);
    buf.truncate(written);
    String::from_utf8(buf).unwrap_or_default()
}

/// Decodes padded standard base64.
pub fn decode(input: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = input.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(DecodeError::Length(bytes.len()));
    }
    ENGINE.decode(bytes).map_err(|e| {
        DecodeError::Character(match e {
            base64::DecodeError::InvalidByte(at, _) => at,
            base64::DecodeError::InvalidLastSymbol { offset, .. } => offset,
            // Padding that does not close the text as it must (`Z===`): wrong from its first
            // `=` on. The length is a multiple of 4, so the text has one.
            base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidPadding => {
                bytes.iter().position(|&b| b == b'=').unwrap_or(0)
            }
        })
    })
}

/// Decodes a run of whole quanta of `Content` (a part of a text [`check`] or [`decode`] has
/// accepted: padding only if the part ends where the text does), for the placeholder scan
/// (`scan::placeholders`), which decodes only the stretches of script around a `{{`.
#[cfg(any(test, all(target_arch = "wasm32", target_feature = "simd128")))]
pub(crate) fn decode_part(bytes: &[u8]) -> Option<Vec<u8>> {
    ENGINE.decode(bytes).ok()
}

/// Checks padded standard base64; the decoded length. The same verdict as [`decode`]: the
/// longest run of whole eight-byte words of the alphabet at the start (`swar`) can only be
/// quanta that decode, so only the rest, where padding and trailing bits may be, is decoded;
/// a refusal is judged again by decoding it all, for its position. In wasm decoding a
/// typical 1.9 KB `Content` took 1.4 µs, a sixth of the wasm's part of a request
/// (bench/NOTES.md).
pub fn check(input: &str) -> Result<usize, DecodeError> {
    let bytes = input.as_bytes();
    if bytes.len().is_multiple_of(4) {
        let clean = crate::swar::base64_prefix(bytes);
        if let Some(Ok(rest)) = bytes.get(clean..).map(|rest| ENGINE.decode(rest)) {
            return Ok(clean / 4 * 3 + rest.len());
        }
    }
    decode(input).map(|bytes| bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_in_every_position_is_judged_by_the_alphabet() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let fill = b"QUJDRA==";
        for pos in 0..8 {
            for b in 0..=127u8 {
                let mut text = b"AbC9+/zZ".to_vec();
                text[pos] = b;
                text.extend_from_slice(fill);
                let expected = if ALPHABET.contains(&b) {
                    Ok(10)
                } else {
                    Err(DecodeError::Character(pos))
                };
                assert_eq!(check(core::str::from_utf8(&text).unwrap()), expected);
            }
        }
    }

    #[test]
    fn decode_round_trips_and_names_the_first_bad_character_anywhere() {
        let data: Vec<u8> = (0..200u16).map(|i| (i * 7 + 3) as u8).collect();
        for len in [0, 1, 2, 3, 30, 31, 32, 100, 200] {
            let text = encode(&data[..len]);
            assert_eq!(decode(&text).as_deref(), Ok(&data[..len]));
            assert_eq!(check(&text), Ok(len));
            let first_pad = text.find('=').unwrap_or(text.len());
            for at in 0..first_pad {
                for bad in ["-", "_", " ", "é"] {
                    // Replaced by one byte ("é" is two: then the length is off).
                    let broken = format!("{}{bad}{}", &text[..at], &text[at + 1..]);
                    let expected = if broken.len() % 4 == 0 {
                        DecodeError::Character(at)
                    } else {
                        DecodeError::Length(broken.len())
                    };
                    assert_eq!(decode(&broken), Err(expected), "{broken}");
                    assert_eq!(check(&broken), Err(expected), "{broken}");
                }
            }
        }
    }

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
            assert_eq!(check(enc), Ok(plain.len()));
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
        assert_eq!(decode("Zm9v===="), Err(DecodeError::Character(4)));
        assert_eq!(decode("Zm=v"), Err(DecodeError::Character(2)));
    }

    #[test]
    fn accepts_unused_trailing_bits_like_go() {
        assert_eq!(decode("Zh==").unwrap(), b"f");
    }
}
