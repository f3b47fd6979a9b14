//! Warnings the engine raises over a case: contradictions, unaddressed cautions, and
//! claims the numbers do not support. Their texts live in `warnings.json`.

use serde::Serialize;

use crate::core::case::{Case, TermsStatus};
use crate::core::risk::RiskLevel;
use crate::core::rules::files::{AccessVia, OutcomeKind, Severity};
use crate::core::rules::{NodeBody, RuleSet};
use crate::core::text::Text;

use super::Evaluation;
use super::facts::{fact_value, terms_service_used};

/// Every warning id the engine can raise; `warnings.json` must define exactly these.
pub const KNOWN_WARNINGS: &[&str] = &[
    "w-exception-residual-high",
    "w-appendix1-contradicted-installation",
    "w-appendix1-contradicted-operations",
    "w-appendix1-contradicted-inventory",
    "w-appendix1-important-none-found",
    "w-access-path-not-inventoried",
    "w-terms-unaddressed",
    "w-free-service",
    "w-subcontracting",
    "w-ruleset-mismatch",
    "w-stale-answers",
    "w-risk-not-lowered",
];

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

fn raise(rules: &RuleSet, out: &mut Vec<Warning>, id: &str, subjects: Vec<Text>) {
    let Some(def) = rules.warnings.get(id) else {
        return;
    };
    let join = |sep: &str, pick: fn(&Text) -> &str| subjects.iter().map(pick).collect::<Vec<_>>().join(sep);
    let text = Text {
        ja: def.text.ja.replace("{items}", &join("、", |t| &t.ja)),
        en: def.text.en.replace("{items}", &join(", ", |t| &t.en)),
    };
    out.push(Warning {
        warning_id: id.to_string(),
        severity: def.severity,
        citations: def.citations.clone(),
        text,
        subjects,
    });
}

/// All warnings for the case as evaluated.
pub(crate) fn collect(rules: &RuleSet, case: &Case, ev: &Evaluation) -> Vec<Warning> {
    let mut out = Vec::new();
    let thresholds = rules.thresholds();
    let threat_name = |id: &str| rules.threat(id).map_or_else(|| same(id), |t| t.name.clone());

    // 5.1(5): an exception requested while a residual risk stays high.
    if ev.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest) {
        let high: Vec<Text> = case
            .risk
            .iter()
            .filter(|r| thresholds.level(r.likelihood_after, r.impact_after) == RiskLevel::High)
            .map(|r| threat_name(&r.threat_id))
            .collect();
        if !high.is_empty() {
            raise(rules, &mut out, "w-exception-residual-high", high);
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
        raise(rules, &mut out, "w-risk-not-lowered", not_lowered);
    }

    // 付録1 listings contradicted by the inventory or by the access paths of 5.2(3)/(4).
    let status = fact_value(rules, case, crate::core::rules::files::Fact::Appendix1Status);
    let listed = case.appendix1.as_ref().is_some_and(|a| a.entry_id.is_some());
    let important: Vec<_> = case.inventory.iter().filter(|i| i.important == Some(true)).collect();
    if listed && status.as_deref() == Some("not_important") {
        for (via, id) in [
            (AccessVia::Installation, "w-appendix1-contradicted-installation"),
            (AccessVia::Operations, "w-appendix1-contradicted-operations"),
            (AccessVia::Direct, "w-appendix1-contradicted-inventory"),
        ] {
            let items: Vec<Text> = important.iter().filter(|i| i.via == via).map(|i| same(&i.name)).collect();
            if !items.is_empty() {
                raise(rules, &mut out, id, items);
            }
        }
    }
    let inventory_judged = !case.inventory.is_empty() && case.inventory.iter().all(|i| i.important.is_some());
    if listed && status.as_deref() == Some("important") && inventory_judged && important.is_empty() {
        raise(rules, &mut out, "w-appendix1-important-none-found", Vec::new());
    }

    // An access path answered yes, with nothing from it in the inventory.
    let mut unlisted_paths = Vec::new();
    for step in &ev.path {
        let Some(node) = rules.node(&step.node_id) else {
            continue;
        };
        if let NodeBody::Question { choices, .. } = &node.body {
            let via =
                choices.iter().find(|c| Some(&c.value) == step.value.as_ref()).and_then(|c| c.expects_inventory_via);
            if let Some(via) = via
                && !case.inventory.iter().any(|i| i.via == via)
            {
                unlisted_paths.push(node.text.clone());
            }
        }
    }
    if !unlisted_paths.is_empty() {
        raise(rules, &mut out, "w-access-path-not-inventoried", unlisted_paths);
    }

    // 5.2(5): cautions neither addressed nor accepted with a reason.
    if terms_service_used(rules, case) {
        let open: Vec<Text> = case
            .terms_check
            .rows
            .iter()
            .filter(|r| r.status == TermsStatus::NotAddressed)
            .filter_map(|r| rules.caution(&r.caution_id))
            .map(|c| same(c.citations.first().map_or(c.caution_id.as_str(), String::as_str)))
            .collect();
        if !open.is_empty() {
            raise(rules, &mut out, "w-terms-unaddressed", open);
        }
        if case.basics.terms_service.free {
            raise(rules, &mut out, "w-free-service", Vec::new());
        }
    }
    if case.basics.subcontracting_expected {
        raise(rules, &mut out, "w-subcontracting", Vec::new());
    }
    let (id, version) = rules.stamp();
    if case.rule_set.ruleset_id != id || case.rule_set.version != version {
        raise(
            rules,
            &mut out,
            "w-ruleset-mismatch",
            vec![same(&format!("{} {}", case.rule_set.ruleset_id, case.rule_set.version))],
        );
    }
    if !ev.stale_answers.is_empty() {
        let names =
            ev.stale_answers.iter().map(|a| rules.node(a).map_or_else(|| same(a), |n| n.text.clone())).collect();
        raise(rules, &mut out, "w-stale-answers", names);
    }
    out
}
