//! How the documents write a date: 西暦 as recorded (the default), or 和暦 with 西暦 beside
//! it, as the organisation's profile chooses. The era comes from ICU4X's Japanese calendar
//! (its era data, not a table of ours), so 令和元年 and the day an era began come out right.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// How the documents (memo, drafts, the state sentences) write dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 西暦 as recorded: 2026-12-06.
    #[default]
    Western,
    /// 和暦 with 西暦 beside it: 令和8年（2026年）12月6日; in English 2026-12-06 (Reiwa 8).
    JapaneseEra,
}

impl DateStyle {
    /// Whether this is the default (the profile then leaves the key out).
    #[must_use]
    pub fn is_western(&self) -> bool {
        *self == Self::Western
    }

    /// The style's name as the profile and the stamp of a memo write it.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Western => "western",
            Self::JapaneseEra => "japanese_era",
        }
    }

    /// Reads [`DateStyle::code`] back.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "western" => Some(Self::Western),
            "japanese_era" => Some(Self::JapaneseEra),
            _ => None,
        }
    }
}

/// A Japanese era by ICU4X's era code: its name in Japanese and in English.
const ERAS: [(&str, &str, &str); 5] = [
    ("meiji", "明治", "Meiji"),
    ("taisho", "大正", "Taishō"),
    ("showa", "昭和", "Shōwa"),
    ("heisei", "平成", "Heisei"),
    ("reiwa", "令和", "Reiwa"),
];

/// The era and the year within it of `date` (「令和」, "Reiwa", 8); `None` before 明治 or in
/// an era this build cannot name.
#[must_use]
pub fn era_year(date: NaiveDate) -> Option<(&'static str, &'static str, i32)> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    let iso = icu_calendar::Date::try_new_iso(date.year(), month, day).ok()?;
    let japanese = iso.to_calendar(icu_calendar::cal::Japanese::new());
    let era = japanese.era_year();
    ERAS.iter().find(|(code, _, _)| *code == era.era.as_str()).map(|(_, ja, en)| (*ja, *en, era.year))
}

/// `date` as the documents write it in `style` and `lang`.
#[must_use]
pub fn format(date: NaiveDate, style: DateStyle, lang: Lang) -> String {
    let western = date.format("%Y-%m-%d").to_string();
    let Some((era_ja, era_en, year)) = era_year(date).filter(|_| style == DateStyle::JapaneseEra) else {
        return western;
    };
    match lang {
        Lang::Ja => {
            let year = if year == 1 { "元".to_string() } else { year.to_string() };
            format!("{era_ja}{year}年（{}年）{}月{}日", date.year(), date.month(), date.day())
        }
        Lang::En => format!("{western} ({era_en} {year})"),
    }
}

/// A recorded text as the documents write it: every date in it written `YYYY-MM-DD` (a
/// date, a date and time, a period 「2027-04-01〜2028-03-31」) in `style`; the rest as
/// recorded. Digits run on either side of a date (2026-04-011) leave it as it is.
#[must_use]
pub fn format_recorded(text: &str, style: DateStyle, lang: Lang) -> String {
    if style == DateStyle::Western {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let candidate: String = chars.iter().skip(i).take(10).collect();
        let starts_clear = i == 0 || !digit(i - 1);
        if starts_clear
            && candidate.chars().count() == 10
            && !digit(i + 10)
            && let Ok(date) = NaiveDate::parse_from_str(&candidate, "%Y-%m-%d")
            && candidate.as_bytes()[4] == b'-'
        {
            out.push_str(&format(date, style, lang));
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_era_changes_on_the_day_it_began_and_its_first_year_is_gannen() {
        let ja = |date| format(date, DateStyle::JapaneseEra, Lang::Ja);
        assert_eq!(ja(d(2019, 4, 30)), "平成31年（2019年）4月30日");
        assert_eq!(ja(d(2019, 5, 1)), "令和元年（2019年）5月1日");
        assert_eq!(ja(d(2026, 12, 6)), "令和8年（2026年）12月6日");
        assert_eq!(ja(d(1989, 1, 7)), "昭和64年（1989年）1月7日");
        assert_eq!(ja(d(1989, 1, 8)), "平成元年（1989年）1月8日");
        assert_eq!(format(d(2026, 12, 6), DateStyle::JapaneseEra, Lang::En), "2026-12-06 (Reiwa 8)");
        assert_eq!(format(d(2026, 12, 6), DateStyle::Western, Lang::Ja), "2026-12-06");
    }

    #[test]
    fn a_recorded_time_keeps_its_time_and_other_text_stays_as_recorded() {
        let ja = |t| format_recorded(t, DateStyle::JapaneseEra, Lang::Ja);
        assert_eq!(ja("2026-04-01 09:30"), "令和8年（2026年）4月1日 09:30");
        assert_eq!(ja("2026-04-01"), "令和8年（2026年）4月1日");
        assert_eq!(ja("2026年度末"), "2026年度末");
        assert_eq!(ja("2026-13-01"), "2026-13-01");
        assert_eq!(ja("2026-04-011"), "2026-04-011");
        assert_eq!(ja("2027-04-01〜2028-03-31"), "令和9年（2027年）4月1日〜令和10年（2028年）3月31日");
        assert_eq!(format_recorded("2027-04-01", DateStyle::Western, Lang::Ja), "2027-04-01");
    }
}
