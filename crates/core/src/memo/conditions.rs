//! The conditions a decision carries (narrowing, countermeasures, terms measures,
//! subcontracting, the judgement's own condition), as the memo and the drafts list them.

use crate::case::{Case, TermsStatus};
use crate::engine::Evaluation;
use crate::rules::RuleSet;
use crate::rules::files::OutcomeKind;
use crate::text::{Lang, l};

use super::model::{Block, Section};

/// One condition the decision carries, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionItem {
    /// The condition as the memo words it.
    pub text: String,
    /// Where it comes from: the clauses and catalogue sources behind it, or the approval.
    pub source: String,
    /// A model wording for a contract, quoted from a source the catalogue cites.
    pub model: Option<crate::rules::files::ModelWording>,
}

/// Every condition the decision carries (DOMAIN: narrowing measures, an exception's
/// countermeasures, the 表4 measures added, subcontracting, the approver's conditions),
/// each with its source. The memo lists them; the drafts append them as requirements.
#[must_use]
pub fn condition_items(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Vec<ConditionItem> {
    let mut list = Vec::new();
    // Nothing is outsourced under 委託不可: no condition binds it (a measure added to a
    // 約款 service that is then declined would read as a condition of a service not used).
    if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::Prohibited) {
        return list;
    }
    let narrowing_cites = |measures: &[String]| {
        let mut cites: Vec<&str> = measures
            .iter()
            .filter_map(|m| rules.narrowing_measure(m))
            .flat_map(|d| d.citations.iter().map(String::as_str))
            .collect();
        cites.dedup();
        cites.join(", ")
    };
    for n in case.narrowing.iter().filter(|n| n.removes_item) {
        let item = case.item(&n.item_id).map_or_else(|| n.item_id.clone(), |i| i.name.clone());
        let how = if n.detail.trim().is_empty() { n.reason.clone() } else { n.detail.clone() };
        let mut source = narrowing_cites(&n.measures);
        if source.is_empty() {
            source = rules.wording("memo.condition.narrowed").1.join(", ");
        }
        list.push(ConditionItem {
            text: rules.words("memo.condition.narrowed", lang, &[("item", &item), ("how", &how)]),
            source,
            model: None,
        });
    }
    // Narrowing that leaves an item with the contractor still binds it (an exception's
    // partial narrowing): what was narrowed, and how.
    for n in case.narrowing.iter().filter(|n| !n.removes_item && !n.measures.is_empty()) {
        let item = case.item(&n.item_id).map_or_else(|| n.item_id.clone(), |i| i.name.clone());
        let labels: Vec<&str> =
            n.measures.iter().map(|m| rules.narrowing_measure(m).map_or(m.as_str(), |d| d.label.get(lang))).collect();
        let how = if n.detail.trim().is_empty() {
            labels.join("、")
        } else {
            format!("{}（{}）", labels.join("、"), n.detail.trim())
        };
        list.push(ConditionItem {
            text: rules.words("memo.condition.narrowed_partial", lang, &[("item", &item), ("how", &how)]),
            source: narrowing_cites(&n.measures),
            model: None,
        });
    }
    if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest) {
        list.extend(exception_countermeasures(rules, case, lang));
    }
    // Cautions of the terms met by a measure the section adds: the measure is a condition.
    for row in case.terms_check.rows.iter().filter(|r| r.status == TermsStatus::AddressedByMeasure) {
        let Some(c) = rules.caution(&row.caution_id) else { continue };
        let measure = [row.note.trim(), row.clause.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ");
        let measure = if measure.is_empty() {
            l(lang, "（措置の記載なし）", "(measure not described)")
        } else {
            measure
        };
        list.push(ConditionItem {
            text: rules.words(
                "memo.condition.terms_measure",
                lang,
                &[("caution", c.text.get(lang)), ("measure", &measure), ("cites", &c.citations.join(", "))],
            ),
            source: c.citations.join(", "),
            model: None,
        });
    }
    // A 5.1(3) judgment that holds only under a condition binds the outsourcing.
    if let Some(j) = case.appendix1.as_ref().and_then(|a| a.judgement.as_ref()).filter(|a| !a.handles_important)
        && !j.condition.trim().is_empty()
    {
        list.push(ConditionItem {
            text: rules.words("memo.condition.judgement", lang, &[("condition", j.condition.trim())]),
            source: rules.wording("memo.condition.judgement").1.join(", "),
            model: None,
        });
    }
    if case.basics.subcontracting_expected {
        list.push(ConditionItem {
            text: rules.words("memo.condition.subcontracting", lang, &[]),
            source: rules.wording("memo.condition.subcontracting").1.join(", "),
            model: None,
        });
    }
    if let Some(a) = case.decision()
        && !a.conditions.trim().is_empty()
    {
        let on = crate::dates::format_recorded(&a.decided_on, rules.organisation.date_style, lang);
        let officer = rules.organisation.roles.officer.get(lang);
        list.push(ConditionItem {
            text: format!("{} {}", l(lang, "承認の条件 —", "Conditions of approval —"), a.conditions),
            source: match lang {
                Lang::Ja => format!("{officer}の承認（{on} {}）", a.approver),
                Lang::En => format!("approval by the {officer} ({on} {})", a.approver),
            },
            model: None,
        });
    }
    list
}

/// An exception's countermeasures as conditions: each measure once, with what the section
/// wrote on the risk rows that chose it.
fn exception_countermeasures(rules: &RuleSet, case: &Case, lang: Lang) -> Vec<ConditionItem> {
    let mut list = Vec::new();
    let mut measures: Vec<&str> = case.risk.iter().flat_map(|r| r.countermeasures.iter().map(String::as_str)).collect();
    measures.sort_unstable();
    measures.dedup();
    for m in measures {
        let def = rules.countermeasure(m);
        let label = def.map_or(m, |d| d.label.get(lang));
        let mut source = rules.wording("memo.condition.countermeasure").1;
        source.extend(def.map(|d| d.citations.clone()).unwrap_or_default());
        // Listed as it is: a risk row's note belongs to its row (the risk table shows it),
        // never to every countermeasure of that row.
        list.push(ConditionItem {
            text: rules.words("memo.condition.countermeasure", lang, &[("label", label)]),
            source: source.join(", "),
            model: def.and_then(|d| d.model_wording.clone()),
        });
    }
    // What the section wrote on a risk row binds once, named by the row's threat.
    for r in case.risk.iter().filter(|r| !r.note.trim().is_empty()) {
        let threat = rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(lang));
        list.push(ConditionItem {
            text: rules.words("memo.condition.risk_note", lang, &[("threat", threat), ("note", r.note.trim())]),
            source: rules.wording("memo.condition.risk_note").1.join(", "),
            model: None,
        });
    }
    list
}

pub(super) fn conditions(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Section {
    let list: Vec<String> = condition_items(rules, case, eval, lang).into_iter().map(|c| c.text).collect();
    let blocks = if list.is_empty() {
        vec![Block::Para(l(lang, "付すべき条件はありません。", "No conditions."))]
    } else {
        vec![Block::List(list)]
    };
    Section { heading: l(lang, "付すべき条件", "Conditions to impose"), blocks }
}
