//! SHA-256 and HMAC-SHA256, streaming, on `sha2`'s block function.
//!
//! Why not `sha2::Sha256` and `hmac::Hmac` directly: their generic buffering is compiled into
//! this crate at its size-first optimisation level, where it cost more than the block function
//! itself on small inputs; and their states cannot be wiped, so an HMAC already keyed could not
//! be kept between requests. Here the block function (`sha2::compress256`, compiled for speed)
//! does the work, the rest is a 64-byte buffer and a counter, and every state that came from a
//! key is wiped on drop. [`HmacKey`] keeps a key as its two chaining states, so a cached
//! signing key costs no key blocks per request. Checked against RustCrypto for every length
//! across block boundaries (tests below) and by the official SDK vectors.

use sha2::digest::generic_array::GenericArray;
use zeroize::Zeroize;

const BLOCK: usize = 64;

/// SHA-256's initial chaining state (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(
        state,
        core::slice::from_ref(GenericArray::from_slice(block)),
    );
}

/// A streaming SHA-256. Wiped on drop: it may have hashed key material.
pub(crate) struct Sha256 {
    state: [u32; 8],
    buf: [u8; BLOCK],
    buffered: usize,
    /// Bytes hashed so far, including any absorbed before [`Sha256::resume`].
    total: u64,
}

impl Sha256 {
    pub(crate) fn new() -> Sha256 {
        Sha256::resume(IV, 0)
    }

    /// Continues from a chaining state after `total` bytes (a multiple of the block size).
    fn resume(state: [u32; 8], total: u64) -> Sha256 {
        Sha256 {
            state,
            buf: [0; BLOCK],
            buffered: 0,
            total,
        }
    }

    pub(crate) fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buffered > 0 {
            let take = (BLOCK - self.buffered).min(data.len());
            let (head, rest) = data.split_at(take);
            self.buf[self.buffered..self.buffered + take].copy_from_slice(head);
            self.buffered += take;
            data = rest;
            if self.buffered < BLOCK {
                return;
            }
            compress(&mut self.state, &self.buf);
            self.buffered = 0;
        }
        let blocks = data.chunks_exact(BLOCK);
        let rest = blocks.remainder();
        for block in blocks {
            compress(&mut self.state, block);
        }
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buffered = rest.len();
    }

    /// The digest: `0x80`, zeros, then the length in bits, big-endian (FIPS 180-4, 5.1.1).
    pub(crate) fn finish(mut self) -> [u8; 32] {
        let bits = self.total.wrapping_mul(8);
        let n = self.buffered;
        self.buf[n] = 0x80;
        self.buf[n + 1..].fill(0);
        if n >= BLOCK - 8 {
            compress(&mut self.state, &self.buf);
            self.buf.fill(0);
        }
        self.buf[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        compress(&mut self.state, &self.buf);
        let mut out = [0u8; 32];
        for (o, w) in out.chunks_exact_mut(4).zip(self.state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        out
    }

    pub(crate) fn digest(data: &[u8]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(data);
        h.finish()
    }
}

impl Drop for Sha256 {
    fn drop(&mut self) {
        self.state.zeroize();
        self.buf.zeroize();
    }
}

/// An HMAC-SHA256 key, kept as the chaining states after its inner and outer pad blocks.
/// Wiped on drop.
pub(crate) struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl HmacKey {
    /// The key `prefix || key` (RFC 2104: hashed when longer than a block, then zero-padded),
    /// without concatenating the two into a buffer that would be one more copy to wipe.
    pub(crate) fn new(prefix: &[u8], key: &[u8]) -> HmacKey {
        let mut block = [0u8; BLOCK];
        if prefix.len() + key.len() <= BLOCK {
            block[..prefix.len()].copy_from_slice(prefix);
            block[prefix.len()..prefix.len() + key.len()].copy_from_slice(key);
        } else {
            let mut h = Sha256::new();
            h.update(prefix);
            h.update(key);
            let mut digest = h.finish();
            block[..32].copy_from_slice(&digest);
            digest.zeroize();
        }
        let pad = |byte: u8| {
            let mut state = IV;
            let mut padded = block.map(|b| b ^ byte);
            compress(&mut state, &padded);
            padded.zeroize();
            state
        };
        let key = HmacKey {
            inner: pad(0x36),
            outer: pad(0x5c),
        };
        block.zeroize();
        key
    }

    /// The HMAC of one message: the inner hash continued over it, then the outer over that.
    pub(crate) fn tag(&self, msg: &[u8]) -> [u8; 32] {
        let mut inner = Sha256::resume(self.inner, BLOCK as u64);
        inner.update(msg);
        let mut inner = inner.finish();
        let mut outer = Sha256::resume(self.outer, BLOCK as u64);
        outer.update(&inner);
        inner.zeroize();
        outer.finish()
    }
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

/// HMAC-SHA256 of `msg` under `prefix || key`.
pub(crate) fn hmac(prefix: &[u8], key: &[u8], msg: &[u8]) -> [u8; 32] {
    HmacKey::new(prefix, key).tag(msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::Mac;
    use sha2::Digest;

    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 + 7) as u8).collect()
    }

    #[test]
    fn sha256_matches_rustcrypto_at_every_length_and_split() {
        for len in 0..300 {
            let d = data(len);
            let expected: [u8; 32] = sha2::Sha256::digest(&d).into();
            assert_eq!(Sha256::digest(&d), expected, "length {len}");
            // Fed in two pieces, split anywhere.
            for cut in [0, 1.min(len), len / 3, len / 2, len.saturating_sub(1), len] {
                let mut h = Sha256::new();
                h.update(&d[..cut]);
                h.update(&d[cut..]);
                assert_eq!(h.finish(), expected, "length {len}, cut {cut}");
            }
        }
    }

    #[test]
    fn hmac_matches_rustcrypto_for_keys_and_messages_across_blocks() {
        for key_len in [0, 1, 29, 61, 64, 65, 130] {
            for msg_len in [0, 1, 55, 56, 64, 119, 200] {
                let (key, msg) = (data(key_len), data(msg_len));
                let mut prefixed = b"TC3".to_vec();
                prefixed.extend_from_slice(&key);
                let mut r = hmac::Hmac::<sha2::Sha256>::new_from_slice(&prefixed).unwrap();
                r.update(&msg);
                let expected: [u8; 32] = r.finalize().into_bytes().into();
                assert_eq!(hmac(b"TC3", &key, &msg), expected, "{key_len}/{msg_len}");
            }
        }
    }

    #[test]
    fn rfc4231_case_2() {
        let tag = hmac(b"", b"Jefe", b"what do ya want for nothing?");
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
