//! The procurement-spec and contract drafts (issue 13, 第2部・第3部): golden Markdown for
//! each form and for a 約款 service; each variant chosen from the case where it decides
//! it and by the user otherwise; an open choice kept visibly with every variant; the
//! decision's conditions appended with their sources; the organisation's word; the
//! choices outside the approval; broken data named by file and place; the CLI.

use std::path::Path;
use std::process::Command as Process;

use chrono::{FixedOffset, TimeZone};
use itaku_navi::core::case::integrity::{ApprovalBinding, approval_binding};
use itaku_navi::core::case::{Approval, ApprovalResult, Case, load_case, save_case};
use itaku_navi::core::drafts::{self, DraftError};
use itaku_navi::core::edit::{Edit, apply};
use itaku_navi::core::memo::{self, Format, markdown};
use itaku_navi::core::rules::{RuleSet, load_embedded, load_rules};
use itaku_navi::core::text::Lang;

const DATE: &str = "2026-12-01";

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn case(name: &str) -> Case {
    load_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name)).expect("example case")
}

fn md(rules: &RuleSet, c: &Case) -> String {
    markdown::render(&drafts::build(rules, c, Lang::Ja, DATE).expect("drafts"))
}

fn choose(c: &mut Case, choice: &str, option: &str) {
    let now =
        FixedOffset::east_opt(9 * 3600).expect("JST").with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().expect("time");
    apply(c, Edit::DraftChoice { choice_id: choice.into(), option_id: Some(option.into()) }, now);
}

/// One case per form of outsourcing (and sub-form family), and a 約款 service.
const ONE_PER_FORM: [(&str, &str); 6] = [
    ("build", "03_permitted_build_offsite.case.json"),
    ("operation", "08_exception_request_payroll_operations.case.json"),
    ("maintenance", "14_operations_path_contradicts_listing.case.json"),
    ("processing", "01_permitted_public_content.case.json"),
    ("storage_transport", "18_storage_with_subcontracting.case.json"),
    ("terms_service", "12_free_terms_service_survey.case.json"),
];

#[test]
fn golden_drafts_for_each_form_and_a_terms_service() {
    let rules = rules();
    for (form, file) in ONE_PER_FORM {
        let c = case(file);
        assert_eq!(c.basics.form.as_deref(), Some(form), "{file}");
        insta::assert_snapshot!(format!("drafts_{form}"), md(&rules, &c));
    }
    // Every choice made: the draft a section would paste, with no mark left.
    let mut c = case(ONE_PER_FORM[0].1);
    for (choice, option) in [
        ("deliverable", "system"),
        ("security_function", "outline"),
        ("cc_certification", "no"),
        ("st_evaluation", "none"),
        ("breach", "yes"),
        ("reports", "both"),
        ("audit", "yes"),
        ("insufficient", "yes"),
        ("vendor_evaluation", "isms"),
        ("structure", "own"),
        ("other_assets", "no"),
        ("confirmation", "no"),
    ] {
        choose(&mut c, choice, option);
    }
    let all = md(&rules, &c);
    assert!(!all.contains("要選択"), "nothing left open:\n{all}");
    insta::assert_snapshot!("drafts_build_all_chosen", all);
    let en = markdown::render(&drafts::build(&rules, &c, Lang::En, DATE).expect("drafts"));
    insta::assert_snapshot!("drafts_build_all_chosen_en", en);
}

#[test]
fn the_case_decides_subcontracting_and_the_user_cannot_override_it() {
    let rules = rules();
    let c = case("18_storage_with_subcontracting.case.json");
    assert!(c.basics.subcontracting_expected);
    // Storage-only chapters have no subcontracting clause; an operation case shows it.
    let mut ops = case("08_exception_request_payroll_operations.case.json");
    let text = md(&rules, &ops);
    assert!(
        text.contains("本調達に係る業務は、その全部又は一部を他の事業者に再委託させてはならない。"),
        "no subcontracting expected: forbidden"
    );
    assert!(text.contains("案件から — 再委託の予定: なし"), "and says why");
    ops.basics.subcontracting_expected = true;
    choose(&mut ops, "subcontracting", "forbid");
    let text = md(&rules, &ops);
    assert!(
        text.contains("同水準の情報セキュリティを確保するための対策を契約に基づき再委託先に行わせること"),
        "allowed on conditions"
    );
    assert!(
        !text.contains("他の事業者に再委託させてはならない"),
        "the user's contrary choice does not win over the case"
    );
}

#[test]
fn an_open_choice_keeps_every_variant_marked_and_a_choice_keeps_one() {
    let rules = rules();
    let mut c = case("03_permitted_build_offsite.case.json");
    let open = md(&rules, &c);
    assert!(open.contains("〔要選択：構築するもの：情報システム／ソフトウェア〕"), "an open slot shows both words");
    assert!(open.contains("〔要選択：セキュリティ機能の求め方 — 【セキュリティ要求仕様を提示し、応札においてセキュリティ機能の提案を求める場合】〕"));
    assert!(
        open.contains("【セキュリティ機能の概要を提示し、その装備を求める場合】【ソフトウェアの開発の場合】"),
        "every variant kept"
    );
    assert!(open.contains("未選択の項目が"), "the notice at the top counts them");
    choose(&mut c, "deliverable", "software");
    choose(&mut c, "security_function", "design");
    let chosen = md(&rules, &c);
    assert!(chosen.contains("本調達に係るソフトウェアにおいて取り扱う情報の保護を目的として、〔付属文書(セキュリティ要求仕様)〕に基づきセキュリティ機能を設計し、実装すること。"));
    assert!(!chosen.contains("応札においてセキュリティ機能を提案すること"), "the other variants are gone");
    assert!(
        !chosen.contains("構築する情報システムを構成する機器"),
        "the system-only vulnerability clause is left out for software"
    );
    // A clause left out moves the numbers up, and {previous} follows.
    choose(&mut c, "breach", "no");
    choose(&mut c, "reports", "all");
    let numbered = md(&rules, &c);
    assert!(numbered.contains("## (4) 情報セキュリティ対策の履行状況の確認等に関する事項の通知"), "{numbered}");
    assert!(numbered.contains("本調達仕様の(1)～(3)において求める情報セキュリティ対策の実績"));
}

#[test]
fn an_exception_brings_the_audit_and_its_countermeasures_as_requirements_with_sources() {
    let rules = rules();
    let c = case("08_exception_request_payroll_operations.case.json");
    let text = md(&rules, &c);
    assert!(text.contains("案件から — 判断結果: 例外許可申請"), "the exception decides the audit");
    assert!(text.contains("## (8) 情報セキュリティ監査の実施"));
    assert!(!text.contains("〔要選択：情報セキュリティ監査を行う"), "not left open");
    assert!(
        text.contains("例外の許可を受けるまで、この草案は使えません"),
        "not usable before the exception is granted"
    );
    let requirements = text.split("外部委託の可否判断に基づく個別の要求事項").nth(1).expect("the requirements clause");
    assert!(requirements.contains("委託元による監査・立入調査の受入れ"), "a countermeasure becomes a requirement");
    assert!(requirements.contains("出典: 000 (2)(e)(ア), 002 第10, 003 5, 004 第15条"), "with its catalogue sources");
    assert!(requirements.contains("本番データへのアクセス権を付与しない"), "the partial narrowing too");
    assert!(!requirements.contains("(5.1(5))（出典: 5.1(5)"), "a clause the wording cites is not repeated");
    assert!(
        requirements.contains("記載例（002 第10）：「受注者が実施する情報システムの運用、保守、サービス提供等の状況を確認するため、発注者による監査、検査を行うことができるものとする。」"),
        "the catalogue's quoted model wording comes with it"
    );
}

#[test]
fn the_approvers_conditions_and_a_terms_measure_are_appended() {
    let rules = rules();
    let mut c = case("12_free_terms_service_survey.case.json");
    c.approval = Some(Approval {
        approver: "情報 太郎".into(),
        decided_on: "2026-11-30".into(),
        result: ApprovalResult::ApprovedWithConditions,
        conditions: "回答データは月次で削除する".into(),
        review_by: None,
        approved_content: None,
        action: itaku_navi::core::case::ApprovalAction::default(),
        reference: String::new(),
        recorded_at: None,
        covers_decision: false,
        signature: None,
    });
    let text = md(&rules, &c);
    let tail = text.split("外部委託の可否判断に基づく特記事項").nth(1).expect("the contract's clause");
    assert!(
        tail.contains("回答データは月次で削除する（出典: 情報セキュリティ責任者の承認（2026-11-30 情報 太郎）"),
        "{tail}"
    );
    // A 約款 service: the cautions and how the case met each are printed with the clause.
    assert!(text.contains("| 項番 | 留意事項 | 評価 |"), "the caution table");
    assert!(text.contains("約款による情報処理サービスの契約") || text.contains("約款による契約とサービスの選定"));
}

#[test]
fn a_case_without_a_form_cannot_have_drafts() {
    let mut c = case("01_permitted_public_content.case.json");
    c.basics.form = None;
    assert_eq!(drafts::build(&rules(), &c, Lang::Ja, DATE).err(), Some(DraftError::NoForm));
}

#[test]
fn the_drafting_choices_do_not_outdate_the_approval() {
    let rules = rules();
    let mut c = case("01_permitted_public_content.case.json");
    let now = FixedOffset::east_opt(9 * 3600).expect("JST").with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().expect("t");
    apply(
        &mut c,
        Edit::PendingApproval(Some(Approval {
            approver: "情報 太郎".into(),
            decided_on: "2026-12-01".into(),
            result: ApprovalResult::Approved,
            conditions: String::new(),
            review_by: None,
            approved_content: None,
            action: itaku_navi::core::case::ApprovalAction::default(),
            reference: String::new(),
            recorded_at: None,
            covers_decision: false,
            signature: None,
        })),
        now,
    );
    apply(&mut c, Edit::RecordApproval(itaku_navi::core::case::lifecycle::RecordPolicy::default()), now);
    assert_eq!(approval_binding(&c), Some(ApprovalBinding::Current));
    choose(&mut c, "audit", "yes");
    assert_eq!(c.drafting.get("audit").map(String::as_str), Some("yes"));
    assert_eq!(
        approval_binding(&c),
        Some(ApprovalBinding::Current),
        "a drafting choice is not a change of the decision"
    );
    // …and it is kept in the file and read back.
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("c.json");
    save_case(&p, &c).expect("save");
    let back = load_case(&p).expect("load");
    assert_eq!(back.drafting, c.drafting);
    assert!(md(&rules, &back).contains("## (5) 情報セキュリティ監査の実施"));
}

#[test]
fn a_case_naming_an_unknown_choice_is_refused_with_its_place() {
    let dir = tempfile::tempdir().expect("dir");
    let mut c = case("01_permitted_public_content.case.json");
    c.drafting.insert("audit".into(), "maybe".into());
    let p = dir.path().join("bad.json");
    save_case(&p, &c).expect("save");
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
        .args(["spec", p.to_str().expect("utf-8"), "-o"])
        .arg(dir.path().join("d.md"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("drafting.audit") && err.contains("\"maybe\" is not an option") && err.contains("yes, no"),
        "{err}"
    );
}

/// A copy of the shipped rules folder, with `edit` applied to drafts.json.
fn rules_folder(edit: impl FnOnce(&mut serde_json::Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees");
    for e in std::fs::read_dir(&src).expect("rules").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    let mut d: serde_json::Value =
        serde_json::from_str(include_str!("../../decision-trees/drafts.json")).expect("json");
    edit(&mut d);
    std::fs::write(dir.path().join("drafts.json"), serde_json::to_string_pretty(&d).expect("json")).expect("write");
    dir
}

#[test]
fn broken_drafts_data_is_refused_naming_file_and_place() {
    let dir = rules_folder(|d| {
        d["documents"][0]["chapters"][0]["clauses"][8]["variants"][1]["when"][0] = "subcontracting=sometimes".into();
        d["documents"][1]["chapters"][0]["clauses"][0]["variants"][0]["text"][0] = "乙は{nosuch}を整備する".into();
        d["choices"][0]["from_case"] = serde_json::json!({"fact": "weather", "if_true": "system"});
        d["documents"][1]["chapters"][4]["forms"] = serde_json::json!([]);
    });
    let mut cms: serde_json::Value =
        serde_json::from_str(include_str!("../../decision-trees/countermeasures.json")).expect("json");
    cms["countermeasures"][0]["model_wording"]["source"] = "004 第99条".into();
    std::fs::write(dir.path().join("countermeasures.json"), cms.to_string()).expect("write");
    let err = load_rules(Some(dir.path())).expect_err("refused").to_string();
    for expected in [
        "drafts.json",
        "documents[0] (spec).chapters[0].clauses[8] (spec-build-subcontracting).variants[1].when[0]",
        "\"sometimes\" is not an option of choice \"subcontracting\"",
        "slot {nosuch} names no choice",
        "unknown fact \"weather\"",
        "form \"terms_service\" has 0 chapters in this document",
        "countermeasures[0] (cm-named-workers).model_wording.source",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn an_older_rules_folder_without_drafts_uses_the_shipped_clauses() {
    let dir = rules_folder(|_| {});
    std::fs::remove_file(dir.path().join("drafts.json")).expect("remove");
    let rules = load_rules(Some(dir.path())).expect("still loads");
    assert!(md(&rules, &case("03_permitted_build_offsite.case.json")).contains("セキュリティ機能の装備"));
}

#[test]
fn a_citys_word_replaces_the_placeholder_in_the_drafts() {
    let dir = rules_folder(|_| {});
    let mut p: serde_json::Value =
        serde_json::from_str(include_str!("../../decision-trees/organisation.json")).expect("json");
    p["self_word"] = serde_json::json!({"ja": "当市", "en": "the city"});
    std::fs::write(dir.path().join("organisation.json"), p.to_string()).expect("write");
    let rules = load_rules(Some(dir.path())).expect("loads");
    let text = md(&rules, &case("08_exception_request_payroll_operations.case.json"));
    assert!(
        text.contains("本調達に係る業務の実施のために当市から提供する情報"),
        "the quoted clause speaks the city's word"
    );
    assert!(!text.contains("当省") && !text.contains("〔 省 〕の情報"), "no placeholder left");
}

#[test]
fn spec_from_the_command_line_in_every_format() {
    let dir = tempfile::tempdir().expect("dir");
    let case_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/03_permitted_build_offsite.case.json");
    for format in Format::ALL {
        let out = dir.path().join(format!("草案.{}", format.extension()));
        let done = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
            .arg("spec")
            .arg(&case_path)
            .args(["--choose", "deliverable=system", "--choose", "audit=yes", "-o"])
            .arg(&out)
            .output()
            .expect("run");
        let said = String::from_utf8_lossy(&done.stdout);
        assert!(done.status.success(), "{format:?}: {}", String::from_utf8_lossy(&done.stderr));
        assert!(said.contains("still open") && said.contains("security_function=propose|design|outline"), "{said}");
        let bytes = std::fs::read(&out).expect("written");
        match format {
            Format::Docx => {
                let xml = crate::memo::document_xml(&bytes);
                assert!(xml.contains("脆弱性対策の実施") && xml.contains("情報セキュリティ監査の実施"), "DOCX text");
            }
            Format::Pdf => assert!(bytes.starts_with(b"%PDF"), "a PDF"),
            Format::Html | Format::Markdown => {
                let text = String::from_utf8(bytes).expect("utf-8");
                assert!(
                    text.contains("本調達に係る情報システムにおいて取り扱う情報の保護"),
                    "the chosen word filled in"
                );
            }
        }
    }
    let bad = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
        .arg("spec")
        .arg(&case_path)
        .args(["--choose", "audit=often", "-o"])
        .arg(dir.path().join("x.md"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(err.contains("\"often\" is not an option of audit; expected one of: yes, no"), "{err}");
    // Issue 22 finding 6: a choice the case decides, or one its drafts do not ask, is a usage
    // error naming why, never ignored; the printed hash is the file's, whatever is chosen.
    let spec = |choose: &str, out: &Path| {
        Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
            .arg("spec")
            .arg(&case_path)
            .args(["--choose", choose, "-o"])
            .arg(out)
            .output()
            .expect("run")
    };
    let decided = spec("subcontracting=allow", &dir.path().join("y.md"));
    let err = String::from_utf8_lossy(&decided.stderr);
    assert_eq!(decided.status.code(), Some(2), "{err}");
    assert!(err.contains("the case decides subcontracting") && err.contains("forbid"), "{err}");
    let terms = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/12_free_terms_service_survey.case.json");
    let unasked = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
        .arg("spec")
        .arg(&terms)
        .args(["--choose", "cc_certification=yes", "-o"])
        .arg(dir.path().join("z.md"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&unasked.stderr);
    assert_eq!(unasked.status.code(), Some(2), "{err}");
    assert!(err.contains("do not ask cc_certification"), "{err}");
    let chosen = dir.path().join("chosen.md");
    assert!(spec("audit=yes", &chosen).status.success());
    let file_hash = itaku_navi::core::case::integrity::case_hash(&case("03_permitted_build_offsite.case.json"));
    let text = std::fs::read_to_string(&chosen).expect("read");
    assert!(text.contains(&file_hash), "the file's hash {file_hash} is printed");
}

#[test]
fn a_pdf_of_the_drafts_renders() {
    let c = case("12_free_terms_service_survey.case.json");
    let d = drafts::build(&rules(), &c, Lang::Ja, DATE).expect("drafts");
    let pdf = memo::render_memo(&d, &c, Format::Pdf).expect("pdf");
    assert!(pdf.len() > 10_000 && pdf.starts_with(b"%PDF"));
}

#[test]
fn docx_columns_follow_their_text() {
    let mut c = case("12_free_terms_service_survey.case.json");
    choose(&mut c, "insufficient", "yes");
    let d = drafts::build(&rules(), &c, Lang::Ja, DATE).expect("drafts");
    let xml = crate::memo::document_xml(&memo::render_memo(&d, &c, Format::Docx).expect("docx"));
    // The caution table: 項番, 留意事項, 評価, 約款の条項, 備考・理由.
    let grids: Vec<Vec<usize>> = xml
        .split("<w:tblGrid>")
        .skip(1)
        .map(|g| {
            g.split("</w:tblGrid>")
                .next()
                .unwrap_or_default()
                .split("w:w=\"")
                .skip(1)
                .filter_map(|w| w.split('"').next().and_then(|n| n.parse().ok()))
                .collect()
        })
        .collect();
    let cautions = grids.iter().find(|g| g.len() == 5).expect("a five-column table");
    assert!(cautions[1] > 2 * cautions[0], "the caution column is wider than the number column: {cautions:?}");
}
