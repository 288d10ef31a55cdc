//! Digests in lower-case hex, both ways: the one hex codec of the crate (the `hex` crate, into
//! and from fixed buffers: no allocation).

/// 64 lower-case hex digits: one SHA-256 digest or HMAC-SHA256 tag.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hex64([u8; 64]);

impl Hex64 {
    /// Encodes 32 bytes.
    pub(crate) fn encode(bytes: &[u8; 32]) -> Hex64 {
        let mut out = [0u8; 64];
        // 64 is exactly twice 32: the only error, a wrong output length, cannot happen.
        let _ = hex::encode_to_slice(bytes, &mut out);
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

/// The 32 bytes of a digest written as 64 hex digits (either case), or `None`. (Used by the
/// wasm binding, for a body digest computed in JS.)
#[cfg_attr(not(all(target_arch = "wasm32", feature = "signer")), allow(dead_code))]
pub(crate) fn decode_digest(hex: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex, &mut out).ok()?;
    Some(out)
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
    fn decodes_what_it_encodes_and_nothing_else() {
        let bytes: [u8; 32] = core::array::from_fn(|i| (i * 37 + 5) as u8);
        let hex = Hex64::encode(&bytes);
        assert_eq!(decode_digest(hex.as_str()), Some(bytes));
        assert_eq!(decode_digest(&hex.as_str().to_uppercase()), Some(bytes));
        assert_eq!(decode_digest(&hex.as_str()[..62]), None);
        assert_eq!(decode_digest(&format!("{}00", hex.as_str())), None);
        assert_eq!(decode_digest(&format!("g{}", &hex.as_str()[1..])), None);
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
