//! Warnings the engine raises over a case: contradictions, unaddressed cautions, and
//! claims the numbers do not support. Their texts live in `warnings.json`.

use serde::Serialize;

use crate::case::{Case, TermsStatus};
use crate::risk::RiskLevel;
use crate::rules::files::{AccessVia, OutcomeKind, Severity};
use crate::rules::{NodeBody, RuleSet};
use crate::text::Text;

use super::Evaluation;
use super::facts::{fact_value, terms_service_used};

pub use crate::rules::warning_ids::{KNOWN_WARNINGS, WarningId};

/// A warning raised over a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Its id in warnings.json.
    pub warning_id: String,
    /// How serious.
    pub severity: Severity,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// The message with its subjects filled in.
    pub text: Text,
    /// What it is about (items, cautions, threats).
    pub subjects: Vec<Text>,
}

fn same(s: &str) -> Text {
    Text { ja: s.to_string(), en: s.to_string() }
}

/// Raises warning `id` with its subjects. Every id has its text: the rules do not load
/// unless `warnings.json` defines each [`WarningId`].
fn raise(rules: &RuleSet, out: &mut Vec<Warning>, id: WarningId, subjects: Vec<Text>) {
    let Some(def) = rules.warnings.get(id.as_str()) else {
        return;
    };
    let join = |sep: &str, pick: fn(&Text) -> &str| subjects.iter().map(pick).collect::<Vec<_>>().join(sep);
    let text = Text {
        ja: def.text.ja.replace("{items}", &join("、", |t| &t.ja)),
        en: def.text.en.replace("{items}", &join(", ", |t| &t.en)),
    };
    out.push(Warning {
        warning_id: id.as_str().to_string(),
        severity: def.severity,
        citations: def.citations.clone(),
        text,
        subjects,
    });
}

/// A required reason shorter than this many characters (spaces aside) is flagged.
pub const SHORT_REASON_CHARS: usize = 4;

/// Whether a reason says something: at least [`SHORT_REASON_CHARS`] characters, spaces aside.
#[must_use]
pub fn says_something(reason: &str) -> bool {
    reason.chars().filter(|c| !c.is_whitespace()).count() >= SHORT_REASON_CHARS
}

/// Whether a written reason is implausibly short (but not empty: empty is "missing").
#[must_use]
pub fn is_short_reason(reason: &str) -> bool {
    let n = reason.chars().filter(|c| !c.is_whitespace()).count();
    n > 0 && n < SHORT_REASON_CHARS
}

/// The required reasons of the case that are implausibly short, each named by where it is.
fn short_reasons(rules: &RuleSet, case: &Case, ev: &Evaluation) -> Vec<Text> {
    let mut out = Vec::new();
    for step in &ev.path {
        let required = rules
            .node(&step.node_id)
            .is_some_and(|n| matches!(n.body, NodeBody::Question { rationale_required: true, .. }));
        if required && step.rationale.as_deref().is_some_and(is_short_reason) {
            out.push(Text::new(format!("「{}」", step.text.ja), format!("\"{}\"", step.text.en)));
        }
    }
    for item in case.inventory.iter().filter(|i| is_short_reason(&i.reason)) {
        out.push(Text::new(format!("「{}」の重要性", item.name), format!("importance of \"{}\"", item.name)));
    }
    for n in case.narrowing.iter().filter(|n| is_short_reason(&n.reason)) {
        let name = case.item(&n.item_id).map_or(n.item_id.as_str(), |i| i.name.as_str());
        out.push(Text::new(format!("「{name}」の絞り込み"), format!("narrowing of \"{name}\"")));
    }
    for r in case.terms_check.rows.iter().filter(|r| r.status == TermsStatus::RiskAccepted && is_short_reason(&r.note))
    {
        // Named as the reader knows it (表4 No.11), never by the data's id.
        let cited = rules.caution(&r.caution_id).and_then(|c| c.citations.first()).unwrap_or(&r.caution_id);
        out.push(Text::new(format!("{cited}のリスク受容"), format!("risk accepted for {cited}")));
    }
    out
}

/// All warnings for the case as evaluated, in the order the memo lists them.
pub(crate) fn collect(rules: &RuleSet, case: &Case, ev: &Evaluation) -> Vec<Warning> {
    let mut out = Vec::new();
    risk_warnings(rules, case, ev, &mut out);
    appendix1_warnings(rules, case, &mut out);
    // Required reasons too short to say anything (「P」, 「なし」): the memo is built from them.
    let short = short_reasons(rules, case, ev);
    if !short.is_empty() {
        raise(rules, &mut out, WarningId::ReasonTooShort, short);
    }
    terms_warnings(rules, case, &mut out);
    record_warnings(rules, case, ev, &mut out);
    out
}

/// The risk analysis: an exception requested while a residual risk stays 高 (5.1(5)), and
/// risks the countermeasures do not lower.
fn risk_warnings(rules: &RuleSet, case: &Case, ev: &Evaluation, out: &mut Vec<Warning>) {
    let thresholds = rules.thresholds();
    let threat_name = |id: &str| rules.threat(id).map_or_else(|| same(id), |t| t.name.clone());
    if ev.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest) {
        let high: Vec<Text> = case
            .risk
            .iter()
            .filter(|r| thresholds.level(r.likelihood_after, r.impact_after) == RiskLevel::High)
            .map(|r| threat_name(&r.threat_id))
            .collect();
        if !high.is_empty() {
            raise(rules, out, WarningId::ExceptionResidualHigh, high);
        }
    }
    let not_lowered: Vec<Text> = case
        .risk
        .iter()
        .filter(|r| {
            r.likelihood_after.saturating_mul(r.impact_after) >= r.likelihood_before.saturating_mul(r.impact_before)
        })
        .map(|r| threat_name(&r.threat_id))
        .collect();
    if !not_lowered.is_empty() {
        raise(rules, out, WarningId::RiskNotLowered, not_lowered);
    }
}

/// 付録1 listings contradicted by the inventory or by the access paths of 5.2(3)/(4), or
/// an important listing whose inventory holds nothing important.
fn appendix1_warnings(rules: &RuleSet, case: &Case, out: &mut Vec<Warning>) {
    let status = fact_value(rules, case, crate::rules::files::Fact::Appendix1Status);
    let listed = case.appendix1.as_ref().is_some_and(|a| a.entry_id.is_some());
    let important: Vec<_> = case.inventory.iter().filter(|i| i.important == Some(true)).collect();
    if listed && status.as_deref() == Some("not_important") {
        for (via, id) in [
            (AccessVia::Installation, WarningId::Appendix1ContradictedInstallation),
            (AccessVia::Operations, WarningId::Appendix1ContradictedOperations),
            (AccessVia::Direct, WarningId::Appendix1ContradictedInventory),
        ] {
            let items: Vec<Text> = important.iter().filter(|i| i.via == via).map(|i| same(&i.name)).collect();
            if !items.is_empty() {
                raise(rules, out, id, items);
            }
        }
    }
    let inventory_judged = !case.inventory.is_empty() && case.inventory.iter().all(|i| i.important.is_some());
    if listed && status.as_deref() == Some("important") && inventory_judged && important.is_empty() {
        raise(rules, out, WarningId::Appendix1ImportantNoneFound, Vec::new());
    }
}

/// The service used on terms (5.2(5)): cautions neither addressed nor accepted with a
/// reason, a free service, and the cloud answers.
fn terms_warnings(rules: &RuleSet, case: &Case, out: &mut Vec<Warning>) {
    // 5.2(5): cautions neither addressed nor accepted with a reason — moot once the section
    // decided not to use the service (the outcome says so).
    if terms_service_used(rules, case) && !super::facts::terms_service_declined(rules, case) {
        let open: Vec<Text> = case
            .terms_check
            .rows
            .iter()
            .filter(|r| r.status == TermsStatus::NotAddressed)
            .filter_map(|r| rules.caution(&r.caution_id))
            .map(|c| same(c.citations.first().map_or(c.caution_id.as_str(), String::as_str)))
            .collect();
        if !open.is_empty() {
            raise(rules, out, WarningId::TermsUnaddressed, open);
        }
        if case.basics.terms_service.free {
            raise(rules, out, WarningId::FreeService, Vec::new());
        }
        // Cloud services under today's national terms: the answers are asked for, and a
        // cloud service handling 要機密情報 outside ISMAP / ISMAP-LIU is named. A listing
        // answers no caution of 表4 by itself, so nothing else changes here.
        let cloud = &case.terms_check.cloud;
        if cloud.is_cloud.is_none() {
            raise(rules, out, WarningId::CloudUnanswered, Vec::new());
        } else if cloud.is_cloud == Some(true)
            && cloud.confidential == Some(true)
            && cloud.listing == crate::case::Listing::NotListed
        {
            let name = if cloud.listed_name.trim().is_empty() {
                case.basics.terms_service.service_name.clone()
            } else {
                cloud.listed_name.clone()
            };
            raise(rules, out, WarningId::CloudConfidentialUnlisted, vec![same(&name)]);
        }
    }
}

/// The case as a record: subcontracting expected, decided under other rules, answers off
/// the path.
fn record_warnings(rules: &RuleSet, case: &Case, ev: &Evaluation, out: &mut Vec<Warning>) {
    if case.basics.subcontracting_expected {
        raise(rules, out, WarningId::Subcontracting, Vec::new());
    }
    let (id, version) = rules.stamp();
    if case.rule_set.ruleset_id != id || case.rule_set.version != version {
        raise(
            rules,
            out,
            WarningId::RulesetMismatch,
            vec![same(&format!("{} {}", case.rule_set.ruleset_id, case.rule_set.version))],
        );
    }
    if !ev.stale_answers.is_empty() {
        let names =
            ev.stale_answers.iter().map(|a| rules.node(a).map_or_else(|| same(a), |n| n.text.clone())).collect();
        raise(rules, out, WarningId::StaleAnswers, names);
    }
}
