//! Step 3, the information inventory (5.2(1)): a table of what the contractor is given
//! or can reach, drawn row-by-row only where visible so 10 000 rows stay fast, and an
//! editor for the selected row with the importance judgment, guiding questions and reason.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::core::case::{Access, InventoryItem, PersonalData};
use crate::core::edit::{self, Edit};
use crate::core::rules::RuleSet;
use crate::core::rules::files::AccessVia;
use crate::core::text::Lang;
use crate::tr;

use super::{SelectedRow, View};
use crate::ui::app::Command;
use crate::ui::widgets;

/// What the inventory screen keeps between frames (not part of the case).
#[derive(Debug, Default)]
pub struct InventoryState {
    /// The row being edited (its item id).
    pub selected: Option<String>,
    /// The counts (important, still open) and the case revision they were made at:
    /// recounted when the case changes, not on every frame.
    pub counts: Option<(u64, usize, usize)>,
    /// An item whose name field takes the keyboard focus when next drawn (a row just
    /// added, or Enter on a row of the table).
    pub focus_name: Option<String>,
    /// The table's row stop takes the focus when next drawn (the arrows moved it).
    pub focus_row: bool,
    /// Where the selected row is in the table.
    pub found: SelectedRow,
}

/// The word for a way of reaching information.
#[must_use]
pub fn via_word(rules: &RuleSet, lang: Lang, via: AccessVia) -> String {
    let path = rules.access_path(via);
    if via == AccessVia::Direct {
        path.label.get(lang).to_string()
    } else {
        format!("{}（{}）", path.label.get(lang), path.citations.join(", "))
    }
}

fn personal_word(p: PersonalData) -> String {
    tr(match p {
        PersonalData::None => "inventory.personal_none",
        PersonalData::Personal => "inventory.personal",
        PersonalData::SpecialCare => "inventory.personal_special",
    })
}

fn importance_word(i: Option<bool>) -> String {
    tr(match i {
        Some(true) => "inventory.important",
        Some(false) => "inventory.not_important",
        None => "inventory.unjudged",
    })
}

/// A new, empty item with the next free id.
fn blank_item(v: &View) -> InventoryItem {
    InventoryItem::new(edit::next_item_id(v.case), "")
}

/// Adds a blank row, selects it and sends the keyboard to its name.
fn add_item(v: &View, st: &mut InventoryState, out: &mut Vec<Command>) {
    let item = blank_item(v);
    st.selected = Some(item.item_id.clone());
    st.focus_name = Some(item.item_id.clone());
    out.push(Command::Edit(Edit::AddItem(item)));
}

/// How many items are important and how many still open (unjudged, or without a reason):
/// counted once per change of the case (10 000 items took a tenth of every frame).
fn counts(v: &View, st: &mut InventoryState) -> (usize, usize) {
    match st.counts {
        Some((revision, important, open)) if revision == v.revision => (important, open),
        _ => {
            let (important, open) = v.case.inventory.iter().fold((0, 0), |(important, open), i| {
                let blank = i.reason.trim().is_empty();
                (important + usize::from(i.important == Some(true)), open + usize::from(i.important.is_none() || blank))
            });
            st.counts = Some((v.revision, important, open));
            (important, open)
        }
    }
}

/// Where the selected item is in the inventory.
fn selected_index(v: &View, st: &mut InventoryState) -> Option<usize> {
    st.found.index((st.selected.as_deref(), v.revision), &v.case.inventory, |i| &i.item_id)
}

/// Draws the inventory.
pub fn show(v: &View, st: &mut InventoryState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let items = &v.case.inventory;
    let (important, unjudged) = counts(v, st);
    ui.label(format!(
        "{}: {}　{}: {}　{}: {}",
        tr("inventory.count"),
        items.len(),
        tr("inventory.important"),
        important,
        tr("inventory.open"),
        unjudged
    ));
    ui.horizontal(|ui| {
        let add = ui.button(tr("inventory.add"));
        widgets::offer_focus(&add);
        if add.clicked() {
            add_item(v, st, out);
        }
        let selected = selected_index(v, st).map(|i| items[i].item_id.clone());
        if ui.add_enabled(selected.is_some(), egui::Button::new(tr("inventory.remove"))).clicked()
            && let Some(id) = selected
        {
            st.selected = None;
            out.push(Command::Edit(Edit::RemoveItem { item_id: id }));
        }
    });

    table(v, st, ui);

    let Some(item) = selected_index(v, st).map(|i| &items[i]) else {
        ui.label(RichText::new(tr("inventory.select_hint")).weak());
        return;
    };
    ui.separator();
    if st.focus_name.as_deref() == Some(item.item_id.as_str()) {
        st.focus_name = None;
        let name = widgets::field_id(("inventory.name", &item.item_id));
        ui.memory_mut(|m| m.request_focus(name));
    }
    if editor(v, item, ui, out) {
        add_item(v, st, out);
    }
}

/// The table; only the visible rows are laid out. For the keyboard it is one Tab stop, the
/// selected row's name (the first row's when none is selected): the arrows move the
/// selection up and down, Enter (or Space) opens the row in the editor below.
fn table(v: &View, st: &mut InventoryState, ui: &mut egui::Ui) {
    // Narrower than its columns (1024 px with the guidance open), the table scrolls sideways
    // instead of hiding 判断 and 理由.
    egui::ScrollArea::horizontal().id_salt("inventory-table-x").show(ui, |ui| {
        widgets::A11yTable::show(ui, &tr("inventory.table"), |ui, t| rows(v, st, ui, t));
    });
}

/// The table's rows, announced as table rows and cells ([`widgets::A11yTable`]).
fn rows(v: &View, st: &mut InventoryState, ui: &mut egui::Ui, t: widgets::A11yTable) {
    let items = &v.case.inventory;
    let stop_at = selected_index(v, st).unwrap_or(0);
    let mut moved: Option<usize> = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ui.push_id("inventory-table", |ui| {
        // A click anywhere in a row chooses it: the cells' labels do not take it for selecting text.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui);
        if st.focus_row {
            builder = builder.scroll_to_row(stop_at, None);
        }
        builder
            .striped(true)
            // Resize handles would be Tab stops (egui_extras makes them focusable); the
            // columns' full texts show on hover and in the editor.
            .resizable(false)
            // Rows answer clicks but are no Tab stops: the name cell is the table's one stop.
            .sense(egui::Sense::CLICK)
            .max_scroll_height(320.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(44.0))
            .column(Column::initial(170.0).at_least(80.0).clip(true))
            .column(Column::initial(76.0).clip(true))
            .column(Column::initial(100.0).clip(true))
            .column(Column::initial(76.0).clip(true))
            .column(Column::initial(72.0).clip(true))
            .column(Column::remainder().at_least(60.0).clip(true))
            .header(row_height, |h| header(h, t))
            .body(|body| {
                body.rows(row_height, items.len(), |mut row| {
                    let index = row.index();
                    let item = &items[index];
                    let selected = st.selected.as_deref() == Some(item.item_id.as_str());
                    row.set_selected(selected);
                    let mut clicked = false;
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, item_number(item), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        let name = if item.name.is_empty() { tr("inventory.unnamed") } else { item.name.clone() };
                        let stop = index == stop_at;
                        let r =
                            widgets::row_stop(ui, t, &name, (selected, stop), &mut st.focus_row, (index, items.len()));
                        moved = moved.or(r.moved);
                        // Enter (or Space) on the selected row opens it: the keyboard goes
                        // to its name. The Enter is not the name field's too (a one-line
                        // field gives the focus up on Enter).
                        let by_key = ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
                        if stop && selected && r.clicked && by_key {
                            st.focus_name = Some(item.item_id.clone());
                            ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
                        }
                        clicked |= r.clicked;
                    });
                    t.col(&mut row, Some(index), |ui| {
                        let access = tr(if item.access == Access::Provided {
                            "inventory.provided"
                        } else {
                            "inventory.accessible"
                        });
                        t.text(ui, &access, &access);
                    });
                    t.col(&mut row, Some(index), |ui| {
                        let via = via_word(v.rules, v.lang, item.via);
                        t.text(ui, &via, &via);
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, personal_word(item.personal), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        let word = importance_word(item.important);
                        if item.important == Some(true) {
                            t.text(ui, RichText::new(word).strong(), "");
                        } else {
                            t.text(ui, word, "");
                        }
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, item.reason.lines().next().unwrap_or(""), &item.reason);
                    });
                    if clicked || row.response().clicked() {
                        st.selected = Some(item.item_id.clone());
                    }
                });
            });
    });
    if let Some(to) = moved {
        st.selected = Some(items[to].item_id.clone());
    }
}

/// The table's column headings; narrow columns clip, the whole heading shows on hover.
fn header(mut h: egui_extras::TableRow<'_, '_>, t: widgets::A11yTable) {
    for key in [
        "inventory.no",
        "inventory.name",
        "inventory.access",
        "inventory.via",
        "inventory.personal_col",
        "inventory.judgement",
        "inventory.reason",
    ] {
        t.col(&mut h, None, |ui| {
            let text = tr(key);
            widgets::cell(ui, RichText::new(&text).strong(), &text);
        });
    }
}

/// The item's number: its id's number when it has one, for a stable "No." column.
fn item_number(item: &InventoryItem) -> &str {
    item.item_id.strip_prefix("item-").unwrap_or(&item.item_id)
}

/// The selected item's editor. Returns true when the user asked to add the next item.
fn editor(v: &View, item: &InventoryItem, ui: &mut egui::Ui, out: &mut Vec<Command>) -> bool {
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut InventoryItem)| {
        let mut ni = item.clone();
        f(&mut ni);
        out.push(Command::Edit(Edit::UpdateItem(ni)));
    };
    ui.push_id(("item-editor", &item.item_id), |ui| {
        widgets::section(ui, &format!("{} ({})", tr("inventory.edit"), item.item_id));
        // The clauses the judgment rests on, at the head of the editor: between the judgment
        // and its reason they were two more Tab stops on every item.
        widgets::citations(ui, (v.rules, v.lang), &v.rules.step_citations("inventory"), out);
        if let Some(t) = widgets::text_line(
            ui,
            widgets::field_id(("inventory.name", &item.item_id)),
            &tr("inventory.name"),
            &item.name,
        ) {
            set(out, &|ni| ni.name.clone_from(&t));
        }
        if let Some(t) = widgets::text_area(
            ui,
            widgets::field_id(("inventory.description", &item.item_id)),
            &tr("inventory.description"),
            &item.description,
            2,
        ) {
            set(out, &|ni| ni.description.clone_from(&t));
        }
        how_it_reaches(v, item, ui, out);
        if let Some(t) = widgets::text_line(
            ui,
            widgets::field_id(("inventory.medium", &item.item_id)),
            &tr("inventory.medium"),
            &item.medium,
        ) {
            set(out, &|ni| ni.medium.clone_from(&t));
        }
        if let Some(t) = widgets::text_line(
            ui,
            widgets::field_id(("inventory.volume", &item.item_id)),
            &tr("inventory.volume"),
            &item.volume,
        ) {
            set(out, &|ni| ni.volume.clone_from(&t));
        }
        ui.horizontal(|ui| {
            ui.label(tr("inventory.personal_col"));
            let options: Vec<(PersonalData, String)> =
                [PersonalData::None, PersonalData::Personal, PersonalData::SpecialCare]
                    .iter()
                    .map(|&p| (p, personal_word(p)))
                    .collect();
            if let Some(p) =
                widgets::radio_group(ui, ("inventory.personal", &item.item_id), Some(&item.personal), &options)
            {
                set(out, &|ni| ni.personal = p);
            }
        });

        widgets::section(ui, &tr("inventory.guiding"));
        for q in &v.rules.importance_questions {
            let mut on = item.guiding.contains(&q.question_id);
            if ui.checkbox(&mut on, q.text.get(v.lang)).changed() {
                let id = q.question_id.clone();
                set(out, &|ni| {
                    ni.guiding.retain(|g| g != &id);
                    if on {
                        ni.guiding.push(id.clone());
                    }
                });
            }
        }
        if !item.guiding.is_empty() && item.important != Some(true) {
            widgets::warn(ui, &tr("inventory.guiding_yes"));
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new(tr("inventory.judgement")).strong());
            let options = [(true, tr("inventory.important")), (false, tr("inventory.not_important"))];
            if let Some(important) =
                widgets::radio_group(ui, ("inventory.important", &item.item_id), item.important.as_ref(), &options)
            {
                set(out, &|ni| ni.important = Some(important));
            }
        });
        if let Some(t) = widgets::reason(
            ui,
            widgets::field_id(("inventory.reason", &item.item_id)),
            &tr("inventory.reason"),
            &item.reason,
            true,
        ) {
            set(out, &|ni| ni.reason.clone_from(&t));
        }
        // The next Tab stop after the reason: a list is entered item after item.
        ui.button(tr("inventory.add_next")).clicked()
    })
    .inner
}

/// How the item reaches the contractor: provided or accessible, and by which path.
fn how_it_reaches(v: &View, item: &InventoryItem, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut InventoryItem)| {
        let mut ni = item.clone();
        f(&mut ni);
        out.push(Command::Edit(Edit::UpdateItem(ni)));
    };
    ui.horizontal(|ui| {
        ui.label(tr("inventory.access"));
        let options = [(Access::Provided, tr("inventory.provided")), (Access::Accessible, tr("inventory.accessible"))];
        if let Some(a) = widgets::radio_group(ui, ("inventory.access", &item.item_id), Some(&item.access), &options) {
            set(out, &|ni| ni.access = a);
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr("inventory.via"));
        let options: Vec<(AccessVia, String)> =
            AccessVia::ALL.iter().map(|&via| (via, via_word(v.rules, v.lang, via))).collect();
        if let Some(via) = widgets::radio_group(ui, ("inventory.via", &item.item_id), Some(&item.via), &options) {
            set(out, &|ni| ni.via = via);
        }
    });
}
