//! The quiz of a sample: the judgments the flow asks of a section manager, each with the
//! model answer, its reason, its clauses and the sample's commentary.
//!
//! The items follow the model path through the rules: the 付録1 status, the importance of
//! every inventory item, every question node the path passes (from `flow.json`, so an
//! organisation's own questions are quizzed too), the 約款 checks, the narrowing of each
//! important item, the residual level of each risk row, and the outcome.

use crate::case::{Access, Case, TermsStatus};
use crate::engine::{self, PathStep, fact_value};
use crate::risk::RiskLevel;
use crate::rules::files::{AccessVia, Fact, OutcomeKind, TaskKind};
use crate::rules::{Choice, NodeBody, RuleSet};
use crate::text::{Lang, Text};

use super::Training;

/// One answer a trainee can choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizChoice {
    /// The value compared with the model answer.
    pub value: String,
    /// What the trainee reads.
    pub label: Text,
}

/// One judgment of the flow, asked of the trainee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizItem {
    /// Stable id within the sample (`appendix1`, `importance:i2`, `node:q_wants_exception` …).
    pub item_id: String,
    /// The step of the flow it belongs to.
    pub step_id: String,
    /// A short name for lists (`付録1`, the item's name, the question's step …).
    pub label: Text,
    /// The question.
    pub prompt: Text,
    /// Facts the trainee needs beside the narrative (an item's access path, a risk row's
    /// scores); empty when none.
    pub context: Text,
    /// The answers offered.
    pub choices: Vec<QuizChoice>,
    /// The model answer's value.
    pub model_value: String,
    /// The reason the model case gives for it (as the section manager wrote it).
    pub model_reason: String,
    /// The clauses behind the judgment.
    pub citations: Vec<String>,
    /// The sample's commentary on it.
    pub commentary: Text,
    /// The clauses the commentary rests on.
    pub commentary_citations: Vec<String>,
}

impl QuizItem {
    /// The label of a value among this item's choices (the value itself if unknown).
    #[must_use]
    pub fn label_of(&self, value: &str, lang: Lang) -> String {
        self.choices
            .iter()
            .find(|c| c.value == value)
            .map_or_else(|| value.to_string(), |c| c.label.get(lang).to_string())
    }

    /// The model answer's label.
    #[must_use]
    pub fn model_label(&self, lang: Lang) -> String {
        self.label_of(&self.model_value, lang)
    }
}

/// Why a case cannot be turned into a quiz.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    /// The case has no `training` section.
    #[error("the case has no \"training\" section (narrative, expected outcome, commentary)")]
    NotASample,
    /// The model answers do not reach an outcome.
    #[error("the model answers do not reach an outcome; the flow stops at {0}")]
    Incomplete(String),
    /// The engine reaches a different outcome than the sample expects.
    #[error("the model answers reach {found}, but training.expected_outcome is {expected}")]
    WrongOutcome {
        /// The outcome the engine reaches.
        found: String,
        /// The outcome the sample states.
        expected: String,
    },
    /// A quiz item has no commentary.
    #[error("no commentary for quiz item \"{0}\" (add a note with \"item\": \"{0}\" to training.commentary)")]
    MissingNote(String),
    /// A commentary note names no quiz item of this sample.
    #[error("training.commentary[{index}] is for \"{item}\", which is not a quiz item of this sample (items: {known})")]
    UnknownNote {
        /// Position in the list.
        index: usize,
        /// The item named.
        item: String,
        /// The items that exist.
        known: String,
    },
    /// A citation that the rule book does not hold.
    #[error("{place} cites \"{citation}\", which is not a clause of the rule book (clauses.json)")]
    UnknownCitation {
        /// Where.
        place: String,
        /// The citation.
        citation: String,
    },
    /// A required text is empty.
    #[error("{0} is empty in Japanese or English")]
    EmptyText(String),
}

fn yes_no() -> Vec<QuizChoice> {
    vec![
        QuizChoice { value: "yes".into(), label: Text::new("はい", "Yes") },
        QuizChoice { value: "no".into(), label: Text::new("いいえ", "No") },
    ]
}

fn yn(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn level_id(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "low",
        RiskLevel::Medium => "medium",
        RiskLevel::High => "high",
    }
}

struct Draft {
    item_id: String,
    step_id: String,
    label: Text,
    prompt: Text,
    context: Text,
    choices: Vec<QuizChoice>,
    model_value: String,
    model_reason: String,
    citations: Vec<String>,
}

fn draft(item_id: String, step_id: &str, prompt: Text, choices: Vec<QuizChoice>, model_value: String) -> Draft {
    Draft {
        item_id,
        step_id: step_id.to_string(),
        label: Text::new("", ""),
        prompt,
        context: Text::new("", ""),
        choices,
        model_value,
        model_reason: String::new(),
        citations: Vec::new(),
    }
}

/// Builds the quiz of a sample case, checking that its model answers reach the expected
/// outcome and that every item has commentary with clauses the rule book holds.
///
/// # Errors
/// A [`QuizError`] naming what is wrong with the sample.
pub fn quiz_items(rules: &RuleSet, case: &Case) -> Result<Vec<QuizItem>, QuizError> {
    let training = case.training.as_ref().ok_or(QuizError::NotASample)?;
    check_texts(training)?;
    let eval = engine::evaluate(rules, case);
    let Some(outcome) = eval.outcome.as_ref() else {
        let at = eval.next.as_ref().map_or_else(|| "?".to_string(), |p| p.node_id.clone());
        return Err(QuizError::Incomplete(at));
    };
    if outcome.outcome != training.expected_outcome {
        return Err(QuizError::WrongOutcome {
            found: outcome.outcome.id().to_string(),
            expected: training.expected_outcome.id().to_string(),
        });
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for p in &eval.path {
        match rules.node(&p.node_id).map(|n| &n.body) {
            Some(NodeBody::Task { task, .. }) => match task {
                TaskKind::Basics => {}
                TaskKind::Appendix1 => appendix1_item(rules, case, &mut drafts),
                TaskKind::Inventory => importance_items(rules, case, &mut drafts),
                TaskKind::TermsCheck => terms_items(rules, case, &mut drafts),
                TaskKind::Narrowing => narrowing_items(rules, case, &mut drafts),
                TaskKind::RiskAnalysis => risk_items(rules, case, &mut drafts),
            },
            Some(NodeBody::Question { choices, .. }) => question_item(rules, p, choices, &mut drafts),
            _ => {}
        }
    }
    // The outcome.
    let mut d = draft(
        "outcome".into(),
        "outcome",
        Text::new("この案件の結論はどれですか。", "Which outcome does this case reach?"),
        OutcomeKind::ALL
            .iter()
            .map(|k| QuizChoice { value: k.id().to_string(), label: rules.outcome_name(*k).clone() })
            .collect(),
        outcome.outcome.id().to_string(),
    );
    d.label = Text::new("結論", "Outcome");
    d.model_reason.clone_from(&outcome.explanation.ja);
    d.citations.clone_from(&outcome.basis_citations);
    drafts.push(d);

    attach_commentary(rules, training, drafts)
}

/// 付録1 (5.1(1)–(3)).
fn appendix1_item(rules: &RuleSet, case: &Case, drafts: &mut Vec<Draft>) {
    let Some(status) = fact_value(rules, case, Fact::Appendix1Status) else { return };
    let choices = ["important", "not_important", "unlisted"]
        .iter()
        .map(|v| QuizChoice { value: (*v).to_string(), label: engine::value_label(rules, Fact::Appendix1Status, v) })
        .collect();
    let mut d = draft("appendix1".into(), "appendix1", rules.wording("quiz.appendix1.prompt").0, choices, status);
    d.label = rules.wording("quiz.appendix1.label").0;
    d.model_reason = case.appendix1.as_ref().map(|a| a.rationale.clone()).unwrap_or_default();
    d.citations = rules.wording("quiz.appendix1.prompt").1;
    drafts.push(d);
}

/// The importance of every inventory item (5.2(1)).
fn importance_items(rules: &RuleSet, case: &Case, drafts: &mut Vec<Draft>) {
    for item in &case.inventory {
        let Some(important) = item.important else { continue };
        let mut d = draft(
            format!("importance:{}", item.item_id),
            "inventory",
            Text::new(
                format!("「{}」は重要な情報ですか。", item.name),
                format!("Is “{}” important information?", item.name),
            ),
            vec![
                QuizChoice {
                    value: "important".into(), label: Text::new("重要な情報である", "Important information")
                },
                QuizChoice {
                    value: "not_important".into(),
                    label: Text::new("重要な情報ではない", "Not important information"),
                },
            ],
            if important { "important" } else { "not_important" }.into(),
        );
        d.label = Text::new(format!("重要性：{}", item.name), format!("Importance: {}", item.name));
        d.model_reason.clone_from(&item.reason);
        let (via_ja, via_en) = match item.via {
            AccessVia::Direct => ("業務そのものとして", "as part of the task itself"),
            AccessVia::Installation => ("導入作業（接続・設置）を通じて", "through installation work"),
            AccessVia::Operations => ("運用・保守の権限を通じて", "through operations or maintenance rights"),
        };
        let (acc_ja, acc_en) = match item.access {
            Access::Provided => ("提供する", "provided"),
            Access::Accessible => ("アクセスし得る", "accessible"),
        };
        let mut context = Text::new(format!("委託先が{via_ja}{acc_ja}情報"), format!("Information {acc_en} {via_en}"));
        if !item.description.is_empty() {
            context.ja = format!("{}。{}", context.ja, item.description);
            context.en = format!("{}. {}", context.en, item.description);
        }
        d.context = context;
        d.citations.clone_from(&rules.step_citations("inventory"));
        if item.via != AccessVia::Direct {
            d.citations.extend(rules.access_path(item.via).citations.iter().cloned());
        }
        drafts.push(d);
    }
}

/// A question node on the model path, with the rules' own wording and answers.
fn question_item(rules: &RuleSet, p: &PathStep, choices: &[Choice], drafts: &mut Vec<Draft>) {
    let mut d = draft(
        format!("node:{}", p.node_id),
        &p.step_id,
        p.text.clone(),
        choices.iter().map(|c| QuizChoice { value: c.value.clone(), label: c.label.clone() }).collect(),
        p.value.clone().unwrap_or_default(),
    );
    d.label = Text::new(shorten(&p.text.ja, 18), shorten(&p.text.en, 40));
    d.model_reason = p.rationale.clone().unwrap_or_default();
    d.citations.clone_from(&p.citations);
    if d.citations.is_empty() {
        d.citations = rules.node(&p.node_id).map(|n| n.citations.clone()).unwrap_or_default();
    }
    drafts.push(d);
}

/// The service on fixed terms (3.2, 5.2(5), 表4).
fn terms_items(rules: &RuleSet, case: &Case, drafts: &mut Vec<Draft>) {
    if case.basics.terms_service.free {
        let mut d = draft(
            "terms_free".into(),
            "terms_check",
            Text::new(
                "このサービスは無料で利用できます。それでも外部委託としてこの規程の対象になりますか。",
                "The service is free of charge. Is its use still outsourcing under these rules?",
            ),
            yes_no(),
            "yes".into(),
        );
        d.label = Text::new("無料のサービス", "Free service");
        d.citations = vec!["3.2".into()];
        drafts.push(d);
    }
    let gaps = case.terms_check.rows.iter().any(|r| r.status == TermsStatus::NotAddressed);
    let mut d =
        draft("terms_gaps".into(), "terms_check", rules.wording("quiz.terms_gaps.prompt").0, yes_no(), yn(gaps));
    d.label = rules.wording("quiz.terms_gaps.label").0;
    d.citations = rules.wording("quiz.terms_gaps.prompt").1;
    drafts.push(d);
}

/// The narrowing of each important item (5.2(2)).
fn narrowing_items(rules: &RuleSet, case: &Case, drafts: &mut Vec<Draft>) {
    for n in &case.narrowing {
        if case.item(&n.item_id).is_none_or(|i| i.important != Some(true)) {
            continue;
        }
        let name = case.item(&n.item_id).map_or(n.item_id.as_str(), |i| i.name.as_str());
        let mut d = draft(
            format!("narrowing:{}", n.item_id),
            "narrowing",
            Text::new(
                format!("範囲の絞り込みにより、委託先が「{name}」に触れないようにできますか。"),
                format!("Can narrowing the scope keep the contractor away from “{name}” entirely?"),
            ),
            yes_no(),
            yn(n.removes_item),
        );
        d.label = Text::new(format!("絞り込み：{name}"), format!("Narrowing: {name}"));
        d.model_reason.clone_from(&n.reason);
        d.citations = rules.step_citations("narrowing");
        drafts.push(d);
    }
}

/// The residual level of each risk row (5.1(5)).
fn risk_items(rules: &RuleSet, case: &Case, drafts: &mut Vec<Draft>) {
    let thresholds = rules.thresholds();
    for r in &case.risk {
        let threat =
            rules.threat(&r.threat_id).map_or_else(|| Text::new(&r.threat_id, &r.threat_id), |th| th.name.clone());
        let labels = |lang: Lang| -> Vec<&str> {
            r.countermeasures.iter().filter_map(|c| rules.countermeasure(c)).map(|c| c.label.get(lang)).collect()
        };
        let mut d = draft(
            format!("risk:{}", r.row_id),
            "risk_analysis",
            Text::new(
                format!("「{}」の対策後の残存リスクの水準は。", threat.ja),
                format!("What is the residual level of “{}” after the countermeasures?", threat.en),
            ),
            vec![
                QuizChoice { value: "low".into(), label: Text::new("低", "Low") },
                QuizChoice { value: "medium".into(), label: Text::new("中", "Medium") },
                QuizChoice { value: "high".into(), label: Text::new("高", "High") },
            ],
            level_id(thresholds.level(r.likelihood_after, r.impact_after)).into(),
        );
        d.context = Text::new(
            format!(
                "対策前：発生可能性 {}・影響 {}　対策：{}　対策後：発生可能性 {}・影響 {}（リスク＝発生可能性×影響。{}以上は中、{}以上は高）",
                r.likelihood_before,
                r.impact_before,
                labels(Lang::Ja).join("、"),
                r.likelihood_after,
                r.impact_after,
                thresholds.medium_from,
                thresholds.high_from
            ),
            format!(
                "Before: likelihood {}, impact {}. Countermeasures: {}. After: likelihood {}, impact {} (risk = likelihood × impact; {} or more is medium, {} or more high).",
                r.likelihood_before,
                r.impact_before,
                labels(Lang::En).join("; "),
                r.likelihood_after,
                r.impact_after,
                thresholds.medium_from,
                thresholds.high_from
            ),
        );
        d.label = Text::new(format!("残存リスク：{}", threat.ja), format!("Residual risk: {}", threat.en));
        d.model_reason.clone_from(&r.note);
        d.citations = rules.step_citations("risk_analysis");
        drafts.push(d);
    }
}

/// The first `max` characters of a text, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { text.chars().take(max).collect::<String>() + "…" }
}

fn check_texts(training: &Training) -> Result<(), QuizError> {
    let texts = [
        ("training.title", &training.title),
        ("training.narrative", &training.narrative),
        ("training.summary", &training.summary),
    ];
    for (place, text) in texts {
        if text.ja.trim().is_empty() || text.en.trim().is_empty() {
            return Err(QuizError::EmptyText(place.into()));
        }
    }
    if training.sample_id.trim().is_empty() {
        return Err(QuizError::EmptyText("training.sample_id".into()));
    }
    Ok(())
}

fn attach_commentary(rules: &RuleSet, training: &Training, drafts: Vec<Draft>) -> Result<Vec<QuizItem>, QuizError> {
    for (index, note) in training.commentary.iter().enumerate() {
        if !drafts.iter().any(|d| d.item_id == note.item) {
            let known: Vec<&str> = drafts.iter().map(|d| d.item_id.as_str()).collect();
            return Err(QuizError::UnknownNote { index, item: note.item.clone(), known: known.join(", ") });
        }
        if note.text.ja.trim().is_empty() || note.text.en.trim().is_empty() {
            return Err(QuizError::EmptyText(format!("training.commentary[{index}].text")));
        }
        for c in &note.citations {
            if rules.clause(c).is_none() {
                return Err(QuizError::UnknownCitation {
                    place: format!("training.commentary[{index}]"),
                    citation: c.clone(),
                });
            }
        }
    }
    for (i, c) in training.topics.iter().enumerate() {
        if rules.clause(c).is_none() {
            return Err(QuizError::UnknownCitation { place: format!("training.topics[{i}]"), citation: c.clone() });
        }
    }
    drafts
        .into_iter()
        .map(|d| {
            let note = training.note(&d.item_id).ok_or_else(|| QuizError::MissingNote(d.item_id.clone()))?;
            Ok(QuizItem {
                step_id: d.step_id,
                label: d.label,
                item_id: d.item_id,
                prompt: d.prompt,
                context: d.context,
                choices: d.choices,
                model_value: d.model_value,
                model_reason: d.model_reason,
                citations: d.citations,
                commentary: note.text.clone(),
                commentary_citations: note.citations.clone(),
            })
        })
        .collect()
}
