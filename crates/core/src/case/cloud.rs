//! A cloud service's answers and listing in words, and the listing's validity against a
//! day: the one wording the memo, the register and the terms screen share.

use chrono::NaiveDate;

use super::lifecycle::{Expiry, expiry_of};
use super::{CloudFacts, Listing, TermsCheck};
use crate::dates::DateStyle;
use crate::text::{Lang, l};

/// The listing's validity on `today` ([`Expiry::NoDate`] when the service is not listed).
#[must_use]
pub fn listing_expiry(cloud: &CloudFacts, today: NaiveDate) -> Expiry {
    if cloud.is_listed() { expiry_of(Some(&cloud.listed_until), today) } else { Expiry::NoDate }
}

/// A yes/no question's answer: 「はい」, 「いいえ」, or 「未回答」.
#[must_use]
pub fn answer(value: Option<bool>, lang: Lang) -> String {
    match value {
        Some(true) => l(lang, "はい", "Yes"),
        Some(false) => l(lang, "いいえ", "No"),
        None => l(lang, "未回答", "Not answered"),
    }
}

/// The register a listing is in, by its own name.
#[must_use]
pub fn register_name(listing: Listing, lang: Lang) -> String {
    match listing {
        Listing::NotChecked => l(lang, "未確認", "Not looked up"),
        Listing::NotListed => l(lang, "登録なし（ISMAP・ISMAP-LIU とも）", "In neither ISMAP nor ISMAP-LIU"),
        Listing::Ismap => "ISMAP".into(),
        Listing::IsmapLiu => "ISMAP-LIU".into(),
    }
}

/// The listing in one line, its validity on `today` included: 「ISMAP（登録名: クラウドY
/// IaaS、有効期限: 2027-06-30）」, 「… — 有効期限切れ（3日経過）」, 「登録なし…」, 「未確認」.
#[must_use]
pub fn listing_words(cloud: &CloudFacts, today: NaiveDate, lang: Lang, dates: DateStyle) -> String {
    let name = register_name(cloud.listing, lang);
    if !cloud.is_listed() {
        return name;
    }
    let until = if cloud.listed_until.trim().is_empty() {
        l(lang, "未記入", "not given")
    } else {
        crate::dates::format_recorded(&cloud.listed_until, dates, lang)
    };
    let listed = match lang {
        Lang::Ja => format!("{name}（登録名: {}、有効期限: {until}）", cloud.listed_name),
        Lang::En => format!("{name} (listed as: {}; valid until: {until})", cloud.listed_name),
    };
    match listing_expiry(cloud, today) {
        Expiry::Expired { days, .. } => match lang {
            Lang::Ja => format!("{listed} — 登録の有効期限切れ（{days}日経過）"),
            Lang::En => format!("{listed} — the listing lapsed {days} days ago"),
        },
        Expiry::Unreadable => format!("{listed} — {}", l(lang, "有効期限が読めません", "unreadable date")),
        _ => listed,
    }
}

/// Whether the terms' data location, governing law and court are the ones the listing
/// discloses (each then rests on the listing as its evidence).
#[must_use]
pub fn from_listing(tc: &TermsCheck) -> [bool; 3] {
    let c = &tc.cloud;
    let same = |recorded: &str, disclosed: &str| {
        c.is_listed() && !disclosed.trim().is_empty() && recorded.trim() == disclosed.trim()
    };
    [
        same(&tc.data_location, &c.disclosed_region),
        same(&tc.governing_law, &c.disclosed_law),
        same(&tc.court, &c.disclosed_court),
    ]
}
