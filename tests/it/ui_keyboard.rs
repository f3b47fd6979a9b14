//! Issue 11: entering a case never loses a keystroke. Text is typed one key event at a time
//! (one `Event::Text` per character, a frame between each, sent to whatever has the focus,
//! as a real keyboard does) while steps complete, outcomes appear and banners show.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use itaku_navi::core::engine::StepState;
use itaku_navi::core::rules::files::OutcomeKind;
use itaku_navi::ui::{App, Screen};

use super::ui_wizard::{LOCALE, click, click_role, click_step, harness, outcome, type_into};

/// A Japanese reason of exactly 40 characters.
fn reason40(seed: &str) -> String {
    let text: String = seed.chars().cycle().take(40).collect();
    assert_eq!(text.chars().count(), 40);
    text
}

/// The role of the text field labelled `label`.
fn input_role(h: &Harness<'_, App>, label: &str) -> Role {
    if h.get_all_by_label(label).any(|n| n.accesskit_node().role() == Role::MultilineTextInput) {
        Role::MultilineTextInput
    } else {
        Role::TextInput
    }
}

/// Gives the field the keyboard focus, as a click would.
fn focus(h: &mut Harness<'_, App>, label: &str) {
    let role = input_role(h, label);
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, label).focus();
    h.run();
}

/// Types `text` key by key into whatever has the focus.
fn type_keys(h: &mut Harness<'_, App>, text: &str) {
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
}

/// Focuses the field, types the text key by key, and checks every character arrived and
/// the field still has the focus.
fn type_reason(h: &mut Harness<'_, App>, label: &str, text: &str, stored: impl Fn(&App) -> String) {
    focus(h, label);
    type_keys(h, text);
    assert_eq!(stored(h.state()), text, "{label}: every key typed is kept");
    let role = input_role(h, label);
    assert!(h.get_by_role_and_label(role, label).is_focused(), "{label}: the field keeps the focus");
}

fn step_state(h: &Harness<'_, App>, step_id: &str) -> Option<StepState> {
    h.state().eval.step_state(step_id)
}

/// The off-site portal build whose installation connects to the tax database, typed by
/// keyboard to 委託可（範囲の絞り込みによる）.
#[test]
fn forty_characters_typed_key_by_key_survive_every_step_completing() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());

    // Step 1: the author is the last field; its first key completes the step.
    click_role(&mut h, Role::RadioButton, "情報システムの構築等");
    type_reason(&mut h, "業務の名称", "申請ポータルの構築（庁外）", |a| {
        a.case.basics.task_name.clone()
    });
    type_into(&mut h, "担当課室", "税務課");
    let author = reason40("髙橋一郎（税務課　情報化推進係長）");
    type_reason(&mut h, "作成者", &author, |a| a.case.basics.author.clone());
    assert_eq!(step_state(&h, "basics"), Some(StepState::Done));
    click(&mut h, "次へ(N) →");

    // An entry without exclusions: step 4 asks the installation question.
    click_role(&mut h, Role::RadioButton, "システムの構築及び運用（重要な情報を保有しないシステム）");
    click(&mut h, "次へ(N) →");

    // Step 3: the reason completes the inventory with its first key.
    click(&mut h, "＋ 情報を追加");
    type_reason(&mut h, "情報の名称", "ポータルの公開コンテンツ", |a| {
        a.case.inventory[0].name.clone()
    });
    click_role(&mut h, Role::RadioButton, "重要でない");
    let r3 = reason40("公開を前提とした案内文と様式のみで、");
    type_reason(&mut h, "判断の理由（必須）", &r3, |a| a.case.inventory[0].reason.clone());
    assert_eq!(step_state(&h, "inventory"), Some(StepState::Done));
    click(&mut h, "次へ(N) →");

    // Step 4: "yes" with nothing inventoried through installation stays undecided.
    click_role(&mut h, Role::RadioButton, "はい");
    let r4 = reason40("既存の税務システムと接続試験を行うため、");
    type_reason(&mut h, "理由（必須）", &r4, |a| a.case.answers["q_installation_access"].rationale.clone());
    assert_eq!(outcome(&h), None, "the outcome waits for what the path reaches");
    assert_eq!(h.state().eval.next.as_ref().map(|p| p.step_id.as_str()), Some("access_paths"));

    // Adding what it reaches keeps the user on step 4, which stays the current step.
    type_into(&mut h, "情報を追加", "税務データベースの課税情報");
    click_role(&mut h, Role::Button, "追加");
    assert_eq!(h.state().screen, Screen::Step(3), "no bounce");
    assert_eq!(step_state(&h, "access_paths"), Some(StepState::Current));
    assert_eq!(outcome(&h), None);

    // Judge it (important) on the inventory screen.
    click_step(&mut h, "3. 情報の洗い出し");
    click_role(&mut h, Role::Button, "税務データベースの課税情報");
    click_role(&mut h, Role::RadioButton, "重要");
    let r3b = reason40("住民の課税額と個人番号を含むため、");
    type_reason(&mut h, "判断の理由（必須）", &r3b, |a| a.case.inventory[1].reason.clone());
    assert_eq!(step_state(&h, "access_paths"), Some(StepState::Done));

    // Step 5: one action narrows; the reason's first key decides the case.
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::CheckBox, "本番データへのアクセス権を付与しない");
    assert!(h.state().case.narrowing[0].removes_item, "ticking a measure first means narrowing");
    h.get_by_role_and_label(Role::MultilineTextInput, "この措置で委託先が取り扱わなくなる理由（必須）");
    let r5 = reason40("接続試験はダミーの課税データで行い、本番は職員が");
    type_reason(&mut h, "この措置で委託先が取り扱わなくなる理由（必須）", &r5, |a| {
        a.case.narrowing[0].reason.clone()
    });
    assert_eq!(outcome(&h), Some(OutcomeKind::PermittedNarrowed));
}

/// A banner appearing (「この変更で結果が変わったステップがあります」) does not move the
/// field being typed in.
#[test]
fn a_banner_appearing_does_not_move_the_focused_field() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    click_role(&mut h, Role::RadioButton, "情報の加工・処理等");
    type_into(&mut h, "業務の名称", "公表統計のグラフ作成");
    type_into(&mut h, "担当課室", "統計企画課");
    type_into(&mut h, "作成者", "髙橋 一郎");
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::RadioButton, "公表済み統計データの集計・グラフ作成");
    click(&mut h, "次へ(N) →");
    click(&mut h, "＋ 情報を追加");
    type_into(&mut h, "情報の名称", "公表済み統計表");
    click_role(&mut h, Role::RadioButton, "重要でない");
    focus(&mut h, "判断の理由（必須）");
    let before = h.get_by_role_and_label(Role::MultilineTextInput, "判断の理由（必須）").rect();
    assert!(h.state().affected.is_empty());
    // The first key completes the step and reaches 委託可: the banner and the outcome appear.
    type_keys(&mut h, "既に公表済みの集計結果のみ");
    assert_eq!(outcome(&h), Some(OutcomeKind::Permitted));
    // It names the step that reached the outcome, not the steps decided on the way unseen.
    assert_eq!(h.state().affected, ["outcome"], "the banner is showing");
    h.get_by_label_contains("この変更で結果が変わったステップがあります");
    let after = h.get_by_role_and_label(Role::MultilineTextInput, "判断の理由（必須）").rect();
    assert_eq!(before.min, after.min, "the field did not move");
    assert_eq!(h.state().case.inventory[0].reason, "既に公表済みの集計結果のみ");
}

/// The node that has the keyboard focus: its role and accessible name.
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method path is not general over the node's lifetime"
)]
fn focused(h: &Harness<'_, App>) -> Option<(Role, String)> {
    h.query_all(By::new().predicate(|n| n.is_focused()))
        .next()
        .map(|n| (n.accesskit_node().role(), n.accesskit_node().label().unwrap_or_default()))
}

/// Presses Tab until the widget `label` of `role` has the focus; returns the presses used.
fn tab_to(h: &mut Harness<'_, App>, role: Role, label: &str) -> usize {
    let mut seen = Vec::new();
    for presses in 0..80 {
        if focused(h).is_some_and(|(r, l)| r == role && l == label) {
            return presses;
        }
        seen.push(focused(h).map(|f| f.1).unwrap_or_default());
        h.key_press(egui::Key::Tab);
        h.run();
    }
    panic!("Tab never reached {role:?} 「{label}」; the focus went {seen:?}");
}

fn press(h: &mut Harness<'_, App>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

/// Entering a step puts the focus on its first input (0 Tab presses).
fn assert_focus_on(h: &Harness<'_, App>, role: Role, label: &str) {
    assert_eq!(focused(h), Some((role, label.to_string())), "the focus after entering the step");
}

/// From app start to 委託可（範囲の絞り込みによる） with the keyboard alone: Tab, Enter,
/// Space, the arrow keys and typing.
#[test]
fn a_keyboard_only_walk_reaches_permitted_narrowed() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());

    // Step 1 opens with the focus on its first field, not on the menu bar.
    assert_focus_on(&h, Role::TextInput, "業務の名称");
    type_keys(&mut h, "申請ポータルの構築");
    assert!(tab_to(&mut h, Role::TextInput, "担当課室") <= 2);
    type_keys(&mut h, "税務課");
    tab_to(&mut h, Role::TextInput, "作成者");
    type_keys(&mut h, "髙橋 一郎");
    tab_to(&mut h, Role::RadioButton, "情報システムの構築等");
    press(&mut h, egui::Key::Space);
    assert_eq!(h.state().case.basics.form.as_deref(), Some("build"));
    tab_to(&mut h, Role::Button, "次へ(N) →");
    press(&mut h, egui::Key::Enter);

    // Step 2: Enter on 次へ did not leave the focus on 「前のステップ」.
    assert_eq!(h.state().screen, Screen::Step(1));
    assert_ne!(focused(&h).map(|f| f.1), Some("← 前のステップ(B)".to_string()));
    // The entries are one radio group: Tab enters it, the arrows choose.
    tab_to(&mut h, Role::RadioButton, "×××システムの構築及び運用");
    for _ in 0..4 {
        press(&mut h, egui::Key::ArrowDown);
    }
    assert_focus_on(&h, Role::RadioButton, "システムの構築（既存システムとの接続確認及びシステムの設置を除く）");
    assert_eq!(h.state().case.appendix1.as_ref().and_then(|a| a.entry_id.as_deref()), Some("a1-2-1"));
    tab_to(&mut h, Role::RadioButton, "はい");
    press(&mut h, egui::Key::Space);
    tab_to(&mut h, Role::Button, "次へ(N) →");
    press(&mut h, egui::Key::Enter);

    // Step 3: the first control is 「＋ 情報を追加」.
    assert_focus_on(&h, Role::Button, "＋ 情報を追加");
    press(&mut h, egui::Key::Enter);
    tab_to(&mut h, Role::TextInput, "情報の名称");
    type_keys(&mut h, "ポータルの公開コンテンツ");
    // The arrows move within the radio group: 重要 → 重要でない.
    tab_to(&mut h, Role::RadioButton, "重要");
    press(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().case.inventory[0].important, Some(false), "an arrow key changes the radio group");
    assert_focus_on(&h, Role::RadioButton, "重要でない");
    tab_to(&mut h, Role::MultilineTextInput, "判断の理由（必須）");
    type_keys(&mut h, "公開を前提とした案内文と様式のみ");
    tab_to(&mut h, Role::Button, "次へ(N) →");
    press(&mut h, egui::Key::Enter);

    // Step 4: the 付録1 exclusion answered the installation question (not asked again);
    // the keyboard starts in the path's 「情報を追加」 field.
    assert_eq!(h.state().screen, Screen::Step(3));
    assert_focus_on(&h, Role::TextInput, "情報を追加");
    type_keys(&mut h, "税務データベースの課税情報");
    // Enter in the field adds the item; the field keeps the keyboard (it used to fall to
    // the menu bar) and is empty for the next.
    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().case.inventory.len(), 2);
    assert_focus_on(&h, Role::TextInput, "情報を追加");
    assert!(h.state().screens.access_draft.is_empty());
    assert_eq!(outcome(&h), None);

    // Back to step 3 to judge what the path reaches.
    tab_to(&mut h, Role::Button, "← 前のステップ(B)");
    press(&mut h, egui::Key::Enter);
    tab_to(&mut h, Role::Button, "税務データベースの課税情報");
    press(&mut h, egui::Key::Enter);
    tab_to(&mut h, Role::RadioButton, "重要");
    press(&mut h, egui::Key::Space);
    tab_to(&mut h, Role::MultilineTextInput, "判断の理由（必須）");
    type_keys(&mut h, "住民の課税額と個人番号を含む");
    tab_to(&mut h, Role::Button, "次へ(N) →");
    press(&mut h, egui::Key::Enter);

    // Step 5: one choice, one measure, the reason.
    assert_eq!(h.state().screen, Screen::Step(4));
    assert_focus_on(&h, Role::RadioButton, "取り扱わない（範囲を絞り込む）");
    press(&mut h, egui::Key::Space);
    tab_to(&mut h, Role::CheckBox, "本番データへのアクセス権を付与しない");
    press(&mut h, egui::Key::Space);
    tab_to(&mut h, Role::MultilineTextInput, "この措置で委託先が取り扱わなくなる理由（必須）");
    type_keys(&mut h, "接続試験はダミーの課税データで行う");
    assert_eq!(outcome(&h), Some(OutcomeKind::PermittedNarrowed));
}

/// Every text input, checkbox and radio button has an accessible name, so a screen reader
/// can say what it is (on every step of a full case, and the other screens).
#[test]
fn no_input_is_unlabelled_in_the_accessibility_tree() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/08_exception_request_payroll_operations.case.json");
    h.state_mut().handle(itaku_navi::ui::Command::Open(case));
    h.run();
    let mut screens: Vec<Screen> = (0..h.state().rules.steps.len()).map(Screen::Step).collect();
    screens.extend([Screen::Review, Screen::Upkeep, Screen::RuleBook, Screen::Glossary]);
    let mut unlabelled = Vec::new();
    let mut inputs = 0;
    for screen in screens {
        h.state_mut().handle(itaku_navi::ui::Command::Goto(screen));
        h.run();
        for role in [Role::TextInput, Role::MultilineTextInput, Role::CheckBox, Role::RadioButton] {
            for node in h.query_all(By::new().role(role)) {
                inputs += 1;
                if node.accesskit_node().label().is_none_or(|l| l.trim().is_empty()) {
                    unlabelled.push(format!("{screen:?}: {role:?} {:?}", node.accesskit_node().value()));
                }
            }
        }
    }
    assert!(inputs > 40, "only {inputs} inputs seen");
    assert!(unlabelled.is_empty(), "inputs without an accessible name:\n{}", unlabelled.join("\n"));
}

/// 付録1 「システムの構築（既存システムとの接続確認及びシステムの設置を除く）」: choosing it
/// asks at once whether the task includes the excluded work, and a "yes" opens the
/// installation path (5.2(3)) even when the installation question is answered "no".
#[test]
fn choosing_an_entry_with_an_exclusion_asks_it_and_yes_opens_the_access_path() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    click_role(&mut h, Role::RadioButton, "情報システムの構築等");
    type_into(&mut h, "業務の名称", "施設予約システムの構築");
    type_into(&mut h, "担当課室", "総務課");
    type_into(&mut h, "作成者", "髙橋 一郎");
    click(&mut h, "次へ(N) →");
    click_role(&mut h, Role::RadioButton, "システムの構築（既存システムとの接続確認及びシステムの設置を除く）");
    h.get_by_label("この業務に、既存システムとの接続確認又はシステムの設置の作業が含まれますか。");
    assert_eq!(step_state(&h, "appendix1"), Some(StepState::Current), "the exclusion must be answered");
    click_role(&mut h, Role::RadioButton, "はい");
    assert_eq!(step_state(&h, "appendix1"), Some(StepState::Done));
    h.get_by_label_contains("除外された作業が含まれるため");
    click(&mut h, "次へ(N) →");
    click(&mut h, "＋ 情報を追加");
    type_into(&mut h, "情報の名称", "予約画面の仕様書");
    click_role(&mut h, Role::RadioButton, "重要でない");
    type_into(&mut h, "判断の理由（必須）", "公開予定の画面仕様のみ");
    click(&mut h, "次へ(N) →");
    // Step 4 does not ask the installation question again: the exclusion answered it, and
    // the path it opened waits for what it reaches (issue 25 finding 8).
    assert!(h.query_by_label_contains("付録1 の確認で「").is_some(), "step 4 says the exclusion answered it");
    assert!(h.query_by_role_and_label(Role::RadioButton, "いいえ").is_none(), "and does not ask it again");
    assert_eq!(outcome(&h), None);
    let next = h.state().eval.next.clone().expect("waiting");
    assert_eq!(next.step_id, "access_paths");
    assert!(next.missing.iter().any(|m| m.ja.contains("導入作業")), "{:?}", next.missing);
}

/// Tab follows the form: its fields, then the step's buttons, then the guidance panel,
/// then the sidebar, and back to the form's first field (issue 11).
#[test]
fn tab_goes_form_buttons_guidance_sidebar_and_round() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    // A decided case, on step 1: the step has both buttons.
    let case =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/01_permitted_public_content.case.json");
    h.state_mut().handle(itaku_navi::ui::Command::Open(case));
    h.run();
    h.state_mut().handle(itaku_navi::ui::Command::Goto(Screen::Step(0)));
    h.run();
    h.run();
    assert_focus_on(&h, Role::TextInput, "業務の名称");
    let mut seen = Vec::new();
    for _ in 0..80 {
        press(&mut h, egui::Key::Tab);
        let f = focused(&h).expect("Tab always lands on something");
        seen.push(f.1.clone());
        if f.1.ends_with("1. 案件の基本事項") {
            break;
        }
    }
    let at =
        |label: &str| seen.iter().position(|s| s == label).unwrap_or_else(|| panic!("{label} not reached: {seen:?}"));
    let form_last = at("再委託が見込まれる");
    let next = at("次へ(N) →");
    let guidance = at("たたむ ▶");
    let sidebar = seen.len() - 1;
    assert!(form_last < next && next < guidance && guidance < sidebar, "{seen:?}");
    assert!(!seen.iter().any(|s| s == "ファイル"), "the menu bar is not in the way: {seen:?}");
    // From the sidebar's end, round to the form's first field.
    let mut after = Vec::new();
    for _ in 0..40 {
        press(&mut h, egui::Key::Tab);
        if focused(&h).is_some_and(|f| f.1 == "業務の名称") {
            return;
        }
        after.push(focused(&h).map(|f| f.1).unwrap_or_default());
    }
    panic!("Tab from the sidebar never came back to the form: {after:?}");
}

/// Focuses the `n`th text field labelled `label` (several reasons share a label on a step).
fn focus_nth(h: &mut Harness<'_, App>, label: &str, n: usize) {
    h.get_all_by_role_and_label(Role::MultilineTextInput, label).nth(n).expect("field").scroll_to_me();
    h.run();
    h.get_all_by_role_and_label(Role::MultilineTextInput, label).nth(n).expect("field").focus();
    h.run();
}

/// The required reasons of steps 6 and 7 — a risk accepted under 表4, the wish for an
/// exception, the claim that the risk is sufficiently reduced — keep every key too.
#[test]
fn forty_characters_survive_in_the_terms_and_risk_reasons() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");

    h.state_mut().handle(itaku_navi::ui::Command::Open(cases.join("12_free_terms_service_survey.case.json")));
    h.run();
    h.state_mut().handle(itaku_navi::ui::Command::Goto(Screen::Step(5)));
    h.run();
    let before = h.state().case.terms_check.rows.iter().find(|r| r.caution_id == "t4-05").expect("row").note.clone();
    // Choose the caution in its table: its editor opens below the table.
    let caution = h.state().rules.cautions.iter().find(|c| c.caution_id == "t4-05").expect("表4 No.5");
    let text = caution.text.get(itaku_navi::core::text::Lang::Ja).to_string();
    h.get_by_label(&text).click();
    h.run();
    let typed = reason40("無償サービスのため障害時の補償はないが、");
    focus_nth(&mut h, "リスクを受容する理由（必須）", 0);
    type_keys(&mut h, &typed);
    let after = h.state().case.terms_check.rows.iter().find(|r| r.caution_id == "t4-05").expect("row").note.clone();
    assert_eq!(after, format!("{before}{typed}"), "every key kept in the 表4 reason");
    assert_eq!(focused(&h).map(|f| f.1), Some("リスクを受容する理由（必須）".to_string()));

    // A fresh window: the first case now has unsaved changes, and opening another would ask.
    drop(h);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(dir.path());
    h.state_mut()
        .handle(itaku_navi::ui::Command::Open(cases.join("08_exception_request_payroll_operations.case.json")));
    h.run();
    h.state_mut().handle(itaku_navi::ui::Command::Goto(Screen::Step(6)));
    h.run();
    for (n, node) in ["q_wants_exception", "q_sufficiently_reduced"].into_iter().enumerate() {
        let before = h.state().case.answers[node].rationale.clone();
        let typed = reason40("給与計算は繁忙期に庁内で処理しきれないため、");
        focus_nth(&mut h, "理由（必須）", n);
        type_keys(&mut h, &typed);
        assert_eq!(h.state().case.answers[node].rationale, format!("{before}{typed}"), "{node}: every key kept");
        assert_eq!(focused(&h).map(|f| f.1), Some("理由（必須）".to_string()), "{node}: focus kept");
    }
}
