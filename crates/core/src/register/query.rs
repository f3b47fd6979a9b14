//! Choosing and ordering the register's rows: the filters the 情報セキュリティ責任者 and
//! the 統括 use (awaiting decision, expiring, expired, drafts, by section or outcome), a
//! search over the text columns, and a sort.

use chrono::NaiveDate;

use super::{ApprovalState, Register, Row};
use crate::rules::files::OutcomeKind;

/// Which rows to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every row.
    #[default]
    All,
    /// An outcome is recorded and no decision yet.
    Awaiting,
    /// The re-review date falls within this many days (or has passed).
    Expiring(i64),
    /// The re-review date has passed.
    Expired,
    /// No outcome yet.
    Drafts,
    /// The approval is outdated or self-given, or the file was edited outside the app.
    Attention,
    /// Files that could not be read.
    Unreadable,
    /// Cases whose recorded outcome the rules of today would not reach
    /// (「現行規則では結論が変わる」): a rule change overturned them, or the file was edited.
    Overturned,
    /// The cloud service's ISMAP / ISMAP-LIU listing lapses within this many days (or has
    /// lapsed).
    ListingLapsing(i64),
    /// 「署名なしの承認」: a decision recorded without a listed approver's signature.
    UnsignedApproval,
}

/// What to order by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// File path.
    #[default]
    Path,
    /// 文書番号.
    DocumentNumber,
    /// The section.
    Section,
    /// The approval state.
    State,
    /// The re-review date (none last).
    ReviewBy,
    /// Last change on disk.
    Modified,
}

/// A filter, extra conditions, a search and a sort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The main filter.
    pub filter: Filter,
    /// Only this section.
    pub section: Option<String>,
    /// Only this outcome.
    pub outcome: Option<OutcomeKind>,
    /// Words that must all appear in the row's text (document number, task, section,
    /// author, approver, path); case-insensitive.
    pub search: String,
    /// The order.
    pub sort: SortKey,
    /// Reverse it.
    pub descending: bool,
}

fn keeps(row: &Row, q: &Query, today: NaiveDate, words: &[String]) -> bool {
    let Ok(e) = &row.entry else {
        // An unreadable file is shown unless a filter asks for something it cannot be.
        return matches!(q.filter, Filter::All | Filter::Unreadable | Filter::Attention)
            && q.section.is_none()
            && q.outcome.is_none()
            && words.iter().all(|w| row.path.to_lowercase().contains(w));
    };
    let expiry = e.expiry(today);
    let by_filter = match q.filter {
        Filter::All => true,
        Filter::Awaiting => e.state == ApprovalState::Awaiting,
        Filter::Expiring(days) => expiry.is_expired() || expiry.within(days),
        Filter::Expired => expiry.is_expired(),
        Filter::Drafts => e.state == ApprovalState::Draft,
        Filter::Attention => e.needs_attention(today),
        Filter::Unreadable => false,
        Filter::Overturned => e.record_mismatch(),
        Filter::UnsignedApproval => e.signature.as_ref().is_some_and(|s| !s.is_trusted()),
        Filter::ListingLapsing(days) => {
            let listing = e.listing_expiry(today);
            listing.is_expired() || listing.within(days)
        }
    };
    by_filter
        && q.section.as_ref().is_none_or(|s| *s == e.section)
        && q.outcome.is_none_or(|o| e.outcome == Some(o))
        && (words.is_empty() || {
            let hay = format!(
                "{}\n{}\n{}\n{}\n{}\n{}",
                e.document_number, e.task_name, e.section, e.author, e.approver, row.path
            )
            .to_lowercase();
            words.iter().all(|w| hay.contains(w))
        })
}

/// The indices of the rows `q` keeps, in its order.
#[must_use]
pub fn select(reg: &Register, q: &Query, today: NaiveDate) -> Vec<usize> {
    let words: Vec<String> = q.search.split_whitespace().map(str::to_lowercase).collect();
    let mut picked: Vec<usize> = (0..reg.rows.len()).filter(|&i| keeps(&reg.rows[i], q, today, &words)).collect();
    let text = |i: usize, f: fn(&super::Entry) -> String| reg.rows[i].entry.as_deref().map(f).unwrap_or_default();
    match q.sort {
        SortKey::Path => picked.sort_by(|&a, &b| reg.rows[a].path.cmp(&reg.rows[b].path)),
        SortKey::DocumentNumber => picked.sort_by_cached_key(|&i| text(i, |e| e.document_number.clone())),
        SortKey::Section => picked.sort_by_cached_key(|&i| text(i, |e| e.section.clone())),
        SortKey::State => picked.sort_by_key(|&i| reg.rows[i].entry.as_ref().map_or(u8::MAX, |e| e.state as u8)),
        SortKey::ReviewBy => picked.sort_by_cached_key(|&i| {
            let d = reg.rows[i].entry.as_ref().ok().and_then(|e| e.review_by.clone());
            (d.is_none(), d)
        }),
        SortKey::Modified => picked.sort_by_key(|&i| reg.rows[i].modified_ns),
    }
    if q.descending {
        picked.reverse();
    }
    picked
}
