//! The organisation's own words (issue 13): a city's profile replaces the template's
//! placeholder in quoted texts, titles the addressee and the decision, and prints its
//! stamp boxes; a broken profile is refused naming the place. And the memo faults of the
//! same issue: every condition listed, narrowing shown on the item, the section's proposal
//! carried by a judgment request.

use std::path::Path;
use std::process::Command as Process;

use egui_kittest::kittest::{NodeT, Queryable};

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

/// `itaku-navi check DIR` on a folder it must refuse: exit 1, and what it said.
fn check_refuses(dir: &Path) -> String {
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
        .args(["check", dir.to_str().expect("utf-8")])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn a_broken_profile_is_refused_naming_the_file_and_place() {
    let mut p = city();
    p["stamp_boxes"] =
        serde_json::Value::Array((0..9).map(|i| serde_json::json!({"ja": format!("印{i}"), "en": "x"})).collect());
    p["self_word"]["ja"] = "".into();
    let dir = rules_folder(&p);
    let err = check_refuses(dir.path());
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

/// The app on the upkeep screen with an empty folder chosen as the rules folder (which gets
/// the shipped rules first): its data folder, the rules folder and the harness.
fn upkeep_with_a_rules_folder()
-> (tempfile::TempDir, tempfile::TempDir, egui_kittest::Harness<'static, itaku_navi::ui::App>) {
    use itaku_navi::ui::app::Command;
    let data = tempfile::tempdir().expect("data dir");
    let folder = tempfile::tempdir().expect("rules folder");
    let mut h = crate::ui_wizard::harness(data.path());
    h.state_mut().handle(Command::SetRulesDir(folder.path().to_path_buf()));
    h.state_mut().handle(Command::CloseDialog);
    h.state_mut().handle(Command::Goto(itaku_navi::ui::Screen::Upkeep));
    h.run();
    (data, folder, h)
}

#[test]
fn the_profile_is_edited_in_the_app_and_saved_to_the_rules_folder() {
    use crate::ui_wizard::{LOCALE, click, type_into};
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_data, folder, mut h) = upkeep_with_a_rules_folder();
    type_into(&mut h, "自組織の呼び方（雛形の〔 省 〕に入る語。例: 当市）（日本語）", "・市");
    type_into(&mut h, "決裁欄（左から順に「/」で区切る。最大8）（日本語）", " / 部長");
    // 和暦 and PDF/A chosen with the radio buttons (each shows today's date as it would print).
    let today = chrono::Local::now().date_naive();
    let era = itaku_navi::core::dates::format(today, itaku_navi::core::dates::DateStyle::JapaneseEra, Lang::Ja);
    assert!(era.starts_with("令和"), "{era}");
    click(&mut h, &format!("和暦（西暦併記）（{era}）"));
    click(&mut h, "PDF/A-3b（長期保存用。案件ファイルは添付したまま、verify で検証できます）");
    click(&mut h, "組織の設定を保存");
    let rules = &h.state().rules;
    assert_eq!(rules.organisation.date_style, itaku_navi::core::dates::DateStyle::JapaneseEra);
    assert_eq!(rules.organisation.pdf_archive, itaku_navi::core::rules::files::PdfArchive::PdfA3b);
    assert_eq!(rules.organisation.self_word.ja, "当省・市");
    assert_eq!(rules.organisation.stamp_boxes.last().map(|b| b.ja.as_str()), Some("部長"));
    assert!(!rules.organisation.is_sample);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("organisation.json")).expect("written"))
            .expect("json");
    assert_eq!(saved["stamp_boxes"].as_array().map(Vec::len), Some(5));
    assert_eq!((saved["date_style"].as_str(), saved["pdf_archive"].as_str()), (Some("japanese_era"), Some("pdf_a_3b")));
    assert!(folder.path().join("organisation.json.bak").exists(), "the previous profile is kept");
}

#[test]
fn a_rules_folder_made_before_the_profile_existed_still_loads() {
    let dir = rules_folder(&city());
    std::fs::remove_file(dir.path().join("organisation.json")).expect("remove");
    let rules = load_rules(Some(dir.path())).expect("an older folder loads");
    assert!(rules.organisation.is_sample, "the shipped sample stands in");
}

/// The shipped profile with the organisation's choice of dates and archive format.
fn profile_choosing(dates: &str, archive: &str) -> serde_json::Value {
    let mut p: serde_json::Value =
        serde_json::from_str(include_str!("../../decision-trees/organisation.json")).expect("json");
    p["date_style"] = dates.into();
    p["pdf_archive"] = archive.into();
    p
}

/// Issue 26 part 6: an organisation that writes 和暦 gets it on every date the memo and
/// the drafts print about the case — the header, the decision, the expiry, the state
/// sentence — and the register's state says the same words; English gives the era after
/// the date. The default stays 西暦 as recorded.
#[test]
fn an_organisation_that_writes_wareki_gets_it_on_every_date_of_memo_drafts_and_register() {
    let dir = rules_folder(&profile_choosing("japanese_era", "plain"));
    let rules = load_rules(Some(dir.path())).expect("the profile loads");
    let case = crate::record::approved_exception("2027-03-31");
    let ja = markdown::render(&memo::build(&rules, &case, Lang::Ja, "2026-12-01"));
    for date in ["令和8年（2026年）12月1日", "令和8年（2026年）4月1日", "令和9年（2027年）3月31日"]
    {
        assert!(ja.contains(date), "{date} missing from:\n{ja}");
    }
    // No date of the case is left in the other style (the only ISO-looking text allowed is
    // none: hashes are hex, times follow a 和暦 date).
    let iso = regex_like_iso_dates(&ja);
    assert!(iso.is_empty(), "dates left in 西暦 form: {iso:?}");
    let en = markdown::render(&memo::build(&rules, &case, Lang::En, "2026-12-01"));
    assert!(en.contains("2026-12-01 (Reiwa 8)") && en.contains("2027-03-31 (Reiwa 9)"), "{en}");
    // Lapsed: the state sentence carries the expiry in 和暦, and the register's state column
    // says the same words as the memo's notice.
    let lapsed = markdown::render(&memo::build(&rules, &case, Lang::Ja, "2027-04-02"));
    assert!(lapsed.contains("有効期限（令和9年（2027年）3月31日）を2日過ぎています"), "{lapsed}");
    let folder = tempfile::tempdir().expect("dir");
    itaku_navi::core::case::save_case(&folder.path().join("a.case.json"), &case).expect("save");
    let (reg, _) = itaku_navi::core::register::scan(folder.path(), None, &rules).expect("scan");
    let today = chrono::NaiveDate::from_ymd_opt(2027, 4, 2).expect("date");
    let state = itaku_navi::core::register::cells(&rules, &reg.rows[0], today, Lang::Ja).state;
    assert_eq!(state, "失効（有効期限 令和9年（2027年）3月31日）");
    assert!(lapsed.contains(&state), "the memo's notice and the register agree: {state}");
    // The drafts date their header the same way.
    let drafts =
        markdown::render(&itaku_navi::core::drafts::build(&rules, &case, Lang::Ja, "2026-12-01").expect("drafts"));
    assert!(drafts.contains("令和8年（2026年）12月1日") && drafts.contains("令和8年（2026年）4月1日"), "{drafts}");
    // The shipped profile keeps 西暦 as recorded.
    let plain = markdown::render(&memo::build(&load_embedded().expect("rules"), &case, Lang::Ja, "2026-12-01"));
    assert!(plain.contains("2027-03-31") && !plain.contains("令和"), "{plain}");
}

/// `YYYY-MM-DD` dates in a text.
fn regex_like_iso_dates(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(10)
        .filter(|w| w.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == '-' } else { c.is_ascii_digit() }))
        .map(|w| w.iter().collect())
        .collect()
}

/// Runs the program with `args`.
fn run(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_itaku-navi")).args(args).output().expect("run")
}

/// The approved exception example (expiry `review_by`) saved in a folder of its own and its
/// memo PDF written by `memo` under the rules folder `rules`: (the folder, the case, the PDF).
fn memo_pdf_under(rules: &Path, review_by: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let work = tempfile::tempdir().expect("dir");
    let case_path = work.path().join("case.json");
    itaku_navi::core::case::save_case(&case_path, &crate::record::approved_exception(review_by)).expect("save");
    let pdf = work.path().join("memo.pdf");
    let (case_arg, pdf_arg) = (case_path.to_str().expect("utf-8"), pdf.to_str().expect("utf-8"));
    let made = run(&["memo", case_arg, "--rules", rules.to_str().expect("utf-8"), "-o", pdf_arg]);
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    (work, case_path, pdf)
}

/// Issue 26 part 6: the organisation can have the PDF memo written as PDF/A-3b (typst
/// enforces the standard while writing): the file says so in its XMP metadata, embeds its
/// fonts, still carries the sealed case, and `verify` with the organisation's rules makes
/// it again byte for byte.
#[test]
fn a_pdf_a_memo_keeps_its_case_attached_and_verifies() {
    let dir = rules_folder(&profile_choosing("japanese_era", "pdf_a_3b"));
    let (out, case_path, pdf) = memo_pdf_under(dir.path(), "2027-03-31");
    let rules_arg = dir.path().to_str().expect("utf-8");
    let bytes = std::fs::read(&pdf).expect("pdf");
    let meta = String::from_utf8_lossy(&bytes);
    assert!(
        meta.contains("<pdfaid:part>3</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "no PDF/A-3b identification in the XMP metadata"
    );
    assert!(meta.contains("AFRelationship"), "PDF/A-3 names the attachment's relationship");
    // Every font embedded (PDF/A's first demand): each font descriptor carries its font file.
    let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
    let descriptors: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"FontDescriptor"))
        .collect();
    assert!(!descriptors.is_empty(), "the memo's fonts are described");
    for d in &descriptors {
        assert!(
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)),
            "a font is not embedded: {d:?}"
        );
    }
    let attached = itaku_navi::core::memo::attached_case(&bytes).expect("the case stays attached");
    assert!(attached.contains("\"integrity\""), "the sealed case");
    let v = run(&["verify", pdf.to_str().expect("utf-8"), "--rules", rules_arg]);
    let said = format!("{}{}", String::from_utf8_lossy(&v.stdout), String::from_utf8_lossy(&v.stderr));
    assert_eq!(v.status.code(), Some(0), "{said}");
    assert!(said.contains("byte for byte"), "{said}");
    // Under the shipped rules (another profile): a partial check naming the rules to give.
    let v = run(&["verify", pdf.to_str().expect("utf-8")]);
    assert_eq!(v.status.code(), Some(6), "{}", String::from_utf8_lossy(&v.stdout));
    // A plain memo of the same case is not PDF/A.
    let plain = out.path().join("plain.pdf");
    let made = run(&["memo", case_path.to_str().expect("utf-8"), "-o", plain.to_str().expect("utf-8")]);
    assert_eq!(made.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&std::fs::read(&plain).expect("pdf")).contains("pdfaid:part"));
}

/// A rules folder whose `references.json` gives the organisation's articles for two clauses
/// (one with the national clause looked up) and whose profile names its policy.
fn sapporo_references() -> tempfile::TempDir {
    let mut profile = city();
    profile["policy"] = serde_json::json!({
        "title": {"ja": "札幌市情報セキュリティ対策基準", "en": "City of Sapporo Information Security Standards"},
        "dated": "2025-03-31",
        "published": {"ja": "札幌市例規集", "en": "City of Sapporo legal database"}
    });
    let dir = rules_folder(&profile);
    let refs = serde_json::json!({
        "notice": {"ja": "札幌市の対応表", "en": "Sapporo's table"},
        "references": [
            {"clause_id": "5.1(2)", "own": {"ja": "札幌市情報セキュリティ対策基準 第9条第2項", "en": "Sapporo Standards Art. 9(2)"}},
            {"clause_id": "5.1(5)", "own": {"ja": "札幌市情報セキュリティ対策基準 第9条第5項", "en": "Sapporo Standards Art. 9(5)"},
             "national": {"ja": "国の統一基準 例示条項", "en": "National standard, sample clause"}}
        ]
    });
    std::fs::write(dir.path().join("references.json"), refs.to_string()).expect("write");
    dir
}

/// Issue 26 part 1: the memo and the drafts end with the clauses they cite beside the
/// organisation's own articles (「未設定」 where none is set) under its named policy, in
/// Japanese and English; the shipped rules, with nothing set, add no such table.
#[test]
fn the_organisations_articles_stand_beside_the_template_clauses_in_memo_and_drafts() {
    let dir = sapporo_references();
    let rules = load_rules(Some(dir.path())).expect("the references load");
    let case = crate::record::approved_exception("2027-03-31");
    let ja = markdown::render(&memo::build(&rules, &case, Lang::Ja, "2026-12-01"));
    assert!(ja.contains("引用条項と自組織の規定"), "{ja}");
    assert!(ja.contains("札幌市情報セキュリティ対策基準（2025-03-31、札幌市例規集）"), "the policy is cited: {ja}");
    assert!(
        ja.contains("| 5.1(5) | ")
            && ja.contains("| 札幌市情報セキュリティ対策基準 第9条第5項 | 国の統一基準 例示条項 |"),
        "{ja}"
    );
    assert!(ja.contains("| 札幌市情報セキュリティ対策基準 第9条第2項 | 未設定 |"), "national not looked up: {ja}");
    assert!(ja.contains("| 5.2(3) | ") || ja.contains("| 未設定 | 未設定 |"), "a cited clause with none set: {ja}");
    let en = markdown::render(&memo::build(&rules, &case, Lang::En, "2026-12-01"));
    assert!(en.contains("| Sapporo Standards Art. 9(5) | National standard, sample clause |"), "{en}");
    assert!(en.contains("| not set |"), "{en}");
    let drafts =
        markdown::render(&itaku_navi::core::drafts::build(&rules, &case, Lang::Ja, "2026-12-01").expect("drafts"));
    assert!(drafts.contains("| 札幌市情報セキュリティ対策基準 第9条第5項 | 国の統一基準 例示条項 |"), "{drafts}");
    let shipped = markdown::render(&memo::build(&load_embedded().expect("rules"), &case, Lang::Ja, "2026-12-01"));
    assert!(!shipped.contains("引用条項と自組織の規定"), "nothing set, no table");
}

/// A references file that names a clause the template lacks, or one clause twice, is
/// refused naming the file and the place; nothing is loaded from it.
#[test]
fn a_broken_references_file_is_refused_naming_the_file_and_the_place() {
    let dir = sapporo_references();
    let refs = serde_json::json!({
        "notice": {"ja": "対応表", "en": "table"},
        "references": [
            {"clause_id": "5.9(9)", "own": {"ja": "第1条", "en": "Art. 1"}},
            {"clause_id": "5.1(2)", "own": {"ja": "第2条", "en": "Art. 2"}},
            {"clause_id": "5.1(2)", "own": {"ja": "", "en": "Art. 3"}}
        ]
    });
    std::fs::write(dir.path().join("references.json"), refs.to_string()).expect("write");
    let err = check_refuses(dir.path());
    for needed in [
        "references.json",
        "references[0].clause_id",
        "\"5.9(9)\" is not a clause of clauses.json",
        "references[2].clause_id",
        "has a reference already",
        "references[2].own",
    ] {
        assert!(err.contains(needed), "{needed} missing from:\n{err}");
    }
    // A folder made before the file existed still loads: nothing set.
    std::fs::remove_file(dir.path().join("references.json")).expect("remove");
    let rules = load_rules(Some(dir.path())).expect("an older folder loads");
    assert!(rules.references.references.is_empty());
}

/// The guidance panel quotes a clause with the organisation's article under it, and says
/// 「未設定」 for a clause that has none.
#[test]
fn the_guidance_panel_shows_the_organisations_article_under_the_clause() {
    use crate::ui_wizard::{LOCALE, harness_with_rules};
    use itaku_navi::ui::app::Command;
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = sapporo_references();
    let rules = load_rules(Some(dir.path())).expect("rules");
    let data = tempfile::tempdir().expect("data dir");
    let mut h = harness_with_rules(data.path(), egui::vec2(1400.0, 1000.0), rules);
    h.state_mut().handle(Command::CloseDialog);
    h.state_mut().handle(Command::ShowClause("5.1(5)".into()));
    h.run();
    assert!(h.query_by_label("自組織の規定: 札幌市情報セキュリティ対策基準 第9条第5項").is_some());
    assert!(h.query_by_label("現行の国の規定: 国の統一基準 例示条項").is_some());
    h.state_mut().handle(Command::ShowClause("5.2(1)".into()));
    h.run();
    assert!(h.query_all_by_label("自組織の規定: 未設定").count() > 0);
}

/// The upkeep screen edits the articles: a clause chosen from the list, its article typed
/// through the IME and key by key, saved into the rules folder after the folder checks.
#[test]
fn the_articles_are_typed_in_the_upkeep_screen_and_saved_to_the_rules_folder() {
    use crate::ui_wizard::{LOCALE, click};
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_data, folder, mut h) = upkeep_with_a_rules_folder();
    let heading = h.state().rules.clause("5.1(3)").map(|c| c.heading.ja.clone()).expect("clause");
    click(&mut h, "雛形の条項");
    click(&mut h, &format!("5.1(3)  {heading}"));
    let field = "自組織の規定（日本語）";
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, field).scroll_to_me();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, field).focus();
    h.run();
    // 「対策基準」 through the IME, then 「 第9条」 key by key.
    for event in [
        egui::Event::Ime(egui::ImeEvent::Preedit {
            text: "たいさくきじゅん".into(), active_range_chars: Some(0..8)
        }),
        egui::Event::Ime(egui::ImeEvent::Commit("対策基準".into())),
    ] {
        h.event(event);
        h.run();
    }
    for c in " 第9条".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
    let typed = h.get_by_role_and_label(egui::accesskit::Role::TextInput, field).accesskit_node().value();
    assert_eq!(typed.as_deref(), Some("対策基準 第9条"), "the field shows what was typed");
    click(&mut h, "規定の対応を保存");
    assert!(
        matches!(h.state().dialog, Some(itaku_navi::ui::Dialog::Info(_))),
        "saved, and said so: {:?}",
        h.state().dialog
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("references.json")).expect("written"))
            .expect("json");
    assert_eq!(saved["references"][0]["clause_id"], "5.1(3)");
    assert_eq!(saved["references"][0]["own"]["ja"], "対策基準 第9条");
    assert_eq!(saved["references"][0]["own"]["en"], "対策基準 第9条", "left empty in English: as written");
    assert_eq!(h.state().rules.reference_words("5.1(3)", Lang::Ja).0, "対策基準 第9条");
    assert!(folder.path().join("references.json").exists());
}

/// A memo made under the organisation's rules, checked with other rule files of the same
/// id and version (the shipped ones), is a partial check that says which rules to give —
/// never ALTERED; with the organisation's rules it is byte for byte the memo its case makes.
#[test]
fn a_memo_verified_without_the_organisations_rules_is_partial_not_altered() {
    let dir = rules_folder(&city());
    let (_work, _case, pdf) = memo_pdf_under(dir.path(), "2030-03-31");
    let rules_arg = dir.path().to_str().expect("utf-8");
    let shipped = run(&["verify", pdf.to_str().expect("utf-8")]);
    let said = format!("{}{}", String::from_utf8_lossy(&shipped.stdout), String::from_utf8_lossy(&shipped.stderr));
    assert_eq!(shipped.status.code(), Some(6), "{said}");
    assert!(said.contains("made under other rule files") && !said.contains("ALTERED"), "{said}");
    let own = run(&["--rules", rules_arg, "verify", pdf.to_str().expect("utf-8")]);
    assert_eq!(own.status.code(), Some(0), "{}", String::from_utf8_lossy(&own.stderr));
    assert!(String::from_utf8_lossy(&own.stdout).contains("byte for byte"));
}
