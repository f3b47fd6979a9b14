//! The drafts in the app (issue 13): File menu → the drafts dialog, the case's own choices
//! shown with their reason, the user's choices recorded in the case by clicking the radio
//! buttons, and the export — in-process and through the program's `spec` command alike.

use egui_kittest::kittest::Queryable;
use itaku_navi::ui::Dialog;
use itaku_navi::ui::app::Command;

use crate::ui_wizard::{LOCALE, click, harness};

#[test]
fn choose_in_the_drafts_dialog_and_export_the_drafts() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(dir.path());
    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/03_permitted_build_offsite.case.json");
    h.state_mut().handle(Command::Open(case.into()));
    h.run();
    click(&mut h, "ファイル");
    click(&mut h, "調達仕様書・契約書の草案…");
    assert_eq!(h.state().dialog, Some(Dialog::Drafts));
    assert!(h.query_by_label_contains("案件から: 禁止する").is_some(), "the case's own choice, with its reason");
    click(&mut h, "ソフトウェアの開発");
    click(&mut h, "機能の概要を提示し、装備を求める");
    let drafting = &h.state().case.drafting;
    assert_eq!(drafting.get("deliverable").map(String::as_str), Some("software"));
    assert_eq!(drafting.get("security_function").map(String::as_str), Some("outline"));
    assert!(h.state().dirty, "a choice is a change to save");
    // Back to open: the choice is removed from the case.
    h.get_all_by_label("未選択").next().expect("an open radio").click();
    h.run();
    assert_eq!(h.state().case.drafting.get("deliverable"), None);
    click(&mut h, "ソフトウェアの開発");
    // The preview follows the choices at once.
    click(&mut h, "草案のプレビュー（選択するとすぐ反映）");
    assert!(
        h.query_by_label_contains("本調達に係るソフトウェアにおいて以下のセキュリティ機能を具体化し").is_some(),
        "the preview shows the chosen variant"
    );
    let here = dir.path().join("here.md");
    h.state_mut().handle(Command::ExportDrafts(here.clone()));
    h.state_mut().finish_export();
    let text = std::fs::read_to_string(&here).expect("written");
    assert!(
        text.contains("本調達に係るソフトウェアにおいて以下のセキュリティ機能を具体化し、実装すること。"),
        "{text}"
    );
    match &h.state().dialog {
        Some(Dialog::Info(t)) => assert!(t.contains("草案を書き出しました"), "{t}"),
        other => panic!("the export says where it went: {other:?}"),
    }
    // Through the program's own `spec` command, as the app does when it runs as itaku-navi.
    h.state_mut().export.exe = Some(env!("CARGO_BIN_EXE_itaku-navi").into());
    let child = dir.path().join("child.md");
    h.state_mut().handle(Command::ExportDrafts(child.clone()));
    h.state_mut().finish_export();
    assert_eq!(std::fs::read_to_string(&child).expect("child wrote"), text);
    let docx = dir.path().join("草案.docx");
    h.state_mut().handle(Command::ExportDrafts(docx.clone()));
    h.state_mut().finish_export();
    let xml = crate::memo::document_xml(&std::fs::read(&docx).expect("docx"));
    assert!(xml.contains("開発するソフトウェアへのアクセスを業務上必要な者に限るための機能"), "the contract's variant");
}

#[test]
fn a_case_without_a_form_says_what_to_do_first() {
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(dir.path());
    click(&mut h, "ファイル");
    click(&mut h, "調達仕様書・契約書の草案…");
    assert!(h.query_by_label_contains("外部委託の形態（手順1）を選ぶと").is_some());
    h.state_mut().handle(Command::ExportDrafts(dir.path().join("x.docx")));
    match &h.state().dialog {
        Some(Dialog::Error { message, .. }) => assert!(message.contains("no form of outsourcing"), "{message}"),
        other => panic!("exporting without a form is refused: {other:?}"),
    }
}
