//! Placeholder scanning and preview over arbitrary bytes: `params::occurrences`,
//! `params::placeholders`, `params::preview`, and `rules::preview` on the same script.
//!
//! Invariants: no panic; occurrences are in order, in bounds, non-overlapping and spell
//! exactly `{{name}}` with a well-formed name; `placeholders` lists their distinct names in
//! order of first appearance; `preview` with no values returns the script unchanged and with
//! values returns what replacing each occurrence by hand gives, `replaced_len` its length;
//! `rules::preview` agrees.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tat_request::params::{self, is_name_char, Parsed};
use tat_request::{base64, Options, RuleSet};

#[derive(Debug, Arbitrary)]
struct Input {
    content: Vec<u8>,
    parameters: Vec<(String, String)>,
    defaults: Vec<(String, String)>,
}

fn parsed(entries: &[(String, String)]) -> Parsed {
    Parsed {
        entries: entries.to_vec(),
        problems: Vec::new(),
    }
}

fuzz_target!(|input: Input| {
    let content = &input.content;
    // Both syntaxes: `{{tat-hidden:name}}` counts only when asked (the `latest` rule set).
    let hidden = content.first().is_some_and(|b| b & 1 == 1);
    let occ = params::occurrences(content, hidden);
    let mut last_end = 0;
    for o in &occ {
        assert!(last_end <= o.start && o.start < o.end && o.end <= content.len());
        last_end = o.end;
        let n = o.name.len();
        assert!((1..=64).contains(&n));
        assert!(o.name.bytes().all(is_name_char));
        assert_eq!(&content[o.start..o.start + 2], b"{{");
        let inner = &content[o.start + 2..o.end - 2];
        if o.hidden {
            assert!(hidden);
            assert_eq!(inner, [params::HIDDEN_PREFIX, o.name.as_bytes()].concat());
        } else {
            assert_eq!(inner, o.name.as_bytes());
        }
        assert_eq!(&content[o.end - 2..o.end], b"}}");
    }
    let mut distinct: Vec<&str> = Vec::new();
    for o in &occ {
        if !distinct.contains(&o.name) {
            distinct.push(o.name);
        }
    }
    assert_eq!(params::placeholders(content, hidden), distinct);

    let none = Parsed::default();
    assert_eq!(&params::preview(content, &none, &none, hidden), content);

    let (p, d) = (parsed(&input.parameters), parsed(&input.defaults));
    let mut expected = Vec::new();
    let mut at = 0;
    for o in &occ {
        expected.extend_from_slice(&content[at..o.start]);
        match p.get(o.name).or_else(|| d.get(o.name)) {
            Some(v) => expected.extend_from_slice(v.as_bytes()),
            None => expected.extend_from_slice(&content[o.start..o.end]),
        }
        at = o.end;
    }
    expected.extend_from_slice(&content[at..]);
    assert_eq!(params::preview(content, &p, &d, hidden), expected);
    // The length known before building is the length built.
    assert_eq!(params::replaced_len(content, &p, &d, hidden), expected.len() as u64);

    // The same through the public preview, with the values as JSON strings (when they make
    // a valid parameter object, which the preview checks first).
    let b64 = base64::encode(content);
    let json = |e: &[(String, String)]| {
        let m: serde_json::Map<String, serde_json::Value> = e
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
            .collect();
        serde_json::Value::Object(m).to_string()
    };
    let (pj, dj) = (json(&input.parameters), json(&input.defaults));
    let rules = if hidden {
        RuleSet::Latest
    } else {
        RuleSet::Seed
    };
    let options = Options::new(rules, tat_request::Language::EnUs);
    if let Ok(pre) = tat_request::preview(&b64, Some(&pj), Some(&dj), &options) {
        assert_eq!(pre.placeholders, distinct);
        let decoded = base64::decode(&pre.content).expect("preview content is base64");
        assert_eq!(
            pre.text.as_deref().map(str::as_bytes),
            std::str::from_utf8(&decoded).ok().map(str::as_bytes)
        );
        for m in &pre.missing {
            assert!(distinct.contains(&m.as_str()));
        }
    }
});
