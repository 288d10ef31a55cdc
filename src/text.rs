//! Caller's text as quoted in messages. The lowest layer: JSON reading, the rules and the
//! bindings all quote what they refuse, and none of them is below another here.

/// A caller's value as quoted in a message: at most 64 characters, so that a huge input does
/// not make a huge message.
pub(crate) fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)).into(),
        None => s.into(),
    }
}

// Substring search without `str`'s (`contains`, `split_once`, `replace` with a `&str`
// pattern): theirs links a slicing path that can panic, and with it `char`'s Debug and the
// Unicode printable tables, about 2 KB gzipped of the validation module's 64 KB budget
// (bench/NOTES.md). These compare bytes and slice with `get`: the same answers, no panic path.

/// Where `pat` first occurs in `s`, in bytes.
pub(crate) fn find(s: &str, pat: &str) -> Option<usize> {
    let (s, pat) = (s.as_bytes(), pat.as_bytes());
    if pat.is_empty() {
        return Some(0);
    }
    s.windows(pat.len()).position(|w| w == pat)
}

/// Whether `pat` occurs in `s`.
pub(crate) fn contains(s: &str, pat: &str) -> bool {
    find(s, pat).is_some()
}

/// `s` split around the first `pat`, as `str::split_once`.
pub(crate) fn split_once<'a>(s: &'a str, pat: &str) -> Option<(&'a str, &'a str)> {
    let at = find(s, pat)?;
    Some((s.get(..at)?, s.get(at + pat.len()..)?))
}

/// Every `pat` of `s` replaced by `with`, as `str::replace`.
pub(crate) fn replace(s: &str, pat: &str, with: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((before, after)) = split_once(rest, pat).filter(|_| !pat.is_empty()) {
        out.push_str(before);
        out.push_str(with);
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_answer_as_str_does() {
        for (s, pat) in [
            ("a.cos.b", ".cos."),
            ("abc", "x"),
            ("", "a"),
            ("a//b//", "//"),
            ("tag:k, tag:v", "tag:"),
            ("中文.cos.文", ".cos."),
            ("ab", ""),
        ] {
            assert_eq!(find(s, pat), s.find(pat), "{s} {pat}");
            assert_eq!(contains(s, pat), s.contains(pat));
            assert_eq!(split_once(s, pat), s.split_once(pat));
            if !pat.is_empty() {
                assert_eq!(replace(s, pat, "<>"), s.replace(pat, "<>"));
            }
        }
        assert_eq!(shown(&"é".repeat(70)), format!("{}…", "é".repeat(64)));
    }
}
