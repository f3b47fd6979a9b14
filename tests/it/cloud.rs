//! Cloud services under today's terms (issue 26 part 3): the 約款 step records whether the
//! service is a cloud service, whether it handles 要機密情報 and its ISMAP / ISMAP-LIU
//! listing; the engine names a confidential cloud outside both lists; the memo prints the
//! answers and cites the listing as the evidence for the values it discloses; the register
//! shows and filters listings that lapsed or lapse soon.

use std::path::Path;

use egui_kittest::kittest::{NodeT, Queryable};
use itaku_navi::core::case::{Case, Listing, load_case, save_case};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::memo::{self, markdown};
use itaku_navi::core::register::{self, Filter, Query};
use itaku_navi::core::rules::{RuleSet, load_embedded};
use itaku_navi::core::text::Lang;

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn case(name: &str) -> Case {
    load_case(Path::new(&format!("{}/tests/cases/{name}.case.json", env!("CARGO_MANIFEST_DIR")))).expect("case")
}

fn warning_ids(rules: &RuleSet, c: &Case) -> Vec<String> {
    evaluate(rules, c).warnings.into_iter().map(|w| w.warning_id).collect()
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn the_engine_asks_the_cloud_questions_and_names_a_confidential_cloud_outside_the_lists() {
    let rules = rules();
    let mut c = case("24_terms_risks_accepted_with_reasons");
    let decided = evaluate(&rules, &c).outcome.map(|o| o.outcome);
    assert!(decided.is_some());
    assert!(!warning_ids(&rules, &c).iter().any(|w| w.starts_with("w-cloud")), "listed in ISMAP: nothing to say");
    // Unanswered: a notice asks for the answers; the outcome does not move.
    c.terms_check.cloud = itaku_navi::core::case::CloudFacts::default();
    assert!(warning_ids(&rules, &c).contains(&"w-cloud-unanswered".to_string()));
    assert_eq!(evaluate(&rules, &c).outcome.map(|o| o.outcome), decided);
    // A cloud handling 要機密情報 in neither list: the warning, naming the service.
    c.terms_check.cloud.is_cloud = Some(true);
    c.terms_check.cloud.confidential = Some(true);
    c.terms_check.cloud.listing = Listing::NotListed;
    let ev = evaluate(&rules, &c);
    let w = ev.warnings.iter().find(|w| w.warning_id == "w-cloud-confidential-unlisted").expect("warned");
    assert!(w.subjects.iter().any(|s| s.ja == "海外クラウドY"), "{:?}", w.subjects);
    assert_eq!(ev.outcome.map(|o| o.outcome), decided, "a listing answers nothing by itself");
    // Not confidential: no warning.
    c.terms_check.cloud.confidential = Some(false);
    assert!(!warning_ids(&rules, &c).iter().any(|w| w.starts_with("w-cloud")));
}

#[test]
fn the_memo_prints_the_answers_and_cites_the_listing_for_what_it_discloses() {
    let rules = rules();
    let c = case("24_terms_risks_accepted_with_reasons");
    let ja = markdown::render(&memo::build(&rules, &c, Lang::Ja, "2026-12-01"));
    assert!(ja.contains("| クラウドサービス | はい |"), "{ja}");
    assert!(ja.contains("| 要機密情報（機密性2以上）の取扱い | はい |"), "{ja}");
    assert!(ja.contains("ISMAP（登録名: クラウドY IaaS、有効期限: 2027-06-30）"), "{ja}");
    assert!(ja.contains("| データの保存場所 | 米国（ISMAP 等の登録簿の開示による） |"), "{ja}");
    assert!(ja.contains("| 管轄裁判所 | 米国の裁判所（ISMAP 等の登録簿の開示による） |"), "{ja}");
    // Issued after the listing lapsed: the memo says so.
    let late = markdown::render(&memo::build(&rules, &c, Lang::Ja, "2027-07-05"));
    assert!(late.contains("登録の有効期限切れ（5日経過）"), "{late}");
    // A value typed otherwise than the listing discloses does not rest on it.
    let mut other = c.clone();
    other.terms_check.data_location = "国内".into();
    let text = markdown::render(&memo::build(&rules, &other, Lang::Ja, "2026-12-01"));
    assert!(text.contains("| データの保存場所 | 国内 |"), "{text}");
    let en = markdown::render(&memo::build(&rules, &c, Lang::En, "2026-12-01"));
    assert!(en.contains("ISMAP (listed as: クラウドY IaaS; valid until: 2027-06-30)"), "{en}");
}

#[test]
fn the_register_shows_and_filters_a_lapsed_or_lapsing_listing() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("dir");
    save_case(&dir.path().join("listed.case.json"), &case("24_terms_risks_accepted_with_reasons")).expect("save");
    save_case(&dir.path().join("plain.case.json"), &case("01_permitted_public_content")).expect("save");
    let (reg, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let lapsing = |today: &str| {
        let q = Query { filter: Filter::ListingLapsing(60), ..Query::default() };
        register::select(&reg, &q, day(today)).iter().map(|&i| reg.rows[i].path.clone()).collect::<Vec<_>>()
    };
    assert!(lapsing("2026-12-01").is_empty(), "valid for months");
    assert_eq!(lapsing("2027-05-15"), vec!["listed.case.json".to_string()], "lapses within 60 days");
    assert_eq!(lapsing("2027-07-05"), vec!["listed.case.json".to_string()], "lapsed");
    let row = reg.rows.iter().find(|r| r.path == "listed.case.json").expect("row");
    let cells = register::cells(&rules, row, day("2027-07-05"), Lang::Ja);
    assert_eq!(cells.listing, "ISMAP 2027-06-30");
    assert_eq!(cells.listing_state, "期限切れ（5日経過）");
    // The CSV carries both columns.
    let picked: Vec<usize> = (0..reg.rows.len()).collect();
    let selection =
        register::Selection { rules: &rules, reg: &reg, picked: &picked, today: day("2027-07-05"), lang: Lang::Ja };
    let csv = String::from_utf8(register::to_csv(&selection).expect("csv")).expect("utf-8");
    assert!(csv.contains("クラウドの登録（ISMAP 等）の有効期限") && csv.contains("期限切れ（5日経過）"), "{csv}");
}

/// The step screen: the questions answered with the radio buttons, the listing's disclosed
/// values typed key by key, and copied into the terms' fields with one button.
#[test]
fn the_cloud_questions_are_answered_on_the_terms_step() {
    use crate::ui_wizard::{LOCALE, click, harness};
    use itaku_navi::ui::app::Command;
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("data");
    let path = data.path().join("cloud.case.json");
    let mut c = case("13_terms_unaddressed_foreign");
    c.terms_check.cloud = itaku_navi::core::case::CloudFacts::default();
    save_case(&path, &c).expect("save");
    let mut h = harness(data.path());
    h.state_mut().handle(Command::Open(path));
    let step = h.state().rules.steps.iter().position(|s| s.step_id == "terms_check").expect("terms step");
    h.state_mut().handle(Command::Goto(itaku_navi::ui::Screen::Step(step)));
    h.run();
    let yes = |h: &mut egui_kittest::Harness<'_, itaku_navi::ui::App>, n: usize| {
        h.get_all_by_label("はい").nth(n).expect("はい").click();
        h.run();
    };
    yes(&mut h, 0);
    yes(&mut h, 1);
    click(&mut h, "ISMAP");
    let cloud = &h.state().case.terms_check.cloud;
    assert_eq!((cloud.is_cloud, cloud.confidential, cloud.listing), (Some(true), Some(true), Listing::Ismap));
    for (label, text) in [("登録の有効期限（YYYY-MM-DD）", "2027-06-30"), ("登録簿が開示するデータの所在地域", "Japan")]
    {
        h.get_by_label(label).focus();
        h.run();
        for ch in text.chars() {
            h.event(egui::Event::Text(ch.to_string()));
            h.run();
        }
    }
    assert_eq!(h.state().case.terms_check.cloud.disclosed_region, "Japan");
    click(&mut h, "開示された所在地域・準拠法・管轄裁判所を下の欄に写す");
    let tc = &h.state().case.terms_check;
    assert_eq!(tc.data_location, "Japan", "copied");
    assert_eq!(tc.governing_law, "米国カリフォルニア州法", "what the listing does not disclose stays");
    assert!(h.query_by_label_contains("有効期限: 2027-06-30").is_some());
    let typed = h.get_by_label("登録の有効期限（YYYY-MM-DD）").accesskit_node().value();
    assert_eq!(typed.as_deref(), Some("2027-06-30"));
}
