//! The custom-parameter JSON reader, `params::parse`, over arbitrary text.
//!
//! Invariants: no panic; it calls text invalid JSON exactly when `serde_json` does; accepted
//! entries have unique, well-formed keys within the limits, at most `max_entries` of them;
//! when it finds no problem, its entries are exactly the object `serde_json` reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tat_request::params::{self, is_name_char, Problem};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // The document's limits, and small ones that reach the over-the-limit paths quickly.
    let (max_entries, max_key) = if selector & 1 == 0 { (20, 64) } else { (3, 4) };
    let parsed = params::parse(&text, max_entries, max_key);

    let reference = serde_json::from_str::<serde_json::Value>(&text);
    let invalid = matches!(parsed.problems.first(), Some(Problem::InvalidJson { .. }));
    assert_eq!(
        invalid,
        reference.is_err(),
        "{:?} vs {:?}",
        parsed.problems,
        reference.err()
    );
    if invalid {
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.entries.is_empty());
        return;
    }

    assert!(parsed.entries.len() <= max_entries);
    let too_many = parsed
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::TooMany(_)))
        .count();
    assert!(too_many <= 1);
    for (i, (k, _)) in parsed.entries.iter().enumerate() {
        assert!(!k.is_empty() && k.bytes().all(is_name_char), "{k:?}");
        assert!(k.chars().count() <= max_key);
        assert!(
            parsed.entries[..i].iter().all(|(other, _)| other != k),
            "duplicate {k:?}"
        );
    }
    if parsed.problems.is_empty() {
        let Ok(serde_json::Value::Object(obj)) = reference else {
            panic!("no problem reported for a non-object");
        };
        assert_eq!(obj.len(), parsed.entries.len());
        for (k, v) in &parsed.entries {
            assert_eq!(obj.get(k).and_then(|x| x.as_str()), Some(v.as_str()));
        }
    }
});
