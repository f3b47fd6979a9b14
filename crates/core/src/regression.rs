//! An organisation's regression cases (`itaku-navi test DIR`): case files beside the
//! result each must reach under the rules — outcome, outcome node, citations, warnings,
//! next step, and optionally the nodes of its path — so that a rule maintainer who edits
//! 付録1 or a catalogue sees at once which known cases decide differently, and where.
//!
//! A regression case is `NAME.case.json` with `NAME.expect.json` beside it:
//!
//! ```json
//! {
//!   "description": "付録1で重要と掲載、匿名化で絞り込み → 委託可（絞り込み）",
//!   "protects": ["5.1(2)", "5.2(2)"],
//!   "outcome": "permitted_narrowed",
//!   "outcome_node": "o_permitted_narrowed",
//!   "citations": ["5.1(2)", "5.2(2)"],
//!   "warnings": [],
//!   "path": ["q_appendix1_listed", "t_inventory"]
//! }
//! ```
//!
//! `outcome` is `null` for a case that must stop before an outcome (`next_step` then names
//! the step it waits at). `citations` must all be in the outcome's basis; `warnings` must be
//! exactly the warnings raised; `path`, when given, must be the first nodes of the path, so
//! a difference names the node where the path parted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::case::Case;
use crate::engine::{Evaluation, evaluate};
use crate::rules::RuleSet;

/// What a regression case must reach (`NAME.expect.json`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// What the case is, in the maintainer's words.
    pub description: String,
    /// The clauses the case protects (`OpenFisca` and Catala name a test after the law's
    /// section it guards); reported with each difference.
    #[serde(default)]
    pub protects: Vec<String>,
    /// The outcome (`permitted`, `permitted_narrowed`, `judgment_request`,
    /// `exception_request`, `prohibited`), or `null` for a case still in progress.
    pub outcome: Option<String>,
    /// The outcome node.
    #[serde(default)]
    pub outcome_node: Option<String>,
    /// Clauses that must be in the outcome's basis.
    #[serde(default)]
    pub citations: Vec<String>,
    /// The warnings raised, exactly.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The step an unfinished case waits at.
    #[serde(default)]
    pub next_step: Option<String>,
    /// The first nodes of the path, in order.
    #[serde(default)]
    pub path: Vec<String>,
}

/// One way a case no longer reaches what it must.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What differs, e.g. `outcome: permitted, expected prohibited`.
    pub what: String,
    /// The node where the path parted from the expected one (or, with no expected path,
    /// the last node the case passed before it ended).
    pub node: Option<String>,
}

/// The result of one regression case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case file.
    pub case_file: PathBuf,
    /// Its expectation's description.
    pub description: String,
    /// The clauses it protects.
    pub protects: Vec<String>,
    /// What differs; empty when the case passes.
    pub differences: Vec<Difference>,
}

/// Why a regression folder could not be run.
#[derive(Debug, thiserror::Error)]
pub enum RegressionError {
    /// The folder cannot be listed.
    #[error("{}: {source}", dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A case file cannot be read (the error names the file and the place).
    #[error("{0}")]
    Case(#[from] crate::case::CaseError),
    /// An expectation file cannot be read or does not parse.
    #[error("{}: {message}", file.display())]
    Expectation {
        /// The file.
        file: PathBuf,
        /// What is wrong and where.
        message: String,
    },
    /// The folder holds no regression case.
    #[error("{}: no NAME.case.json with a NAME.expect.json beside it", dir.display())]
    Empty {
        /// The folder.
        dir: PathBuf,
    },
}

/// Runs every regression case in `dir` (not its sub-folders) under `rules`, in file-name
/// order. A case file without an expectation beside it is not a regression case.
///
/// # Errors
/// The folder cannot be listed, a case or an expectation cannot be read, or there is no
/// regression case in it.
pub fn run_folder(dir: &Path, rules: &RuleSet) -> Result<Vec<CaseResult>, RegressionError> {
    let folder = |source| RegressionError::Folder { dir: dir.to_path_buf(), source };
    let mut cases: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(dir)
        .map_err(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.strip_suffix(".case.json")?.to_string();
            let expect = p.with_file_name(format!("{name}.expect.json"));
            expect.is_file().then_some((p, expect))
        })
        .collect();
    if cases.is_empty() {
        return Err(RegressionError::Empty { dir: dir.to_path_buf() });
    }
    cases.sort();
    cases
        .into_iter()
        .map(|(case_file, expect_file)| {
            let expect = read_expectation(&expect_file)?;
            let case = crate::case::load_case(&case_file)?;
            let differences = check(rules, &case, &expect);
            Ok(CaseResult { case_file, description: expect.description, protects: expect.protects, differences })
        })
        .collect()
}

/// Reads an expectation, naming the file and the place of what is wrong.
///
/// # Errors
/// The file cannot be read, or is not an expectation.
pub fn read_expectation(file: &Path) -> Result<Expectation, RegressionError> {
    let wrong = |message: String| RegressionError::Expectation { file: file.to_path_buf(), message };
    let text = std::fs::read_to_string(file).map_err(|e| wrong(e.to_string()))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        wrong(format!("{inner} — at {} (line {}, column {})", e.path(), inner.line(), inner.column()))
    })
}

/// What in the evaluation of `case` differs from `expect`.
#[must_use]
pub fn check(rules: &RuleSet, case: &Case, expect: &Expectation) -> Vec<Difference> {
    let ev = evaluate(rules, case);
    let parted = parting_node(&ev, &expect.path);
    let mut out = Vec::new();
    let mut differ = |what: String| out.push(Difference { what, node: parted.clone() });
    let got = ev.outcome.as_ref().map(|o| outcome_word(o.outcome));
    if got != expect.outcome {
        differ(format!("outcome: {}, expected {}", shown(got.as_deref()), shown(expect.outcome.as_deref())));
    }
    let node = ev.outcome.as_ref().map(|o| o.node_id.clone());
    if expect.outcome_node.is_some() && node != expect.outcome_node {
        differ(format!("outcome node: {}, expected {}", shown(node.as_deref()), shown(expect.outcome_node.as_deref())));
    }
    let basis: Vec<&str> =
        ev.outcome.as_ref().map(|o| o.basis_citations.iter().map(String::as_str).collect()).unwrap_or_default();
    for c in &expect.citations {
        if !basis.contains(&c.as_str()) {
            differ(format!("citation {c} is no longer in the outcome's basis"));
        }
    }
    let raised: BTreeSet<&str> = ev.warnings.iter().map(|w| w.warning_id.as_str()).collect();
    let wanted: BTreeSet<&str> = expect.warnings.iter().map(String::as_str).collect();
    if raised != wanted {
        differ(format!("warnings: {raised:?}, expected {wanted:?}"));
    }
    if let Some(step) = &expect.next_step {
        let waits = ev.next.as_ref().map(|p| p.step_id.as_str());
        if waits != Some(step.as_str()) {
            differ(format!("waits at step {}, expected {step}", shown(waits)));
        }
    }
    if !expect.path.is_empty() && parted.is_some() && out.is_empty() {
        out.push(Difference { what: "the path differs".into(), node: parted });
    }
    out
}

/// The node where the path parted from `expected` (the first position that differs), or
/// with no expected path the last node passed.
fn parting_node(ev: &Evaluation, expected: &[String]) -> Option<String> {
    if expected.is_empty() {
        return ev.path.last().map(|p| p.node_id.clone());
    }
    let got: Vec<&str> = ev.path.iter().map(|p| p.node_id.as_str()).collect();
    expected.iter().enumerate().find_map(|(i, want)| match got.get(i) {
        Some(node) if *node == want.as_str() => None,
        Some(node) => Some(format!("{node} (expected {want})")),
        None => Some(format!("{} (expected {want})", ev.next.as_ref().map_or("end", |p| p.node_id.as_str()))),
    })
}

/// An outcome's id as the files write it (`permitted_narrowed`).
fn outcome_word(kind: crate::rules::files::OutcomeKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn shown(value: Option<&str>) -> &str {
    value.unwrap_or("none")
}
