//! Caller's text as quoted in messages. The lowest layer: JSON reading, the rules and the
//! bindings all quote what they refuse, and none of them is below another here.

/// A caller's value as quoted in a message: at most 64 characters, so that a huge input does
/// not make a huge message.
pub(crate) fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 64;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]).into(),
        None => s.into(),
    }
}
