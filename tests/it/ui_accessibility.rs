//! What a screen reader is told (issue 25 finding 9), read from the AccessKit tree the app
//! gives the platform: tables with table, row and cell roles; the window named after the
//! case; splitters and clause chips named in the UI's language.

use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT, Queryable};

use crate::ui_keyboard_budget::inventory_desk;
use crate::ui_wizard::LOCALE;

/// The name a node is announced by (egui gives labels their text as the value).
fn name(n: &egui_kittest::Node<'_>) -> String {
    let node = n.accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

#[test]
fn the_inventory_is_announced_as_a_table_of_rows_and_cells() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let d = inventory_desk(dir.path(), 2);
    let table = d.h.get_by_role_and_label(Role::Table, "取り扱う情報の一覧");
    let rows: Vec<_> = table.query_all(By::new().role(Role::Row)).collect();
    assert_eq!(rows.len(), 3, "a header row and one row per item");
    let headers: Vec<String> = rows[0]
        .query_all(By::new().role(Role::ColumnHeader))
        .map(|c| c.query_all(By::new().predicate(|_| true)).map(|n| name(&n)).collect::<String>())
        .collect();
    assert_eq!(headers.len(), 7, "{headers:?}");
    assert!(headers.iter().any(|h| h == "情報の名称"), "{headers:?}");
    for (i, row) in rows[1..].iter().enumerate() {
        let cells: Vec<_> = row.query_all(By::new().role(Role::Cell)).collect();
        assert_eq!(cells.len(), 7, "row {i}: one cell per column");
        // The row's name cell holds the table's Tab stop, named after the item.
        let item = format!("情報{}", i + 1);
        assert!(cells[1].query_all(By::new().role(Role::Button).label(&item)).next().is_some(), "row {i} names {item}");
    }
    // The focusable row stop lives in a cell of a row of the table, as a reader walks it.
    let stop = d.h.get_by_role_and_label(Role::Button, "情報1");
    let cell = stop.accesskit_node().parent().expect("in a cell");
    let cell = std::iter::successors(Some(cell), egui_kittest::kittest::AccessKitNode::parent)
        .find(|n| n.role() == Role::Cell)
        .expect("a cell");
    assert_eq!(cell.parent().map(|n| n.role()), Some(Role::Row));
}

#[test]
fn the_window_splitters_and_clause_chips_have_names_in_the_ui_language() {
    let _lock = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = tempfile::tempdir().expect("temp dir");
    let d = inventory_desk(dir.path(), 1);
    let window = name(&d.h.root());
    assert!(window.contains("外部委託 可否判断ナビ"), "the window is named: {window:?}");
    let splitters: Vec<String> = d.h.query_all(By::new().role(Role::Splitter)).map(|n| name(&n)).collect();
    assert!(!splitters.is_empty());
    assert!(splitters.iter().all(|s| s.ends_with("パネルの幅を変える")), "{splitters:?}");
    assert!(d.h.query_by_label("Resize panel").is_none());
    // Each clause chip says its clause and heading, not the number alone.
    let chips: Vec<String> =
        d.h.query_all(By::new().role(Role::Button))
            .map(|n| name(&n))
            .filter(|l| l.starts_with("5.") || l.starts_with("付録"))
            .collect();
    assert!(!chips.is_empty(), "step 3 cites clauses");
    for chip in &chips {
        let (clause, heading) = chip.split_once(' ').unwrap_or((chip, ""));
        assert!(!clause.is_empty() && !heading.trim().is_empty(), "chip named only 「{chip}」");
    }
}
