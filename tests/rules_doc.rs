//! `docs/RULES.md` is the rules catalogue (`src/rules/catalog.rs`) and the generated
//! description of every action (`src/rules/generated.rs`), rendered; this test renders it
//! again and fails when the committed file differs (`UPDATE_RULES=1 cargo test --test
//! rules_doc` rewrites it). It also checks every rule's sources: a refusing rule must have one
//! that is not our own suspicion, and each quoted source must say what it is quoted for: the
//! words on that line of the seed, in that member's document of api.json, in that action's
//! request examples of examples.json.

mod common;

use common::{api_dir, normalized, seed_lines};
use serde_json::Value;
use std::fmt::Write;
use tat_request::rules::catalog::{Level, RuleDoc, Source, RULES};
use tat_request::rules::generated::ACTIONS;
use tat_request::rules::schema::{Kind, Len, Param};

fn source_text(s: &Source) -> String {
    match s {
        Source::Seed(line, words) => format!("seed line {line}: \"{words}\""),
        Source::Api(member, words) => format!("api.json `{member}`: \"{words}\""),
        Source::ApiSchema(what) => format!("api.json: {what}"),
        Source::Example(action, words) => format!("examples.json {action}: `{words}`"),
        Source::Signing(why) => format!("signing: {why}"),
        Source::Own(why) => format!("none (our suspicion): {why}"),
    }
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "**warning**",
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn kind_name(k: Kind) -> String {
    match k {
        Kind::Str => "string".into(),
        Kind::DateTime => "time string".into(),
        Kind::Int => "integer".into(),
        Kind::Uint => "integer ≥ 0".into(),
        Kind::Bool => "boolean".into(),
        Kind::Obj(_) => "object".into(),
        Kind::List(inner) => format!("list of {}", kind_name(*inner)),
    }
}

/// The checks the generated description gives one parameter, with their codes.
fn param_checks(p: &Param) -> (Vec<String>, Vec<&'static str>) {
    let mut checks = vec![kind_name(p.kind)];
    let mut codes = vec!["InvalidParameter"];
    if p.required {
        checks.push("required".into());
        codes.push("MissingParameter");
    }
    if let Some(len) = p.len {
        checks.push(match len {
            Len::Chars(n) => format!("≤ {n} characters"),
            Len::Bytes(n) => format!("≤ {n} bytes"),
        });
        codes.push("InvalidParameterValue.TooLong");
    }
    if let Some((lo, hi)) = p.range {
        if hi != i64::MAX {
            checks.push(format!("in [{lo}, {hi}]"));
            codes.push("InvalidParameterValue.Range");
        }
    }
    if let Some(n) = p.items_max {
        checks.push(format!("≤ {n} items"));
        codes.push("InvalidParameterValue.LimitExceeded");
    }
    if !p.filter_names.is_empty() {
        let names: Vec<String> = p
            .filter_names
            .iter()
            .map(|n| {
                if n.ends_with(':') {
                    format!("{n}<key>")
                } else {
                    (*n).to_owned()
                }
            })
            .collect();
        checks.push(format!("filter names {} (warning)", names.join(", ")));
        codes.push("InvalidParameterValue.InvalidFilter");
    }
    if let Some(n) = p.filter_values_max {
        checks.push(format!("≤ {n} values a filter"));
        codes.push("LimitExceeded.FilterValueExceeded");
    }
    (checks, codes)
}

fn render() -> String {
    let mut out = String::new();
    out.push_str(
        "# Rules: what is refused, what is warned\n\n\
         Generated from `src/rules/catalog.rs` and `src/rules/generated.rs` by `tests/rules_doc.rs`\n\
         (`UPDATE_RULES=1 cargo test --test rules_doc` rewrites it; `make test` fails when it differs).\n\n\
         An **error** makes a request invalid: `valid` is false and `buildRequest` throws, unless\n\
         called with `validation: 'warn'`. A **warning** never does: it is what we only suspect.\n\
         A rule refuses only where a document says the service refuses the value; the test checks\n\
         that every error has such a source and that each quoted source says what it is quoted for\n\
         (the seed's line, api.json's member document, examples.json's request). Rules whose source\n\
         is `signing` are refused whatever the mode: the request could not be signed as given.\n\n\
         ## Rules\n\n\
         | rule | actions | field | check | code | level | sources |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        let sources: Vec<String> = r.sources.iter().map(source_text).collect();
        writeln!(
            out,
            "| `{}` | {} | {} | {} | `{}` | {} | {} |",
            r.id,
            cell(r.actions),
            cell(r.field),
            cell(r.check),
            r.rule.code,
            level(r.rule.level),
            cell(&sources.join("; "))
        )
        .unwrap();
    }
    out.push_str(
        "\n## Every action's parameters (rules `param.*`, `filter.*`, generated from api.json)\n\n\
         Each check refuses with the code beside it (filter names only warn); the source of each is\n\
         the member's `type`, `required` and document in api.json (`<Action>Request.<Parameter>`).\n\
         RunCommand's own rules above apply on top of these.\n",
    );
    for a in ACTIONS {
        writeln!(out, "\n### {}\n", a.name).unwrap();
        out.push_str("| parameter | checks | codes |\n|---|---|---|\n");
        let mut rows: Vec<(String, &Param)> = Vec::new();
        fn walk<'p>(prefix: &str, params: &'p [Param], rows: &mut Vec<(String, &'p Param)>) {
            for p in params {
                let name = format!("{prefix}{}", p.name);
                rows.push((name.clone(), p));
                let inner = match p.kind {
                    Kind::Obj(m) => Some((m, format!("{name}."))),
                    Kind::List(Kind::Obj(m)) => Some((*m, format!("{name}[i]."))),
                    _ => None,
                };
                // Filters' members are the same everywhere: listed once, under their list.
                if let Some((members, prefix)) = inner {
                    walk(&prefix, members, rows);
                }
            }
        }
        walk("", a.params, &mut rows);
        for (name, p) in rows {
            let (checks, codes) = param_checks(p);
            let mut codes: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
            codes.dedup();
            writeln!(
                out,
                "| {name} | {} | {} |",
                checks.join("; "),
                codes.join(", ")
            )
            .unwrap();
        }
        if !a.conflicts.is_empty() {
            let pairs: Vec<String> = a
                .conflicts
                .iter()
                .map(|(x, y)| format!("{x} with {y}"))
                .collect();
            writeln!(
                out,
                "\nNot together (`InvalidParameter.ConflictParameter`): {}.",
                pairs.join("; ")
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn rules_md_is_the_catalogue_rendered() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md");
    let want = render();
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let got = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        got == want,
        "docs/RULES.md is out of date: run `UPDATE_RULES=1 cargo test --test rules_doc`"
    );
}

#[test]
fn every_refusal_has_a_documented_source() {
    let ids: std::collections::BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
    for r in RULES {
        assert!(!r.sources.is_empty(), "{}: no source", r.id);
        if r.rule.level == Level::Error {
            assert!(
                r.sources.iter().any(|s| !matches!(s, Source::Own(_))),
                "{} refuses on our own suspicion alone: make it a warning or cite a document",
                r.id
            );
        }
    }
}

/// Each quoted source says it: the words stand on that seed line, in that api.json member's
/// document, in that action's request examples.
#[test]
fn every_quoted_source_says_it() {
    let seed = seed_lines();
    let dir = api_dir();
    let api: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("api.json")).unwrap()).unwrap();
    let examples: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("examples.json")).unwrap()).unwrap();
    let check = |r: &RuleDoc, s: &Source| match s {
        Source::Seed(line, words) => {
            let text = seed.get(*line as usize - 1).map(|l| normalized(l));
            assert!(
                text.as_deref()
                    .is_some_and(|t| t.contains(&normalized(words))),
                "{}: seed line {line} does not say \"{words}\" (it says {text:?})",
                r.id
            );
        }
        Source::Api(member, words) => {
            let (object, name) = member.split_once('.').unwrap();
            let doc = api["objects"][object]["members"]
                .as_array()
                .and_then(|ms| ms.iter().find(|m| m["name"] == *name))
                .and_then(|m| m["document"].as_str())
                .unwrap_or_else(|| panic!("{}: api.json has no member {member}", r.id));
            assert!(
                normalized(doc).contains(&normalized(words)),
                "{}: api.json {member} does not say \"{words}\":\n{}",
                r.id,
                normalized(doc)
            );
        }
        Source::Example(action, words) => {
            let inputs: Vec<&str> = examples["actions"][action]
                .as_array()
                .unwrap_or_else(|| panic!("{}: no examples of {action}", r.id))
                .iter()
                .filter_map(|e| e["input"].as_str())
                .collect();
            assert!(
                inputs.iter().any(|i| i.contains(words)),
                "{}: no request example of {action} has `{words}`",
                r.id
            );
        }
        Source::ApiSchema(_) | Source::Signing(_) | Source::Own(_) => {}
    };
    for r in RULES {
        for s in r.sources {
            check(r, s);
        }
    }
}
