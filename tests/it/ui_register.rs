//! The register in the app (issue 14), driven by the labels a user sees: open the register
//! of a cases folder, filter the expired cases, open one, start its re-review; and two
//! copies of the app saving the same file.

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
    b.handle(Command::SaveCopy(path.clone()));
    let copy = cases.path().join("awaiting (新しい版).json");
    assert_eq!(itaku_navi::core::case::load_case(&copy).expect("copy").basics.budget, "B の予算");
    assert_eq!(b.path.as_deref(), Some(copy.as_path()), "B goes on in its copy");
    assert!(!b.dirty);
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
