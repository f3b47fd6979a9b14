//! The register (台帳): every case file in a folder — the user's own or the
//! organisation's file share — read into one row each, with its approval state, whether the
//! approval still covers the content, and its re-review date. A file that cannot be read
//! is a row with its error, never left out. A rescan reuses the rows of files whose length
//! and modification time are unchanged ([`scan`] with the previous register).

mod export;
pub mod index;
mod query;
mod scan;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::case::integrity::{self, ApprovalBinding, Verdict};
use crate::case::lifecycle;
use crate::rules::files::OutcomeKind;

pub use export::{
    Column, RowCells, Selection, appendix1_additions, cells, columns, expiry_text, to_csv, to_xlsx, write_json,
};
pub use query::{Filter, Query, SortKey, select};
pub use scan::{ScanStats, scan};

/// Bumped whenever [`Row`] changes, so an index written by another version is rebuilt.
pub const INDEX_FORMAT: u32 = 5;

/// The register of one folder: also the index a rescan starts from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Register {
    /// [`INDEX_FORMAT`] of the program that wrote it.
    pub format: u32,
    /// The folder, as given.
    pub folder: String,
    /// The rule set the rows were evaluated under (`id@version`): another one reads every
    /// file again.
    #[serde(default)]
    pub rules: String,
    /// One row per case file (and per folder that could not be listed), by path.
    pub rows: Vec<Row>,
}

/// One file of the folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Path relative to the folder, with `/` between parts.
    pub path: String,
    /// Length in bytes when read.
    pub len: u64,
    /// Modification time when read (nanoseconds since 1970), if the file system keeps one.
    pub modified_ns: Option<i128>,
    /// The file's identity where the system tells it (Unix: inode and status-change time,
    /// which no one can set back): a same-size edit with the old modification time put back
    /// still changes it.
    #[serde(default)]
    pub identity: Option<(u64, i128)>,
    /// SHA-256 of the bytes read, so a file whose identity cannot be told is checked by its
    /// content before its row is reused.
    #[serde(default)]
    pub content_hash: Option<String>,
    /// What the file holds, or why it could not be read: the reason as recorded at the
    /// scan, text kept in the index and shown in the register (not an error to handle).
    /// Boxed: a scan moves 10 000 rows (keyed by path, then sorted), and moving each whole
    /// entry was a fifth of a rescan's time.
    pub entry: Result<Box<Entry>, String>,
}

/// Where a case stands in its approval, as `register --json` and the 判断待ち / 作成中
/// filters read it; what every document says is [`lifecycle::CaseState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalState {
    /// No outcome recorded yet.
    Draft,
    /// An outcome is recorded and no decision yet.
    Awaiting,
    /// 承認.
    Approved,
    /// 条件付承認.
    ApprovedWithConditions,
    /// 不承認.
    Rejected,
}

/// Whether the approval covers the content as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// No approval recorded.
    None,
    /// The approval covers this content.
    Current,
    /// The content changed after the approval.
    Outdated,
    /// The approval carries no hash (hand-written or from an older version).
    Unbound,
}

/// The seal of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seal {
    /// Content and hash match.
    Intact,
    /// The content changed after the hash was written (edited outside the app).
    Altered,
    /// No hash (never saved by the app).
    Unsealed,
    /// Content and hash match, but the file was once found changed outside the app and
    /// accepted as found (the case's `reseals`).
    Resealed,
}

/// Where the rules of today part from a case's recorded outcome (「現行規則では結論が変わる」):
/// the node the case's path now ends at, and the 付録1 entry it was looked up under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overturned {
    /// The last node the case passes under the current rules (where the path now leads).
    pub node_id: String,
    /// That node's clauses.
    pub citations: Vec<String>,
    /// The 付録1 entry the case names, with its classification today.
    pub appendix1_entry: Option<(String, bool)>,
}

/// An unlisted task the 情報セキュリティ責任者 judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judged {
    /// Whether the task was judged to handle important information.
    pub handles_important: bool,
    /// When.
    pub decided_on: String,
    /// Who.
    pub decided_by: String,
    /// The section's reasoning on the look-up.
    pub rationale: String,
}

/// What the register shows of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// 文書番号.
    pub document_number: String,
    /// The task.
    pub task_name: String,
    /// The section.
    pub section: String,
    /// Who prepared it.
    pub author: String,
    /// `form_id`.
    pub form: Option<String>,
    /// The outcome recorded on the last save (what the file claims).
    pub outcome: Option<OutcomeKind>,
    /// The outcome the rules reach for the case as it is (what the register believes).
    pub evaluated: Option<OutcomeKind>,
    /// What the case's state on a given day follows from ([`lifecycle::state`]).
    pub facts: lifecycle::StateFacts,
    /// How many entries the approval record holds (re-approvals, extensions, withdrawals).
    pub approval_entries: usize,
    /// Its approval state.
    pub state: ApprovalState,
    /// Who decided.
    pub approver: String,
    /// When (YYYY-MM-DD as recorded).
    pub decided_on: Option<String>,
    /// Expiry or re-review date (YYYY-MM-DD as recorded).
    pub review_by: Option<String>,
    /// Whether the approval covers the content.
    pub binding: Binding,
    /// The approver has the author's name.
    pub self_approved: bool,
    /// The file's seal.
    pub seal: Seal,
    /// The revision number.
    pub revision: u32,
    /// The rule set the case was recorded under (`id version`).
    pub rule_set: String,
    /// For an unlisted task judged under 5.1(3): the judgment.
    pub judged: Option<Judged>,
    /// When the recorded outcome differs from the one the rules reach today: where.
    #[serde(default)]
    pub overturned: Option<Overturned>,
    /// The cloud service's listing (ISMAP, ISMAP-LIU) and its validity end, where listed.
    #[serde(default)]
    pub listing: Option<(crate::case::Listing, String)>,
    /// The last approval entry's signature, checked against the approver list (`None`: no
    /// entry).
    #[serde(default)]
    pub signature: Option<crate::signing::SignatureCheck>,
    /// Whether the organisation requires signed approvals (its profile, when scanned).
    #[serde(default)]
    pub signature_required: bool,
}

impl Entry {
    /// The register's view of a case, evaluated under `rules`.
    #[must_use]
    pub fn of(case: &Case, rules: &crate::rules::RuleSet) -> Self {
        let evaluation = crate::engine::evaluate(rules, case);
        let evaluated = evaluation.outcome.as_ref().map(|o| o.outcome);
        let recorded = case.outcome.as_ref().map(|o| o.outcome);
        let overturned = (recorded.is_some() && recorded != evaluated).then(|| Overturned {
            node_id: evaluation.path.last().map(|p| p.node_id.clone()).unwrap_or_default(),
            citations: evaluation.path.last().map(|p| p.citations.clone()).unwrap_or_default(),
            appendix1_entry: case
                .appendix1
                .as_ref()
                .and_then(|l| l.entry_id.as_deref())
                .and_then(|id| rules.appendix1.entries.iter().find(|e| e.entry_id == id))
                .map(|e| (e.entry_id.clone(), e.handles_important)),
        });
        let b = &case.basics;
        let a = case.decision();
        let state = match (a, evaluated) {
            (Some(a), _) => match a.result {
                crate::case::ApprovalResult::Approved => ApprovalState::Approved,
                crate::case::ApprovalResult::ApprovedWithConditions => ApprovalState::ApprovedWithConditions,
                crate::case::ApprovalResult::Rejected => ApprovalState::Rejected,
            },
            (None, Some(_)) => ApprovalState::Awaiting,
            (None, None) => ApprovalState::Draft,
        };
        let binding = match integrity::approval_binding(case) {
            None => Binding::None,
            Some(ApprovalBinding::Current) => Binding::Current,
            Some(ApprovalBinding::Outdated { .. }) => Binding::Outdated,
            Some(ApprovalBinding::Unbound) => Binding::Unbound,
        };
        let seal = match integrity::verify(case) {
            Verdict::Intact { .. } if !case.reseals.is_empty() => Seal::Resealed,
            Verdict::Intact { .. } => Seal::Intact,
            Verdict::Altered { .. } => Seal::Altered,
            Verdict::Unsealed { .. } => Seal::Unsealed,
        };
        let judged = case.appendix1.as_ref().filter(|l| l.entry_id.is_none()).and_then(|l| {
            l.judgement.as_ref().map(|j| Judged {
                handles_important: j.handles_important,
                decided_on: j.decided_on.clone(),
                decided_by: j.decided_by.clone(),
                rationale: l.rationale.clone(),
            })
        });
        Self {
            document_number: b.document_number.clone(),
            task_name: b.task_name.clone(),
            section: b.section.clone(),
            author: b.author.clone(),
            form: b.form.clone(),
            outcome: case.outcome.as_ref().map(|o| o.outcome),
            evaluated,
            facts: lifecycle::StateFacts::of(case, evaluated),
            approval_entries: case.approval_entries().count(),
            state,
            approver: a.map(|a| a.approver.clone()).unwrap_or_default(),
            decided_on: a.map(|a| a.decided_on.clone()).filter(|d| !d.trim().is_empty()),
            review_by: a.and_then(|a| a.review_by.clone()).filter(|d| !d.trim().is_empty()),
            binding,
            self_approved: lifecycle::self_approved(case),
            seal,
            revision: case.revision,
            rule_set: format!("{} {}", case.rule_set.ruleset_id, case.rule_set.version),
            judged,
            overturned,
            listing: (crate::engine::terms_service_used(rules, case) && case.terms_check.cloud.is_listed())
                .then(|| (case.terms_check.cloud.listing, case.terms_check.cloud.listed_until.clone())),
            signature: case.approval.as_ref().map(|e| crate::signing::check(e, rules)),
            signature_required: rules.organisation.signed_approvals_required,
        }
    }

    /// Whether the approval's signature needs a look (broken, unknown or expired key, or
    /// missing where the organisation requires one).
    #[must_use]
    pub fn signature_needs_look(&self) -> bool {
        self.signature.as_ref().is_some_and(|s| s.needs_look(self.signature_required))
    }

    /// The cloud listing's validity end against `today` ([`lifecycle::Expiry::NoDate`]
    /// when the case uses no listed cloud service).
    #[must_use]
    pub fn listing_expiry(&self, today: NaiveDate) -> lifecycle::Expiry {
        self.listing.as_ref().map_or(lifecycle::Expiry::NoDate, |(_, until)| lifecycle::expiry_of(Some(until), today))
    }

    /// The re-review date against `today`.
    #[must_use]
    pub fn expiry(&self, today: NaiveDate) -> lifecycle::Expiry {
        lifecycle::expiry_of(self.review_by.as_deref(), today)
    }

    /// The case's state on `today` ([`lifecycle::state`], the one every document uses).
    #[must_use]
    pub fn lifecycle(&self, today: NaiveDate) -> lifecycle::CaseState {
        lifecycle::state(&self.facts, today)
    }

    /// Whether the outcome the file records differs from the one the rules reach
    /// (「記録と判定が不一致」): edited by hand, or decided under other rules.
    #[must_use]
    pub fn record_mismatch(&self) -> bool {
        self.outcome.is_some() && self.outcome != self.evaluated
    }

    /// Whether something about the record needs a look on `today`: the state (approval
    /// outdated, lapsed, resealed since), an approval given by the author, the seal, or an
    /// outcome recorded that the rules do not reach.
    #[must_use]
    pub fn needs_attention(&self, today: NaiveDate) -> bool {
        self.lifecycle(today).needs_look()
            || self.binding == Binding::Outdated
            || self.self_approved
            || self.seal_needs_look()
            || self.record_mismatch()
            || self.signature_needs_look()
    }

    /// Whether the seal needs a look: the file edited outside the app, or a change made
    /// outside it accepted (resealed) with no approval entry recorded since.
    #[must_use]
    pub fn seal_needs_look(&self) -> bool {
        self.seal == Seal::Altered || (self.seal == Seal::Resealed && self.facts.resealed_since_decision)
    }
}

impl Register {
    /// How many rows could not be read.
    #[must_use]
    pub fn unreadable(&self) -> usize {
        self.rows.iter().filter(|r| r.entry.is_err()).count()
    }

    /// The sections named in the register, sorted, for a filter.
    #[must_use]
    pub fn sections(&self) -> Vec<String> {
        let mut s: Vec<String> =
            self.rows.iter().filter_map(|r| r.entry.as_ref().ok()).map(|e| e.section.clone()).collect();
        s.sort();
        s.dedup();
        s
    }
}
