//! The inventory and risk tables keep what they derive from their rows between frames (where
//! the selected row is, the heat maps' counts): what the screen shows must still follow
//! every change of the rows — a row removed above the one being edited, a row removed or
//! re-assessed under the heat maps.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{self, NodeT, Queryable};
use itaku_navi::core::case::InventoryItem;
use itaku_navi::core::edit::Edit;
use itaku_navi::core::risk::RiskLevel;
use itaku_navi::ui::App;
use itaku_navi::ui::app::Command;

use crate::ui_wizard::{LOCALE, case_on_step};

/// The exception case (08), open on the step `step_id`.
fn case_08_on(dir: &std::path::Path, step_id: &str) -> Harness<'static, App> {
    case_on_step(dir, "08_exception_request_payroll_operations.case.json", step_id)
}

/// The text in the editor's name field.
fn name_in_editor(h: &Harness<'_, App>) -> Option<String> {
    h.query_by_role_and_label(Role::TextInput, "情報の名称").map(|n| n.accesskit_node().value().unwrap_or_default())
}

#[test]
fn the_inventory_editor_stays_on_its_item_when_an_item_above_it_goes() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = case_08_on(dir.path(), "inventory");
    // A third item, so that the one edited has an item after it to be mistaken for.
    let third = InventoryItem::new("item-third", "三つ目の情報");
    h.state_mut().handle(Command::Edit(Edit::AddItem(third)));
    h.run();
    let items = h.state().case.inventory.clone();
    assert!(items.len() >= 3, "case 08 and one more: {} items", items.len());
    h.state_mut().screens.inventory.selected = Some(items[1].item_id.clone());
    h.run();
    assert_eq!(name_in_editor(&h), Some(items[1].name.clone()));

    // The first item goes: the one being edited is now first, and still in the editor.
    h.state_mut().handle(Command::Edit(Edit::RemoveItem { item_id: items[0].item_id.clone() }));
    h.run();
    assert_eq!(h.state().case.inventory[0].item_id, items[1].item_id);
    assert_eq!(name_in_editor(&h), Some(items[1].name.clone()), "the editor followed its item");

    // Removed itself with the screen's button, the editor closes.
    h.get_by_label("選択した情報を削除").click();
    h.run();
    assert!(h.state().case.item(&items[1].item_id).is_none(), "the button removed the selected item");
    assert_eq!(name_in_editor(&h), None, "no editor for a removed item");
    assert!(h.query_by_label("行を選ぶと、ここで編集できます。").is_some());
}

/// The heat map 「対策前」 or 「対策後」 as a screen reader hears it: each cell holding rows
/// (「L2×I3」) with how many.
fn heat_map(h: &Harness<'_, App>, title: &str) -> Vec<(String, usize)> {
    let name = format!("{title} — リスクマップ: ");
    let said = h
        .get(kittest::by().predicate(|n| n.value().is_some_and(|v| v.starts_with(&name))))
        .accesskit_node()
        .value()
        .unwrap_or_default();
    said[name.len()..]
        .split(", ")
        .filter_map(|cell| cell.split_once(": "))
        .map(|(cell, n)| (cell.to_string(), n.parse().expect("a count")))
        .collect()
}

/// How many rows the heat map's cells hold together.
fn rows_on(map: &[(String, usize)]) -> usize {
    map.iter().map(|(_, n)| n).sum()
}

#[test]
fn the_heat_maps_follow_every_change_of_the_risk_rows() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = case_08_on(dir.path(), "risk_analysis");
    let rows = h.state().case.risk.clone();
    assert!(rows.len() >= 2, "case 08 has {} risk rows", rows.len());
    assert_eq!(rows_on(&heat_map(&h, "対策前")), rows.len(), "{:?}", heat_map(&h, "対策前"));
    assert_eq!(rows_on(&heat_map(&h, "対策後")), rows.len(), "{:?}", heat_map(&h, "対策後"));

    // A row re-assessed to the grid's top corner after its countermeasures: the map moves.
    let (max_l, max_i) = (h.state().rules.max_likelihood(), h.state().rules.max_impact());
    let mut high = rows[0].clone();
    (high.likelihood_after, high.impact_after) = (max_l, max_i);
    let corner = format!("L{max_l}×I{max_i}");
    let in_corner = |map: &[(String, usize)]| map.iter().find(|(c, _)| *c == corner).map_or(0, |(_, n)| *n);
    let before = in_corner(&heat_map(&h, "対策後"));
    h.state_mut().handle(Command::Edit(Edit::UpdateRisk(high)));
    h.run();
    let after = heat_map(&h, "対策後");
    let moved = usize::from((rows[0].likelihood_after, rows[0].impact_after) != (max_l, max_i));
    assert_eq!(in_corner(&after), before + moved, "{after:?}");
    // The warning counts the rows left high, as the rows now stand.
    let th = h.state().rules.thresholds();
    let high_rows =
        h.state().case.risk.iter().filter(|r| th.level(r.likelihood_after, r.impact_after) == RiskLevel::High).count();
    assert!(high_rows > 0, "the rules put L{max_l}×I{max_i} at high");
    assert!(
        h.query_by_label(&format!("⚠ 対策後も高いリスクが残っています ({high_rows})")).is_some(),
        "the warning counts {high_rows} high rows"
    );

    // A row removed with the screen's button: one row fewer on both maps and in the count.
    h.state_mut().screens.risk.selected = Some(rows[1].row_id.clone());
    h.run();
    h.get_by_label("選択した脅威を削除").click();
    h.run();
    assert_eq!(h.state().case.risk.len(), rows.len() - 1);
    assert_eq!(rows_on(&heat_map(&h, "対策前")), rows.len() - 1, "{:?}", heat_map(&h, "対策前"));
    assert_eq!(rows_on(&heat_map(&h, "対策後")), rows.len() - 1, "{:?}", heat_map(&h, "対策後"));
    assert!(h.query_by_label(&format!("評価した脅威: {}", rows.len() - 1)).is_some(), "the count of rows");
}

/// The sidebar names the outcome once: its badge, and the outcome's own title beside it only
/// where that title says more (「委託不可（リスクを十分に低減できない）」 under 「委託不可」).
#[test]
fn the_sidebar_names_the_outcome_once_and_its_title_where_it_says_more() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let h = case_08_on(dir.path(), "inventory");
    assert_eq!(h.query_all_by_label("例外許可申請").count(), 1, "the badge alone");

    // On the first step, where nothing but the sidebar speaks of the outcome.
    let h = case_on_step(dir.path(), "11_prohibited_risk_not_reduced.case.json", "basics");
    let outcome = h.state().eval.outcome.clone().expect("case 11 is decided");
    let (name, title) = (h.state().rules.outcome_name(outcome.outcome).ja.clone(), outcome.title.ja.clone());
    assert_ne!(name, title, "case 11 has a title of its own");
    assert_eq!(h.query_all_by_label(&name).count(), 1, "the badge");
    assert!(h.query_all_by_label(&title).count() >= 1, "and the title that says more");
}
