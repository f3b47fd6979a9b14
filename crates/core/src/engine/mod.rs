//! The engine: a pure, deterministic walk of the decision graph over a case. From the
//! rules and the answers so far it gives the path taken, the next thing to do, the
//! outcome with its basis, the state of every step, and warnings.

mod facts;
pub mod warnings;

use std::collections::HashSet;

use serde::Serialize;

use crate::case::Case;
use crate::rules::files::{OutcomeKind, TaskKind};
use crate::rules::{Choice, NodeBody, NodeIdx, RuleSet, SwitchCase};
use crate::text::Text;

pub use facts::{
    answered_by_exclusion, excluded_work_paths, fact_value, task_missing, terms_service_used, value_label,
};
pub use warnings::Warning;

/// What kind of node a path step passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathKind {
    /// A completed task.
    Task,
    /// An answered question.
    Question,
    /// A branch on a derived fact.
    Switch,
}

/// One node passed on the way to the outcome, with what decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// The node.
    pub node_id: String,
    /// Its step.
    pub step_id: String,
    /// Task, question or switch.
    pub kind: PathKind,
    /// The question, task or fact.
    pub text: Text,
    /// Clauses: the node's, then the chosen answer's.
    pub citations: Vec<String>,
    /// The answer or fact value that decided the branch.
    pub value: Option<String>,
    /// The label of that answer, when a question.
    pub value_label: Option<Text>,
    /// The reason given, when a question.
    pub rationale: Option<String>,
}

/// Where the walk stopped: what the user must do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    /// The node waiting for input.
    pub node_id: String,
    /// Its step.
    pub step_id: String,
    /// The task, when the node is one.
    pub task: Option<TaskKind>,
    /// What is missing.
    pub missing: Vec<Text>,
}

/// The outcome reached, with its basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeResult {
    /// The outcome node.
    pub node_id: String,
    /// Which of the five.
    pub outcome: OutcomeKind,
    /// Its title.
    pub title: Text,
    /// What it means.
    pub explanation: Text,
    /// What the memo asks the approver, when the node says (else `memo.ask.<outcome>`).
    pub ask: Option<Text>,
    /// The outcome node's own clauses.
    pub citations: Vec<String>,
    /// Every clause on the path and the outcome's, first occurrence first.
    pub basis_citations: Vec<String>,
}

/// Progress of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// Passed on the path.
    Done,
    /// Waiting for input.
    Current,
    /// Not reached yet.
    NotYet,
    /// The outcome was reached without it.
    NotApplicable,
}

/// A step and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepStatus {
    /// The step.
    pub step_id: String,
    /// Its state.
    pub state: StepState,
}

/// Everything the engine concludes from a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Nodes passed, in order.
    pub path: Vec<PathStep>,
    /// What to do next; `None` once an outcome is reached.
    pub next: Option<Pending>,
    /// The outcome, once reached.
    pub outcome: Option<OutcomeResult>,
    /// State of every step, in the rule set's order.
    pub steps: Vec<StepStatus>,
    /// Answers kept in the case that the current path no longer uses.
    pub stale_answers: Vec<String>,
    /// Warnings and notices.
    pub warnings: Vec<Warning>,
}

impl Evaluation {
    /// The state of a step.
    #[must_use]
    pub fn step_state(&self, step_id: &str) -> Option<StepState> {
        self.steps.iter().find(|s| s.step_id == step_id).map(|s| s.state)
    }

    /// The step waiting for input, or the outcome's step once one is reached.
    #[must_use]
    pub fn current_step<'a>(&'a self, rules: &'a RuleSet) -> Option<&'a str> {
        self.next.as_ref().map(|p| p.step_id.as_str()).or_else(|| {
            self.outcome.as_ref().and_then(|o| rules.node(&o.node_id)).map(|n| rules.steps[n.step].step_id.as_str())
        })
    }
}

/// Walks the rules over the case. Pure: the same rules and case always give the same result.
#[must_use]
pub fn evaluate(rules: &RuleSet, case: &Case) -> Evaluation {
    let mut path = Vec::new();
    let mut next = None;
    let mut outcome = None;
    let mut node_idx = rules.start;
    // The loader rejects cycles, so a walk visits each node at most once.
    for _ in 0..=rules.nodes.len() {
        let node = &rules.nodes[node_idx];
        let at = At { node, step_id: rules.steps[node.step].step_id.clone() };
        let visit = match &node.body {
            NodeBody::Task { task, next: to } => task_node(rules, case, at, *task, *to),
            NodeBody::Question { rationale_required, choices, .. } => {
                question_node(rules, case, at, *rationale_required, choices)
            }
            NodeBody::Switch { fact, cases, default } => switch_node(rules, case, at, *fact, (cases, *default)),
            NodeBody::Outcome { outcome: kind, explanation, ask } => {
                outcome_node(rules, case, at, (*kind, explanation, ask), &mut path)
            }
        };
        match visit {
            Visit::Passed(step, to) => {
                path.push(step);
                node_idx = to;
            }
            Visit::Waits(pending) => {
                next = Some(pending);
                break;
            }
            Visit::Reached(reached) => {
                outcome = Some(reached);
                break;
            }
        }
    }

    let steps = step_states(rules, &path, next.as_ref(), outcome.as_ref());
    let on_path: HashSet<&str> = path.iter().map(|p| p.node_id.as_str()).collect();
    let stale_answers = if outcome.is_some() {
        case.answers.keys().filter(|k| !on_path.contains(k.as_str())).cloned().collect()
    } else {
        Vec::new()
    };
    let mut evaluation = Evaluation { path, next, outcome, steps, stale_answers, warnings: Vec::new() };
    evaluation.warnings = warnings::collect(rules, case, &evaluation);
    evaluation
}

/// The node the walk is at, with its step's id.
struct At<'r> {
    node: &'r crate::rules::Node,
    step_id: String,
}

impl At<'_> {
    /// The walk waits here for `missing` (of `task`, when the node is a task).
    fn waits(self, missing: Vec<Text>, task: Option<TaskKind>) -> Visit {
        Visit::Waits(Pending { node_id: self.node.node_id.clone(), step_id: self.step_id, task, missing })
    }

    /// The walk passes here, recording `kind` with `citations` and the value taken.
    fn passed(self, kind: PathKind, citations: Vec<String>, value: Taken, to: NodeIdx) -> Visit {
        let step = PathStep {
            node_id: self.node.node_id.clone(),
            step_id: self.step_id,
            kind,
            text: self.node.text.clone(),
            citations,
            value: value.value,
            value_label: value.label,
            rationale: value.rationale,
        };
        Visit::Passed(step, to)
    }
}

/// The value a node was passed with: a question's answer or a switch's fact (none for a task).
#[derive(Default)]
struct Taken {
    value: Option<String>,
    label: Option<Text>,
    rationale: Option<String>,
}

/// What visiting one node gives the walk.
enum Visit {
    /// Passed: the step recorded, and the node to go on to.
    Passed(PathStep, NodeIdx),
    /// The walk waits here.
    Waits(Pending),
    /// The walk ends at an outcome.
    Reached(OutcomeResult),
}

/// A task: passed once complete.
fn task_node(rules: &RuleSet, case: &Case, at: At, task: TaskKind, to: NodeIdx) -> Visit {
    let missing = task_missing(rules, case, task);
    if !missing.is_empty() {
        return at.waits(missing, Some(task));
    }
    let citations = at.node.citations.clone();
    at.passed(PathKind::Task, citations, Taken::default(), to)
}

/// A question: passed with the recorded answer (and its reason where one is required), or
/// with the 「はい」 a 付録1 exclusion already gave an access-path question.
fn question_node(rules: &RuleSet, case: &Case, at: At, rationale_required: bool, choices: &[Choice]) -> Visit {
    let answer = case.answers.get(&at.node.node_id);
    // An access-path question whose path a 付録1 exclusion already opened (the task
    // includes the excluded work, answered 「はい」 in step 2) is not asked again:
    // its "yes" choice is taken, the exclusion's answer as its reason.
    let by_exclusion = answer.is_none().then(|| facts::answered_by_exclusion(rules, case, choices)).flatten();
    let (choice, rationale) = if let Some(taken) = by_exclusion {
        taken
    } else {
        let choice = answer.and_then(|a| choices.iter().find(|c| c.value == a.value));
        let (Some(answer), Some(choice)) = (answer, choice) else {
            let missing = if answer.is_some() {
                Text {
                    ja: "回答が選択肢にありません".into(), en: "The answer is not one of the choices".into()
                }
            } else {
                Text { ja: "未回答".into(), en: "Not answered".into() }
            };
            return at.waits(vec![missing], None);
        };
        if rationale_required && answer.rationale.trim().is_empty() {
            return at.waits(vec![Text { ja: "理由の記入が必要です".into(), en: "A reason is required".into() }], None);
        }
        (choice, answer.rationale.clone())
    };
    // An access-path question (5.2(3)/(4)) is only answered once what the path
    // reaches is inventoried and judged: the outcome must not run ahead of the facts.
    if choices.iter().any(|c| c.expects_inventory_via.is_some()) {
        let missing = facts::access_path_missing(rules, case, choice.expects_inventory_via);
        if !missing.is_empty() {
            return at.waits(missing, None);
        }
    }
    let mut citations = at.node.citations.clone();
    citations.extend(choice.citations.iter().cloned());
    dedup(&mut citations);
    let taken =
        Taken { value: Some(choice.value.clone()), label: Some(choice.label.clone()), rationale: Some(rationale) };
    at.passed(PathKind::Question, citations, taken, choice.next)
}

/// A switch: passed along the case of the fact's value, or the default.
fn switch_node(
    rules: &RuleSet,
    case: &Case,
    at: At,
    fact: crate::rules::files::Fact,
    (cases, default): (&[SwitchCase], Option<NodeIdx>),
) -> Visit {
    let Some(value) = fact_value(rules, case, fact) else {
        let missing = Text {
            ja: format!("判断に必要な事実（{fact:?}）がまだ決まっていません"),
            en: format!("The fact this branch needs ({fact:?}) is not known yet"),
        };
        return at.waits(vec![missing], None);
    };
    let case_hit = cases.iter().find(|c| c.value == value);
    let Some(target) = case_hit.map(|c| c.next).or(default) else {
        // The loader guarantees coverage; an unknown value (e.g. a form the
        // rules no longer have) waits for the user to fix the basics.
        let missing = Text {
            ja: format!("値「{value}」に対応する分岐がありません"),
            en: format!("No branch for the value \"{value}\""),
        };
        return at.waits(vec![missing], None);
    };
    let mut citations = at.node.citations.clone();
    citations.extend(case_hit.iter().flat_map(|c| c.citations.iter().cloned()));
    dedup(&mut citations);
    let taken = Taken { label: Some(facts::value_label(rules, fact, &value)), value: Some(value), rationale: None };
    at.passed(PathKind::Switch, citations, taken, target)
}

/// An outcome: reached once nothing it rests on is missing; its basis is every citation of
/// the path. An exception request whose residual risk is not accounted for waits at the
/// question that claimed the reduction (taken off `path`).
fn outcome_node(
    rules: &RuleSet,
    case: &Case,
    at: At,
    (kind, explanation, ask): (OutcomeKind, &Text, &Option<Text>),
    path: &mut Vec<PathStep>,
) -> Visit {
    // 5.1(5): an exception is requested because the risk is held sufficiently
    // reduced; every residual 高 must say why, or the request contradicts itself.
    if kind == OutcomeKind::ExceptionRequest {
        let mut missing = facts::residual_high_missing(rules, case);
        missing.extend(facts::proposed_review_by_missing(case));
        if !missing.is_empty() {
            // Wait at the question that claimed the reduction.
            let (node_id, step_id) =
                path.pop().map_or_else(|| (at.node.node_id.clone(), at.step_id), |p| (p.node_id, p.step_id));
            return Visit::Waits(Pending { node_id, step_id, task: None, missing });
        }
    }
    // A safety net for rule sets whose path asks no access question: no outcome
    // while any inventoried item is still unjudged.
    let unjudged: Vec<Text> = case.inventory.iter().flat_map(facts::item_missing).collect();
    if !unjudged.is_empty() {
        return at.waits(unjudged, None);
    }
    let node = at.node;
    let mut basis: Vec<String> =
        path.iter().flat_map(|p: &PathStep| p.citations.iter()).chain(node.citations.iter()).cloned().collect();
    dedup(&mut basis);
    Visit::Reached(OutcomeResult {
        node_id: node.node_id.clone(),
        outcome: kind,
        title: node.text.clone(),
        explanation: facts::outcome_explanation(rules, case, kind, explanation),
        ask: ask.clone(),
        citations: node.citations.clone(),
        basis_citations: basis,
    })
}

/// Removes repeated citations, keeping the first of each.
fn dedup(citations: &mut Vec<String>) {
    let mut seen = HashSet::new();
    citations.retain(|c| seen.insert(c.clone()));
}

fn step_states(
    rules: &RuleSet,
    path: &[PathStep],
    next: Option<&Pending>,
    outcome: Option<&OutcomeResult>,
) -> Vec<StepStatus> {
    rules
        .steps
        .iter()
        .map(|s| {
            let id = s.step_id.as_str();
            let state = if next.is_some_and(|n| n.step_id == id) {
                StepState::Current
            } else if path.iter().any(|p| p.step_id == id) {
                StepState::Done
            } else if let Some(o) = outcome {
                if rules.node(&o.node_id).is_some_and(|n| rules.steps[n.step].step_id == id) {
                    StepState::Done
                } else {
                    StepState::NotApplicable
                }
            } else {
                StepState::NotYet
            };
            StepStatus { step_id: id.to_string(), state }
        })
        .collect()
}
