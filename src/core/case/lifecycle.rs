//! A case over time: the approval's re-review date (expiring, expired), an approval given
//! by the case's own author, and the re-review that opens a new revision and keeps the old.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{Case, PastRevision, integrity};

/// How a case stands against its re-review date on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// No date is recorded.
    NoDate,
    /// The date is not a valid YYYY-MM-DD date.
    Unreadable,
    /// The date lies ahead, `days` from today (0 = today).
    Ahead {
        /// The date.
        date: NaiveDate,
        /// Days left.
        days: i64,
    },
    /// The date has passed, `days` ago.
    Expired {
        /// The date.
        date: NaiveDate,
        /// Days since.
        days: i64,
    },
}

impl Expiry {
    /// True when the date has passed.
    #[must_use]
    pub fn is_expired(self) -> bool {
        matches!(self, Self::Expired { .. })
    }

    /// True when the date is today or within `days` days.
    #[must_use]
    pub fn within(self, days: i64) -> bool {
        matches!(self, Self::Ahead { days: d, .. } if d <= days)
    }
}

/// Parses a YYYY-MM-DD date as the approval block records it.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The case's re-review date (the approval's `review_by`) against `today`.
#[must_use]
pub fn expiry(case: &Case, today: NaiveDate) -> Expiry {
    expiry_of(case.approval.as_ref().and_then(|a| a.review_by.as_deref()), today)
}

/// A recorded re-review date (YYYY-MM-DD, or nothing) against `today`.
#[must_use]
pub fn expiry_of(review_by: Option<&str>, today: NaiveDate) -> Expiry {
    let Some(text) = review_by.filter(|t| !t.trim().is_empty()) else {
        return Expiry::NoDate;
    };
    match parse_date(text) {
        None => Expiry::Unreadable,
        Some(date) => {
            let days = (date - today).num_days();
            if days < 0 { Expiry::Expired { date, days: -days } } else { Expiry::Ahead { date, days } }
        }
    }
}

/// A name with every kind of space removed (「山田　太郎」 = 「山田 太郎」 = 「山田太郎」).
fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when the recorded approver has the same name as the case's author: the request
/// and the decision should come from different people.
#[must_use]
pub fn self_approved(case: &Case) -> bool {
    let author = name_key(&case.basics.author);
    case.approval.as_ref().is_some_and(|a| !author.is_empty() && name_key(&a.approver) == author)
}

/// Starts a re-review: the case as it stands (answers, seal, approval) is kept read-only in
/// its history, and a new revision begins with the same answers and no approval.
#[must_use]
pub fn start_re_review(case: &Case, now: DateTime<FixedOffset>) -> Case {
    let mut old = case.clone();
    old.history = Vec::new();
    let old = integrity::sealed(&old);
    let mut next = case.clone();
    next.history.push(PastRevision { revision: case.revision, closed_at: now, case: Box::new(old) });
    next.revision = case.revision + 1;
    next.approval = None;
    next.outcome = None;
    next.integrity = None;
    // A reseal belongs to the revision whose file was found changed; the history keeps it.
    next.reseals.clear();
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::case::{Approval, ApprovalResult};

    fn approved(author: &str, approver: &str, review_by: Option<&str>) -> Case {
        let mut c = Case::new("r", "1");
        c.basics.author = author.into();
        c.approval = Some(Approval {
            approver: approver.into(),
            decided_on: "2026-04-01".into(),
            result: ApprovalResult::Approved,
            conditions: String::new(),
            review_by: review_by.map(Into::into),
            approved_content: None,
        });
        c
    }

    #[test]
    fn expiry_counts_days_either_side_of_the_date() {
        let today = parse_date("2026-12-01").expect("date");
        assert_eq!(expiry(&approved("a", "b", None), today), Expiry::NoDate);
        assert_eq!(expiry(&approved("a", "b", Some("来年")), today), Expiry::Unreadable);
        let e = expiry(&approved("a", "b", Some("2026-12-31")), today);
        assert!(e.within(30) && !e.within(29) && !e.is_expired(), "{e:?}");
        assert!(expiry(&approved("a", "b", Some("2026-11-30")), today).is_expired());
        assert!(expiry(&approved("a", "b", Some("2026-12-01")), today).within(0));
    }

    #[test]
    fn the_same_name_with_other_spacing_is_a_self_approval() {
        assert!(self_approved(&approved("山田　太郎", "山田 太郎", None)));
        assert!(!self_approved(&approved("山田 太郎", "佐藤 花子", None)));
        assert!(!self_approved(&approved("", "", None)));
    }
}
