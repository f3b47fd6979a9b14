//! The validated rule set the engine works on. Built only by the loader, so every
//! reference in it resolves and every item carries a citation and both languages.

use std::collections::HashMap;

use crate::risk::Thresholds;
use crate::text::{Lang, Text};

use super::files::{
    AccessVia, Appendix1File, CautionDef, CountermeasureDef, Fact, FormDef, GuidingQuestionDef, MeasuresFile,
    NarrowingDef, OutcomeKind, RuleSetFile, StepDef, TaskKind, ThreatsFile, WarningDef,
};

/// Index of a node in [`RuleSet::nodes`].
pub type NodeIdx = usize;

/// A validated node of the decision graph.
#[derive(Debug, Clone)]
pub struct Node {
    /// Stable id.
    pub node_id: String,
    /// Index of its step in [`RuleSet::steps`].
    pub step: usize,
    /// The question, task, fact or outcome title.
    pub text: Text,
    /// Clauses behind the node.
    pub citations: Vec<String>,
    /// What the node does.
    pub body: NodeBody,
}

/// A validated answer of a question.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Value stored in the case.
    pub value: String,
    /// Label shown.
    pub label: Text,
    /// Clauses behind this answer.
    pub citations: Vec<String>,
    /// Next node.
    pub next: NodeIdx,
    /// This answer expects an inventory item reached this way.
    pub expects_inventory_via: Option<AccessVia>,
}

/// A validated branch of a switch.
#[derive(Debug, Clone)]
pub struct SwitchCase {
    /// Value of the fact.
    pub value: String,
    /// Next node.
    pub next: NodeIdx,
    /// Clauses that apply for this value.
    pub citations: Vec<String>,
}

/// What a node does, with its edges resolved to indices.
#[derive(Debug, Clone)]
pub enum NodeBody {
    /// A structured task that must be complete.
    Task {
        /// Which task.
        task: TaskKind,
        /// Next node.
        next: NodeIdx,
    },
    /// A question answered with a reason.
    Question {
        /// Help text.
        help: Text,
        /// Whether a written reason is required.
        rationale_required: bool,
        /// The answers.
        choices: Vec<Choice>,
    },
    /// A branch on a derived fact.
    Switch {
        /// The fact.
        fact: Fact,
        /// One branch per value.
        cases: Vec<SwitchCase>,
        /// Where other values go.
        default: Option<NodeIdx>,
    },
    /// An outcome.
    Outcome {
        /// Which of the five.
        outcome: OutcomeKind,
        /// What it means.
        explanation: Text,
        /// What the memo asks the approver, when not the outcome's usual request.
        ask: Option<Text>,
    },
}

impl NodeBody {
    /// Every node this one can lead to.
    #[must_use]
    pub fn successors(&self) -> Vec<NodeIdx> {
        match self {
            Self::Task { next, .. } => vec![*next],
            Self::Question { choices, .. } => choices.iter().map(|c| c.next).collect(),
            Self::Switch { cases, default, .. } => {
                cases.iter().map(|c| c.next).chain(default.iter().copied()).collect()
            }
            Self::Outcome { .. } => Vec::new(),
        }
    }
}

/// A complete, validated rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Identity, version and sources.
    pub info: RuleSetFile,
    /// The steps in display order.
    pub steps: Vec<StepDef>,
    /// The decision graph.
    pub nodes: Vec<Node>,
    /// The first node.
    pub start: NodeIdx,
    /// Guiding questions for the importance judgment.
    pub importance_questions: Vec<GuidingQuestionDef>,
    /// The short name of each outcome kind (one per kind, checked at load).
    pub outcomes: Vec<super::files::OutcomeNameDef>,
    /// The label and citations of each access path (one per path, checked at load).
    pub access_paths: Vec<super::files::AccessPathDef>,
    /// Forms of outsourcing.
    pub forms: Vec<FormDef>,
    /// The 付録1 list.
    pub appendix1: Appendix1File,
    /// 表4 and 5.2(5) cautions.
    pub cautions: Vec<CautionDef>,
    /// Threat catalogue and risk matrix.
    pub threats: ThreatsFile,
    /// Countermeasure catalogue.
    pub countermeasures: Vec<CountermeasureDef>,
    /// Narrowing measures.
    pub narrowing: Vec<NarrowingDef>,
    /// 表1 and 表3.
    pub measures: MeasuresFile,
    /// The glossary.
    pub glossary: super::files::GlossaryFile,
    /// Rule-book texts behind the citations.
    pub clauses: super::files::ClausesFile,
    /// Warning texts by id.
    pub warnings: HashMap<String, WarningDef>,
    /// Fixed wording that names the rule book, by id (every id of `wording_ids::all`, checked at load).
    pub wording: HashMap<String, super::files::WordingDef>,
    /// The organisation's own words (`organisation.json`).
    pub organisation: super::files::OrganisationFile,
    /// The security clauses of the procurement spec and the contract (`drafts.json`).
    pub drafts: super::files::DraftsFile,
    /// The organisation's own references beside the template's clauses (`references.json`).
    pub references: super::files::ReferencesFile,
    /// The approvers who sign in this program (`approvers.json`).
    pub approvers: super::files::ApproversFile,
    /// A digest of the rule files' contents (`sha256:…`): two folders with the same id and
    /// version but an edited 付録1 differ here, so the register's index of one is not
    /// reused under the other.
    pub fingerprint: String,
    pub(crate) node_index: HashMap<String, NodeIdx>,
}

impl RuleSet {
    /// The short name of an outcome kind, from `flow.json` (the loader checks all five exist).
    #[must_use]
    pub fn outcome_name(&self, kind: super::files::OutcomeKind) -> &crate::text::Text {
        &self.outcome_def(kind).name
    }

    /// The definition of an outcome kind's name and citations.
    #[must_use]
    pub fn outcome_def(&self, kind: super::files::OutcomeKind) -> &super::files::OutcomeNameDef {
        self.outcomes.iter().find(|o| o.outcome == kind).unwrap_or(&self.outcomes[0])
    }

    /// The label and citations of an access path, from `flow.json` (the loader checks all exist).
    #[must_use]
    pub fn access_path(&self, via: super::files::AccessVia) -> &super::files::AccessPathDef {
        self.access_paths.iter().find(|a| a.via == via).unwrap_or(&self.access_paths[0])
    }

    /// The fixed wording `wording_id` in `lang` with its `{name}` placeholders filled from `fill`.
    /// The loader guarantees every id of `wording_ids::all` exists; an unknown id gives the id.
    #[must_use]
    pub fn words(&self, wording_id: &str, lang: crate::text::Lang, fill: &[(&str, &str)]) -> String {
        let Some(w) = self.wording.get(wording_id) else { return wording_id.to_string() };
        // One pass over the wording: a value (a user's note holding 「{note}」) is printed
        // as typed, never filled again.
        let slots: Vec<String> = fill.iter().map(|(name, _)| format!("{{{name}}}")).collect();
        let patterns: Vec<&str> = slots.iter().map(String::as_str).collect();
        crate::text::replace_once(w.text.get(lang), &patterns, |slot| {
            slots.iter().zip(fill).find(|(s, _)| s.as_str() == slot).map(|(_, (_, v))| (*v).to_string())
        })
    }

    /// The fixed wording `wording_id` in both languages, with its citations.
    #[must_use]
    pub fn wording(&self, wording_id: &str) -> (crate::text::Text, Vec<String>) {
        self.wording.get(wording_id).map_or_else(
            || (crate::text::Text::new(wording_id, wording_id), Vec::new()),
            |w| (w.text.clone(), w.citations.clone()),
        )
    }

    /// The citations of a step, by id (empty for an unknown step).
    #[must_use]
    pub fn step_citations(&self, step_id: &str) -> Vec<String> {
        self.step_idx(step_id).map(|i| self.steps[i].citations.clone()).unwrap_or_default()
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, node_id: &str) -> Option<&Node> {
        self.node_index.get(node_id).map(|&i| &self.nodes[i])
    }

    /// Index of the node with this id.
    #[must_use]
    pub fn node_idx(&self, node_id: &str) -> Option<NodeIdx> {
        self.node_index.get(node_id).copied()
    }

    /// Index of a step by id.
    #[must_use]
    pub fn step_idx(&self, step_id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.step_id == step_id)
    }

    /// The form with this id.
    #[must_use]
    pub fn form(&self, form_id: &str) -> Option<&FormDef> {
        self.forms.iter().find(|f| f.form_id == form_id)
    }

    /// The 付録1 entry with this id.
    #[must_use]
    pub fn appendix1_entry(&self, entry_id: &str) -> Option<&super::files::Appendix1Entry> {
        self.appendix1.entries.iter().find(|e| e.entry_id == entry_id)
    }

    /// The threat with this id.
    #[must_use]
    pub fn threat(&self, threat_id: &str) -> Option<&super::files::ThreatDef> {
        self.threats.threats.iter().find(|t| t.threat_id == threat_id)
    }

    /// The countermeasure with this id.
    #[must_use]
    pub fn countermeasure(&self, id: &str) -> Option<&CountermeasureDef> {
        self.countermeasures.iter().find(|c| c.countermeasure_id == id)
    }

    /// The caution with this id.
    #[must_use]
    pub fn caution(&self, id: &str) -> Option<&CautionDef> {
        self.cautions.iter().find(|c| c.caution_id == id)
    }

    /// The narrowing measure with this id.
    #[must_use]
    pub fn narrowing_measure(&self, id: &str) -> Option<&NarrowingDef> {
        self.narrowing.iter().find(|c| c.narrowing_id == id)
    }

    /// Thresholds of the risk matrix.
    #[must_use]
    pub fn thresholds(&self) -> Thresholds {
        Thresholds { medium_from: self.threats.risk_matrix.medium_from, high_from: self.threats.risk_matrix.high_from }
    }

    /// Highest likelihood level.
    #[must_use]
    pub fn max_likelihood(&self) -> u8 {
        self.threats.risk_matrix.likelihood_levels.iter().map(|l| l.level).max().unwrap_or(1)
    }

    /// Highest impact level.
    #[must_use]
    pub fn max_impact(&self) -> u8 {
        self.threats.risk_matrix.impact_levels.iter().map(|l| l.level).max().unwrap_or(1)
    }

    /// The rule-book text for a citation: the exact clause, or failing that the nearest
    /// enclosing one (`表4 No.12` → `表4`, `5.1(3)` → `5.1`).
    #[must_use]
    pub fn clause(&self, citation: &str) -> Option<&super::files::ClauseDef> {
        citation_and_parents(citation).find_map(|key| self.clauses.clauses.iter().find(|c| c.clause_id == key))
    }

    /// The organisation's references for the clause a citation names (`references.json`);
    /// `None` where none is set.
    #[must_use]
    pub fn own_reference(&self, citation: &str) -> Option<&super::files::ClauseReference> {
        let clause = self.clause(citation)?;
        self.references.references.iter().find(|r| r.clause_id == clause.clause_id)
    }

    /// Whether the organisation has set any reference of its own or named its policy: the
    /// documents then carry the table of references.
    #[must_use]
    pub fn has_own_references(&self) -> bool {
        !self.references.references.is_empty() || self.organisation.policy.is_some()
    }

    /// The organisation's article and the current national clause for a citation, as every
    /// screen and document words them: the text where set, 「未設定」 ("not set") where not.
    #[must_use]
    pub fn reference_words(&self, citation: &str, lang: Lang) -> (String, String) {
        let unset = || crate::text::l(lang, "未設定", "not set");
        let r = self.own_reference(citation);
        (
            r.map_or_else(unset, |r| r.own.get(lang).to_string()),
            r.and_then(|r| r.national.as_ref()).map_or_else(unset, |n| n.get(lang).to_string()),
        )
    }

    /// The values a fact can take under this rule set.
    #[must_use]
    pub fn fact_domain(&self, fact: Fact) -> Vec<String> {
        match fact {
            Fact::Form => self.forms.iter().map(|f| f.form_id.clone()).collect(),
            _ => fact.fixed_values(),
        }
    }

    /// The id and version this rule set records in cases.
    #[must_use]
    pub fn stamp(&self) -> (String, String) {
        (self.info.ruleset_id.clone(), self.info.version.clone())
    }

    /// Puts the organisation's word for itself where the template has its placeholder
    /// (〔 省 〕, 「当省」; "the ministry" in English) in the texts the app and the memo quote:
    /// clauses, cautions, warnings and the fixed wording. Done once, at load.
    pub(crate) fn use_own_words(&mut self) {
        let own = self.organisation.self_word.clone();
        // One pass over each text: the organisation's word is never searched again, so a
        // word that itself holds 〔 省 〕 cannot multiply (issue 23, finding 5).
        let ja = |s: &mut String| {
            const PLACEHOLDERS: [&str; 5] = ["〔 省 〕", "〔 省〕", "〔省 〕", "〔省〕", "当省"];
            if PLACEHOLDERS.iter().any(|p| s.contains(p)) {
                *s = crate::text::replace_once(s, &PLACEHOLDERS, |_| Some(own.ja.clone()));
            }
        };
        let text = |t: &mut crate::text::Text| {
            ja(&mut t.ja);
            if own.en != "the ministry" && t.en.contains("the ministry") {
                t.en = t.en.replace("the ministry", &own.en);
            }
        };
        for c in &mut self.clauses.clauses {
            ja(&mut c.text);
            text(&mut c.heading);
        }
        self.cautions.iter_mut().for_each(|c| text(&mut c.text));
        self.warnings.values_mut().for_each(|w| text(&mut w.text));
        self.wording.values_mut().for_each(|w| text(&mut w.text));
        for chapter in self.drafts.documents.iter_mut().flat_map(|d| d.chapters.iter_mut()) {
            ja(&mut chapter.note);
            for clause in &mut chapter.clauses {
                text(&mut clause.heading);
                clause.text.iter_mut().for_each(ja);
                clause.variants.iter_mut().flat_map(|v| v.text.iter_mut()).for_each(ja);
            }
        }
    }
}

/// A citation and the clauses it is part of, nearest first: `表4 No.12` → `表4`;
/// `5.2(3)` → `5.2`; `付録1 1(2)` → `付録1 1` → `付録1`. A citation resolves when one of
/// these is quoted in `clauses.json` (the loader checks every citation; the guidance
/// panel shows the nearest).
pub(crate) fn citation_and_parents(citation: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(citation.trim()), |key| {
        if let Some((head, _)) = key.rsplit_once(' ') {
            Some(head)
        } else if key.ends_with(')') {
            key.rsplit_once('(').map(|(head, _)| head)
        } else {
            None
        }
    })
}
