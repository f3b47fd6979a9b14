//! The organisation's own words (issue 13): a city's profile replaces the template's
//! placeholder in quoted texts, titles the addressee and the decision, and prints its
//! stamp boxes; a broken profile is refused naming the place. And the memo faults of the
//! same issue: every condition listed, narrowing shown on the item, the section's proposal
//! carried by a judgment request.

use std::path::Path;
use std::process::Command as Process;

use itaku_navi::core::case::{Case, load_case};
use itaku_navi::core::memo::{self, markdown};
use itaku_navi::core::rules::{RuleSet, load_embedded, load_rules};
use itaku_navi::core::text::Lang;

fn case(name: &str) -> Case {
    load_case(Path::new(&format!("{}/tests/cases/{name}", env!("CARGO_MANIFEST_DIR")))).expect("example case")
}

fn md(rules: &RuleSet, c: &Case, lang: Lang) -> String {
    markdown::render(&memo::build(rules, c, lang, "2026-12-01"))
}

/// A copy of the shipped rules folder with `organisation.json` replaced.
fn rules_folder(profile: &serde_json::Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees");
    for e in std::fs::read_dir(&src).expect("rules").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    std::fs::write(dir.path().join("organisation.json"), serde_json::to_string_pretty(profile).expect("json"))
        .expect("write");
    dir
}

fn city() -> serde_json::Value {
    let mut p: serde_json::Value =
        serde_json::from_str(include_str!("../../decision-trees/organisation.json")).expect("json");
    p["is_sample"] = false.into();
    p["name"] = serde_json::json!({"ja": "札幌市", "en": "City of Sapporo"});
    p["self_word"] = serde_json::json!({"ja": "当市", "en": "the city"});
    p["roles"]["officer"] = serde_json::json!({"ja": "情報セキュリティ管理者", "en": "Information Security Manager"});
    p["stamp_boxes"] = serde_json::json!([{"ja": "部長", "en": "Head"}, {"ja": "課長", "en": "Director"}, {"ja": "担当", "en": "Staff"}]);
    p
}

#[test]
fn a_citys_profile_speaks_the_citys_words_in_the_memo() {
    let shipped = load_embedded().expect("rules");
    let c = case("13_terms_unaddressed_foreign.case.json");
    let before = md(&shipped, &c, Lang::Ja);
    assert!(before.contains("当省の情報"), "the shipped sample keeps the template's word");
    let dir = rules_folder(&city());
    let rules = load_rules(Some(dir.path())).expect("the city's rules load");
    let ja = md(&rules, &c, Lang::Ja);
    assert!(ja.contains("当市の情報") && !ja.contains("当省"), "the quoted caution says 当市");
    assert!(ja.contains("情報セキュリティ管理者 殿"), "addressed with the city's title");
    assert!(ja.contains("情報セキュリティ管理者の決定"), "the decision block carries it too");
    assert!(ja.contains("| 部長 | 課長 | 担当 |"), "the city's stamp boxes");
    let en = md(&rules, &c, Lang::En);
    assert!(en.contains("the city's") && !en.contains("the ministry"), "English too");
    // The guidance panel quotes the same clause texts.
    assert!(rules.clauses.clauses.iter().all(|cl| !cl.text.contains("〔 省") && !cl.text.contains("〔省")));
}

#[test]
fn a_broken_profile_is_refused_naming_the_file_and_place() {
    let mut p = city();
    p["stamp_boxes"] =
        serde_json::Value::Array((0..9).map(|i| serde_json::json!({"ja": format!("印{i}"), "en": "x"})).collect());
    p["self_word"]["ja"] = "".into();
    let dir = rules_folder(&p);
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
        .args(["check", dir.path().to_str().expect("utf-8")])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("organisation.json") && err.contains("stamp_boxes") && err.contains("at most 8"), "{err}");
    assert!(err.contains("self_word.ja"), "{err}");
}

#[test]
fn every_condition_is_listed_with_its_clause() {
    let rules = load_embedded().expect("rules");
    // An exception: its partial narrowing and what the section wrote on its risk rows.
    let mut c = case("08_exception_request_payroll_operations.case.json");
    c.risk[0].note = "ログは毎月10日までに提出させる".into();
    let text = md(&rules, &c, Lang::Ja);
    let conditions = text.rsplit_once("付すべき条件").expect("conditions section").1;
    assert!(conditions.contains("範囲の絞り込み（一部）") && conditions.contains("(5.2(2))"), "{conditions}");
    assert!(conditions.contains("ログは毎月10日までに提出させる") && conditions.contains("(5.1(5))"), "{conditions}");
    // The row's note binds once, under its threat, never under each countermeasure of the row.
    let noted: Vec<&str> = conditions.lines().filter(|l| l.contains("ログは毎月10日までに提出させる")).collect();
    assert_eq!(noted.len(), 1, "{conditions}");
    let threat = rules.threat(&c.risk[0].threat_id).expect("threat").name.ja.clone();
    assert!(noted[0].contains(&format!("「{threat}」について")), "{noted:?}");
    assert!(c.risk[0].countermeasures.len() > 1, "the row has several countermeasures");
    // A 約款 service: the measure added for a caution is a condition, with the caution's clause.
    let sample = format!("{}/decision-trees/samples/s12_file_sharing_terms_gaps.case.json", env!("CARGO_MANIFEST_DIR"));
    let s12 = load_case(Path::new(&sample)).expect("sample");
    let text = md(&rules, &s12, Lang::Ja);
    let conditions = text.rsplit_once("付すべき条件").expect("conditions section").1;
    assert!(
        conditions.contains("約款の注意点への追加措置") && conditions.contains("原文と訳文は職員が庁内に保存"),
        "{conditions}"
    );
    assert!(conditions.contains("表4 No.8"), "{conditions}");
}

#[test]
fn a_narrowed_item_reads_as_narrowed_in_the_inventory() {
    let rules = load_embedded().expect("rules");
    let text = md(&rules, &case("04_narrowed_installation_path.case.json"), Lang::Ja);
    let row = text.lines().find(|l| l.starts_with("| 2 | 既存文書管理DBの登録文書")).expect("the item's row");
    assert!(
        row.contains("絞り込みにより委託先に取り扱わせない") && row.contains("（絞り込みにより行わない）"),
        "{row}"
    );
}

#[test]
fn a_judgment_request_carries_the_sections_proposed_classification() {
    let rules = load_embedded().expect("rules");
    let mut c = case("06_judgment_request_unlisted.case.json");
    let lookup = c.appendix1.as_mut().expect("look-up");
    lookup.proposed_important = Some(false);
    lookup.proposed_reason = "取り扱うのは公表済みの統計のみ".into();
    let text = md(&rules, &c, Lang::Ja);
    assert!(text.contains("| 課室としての区分の案 | 重要な情報を取り扱わない業務 |"), "{text}");
    assert!(text.contains("取り扱うのは公表済みの統計のみ"));
}

#[test]
fn the_profile_is_edited_in_the_app_and_saved_to_the_rules_folder() {
    use crate::ui_wizard::{LOCALE, click, harness, type_into};
    use itaku_navi::ui::app::Command;
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("data dir");
    let folder = tempfile::tempdir().expect("rules folder");
    let mut h = harness(data.path());
    // An empty folder chosen as the rules folder gets the shipped rules first.
    h.state_mut().handle(Command::SetRulesDir(folder.path().to_path_buf()));
    h.state_mut().handle(Command::CloseDialog);
    h.state_mut().handle(Command::Goto(itaku_navi::ui::Screen::Upkeep));
    h.run();
    type_into(&mut h, "自組織の呼び方（雛形の〔 省 〕に入る語。例: 当市）（日本語）", "・市");
    type_into(&mut h, "決裁欄（左から順に「/」で区切る。最大8）（日本語）", " / 部長");
    click(&mut h, "組織の設定を保存");
    let rules = &h.state().rules;
    assert_eq!(rules.organisation.self_word.ja, "当省・市");
    assert_eq!(rules.organisation.stamp_boxes.last().map(|b| b.ja.as_str()), Some("部長"));
    assert!(!rules.organisation.is_sample);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("organisation.json")).expect("written"))
            .expect("json");
    assert_eq!(saved["stamp_boxes"].as_array().map(Vec::len), Some(5));
    assert!(folder.path().join("organisation.json.bak").exists(), "the previous profile is kept");
}

#[test]
fn a_rules_folder_made_before_the_profile_existed_still_loads() {
    let dir = rules_folder(&city());
    std::fs::remove_file(dir.path().join("organisation.json")).expect("remove");
    let rules = load_rules(Some(dir.path())).expect("an older folder loads");
    assert!(rules.organisation.is_sample, "the shipped sample stands in");
}
