//! Eight bytes at a time in one `u64` ("SIMD within a register"), for the scan over whole
//! scripts: the placeholder search (`{` in the decoded `Content`). In
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
