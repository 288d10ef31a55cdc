//! Message language.

/// The language of human-readable messages. `en-US` is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Language {
    /// English, `en-US`.
    #[default]
    EnUs,
    /// Simplified Chinese, `zh-CN`.
    ZhCn,
}

impl Language {
    /// Parses the API's spelling (`en-US`, `zh-CN`); anything else is `None`.
    pub fn parse(s: &str) -> Option<Language> {
        match s {
            "en-US" => Some(Language::EnUs),
            "zh-CN" => Some(Language::ZhCn),
            _ => None,
        }
    }

    /// The API's spelling, as sent in `X-TC-Language`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::EnUs => "en-US",
            Language::ZhCn => "zh-CN",
        }
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Language::EnUs => en,
            Language::ZhCn => zh,
        }
    }
}
