//! The placeholders of a base64 `Content` found without decoding the whole script: Node's
//! module only (built with wasm's 128-bit SIMD, `scripts/build-pkg.sh`; Node 20, the engine
//! floor, has it). The browser's module keeps the plain way (decode it all with the base64
//! crate, then `params::occurrences`), which compiles to less code.
//!
//! Why: for the largest RunCommand (64 KB of `Content` with `EnableParameter`), decoding the
//! script with the crate and searching it took about half of the wasm call (bench/NOTES.md).
//! Here one pass reads sixteen characters a step ([`block`]): whether they are all of the
//! alphabet, and which of the twelve bytes they decode to are a `{`. No script is built:
//! only a `{` followed by another can start a placeholder, and only around those is the
//! script decoded, by the crate, a few hundred bytes at a time. What is found is what
//! `params::occurrences` finds in the decoded script (the tests below compare the two).
//!
//! The verdict on the text stays the crate's: the blocks that pass are whole quanta of the
//! alphabet, which decode whatever follows; the rest (padding, a wrong character) is decoded
//! by the crate, and a text it refuses is judged again as a whole by `base64::decode`, for
//! the position of its first error, exactly as `base64::check` does.

use crate::base64::{self, DecodeError};
use crate::params::{self, Scanned};

/// How much script is decoded at once around the first `{{` (beyond the placeholder's own
/// span): several placeholders close together cost one decoding. Each further stretch is
/// twice as long, up to [`WINDOW_MAX`], so that a script full of placeholders is decoded
/// about once in all (not once a placeholder), and one with a few near its start costs little.
const WINDOW: usize = 256;
const WINDOW_MAX: usize = 16 * 1024;

/// The placeholders of the script that `text` (padded standard base64) encodes; the same
/// answer as decoding it with [`base64::decode`] and reading it with [`Scanned::of`].
pub(crate) fn placeholders(text: &str, hidden: bool) -> Result<Scanned, DecodeError> {
    match scan(text.as_bytes(), hidden) {
        Some(found) => Ok(found),
        // Refused (or, never expected, a part the crate would not decode): the plain way,
        // which names the first wrong character.
        None => base64::decode(text).map(|script| Scanned::of(&script, hidden)),
    }
}

/// [`placeholders`] of a text the crate accepts, `None` otherwise.
fn scan(text: &[u8], hidden: bool) -> Option<Scanned> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    // Where the script has a `{`, as far as whole blocks of the alphabet go.
    let mut braces: Vec<usize> = Vec::new();
    let mut clean = 0;
    let tables = Tables::new();
    for chunk in text.chunks_exact(16) {
        let Some(mut marks) = chunk.try_into().ok().and_then(|c| block(&tables, c)) else {
            break;
        };
        while marks != 0 {
            let lane = marks.trailing_zeros() as usize;
            braces.push(clean / 4 * 3 + lane / 4 * 3 + lane % 4);
            marks &= marks - 1;
        }
        clean += 16;
    }
    // The rest (fewer than 16 characters, padding, or a wrong character) by the crate.
    let rest = base64::decode_part(text.get(clean..)?)?;
    let at = clean / 4 * 3;
    let len = at + rest.len();
    braces.extend(
        rest.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'{')
            .map(|(i, _)| at + i),
    );
    // As `params::occurrences` walks the script: from each `{` on, past a placeholder found.
    let mut found = Scanned::new(len);
    let mut window = Window {
        text,
        len,
        size: WINDOW,
        start: 0,
        script: Vec::new(),
    };
    let mut next = 0;
    for (k, &brace) in braces.iter().enumerate() {
        // A `{` not followed by another starts nothing (`placeholder_at` needs `{{`).
        if brace < next || braces.get(k + 1) != Some(&(brace + 1)) {
            continue;
        }
        let from = window.from(brace)?;
        if let Some(at) = params::placeholder_at(from, hidden) {
            let name = core::str::from_utf8(from.get(at.name())?).ok()?;
            found.push(name, brace, brace + at.end());
            next = brace + at.end();
        }
    }
    Some(found)
}

/// A stretch of the decoded script, decoded again only when a `{{` lies beyond it.
struct Window<'a> {
    /// The whole base64 text, accepted by the crate.
    text: &'a [u8],
    /// The script's length.
    len: usize,
    /// How much the next stretch decodes beyond a placeholder's span.
    size: usize,
    /// Where `script` starts in the script (a multiple of 3: whole quanta).
    start: usize,
    script: Vec<u8>,
}

impl Window<'_> {
    /// The script from `at` on: [`params::PLACEHOLDER_SPAN`] bytes, or what is left of it.
    fn from(&mut self, at: usize) -> Option<&[u8]> {
        let end = self.len.min(at + params::PLACEHOLDER_SPAN);
        if at < self.start || end > self.start + self.script.len() {
            let first = at / 3;
            let last = (at + params::PLACEHOLDER_SPAN + self.size).div_ceil(3);
            let last = last.min(self.text.len() / 4);
            self.script = base64::decode_part(self.text.get(first * 4..last * 4)?)?;
            self.start = first * 3;
            self.size = (self.size * 2).min(WINDOW_MAX);
        }
        self.script.get(at - self.start..end - self.start)
    }
}

// `block(tables, chars)`: sixteen characters of base64 (four quanta, no padding): `None`
// when one is not of the standard alphabet; otherwise the decoded bytes that are a `{`, one
// bit a character position: bit `4q + j` for byte `j` (0 to 2) of quantum `q`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use simd::{block, Tables};

/// The native tests' stand-in for the SIMD block: [`reference`].
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[derive(Clone, Copy)]
struct Tables;

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl Tables {
    fn new() -> Tables {
        Tables
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn block(_: &Tables, chars: &[u8; 16]) -> Option<u16> {
    reference(chars)
}

/// [`block`] one character and one byte at a time, as the crate would decode them: what the
/// SIMD version is tested against, and the native tests' stand-in for it.
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
fn reference(chars: &[u8; 16]) -> Option<u16> {
    let mut sextets = [0u8; 16];
    for (s, &c) in sextets.iter_mut().zip(chars) {
        *s = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
    }
    let mut marks = 0u16;
    for (q, s) in sextets.chunks_exact(4).enumerate() {
        let bytes = [
            s[0] << 2 | s[1] >> 4,
            s[1] << 4 | s[2] >> 2,
            s[2] << 6 | s[3],
        ];
        for (j, &b) in bytes.iter().enumerate() {
            if b == b'{' {
                marks |= 1 << (4 * q + j);
            }
        }
    }
    Some(marks)
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;
    use core::hint::black_box;

    /// The tables of [`block`], made once a scan. Through `black_box`, so that they stay in
    /// locals: otherwise the compiler writes each as a constant at its use, which V8
    /// builds again at each step of the loop (a few instructions each).
    #[derive(Clone, Copy)]
    pub(super) struct Tables {
        low_nibble: v128,
        by_lo: v128,
        by_hi: v128,
        roll: v128,
        slash: v128,
        k1: v128,
        v1: v128,
        k2: v128,
        v2: v128,
    }

    impl Tables {
        pub(super) fn new() -> Tables {
            black_box(Tables {
                low_nibble: u8x16_splat(0x0f),
                // A character is of the alphabet iff its two nibbles' classes share no bit.
                // By the high nibble (`by_hi`): 1 for none (0, 1, 8 to 15), 2 for `+` `/`
                // (2), 4 for digits (3), 8 for letters from 1 (4, 6), 16 for letters to A
                // (5, 7); by the low nibble (`by_lo`), the classes in which it is not.
                by_lo: u8x16(
                    0x0b, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x07, 0x15, 0x17,
                    0x17, 0x17, 0x15,
                ),
                by_hi: u8x16(1, 1, 2, 4, 8, 16, 8, 16, 1, 1, 1, 1, 1, 1, 1, 1),
                // The sextet is the character plus an offset by its high nibble (`/` moved
                // to 1).
                roll: i8x16(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0),
                slash: u8x16_splat(b'/'),
                // Byte 0 of a quantum is `{` (0x7b) iff s0 = 30 and s1 >= 48; byte 1 iff
                // s1 & 15 = 7 and s2 & 0x3c = 0x2c; byte 2 iff s2 & 3 = 1 and s3 = 59: each
                // lane masked and compared, with the next lane masked and compared. The
                // fourth lane of a quantum never matches (0xff is no masked value).
                k1: u32x4_splat(0x0003_0f3f),
                v1: u32x4_splat(0xff01_071e),
                k2: u32x4_splat(0x003f_3c30),
                v2: u32x4_splat(0xff3b_2c30),
            })
        }
    }

    /// [`super::block`] in a few vector operations (the classification of Wojciech Muła's
    /// SIMD base64 decoders, with tables for wasm's swizzle, which gives 0 for an index
    /// above 15 where x86's shuffle looks at the low four bits).
    #[inline]
    pub(super) fn block(t: &Tables, c: &[u8; 16]) -> Option<u16> {
        let c = u8x16(
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
            c[14], c[15],
        );
        // The high nibbles by a 16-bit shift and a mask: V8 has no 8-bit shift and builds
        // the mask at each `u8x16_shr`.
        let hi = v128_and(u16x8_shr(c, 4), t.low_nibble);
        let lo = v128_and(c, t.low_nibble);
        if v128_any_true(v128_and(
            u8x16_swizzle(t.by_lo, lo),
            u8x16_swizzle(t.by_hi, hi),
        )) {
            return None;
        }
        let slash = u8x16_eq(c, t.slash);
        let s = u8x16_add(c, u8x16_swizzle(t.roll, u8x16_add(hi, slash)));
        // Each sextet beside the next one of its quantum (the last lane's is unused).
        let n = u8x16_shuffle::<1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15>(s, s);
        let marks = v128_and(
            u8x16_eq(v128_and(s, t.k1), t.v1),
            u8x16_eq(v128_and(n, t.k2), t.v2),
        );
        Some(u8x16_bitmask(marks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// A small deterministic generator (xorshift), so that the same cases run in wasm, where
    /// proptest does not.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// In Node's module, the SIMD block against the one-at-a-time one: every byte value in
    /// every position among characters of the alphabet, and every quantum whose decoded
    /// bytes hold a `{` at each place; natively, the reference against itself.
    #[test]
    fn block_agrees_with_the_reference() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..64 {
            let mut chars = [0u8; 16];
            for c in chars.iter_mut() {
                *c = ALPHABET[rng.below(64)];
            }
            for pos in 0..16 {
                for b in 0..=255u8 {
                    let mut x = chars;
                    x[pos] = b;
                    assert_eq!(block(&Tables::new(), &x), reference(&x), "{x:?}");
                }
            }
        }
        // Every triple of bytes with a `{` at each place, encoded, in each quantum.
        for place in 0..3 {
            for other in 0..=255u8 {
                let mut bytes = [other; 3];
                bytes[place] = b'{';
                let quantum = base64::encode(&bytes);
                for q in 0..4 {
                    let mut x = *b"QUJDQUJDQUJDQUJD";
                    x[4 * q..4 * q + 4].copy_from_slice(quantum.as_bytes());
                    let expected = bytes
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == b'{')
                        .fold(0u16, |m, (j, _)| m | 1 << (4 * q + j));
                    assert_eq!(block(&Tables::new(), &x), Some(expected), "{x:?}");
                    assert_eq!(reference(&x), Some(expected));
                }
            }
        }
    }

    /// The plain way: decode it all, then read the script.
    fn plain(text: &str, hidden: bool) -> Result<Scanned, DecodeError> {
        base64::decode(text).map(|script| Scanned::of(&script, hidden))
    }

    /// Scripts of placeholders, near-placeholders and braces at every offset, of many
    /// lengths (so every position in a block and every place in a quantum, the tail that the
    /// crate decodes, and a window's edges), valid and broken: the same answer as the plain
    /// way, found and refused alike, with the same position.
    #[test]
    fn placeholders_as_the_plain_way_finds_them() {
        let pieces: [&[u8]; 14] = [
            b"{{a}}",
            b"{{param_7}}",
            b"{{tat-hidden:pw}}",
            b"{{tat-hidden:}}",
            b"{",
            b"{{",
            b"{{{x}}}",
            b"}}",
            b" ${HOME} ",
            b"echo ",
            b"\n",
            b"\xff\xfe",
            b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            b"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
        ];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for round in 0..600 {
            let mut script = Vec::new();
            let target = rng.below(if round % 10 == 0 { 2000 } else { 200 });
            while script.len() < target {
                script.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            // A name of 64 or 65 characters now and then.
            if round % 7 == 0 {
                let n = 64 + rng.below(2);
                let at = rng.below(script.len() + 1);
                let long = [b"{{".as_slice(), &vec![b'k'; n], b"}}"].concat();
                script.splice(at..at, long);
            }
            let text = base64::encode(&script);
            let values = params::parse(r#"{"a":"1234567","param_7":"","pw":"x"}"#, 20, 64);
            let defaults = params::parse(r#"{"x":"long value"}"#, 20, 64);
            for hidden in [false, true] {
                let found = placeholders(&text, hidden);
                assert_eq!(
                    found,
                    plain(&text, hidden),
                    "{:?}",
                    String::from_utf8_lossy(&script)
                );
                // What the rules read of it: the names and the replaced length.
                let found = found.unwrap();
                assert_eq!(found.names(), params::placeholders(&script, hidden));
                assert_eq!(
                    found.replaced_len(&values, &defaults),
                    params::replaced_len(&script, &values, &defaults, hidden)
                );
            }
            // One character wrong, or the length wrong.
            let mut broken = text.clone().into_bytes();
            if !broken.is_empty() {
                let at = rng.below(broken.len());
                broken[at] = [b'-', b'_', b' ', b'=', b'\n', 0x80, b'A'][rng.below(7)];
                let broken = String::from_utf8_lossy(&broken).into_owned();
                assert_eq!(
                    placeholders(&broken, true),
                    plain(&broken, true),
                    "{broken}"
                );
                let short = &text[..text.len() - 1];
                assert_eq!(placeholders(short, true), plain(short, true));
            }
        }
    }

    #[test]
    fn the_largest_script_in_both_ways() {
        // As bench/workloads.mjs builds it: 20 placeholders, then filler to 48 KB.
        let mut script: Vec<u8> = (0..20)
            .flat_map(|i| format!("echo {{{{param_{i}}}}}\n").into_bytes())
            .collect();
        script.resize(49_152, b'x');
        let text = base64::encode(&script);
        let found = placeholders(&text, false).unwrap();
        assert_eq!(found, plain(&text, false).unwrap());
        assert_eq!(found, Scanned::of(&script, false));
        assert_eq!(found.names().len(), 20);
    }
}
