//! A case over time: the one state it is in on a given day ([`state`]), the approval's
//! re-review date (expiring, expired), an approval given by the case's own author, and the
//! re-review that opens a new revision and keeps the old.

use chrono::{DateTime, FixedOffset, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::{Approval, ApprovalAction, ApprovalResult, Case, PastRevision, integrity};
use crate::dates::DateStyle;
use crate::rules::files::OutcomeKind;
use crate::text::l;

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

/// The case's re-review date (the decision's `review_by`) against `today`.
#[must_use]
pub fn expiry(case: &Case, today: NaiveDate) -> Expiry {
    expiry_of(case.decision().and_then(|a| a.review_by.as_deref()), today)
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

/// A name as people read it: NFKC (全角／半角, ﾔﾏﾀﾞ = ヤマダ), case folded, with spaces of
/// every width and invisible characters (zero-width spaces and joiners, soft hyphens, the
/// byte-order mark, bidirectional marks) removed.
#[must_use]
pub fn name_key(name: &str) -> String {
    let invisible = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
    };
    name.nfkc().flat_map(char::to_lowercase).filter(|c| !invisible(*c)).collect()
}

/// Whether two names are the same person's as people read them ([`name_key`]); two empty
/// names are not.
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    let a = name_key(a);
    !a.is_empty() && a == name_key(b)
}

/// True when the decision in force was given by someone with the case's author's name:
/// the request and the decision should come from different people.
#[must_use]
pub fn self_approved(case: &Case) -> bool {
    case.decision().is_some_and(|a| same_name(&a.approver, &case.basics.author))
}

/// Why an approval entry cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No approver's name.
    #[error("the approver's name is missing")]
    NoApprover,
    /// The approver has the author's name.
    #[error("the approver has the author's name: the request and the decision come from different people")]
    SelfApproval,
    /// The decision date is not a YYYY-MM-DD date.
    #[error("the decision date is not a date (YYYY-MM-DD)")]
    BadDate,
    /// The expiry or re-review date is given and not a YYYY-MM-DD date.
    #[error("the expiry or re-review date is not a date (YYYY-MM-DD)")]
    BadReviewDate,
    /// The expiry or re-review date is not after the decision date.
    #[error("the expiry or re-review date must come after the decision date")]
    ExpiryBeforeDecision,
    /// A re-approval, extension or withdrawal with no decision in force.
    #[error("there is no decision in force to give again, extend or withdraw")]
    NothingInForce,
    /// A first approval where a decision is already in force (give it again instead).
    #[error("a decision is already in force: re-approve, extend or withdraw it")]
    AlreadyDecided,
    /// An extension that does not set a new date.
    #[error("an extension needs a new expiry or re-review date")]
    NoNewDate,
    /// The organisation requires the approval system's number and none is given.
    #[error("the number of the approval system (電子決裁) is missing")]
    NoReference,
    /// A conditional approval with no conditions written.
    #[error("a conditional approval needs its conditions")]
    NoConditions,
    /// An exception permitted without its expiry date (5.2(3): the permission is for a period).
    #[error("an exception needs its expiry date")]
    NoExpiry,
}

/// What the organisation and the outcome require of an approval entry beyond its own form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordPolicy {
    /// The organisation's profile requires the approval system's number.
    pub reference_required: bool,
    /// The outcome is an exception request: a permission needs its expiry date.
    pub expiry_required: bool,
}

/// Why `entry` may not be appended to the case's approval record, or `None` when it may.
/// `policy`: what the organisation's profile and the case's outcome require.
#[must_use]
pub fn refusal(case: &Case, entry: &Approval, policy: RecordPolicy) -> Option<Refusal> {
    if name_key(&entry.approver).is_empty() {
        return Some(Refusal::NoApprover);
    }
    if policy.reference_required && entry.reference.trim().is_empty() {
        return Some(Refusal::NoReference);
    }
    if same_name(&entry.approver, &case.basics.author) {
        return Some(Refusal::SelfApproval);
    }
    if parse_date(&entry.decided_on).is_none() {
        return Some(Refusal::BadDate);
    }
    if entry.review_by.as_deref().is_some_and(|d| !d.trim().is_empty() && parse_date(d).is_none()) {
        return Some(Refusal::BadReviewDate);
    }
    let decided = parse_date(&entry.decided_on);
    let until = entry.review_by.as_deref().and_then(parse_date);
    if entry.action != ApprovalAction::Withdraw && decided.zip(until).is_some_and(|(d, u)| u <= d) {
        return Some(Refusal::ExpiryBeforeDecision);
    }
    let gives_decision = matches!(entry.action, ApprovalAction::Approve | ApprovalAction::Reapprove);
    if gives_decision && entry.result == ApprovalResult::ApprovedWithConditions && entry.conditions.trim().is_empty() {
        return Some(Refusal::NoConditions);
    }
    let permits = entry.action != ApprovalAction::Withdraw && entry.result != ApprovalResult::Rejected;
    if policy.expiry_required && permits && entry.review_by.as_deref().is_none_or(|d| d.trim().is_empty()) {
        return Some(Refusal::NoExpiry);
    }
    let in_force = case.decision();
    match entry.action {
        ApprovalAction::Approve if in_force.is_some() => Some(Refusal::AlreadyDecided),
        ApprovalAction::Reapprove | ApprovalAction::Extend | ApprovalAction::Withdraw if in_force.is_none() => {
            Some(Refusal::NothingInForce)
        }
        ApprovalAction::Extend
            if entry.review_by.as_deref().map(str::trim).unwrap_or_default().is_empty()
                || in_force.and_then(|a| a.review_by.as_deref()) == entry.review_by.as_deref() =>
        {
            Some(Refusal::NoNewDate)
        }
        _ => None,
    }
}

/// Where a case stands on a given day: the one answer the register, the outcome screen,
/// the memo's first page, `verify` and `spec` all give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseState {
    /// No outcome reached yet.
    Draft,
    /// An outcome is reached and no decision is in force.
    AwaitingDecision,
    /// A decision was recorded and then withdrawn: the case awaits a decision again.
    Withdrawn,
    /// 承認, in force.
    Approved,
    /// 条件付承認, in force.
    ApprovedWithConditions,
    /// 不承認.
    Rejected,
    /// The content (or the decision) changed after the approval: it covers no longer.
    ApprovalOutdated,
    /// The expiry or re-review date has passed: the permission has lapsed.
    Expired {
        /// The date.
        date: NaiveDate,
        /// Days since.
        days: i64,
    },
    /// Approved, with the re-review date within the warning window.
    ReviewDue {
        /// The date.
        date: NaiveDate,
        /// Days left (0 = today).
        days: i64,
    },
    /// The file was found changed outside the app and accepted (resealed) after the last
    /// approval entry: it needs a look, and a new entry, before it counts as decided.
    Resealed,
}

/// How many days before its re-review date a case counts as due.
pub const REVIEW_DUE_DAYS: i64 = 30;

/// What [`state`] needs to know of a case: kept in the register's index, so the state is
/// told from a row as from a case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StateFacts {
    /// The outcome the rules reach (evaluated, not the one the file claims).
    pub outcome: Option<OutcomeKind>,
    /// The decision in force.
    pub decided: Option<ApprovalResult>,
    /// The last approval entry withdrew the decision.
    pub withdrawn: bool,
    /// The decision in force no longer covers the content or itself.
    pub outdated: bool,
    /// The file was resealed after the last approval entry (or with none).
    pub resealed_since_decision: bool,
    /// The decision's expiry or re-review date, as recorded.
    pub review_by: Option<String>,
}

impl StateFacts {
    /// The facts of a case whose outcome the rules reach as `outcome`.
    #[must_use]
    pub fn of(case: &Case, outcome: Option<OutcomeKind>) -> Self {
        let decision = case.decision();
        let last_entry = case.approval.as_ref().and_then(|a| a.recorded_at);
        let resealed_since_decision = case.reseals.iter().any(|r| last_entry.is_none_or(|t| r.at > t));
        Self {
            outcome,
            decided: decision.map(|a| a.result),
            withdrawn: case.approval.is_some() && decision.is_none(),
            outdated: matches!(integrity::approval_binding(case), Some(integrity::ApprovalBinding::Outdated { .. })),
            resealed_since_decision,
            review_by: decision.and_then(|a| a.review_by.clone()).filter(|d| !d.trim().is_empty()),
        }
    }
}

/// The state of a case with these facts on `today`.
#[must_use]
pub fn state(facts: &StateFacts, today: NaiveDate) -> CaseState {
    if facts.resealed_since_decision {
        return CaseState::Resealed;
    }
    let Some(result) = facts.decided else {
        return match (facts.outcome, facts.withdrawn) {
            (_, true) => CaseState::Withdrawn,
            (Some(_), false) => CaseState::AwaitingDecision,
            (None, false) => CaseState::Draft,
        };
    };
    if facts.outdated {
        return CaseState::ApprovalOutdated;
    }
    if result == ApprovalResult::Rejected {
        return CaseState::Rejected;
    }
    match expiry_of(facts.review_by.as_deref(), today) {
        Expiry::Expired { date, days } => CaseState::Expired { date, days },
        Expiry::Ahead { date, days } if days <= REVIEW_DUE_DAYS => CaseState::ReviewDue { date, days },
        _ if result == ApprovalResult::ApprovedWithConditions => CaseState::ApprovedWithConditions,
        _ => CaseState::Approved,
    }
}

/// The state of a case on `today`, the rules reaching `outcome`.
#[must_use]
pub fn case_state(case: &Case, outcome: Option<OutcomeKind>, today: NaiveDate) -> CaseState {
    state(&StateFacts::of(case, outcome), today)
}

impl CaseState {
    /// Whether the decision in force may be used now (documents presented as usable):
    /// approved, with or without conditions, or due for re-review but not yet lapsed.
    #[must_use]
    pub fn approval_usable(self) -> bool {
        matches!(self, Self::Approved | Self::ApprovedWithConditions | Self::ReviewDue { .. })
    }

    /// Whether the case needs a look before anyone relies on it.
    #[must_use]
    pub fn needs_look(self) -> bool {
        matches!(self, Self::ApprovalOutdated | Self::Expired { .. } | Self::Resealed)
    }

    /// A short name (the register's column, the status line).
    #[must_use]
    pub fn label(self, lang: crate::text::Lang, dates: DateStyle) -> String {
        let ja = lang == crate::text::Lang::Ja;
        match self {
            Self::Draft => l(lang, "作成中", "draft"),
            Self::AwaitingDecision => l(lang, "判断待ち", "awaiting decision"),
            Self::Withdrawn => l(lang, "承認取消し（判断待ち）", "approval withdrawn (awaiting decision)"),
            Self::Approved => l(lang, "承認", "approved"),
            Self::ApprovedWithConditions => l(lang, "条件付承認", "approved with conditions"),
            Self::Rejected => l(lang, "不承認", "rejected"),
            Self::ApprovalOutdated => {
                l(lang, "承認後に変更あり（要再承認）", "changed after approval (re-approval needed)")
            }
            Self::Expired { date, .. } => {
                let date = crate::dates::format(date, dates, lang);
                if ja { format!("失効（有効期限 {date}）") } else { format!("lapsed (expired {date})") }
            }
            Self::ReviewDue { date, days } => {
                let date = crate::dates::format(date, dates, lang);
                if ja {
                    format!("再審査期限まで{days}日（{date}）")
                } else {
                    format!("re-review due in {days} days ({date})")
                }
            }
            Self::Resealed => l(lang, "再封印後 未承認（要確認）", "resealed, not approved since (needs a look)"),
        }
    }

    /// The sentence the documents print about it.
    #[must_use]
    pub fn sentence(self, lang: crate::text::Lang, dates: DateStyle) -> String {
        let ja = lang == crate::text::Lang::Ja;
        match self {
            Self::Draft => {
                l(lang, "判断はまだ完了していません（作成中）。", "The decision is not complete yet (draft).")
            }
            Self::AwaitingDecision => l(lang, "決定を待っています。", "Awaiting the decision."),
            Self::Withdrawn => l(
                lang,
                "記録された決定は取り消されました。改めて決定を求めます。",
                "The recorded decision was withdrawn; a decision is needed again.",
            ),
            Self::Approved => l(lang, "承認されています。", "Approved."),
            Self::ApprovedWithConditions => l(lang, "条件付きで承認されています。", "Approved with conditions."),
            Self::Rejected => l(lang, "承認されませんでした（不承認）。", "Not approved (rejected)."),
            Self::ApprovalOutdated => l(
                lang,
                "承認の後に内容又は決定の記録が変更されています。この承認は現在の記録には及びません。再度の承認が必要です。",
                "The content or the recorded decision changed after the approval; the approval does not cover the current record. It must be approved again.",
            ),
            Self::Expired { date, days } => {
                let date = crate::dates::format(date, dates, lang);
                if ja {
                    format!("有効期限（{date}）を{days}日過ぎています。この許可は失効しており、再審査が必要です。")
                } else {
                    format!(
                        "The expiry date ({date}) passed {days} days ago. The permission has lapsed; a re-review is needed."
                    )
                }
            }
            Self::ReviewDue { date, days } => {
                let date = crate::dates::format(date, dates, lang);
                if ja {
                    format!(
                        "承認されています。有効期限・再審査日（{date}）まであと{days}日です。再審査の準備をしてください。"
                    )
                } else {
                    format!(
                        "Approved. The expiry / re-review date ({date}) is {days} days away; prepare the re-review."
                    )
                }
            }
            Self::Resealed => l(
                lang,
                "封印後に外部で変更されたファイルが受け入れられ（再封印）、その後の承認がありません。変更点を確認のうえ、改めて承認を求めてください。",
                "The file was changed outside the program and accepted (resealed) with no approval since. Check what changed and ask for approval again.",
            ),
        }
    }
}

/// The approval record in one line, last entry first: 「再承認 2026-12-03 佐藤（初回承認
/// 2026-04-01 鈴木）」. `None` when nothing was recorded.
#[must_use]
pub fn record_line(case: &Case, lang: crate::text::Lang, dates: DateStyle) -> Option<String> {
    let ja = lang == crate::text::Lang::Ja;
    let entry = |a: &Approval| {
        let decided_on = crate::dates::format_recorded(&a.decided_on, dates, lang);
        let what = action_label(a.action, ja);
        let reference = if a.reference.trim().is_empty() {
            String::new()
        } else if ja {
            format!("、決裁番号 {}", a.reference)
        } else {
            format!(", approval no. {}", a.reference)
        };
        if ja {
            format!("{what} {decided_on} {}{reference}", a.approver)
        } else {
            format!("{what} {decided_on} by {}{reference}", a.approver)
        }
    };
    let last = case.approval.as_ref()?;
    let earlier: Vec<String> = case.approval_history.iter().rev().map(entry).collect();
    Some(if earlier.is_empty() {
        entry(last)
    } else if ja {
        format!("{}（それ以前: {}）", entry(last), earlier.join("、"))
    } else {
        format!("{} (before: {})", entry(last), earlier.join("; "))
    })
}

/// An entry's action in words.
#[must_use]
pub fn action_label(action: ApprovalAction, ja: bool) -> &'static str {
    match (action, ja) {
        (ApprovalAction::Approve, true) => "決定",
        (ApprovalAction::Approve, false) => "decided",
        (ApprovalAction::Reapprove, true) => "再承認",
        (ApprovalAction::Reapprove, false) => "re-approved",
        (ApprovalAction::Extend, true) => "期限延長",
        (ApprovalAction::Extend, false) => "extended",
        (ApprovalAction::Withdraw, true) => "承認取消し",
        (ApprovalAction::Withdraw, false) => "withdrawn",
    }
}

/// Starts a re-review: the case as it stands (answers, seal, approval) is kept read-only in
/// its history, and a new revision begins with the same answers and no approval, under
/// the `rules` of today.
#[must_use]
pub fn start_re_review(case: &Case, now: DateTime<FixedOffset>, rules: super::RuleSetStamp) -> Case {
    let mut old = case.clone();
    old.history = Vec::new();
    let old = integrity::sealed(&old);
    let mut next = case.clone();
    next.history.push(PastRevision { revision: case.revision, closed_at: now, case: Box::new(old) });
    next.revision = case.revision + 1;
    // The new revision is decided under the rules of today; the old one keeps its own.
    next.rule_set = rules;
    next.approval = None;
    next.approval_history.clear();
    next.pending_approval = None;
    next.outcome = None;
    next.integrity = None;
    // A reseal belongs to the revision whose file was found changed; the history keeps it.
    next.reseals.clear();
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Approval;

    fn approved(author: &str, approver: &str, review_by: Option<&str>) -> Case {
        let mut c = Case::new("r", "1");
        c.basics.author = author.into();
        let mut a = Approval::blank(crate::case::ApprovalAction::Approve, "2026-04-01");
        a.approver = approver.into();
        a.review_by = review_by.map(Into::into);
        c.approval = Some(a);
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
