//! Lower-case hex encoding of SHA-256 sized values.
//!
//! A table lookup per nibble into a fixed buffer: no allocation and no `format!` machinery,
//! which is measurably slower per byte and pulls formatting code into the wasm binary.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// 64 lower-case hex digits: one SHA-256 digest or HMAC-SHA256 tag.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hex64([u8; 64]);

impl Hex64 {
    /// Encodes 32 bytes.
    pub(crate) fn encode(bytes: &[u8; 32]) -> Hex64 {
        let mut out = [0u8; 64];
        for (pair, &b) in out.chunks_exact_mut(2).zip(bytes.iter()) {
            // `b >> 4` and `b & 15` are both below 16, so the table lookups stay in bounds.
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 0x0f)];
        }
        Hex64(out)
    }

    pub(crate) fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }

    pub(crate) fn as_str(&self) -> &str {
        // Always ASCII by construction; the fallback is never taken but keeps this panic-free.
        core::str::from_utf8(&self.0).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_every_byte_value() {
        let mut bytes = [0u8; 32];
        for start in (0u16..256).step_by(32) {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = (start + i as u16) as u8;
            }
            let hex = Hex64::encode(&bytes);
            let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex.as_str(), expected);
        }
    }

    #[test]
    fn known_digest() {
        // SHA-256 of the empty string.
        let d: [u8; 32] = [
            0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f,
            0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b,
            0x78, 0x52, 0xb8, 0x55,
        ];
        assert_eq!(
            Hex64::encode(&d).as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
