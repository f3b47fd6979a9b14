//! Which variant of each draft clause applies: every choice of drafts.json is decided by
//! the case (a fact it records), by the user (`case.drafting`), or still open; conditions
//! are then true, false or unknown (open), so an open choice is shown, never dropped.

use crate::case::Case;
use crate::engine::Evaluation;
use crate::rules::RuleSet;
use crate::rules::files::{DraftChapter, DraftChoice, OutcomeKind, slots, split_condition};
use crate::text::Lang;

/// How a choice stands for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// The case decides it: the option and the fact, in words.
    ByCase {
        /// `option_id`.
        option: String,
        /// The fact of the case that decided it (「再委託の予定: あり」).
        why: String,
    },
    /// The user chose it (`case.drafting`).
    ByUser(String),
    /// Not decided yet.
    Open,
}

impl Chosen {
    /// The option, when decided.
    #[must_use]
    pub fn option(&self) -> Option<&str> {
        match self {
            Self::ByCase { option, .. } | Self::ByUser(option) => Some(option),
            Self::Open => None,
        }
    }
}

/// A choice and how it stands.
#[derive(Debug, Clone)]
pub struct ChoiceState<'r> {
    /// The choice of drafts.json.
    pub def: &'r DraftChoice,
    /// How it stands for the case.
    pub chosen: Chosen,
}

/// A condition's truth for the case: an open choice makes it unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    Yes,
    /// Does not hold.
    No,
    /// Depends on these open choices (`choice_id`s).
    Open(Vec<String>),
}

/// The chapters of each document that serve the case's form, in document order.
#[must_use]
pub fn chapters_for<'r>(
    rules: &'r RuleSet,
    case: &Case,
) -> Vec<(&'r crate::rules::files::DraftDocument, &'r DraftChapter)> {
    let Some(form) = case.basics.form.as_deref() else { return Vec::new() };
    rules
        .drafts
        .documents
        .iter()
        .filter_map(|d| d.chapters.iter().find(|c| c.forms.iter().any(|f| f == form)).map(|c| (d, c)))
        .collect()
}

/// The choices the case's drafts depend on (named by a condition or a slot of their
/// clauses), in the order of drafts.json, each with how it stands.
#[must_use]
pub fn relevant<'r>(rules: &'r RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Vec<ChoiceState<'r>> {
    let mut named: Vec<&str> = Vec::new();
    for (_, chapter) in chapters_for(rules, case) {
        for clause in &chapter.clauses {
            let conditions = clause.when.iter().chain(clause.variants.iter().flat_map(|v| v.when.iter()));
            named.extend(conditions.filter_map(|c| split_condition(c).map(|(name, _)| name)));
            let texts = clause.text.iter().chain(clause.variants.iter().flat_map(|v| v.text.iter()));
            named.extend(texts.flat_map(|t| slots(t)));
        }
    }
    rules
        .drafts
        .choices
        .iter()
        .filter(|c| named.contains(&c.choice_id.as_str()))
        .map(|def| ChoiceState { def, chosen: state(rules, case, eval, def, lang) })
        .collect()
}

/// How one choice stands: the case's fact first (a case fact cannot be overridden), then
/// the user's choice, else open.
#[must_use]
pub fn state(rules: &RuleSet, case: &Case, eval: &Evaluation, def: &DraftChoice, lang: Lang) -> Chosen {
    if let Some(f) = &def.from_case {
        let (holds, why) = fact(rules, case, eval, &f.fact, lang);
        let option = if holds { Some(&f.if_true) } else { f.if_false.as_ref() };
        if let Some(option) = option {
            return Chosen::ByCase { option: option.clone(), why };
        }
    }
    match case.drafting.get(&def.choice_id) {
        Some(o) if def.options.iter().any(|x| &x.option_id == o) => Chosen::ByUser(o.clone()),
        _ => Chosen::Open,
    }
}

/// Whether a fact of the case holds, and the fact in words.
fn fact(rules: &RuleSet, case: &Case, eval: &Evaluation, fact: &str, lang: Lang) -> (bool, String) {
    let ja = lang == Lang::Ja;
    let said = |b: bool| {
        if ja {
            if b { "あり" } else { "なし" }
        } else if b {
            "yes"
        } else {
            "no"
        }
    };
    if let Some(id) = fact.strip_prefix("countermeasure:") {
        let holds = case.risk.iter().any(|r| r.countermeasures.iter().any(|c| c == id));
        let label = rules.countermeasure(id).map_or(id, |d| d.label.get(lang));
        let why = if ja {
            format!("リスク対策「{label}」: {}", said(holds))
        } else {
            format!("countermeasure '{label}': {}", said(holds))
        };
        return (holds, why);
    }
    if let Some(id) = fact.strip_prefix("form:") {
        let form = case.basics.form.as_deref().unwrap_or_default();
        let label = rules.form(form).map_or(form, |f| f.label.get(lang));
        return (form == id, if ja { format!("委託形態: {label}") } else { format!("form of outsourcing: {label}") });
    }
    match fact {
        "subcontracting_expected" => {
            let b = case.basics.subcontracting_expected;
            (
                b,
                if ja {
                    format!("再委託の予定: {}", said(b))
                } else {
                    format!("subcontracting expected: {}", said(b))
                },
            )
        }
        "exception" => {
            let b = eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest);
            let name = eval.outcome.as_ref().map(|o| rules.outcome_name(o.outcome).get(lang).to_string());
            let name = name.unwrap_or_else(|| if ja { "未決定".into() } else { "not reached".into() });
            (b, if ja { format!("判断結果: {name}") } else { format!("outcome: {name}") })
        }
        "terms_service" => {
            let b = case.basics.terms_service.used;
            (
                b,
                if ja {
                    format!("約款によるサービスの利用: {}", said(b))
                } else {
                    format!("service under terms: {}", said(b))
                },
            )
        }
        _ => (false, fact.to_string()),
    }
}

/// The truth of all `conditions` together for the case, given the choices' states.
#[must_use]
pub fn all_hold(conditions: &[String], form: Option<&str>, states: &[ChoiceState]) -> Truth {
    let mut open = Vec::new();
    for c in conditions {
        let Some((name, values)) = split_condition(c) else { return Truth::No };
        if name == "form" {
            if !form.is_some_and(|f| values.contains(&f)) {
                return Truth::No;
            }
            continue;
        }
        match states.iter().find(|s| s.def.choice_id == name).map(|s| s.chosen.option()) {
            Some(Some(o)) if values.contains(&o) => {}
            Some(None) => open.push(name.to_string()),
            _ => return Truth::No,
        }
    }
    if open.is_empty() { Truth::Yes } else { Truth::Open(open) }
}
