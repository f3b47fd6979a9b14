//! 表4 and the 5.2(5) risks (issue 22 finding 1): every caution ends met by the terms, met
//! by an added measure, or accepted with a reason; one left "not addressed" keeps the case
//! undecided at the 約款 step, named by its 表4 number, in the engine, `decide` and the memo.

use std::path::Path;
use std::process::Command;

use itaku_navi::core::case::{Case, TermsStatus, load_case};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::rules::{RuleSet, load_embedded};

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn case(name: &str) -> Case {
    load_case(Path::new(&format!("{}/tests/cases/{name}.case.json", env!("CARGO_MANIFEST_DIR")))).expect("case")
}

fn set(case: &mut Case, caution: &str, status: TermsStatus, note: &str) {
    let row = case.terms_check.rows.iter_mut().find(|r| r.caution_id == caution).expect("row");
    row.status = status;
    row.note = note.into();
}

/// The "missing" lines of the pending step, in Japanese.
fn missing(rules: &RuleSet, case: &Case) -> Vec<String> {
    evaluate(rules, case).next.map(|n| n.missing.into_iter().map(|t| t.ja).collect()).unwrap_or_default()
}

#[test]
fn a_caution_left_unaddressed_keeps_the_case_undecided_and_is_named_by_its_table4_number() {
    let rules = rules();
    let mut c = case("24_terms_risks_accepted_with_reasons");
    assert!(evaluate(&rules, &c).outcome.is_some(), "every caution settled: decided");
    // No.18 not addressed: the less settled answer must not pass where an accepted one does.
    set(&mut c, "t4-18", TermsStatus::NotAddressed, "管轄は米国の裁判所");
    let ev = evaluate(&rules, &c);
    assert!(ev.outcome.is_none(), "not addressed: undecided");
    let next = ev.next.as_ref().expect("a next step");
    assert_eq!(next.step_id, "terms_check");
    let m = missing(&rules, &c);
    assert!(m.iter().any(|l| l.starts_with("表4 No.18") && l.contains("対応していない")), "{m:?}");
    // Accepted with no reason, or a reason that says nothing: still undecided.
    for note in ["", "可", "な し"] {
        set(&mut c, "t4-18", TermsStatus::RiskAccepted, note);
        assert!(evaluate(&rules, &c).outcome.is_none(), "accepted with {note:?}");
        assert!(missing(&rules, &c).iter().any(|l| l.starts_with("表4 No.18") && l.contains("理由")));
    }
    set(&mut c, "t4-18", TermsStatus::RiskAccepted, "公表済みの資料のみを扱うため受容する");
    let ev = evaluate(&rules, &c);
    assert!(ev.outcome.is_some());
    assert!(
        ev.warnings.iter().all(|w| w.warning_id != "w-terms-unaddressed"),
        "no 'cannot recommend' beside a decision"
    );
    // A measure added, or met by the terms, settles it as well.
    set(&mut c, "t4-18", TermsStatus::AddressedByMeasure, "紛争時は国内の代理人を通じて対応する");
    assert!(evaluate(&rules, &c).outcome.is_some());
}

#[test]
fn warnings_name_cautions_as_the_reader_knows_them_never_by_internal_id() {
    let rules = rules();
    let mut c = case("24_terms_risks_accepted_with_reasons");
    set(&mut c, "t4-11", TermsStatus::RiskAccepted, "短い");
    let ev = evaluate(&rules, &c);
    let texts: Vec<String> = ev.warnings.iter().map(|w| w.text.ja.clone()).collect();
    assert!(texts.iter().any(|t| t.contains("表4 No.11")), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains("t4-")), "{texts:?}");
    let m = missing(&rules, &c);
    assert!(m.iter().all(|l| !l.contains("t4-")), "{m:?}");
}

#[test]
fn decide_stops_at_the_terms_step_naming_the_cautions() {
    let path = format!("{}/tests/cases/13_terms_unaddressed_foreign.case.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_itaku-navi")).args(["decide", &path]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("未決定"), "{text}");
    for n in ["表4 No.12", "表4 No.17", "表4 No.18"] {
        assert!(text.contains(&format!("不足: {n}")), "{n}: {text}");
    }
    assert!(!text.contains("委託可"), "{text}");
}

/// 「このサービスは利用しない」 is an answer: one caution the section cannot accept ends the
/// case 委託不可 for that service, under 5.2(5), without the rest of the check, and the memo
/// asks the approver to confirm exactly that (not 5.1(1)'s "important information").
#[test]
fn a_caution_that_cannot_be_accepted_ends_the_case_with_the_service_declined() {
    let rules = rules();
    let mut c = case("13_terms_unaddressed_foreign");
    assert!(evaluate(&rules, &c).outcome.is_none(), "not addressed: undecided");
    set(&mut c, "t4-18", TermsStatus::ServiceDeclined, "管轄が米国の裁判所に限られ、受け入れられない");
    // The other cautions left as they were (some still "not addressed"): declining ends it.
    let ev = evaluate(&rules, &c);
    let o = ev.outcome.as_ref().expect("decided");
    assert_eq!(o.outcome, itaku_navi::core::rules::files::OutcomeKind::Prohibited);
    assert_eq!(o.node_id, "o_terms_declined");
    assert!(o.citations.iter().any(|c| c == "5.2(5)"), "{:?}", o.citations);
    assert!(o.title.ja.contains("このサービスは利用しない"), "{}", o.title.ja);
    // The cautions left open no longer warn "not recommended": the service is not used.
    assert!(ev.warnings.iter().all(|w| w.warning_id != "w-terms-unaddressed"), "{:?}", ev.warnings);
    let memo = itaku_navi::core::memo::build(&rules, &c, itaku_navi::core::text::Lang::Ja, "2026-12-06");
    let md = itaku_navi::core::memo::markdown::render(&memo);
    assert!(md.contains("このサービスを利用しないとの判断の確認"), "page 1 asks what was decided");
    assert!(!md.contains("外部委託により行わないとの判断の確認（5.1(1)）"), "not 5.1(1)'s request");
    assert!(md.contains("受け入れられない（このサービスは利用しない）"), "the caution's row says so");
    // Taking the answer back reopens the check.
    set(&mut c, "t4-18", TermsStatus::NotAddressed, "");
    assert!(evaluate(&rules, &c).outcome.is_none());
}
