//! Checks a parsed case against the rule set: every id it names must exist there.

use std::collections::HashSet;

use crate::rules::{NodeBody, RuleSet};

use super::Case;
use super::io::CaseError;

/// Every reference in `case` that the rule set does not know, as errors naming the JSON path.
#[must_use]
pub fn check_against(rules: &RuleSet, case: &Case, file: &str) -> Vec<CaseError> {
    let mut f = Found { file, errors: Vec::new() };
    for check in [basics, appendix1, answers, inventory_and_narrowing, terms, risk, drafting] {
        check(rules, case, &mut f);
    }
    f.errors
}

/// The errors found so far, in one file.
struct Found<'a> {
    file: &'a str,
    errors: Vec<CaseError>,
}

impl Found<'_> {
    fn err(&mut self, place: String, message: String) {
        self.errors.push(CaseError::Invalid { message, place, file: self.file.to_string() });
    }
}

/// `basics`: the form of outsourcing and its sub-form.
fn basics(rules: &RuleSet, case: &Case, f: &mut Found) {
    if let Some(form_id) = &case.basics.form {
        match rules.form(form_id) {
            None => {
                let known: Vec<&str> = rules.forms.iter().map(|f| f.form_id.as_str()).collect();
                f.err(
                    "basics.form".into(),
                    format!(
                        "\"{form_id}\" is not a form of outsourcing in this rule set; expected one of: {}",
                        known.join(", ")
                    ),
                );
            }
            Some(form) => {
                if let Some(sub) = &case.basics.subform
                    && !form.subforms.iter().any(|s| &s.subform_id == sub)
                {
                    let known: Vec<&str> = form.subforms.iter().map(|s| s.subform_id.as_str()).collect();
                    f.err(
                        "basics.subform".into(),
                        format!("\"{sub}\" is not a sub-form of \"{form_id}\"; expected one of: {}", known.join(", ")),
                    );
                }
            }
        }
    }
}

/// `appendix1`: the entry chosen and the exclusions answered, which must be that entry's.
fn appendix1(rules: &RuleSet, case: &Case, f: &mut Found) {
    if let Some(entry) = case.appendix1.as_ref().and_then(|a| a.entry_id.as_ref())
        && rules.appendix1_entry(entry).is_none()
    {
        f.err(
            "appendix1.entry_id".into(),
            format!("\"{entry}\" is not an entry of the appendix-1 list (appendix1.json) in this rule set"),
        );
    }
    if let Some(lookup) = &case.appendix1 {
        let entry = lookup.entry_id.as_deref().and_then(|e| rules.appendix1_entry(e));
        for id in lookup.exclusions.keys() {
            if !entry.is_some_and(|e| e.exclusions.iter().any(|x| &x.exclusion_id == id)) {
                let known: Vec<&str> =
                    entry.map(|e| e.exclusions.iter().map(|x| x.exclusion_id.as_str()).collect()).unwrap_or_default();
                f.err(
                    format!("appendix1.exclusions.{id}"),
                    format!("\"{id}\" is not an exclusion of the chosen entry (it has: {})", known.join(", ")),
                );
            }
        }
    }
}

/// `answers`: each names a question of the rules and one of its choices.
fn answers(rules: &RuleSet, case: &Case, f: &mut Found) {
    for (node_id, answer) in &case.answers {
        match rules.node(node_id).map(|n| &n.body) {
            Some(NodeBody::Question { choices, .. }) => {
                if !choices.iter().any(|c| c.value == answer.value) {
                    let allowed: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
                    f.err(
                        format!("answers.{node_id}.value"),
                        format!(
                            "\"{}\" is not an answer of this question; expected one of: {}",
                            answer.value,
                            allowed.join(", ")
                        ),
                    );
                }
            }
            Some(_) => f.err(format!("answers.{node_id}"), format!("\"{node_id}\" is not a question")),
            None => f.err(format!("answers.{node_id}"), format!("\"{node_id}\" is not a node of this rule set")),
        }
    }
}

/// `inventory` (ids once each, guiding questions of the rules) and `narrowing` (of an
/// inventoried item, once each, with the rules' measures).
fn inventory_and_narrowing(rules: &RuleSet, case: &Case, f: &mut Found) {
    let mut items = HashSet::new();
    for (i, item) in case.inventory.iter().enumerate() {
        if item.item_id.trim().is_empty() {
            f.err(format!("inventory[{i}].item_id"), "empty item_id".into());
        } else if !items.insert(item.item_id.as_str()) {
            f.err(format!("inventory[{i}].item_id"), format!("duplicate item_id \"{}\"", item.item_id));
        }
        for (j, g) in item.guiding.iter().enumerate() {
            if !rules.importance_questions.iter().any(|q| &q.question_id == g) {
                f.err(format!("inventory[{i}].guiding[{j}]"), format!("\"{g}\" is not a guiding question"));
            }
        }
    }
    let mut narrowed = HashSet::new();
    for (i, n) in case.narrowing.iter().enumerate() {
        if !items.contains(n.item_id.as_str()) {
            f.err(
                format!("narrowing[{i}].item_id"),
                format!("dangling reference: \"{}\" is not an inventory item", n.item_id),
            );
        } else if !narrowed.insert(n.item_id.as_str()) {
            f.err(format!("narrowing[{i}].item_id"), format!("item \"{}\" has two narrowing records", n.item_id));
        }
        for (j, m) in n.measures.iter().enumerate() {
            if rules.narrowing_measure(m).is_none() {
                f.err(format!("narrowing[{i}].measures[{j}]"), format!("\"{m}\" is not a narrowing measure"));
            }
        }
    }
}

/// `terms_check`: each caution of the rules, evaluated once.
fn terms(rules: &RuleSet, case: &Case, f: &mut Found) {
    let mut cautions = HashSet::new();
    for (i, row) in case.terms_check.rows.iter().enumerate() {
        if rules.caution(&row.caution_id).is_none() {
            f.err(
                format!("terms_check.rows[{i}].caution_id"),
                format!("\"{}\" is not a caution of this rule set (cautions.json)", row.caution_id),
            );
        } else if !cautions.insert(row.caution_id.as_str()) {
            f.err(
                format!("terms_check.rows[{i}].caution_id"),
                format!("caution \"{}\" is evaluated twice", row.caution_id),
            );
        }
    }
}

/// `risk`: row ids once each, threats and countermeasures of the catalogues, levels on the
/// rules' scales.
fn risk(rules: &RuleSet, case: &Case, f: &mut Found) {
    let (max_l, max_i) = (rules.max_likelihood(), rules.max_impact());
    let mut rows = HashSet::new();
    for (i, row) in case.risk.iter().enumerate() {
        if !rows.insert(row.row_id.as_str()) {
            f.err(format!("risk[{i}].row_id"), format!("duplicate row_id \"{}\"", row.row_id));
        }
        if rules.threat(&row.threat_id).is_none() {
            f.err(format!("risk[{i}].threat_id"), format!("\"{}\" is not a threat of the catalogue", row.threat_id));
        }
        for (field, v, max) in [
            ("likelihood_before", row.likelihood_before, max_l),
            ("impact_before", row.impact_before, max_i),
            ("likelihood_after", row.likelihood_after, max_l),
            ("impact_after", row.impact_after, max_i),
        ] {
            if !(1..=max).contains(&v) {
                f.err(format!("risk[{i}].{field}"), format!("{v} is outside the scale 1–{max}"));
            }
        }
        for (j, cm) in row.countermeasures.iter().enumerate() {
            if rules.countermeasure(cm).is_none() {
                f.err(
                    format!("risk[{i}].countermeasures[{j}]"),
                    format!("\"{cm}\" is not a countermeasure of the catalogue"),
                );
            }
        }
    }
}

/// `drafting`: each a choice of drafts.json with one of its options.
fn drafting(rules: &RuleSet, case: &Case, f: &mut Found) {
    for (choice_id, option_id) in &case.drafting {
        match rules.drafts.choices.iter().find(|c| &c.choice_id == choice_id) {
            None => {
                let known: Vec<&str> = rules.drafts.choices.iter().map(|c| c.choice_id.as_str()).collect();
                f.err(
                    format!("drafting.{choice_id}"),
                    format!("\"{choice_id}\" is not a choice of drafts.json; expected one of: {}", known.join(", ")),
                );
            }
            Some(c) if !c.options.iter().any(|o| &o.option_id == option_id) => {
                let known: Vec<&str> = c.options.iter().map(|o| o.option_id.as_str()).collect();
                f.err(
                    format!("drafting.{choice_id}"),
                    format!(
                        "\"{option_id}\" is not an option of \"{choice_id}\"; expected one of: {}",
                        known.join(", ")
                    ),
                );
            }
            Some(_) => {}
        }
    }
}
