//! Edits: every change a user can make to a case, as a value. The app's screens emit
//! these and [`apply`] carries them out, so all changes to a case go through one place
//! that the tests can drive without a window.

use chrono::{DateTime, FixedOffset};

use crate::case::{
    Appendix1Lookup, Approval, Basics, Case, InventoryItem, NarrowingRecord, RecordedOutcome, RiskRow, TermsRow,
};
use crate::engine::{Evaluation, StepState};

/// One change to a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replace the case basics.
    Basics(Basics),
    /// Set or clear the 付録1 look-up.
    Appendix1(Option<Appendix1Lookup>),
    /// Answer a question (value and reason). The time is updated when the value changes.
    Answer {
        /// The question node.
        node_id: String,
        /// The chosen value.
        value: String,
        /// The reason.
        rationale: String,
    },
    /// Withdraw an answer.
    ClearAnswer {
        /// The question node.
        node_id: String,
    },
    /// Add an inventory item; an empty `item_id` gets a fresh one.
    AddItem(InventoryItem),
    /// Replace the inventory item with the same `item_id`.
    UpdateItem(InventoryItem),
    /// Remove an inventory item and its narrowing record.
    RemoveItem {
        /// The item.
        item_id: String,
    },
    /// Add or replace the narrowing record of an item.
    Narrowing(NarrowingRecord),
    /// Remove the narrowing record of an item.
    RemoveNarrowing {
        /// The item.
        item_id: String,
    },
    /// Add or replace the 表4 row of a caution.
    TermsRow(TermsRow),
    /// Remove the 表4 row of a caution (back to "not yet evaluated").
    RemoveTermsRow {
        /// The caution.
        caution_id: String,
    },
    /// Data location, governing law and court of the terms.
    TermsMeta {
        /// Where the data is stored.
        data_location: String,
        /// Governing law.
        governing_law: String,
        /// Competent court.
        court: String,
    },
    /// Attach the approver's signature to the last approval entry (never replacing one).
    SignApproval(crate::case::ApprovalSignature),
    /// The service as a cloud service: its answers and its listing.
    Cloud(crate::case::CloudFacts),
    /// Add a risk row; an empty `row_id` gets a fresh one.
    AddRisk(RiskRow),
    /// Replace the risk row with the same `row_id`.
    UpdateRisk(RiskRow),
    /// Remove a risk row.
    RemoveRisk {
        /// The row.
        row_id: String,
    },
    /// Set or discard the approval entry being filled in (not yet part of the record).
    PendingApproval(Option<Approval>),
    /// Append the pending entry to the approval record ([`Case::record_approval`]): bound
    /// to the content and to its own decision, stamped with the time. Refused (nothing
    /// changes) when [`crate::case::lifecycle::refusal`] names a reason — the
    /// author's own name among them.
    RecordApproval(crate::case::lifecycle::RecordPolicy),
    /// Set the 有効期限・再審査日 the section proposes for an exception.
    ProposedReviewBy(String),
    /// Start a re-review: keep this revision read-only in the history and open the next,
    /// decided under the rules given (today's).
    StartReReview(crate::case::RuleSetStamp),
    /// Choose an option for the procurement-spec and contract drafts (`None`: undecided).
    DraftChoice {
        /// `choice_id` of drafts.json.
        choice_id: String,
        /// `option_id` of the choice, or `None` to leave it open.
        option_id: Option<String>,
    },
}

/// Applies an edit. Returns whether the case changed. `now` stamps new answers.
pub fn apply(case: &mut Case, edit: Edit, now: DateTime<FixedOffset>) -> bool {
    let before = case.clone();
    match edit {
        Edit::Basics(b) => case.basics = b,
        Edit::Appendix1(a) => case.appendix1 = a,
        Edit::Answer { node_id, value, rationale } => {
            let entry = case.answers.entry(node_id).or_insert_with(|| crate::case::Answer {
                value: String::new(),
                rationale: String::new(),
                answered_at: None,
            });
            if entry.value != value {
                entry.answered_at = Some(now);
            }
            entry.value = value;
            entry.rationale = rationale;
        }
        Edit::ClearAnswer { node_id } => {
            case.answers.remove(&node_id);
        }
        Edit::AddItem(mut item) => {
            if item.item_id.trim().is_empty() || case.item(&item.item_id).is_some() {
                item.item_id = next_id(case.inventory.iter().map(|i| i.item_id.as_str()), "item");
            }
            case.inventory.push(item);
        }
        Edit::UpdateItem(item) => {
            if let Some(slot) = case.inventory.iter_mut().find(|i| i.item_id == item.item_id) {
                *slot = item;
            }
        }
        Edit::RemoveItem { item_id } => {
            case.inventory.retain(|i| i.item_id != item_id);
            case.narrowing.retain(|n| n.item_id != item_id);
        }
        Edit::Narrowing(record) => {
            if let Some(slot) = case.narrowing.iter_mut().find(|n| n.item_id == record.item_id) {
                *slot = record;
            } else {
                case.narrowing.push(record);
            }
        }
        Edit::RemoveNarrowing { item_id } => case.narrowing.retain(|n| n.item_id != item_id),
        Edit::TermsRow(row) => {
            if let Some(slot) = case.terms_check.rows.iter_mut().find(|r| r.caution_id == row.caution_id) {
                *slot = row;
            } else {
                case.terms_check.rows.push(row);
            }
        }
        Edit::RemoveTermsRow { caution_id } => case.terms_check.rows.retain(|r| r.caution_id != caution_id),
        Edit::TermsMeta { data_location, governing_law, court } => {
            case.terms_check.data_location = data_location;
            case.terms_check.governing_law = governing_law;
            case.terms_check.court = court;
        }
        Edit::Cloud(facts) => case.terms_check.cloud = facts,
        Edit::SignApproval(signature) => {
            if let Some(a) = case.approval.as_mut().filter(|a| a.signature.is_none()) {
                a.signature = Some(signature);
            }
        }
        Edit::AddRisk(mut row) => {
            if row.row_id.trim().is_empty() || case.risk.iter().any(|r| r.row_id == row.row_id) {
                row.row_id = next_id(case.risk.iter().map(|r| r.row_id.as_str()), "risk");
            }
            case.risk.push(row);
        }
        Edit::UpdateRisk(row) => {
            if let Some(slot) = case.risk.iter_mut().find(|r| r.row_id == row.row_id) {
                *slot = row;
            }
        }
        Edit::RemoveRisk { row_id } => case.risk.retain(|r| r.row_id != row_id),
        Edit::PendingApproval(a) => case.pending_approval = a,
        Edit::RecordApproval(policy) => {
            if let Some(entry) = case.pending_approval.clone() {
                // A refused entry stays pending, with the reason shown beside it.
                let _ = case.record_approval(entry, policy, now);
            }
        }
        Edit::ProposedReviewBy(date) => case.proposed_review_by = date,
        Edit::StartReReview(rules) => *case = crate::case::lifecycle::start_re_review(case, now, rules),
        Edit::DraftChoice { choice_id, option_id } => match option_id {
            Some(o) => {
                case.drafting.insert(choice_id, o);
            }
            None => {
                case.drafting.remove(&choice_id);
            }
        },
    }
    *case != before
}

/// The id the next added inventory item gets.
#[must_use]
pub fn next_item_id(case: &Case) -> String {
    next_id(case.inventory.iter().map(|i| i.item_id.as_str()), "item")
}

/// The id the next added risk row gets.
#[must_use]
pub fn next_risk_id(case: &Case) -> String {
    next_id(case.risk.iter().map(|r| r.row_id.as_str()), "risk")
}

/// A fresh id `prefix-N`, one past the highest number in use.
fn next_id<'a>(existing: impl Iterator<Item = &'a str>, prefix: &str) -> String {
    let highest = existing
        .filter_map(|id| id.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('-')))
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}-{}", highest + 1)
}

/// Writes the evaluation's outcome into the case (done on every save), or clears it
/// while no outcome is reached. Keeps the old time when the outcome is unchanged.
pub fn record_outcome(case: &mut Case, evaluation: &Evaluation, now: DateTime<FixedOffset>) {
    case.outcome = evaluation.outcome.as_ref().map(|o| match &case.outcome {
        Some(old) if old.node_id == o.node_id && old.outcome == o.outcome => old.clone(),
        _ => RecordedOutcome { node_id: o.node_id.clone(), outcome: o.outcome, recorded_at: now },
    });
}

/// The steps whose result an edit changed: a step that was done and now has another state
/// or other answers and facts deciding it; a step the case had passed by that now waits for
/// input; when the outcome changed, the step that reached it (and a done step deciding
/// nothing itself). A step never reached has no result to change: a new case's first
/// choices name none. In the rule set's order.
#[must_use]
pub fn affected_steps(before: &Evaluation, after: &Evaluation) -> Vec<String> {
    let decided = |e: &Evaluation, step: &str| -> Vec<(String, Option<String>)> {
        e.path.iter().filter(|p| p.step_id == step).map(|p| (p.node_id.clone(), p.value.clone())).collect()
    };
    let outcome_of = |e: &Evaluation| e.outcome.as_ref().map(|o| o.node_id.clone());
    // The step that reached the outcome: the last on the path.
    let outcome_step = |e: &Evaluation| e.outcome.as_ref().and(e.path.last()).map(|p| p.step_id.clone());
    after
        .steps
        .iter()
        .filter(|s| {
            let old_state = before.step_state(&s.step_id);
            let had_result = old_state == Some(StepState::Done)
                || (old_state == Some(StepState::NotApplicable) && s.state == StepState::Current);
            (had_result && (old_state != Some(s.state) || decided(before, &s.step_id) != decided(after, &s.step_id)))
                || (outcome_of(before) != outcome_of(after)
                    && ((s.state == StepState::Done && after.path.iter().all(|p| p.step_id != s.step_id))
                        || outcome_step(before).as_ref() == Some(&s.step_id)
                        || outcome_step(after).as_ref() == Some(&s.step_id)))
        })
        .map(|s| s.step_id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00+09:00").unwrap()
    }

    #[test]
    fn new_items_and_risks_get_fresh_ids() {
        let mut case = Case::new("r", "1");
        let item = InventoryItem {
            item_id: String::new(),
            name: "名簿".into(),
            description: String::new(),
            access: crate::case::Access::Provided,
            via: crate::rules::files::AccessVia::Direct,
            medium: String::new(),
            volume: String::new(),
            personal: crate::case::PersonalData::None,
            important: None,
            reason: String::new(),
            guiding: vec![],
        };
        assert!(apply(&mut case, Edit::AddItem(item.clone()), now()));
        assert!(apply(&mut case, Edit::AddItem(item.clone()), now()));
        let ids: Vec<_> = case.inventory.iter().map(|i| i.item_id.as_str()).collect();
        assert_eq!(ids, ["item-1", "item-2"]);
        assert!(apply(&mut case, Edit::RemoveItem { item_id: "item-1".into() }, now()));
        assert!(apply(&mut case, Edit::AddItem(item), now()));
        assert_eq!(case.inventory.last().unwrap().item_id, "item-3");
    }

    #[test]
    fn an_answer_keeps_its_time_unless_the_value_changes() {
        let mut case = Case::new("r", "1");
        let answer = |v: &str, r: &str| Edit::Answer { node_id: "q".into(), value: v.into(), rationale: r.into() };
        apply(&mut case, answer("yes", ""), now());
        let later = now() + chrono::Duration::hours(1);
        apply(&mut case, answer("yes", "理由"), later);
        assert_eq!(case.answers["q"].answered_at, Some(now()));
        assert_eq!(case.answers["q"].rationale, "理由");
        apply(&mut case, answer("no", "理由"), later);
        assert_eq!(case.answers["q"].answered_at, Some(later));
        assert!(!apply(&mut case, answer("no", "理由"), later), "the same answer changes nothing");
    }
}
