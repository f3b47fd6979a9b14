//! Hold-out cases written for issue 22 (tests/holdout/, not the example cases changed to
//! pass): an exception with every residual risk 低, one with a 高 accepted with a reason, a
//! 約款 service with each caution state, one whose caution cannot be accepted, and a
//! 保存・運搬 case with subcontracting. Each decides as its expect file says, and its memo
//! and drafts say what the record holds and nothing that another of their lines denies.

use std::path::{Path, PathBuf};

use itaku_navi::core::case::{Case, load_case};
use itaku_navi::core::drafts;
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::memo::{self, markdown};
use itaku_navi::core::rules::{RuleSet, load_embedded};
use itaku_navi::core::text::Lang;
use serde::Deserialize;

const DATE: &str = "2026-12-06";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[allow(dead_code, reason = "read by people")]
    description: String,
    outcome: String,
    outcome_node: String,
    citations: Vec<String>,
    warnings: Vec<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/holdout")
}

fn load(name: &str) -> (Case, Expect) {
    let case = load_case(&dir().join(format!("{name}.case.json"))).expect("case");
    let expect =
        serde_json::from_str(&std::fs::read_to_string(dir().join(format!("{name}.expect.json"))).expect("expect"))
            .expect("expect json");
    (case, expect)
}

fn memo_md(rules: &RuleSet, c: &Case) -> String {
    markdown::render(&memo::build(rules, c, Lang::Ja, DATE))
}

/// The memo's page 1 (its first section), as Markdown.
fn page_one(md: &str) -> String {
    md.split("\n## ").nth(1).unwrap_or("").to_string()
}

/// Lines of the memo that contradict each other: a conclusion that the risk was reduced
/// beside a warning that it may not have been, or an ask for a reason already recorded.
fn contradictions(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    if md.contains("十分に低減できると判断したため") && md.contains("十分に低減できたとは言えない")
    {
        found.push("says the risk was sufficiently reduced and that it may not have been".into());
    }
    if md.contains("理由を記録してください") && md.contains("それでも十分に低減できるとする理由")
    {
        found.push("asks for a reason it prints".into());
    }
    found
}

#[test]
fn every_holdout_case_decides_as_expected_and_its_documents_agree() {
    let rules = load_embedded().expect("rules");
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("holdout dir")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".case.json").map(String::from))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    for name in &names {
        let (case, expect) = load(name);
        let ev = evaluate(&rules, &case);
        let o = ev.outcome.as_ref().unwrap_or_else(|| panic!("{name}: undecided"));
        assert_eq!(o.outcome.id(), expect.outcome, "{name}");
        assert_eq!(o.node_id, expect.outcome_node, "{name}");
        for c in &expect.citations {
            assert!(o.basis_citations.contains(c), "{name}: {c} not in the basis {:?}", o.basis_citations);
        }
        let warnings: Vec<&str> = ev.warnings.iter().map(|w| w.warning_id.as_str()).collect();
        assert_eq!(warnings, expect.warnings, "{name}");
        let md = memo_md(&rules, &case);
        assert_eq!(contradictions(&md), Vec::<String>::new(), "{name}");
        assert!(page_one(&md).contains("状態："), "{name}: page 1 ends with the state");
    }
}

#[test]
fn an_exception_with_every_residual_risk_low_says_reduced_and_names_no_high() {
    let rules = load_embedded().expect("rules");
    let (case, _) = load("h1_exception_all_residual_low");
    let md = memo_md(&rules, &case);
    let p1 = page_one(&md);
    assert!(p1.contains("低 3件") && !p1.contains("高"), "{p1}");
    assert!(md.contains("十分に低減できると判断したため"), "the reduced sentence");
    assert!(p1.contains("2029-06-30"), "the proposed expiry on page 1");
}

#[test]
fn an_exception_with_a_high_accepted_says_so_once_with_its_reason() {
    let rules = load_embedded().expect("rules");
    let (case, _) = load("h2_exception_high_accepted");
    let md = memo_md(&rules, &case);
    let p1 = page_one(&md);
    assert!(p1.contains("残存リスク「高」") && p1.contains("翌朝に課で確認する"), "{p1}");
    assert!(!md.contains("十分に低減できると判断したため"), "no 'sufficiently reduced' sentence");
    assert!(md.contains("残存リスクが「高」の脅威"), "the high-accepted sentence");
}

#[test]
fn a_terms_service_prints_each_caution_state_and_bidders_read_no_acceptance_reason() {
    let rules = load_embedded().expect("rules");
    let (case, _) = load("h3_terms_each_caution_state");
    let md = memo_md(&rules, &case);
    for status in ["約款で対応", "追加の対策で対応", "リスクを受容", "該当しない"] {
        assert!(md.contains(status), "{status}");
    }
    let d = markdown::render(&drafts::build(&rules, &case, Lang::Ja, DATE).expect("drafts"));
    assert!(d.contains("平日9時〜17時に限ると申込画面に示す"), "the added measure binds the contractor");
    assert!(md.contains("監査を受けられなくても影響は小さい"), "the approver reads the reason");
    assert!(!d.contains("監査を受けられなくても影響は小さい"), "bidders do not");
    let (declined, _) = load("h3b_terms_service_declined");
    let md = memo_md(&rules, &declined);
    assert!(page_one(&md).contains("このサービスを利用しないとの判断の確認"), "{}", page_one(&md));
    // Nothing is outsourced: the measure added for No.2 binds nothing.
    assert!(page_one(&md).contains("| 付す条件 | 0件 |"), "{}", page_one(&md));
}

#[test]
fn storage_and_transport_with_subcontracting_has_its_clause() {
    let rules = load_embedded().expect("rules");
    let (case, _) = load("h4_storage_transport_subcontracting");
    let d = markdown::render(&drafts::build(&rules, &case, Lang::Ja, DATE).expect("drafts"));
    assert!(d.contains("本調達において保存・運搬を委託する"), "both chosen");
    assert!(d.contains("再委託に関する事項（7.5(2)・(3)"), "the subcontracting clause");
    assert!(!d.contains("〔要選択"), "every choice made in the case");
}

/// The same check over every example case: no memo says the risk was reduced beside a
/// warning that it may not have been, nor asks for a reason it prints.
#[test]
fn no_example_memo_contradicts_itself() {
    let rules = load_embedded().expect("rules");
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut checked = 0;
    for entry in std::fs::read_dir(cases).expect("cases") {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".case.json") {
            continue;
        }
        let case = load_case(&path).expect("case");
        let md = memo_md(&rules, &case);
        assert_eq!(contradictions(&md), Vec::<String>::new(), "{}", path.display());
        assert!(page_one(&md).contains("状態："), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 20);
}
