//! What the drafts and the memo carry from the record (issue 22, findings 6 and 7): the
//! subcontracting clause for 保存・運搬, storage and transport together, a 5.1(3) judgment's
//! condition, the section's acceptance reasons kept out of what bidders read, open choices
//! that stand out in DOCX and PDF, and long unbroken text that stays on the page.

use std::io::Read;
use std::path::Path;

use chrono::{FixedOffset, TimeZone};
use itaku_navi::core::case::{Case, TermsStatus, load_case};
use itaku_navi::core::drafts;
use itaku_navi::core::edit::{Edit, apply};
use itaku_navi::core::memo::{self, Format, markdown};
use itaku_navi::core::rules::{RuleSet, load_embedded};
use itaku_navi::core::text::Lang;

const DATE: &str = "2026-12-06";

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn case(name: &str) -> Case {
    load_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name)).expect("example case")
}

fn drafts_md(rules: &RuleSet, c: &Case) -> String {
    markdown::render(&drafts::build(rules, c, Lang::Ja, DATE).expect("drafts"))
}

fn memo_md(rules: &RuleSet, c: &Case) -> String {
    markdown::render(&memo::build(rules, c, Lang::Ja, DATE))
}

fn choose(c: &mut Case, choice: &str, option: &str) {
    let now =
        FixedOffset::east_opt(9 * 3600).expect("JST").with_ymd_and_hms(2026, 12, 6, 9, 0, 0).single().expect("time");
    apply(c, Edit::DraftChoice { choice_id: choice.into(), option_id: Some(option.into()) }, now);
}

/// The text of the chapter for 保存・運搬 in one document of the drafts.
fn storage_part(md: &str, document: &str) -> String {
    let start = md.find(document).expect("document");
    let rest = &md[start..];
    let chapter = rest.find("1.4 情報の保存・運搬の場合").expect("storage chapter");
    rest[chapter..].split("\n# ").next().unwrap_or("").to_string()
}

#[test]
fn storage_or_transport_with_subcontracting_gets_the_subcontracting_clause_in_both_documents() {
    let rules = rules();
    let mut c = case("18_storage_with_subcontracting.case.json");
    assert!(c.basics.subcontracting_expected);
    let md = drafts_md(&rules, &c);
    let spec = storage_part(&md, "調達仕様書");
    let contract = storage_part(&md, "契約書");
    assert!(spec.contains("再委託に関する事項") && spec.contains("他の事業者にも再委託させる場合には"), "{spec}");
    assert!(contract.contains("同水準の情報セキュリティ対策を再委託先に行わせること"), "{contract}");
    // No subcontracting expected: the prohibition (7.5(2)) in both.
    c.basics.subcontracting_expected = false;
    let md = drafts_md(&rules, &c);
    assert!(storage_part(&md, "調達仕様書").contains("再委託させてはならない"));
    assert!(storage_part(&md, "契約書").contains("再委託により第三者に行わせないこと"));
}

#[test]
fn storage_and_transport_can_both_be_chosen() {
    let rules = rules();
    let mut c = case("18_storage_with_subcontracting.case.json");
    choose(&mut c, "storage_kind", "both");
    let md = drafts_md(&rules, &c);
    assert!(md.contains("本調達において保存・運搬を委託する"), "{md}");
    // The clauses the template gives for storage still apply.
    assert!(
        storage_part(&md, "調達仕様書").contains("情報の保存に関して委託先の情報セキュリティ監査を行う場合"),
        "{md}"
    );
}

#[test]
fn a_judgment_that_holds_under_a_condition_carries_it_into_the_memo_and_the_drafts() {
    let rules = rules();
    let mut c = case("16_unlisted_judged_not_important.case.json");
    let condition = "暗号鍵を当市のみが保持する限りにおいて";
    c.appendix1.as_mut().and_then(|a| a.judgement.as_mut()).expect("judged").condition = condition.into();
    let memo = memo_md(&rules, &c);
    let conditions = memo.split("付すべき条件").nth(1).expect("conditions section");
    assert!(conditions.contains(condition), "{memo}");
    assert!(memo.contains(&format!("（条件：{condition}）")), "the judgment's record says so too");
    assert!(drafts_md(&rules, &c).contains(condition), "the drafts carry it");
    // Without a condition, no such line.
    c.appendix1.as_mut().and_then(|a| a.judgement.as_mut()).expect("judged").condition.clear();
    assert!(!memo_md(&rules, &c).contains("この条件の下でのみ"));
}

#[test]
fn the_sections_reasons_for_accepting_a_risk_stay_out_of_what_bidders_read() {
    let rules = rules();
    let c = case("24_terms_risks_accepted_with_reasons.case.json");
    let reasons: Vec<String> = c
        .terms_check
        .rows
        .iter()
        .filter(|r| r.status == TermsStatus::RiskAccepted && r.note.trim().chars().count() >= 4)
        .map(|r| r.note.trim().to_string())
        .collect();
    assert!(!reasons.is_empty(), "the case accepts risks with reasons");
    let memo = memo_md(&rules, &c);
    let drafts = drafts_md(&rules, &c);
    for r in &reasons {
        assert!(memo.contains(r.as_str()), "the approver reads {r}");
        assert!(!drafts.contains(r.as_str()), "bidders do not read {r}");
    }
    // What an added measure does stays: the contractor must do it.
    for r in c.terms_check.rows.iter().filter(|r| r.status == TermsStatus::AddressedByMeasure) {
        assert!(drafts.contains(r.note.trim()), "measure {}", r.note);
    }
}

fn docx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("read");
    xml
}

#[test]
fn open_choices_are_highlighted_in_the_docx_and_none_once_chosen() {
    let rules = rules();
    let mut c = case("18_storage_with_subcontracting.case.json");
    let d = drafts::build(&rules, &c, Lang::Ja, DATE).expect("drafts");
    let xml = docx_xml(&memo::render_memo(&d, &c, Format::Docx).expect("docx"));
    // Each 〔要選択…〕 is its own highlighted run.
    let marked = xml.matches("<w:highlight w:val=\"yellow\" />").count();
    let opens = markdown::render(&d).matches("〔要選択：").count();
    assert!(opens > 0 && marked > opens, "{marked} highlighted runs for {opens} open marks");
    for (choice, option) in [("vendor_evaluation", "none"), ("audit", "yes"), ("storage_kind", "storage")] {
        choose(&mut c, choice, option);
    }
    let d = drafts::build(&rules, &c, Lang::Ja, DATE).expect("drafts");
    assert!(!markdown::render(&d).contains("〔要選択"), "all chosen");
    let xml = docx_xml(&memo::render_memo(&d, &c, Format::Docx).expect("docx"));
    assert!(!xml.contains("w:highlight"), "nothing highlighted when nothing is open");
}

#[test]
fn a_long_unbroken_reason_wraps_inside_its_cell_in_the_pdf() {
    let rules = rules();
    let mut c = case("08_exception_request_payroll_operations.case.json");
    let token: String = "ABCDEFGHIJ0123456789".repeat(6);
    c.inventory[0].reason = format!("{token} 以上");
    let m = memo::build(&rules, &c, Lang::Ja, DATE);
    let pdf = memo::render_memo(&m, &c, Format::Pdf).expect("pdf");
    let facts = memo::pdf_check::pdf_facts(&pdf).expect("facts");
    let text: String = facts.page_texts.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    // Every character is there, in order, across lines; no line holds the whole run (it
    // would then run past the cell and the page edge).
    let joined: String = text.chars().filter(|ch| !ch.is_whitespace()).collect();
    assert!(joined.contains(&token), "the text is complete and exact: {text}");
    assert!(text.lines().all(|l| !l.contains(&token[..40])), "the run breaks into lines");
}
