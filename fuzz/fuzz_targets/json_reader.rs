//! The crate's JSON reading, `json::parse` (serde_json's reader through the crate's seed that
//! refuses a key repeated in one object), against `serde_json::from_str::<Value>` over
//! arbitrary text.
//!
//! Invariants: no panic and no stack overflow (nesting is bounded); it refuses a text exactly
//! when serde_json does, with the same error, or for a key given twice in one object (which
//! serde_json resolves silently); what both read is the same value; the error position is
//! within the text; what it reads, `json::write` writes as serde_json does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tat_request::json;

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
            json::is_duplicate_key(e),
            "{text:?}: refused ({e}), serde_json reads it"
        ),
        (Ok(_), Err(e)) => panic!("{text:?}: read, serde_json refuses it ({e})"),
        (Err(e), Err(r)) => {
            // A repeated key may be found before a later fault.
            assert!(
                json::is_duplicate_key(e) || e.to_string() == r.to_string(),
                "{text:?}: {e} / {r}"
            );
            assert!(e.line() >= 1 && e.line() <= text.lines().count().max(1) + 1);
            assert!(e.column() <= text.len());
        }
    }
});
