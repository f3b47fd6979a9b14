//! The register in the app (issue 14), driven by the labels a user sees: open the register
//! of a cases folder, filter the expired cases, open one, start its re-review; and two
//! copies of the app saving the same file.

use egui::accesskit::Role;
use egui_kittest::kittest::NodeT;
use egui_kittest::kittest::Queryable;
use itaku_navi::ui::app::Command;
use itaku_navi::ui::storage::Storage;
use itaku_navi::ui::{App, Dialog};

use crate::ui_wizard::{LOCALE, click, harness};

/// Runs frames until the register's scan has come back.
fn wait_for_scan(h: &mut egui_kittest::Harness<'_, App>) {
    for _ in 0..200 {
        // The spinner repaints while the scan runs: one frame at a time until it is done.
        h.step();
        if !h.state().register.is_scanning() && h.state().register.reg.is_some() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the scan did not finish");
}

#[test]
fn open_the_register_filter_expired_open_the_case_and_start_a_re_review() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let data = tempfile::tempdir().expect("data dir");
    // The folder was chosen in an earlier run (the native folder dialog cannot be driven).
    let storage = Storage::new(data.path().to_path_buf());
    let settings =
        itaku_navi::ui::storage::Settings { cases_dir: Some(cases.path().to_path_buf()), ..Default::default() };
    storage.save_settings(&settings).expect("settings");
    let mut h = harness(data.path());
    wait_for_scan(&mut h);
    // At start the status bar counts the expired and the soon-expiring cases.
    assert_eq!((h.state().register.expired, h.state().register.expiring), (1, 1));
    click(&mut h, "表示");
    click(&mut h, "台帳（案件の一覧）");
    assert_eq!(h.state().screen, itaku_navi::ui::Screen::Register);
    assert!(h.query_by_label_contains("R8-005").is_some(), "every case is listed");
    assert!(h.query_by_label_contains("broken.json").is_some(), "the unreadable file is listed with its error");
    click(&mut h, "絞り込み");
    click(&mut h, "期限切れ");
    assert_eq!(h.state().register.picked.len(), 1);
    assert!(h.query_by_label_contains("R8-005").is_none(), "only the expired case is left");
    click(&mut h, "開く");
    assert_eq!(h.state().case.basics.document_number, "R8-003");
    match &h.state().dialog {
        Some(Dialog::Info(text)) => assert!(text.contains("過ぎています"), "{text}"),
        other => panic!("opening an expired case says so: {other:?}"),
    }
    click(&mut h, "OK");
    h.state_mut().handle(Command::GotoCurrent);
    h.run();
    // Offered only on a decision saved in the file: with a change not saved, it says so.
    h.state_mut().dirty = true;
    h.run();
    assert!(h.query_by_label("再審査を開始（新しい版）").is_none(), "not offered on an unsaved case");
    assert!(h.query_by_label_contains("保存してから開始できます").is_some());
    h.state_mut().dirty = false;
    h.run();
    click(&mut h, "再審査を開始（新しい版）");
    // It asks first; Enter is Cancel (nothing starts), then the user confirms.
    assert_eq!(h.state().dialog, Some(Dialog::ConfirmReReview));
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!((h.state().dialog.as_ref(), h.state().case.revision), (None, 1), "Enter cancelled");
    click(&mut h, "再審査を開始（新しい版）");
    click(&mut h, "再審査を開始する");
    let case = &h.state().case;
    assert_eq!(case.revision, 2);
    assert_eq!(case.history.len(), 1);
    assert!(case.approval.is_none());
    assert_eq!(case.history[0].case.basics.document_number, "R8-003");
    assert!(h.state().dirty);
}

#[test]
fn two_copies_of_the_app_saving_one_file_never_overwrite_each_other() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let path = cases.path().join("awaiting.json");
    let (da, db) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let mut a = App::new(rules.clone(), None, Storage::new(da.path().to_path_buf()));
    let mut b = App::new(rules, None, Storage::new(db.path().to_path_buf()));
    a.handle(Command::Open(path.clone()));
    b.handle(Command::Open(path.clone()));
    let mut basics = a.case.basics.clone();
    basics.budget = "A の予算".into();
    a.handle(Command::Edit(itaku_navi::core::edit::Edit::Basics(basics)));
    let mut basics = b.case.basics.clone();
    basics.budget = "B の予算".into();
    b.handle(Command::Edit(itaku_navi::core::edit::Edit::Basics(basics)));
    a.handle(Command::Save);
    assert!(!a.dirty, "{:?}", a.dialog);
    b.handle(Command::Save);
    assert!(b.dirty, "B's save was refused");
    let Some(Dialog::Conflict { changes, .. }) = &b.dialog else { panic!("B is told: {:?}", b.dialog) };
    assert!(changes.iter().any(|c| c.contains("A の予算") && c.contains("B の予算")), "{changes:?}");
    let on_disk = itaku_navi::core::case::load_case(&path).expect("load");
    assert_eq!(on_disk.basics.budget, "A の予算", "A's save is intact");
    // B asks for A's version while that file cannot be read: B's work stays unsaved, guarded
    // and autosaved (it was dropped before the open was tried, and lost with it).
    b.autosave_now();
    let good = std::fs::read(&path).expect("read");
    std::fs::write(&path, b"{ broken").expect("break");
    b.handle(Command::OpenTheirs(path.clone()));
    assert!(matches!(b.dialog, Some(Dialog::Error { .. })), "{:?}", b.dialog);
    assert_eq!((b.dirty, b.case.basics.budget.as_str()), (true, "B の予算"), "B's work is kept");
    assert_eq!(autosaves(db.path()), 1, "and its autosave");
    std::fs::write(&path, good).expect("mend");
    b.handle(Command::Save);
    assert!(matches!(b.dialog, Some(Dialog::Conflict { .. })), "still told of A's save: {:?}", b.dialog);
    b.handle(Command::SaveCopy(path.clone()));
    let copy = cases.path().join("awaiting (新しい版).json");
    assert_eq!(itaku_navi::core::case::load_case(&copy).expect("copy").basics.budget, "B の予算");
    assert_eq!(b.path.as_deref(), Some(copy.as_path()), "B goes on in its copy");
    assert!(!b.dirty);
    // Taking A's version when it opens drops B's changes and their autosave.
    let mut basics = b.case.basics.clone();
    basics.budget = "B の次の予算".into();
    b.handle(Command::Edit(itaku_navi::core::edit::Edit::Basics(basics)));
    b.autosave_now();
    assert_eq!(autosaves(db.path()), 1);
    b.handle(Command::OpenTheirs(path.clone()));
    assert_eq!((b.dirty, b.case.basics.budget.as_str(), b.path.as_deref()), (false, "A の予算", Some(path.as_path())));
    assert_eq!((autosaves(db.path()), &b.dialog), (0, &None));
}

/// How many autosaved cases the app's data folder `dir` holds.
fn autosaves(dir: &std::path::Path) -> usize {
    let mut n = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.to_string_lossy().ends_with(".case.json") {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn the_register_search_keeps_every_key() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let data = tempfile::tempdir().expect("data dir");
    let mut h = harness(data.path());
    h.state_mut().handle(Command::SetCasesDir(cases.path().to_path_buf()));
    h.state_mut().handle(Command::ShowRegister(None));
    wait_for_scan(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "検索").focus();
    h.run();
    for key in ["r", "8", "-", "0", "0", "4"] {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "検索").type_text(key);
        h.run();
    }
    assert_eq!(h.state().register.query.search, "r8-004");
    assert_eq!(h.state().register.picked.len(), 1);
}

/// The app at a given window size, with the register of `cases` on screen.
fn register_at(
    data: &std::path::Path,
    cases: &std::path::Path,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, App> {
    let mut h = crate::ui_wizard::harness_sized(data, size);
    h.state_mut().handle(Command::SetCasesDir(cases.to_path_buf()));
    h.state_mut().handle(Command::ShowRegister(None));
    wait_for_scan(&mut h);
    h
}

/// The focused widget's role and name.
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method's lifetime is not general enough for the predicate"
)]
fn focused(h: &egui_kittest::Harness<'_, App>) -> Option<(Role, String)> {
    h.query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_focused()))
        .next()
        .map(|n| (n.accesskit_node().role(), n.accesskit_node().label().unwrap_or_default()))
}

#[test]
fn at_1024_px_every_register_column_is_on_screen_and_unreadable_files_say_why() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let data = tempfile::tempdir().expect("data dir");
    let mut h = register_at(data.path(), cases.path(), egui::vec2(1024.0, 768.0));
    for column in ["文書番号", "業務名", "担当課室", "結論", "承認状況", "有効期限・再審査日", "要確認"]
    {
        let heads: Vec<_> = h
            .query_all_by_label_contains(column)
            .filter(|n| {
                let node = n.accesskit_node();
                let l = node.label().or_else(|| node.value()).unwrap_or_default();
                l == column || l.starts_with(&format!("{column} "))
            })
            .map(|n| n.rect())
            .collect();
        assert!(
            !heads.is_empty(),
            "no 「{column}」: {:?}",
            h.query_all_by_label_contains(column).map(|n| n.accesskit_node().label()).collect::<Vec<_>>()
        );
        for rect in heads {
            assert!(rect.max.x <= 1024.0 && rect.min.x >= 0.0, "「{column}」 is off-screen at {rect:?}");
        }
    }
    // Every readable case shows the outcome the rules give it (one row per file).
    for outcome in ["委託可", "例外許可申請"] {
        assert!(h.query_all_by_label(outcome).next().is_some(), "「{outcome}」 in the 結論 column");
    }
    // A screen reader hears a table: a header row and a row per file.
    let table = h.get_by_role_and_label(Role::Table, "案件の一覧");
    assert_eq!(table.query_all(egui_kittest::kittest::By::new().role(Role::Row)).count(), 9);
    // The file column is left out at this width (the detail line names the file).
    // (The menu bar's ファイル is the only button of that name.)
    assert_eq!(h.query_all_by_label_contains("ファイル ▲").count(), 0);
    // The unreadable file shows its name and its error in the row, not blank cells.
    let error = h.get_by_label_contains("broken.json:");
    let node = error.accesskit_node();
    assert!(node.label().or_else(|| node.value()).unwrap_or_default().contains("line"), "the error says where");
    // The table takes the window's height: with 8 rows in a 768 px window all are shown.
    assert_eq!(h.query_all_by_label_contains("⚠ 読めないファイル").count(), 1);
    assert!(h.query_by_label_contains("— 読めないファイル 1").is_some(), "the count above the table, from the scan");
    assert!(h.query_by_label_contains("R8-007").is_some() && h.query_by_label_contains("R8-001").is_some());
    // A click anywhere in a row chooses it (its labels do not keep the click for selecting text).
    h.get_by_label("下書きの案件").click();
    h.run();
    assert_eq!(h.state().screens.register_table.selected.as_deref(), Some("draft.json"));
    // A cell's full text shows when the pointer rests on it (narrow columns clip): the
    // tooltip is asked for only under the pointer, and still comes.
    let shown = h.query_all_by_label("例外許可申請").count();
    h.query_all_by_label("例外許可申請").next().expect("an outcome cell").hover();
    for _ in 0..8 {
        h.step();
    }
    assert_eq!(h.query_all_by_label("例外許可申請").count(), shown + 1, "the cell's tooltip");
    // The chosen row in full below the table: choose the unreadable one with the mouse.
    h.get_by_label("⚠ 読めないファイル").click();
    h.run();
    assert_eq!(h.state().screens.register_table.selected.as_deref(), Some("broken.json"));
    assert!(
        h.get_by_role_and_label(Role::Button, "開く").accesskit_node().is_disabled(),
        "an unreadable file cannot be opened"
    );
    drop(h);
    // At 1400 px the file column is there too.
    let h = register_at(data.path(), cases.path(), egui::vec2(1400.0, 900.0));
    let rect = h
        .query_all_by_label_contains("ファイル")
        .map(|n| n.rect())
        .find(|r| r.min.y > 40.0 && r.min.y < 300.0)
        .expect("the file column's header");
    assert!(rect.max.x <= 1400.0, "the file column at {rect:?}");
}

#[test]
fn the_register_table_is_one_tab_stop_the_arrows_choose_and_enter_opens() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let data = tempfile::tempdir().expect("data dir");
    let mut h = register_at(data.path(), cases.path(), egui::vec2(1024.0, 768.0));
    // Sort by 文書番号 so the rows are R8-001, R8-002, …
    let mut q = h.state().register.query.clone();
    q.sort = itaku_navi::core::register::SortKey::DocumentNumber;
    q.descending = false;
    // The unreadable file (no number, first in this order) is left out by the search.
    q.search = "R8".into();
    h.state_mut().handle(Command::RegisterQuery(q));
    h.run();
    h.get_by_role_and_label(Role::TextInput, "検索").focus();
    h.run();
    // From the search field: the sortable headers, then the table's one stop.
    let mut tabs = 0;
    while focused(&h).map(|(_, l)| l) != Some("R8-001".into()) {
        h.key_press(egui::Key::Tab);
        h.run();
        tabs += 1;
        assert!(tabs <= 6, "Tab from 検索 did not reach the table in 6 presses: at {:?}", focused(&h));
    }
    // One more Tab leaves the table (to 開く below it), not to the next row.
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(focused(&h), Some((Role::Button, "開く".into())), "the rows are one stop");
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert_eq!(focused(&h).map(|(_, l)| l), Some("R8-001".into()), "Shift+Tab comes back to the chosen row");
    // ↓ ↓ choose the third row and keep the focus on it; the detail line follows.
    for _ in 0..2 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    assert_eq!(focused(&h).map(|(_, l)| l), Some("R8-003".into()));
    assert!(h.query_by_label_contains("R8-003 ").is_some(), "the detail line shows the chosen case");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().case.basics.document_number, "R8-003", "Enter opened the chosen case");
}

/// The table keeps each row's words between frames: a case changed on disk and read again
/// (再読み込み) shows its new words, and the other language shows that language's.
#[test]
fn the_register_shows_a_rescanned_case_and_the_language_as_they_now_are() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let cases = crate::register::folder(&rules);
    let data = tempfile::tempdir().expect("data dir");
    let mut h = register_at(data.path(), cases.path(), egui::vec2(1400.0, 1400.0));
    assert!(h.query_by_label_contains("下書きの案件").is_some(), "the draft is listed by its task");

    // The draft gets a new task name on disk; read again, the row says so.
    let file = cases.path().join("draft.json");
    let mut draft = itaku_navi::core::case::load_case(&file).expect("the draft");
    draft.basics.task_name = "名前を変えた案件".into();
    itaku_navi::core::case::save_case(&file, &draft).expect("save");
    click(&mut h, "再読み込み");
    wait_for_scan(&mut h);
    assert!(h.query_by_label_contains("名前を変えた案件").is_some(), "the new name is shown");
    assert!(h.query_by_label_contains("下書きの案件").is_none(), "the old name is gone");

    // In English the outcomes are English words.
    assert!(h.query_all_by_label_contains("委託可").count() > 0);
    h.state_mut().handle(Command::SetLanguage(itaku_navi::core::text::Lang::En));
    h.run();
    assert!(h.query_all_by_label_contains("Permitted").count() > 0, "the outcome column in English");
    assert_eq!(h.query_all_by_label_contains("委託可").count(), 0, "no Japanese outcome left");
}
