//! Standard base64 (RFC 4648 §4, with `=` padding), the encoding of `Content` and `Output`.
//!
//! Decoding is strict about what could change meaning and lenient where the service is:
//! the length must be a multiple of 4, only the standard alphabet and trailing padding are
//! allowed (no line breaks, no spaces, no URL-safe `-_`), but unused bits in the last
//! character are accepted, as Go's `base64.StdEncoding` (the service's language) accepts them.

use crate::swar;

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
///
/// The loops write into a buffer sized up front rather than pushing per group: the crate is
/// built for size, where per-group `extend_from_slice` calls were measured (at `opt-level =
/// "z"`) not inlined and costing several times the arithmetic.
pub fn encode(input: &[u8]) -> String {
    let mut out = vec![b'='; encoded_len(input.len())];
    let sextet = |n: u32, shift: u32| ALPHABET[((n >> shift) & 63) as usize];
    let mut o = 0;
    let mut chunks = input.chunks_exact(3);
    for c in &mut chunks {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        if let Some(dst) = out.get_mut(o..o + 4) {
            dst[0] = sextet(n, 18);
            dst[1] = sextet(n, 12);
            dst[2] = sextet(n, 6);
            dst[3] = sextet(n, 0);
        }
        o += 4;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let b1 = rest.get(1).copied().unwrap_or(0);
        let n = (u32::from(rest[0]) << 16) | (u32::from(b1) << 8);
        if let Some(dst) = out.get_mut(o..o + 4) {
            dst[0] = sextet(n, 18);
            dst[1] = sextet(n, 12);
            if rest.len() == 2 {
                dst[2] = sextet(n, 6);
            }
        }
    }
    // Only ALPHABET bytes and '=' were written.
    String::from_utf8(out).unwrap_or_default()
}

/// The padding of `bytes` (0, 1 or 2), after checking the length is a multiple of 4.
fn padding(bytes: &[u8]) -> Result<usize, DecodeError> {
    if bytes.len() % 4 != 0 {
        return Err(DecodeError::Length(bytes.len()));
    }
    // Padding may only close the final quad: `xx==` or `xxx=`.
    Ok(match bytes {
        [.., b'=', b'='] => 2,
        [.., b'='] => 1,
        _ => 0,
    })
}

/// The 24 bits of `quad`, the one starting at byte `at`, whose last `pad` characters are
/// padding (decoded as zero bits), or the error at its first character outside the alphabet.
/// Four table lookups and one validity test (every invalid entry of the table has its top
/// bit set): at a size-first `opt-level` a loop per character costs several times this.
#[inline(always)]
fn quad(quad: &[u8], at: usize, pad: usize) -> Result<u32, DecodeError> {
    // Straight-line on purpose: closures and iterator adaptors are not reliably inlined at "s".
    let [a, b, c, d] = *quad else {
        return Err(DecodeError::Length(quad.len()));
    };
    let v = [
        DECODE[a as usize],
        DECODE[b as usize],
        if pad < 2 { DECODE[c as usize] } else { 0 },
        if pad < 1 { DECODE[d as usize] } else { 0 },
    ];
    if (v[0] | v[1] | v[2] | v[3]) & 0x80 != 0 {
        let i = v.iter().position(|&x| x & 0x80 != 0).unwrap_or(0);
        return Err(DecodeError::Character(at + i));
    }
    Ok(u32::from(v[0]) << 18 | u32::from(v[1]) << 12 | u32::from(v[2]) << 6 | u32::from(v[3]))
}

/// The padding that applies to the quad starting at `at`: only the last one has any.
#[inline(always)]
fn pad_at(bytes: &[u8], at: usize, pad: usize) -> usize {
    if at + 4 == bytes.len() {
        pad
    } else {
        0
    }
}

/// The high bit of each byte of `x` outside the base64 alphabet: eight bytes at a time in one
/// word (SWAR) rather than eight table lookups. A non-ASCII byte is outside by its own high
/// bit, whatever `in_range` makes of it.
fn outside_alphabet(x: u64) -> u64 {
    let inside = swar::in_range(x, b'A', b'Z')
        | swar::in_range(x, b'a', b'z')
        | swar::in_range(x, b'/', b'9') // `/` and the digits
        | swar::in_range(x, b'+', b'+');
    swar::non_ascii(x) | swar::not(inside)
}

/// Checks padded standard base64 without decoding it; the decoded length.
pub fn check(input: &str) -> Result<usize, DecodeError> {
    let bytes = input.as_bytes();
    let pad = padding(bytes)?;
    // Every quad but the last has no padding: eight characters a step (SWAR), OR-ed, and a
    // single test. Only a text that fails is walked quad by quad to say where.
    let (body, _) = bytes.split_at(bytes.len().saturating_sub(4));
    let mut at = 0;
    let mut outside = 0u64;
    while let Some(word) = swar::word(body, at) {
        outside |= outside_alphabet(word);
        at += 8;
    }
    let mut seen = 0u8;
    for &b in &body[at..] {
        seen |= DECODE[b as usize];
    }
    let start = if outside == 0 && seen & 0x80 == 0 {
        body.len()
    } else {
        0
    };
    walk(bytes, start, pad)?;
    Ok(bytes.len() / 4 * 3 - pad)
}

/// Decodes padded standard base64.
pub fn decode(input: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = input.as_bytes();
    let pad = padding(bytes)?;
    let mut out = vec![0u8; bytes.len() / 4 * 3];
    // Every quad but the last, without a test per quad: the table entries are OR-ed (every
    // invalid one has its top bit set) and tested once at the end; what was written from an
    // invalid quad is dropped with the error.
    let body = bytes.len().saturating_sub(4);
    let mut seen = 0u8;
    for (chunk, dst) in bytes[..body].chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let v = [
            DECODE[chunk[0] as usize],
            DECODE[chunk[1] as usize],
            DECODE[chunk[2] as usize],
            DECODE[chunk[3] as usize],
        ];
        seen |= v[0] | v[1] | v[2] | v[3];
        let n =
            u32::from(v[0]) << 18 | u32::from(v[1]) << 12 | u32::from(v[2]) << 6 | u32::from(v[3]);
        dst[0] = (n >> 16) as u8;
        dst[1] = (n >> 8) as u8;
        dst[2] = n as u8;
    }
    if seen & 0x80 != 0 {
        walk(bytes, 0, pad)?; // says which character
    }
    // The last quad, with its padding.
    let last = bytes.get(body..).filter(|q| q.len() == 4);
    if let (Some(last), Some([a, b, c])) = (last, out.get_mut(body / 4 * 3..)) {
        let n = quad(last, body, pad)?;
        *a = (n >> 16) as u8;
        *b = (n >> 8) as u8;
        *c = n as u8;
    }
    out.truncate(out.len() - pad);
    Ok(out)
}

/// The first error of the quads from byte `start` on (a multiple of 4), if any.
fn walk(bytes: &[u8], start: usize, pad: usize) -> Result<(), DecodeError> {
    for (q, chunk) in bytes[start..].chunks_exact(4).enumerate() {
        let at = start + q * 4;
        quad(chunk, at, pad_at(bytes, at, pad))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_at_a_time_agrees_with_the_table_for_every_byte_in_every_position() {
        let fill = b"QUJDRA==";
        for pos in 0..8 {
            for b in 0..=255u8 {
                let mut word = *b"AbC9+/zZ";
                word[pos] = b;
                let expected = word.iter().all(|&c| DECODE[c as usize] != INVALID);
                assert_eq!(
                    outside_alphabet(u64::from_le_bytes(word)) == 0,
                    expected,
                    "{b:#x} at {pos}"
                );
                // And through `check`, in the unrolled part (a quad after the word) or not.
                let mut text = word.to_vec();
                text.extend_from_slice(fill);
                assert_eq!(
                    check(core::str::from_utf8(&text).unwrap_or("!")).is_ok(),
                    expected && b < 0x80
                );
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
    }

    #[test]
    fn accepts_unused_trailing_bits_like_go() {
        assert_eq!(decode("Zh==").unwrap(), b"f");
    }
}
