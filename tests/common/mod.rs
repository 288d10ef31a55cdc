//! What the tests that read the specification share: the seed documents (in `shared/seeds/`
//! beside the repository) and the official API description (downloaded, pinned, by
//! `scripts/fetch-api.sh`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The folder of api.json and examples.json, fetched on first use.
pub fn api_dir() -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(format!("{root}/scripts/fetch-api.sh"))
        .output()
        .expect("scripts/fetch-api.sh runs");
    assert!(out.status.success(), "scripts/fetch-api.sh failed");
    let api = PathBuf::from(root).join(String::from_utf8(out.stdout).unwrap().trim());
    api.parent().unwrap().to_owned()
}

/// The lines of the RunCommand document, `shared/seeds/000_…` beside the repository.
pub fn seed_lines() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/000_3d6da0aa52211373.txt"
    );
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the seed document {path}: {e}"))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A document's text as words: tags dropped, the entities api.json uses decoded, whitespace
/// folded to single spaces.
pub fn normalized(doc: &str) -> String {
    let mut text = String::with_capacity(doc.len());
    let mut in_tag = false;
    for ch in doc.chars() {
        match ch {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON body of an example's HTTP request text (after the blank line).
pub fn example_body(input: &str) -> serde_json::Value {
    let body = input.split_once("\n\n").map_or(input, |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("example body {body:?}: {e}"))
}
