//! Eight bytes at a time in one `u64` ("SIMD within a register"), for the scans over whole
//! scripts: the placeholder search (`{` in the decoded `Content`) and the base64 alphabet
//! check of `Content` when it need not be decoded. In
//! wasm a byte-at-a-time loop costs a load, a compare and a branch per byte; these cost a few
//! word operations per eight bytes. Each answer marks bytes by their high bit (0x80).

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` starting at `at`, little-endian (the first byte lowest), or
/// `None` when fewer than eight remain.
#[inline]
pub(crate) fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let w = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes([
        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
    ]))
}

/// The bytes of `x` equal to `b`. Exact for the first (lowest) one marked, which is all a
/// search needs: a borrow can only mark a byte above a true match.
#[inline]
pub(crate) fn equal(x: u64, b: u8) -> u64 {
    let y = x ^ (LOW * u64::from(b));
    y.wrapping_sub(LOW) & !y & HIGH
}

/// The index (0 to 7) of the first byte marked in `marks`, which is not zero.
#[inline]
pub(crate) fn first(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

/// The position of the first `b` in `bytes` at or after `from`.
pub(crate) fn find(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    let mut at = from;
    while let Some(x) = word(bytes, at) {
        let marks = equal(x, b);
        if marks != 0 {
            return Some(at + first(marks));
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|&c| c == b).map(|i| at + i)
}

/// The bytes of `x` from `lo` to `hi` (inclusive), for `x` without bytes of 0x80 and above:
/// `b + (0x80 - lo)` has its high bit iff `b >= lo`, `b + (0x7f - hi)` iff `b > hi`, and
/// neither sum carries into the next byte (each stays at most 0xff).
#[inline]
fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least = x.wrapping_add(LOW * u64::from(0x80 - lo));
    let above = x.wrapping_add(LOW * u64::from(0x7f - hi));
    at_least & !above & HIGH
}

/// Whether all eight bytes of `x` are of the standard base64 alphabet (`A-Z a-z 0-9 + /`).
#[inline]
fn all_base64(x: u64) -> bool {
    if x & HIGH != 0 {
        return false;
    }
    let marks = within(x, b'A', b'Z')
        | within(x, b'a', b'z')
        | within(x, b'0', b'9')
        | within(x, b'+', b'+')
        | within(x, b'/', b'/');
    marks == HIGH
}

/// The length of the longest prefix of `bytes` made of whole eight-byte words of the base64
/// alphabet: the caller looks at the rest byte by byte (or lets the decoder do it).
pub(crate) fn base64_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(x) = word(bytes, at) {
        if !all_base64(x) {
            break;
        }
        at += 8;
    }
    at
}

/// Whether `JSON.stringify` writes the string whose UTF-8 is `bytes` as it is between its
/// quotes: no byte below 0x20, no `"`, no `\\` (none of them occurs inside a multi-byte
/// character; lone surrogates, which it escapes, have no UTF-8). Node's module only (built
/// with SIMD): sixteen bytes a step, then eight in a `u64` (what the native tests check).
#[cfg(any(
    test,
    all(target_arch = "wasm32", target_feature = "simd128", feature = "signer")
))]
pub(crate) fn json_plain(bytes: &[u8]) -> bool {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let at = crate::scan::json_plain_prefix(bytes);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    let at = 0;
    let mut at = at;
    let mut bad = 0;
    while let Some(x) = word(bytes, at) {
        // `x - 0x20` borrows into a byte's high bit only where it was below 0x20 and had
        // no high bit; the first marked byte is exact, and any mark means one is there.
        bad |= x.wrapping_sub(LOW * 0x20) & !x & HIGH;
        bad |= equal(x, b'"') | equal(x, b'\\');
        at += 8;
    }
    bad == 0
        && bytes
            .get(at..)
            .unwrap_or_default()
            .iter()
            .all(|&c| c >= 0x20 && c != b'"' && c != b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every position, with every other byte value around it.
    #[test]
    fn marks_agree_with_byte_by_byte_tests() {
        for pos in 0..8 {
            for b in 0..=255u8 {
                for fill in [0u8, b'{', b'"', 0x1f, 0x20, 0x7f, 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let x = u64::from_le_bytes(bytes);
                    let first_of = |f: &dyn Fn(u8) -> bool| bytes.iter().position(|&c| f(c));
                    let found = |m: u64| (m != 0).then(|| first(m));
                    assert_eq!(found(equal(x, b'{')), first_of(&|c| c == b'{'));
                }
            }
        }
    }

    #[test]
    fn base64_words_agree_with_the_alphabet() {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for pos in 0..8 {
            for b in 0..=255u8 {
                for fill in [b'A', b'z', b'0', b'+', b'/'] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let x = u64::from_le_bytes(bytes);
                    assert_eq!(all_base64(x), ALPHABET.contains(&b), "{b:#x} at {pos}");
                }
            }
        }
        assert_eq!(base64_prefix(b"QUJDRA==QUJDRA=="), 0);
        assert_eq!(base64_prefix(b"QUJDREVGQUJDRA=="), 8);
        assert_eq!(base64_prefix(b"QUJDREVGQUJDREVGQUJD"), 16);
    }

    #[test]
    fn json_plain_agrees_with_byte_by_byte() {
        let plain = |b: &[u8]| b.iter().all(|&c| c >= 0x20 && c != b'"' && c != b'\\');
        for len in 0..40 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'A'; len];
                    bytes[at] = b;
                    assert_eq!(json_plain(&bytes), plain(&bytes), "{len} {at} {b:#x}");
                    // Beside bytes with the high bit, as UTF-8 has them.
                    bytes
                        .iter_mut()
                        .filter(|c| **c == b'A')
                        .for_each(|c| *c = 0xe9);
                    assert_eq!(json_plain(&bytes), plain(&bytes), "{len} {at} {b:#x}");
                }
            }
        }
    }

    #[test]
    fn find_at_every_offset_and_length() {
        for len in 0..40 {
            for at in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[at] = b'{';
                for from in 0..=len {
                    let expected = (from <= at).then_some(at);
                    assert_eq!(find(&bytes, from, b'{'), expected, "{len} {at} {from}");
                }
            }
        }
        assert_eq!(find(b"abc", 10, b'a'), None);
    }
}
