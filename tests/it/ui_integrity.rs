//! A case file changed after its seal, opened in the app: it is not taken in silently
//! (the next save would seal the change as if it were the recorded one); the user sees
//! both hashes, and either leaves it closed or opens it with a reseal recorded, which the
//! saved file keeps and the memo prints.

use egui_kittest::kittest::Queryable;
use itaku_navi::core::case::integrity::{self, Verdict};
use itaku_navi::core::case::{load_case, save_case};
use itaku_navi::ui::Dialog;
use itaku_navi::ui::app::Command;

use crate::ui_wizard::{LOCALE, click, harness};

/// The payroll example case saved (sealed) as `payroll.case.json` in `dir`.
fn saved_payroll(dir: &std::path::Path) -> (std::path::PathBuf, itaku_navi::core::case::Case) {
    let path = dir.join("payroll.case.json");
    let case = load_case(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/08_exception_request_payroll_operations.case.json"
    )))
    .expect("case");
    save_case(&path, &case).expect("save");
    (path, case)
}

#[test]
fn a_case_changed_after_its_seal_is_opened_only_with_a_reseal_recorded() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let (path, original) = saved_payroll(dir.path());
    let sealed_hash = load_case(&path).expect("load").integrity.expect("sealed");
    // Someone edits the file in a text editor: the budget, with the hash left as it was.
    let text = std::fs::read_to_string(&path).expect("read");
    let budget = &original.basics.budget;
    assert!(!budget.is_empty() && text.contains(budget.as_str()));
    std::fs::write(&path, text.replacen(budget.as_str(), "予算を書き換えた", 1)).expect("write");
    let changed = load_case(&path).expect("load");
    let Verdict::Altered { actual, .. } = integrity::verify(&changed) else { panic!("the edit is caught") };

    let data = tempfile::tempdir().expect("data");
    let mut h = harness(data.path());
    let before = h.state().case.clone();
    h.state_mut().handle(Command::Open(path.clone()));
    h.run();
    let Some(Dialog::Altered { stored, actual: shown, .. }) = &h.state().dialog else {
        panic!("the user is told: {:?}", h.state().dialog)
    };
    assert_eq!((stored, shown), (&sealed_hash, &actual));
    assert!(h.query_by_label_contains(&sealed_hash).is_some(), "the sealed hash is on screen");
    // 開かない: nothing is taken in.
    click(&mut h, "開かない");
    assert!(h.state().dialog.is_none());
    assert_eq!(h.state().case, before);
    assert_eq!(h.state().path, None);

    // Opened knowing it changed: the reseal is recorded in the case, unsaved.
    h.state_mut().handle(Command::Open(path.clone()));
    h.run();
    click(&mut h, "変更を承知で開く（再封印を記録）");
    let app = h.state();
    assert_eq!(app.case.basics.budget, "予算を書き換えた");
    assert_eq!(app.case.reseals.len(), 1);
    assert_eq!((&app.case.reseals[0].previous_hash, &app.case.reseals[0].found_hash), (&sealed_hash, &actual));
    assert!(app.dirty, "the reseal is a change to save");
    // The outcome screen (where a complete case opens), where the approver records the
    // decision, says so.
    h.run();
    assert!(h.query_by_label_contains("封印後にアプリの外で変更され").is_some(), "the approver is told");
    let app = h.state();
    assert_eq!(std::fs::read_to_string(&path).expect("read").matches("reseals").count(), 0, "the file is unchanged");
    // The memo says so, with both hashes.
    let memo = app.memo();
    let row = memo.header.iter().find(|(k, _)| k == "再封印").expect("a 再封印 row");
    assert!(row.1.contains(&sealed_hash) && row.1.contains(&actual), "{row:?}");

    // Saved: sealed again, with the record in it; it verifies, and opens without asking.
    h.state_mut().handle(Command::Save);
    h.run();
    assert!(!h.state().dirty, "{:?}", h.state().dialog);
    let saved = load_case(&path).expect("load");
    assert!(matches!(integrity::verify(&saved), Verdict::Intact { .. }));
    assert_eq!(saved.reseals.len(), 1);
    h.state_mut().handle(Command::Open(path.clone()));
    h.run();
    assert!(!matches!(h.state().dialog, Some(Dialog::Altered { .. })), "{:?}", h.state().dialog);
}

/// Issue 29: the file given at start is read while the window is made, and opened from
/// that reading as an open of it would: an altered file still asks first; what the open did
/// not take is dropped, so a later open reads the file as it is then.
#[test]
fn a_case_read_ahead_at_start_opens_as_an_open_would() {
    use itaku_navi::ui::app::Loaded;
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let (path, case) = saved_payroll(dir.path());
    let data = tempfile::tempdir().expect("data");
    let mut h = harness(data.path());
    h.state_mut().open_read(Loaded::read(&path));
    h.run();
    assert_eq!(h.state().path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().case.basics, case.basics);
    assert!(h.state().disk.is_some() && !h.state().dirty, "opened as saved");

    // Read ahead, then changed on disk behind the app's back: the next open reads it anew.
    let ahead = Loaded::read(&path);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen(case.basics.budget.as_str(), "予算を書き換えた", 1)).expect("write");
    h.state_mut().open_read(ahead);
    h.run();
    assert!(h.state().dialog.is_none(), "the file as read ahead was intact");
    h.state_mut().handle(Command::Open(path.clone()));
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Altered { .. })), "read anew: {:?}", h.state().dialog);
}
