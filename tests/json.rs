//! The crate's JSON reading (serde_json's reader through the crate's seed, which refuses a key
//! repeated in one object) against `serde_json::from_str::<Value>`: it accepts exactly the
//! same texts but for a repeated key, reads the same value and reports the same error; the
//! limits on hostile text hold; the writer writes the bytes of `serde_json::to_string`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use tat_request::json;

/// Whether the reader and serde_json agree on `text`: both refuse it, or both read the same
/// value, or the reader alone refuses it for a repeated key (which serde_json resolves by
/// keeping the last).
fn agrees(text: &str) -> Result<(), String> {
    let ours = json::parse(text);
    let reference = serde_json::from_str::<Value>(text);
    match (&ours, &reference) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        // The same error at the same place: the seed adds no error of its own but one. A
        // text with a repeated key and a later fault may be refused for either.
        (Err(a), Err(b)) if a.to_string() == b.to_string() || json::is_duplicate_key(a) => Ok(()),
        (Err(e), Ok(_)) if json::is_duplicate_key(e) => Ok(()),
        _ => Err(format!("{text:?}: ours {ours:?}, serde_json {reference:?}")),
    }
}

#[test]
fn the_edges_of_the_grammar() {
    let cases = [
        "",
        " ",
        "null",
        "nul",
        "true",
        "tru",
        "false",
        "falsey",
        "[]",
        "[",
        "]",
        "{}",
        "{",
        "[1,]",
        "[,1]",
        "[1 2]",
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":}"#,
        r#"{a:1}"#,
        r#"{"a":1 "b":2}"#,
        r#"{1:2}"#,
        "{} {}",
        "{}x",
        " \t\r\n{} \n",
        "\u{feff}{}",
        // Numbers.
        "0",
        "-0",
        "00",
        "-00",
        "01",
        "-",
        "-a",
        "1.",
        "1.e5",
        ".5",
        "1e",
        "1e+",
        "1e-5",
        "1E5",
        "1.5e300",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.1",
        "2.2250738585072014e-308",
        "5e-324",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "+1",
        "0x10",
        "Infinity",
        "NaN",
        // Strings.
        r#""""#,
        r#"""#,
        r#""abc"#,
        r#""a\"b""#,
        r#""\\""#,
        r#""\/""#,
        r#""\b\f\n\r\t""#,
        r#""\x""#,
        r#""\u""#,
        r#""\u12""#,
        r#""\u00e9""#,
        r#""\u00E9""#,
        r#""\u0000""#,
        r#""\uD83D\uDE00""#,
        r#""\uD83D""#,
        r#""\uDE00""#,
        r#""\uD83Dx""#,
        r#""\uD83D\u0041""#,
        r#""\uD83D\uD83D""#,
        "\"a\u{1}b\"",
        "\"tab\there\"",
        "\"é😀\"",
        "\"\u{7f}\"",
        r#""12345678\"9""#,
        r#""1234567\n""#,
        "\"123456789012345\u{1f}\"",
    ];
    for text in cases {
        agrees(text).unwrap();
    }
    // Nesting: serde_json's limit, in arrays and objects.
    for depth in [126, 127, 128, 129] {
        agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth))).unwrap();
        let obj = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        agrees(&obj).unwrap();
    }
}

/// Nesting is refused past 127 levels however deep the text goes (no stack overflow), and
/// anything within it is read; a large flat text is only large.
#[test]
fn the_hostile_limits_hold() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(json::parse(&nested(127)).is_ok());
    let e = json::parse(&nested(128)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "recursion limit exceeded at line 1 column 128"
    );
    assert!(!json::is_duplicate_key(&e));
    // At the 128th opening bracket or brace.
    for (unit, levels) in [("[", 1), (r#"{"a":"#, 1), (r#"[{"a":"#, 2)] {
        let text = unit.repeat(200_000 / levels);
        let e = json::parse(&text).unwrap_err();
        let column = 127 / levels * unit.len() + if levels == 2 { 2 } else { 1 };
        assert_eq!(
            e.to_string(),
            format!("recursion limit exceeded at line 1 column {column}"),
            "{unit}"
        );
    }
    let wide = format!("[{}1]", "1,".repeat(200_000));
    assert_eq!(
        json::parse(&wide).unwrap().as_array().map(Vec::len),
        Some(200_001)
    );
}

#[test]
fn repeated_keys_are_refused_at_any_depth_named_and_placed() {
    for (text, key, line, column) in [
        (r#"{"a":1,"a":1}"#, "a", 1, 10),
        (r#"[{"b":{"c":1,"c":2}}]"#, "c", 1, 16),
        (r#"{"é":1,"\u00e9":2}"#, "é", 1, 16),
        (
            "[1,\n {\"x\": {}, \"y\": [{\"k\": 1,\n   \"k\": 2}]}]",
            "k",
            3,
            6,
        ),
    ] {
        let e = json::parse(text).unwrap_err();
        assert!(json::is_duplicate_key(&e), "{text}: {e}");
        assert_eq!(
            e.to_string(),
            format!("the key `{key}` appears twice in one object at line {line} column {column}"),
        );
        // serde_json reads it, keeping the last value.
        assert!(serde_json::from_str::<Value>(text).is_ok());
    }
}

/// Any JSON value, a few levels deep, with the strings that need escaping.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        ".{0,40}".prop_map(Value::String),
        "[\\x00-\\x20\"\\\\/\u{7f}é😀a]{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((".{0,12}", inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The writer writes serde_json's bytes (appended to what the string held), and the
    /// reader reads them back as serde_json does. (Not always `v` itself: serde_json's
    /// default float reading can be one bit off for a long decimal; the crate only validates
    /// numbers, the body is sent as written.)
    #[test]
    fn written_as_serde_json_and_read_back(v in any_json()) {
        let mut ours = String::from("x");
        json::write(&mut ours, &v);
        let expected = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(&ours[1..], expected.as_str());
        prop_assert_eq!(json::parse(&expected).unwrap(), serde_json::from_str::<Value>(&expected).unwrap());
    }

    /// A valid text with one character deleted, inserted or replaced: the two readers agree.
    #[test]
    fn broken_texts_are_judged_alike(
        v in any_json(),
        at in any::<prop::sample::Index>(),
        edit in 0..3u8,
        c in prop::sample::select(r#"{}[]":,0123456789.eE+-\ u"tfnrl "#.chars().collect::<Vec<_>>()),
    ) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        let mut edited = chars.clone();
        match edit {
            0 if i < edited.len() => { edited.remove(i); }
            1 => edited.insert(i, c),
            _ if i < edited.len() => edited[i] = c,
            _ => edited.push(c),
        }
        let edited: String = edited.into_iter().collect();
        prop_assert!(agrees(&edited).is_ok(), "{}", agrees(&edited).unwrap_err());
    }

    /// Short texts from JSON's own characters.
    #[test]
    fn token_soup_is_judged_alike(text in r#"[\[\]{}":,0-9eE.+\- \\u"tfnrlasx]{0,24}"#) {
        prop_assert!(agrees(&text).is_ok(), "{}", agrees(&text).unwrap_err());
    }
}
