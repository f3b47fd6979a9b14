//! Bilingual text (Japanese first, English second) and the language selector.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The two languages the program speaks. Japanese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// Parses `ja` or `en`.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "ja" => Some(Self::Ja),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The locale code, `ja` or `en`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Ja => "ja",
            Self::En => "en",
        }
    }
}

/// A piece of rule text in Japanese and English. Both are required by the loader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Japanese text (the authoritative wording).
    pub ja: String,
    /// English text.
    pub en: String,
}

impl Text {
    /// A text from its Japanese and English wording.
    #[must_use]
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self { ja: ja.into(), en: en.into() }
    }

    /// The text in the given language.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A cell as a spreadsheet reads it as text: one that begins as a formula would (`=`, `+`,
/// `-`, `@`, a tab or carriage return, or their full-width forms, which Japanese Excel
/// also takes as a formula's start) gets a leading `'`, so opening the register never runs
/// what a case file planted (OWASP "CSV injection").
#[must_use]
pub fn as_spreadsheet_text(cell: &str) -> std::borrow::Cow<'_, str> {
    const FORMULA_START: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    if cell.starts_with(FORMULA_START) { format!("'{cell}").into() } else { cell.into() }
}

/// Picks the Japanese or English wording.
#[must_use]
pub fn l(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}
