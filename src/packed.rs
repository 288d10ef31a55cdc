//! Tables of texts kept as one string plus each text's length, instead of a `&str` (a pointer
//! and a length) per text: gzip shrinks a list of small lengths well and a list of pointers
//! hardly at all. The error catalogue is stored so (0.45 KB less gzipped wasm); the 13 task
//! statuses are not: there the code that reads them costs more than the pointers (0.1 KB).

/// The next `N` texts of `text` from byte `*at`, whose lengths are `lens`; `*at` moves past
/// them. The lengths are the texts' own (the tables are made by `concat!` and `str::len` of
/// the same literals), so every piece is in bounds and on character boundaries; were one
/// not, it would be empty rather than a panic.
pub(crate) fn next<const N: usize>(
    text: &'static str,
    at: &mut usize,
    lens: [u16; N],
) -> [&'static str; N] {
    lens.map(|len| {
        let from = *at;
        *at += len as usize;
        text.get(from..*at).unwrap_or_default()
    })
}
