//! Issue 25, finding 10: Japanese typed through an input method. The event sequences an
//! IME sends (MS-IME on Windows through winit; fcitx5/Mozc on X11) are fed into each kind of
//! field — one-line, multi-line, search — one frame at a time, and what the case stores,
//! where the focus is and which step shows are checked.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use itaku_navi::ui::{App, Screen};

use super::ui_wizard::{LOCALE, harness};

fn preedit(text: &str) -> egui::Event {
    let n = text.chars().count();
    egui::Event::Ime(egui::ImeEvent::Preedit { text: text.into(), active_range_chars: Some(0..n) })
}

fn commit(text: &str) -> egui::Event {
    egui::Event::Ime(egui::ImeEvent::Commit(text.into()))
}

fn enter() -> egui::Event {
    egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: Some(egui::Key::Enter),
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

/// Sends the events of one frame, together (as a platform delivers what came at once).
fn frame(h: &mut Harness<'_, App>, events: Vec<egui::Event>) {
    h.input_mut().events.extend(events);
    h.run();
}

/// Converts 「かいぎ」 to 「会議」 as an IME does: a growing preedit, the conversion, then the
/// commit (in its own frame, as MS-IME sends it).
fn convert(h: &mut Harness<'_, App>, kana: &str, kanji: &str) {
    let mut typed = String::new();
    for c in kana.chars() {
        typed.push(c);
        frame(h, vec![preedit(&typed)]);
    }
    frame(h, vec![preedit(kanji)]);
    frame(h, vec![commit(kanji)]);
}

#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method path is not general over the node's lifetime"
)]
fn focused(h: &Harness<'_, App>) -> Option<(Role, String)> {
    h.query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .map(|n| (n.accesskit_node().role(), n.accesskit_node().label().unwrap_or_default()))
}

fn new_case_on_inventory(dir: &std::path::Path) -> Harness<'static, App> {
    let mut h = harness(dir);
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/05_narrowed_anonymised_statistics.case.json");
    h.state_mut().handle(itaku_navi::ui::Command::Open(case));
    h.run();
    h.state_mut().handle(itaku_navi::ui::Command::Goto(Screen::Step(2)));
    h.run();
    h.get_by_label("＋ 情報を追加").click();
    h.run();
    h
}

/// MS-IME into a one-line field: the committed text is stored once, the focus stays.
#[test]
fn ms_ime_into_a_one_line_field() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    assert_eq!(focused(&h), Some((Role::TextInput, "業務の名称".into())));
    convert(&mut h, "ふくし", "福祉");
    convert(&mut h, "きゅうふ", "給付");
    assert_eq!(h.state().case.basics.task_name, "福祉給付");
    assert_eq!(focused(&h), Some((Role::TextInput, "業務の名称".into())));
}

/// X11 (fcitx5): the Return that commits arrives in the same frame as the commit; a
/// multi-line reason gets the text and no line break.
#[test]
fn a_commit_with_its_return_in_one_frame_adds_no_line_break() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = new_case_on_inventory(dir.path());
    let reason = "判断の理由（必須）";
    h.get_by_role_and_label(Role::MultilineTextInput, reason).focus();
    h.run();
    frame(&mut h, vec![preedit("こじん")]);
    frame(&mut h, vec![preedit("個人")]);
    frame(&mut h, vec![commit("個人"), enter(), egui::Event::Text("\n".into())]);
    convert(&mut h, "じょうほう", "情報");
    let item = h.state().case.inventory.last().expect("the new item").clone();
    assert_eq!(item.reason, "個人情報", "no line break from the Return that committed");
    assert_eq!(focused(&h), Some((Role::MultilineTextInput, reason.into())));
}

/// Clicking another field in the middle of a conversion keeps what was composed in the
/// first field, and the Return meant to commit is not typed into the second.
#[test]
fn a_click_elsewhere_mid_conversion_keeps_the_text_and_sends_no_return_on() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = new_case_on_inventory(dir.path());
    h.get_by_role_and_label(Role::TextInput, "情報の名称").focus();
    h.run();
    frame(&mut h, vec![preedit("めいぼ")]);
    frame(&mut h, vec![preedit("名簿")]);
    let description = "内容";
    h.get_by_role_and_label(Role::MultilineTextInput, description).click();
    h.run();
    frame(&mut h, vec![enter()]);
    let item = h.state().case.inventory.last().expect("the new item").clone();
    assert_eq!(item.name, "名簿", "the composition stays in the field it was typed in");
    assert_eq!(item.description, "", "the Return meant for the IME is not a line in the next field");
    convert(&mut h, "ようし", "用紙");
    let item = h.state().case.inventory.last().expect("the new item").clone();
    assert_eq!(item.description, "用紙", "the next field takes the next conversion");
}

/// The search field of 付録1: a conversion filters the list.
#[test]
fn a_conversion_in_the_search_field_filters_the_list() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/05_narrowed_anonymised_statistics.case.json");
    h.state_mut().handle(itaku_navi::ui::Command::Open(case));
    h.run();
    h.state_mut().handle(itaku_navi::ui::Command::Goto(Screen::Step(1)));
    h.run();
    h.get_by_role_and_label(Role::TextInput, "検索").focus();
    h.run();
    convert(&mut h, "きゅうふきん", "給付金");
    assert_eq!(h.state().screens.appendix1_search, "給付金");
    assert!(h.query_by_label("個人番号を含む給付金申請書のデータエントリー").is_some());
    assert!(h.query_by_label("公表資料の翻訳").is_none(), "the list is filtered");
}

/// After Tab into a field, the very first frame already asks the platform for the IME at
/// that field, so the first key goes through the IME (「か」, not 「kあ」).
#[test]
fn the_frame_of_a_tab_already_asks_for_the_ime() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    for _ in 0..2 {
        h.key_press(egui::Key::Tab);
        h.step();
        let ime = h.output().platform_output.ime;
        let (role, label) = focused(&h).expect("a field");
        if matches!(role, Role::TextInput | Role::MultilineTextInput) {
            assert!(ime.is_some(), "the frame that moved the focus to 「{label}」 asks for no IME");
        }
        h.run();
    }
}
