//! The case file: everything the section manager has answered, with reasons and times,
//! saved as JSON with a `schema_version`.

mod check;
pub mod cloud;
pub mod diff;
pub mod fields;
pub mod integrity;
mod io;
pub mod lifecycle;
mod training_section;
mod unique_keys;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::files::{AccessVia, OutcomeKind};

pub use check::check_against;
pub use io::{
    CaseError, DiskStamp, SAVE_LOCK_STALE, disk_stamp, load_case, load_case_stamped, load_case_verified, parse_case,
    save_case, save_case_checked, save_case_stamped,
};
pub use training_section::{CommentaryNote, Training};

/// The schema version this build writes. Older files are migrated on load; newer ones refused.
pub const CASE_SCHEMA_VERSION: u32 = 1;

/// A case: one outsourcing decision in progress or done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Version of this file format.
    pub schema_version: u32,
    /// The rule set the case was decided under.
    pub rule_set: RuleSetStamp,
    /// Case basics (step 1).
    #[serde(default)]
    pub basics: Basics,
    /// The 付録1 look-up (step 2); absent until done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendix1: Option<Appendix1Lookup>,
    /// Answers to question nodes, by `node_id` (a repeated key is refused).
    #[serde(default, deserialize_with = "unique_keys::map")]
    #[schemars(with = "BTreeMap<String, Answer>")]
    pub answers: BTreeMap<String, Answer>,
    /// The information inventory (step 3, extended by step 4).
    #[serde(default)]
    pub inventory: Vec<InventoryItem>,
    /// Narrowing records, one per important item considered (step 5).
    #[serde(default)]
    pub narrowing: Vec<NarrowingRecord>,
    /// The 表4 evaluation (step 6).
    #[serde(default)]
    pub terms_check: TermsCheck,
    /// Risk rows for an exception (step 7).
    #[serde(default)]
    pub risk: Vec<RiskRow>,
    /// For an exception: the 有効期限・再審査日 (YYYY-MM-DD) the section proposes, which
    /// the 情報セキュリティ責任者 confirms or sets otherwise when deciding.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_review_by: String,
    /// The outcome as last recorded on save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RecordedOutcome>,
    /// The last entry of the approval record: the 情報セキュリティ責任者's decision as it
    /// stands (or its withdrawal). Read it through [`Case::decision`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// The earlier entries of the approval record, oldest first. Entries are appended
    /// ([`Case::record_approval`]) and never edited: a re-approval, an extension or a
    /// withdrawal moves the last entry here and becomes the new last one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approval_history: Vec<Approval>,
    /// An approval entry being filled in on the outcome screen and not yet recorded: kept
    /// in the case so autosave protects it; no document shows it and no hash covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_approval: Option<Approval>,
    /// `sha256:…` over the rest of the case and the rule set's id and version, written on
    /// every save (see `core::case::integrity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    /// Training material (narrative, expected outcome, commentary): only in the sample
    /// cases of `decision-trees/samples/`, never in a real case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Training>,
    /// Which revision this is: 1 for the first; each re-review adds one.
    #[serde(default = "first_revision", skip_serializing_if = "is_first_revision")]
    pub revision: u32,
    /// The earlier revisions, oldest first, kept read-only when a re-review began: their
    /// answers, seal and approval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<PastRevision>,
    /// The choices made for the procurement-spec and contract drafts (`choice_id` of
    /// drafts.json → `option_id`). They shape the drafts only, not the decision, so the
    /// approval does not cover them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub drafting: BTreeMap<String, String>,
    /// Each time the file was found changed after it was sealed and the user opened it
    /// anyway, so that it was sealed again on the next save: when, and both hashes. The
    /// memo prints them; the approval does not cover them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reseals: Vec<Reseal>,
}

/// A case file found changed after it was sealed (its stored hash did not match its
/// content) and accepted by the user, to be sealed again with this record in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reseal {
    /// When the user accepted the changed file.
    pub at: DateTime<FixedOffset>,
    /// The hash the file carried: that of its content when it was last sealed.
    pub previous_hash: String,
    /// The hash of the content the file was found with.
    pub found_hash: String,
}

fn first_revision() -> u32 {
    1
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_first_revision(r: &u32) -> bool {
    *r == 1
}

/// An earlier revision of a case, closed when a re-review began.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PastRevision {
    /// Its revision number.
    pub revision: u32,
    /// When the re-review began and this revision was closed.
    pub closed_at: DateTime<FixedOffset>,
    /// The revision as it stood then, sealed, with its approval (its own history left out).
    pub case: Box<Case>,
}

impl Case {
    /// A new, empty case under the given rule set.
    #[must_use]
    pub fn new(ruleset_id: &str, version: &str) -> Self {
        Self {
            schema_version: CASE_SCHEMA_VERSION,
            rule_set: RuleSetStamp { ruleset_id: ruleset_id.into(), version: version.into() },
            basics: Basics::default(),
            appendix1: None,
            answers: BTreeMap::new(),
            inventory: Vec::new(),
            narrowing: Vec::new(),
            terms_check: TermsCheck::default(),
            risk: Vec::new(),
            proposed_review_by: String::new(),
            outcome: None,
            approval: None,
            approval_history: Vec::new(),
            pending_approval: None,
            integrity: None,
            training: None,
            revision: 1,
            history: Vec::new(),
            drafting: BTreeMap::new(),
            reseals: Vec::new(),
        }
    }

    /// The inventory item with this id.
    #[must_use]
    pub fn item(&self, item_id: &str) -> Option<&InventoryItem> {
        self.inventory.iter().find(|i| i.item_id == item_id)
    }

    /// The narrowing record of an item.
    #[must_use]
    pub fn narrowing_for(&self, item_id: &str) -> Option<&NarrowingRecord> {
        self.narrowing.iter().find(|n| n.item_id == item_id)
    }

    /// True when narrowing removes this item from what the contractor handles.
    #[must_use]
    pub fn is_removed(&self, item_id: &str) -> bool {
        self.narrowing_for(item_id).is_some_and(|n| n.removes_item)
    }

    /// The decision in force: the last approval entry, unless that entry withdrew it.
    #[must_use]
    pub fn decision(&self) -> Option<&Approval> {
        self.approval.as_ref().filter(|a| a.action != ApprovalAction::Withdraw)
    }

    /// Every entry of the approval record, oldest first (an old file's single approval is
    /// its one entry).
    pub fn approval_entries(&self) -> impl Iterator<Item = &Approval> {
        self.approval_history.iter().chain(self.approval.as_ref())
    }

    /// Appends an entry to the approval record, bound to the content and to its own
    /// decision ([`integrity::decision_hash`]), after checking it
    /// ([`lifecycle::refusal`], `policy` from the organisation's profile and the outcome). The
    /// previous last entry moves to the history unchanged; the pending entry, if any, is
    /// cleared.
    pub fn record_approval(
        &mut self,
        mut entry: Approval,
        policy: lifecycle::RecordPolicy,
        now: DateTime<FixedOffset>,
    ) -> Result<(), lifecycle::Refusal> {
        if let Some(why) = lifecycle::refusal(self, &entry, policy) {
            return Err(why);
        }
        if matches!(entry.action, ApprovalAction::Extend | ApprovalAction::Withdraw)
            && let Some(in_force) = self.decision()
        {
            // An extension or withdrawal changes no decision: what it carries is the decision in force.
            entry.result = in_force.result;
            entry.conditions.clone_from(&in_force.conditions);
            if entry.action == ApprovalAction::Withdraw {
                entry.review_by.clone_from(&in_force.review_by);
            }
        }
        entry.approver = entry.approver.trim().to_string();
        entry.decided_on = entry.decided_on.trim().to_string();
        entry.review_by = entry.review_by.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        entry.reference = entry.reference.trim().to_string();
        entry.recorded_at = Some(now);
        entry.covers_decision = true;
        entry.approved_content = None;
        self.pending_approval = None;
        if let Some(previous) = self.approval.take() {
            self.approval_history.push(previous);
        }
        entry.approved_content = Some(integrity::decision_hash(self, &entry));
        self.approval = Some(entry);
        Ok(())
    }
}

/// The rule set's id and version, recorded so a case can be re-checked later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetStamp {
    /// `ruleset_id` of ruleset.json.
    pub ruleset_id: String,
    /// `version` of ruleset.json.
    pub version: String,
}

/// Case basics (DOMAIN step 1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Basics {
    /// Document number of the memo (文書番号), as the organisation assigns it.
    pub document_number: String,
    /// Name of the task.
    pub task_name: String,
    /// What the task is.
    pub summary: String,
    /// The section that wants to outsource.
    pub section: String,
    /// Who prepares the case.
    pub author: String,
    /// `form_id` of the form of outsourcing.
    pub form: Option<String>,
    /// `subform_id`, when the form has sub-forms.
    pub subform: Option<String>,
    /// Period of the contract, as written.
    pub period: String,
    /// Budget, as written.
    pub budget: String,
    /// Whether subcontracting (再委託) is expected.
    pub subcontracting_expected: bool,
    /// The service on fixed terms, if any.
    pub terms_service: TermsService,
}

/// Use of a service on fixed terms (約款による情報処理サービス).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TermsService {
    /// Whether such a service is used.
    pub used: bool,
    /// Whether it is free of charge (still outsourcing, 3.2).
    pub free: bool,
    /// Name of the service.
    pub service_name: String,
}

/// The 付録1 look-up (DOMAIN step 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix1Lookup {
    /// The matching entry; `None` when the task is not listed.
    #[serde(default)]
    pub entry_id: Option<String>,
    /// For an unlisted task: the 情報セキュリティ責任者's judgment once given (5.1(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<JudgementRecord>,
    /// For an unlisted task: the classification the section proposes with its request
    /// (true: handles important information), before the officer judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_important: Option<bool>,
    /// Why the section proposes that classification.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_reason: String,
    /// Why this entry matches (or why none does).
    #[serde(default)]
    pub rationale: String,
    /// For an entry with exclusions (「…を除く」): `exclusion_id` → whether this task
    /// includes the excluded work.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    #[schemars(with = "BTreeMap<String, bool>")]
    pub exclusions: BTreeMap<String, bool>,
}

/// A judgment by the 情報セキュリティ責任者 on an unlisted task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgementRecord {
    /// Whether the task handles important information.
    pub handles_important: bool,
    /// Date (YYYY-MM-DD).
    pub decided_on: String,
    /// Who judged.
    pub decided_by: String,
    /// Note on the judgment.
    #[serde(default)]
    pub note: String,
    /// The condition the judgment holds under, if the officer gave one (「暗号鍵を当市のみが
    /// 保持する限りにおいて」): it binds the outsourcing, so the memo's conditions and the
    /// drafts carry it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub condition: String,
}

/// An answer to a question node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The chosen `value`.
    pub value: String,
    /// The reason for it.
    #[serde(default)]
    pub rationale: String,
    /// When it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<FixedOffset>>,
}

/// Provided to the contractor, or merely accessible to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Handed over.
    #[default]
    Provided,
    /// Reachable by the contractor.
    Accessible,
}

/// Personal information in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonalData {
    /// None.
    #[default]
    None,
    /// Personal information.
    Personal,
    /// 要配慮個人情報 (special care-required) or 特定個人情報.
    SpecialCare,
}

/// One piece of information in the inventory (5.2(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InventoryItem {
    /// Stable id within the case.
    pub item_id: String,
    /// What it is.
    pub name: String,
    /// Detail.
    #[serde(default)]
    pub description: String,
    /// Provided or accessible.
    #[serde(default)]
    pub access: Access,
    /// How the contractor reaches it.
    #[serde(default = "default_via")]
    pub via: AccessVia,
    /// Medium (paper, file, database…).
    #[serde(default)]
    pub medium: String,
    /// Volume.
    #[serde(default)]
    pub volume: String,
    /// Personal information held.
    #[serde(default)]
    pub personal: PersonalData,
    /// The judgment: important or not. `None` until judged.
    #[serde(default)]
    pub important: Option<bool>,
    /// The reason for the judgment (required).
    #[serde(default)]
    pub reason: String,
    /// Guiding questions (`question_id`) answered yes.
    #[serde(default)]
    pub guiding: Vec<String>,
}

impl InventoryItem {
    /// A new item, provided directly, with no personal data and not yet judged.
    #[must_use]
    pub fn new(item_id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            item_id: item_id.into(),
            name: name.into(),
            description: String::new(),
            access: Access::Provided,
            via: AccessVia::Direct,
            medium: String::new(),
            volume: String::new(),
            personal: PersonalData::None,
            important: None,
            reason: String::new(),
            guiding: Vec::new(),
        }
    }
}

fn default_via() -> AccessVia {
    AccessVia::Direct
}

/// Narrowing for one important item (5.2(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrowingRecord {
    /// The inventory item.
    pub item_id: String,
    /// Measures taken (`narrowing_id`s); empty when none is possible.
    #[serde(default)]
    pub measures: Vec<String>,
    /// How, concretely; becomes a condition.
    #[serde(default)]
    pub detail: String,
    /// Whether the measures keep the item away from the contractor entirely.
    pub removes_item: bool,
    /// Why they do, or why no narrowing is possible (required).
    #[serde(default)]
    pub reason: String,
}

/// How the terms treat a caution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TermsStatus {
    /// The terms address it.
    AddressedByTerms,
    /// An added measure addresses it.
    AddressedByMeasure,
    /// Not addressed; the risk is accepted, with a reason.
    RiskAccepted,
    /// Not addressed and not accepted.
    NotAddressed,
    /// Not acceptable: the service is not used (the case ends 委託不可 for this service).
    ServiceDeclined,
    /// Does not apply.
    NotApplicable,
}

/// The evaluation of one caution against the terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermsRow {
    /// `caution_id` of cautions.json.
    pub caution_id: String,
    /// How the terms treat it.
    pub status: TermsStatus,
    /// The clause of the terms that addresses it.
    #[serde(default)]
    pub clause: String,
    /// Note; for an accepted risk, the reason (required).
    #[serde(default)]
    pub note: String,
}

/// The 表4 evaluation (DOMAIN step 6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TermsCheck {
    /// One row per caution.
    pub rows: Vec<TermsRow>,
    /// Where the data is stored.
    pub data_location: String,
    /// Governing law of the terms.
    pub governing_law: String,
    /// Competent court.
    pub court: String,
    /// The service as a cloud service under today's national terms (absent in cases
    /// recorded before they were asked).
    #[serde(skip_serializing_if = "CloudFacts::is_blank")]
    pub cloud: CloudFacts,
}

/// The service as a cloud service: whether it is one, whether it handles 要機密情報
/// (機密性2以上), and its listing in ISMAP or ISMAP-LIU. A listing answers no caution of
/// 表4 by itself; what it discloses (data region, governing law, court) may be the evidence
/// for 表4 No.12, 17 and 18.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CloudFacts {
    /// Whether the service is a cloud service (`None`: not answered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_cloud: Option<bool>,
    /// Whether it handles 要機密情報 (機密性2以上) (`None`: not answered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidential: Option<bool>,
    /// Its listing.
    pub listing: Listing,
    /// The service's name as the listing gives it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub listed_name: String,
    /// The end of the listing's validity (YYYY-MM-DD).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub listed_until: String,
    /// The data region the listing discloses.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub disclosed_region: String,
    /// The governing law the listing discloses.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub disclosed_law: String,
    /// The competent court the listing discloses.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub disclosed_court: String,
}

impl CloudFacts {
    /// Nothing recorded (cases written before the questions were asked).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }

    /// Whether the service is listed (ISMAP or ISMAP-LIU).
    #[must_use]
    pub fn is_listed(&self) -> bool {
        matches!(self.listing, Listing::Ismap | Listing::IsmapLiu)
    }
}

/// A cloud service's listing in the government's registers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Listing {
    /// Not looked up yet.
    #[default]
    NotChecked,
    /// Looked up: in neither register.
    NotListed,
    /// In the ISMAP cloud service list.
    Ismap,
    /// In the ISMAP-LIU (low-impact use) list.
    #[serde(rename = "ismap_liu")]
    IsmapLiu,
}

/// One assumed threat, assessed before and after countermeasures (5.1(5)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskRow {
    /// Stable id within the case.
    pub row_id: String,
    /// `threat_id` of threats.json.
    pub threat_id: String,
    /// Likelihood before, 1 upwards.
    pub likelihood_before: u8,
    /// Impact before, 1 upwards.
    pub impact_before: u8,
    /// Countermeasures chosen (`countermeasure_id`s).
    #[serde(default)]
    pub countermeasures: Vec<String>,
    /// The section found no effective countermeasure for this threat: none is chosen, the
    /// risk after equals the risk before, and the note says why.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_effective_countermeasure: bool,
    /// Likelihood after.
    pub likelihood_after: u8,
    /// Impact after.
    pub impact_after: u8,
    /// Note.
    #[serde(default)]
    pub note: String,
    /// When the residual risk stays 高 and an exception is still requested: why the section
    /// holds the risk sufficiently reduced all the same (required then, 5.1(5)).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub residual_reason: String,
}

/// The outcome as recorded when the case was last saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedOutcome {
    /// The outcome node reached.
    pub node_id: String,
    /// Which outcome.
    pub outcome: OutcomeKind,
    /// When it was recorded.
    pub recorded_at: DateTime<FixedOffset>,
}

/// The 情報セキュリティ責任者's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalResult {
    /// 承認.
    Approved,
    /// 条件付承認.
    ApprovedWithConditions,
    /// 不承認.
    Rejected,
}

/// What an entry of the approval record does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalAction {
    /// The first decision on this revision (an old file's approval reads as this).
    #[default]
    Approve,
    /// The decision given again, to the content as it is now (after a change).
    Reapprove,
    /// The expiry or re-review date moved.
    Extend,
    /// The decision withdrawn: the case awaits a decision again.
    Withdraw,
}

impl ApprovalAction {
    #[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
    fn is_approve(&self) -> bool {
        *self == Self::Approve
    }
}

/// One entry of the approval record: the 情報セキュリティ責任者's decision as recorded at
/// one moment. Entries are appended, never edited (see [`Case::record_approval`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// What this entry does; absent (a first approval) in files written before entries.
    #[serde(default, skip_serializing_if = "ApprovalAction::is_approve")]
    pub action: ApprovalAction,
    /// Who decided, as entered at that moment.
    pub approver: String,
    /// Date (YYYY-MM-DD).
    pub decided_on: String,
    /// The decision.
    pub result: ApprovalResult,
    /// Conditions imposed.
    #[serde(default)]
    pub conditions: String,
    /// Expiry or re-review date (YYYY-MM-DD): required of an exception, optional otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
    /// Where the decision was made: the number the organisation's approval system
    /// (電子決裁) or its document register gave it. The authoritative approval lives there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// When the entry was recorded in this program (absent in files written before entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<DateTime<FixedOffset>>,
    /// The hash the entry covers: with [`Approval::covers_decision`] the content and this
    /// entry's own decision ([`integrity::decision_hash`]); without it (files written before
    /// entries) the content only ([`integrity::approval_hash`]). A later change makes the
    /// approval outdated until it is given again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_content: Option<String>,
    /// Whether [`Approval::approved_content`] covers the decision (result, conditions,
    /// dates, approver) as well as the content.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub covers_decision: bool,
    /// The approver's own signature over this entry (absent: unsigned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<ApprovalSignature>,
}

impl Approval {
    /// A blank entry of the given action, dated `today` (YYYY-MM-DD).
    #[must_use]
    pub fn blank(action: ApprovalAction, today: &str) -> Self {
        Self {
            action,
            approver: String::new(),
            decided_on: today.to_string(),
            result: ApprovalResult::Approved,
            conditions: String::new(),
            review_by: None,
            reference: String::new(),
            recorded_at: None,
            approved_content: None,
            covers_decision: false,
            signature: None,
        }
    }
}

/// An approver's signature over an approval entry: an SSH signature (SSHSIG, namespace
/// [`crate::signing::NAMESPACE`]) made with the approver's own Ed25519 key over the entry's
/// `approved_content` (the content and the decision), the signer's name and the approver
/// list it was made under. OpenSSH's `ssh-keygen -Y verify` can check it too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalSignature {
    /// The signer's name, as the approver list gives it.
    pub signer: String,
    /// The signer's public key (OpenSSH one-line form).
    pub public_key: String,
    /// The fingerprint of the approver list in force when it was signed.
    pub approvers: String,
    /// The signature, armored (`-----BEGIN SSH SIGNATURE-----`).
    pub sshsig: String,
}
