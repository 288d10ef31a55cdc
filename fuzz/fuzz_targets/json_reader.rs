//! The crate's JSON reader, `json::parse`, against serde_json over arbitrary text.
//!
//! Invariants: no panic; it refuses a text exactly when serde_json does, or for a key given
//! twice in one object (which serde_json resolves silently); what both read is the same
//! value; the error position is within the text; what it reads, `json::write` writes as
//! serde_json does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tat_request::json::{self, ErrorKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ours = json::parse(&text);
    let reference = serde_json::from_str::<Value>(&text);
    match (&ours, &reference) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text:?}");
            let mut written = String::new();
            json::write(&mut written, a);
            assert_eq!(written, serde_json::to_string(a).unwrap());
        }
        (Err(e), Ok(_)) => assert!(
            matches!(e.kind(), ErrorKind::DuplicateKey(_)),
            "{text:?}: refused ({e}), serde_json reads it"
        ),
        (Ok(_), Err(e)) => panic!("{text:?}: read, serde_json refuses it ({e})"),
        (Err(e), Err(_)) => {
            assert!(e.line() >= 1 && e.line() <= text.lines().count().max(1) + 1);
            assert!(e.column() <= text.len());
        }
    }
});
