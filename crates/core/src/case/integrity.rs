//! Integrity of a case: a SHA-256 over its canonical content (every field except the
//! hash itself, keys sorted, no insignificant whitespace) and the rule set's id and
//! version. Saves write it into the case; memos print it; `verify` recomputes it.

use sha2::{Digest, Sha256};

use crate::case::{Approval, Case};

/// The prefix of every hash string.
pub const PREFIX: &str = "sha256:";

/// The canonical bytes the hash covers.
#[must_use]
pub fn canonical_bytes(case: &Case) -> Vec<u8> {
    canonical_bytes_of(case, canonical_json(case).map(|c| c.bytes).unwrap_or_default())
}

/// The case's canonical JSON without its integrity field (the seal does not cover itself),
/// and its length check.
pub(crate) fn canonical_json(case: &Case) -> serde_json::Result<crate::canonical::Canonical> {
    crate::canonical::canonical(case, &["integrity"])
}

/// [`canonical_bytes`] from the case's canonical JSON without its integrity field
/// ([`crate::canonical::canonical`]), made already.
pub(crate) fn canonical_bytes_of(case: &Case, mut json: Vec<u8>) -> Vec<u8> {
    // The JSON's keys are sorted, so the text is canonical for a given content; the case
    // without its integrity field (absent when `None`) is the case with the field left out.
    json.extend_from_slice(format!("\nrule_set={}@{}", case.rule_set.ruleset_id, case.rule_set.version).as_bytes());
    json
}

/// `sha256:<64 hex digits>` of the case's content.
#[must_use]
pub fn case_hash(case: &Case) -> String {
    hex_hash(&canonical_bytes(case))
}

/// `sha256:<64 hex digits>` of some bytes.
#[must_use]
pub fn hex_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex = digest.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    });
    format!("{PREFIX}{hex}")
}

/// The hash of the content an approval is given to: the case without its approval record
/// (entries and the one being filled in), the seal, the recorded outcome (derived from the
/// rest, and recorded only on save), the choices made for the drafts (which come after the
/// decision and do not change it) and the record of reseals (a changed content outdates the
/// approval by itself). Entries written before entries carried their decision bind this.
#[must_use]
pub fn approval_hash(case: &Case) -> String {
    let mut c = case.clone();
    c.approval = None;
    c.approval_history.clear();
    c.pending_approval = None;
    c.outcome = None;
    c.drafting.clear();
    c.reseals.clear();
    case_hash(&c)
}

/// The hash an approval entry covers: the content ([`approval_hash`]) and the entry's own
/// decision — action, approver, dates, result, conditions, reference, when recorded — so a
/// decision edited in the file (不承認 → 承認, the expiry moved) no longer matches it.
#[must_use]
pub fn decision_hash(case: &Case, entry: &Approval) -> String {
    let mut e = entry.clone();
    e.approved_content = None;
    // The signature is made over this hash: it cannot be part of it.
    e.signature = None;
    e.covers_decision = true;
    let decision = serde_json::to_vec(&e).unwrap_or_default();
    let mut bytes = approval_hash(case).into_bytes();
    bytes.extend_from_slice(b"\ndecision=");
    bytes.extend_from_slice(&decision);
    hex_hash(&bytes)
}

/// Whether the recorded approval still covers the case as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalBinding {
    /// The content is the one approved.
    Current,
    /// The content changed after the approval: it is outdated until approved again.
    Outdated {
        /// The hash of the content as approved.
        approved: String,
        /// The hash of the content now.
        now: String,
    },
    /// The approval carries no hash (recorded by hand or by an older version), so what it
    /// covers cannot be told.
    Unbound,
}

/// The binding of the decision in force ([`Case::decision`]), if there is one.
#[must_use]
pub fn approval_binding(case: &Case) -> Option<ApprovalBinding> {
    let a = case.decision()?;
    Some(match &a.approved_content {
        None => ApprovalBinding::Unbound,
        Some(h) => {
            let now = if a.covers_decision { decision_hash(case, a) } else { approval_hash(case) };
            if *h == now { ApprovalBinding::Current } else { ApprovalBinding::Outdated { approved: h.clone(), now } }
        }
    })
}

/// The case with its hash filled in.
#[must_use]
pub fn sealed(case: &Case) -> Case {
    let mut c = case.clone();
    c.integrity = Some(case_hash(case));
    c
}

/// Records in a case found [`Verdict::Altered`] that the user accepted it as it is, so the
/// next save seals it again with the record in it (see [`Case::reseals`]). Returns whether
/// it was altered (and so recorded); an intact or unsealed case is left as it is.
pub fn record_reseal(case: &mut Case, now: chrono::DateTime<chrono::FixedOffset>) -> bool {
    let Verdict::Altered { stored, actual } = verify(case) else { return false };
    case.reseals.push(crate::case::Reseal { at: now, previous_hash: stored, found_hash: actual });
    true
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The stored hash matches the content.
    Intact {
        /// The hash.
        hash: String,
    },
    /// The content changed after the hash was written.
    Altered {
        /// The hash stored in the file.
        stored: String,
        /// The hash of the content as it is now.
        actual: String,
    },
    /// The case carries no hash (never saved by a version that writes one).
    Unsealed {
        /// The hash of the content as it is now.
        actual: String,
    },
}

/// Checks a case's stored hash against its content.
#[must_use]
pub fn verify(case: &Case) -> Verdict {
    verdict(case, case_hash(case))
}

/// [`verify`] from the case's canonical JSON without its integrity field, made already.
#[must_use]
pub(crate) fn verify_canonical(case: &Case, json: Vec<u8>) -> Verdict {
    verdict(case, hex_hash(&canonical_bytes_of(case, json)))
}

/// The verdict on a case whose content hashes to `actual`.
fn verdict(case: &Case, actual: String) -> Verdict {
    match &case.integrity {
        None => Verdict::Unsealed { actual },
        Some(stored) if *stored == actual => Verdict::Intact { hash: actual },
        Some(stored) => Verdict::Altered { stored: stored.clone(), actual },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_content_and_not_the_hash_field() {
        let mut case = Case::new("r", "1");
        case.basics.task_name = "名簿の入力".into();
        let sealed = sealed(&case);
        assert!(matches!(verify(&sealed), Verdict::Intact { .. }));
        let mut edited = sealed.clone();
        edited.basics.task_name = "名簿の入カ".into();
        assert!(matches!(verify(&edited), Verdict::Altered { .. }));
        let mut other_rules = sealed.clone();
        other_rules.rule_set.version = "2".into();
        assert!(matches!(verify(&other_rules), Verdict::Altered { .. }));
        assert!(matches!(verify(&case), Verdict::Unsealed { .. }));
        assert_eq!(case_hash(&case), case_hash(&sealed));
        assert_eq!(case_hash(&case).len(), PREFIX.len() + 64);
    }
}
