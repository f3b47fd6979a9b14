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

    /// The Japanese or the English of two wordings: the one place the program's own texts
    /// choose their language ([`l`] and [`Text::get`] are this).
    #[must_use]
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Ja => ja,
            Self::En => en,
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
        lang.pick(&self.ja, &self.en)
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
    lang.pick(ja, en).to_string()
}

/// Replaces every occurrence of any of `patterns` in `text` with what `with` gives for it,
/// in one pass over the source text: a replacement is never searched again, so a
/// replacement that itself holds a pattern (an organisation's word holding 〔 省 〕, a
/// draft's fill holding a `{slot}`) is printed as it is and cannot multiply. At one place
/// the longest pattern wins.
#[must_use]
pub fn replace_once<'a>(text: &str, patterns: &[&'a str], mut with: impl FnMut(&'a str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        let mut best: Option<&'a str> = None;
        for p in patterns {
            if !p.is_empty() && rest.starts_with(p) && best.is_none_or(|b| p.len() > b.len()) {
                best = Some(p);
            }
        }
        if let Some(p) = best
            && let Some(w) = with(p)
        {
            out.push_str(&w);
            rest = &rest[p.len()..];
            continue 'scan;
        }
        let ch = rest.chars().next().expect("not empty");
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod replace_once_tests {
    use super::replace_once;

    #[test]
    fn a_replacement_holding_a_pattern_is_not_replaced_again() {
        let own = "〔 省 〕と当省";
        let out = replace_once("〔 省 〕の情報、当省の規程", &["〔 省 〕", "当省"], |_| {
            Some(own.to_string())
        });
        assert_eq!(out, "〔 省 〕と当省の情報、〔 省 〕と当省の規程");
        // 1 000 placeholders and a word holding 100 of them: linear, not exponential.
        let text = "〔 省 〕".repeat(1_000);
        let word = "当省".repeat(100);
        assert_eq!(replace_once(&text, &["〔 省 〕", "当省"], |_| Some(word.clone())).len(), 1_000 * word.len());
    }

    #[test]
    fn the_longest_pattern_wins_and_unknown_ones_stay() {
        assert_eq!(
            replace_once("{a}{ab}{x}", &["{a}", "{ab}", "{x}"], |p| (p != "{x}").then(|| p.len().to_string())),
            "34{x}"
        );
    }
}

/// A file name as messages print it: exactly the name, except what a terminal or a log
/// would act on or lose — control characters (newline, carriage return, escape…) and the
/// bidirectional overrides are shown as `\u{..}`, bytes that are not UTF-8 as `\x{..}` —
/// so a name can neither garble the output nor smuggle terminal escape sequences into it.
#[must_use]
pub fn shown_path(path: &std::path::Path) -> String {
    let mut out = String::new();
    let mut push = |s: &str| out.push_str(&shown(s));
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            push(chunk.valid());
            for b in chunk.invalid() {
                // Text with no control character: `push` keeps it as it is.
                push(&format!("\\x{{{b:02x}}}"));
            }
        }
    }
    #[cfg(not(unix))]
    push(&path.to_string_lossy());
    out
}

/// One line of text as a terminal or log prints it: control characters (newline, carriage
/// return, escape…) and the bidirectional overrides shown as `\u{..}`, the rest as it is.
#[must_use]
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod shown_path_tests {
    use super::shown_path;
    use std::path::Path;

    #[test]
    fn control_characters_and_escapes_are_shown_not_acted_on() {
        assert_eq!(shown_path(Path::new("案件\n偽の行\r.case.json")), "案件\\u{a}偽の行\\u{d}.case.json");
        assert_eq!(shown_path(Path::new("a\u{1b}[31mred.case.json")), "a\\u{1b}[31mred.case.json");
        assert_eq!(shown_path(Path::new("x\u{202e}nosj.case")), "x\\u{202e}nosj.case");
        assert_eq!(shown_path(Path::new("普通の名前.case.json")), "普通の名前.case.json");
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"bad\xff\xfe.case.json"));
        assert_eq!(shown_path(p), "bad\\x{ff}\\x{fe}.case.json");
    }
}
