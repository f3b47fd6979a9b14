//! The table of references a memo or a draft ends with once the organisation has set any:
//! each template clause the document rests on, beside the organisation's own article and
//! the current national clause (「未設定」 where none is set), under the organisation's policy.

use crate::case::Case;
use crate::engine::Evaluation;
use crate::rules::RuleSet;
use crate::text::{Lang, l};

use super::model::{Block, Section};

/// The clauses a document about `case` rests on: the outcome's basis, the warnings' and
/// the conditions' sources, each once, in the rule book's order.
#[must_use]
pub fn cited_clauses(rules: &RuleSet, case: &Case, eval: &Evaluation) -> Vec<String> {
    let mut citations: Vec<String> = eval.outcome.iter().flat_map(|o| o.basis_citations.iter().cloned()).collect();
    citations.extend(eval.warnings.iter().flat_map(|w| w.citations.iter().cloned()));
    for item in super::condition_items(rules, case, eval, Lang::Ja) {
        citations.extend(item.source.split(", ").map(str::to_string));
    }
    let cited: Vec<&str> = citations.iter().filter_map(|c| rules.clause(c)).map(|c| c.clause_id.as_str()).collect();
    rules
        .clauses
        .clauses
        .iter()
        .filter(|c| cited.contains(&c.clause_id.as_str()))
        .map(|c| c.clause_id.clone())
        .collect()
}

/// 「引用条項と自組織の規定」: `None` while the organisation has set no reference and named no
/// policy (a table of 「未設定」 would tell the approver nothing).
#[must_use]
pub fn references_section(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Option<Section> {
    if !rules.has_own_references() {
        return None;
    }
    let mut blocks = Vec::new();
    if let Some(p) = &rules.organisation.policy {
        let dated = crate::dates::format_recorded(&p.dated, rules.organisation.date_style, lang);
        blocks.push(Block::Fields(vec![(
            l(lang, "自組織の規程", "The organisation's policy"),
            format!("{}（{dated}、{}）", p.title.get(lang), p.published.get(lang)),
        )]));
    }
    let rows = cited_clauses(rules, case, eval)
        .into_iter()
        .map(|id| {
            let heading = rules.clause(&id).map(|c| c.heading.get(lang).to_string()).unwrap_or_default();
            let (own, national) = rules.reference_words(&id, lang);
            vec![id, heading, own, national]
        })
        .collect();
    blocks.push(Block::Table {
        headers: vec![
            l(lang, "雛形の条項", "Template clause"),
            l(lang, "見出し", "Heading"),
            l(lang, "自組織の規定", "The organisation's article"),
            l(lang, "現行の国の規定", "Current national clause"),
        ],
        rows,
    });
    Some(Section {
        heading: l(lang, "引用条項と自組織の規定", "Clauses cited and the organisation's own"), blocks
    })
}
