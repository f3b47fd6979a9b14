//! Drives the real app headless with `egui_kittest`, by the labels a user sees: full walks
//! to three outcomes, going back and changing an answer, switching language, a malformed
//! file, restoring after a crash, and the unsaved-changes prompt.

use std::path::Path;
use std::sync::Mutex;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use itaku_navi::core::rules::files::OutcomeKind;
use itaku_navi::ui::app::Command;
use itaku_navi::ui::storage::{Settings, Storage};
use itaku_navi::ui::training::TrainingCommand;
use itaku_navi::ui::{App, Dialog};

/// The UI locale is process-wide: one UI test at a time.
pub(crate) static LOCALE: Mutex<()> = Mutex::new(());

pub(crate) fn harness(dir: &Path) -> Harness<'static, App> {
    harness_sized(dir, egui::vec2(1400.0, 1400.0))
}

/// The app with the shipped rules and its data in `dir`, in a window of `size`.
pub(crate) fn harness_sized(dir: &Path, size: egui::Vec2) -> Harness<'static, App> {
    harness_with_rules(dir, size, itaku_navi::core::rules::load_embedded().expect("shipped rules"))
}

/// The app with `rules` and its data in `dir`, in a window of `size`.
pub(crate) fn harness_with_rules(
    dir: &Path,
    size: egui::Vec2,
    rules: itaku_navi::core::rules::RuleSet,
) -> Harness<'static, App> {
    let app = App::new(rules, None, Storage::new(dir.to_path_buf()));
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .with_context_setup(itaku_navi::ui::setup)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// The app with the example case `case_file` (under tests/cases) open, on the step `step_id`.
pub(crate) fn case_on_step(dir: &Path, case_file: &str, step_id: &str) -> Harness<'static, App> {
    let mut h = harness(dir);
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(case_file);
    h.state_mut().handle(Command::Open(case));
    h.run();
    let step = h.state().rules.steps.iter().position(|s| s.step_id == step_id).expect("the step");
    h.state_mut().handle(Command::Goto(itaku_navi::ui::Screen::Step(step)));
    h.run();
    h
}

/// The autosaved cases in an app folder (one slot per running instance).
pub(crate) fn autosaves(data: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(data.join("autosave"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".case.json"))
        .collect();
    found.sort();
    found
}

pub(crate) fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Clicks the `n`th of several widgets with the same label (one button per sample).
fn click_nth(h: &mut Harness<'_, App>, label: &str, n: usize) {
    h.get_all_by_label(label).nth(n).expect("enough widgets with this label").scroll_to_me();
    h.run();
    h.get_all_by_label(label).nth(n).expect("enough widgets with this label").click();
    h.run();
}

pub(crate) fn click_role(h: &mut Harness<'_, App>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).click();
    h.run();
}

/// Clicks a step in the sidebar (its label starts with the progress mark).
pub(crate) fn click_step(h: &mut Harness<'_, App>, title: &str) {
    h.get_all_by_label_contains(title)
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap_or_else(|| panic!("no sidebar entry {title}"))
        .click();
    h.run();
}

pub(crate) fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    let is_input =
        |h: &Harness<'_, App>| h.get_all_by_label(label).any(|n| n.accesskit_node().role() == Role::MultilineTextInput);
    let role = if is_input(h) { Role::MultilineTextInput } else { Role::TextInput };
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

pub(crate) fn outcome(h: &Harness<'_, App>) -> Option<OutcomeKind> {
    h.state().eval.outcome.as_ref().map(|o| o.outcome)
}

/// Step 1 with the form 情報の加工・処理等 (no hidden access path questions).
fn fill_basics(h: &mut Harness<'_, App>, task: &str) {
    type_into(h, "業務の名称", task);
    type_into(h, "担当課室", "統計企画課");
    type_into(h, "作成者", "髙橋 一郎");
    click_role(h, Role::RadioButton, "情報の加工・処理等");
    click(h, "次へ(N) →");
}

/// Step 3: one item, judged with a reason.
fn add_item(h: &mut Harness<'_, App>, name: &str, important: bool, reason: &str) {
    click(h, "＋ 情報を追加");
    type_into(h, "情報の名称", name);
    click_role(h, Role::RadioButton, if important { "重要" } else { "重要でない" });
    type_into(h, "判断の理由（必須）", reason);
}

#[test]
fn walk_to_permitted_then_back_and_change_to_narrowed() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_role_and_label(Role::Label, "1. 案件の基本事項");
    fill_basics(&mut h, "公表統計のグラフ作成");
    assert_eq!(h.state().case.basics.author, "髙橋 一郎");

    click_role(&mut h, Role::RadioButton, "公表済み統計データの集計・グラフ作成");
    click(&mut h, "次へ(N) →");
    add_item(&mut h, "公表済み統計表", false, "既に公表済みの集計結果のみ");
    assert_eq!(outcome(&h), Some(OutcomeKind::Permitted));
    assert_eq!(h.get_all_by_label("委託可").count(), 1, "the sidebar's badge, the word once");

    // Back to the inventory: the item turns out to be important.
    click_step(&mut h, "3. 情報の洗い出し");
    click_role(&mut h, Role::Button, "公表済み統計表");
    click_role(&mut h, Role::RadioButton, "重要");
    assert_eq!(outcome(&h), None, "the outcome is re-evaluated and no longer known");
    assert!(h.state().affected.iter().any(|s| s == "narrowing"), "{:?}", h.state().affected);
    assert_eq!(h.state().case.inventory[0].reason, "既に公表済みの集計結果のみ", "the reason is kept");

    // Narrowing: keep the raw data in-house; the outcome updates live.
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::RadioButton, "取り扱わない（範囲を絞り込む）");
    click_role(&mut h, Role::CheckBox, "当該部分を内部で実施する");
    type_into(&mut h, "この措置で委託先が取り扱わなくなる理由（必須）", "原データは庁内で集計し、グラフ化のみ委託する");
    assert_eq!(outcome(&h), Some(OutcomeKind::PermittedNarrowed));
    assert!(h.state().dirty);
}

#[test]
fn walk_to_prohibited() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    fill_basics(&mut h, "給与計算データの入力");
    click_role(&mut h, Role::RadioButton, "人事・給与システムの運用・保守");
    click(&mut h, "次へ(N) →");
    add_item(&mut h, "職員の給与データ", true, "全職員の個人情報と給与額を含む");
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::RadioButton, "引き続き取り扱う（絞り込めない）");
    h.get_by_role_and_label(Role::MultilineTextInput, "絞り込めない理由（必須）");
    // No measure: the item stays with the contractor.
    type_into(&mut h, "絞り込めない理由（必須）", "入力作業そのものに給与データが必要");
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::RadioButton, "いいえ");
    type_into(&mut h, "理由（必須）", "庁内で実施できる体制がある");
    assert_eq!(outcome(&h), Some(OutcomeKind::Prohibited));
    assert_eq!(h.get_all_by_label("委託不可").count(), 1, "the sidebar's badge, the word once");
}

#[test]
fn walk_to_judgment_request_for_an_unlisted_task() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    fill_basics(&mut h, "庁舎案内図の作成");
    type_into(&mut h, "検索", "案内図");
    h.get_by_label("一致する業務はありません。");
    click_role(&mut h, Role::RadioButton, "付録1 に掲載されていない");
    click(&mut h, "次へ(N) →");
    add_item(&mut h, "庁舎の公開フロア図", false, "来庁者向けに公開している図面");
    assert_eq!(outcome(&h), Some(OutcomeKind::JudgmentRequest));
    assert_eq!(h.get_all_by_label("判断依頼").count(), 1, "the sidebar's badge, the word once");

    // The review lists the answers; each step name leads back.
    click(&mut h, "回答の一覧へ");
    assert_eq!(h.state().screen, itaku_navi::ui::Screen::Review);
    h.get_by_label("・庁舎の公開フロア図 — 重要でない: 来庁者向けに公開している図面");
    click_step(&mut h, "2. 付録1の確認");
    assert_eq!(h.state().screen, itaku_navi::ui::Screen::Step(1));
}

#[test]
fn switching_language_changes_the_ui_and_is_remembered() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("判断の手順");
    click(&mut h, "表示");
    click(&mut h, "English");
    h.get_by_label("Steps");
    h.get_by_role_and_label(Role::Label, "1. Case basics");
    assert!(h.query_by_label("判断の手順").is_none());
    drop(h);
    // The next start opens in English.
    let h = harness(dir.path());
    h.get_by_label("Steps");
    assert_eq!(Storage::new(dir.path().to_path_buf()).load_settings().language, "en");
    itaku_navi::set_locale("ja");
}

#[test]
fn a_malformed_file_shows_the_cores_error_and_keeps_the_open_case() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\n  \"schema_version\": 1,\n  \"rule_set\": {\"ruleset_id\": \"x\", \"version\": \"1\"},\n  \"basics\": {\"task_nam\": \"typo\"}\n}\n").unwrap();
    let storage = Storage::new(dir.path().join("data"));
    let mut settings = Settings::default();
    settings.remember(&bad);
    storage.save_settings(&settings).unwrap();

    let mut h = harness(&dir.path().join("data"));
    type_into(&mut h, "業務の名称", "開いている案件");
    // File → Recent files → the broken file.
    click(&mut h, "ファイル");
    click(&mut h, "最近使ったファイル");
    click(&mut h, &bad.display().to_string());
    // Unsaved changes are protected first: choose not to save… then cancel is also offered.
    h.get_by_label("未保存の変更");
    click(&mut h, "キャンセル");
    assert_eq!(h.state().case.basics.task_name, "開いている案件");
    // Save it first, then open the broken file.
    let good = dir.path().join("good.json");
    h.state_mut().handle(itaku_navi::ui::Command::SaveAs(good.clone()));
    h.run();
    assert!(good.exists());
    click(&mut h, "ファイル");
    click(&mut h, "最近使ったファイル");
    click(&mut h, &bad.display().to_string());
    let Some(Dialog::Error { message, .. }) = h.state().dialog.clone() else {
        panic!("expected an error dialog, got {:?}", h.state().dialog)
    };
    assert!(message.contains("task_nam") && message.contains("line 4"), "{message}");
    assert!(message.contains("broken.json"), "{message}");
    h.get_by_label("⚠ ファイルを開けません");
    h.get_by_label_contains("task_nam");
    assert_eq!(h.state().case.basics.task_name, "開いている案件", "nothing open is lost");
    click(&mut h, "OK");
    assert!(h.state().dialog.is_none());
}

#[test]
fn after_a_crash_the_next_start_offers_the_autosave() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    type_into(&mut h, "業務の名称", "復元される案件");
    // A step change autosaves at once.
    click_step(&mut h, "2. 付録1の確認");
    assert_eq!(autosaves(dir.path()).len(), 1);
    // Simulate a crash: the harness is dropped without quitting.
    drop(h);
    let mut h = harness(dir.path());
    h.get_by_label("作業の復元");
    // The dialog names the case and gives the time in local time to the minute.
    h.get_by_label("案件: 復元される案件");
    let time = h.get_by_label_contains("自動保存の時刻: ").accesskit_node().value().unwrap_or_default();
    let shown = time.trim_start_matches("自動保存の時刻: ");
    assert!(
        chrono::NaiveDateTime::parse_from_str(shown, "%Y-%m-%d %H:%M").is_ok(),
        "local time to the minute, not raw UTC: {shown}"
    );
    click(&mut h, "復元する");
    assert_eq!(h.state().case.basics.task_name, "復元される案件");
    assert!(h.state().dirty, "restored work still needs saving");
}

// Issue 23 finding 1: started with a case file after a crash, or beside a second instance,
// the app offers the lost work and never deletes it before the user answers.
#[test]
fn a_crash_is_recovered_whatever_the_next_start_opens_and_a_second_instance_takes_nothing() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.json");
    itaku_navi::core::case::save_case(&other, &itaku_navi::core::case::Case::new("nisc-itaku-2011-template", "1.0.0"))
        .unwrap();
    let data = dir.path().join("data");
    let mut a = harness(&data);
    type_into(&mut a, "業務の名称", "給与計算の委託");
    a.state_mut().autosave_now();
    // A second instance starts (with a case file) while A runs: it offers nothing of A's,
    // and opening its file removes nothing of A's.
    let mut b = harness(&data);
    b.state_mut().handle(Command::Open(other.clone()));
    b.run();
    assert!(!matches!(b.state().dialog, Some(Dialog::Restore { .. })), "{:?}", b.state().dialog);
    assert_eq!(autosaves(&data).len(), 1);
    drop(b);
    // A crashes. The next start opens a case file (a double-click): the work is still offered.
    drop(a);
    let mut c = harness(&data);
    c.state_mut().handle(Command::Open(other));
    c.run();
    assert_eq!(autosaves(&data).len(), 1, "nothing is deleted before the user answers");
    if !matches!(c.state().dialog, Some(Dialog::Restore { .. })) {
        click(&mut c, "OK"); // what opening the file had to say comes first
    }
    c.get_by_label("作業の復元");
    c.get_by_label("案件: 給与計算の委託");
    click(&mut c, "復元する");
    assert_eq!(c.state().case.basics.task_name, "給与計算の委託", "every typed character is back");
    assert!(c.state().dirty);
    // The restored work is in C's own autosave, and the crashed slot is gone.
    let left = autosaves(&data);
    assert_eq!(left.len(), 1);
    assert!(std::fs::read_to_string(&left[0]).unwrap().contains("給与計算の委託"));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    type_into(&mut h, "業務の名称", "未保存");
    click(&mut h, "ファイル");
    click(&mut h, "終了 Ctrl+Q"); // the menu shows the shortcut beside the entry
    h.get_by_label("保存されていない変更があります。保存しますか？");
    assert!(!h.state().close_confirmed());
    click(&mut h, "保存しない");
    assert!(h.state().close_confirmed());
    assert!(autosaves(dir.path()).is_empty(), "a deliberate discard leaves no autosave");
}

#[test]
fn a_judgment_recorded_on_the_upkeep_screen_lands_in_the_rules_folder() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let rules_dir = dir.path().join("org-rules");
    itaku_navi::core::rules::upkeep::export_embedded(&rules_dir).unwrap();
    let rules = itaku_navi::core::rules::load_dir(&rules_dir).unwrap();
    let app = App::new(rules, Some(rules_dir.clone()), Storage::new(dir.path().join("data")));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1400.0))
        .with_max_steps(12)
        .with_context_setup(itaku_navi::ui::setup)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    click_step(&mut h, "付録1 の更新");
    h.get_by_label("まだ判断の記録はありません。");
    type_into(&mut h, "業務", "庁舎案内図の作成");
    type_into(&mut h, "判断者", "情報セキュリティ責任者 山﨑");
    type_into(&mut h, "判断の理由（必須）", "公開済みの図面のみを扱う");
    click(&mut h, "規則フォルダに記録");
    assert!(matches!(h.state().dialog, Some(Dialog::Info(_))), "{:?}", h.state().dialog);
    click(&mut h, "OK");
    let saved = std::fs::read_to_string(rules_dir.join("appendix1.json")).unwrap();
    assert!(saved.contains("庁舎案内図の作成") && saved.contains("山﨑"), "written to the organisation's file");
    assert!(rules_dir.join("appendix1.json.bak").exists());
    // The new judgment is offered in the 付録1 look-up of the next case.
    click_step(&mut h, "2. 付録1の確認");
    click_step(&mut h, "1. 案件の基本事項");
    fill_basics(&mut h, "庁舎案内図の作成");
    click_role(&mut h, Role::RadioButton, "庁舎案内図の作成 （責任者判断済み）");
    let lookup = h.state().case.appendix1.clone().unwrap();
    assert!(lookup.entry_id.is_none());
    assert_eq!(lookup.judgement.unwrap().decided_by, "情報セキュリティ責任者 山﨑");
}

/// On a first start (no theme chosen yet) the app takes the system's light or dark mode,
/// and follows it while the user has made no choice (issue 28: Windows' dark mode).
#[test]
fn with_no_theme_chosen_the_app_follows_the_systems_dark_mode() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert_eq!(Storage::new(dir.path().to_path_buf()).load_settings().dark, None, "a first start");
    h.input_mut().system_theme = Some(egui::Theme::Dark);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark, "the system says dark");
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.input_mut().system_theme = Some(egui::Theme::Light);
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light, "and back to light with the system");
}

#[test]
fn dark_theme_and_zoom_are_applied_and_remembered() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "表示");
    click(&mut h, "ダーク");
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    click(&mut h, "表示");
    click(&mut h, "拡大  (Ctrl +)");
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3, "{}", h.ctx.zoom_factor());
    let settings = Storage::new(dir.path().to_path_buf()).load_settings();
    assert_eq!(settings.dark, Some(true));
    assert!((settings.zoom - 1.1).abs() < 1e-3);
}

#[test]
fn approval_is_recorded_and_the_reissued_memo_shows_it() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json");
    h.state_mut().handle(itaku_navi::ui::Command::Open(case));
    h.run();
    assert_eq!(outcome(&h), Some(OutcomeKind::ExceptionRequest));
    // The outcome screen: record the officer's decision.
    click_role(&mut h, Role::Button, "決定を記録する");
    click_role(&mut h, Role::RadioButton, "条件付承認");
    type_into(&mut h, "情報セキュリティ責任者 氏名", "山﨑 太郎");
    type_into(&mut h, "条件（必須）", "四半期ごとにログ監査結果を報告すること");
    // The section's proposed period is there for the approver to confirm or change.
    let pending = h.state().case.pending_approval.clone().expect("an entry being filled in");
    assert_eq!(pending.review_by.as_deref(), Some("2028-03-31"), "the proposal is offered");
    type_into(&mut h, "決裁番号（電子決裁・文書番号）", "R8-決裁-0042");
    assert!(h.state().case.approval.is_none(), "nothing is recorded before the button");
    click_role(&mut h, Role::Button, "この内容で記録する");
    let approval = h.state().case.approval.clone().unwrap();
    assert_eq!(approval.approver, "山﨑 太郎");
    assert_eq!(approval.review_by.as_deref(), Some("2028-03-31"));
    assert_eq!(approval.reference, "R8-決裁-0042");
    assert!(approval.recorded_at.is_some() && approval.covers_decision);
    assert!(h.state().case.pending_approval.is_none());
    // Preview, then export: the memo shows the decision.
    click_role(&mut h, Role::Button, "判断記録のプレビュー");
    h.get_by_label_contains("■ 条件付承認");
    let out = dir.path().join("memo.md");
    h.state_mut().handle(itaku_navi::ui::Command::Export(out.clone()));
    h.state_mut().finish_export();
    h.run();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("■ 条件付承認") && md.contains("山﨑 太郎") && md.contains("2028-03-31"), "{md}");
    assert!(md.contains("四半期ごとにログ監査結果を報告すること"));
}

#[test]
fn the_rule_book_is_searchable_and_opens_from_a_clause() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    // The guidance panel of step 1 shows 3.1; open it in the rule book.
    h.get_all_by_label("規程の中で開く").next().expect("a clause in the guidance panel").click();
    h.run();
    assert_eq!(h.state().screen, itaku_navi::ui::Screen::RuleBook);
    h.get_by_label("3.1  外部委託する業務の分類");
    // Search by a word.
    h.state_mut().screens.rulebook.search.clear();
    type_into(&mut h, "条文を検索", "再委託");
    assert!(h.query_by_label("5.2(4)  脅威及び対策の検討における留意事項 (4)").is_none());
    h.get_by_label_contains("該当する条文:");
    let search = "5.2(3)";
    h.state_mut().screens.rulebook.search = search.into();
    h.run();
    h.get_by_label("5.2(3)  脅威及び対策の検討における留意事項 (3)");
}

#[test]
fn the_glossary_explains_terms_and_labels_later_ones() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click_step(&mut h, "用語集");
    type_into(&mut h, "用語を検索", "約款");
    h.get_by_label("約款による情報処理サービス");
    h.get_by_label_contains("後の用語（参考）: ISMAP");
    assert!(h.query_by_label("再委託").is_none(), "the search filters the list");
}

#[test]
fn a_quiz_runs_to_its_score_can_be_retried_and_the_results_export_as_csv() {
    let _l = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    click(&mut h, "研修（事例・クイズ）");
    h.get_by_label_contains("広報サイトの公開コンテンツ更新");
    type_into(&mut h, "受講者名", "研修 花子");
    // The first case (s01): 付録1, two items, the outcome — checked after each answer.
    click_nth(&mut h, "クイズを始める", 0);
    assert!(h.query_by_label("設問 1 / 4").is_some());
    click_role(&mut h, Role::RadioButton, "重要な情報を取り扱わない業務として掲載（又は判断済み）");
    click(&mut h, "答え合わせ");
    assert!(h.query_by_label("✔ 正解").is_some());
    click(&mut h, "次へ →");
    click_role(&mut h, Role::RadioButton, "重要な情報ではない");
    click(&mut h, "答え合わせ");
    click(&mut h, "次へ →");
    // A wrong answer: the model answer, its clause and the explanation are shown.
    click_role(&mut h, Role::RadioButton, "重要な情報である");
    click(&mut h, "答え合わせ");
    assert!(h.query_by_label("× 不正解").is_some());
    assert!(h.query_by_label("模範解答: 重要な情報ではない").is_some());
    assert!(h.query_by_label_contains("個人情報＝重要").is_some(), "the commentary explains the model answer");
    click(&mut h, "次へ →");
    click_role(&mut h, Role::RadioButton, "委託可");
    click(&mut h, "答え合わせ");
    click(&mut h, "採点結果を見る");
    assert!(h.query_by_label("得点: 3 / 4 (75%)").is_some(), "the score is shown");
    // The attempt is kept on this PC for the trainer.
    let records = Storage::new(dir.path().to_path_buf()).load_results().0;
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].trainee.as_str(), records[0].score, records[0].total), ("研修 花子", 3, 4));

    // Retry starts the same quiz from the first question with no answers.
    click(&mut h, "もう一度挑戦する");
    assert!(h.query_by_label("設問 1 / 4").is_some());
    assert!(h.state().training.quiz.as_ref().is_some_and(|(_, q)| q.answers.iter().all(|a| a.value.is_none())));

    // The trainer's CSV: one row per question, with the verdict.
    let csv = dir.path().join("results.csv");
    h.state_mut().handle(Command::Training(TrainingCommand::Export(csv.clone())));
    h.run();
    let text = std::fs::read_to_string(&csv).expect("csv written");
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 5, "header + 4 questions:\n{text}");
    assert!(rows[0].starts_with("\u{feff}受講者,"));
    assert!(rows[3].contains("研修 花子") && rows[3].contains(",誤,"), "{}", rows[3]);
}

#[test]
fn the_walkthrough_shows_each_model_answer_with_its_commentary() {
    let _l = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    click(&mut h, "研修（事例・クイズ）");
    click_nth(&mut h, "ウォークスルー", 3);
    // s04: 付録1 1(2) for the installation work.
    assert!(h.query_by_label_contains("既存システムと接続する導入作業").is_some());
    assert!(h.query_by_label("模範解答: 重要な情報を取り扱う業務として掲載（又は判断済み）").is_some());
    assert!(h.query_by_label_contains("付録1 1(2) は、まさにその導入作業").is_some());
    // Step through to the installation question and then the summary.
    for _ in 0..3 {
        click(&mut h, "次へ →");
    }
    assert!(h.query_by_label("模範解答: はい").is_some());
    assert!(h.query_by_label_contains("その経路で触れ得る情報を必ず洗い出しに加えます").is_some());
    click(&mut h, "まとめ");
    assert!(h.query_by_label_contains("絞り込みが結論を変える代表例").is_some());
    // The case on screen is untouched: the walkthrough is read-only.
    assert!(!h.state().dirty);
    assert!(h.state().case.inventory.is_empty());
}

#[test]
fn a_quiz_checked_at_the_end_lets_answers_change_until_graded() {
    let _l = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    click(&mut h, "研修（事例・クイズ）");
    click_role(&mut h, Role::RadioButton, "最後にまとめて");
    // s07: an unlisted task the 情報セキュリティ責任者 has judged — three questions.
    click_nth(&mut h, "クイズを始める", 6);
    assert!(h.query_by_label("設問 1 / 3").is_some());
    click_role(&mut h, Role::RadioButton, "付録1に掲載なし");
    assert!(h.query_by_label("× 不正解").is_none(), "nothing is checked before the end");
    click(&mut h, "次へ →");
    // Back to the first question and change the answer before grading.
    click(&mut h, "← 前へ");
    click_role(&mut h, Role::RadioButton, "重要な情報を取り扱わない業務として掲載（又は判断済み）");
    click(&mut h, "次へ →");
    click_role(&mut h, Role::RadioButton, "重要な情報ではない");
    click(&mut h, "次へ →");
    click_role(&mut h, Role::RadioButton, "委託可");
    click(&mut h, "採点する");
    assert!(h.query_by_label("得点: 3 / 3 (100%)").is_some());
}

/// A settings file that cannot be written is said in the status bar, not dropped silently
/// (issue 9), and the work goes on.
#[test]
fn a_failed_settings_save_is_shown_not_dropped() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    // The app's folder is a file: nothing can be written inside it.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").unwrap();
    let mut h = harness(&blocked);
    assert!(h.query_by_label_contains("設定を保存できません").is_none());
    click(&mut h, "表示");
    click(&mut h, "ダーク");
    assert!(h.state().settings_error.is_some());
    h.get_by_label_contains("設定を保存できません");
    type_into(&mut h, "業務の名称", "作業は続けられる");
    assert_eq!(h.state().case.basics.task_name, "作業は続けられる");
}

/// A one-character reason counts as given but is flagged on the review screen and as a
/// warning (issue 11: an importance reason stored as 「P」).
#[test]
fn a_one_character_reason_is_flagged_on_the_review_screen() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    fill_basics(&mut h, "公表統計のグラフ作成");
    click_role(&mut h, Role::RadioButton, "公表済み統計データの集計・グラフ作成");
    click(&mut h, "次へ(N) →");
    add_item(&mut h, "公表済み統計表", false, "P");
    assert_eq!(outcome(&h), Some(OutcomeKind::Permitted), "a short reason does not block the outcome");
    assert!(h.state().eval.warnings.iter().any(|w| w.warning_id == "w-reason-too-short"));
    click(&mut h, "回答の一覧へ");
    h.get_by_label_contains("理由が短すぎます");
}

#[test]
fn a_failed_autosave_is_shown_in_the_status_bar_until_one_succeeds() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    // The app's folder cannot be created: a file is in the way (a full disk, a lost share).
    let data = dir.path().join("data");
    std::fs::write(&data, b"not a folder").unwrap();
    let mut h = harness(&data);
    type_into(&mut h, "業務の名称", "給与計算");
    h.state_mut().autosave_now();
    h.run();
    let error = h.state().autosave.error.clone().expect("the failure is kept, not dropped");
    assert!(error.contains("data"), "{error}");
    h.get_by_label_contains("自動保存できません");
    // The folder comes back: the next autosave works and the warning goes.
    std::fs::remove_file(&data).unwrap();
    type_into(&mut h, "業務の名称", "の委託");
    h.state_mut().autosave_now();
    h.run();
    assert!(h.state().autosave.error.is_none());
    assert!(h.query_by_label_contains("自動保存できません").is_none());
    assert_eq!(autosaves(&data).len(), 1);
}

#[test]
fn the_app_exports_through_a_child_process_and_gets_the_same_memo() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/08_exception_request_payroll_operations.case.json");
    h.state_mut().handle(Command::Open(case.into()));
    h.run();
    // In-process (as the tests run by default), then through the program's own `memo`
    // command, as the app does when it runs as itaku-navi: the memory a large PDF takes is
    // the child's and goes back when it ends.
    let here = dir.path().join("here.md");
    h.state_mut().handle(Command::Export(here.clone()));
    h.state_mut().finish_export();
    h.state_mut().export.exe = Some(env!("CARGO_BIN_EXE_itaku-navi").into());
    let child = dir.path().join("child.md");
    h.state_mut().handle(Command::Export(child.clone()));
    h.state_mut().finish_export();
    h.run();
    assert_eq!(std::fs::read_to_string(&child).unwrap(), std::fs::read_to_string(&here).unwrap());
    let pdf = dir.path().join("child.pdf");
    h.state_mut().handle(Command::Export(pdf.clone()));
    h.state_mut().finish_export();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // A failure in the child reaches the user as the export's error.
    let nowhere = dir.path().join("no-such-folder/memo.pdf");
    h.state_mut().handle(Command::Export(nowhere));
    h.state_mut().finish_export();
    match &h.state().dialog {
        Some(Dialog::Error { message, .. }) => assert!(message.contains("no-such-folder"), "{message}"),
        other => panic!("expected an error dialog, got {other:?}"),
    }
}

// Issue 22 finding 4: an exception proposes its period on the risk step (required), and
// page 1 and the approval form carry it.
#[test]
fn an_exception_asks_for_its_proposed_period_on_the_risk_step() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json");
    let mut case = itaku_navi::core::case::load_case(&src).unwrap();
    case.proposed_review_by.clear();
    let path = dir.path().join("no-period.json");
    itaku_navi::core::case::save_case(&path, &case).unwrap();
    let mut h = harness(&dir.path().join("data"));
    h.state_mut().handle(Command::Open(path));
    h.run();
    assert_eq!(outcome(&h), None, "no outcome without the proposed period");
    let missing: Vec<String> = h.state().eval.next.as_ref().unwrap().missing.iter().map(|m| m.ja.clone()).collect();
    assert!(missing.iter().any(|m| m.contains("有効期限・再審査日の案")), "{missing:?}");
    click_step(&mut h, "7. 例外のためのリスク分析");
    let label = "有効期限・再審査日の案（YYYY-MM-DD）";
    h.get_by_role_and_label(Role::TextInput, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    for c in "2028-03-31".chars() {
        h.get_by_role_and_label(Role::TextInput, label).type_text(&c.to_string());
        h.run();
    }
    assert_eq!(h.state().case.proposed_review_by, "2028-03-31", "every key landed");
    assert_eq!(outcome(&h), Some(OutcomeKind::ExceptionRequest));
    let m = itaku_navi::core::memo::build(
        &h.state().rules,
        &h.state().case,
        itaku_navi::core::text::Lang::Ja,
        "2026-12-05",
    );
    let md = itaku_navi::core::memo::markdown::render(&m);
    assert!(md.contains("有効期限・再審査日（課室の案）") && md.contains("2028-03-31"), "page 1 carries it");
}

/// Issue 28: the first window fits a 1366×768 laptop and 1920×1080 at 150 % (1280×720 points).
#[test]
fn the_first_window_fits_common_screens() {
    use itaku_navi::ui::fitted_size;
    let default = egui::vec2(1200.0, 800.0);
    let laptop = fitted_size(default, egui::vec2(1366.0, 768.0));
    assert!(laptop.y <= 768.0 * 0.9 - 40.0 + 0.01 && laptop.x <= 1366.0, "{laptop:?}");
    let scaled = fitted_size(default, egui::vec2(1280.0, 720.0));
    assert!(scaled.x <= 1152.0 && scaled.y <= 608.0 + 0.01, "{scaled:?}");
    // A window that already fits keeps its size; the smallest layout is kept where it fits.
    assert_eq!(fitted_size(default, egui::vec2(2560.0, 1440.0)), default);
    assert_eq!(fitted_size(egui::vec2(300.0, 200.0), egui::vec2(1366.0, 768.0)), egui::vec2(720.0, 480.0));
}

/// The inventory's counts are kept between frames (issue 29) and follow every change: an
/// item added is counted at once, and so is its removal.
#[test]
fn the_inventory_counts_follow_each_change() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("data");
    let mut h = harness(data.path());
    let path = data.path().join("payroll.case.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/08_exception_request_payroll_operations.case.json"),
        &path,
    )
    .expect("copy");
    h.state_mut().handle(itaku_navi::ui::app::Command::Open(path));
    h.run();
    click_step(&mut h, "情報の洗い出し");
    let n = h.state().case.inventory.len();
    let important = h.state().case.inventory.iter().filter(|i| i.important == Some(true)).count();
    let counts = |n: usize, open: usize| format!("洗い出した情報: {n}　重要: {important}　判断・理由が未記入: {open}");
    assert!(h.query_by_label(&counts(n, 0)).is_some(), "{}", counts(n, 0));
    click(&mut h, "＋ 情報を追加");
    assert!(h.query_by_label(&counts(n + 1, 1)).is_some(), "the new item is counted, and open");
    click(&mut h, "選択した情報を削除");
    assert!(h.query_by_label(&counts(n, 0)).is_some(), "and uncounted once removed");
}

/// A table cell cut short shows its whole text in one tooltip under the pointer (the label's
/// own tooltip for a cut text is off: two boxes with the same words stood on each other).
#[test]
fn a_cut_table_cell_shows_its_whole_text_in_one_tooltip() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("data");
    let mut h = harness_sized(data.path(), egui::vec2(1280.0, 800.0));
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/08_exception_request_payroll_operations.case.json"
    ));
    h.state_mut().handle(itaku_navi::ui::app::Command::Open(path));
    h.run();
    click_step(&mut h, "情報の洗い出し");
    // 「アクセス可能」 in the 76 px 提供／アクセス column is cut to 「アクセス…」.
    let shown = h.query_all_by_label("アクセス可能").count();
    assert!(shown >= 1, "the item reached by access is in the table");
    h.query_all_by_label("アクセス可能").next().expect("the cell").hover();
    for _ in 0..8 {
        h.step();
    }
    assert_eq!(h.query_all_by_label("アクセス可能").count(), shown + 1, "one tooltip with the whole text");
}

/// With no screen reader listening (AccessKit off, as on most PCs) the tables' cells are
/// painted, not labels: a click on a cell's text still chooses its row, in the inventory
/// and in the risk table, and the pointer on a cut cell shows its whole text.
#[test]
fn painted_table_cells_choose_their_row_and_show_their_whole_text() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("data");
    let rules = itaku_navi::core::rules::load_embedded().expect("shipped rules");
    let (inventory, risk) =
        (rules.step_idx("inventory").expect("step"), rules.step_idx("risk_analysis").expect("step"));
    let mut app = App::new(rules, None, Storage::new(data.path().to_path_buf()));
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json");
    app.handle(Command::Open(path));
    let ctx = egui::Context::default();
    itaku_navi::ui::setup(&ctx);
    let mut time = 0.0;
    // One frame with `events`; the texts painted, as (text, where, cut short).
    let mut frame = |app: &mut App, events: Vec<egui::Event>| {
        time += 0.25;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
            time: Some(time),
            events,
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        out.textures_delta.clear();
        let mut texts = Vec::new();
        for clipped in out.shapes {
            if let egui::Shape::Text(t) = clipped.shape {
                let rect = egui::Rect::from_min_size(t.pos, t.galley.size()).intersect(clipped.clip_rect);
                texts.push((t.galley.text().to_owned(), rect, t.galley.elided));
            }
        }
        texts
    };
    let find = |texts: &[(String, egui::Rect, bool)], start: &str| {
        texts.iter().find(|(t, ..)| t.starts_with(start)).unwrap_or_else(|| panic!("no {start} in {texts:?}")).clone()
    };
    let click = |at: egui::Pos2| {
        let button = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        vec![egui::Event::PointerMoved(at), button(true), button(false)]
    };

    app.handle(Command::Goto(itaku_navi::ui::Screen::Step(inventory)));
    let mut texts = Vec::new();
    for _ in 0..3 {
        texts = frame(&mut app, Vec::new());
    }
    // The second item's row (the first is the table's Tab stop, a button): its name is cut.
    let (_, name, cut) = find(&texts, "人事・給与DB");
    assert!(cut, "the long name is cut to its column");
    frame(&mut app, click(name.center()));
    frame(&mut app, Vec::new());
    assert_eq!(app.screens.inventory.selected.as_deref(), Some("i2"), "a click on its painted name chooses the row");
    // Now the third row's 「アクセス可能」 is cut; the pointer on it shows it whole (the
    // tooltip is the only text painted below it with those words).
    texts = frame(&mut app, Vec::new());
    let first = find(&texts, "人事・給与DB").1;
    let (_, access, _) = texts
        .iter()
        .find(|(t, r, cut)| t == "アクセス可能" && *cut && (r.center().y - first.center().y).abs() < 2.0)
        .unwrap_or_else(|| panic!("no cut アクセス可能 in the chosen row: {texts:?}"))
        .clone();
    let whole =
        |texts: &[(String, egui::Rect, bool)]| texts.iter().filter(|(t, _, cut)| t == "アクセス可能" && !cut).count();
    let before = whole(&texts);
    frame(&mut app, vec![egui::Event::PointerMoved(access.center())]);
    for _ in 0..6 {
        texts = frame(&mut app, Vec::new());
    }
    assert_eq!(
        whole(&texts),
        before + 1,
        "one more whole 「アクセス可能」 under the pointer (the editor shows it too): {texts:?}"
    );

    app.handle(Command::Goto(itaku_navi::ui::Screen::Step(risk)));
    for _ in 0..3 {
        texts = frame(&mut app, Vec::new());
    }
    // The second row's threat, painted (the first row is the table's Tab stop, a button).
    let row = app.case.risk.get(1).expect("a second risk row").clone();
    let name =
        app.rules.threat(&row.threat_id).expect("its threat").name.get(itaku_navi::core::text::Lang::Ja).to_string();
    assert_ne!(app.case.risk[0].threat_id, row.threat_id, "the first two rows name different threats");
    let (_, cell, _) = find(&texts, &name);
    frame(&mut app, click(cell.center()));
    frame(&mut app, Vec::new());
    assert_eq!(
        app.screens.risk.selected.as_deref(),
        Some(row.row_id.as_str()),
        "a click on its painted threat chooses the row"
    );
}
