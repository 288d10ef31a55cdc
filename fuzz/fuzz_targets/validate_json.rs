//! Validation of arbitrary JSON requests: bytes -> `serde_json::Value` (when they parse) ->
//! `validate("RunCommand", ..)` under both rule sets and both languages.
//!
//! Invariants: no panic; every code is in the error catalogue; every message is non-empty and
//! short (a huge input must not make a huge message); the language changes the messages only,
//! never which fields or codes are reported, as errors or as warnings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tat_request::errors::lookup;
use tat_request::{validate, Language, Options, RuleSet};

/// The longest message any rule may write (values are quoted shortened to 64 characters).
const MAX_MESSAGE_BYTES: usize = 1024;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for rules in [RuleSet::Seed, RuleSet::Latest] {
        let mut shapes = Vec::new();
        for language in [Language::EnUs, Language::ZhCn] {
            let report = validate("RunCommand", &value, &Options::new(rules, language));
            let (errors, warnings) = report.into_lists();
            for e in errors.iter().chain(&warnings) {
                assert!(lookup(e.code).is_some(), "unknown code {}", e.code);
                assert!(!e.message.is_empty(), "empty message: {e:?}");
                assert!(
                    e.message.len() <= MAX_MESSAGE_BYTES,
                    "{} byte message for {} ({})",
                    e.message.len(),
                    e.code,
                    e.field.chars().take(80).collect::<String>()
                );
            }
            shapes.push(
                [errors, warnings]
                    .map(|l| l.into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>()),
            );
        }
        assert_eq!(shapes[0], shapes[1], "languages disagree on the errors");
    }
});
