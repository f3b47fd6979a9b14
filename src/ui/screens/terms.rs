//! Step 6, the 表4 checklist (7.6(1), 5.2(5)): how the terms of a service treat each
//! caution, with the clause of the terms, a note (the reason, for an accepted risk), and
//! the data location, governing law and court. Each list is a table with one Tab stop and
//! the chosen caution's editor below it.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::core::case::{TermsRow, TermsStatus};
use crate::core::edit::Edit;
use crate::core::rules::files::{CautionDef, CautionGroup};
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// What the 表4 checklist keeps between frames (not part of the case).
#[derive(Debug, Default)]
pub struct CautionsState {
    /// The caution being evaluated.
    pub selected: Option<String>,
    /// The tables' row stop takes the focus when next drawn (the arrows moved it).
    pub focus_row: bool,
    /// The chosen caution's 評価 takes the focus when next drawn (Enter on its row).
    pub focus_status: bool,
}

const STATUSES: [TermsStatus; 6] = [
    TermsStatus::AddressedByTerms,
    TermsStatus::AddressedByMeasure,
    TermsStatus::RiskAccepted,
    TermsStatus::NotAddressed,
    TermsStatus::ServiceDeclined,
    TermsStatus::NotApplicable,
];

/// The word for a status.
#[must_use]
pub fn status_word(s: Option<TermsStatus>) -> String {
    tr(match s {
        None => "terms.unchecked",
        Some(TermsStatus::AddressedByTerms) => "terms.by_terms",
        Some(TermsStatus::AddressedByMeasure) => "terms.by_measure",
        Some(TermsStatus::RiskAccepted) => "terms.accepted",
        Some(TermsStatus::NotAddressed) => "terms.not_addressed",
        Some(TermsStatus::NotApplicable) => "terms.not_applicable",
        Some(TermsStatus::ServiceDeclined) => "terms.declined",
    })
}

/// Draws the checklist.
pub fn show(v: &View, st: &mut CautionsState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    super::cloud::form(v, ui, out);
    terms_meta(v, ui, out);
    checklist(v, st, ui, out);
}

/// The service's data location, governing law and court.
fn terms_meta(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let tc = &v.case.terms_check;
    let meta = |out: &mut Vec<Command>, loc: &str, law: &str, court: &str| {
        out.push(Command::Edit(Edit::TermsMeta {
            data_location: loc.into(),
            governing_law: law.into(),
            court: court.into(),
        }));
    };
    if !v.case.basics.terms_service.service_name.is_empty() {
        ui.label(format!("{}: {}", tr("basics.service_name"), v.case.basics.terms_service.service_name));
    }
    if let Some(t) =
        widgets::text_line(ui, widgets::field_id("terms.location"), &tr("terms.location"), &tc.data_location)
    {
        meta(out, &t, &tc.governing_law, &tc.court);
    }
    if let Some(t) = widgets::text_line(ui, widgets::field_id("terms.law"), &tr("terms.law"), &tc.governing_law) {
        meta(out, &tc.data_location, &t, &tc.court);
    }
    if let Some(t) = widgets::text_line(ui, widgets::field_id("terms.court"), &tr("terms.court"), &tc.court) {
        meta(out, &tc.data_location, &tc.governing_law, &t);
    }
}

/// One table per list (表4, 5.2(5)), each one Tab stop: the arrows choose a caution, Enter
/// takes the keyboard to its evaluation; the chosen caution is edited below its table.
fn checklist(v: &View, st: &mut CautionsState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let tc = &v.case.terms_check;
    let row_of = |c: &CautionDef| tc.rows.iter().find(|r| r.caution_id == c.caution_id);
    let checked = v.rules.cautions.iter().filter(|c| row_of(c).is_some()).count();
    ui.label(format!("{}: {checked} / {}", tr("terms.progress"), v.rules.cautions.len()));
    // The chosen caution; at first the first one not yet evaluated.
    let chosen = st
        .selected
        .clone()
        .filter(|id| v.rules.cautions.iter().any(|c| &c.caution_id == id))
        .or_else(|| v.rules.cautions.iter().find(|c| row_of(c).is_none()).map(|c| c.caution_id.clone()))
        .or_else(|| v.rules.cautions.first().map(|c| c.caution_id.clone()));
    for (group, title) in [(CautionGroup::Table4, "ui.terms.table4"), (CautionGroup::Clause525, "ui.terms.clause525")] {
        let name = v.words(title);
        widgets::section(ui, &name);
        let cautions: Vec<&CautionDef> = v.rules.cautions.iter().filter(|c| c.group == group).collect();
        ui.push_id(title, |ui| {
            egui::ScrollArea::horizontal().id_salt("terms-table-x").show(ui, |ui| {
                widgets::A11yTable::show(ui, &name, |ui, t| table(v, (st, chosen.as_deref()), &cautions, ui, t));
            });
        });
        if let Some(caution) = cautions.iter().find(|c| Some(c.caution_id.as_str()) == chosen.as_deref()) {
            editor(v, st, caution, ui, out);
        }
    }
}

/// The cautions of one list: No., the caution (the table's Tab stop), its evaluation and
/// the clause or note given.
fn table(
    v: &View,
    (st, chosen): (&mut CautionsState, Option<&str>),
    cautions: &[&CautionDef],
    ui: &mut egui::Ui,
    t: widgets::A11yTable,
) {
    let tc = &v.case.terms_check;
    let stop_at = cautions.iter().position(|c| Some(c.caution_id.as_str()) == chosen).unwrap_or(0);
    let mut moved: Option<usize> = None;
    let mut picked: Option<String> = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // A click anywhere in a row chooses it: the cells' labels do not take it for selecting text.
    ui.style_mut().interaction.selectable_labels = false;
    let mut builder = TableBuilder::new(ui);
    if st.focus_row && chosen.is_some_and(|id| cautions.iter().any(|c| c.caution_id == id)) {
        builder = builder.scroll_to_row(stop_at, None);
    }
    builder
        .striped(true)
        .resizable(false)
        .sense(egui::Sense::CLICK)
        .auto_shrink([false, true])
        .max_scroll_height(360.0)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(44.0))
        .column(Column::remainder().at_least(180.0).clip(true))
        .column(Column::exact(130.0).clip(true))
        .column(Column::exact(140.0).clip(true))
        .header(row_height, |mut h| {
            for key in ["inventory.no", "terms.caution", "terms.status", "terms.clause_or_note"] {
                t.col(&mut h, None, |ui| {
                    let text = tr(key);
                    widgets::cell(ui, RichText::new(&text).strong(), &text);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, cautions.len(), |mut row| {
                let index = row.index();
                let caution = cautions[index];
                let selected = chosen == Some(caution.caution_id.as_str());
                row.set_selected(selected);
                let r = tc.rows.iter().find(|r| r.caution_id == caution.caution_id);
                let mut clicked = false;
                t.col(&mut row, Some(index), |ui| {
                    t.text(ui, caution.number.to_string(), "");
                });
                // Only the table holding the chosen caution passes the focus along its rows.
                let mut focus = st.focus_row && chosen.is_some_and(|id| cautions.iter().any(|c| c.caution_id == id));
                t.col(&mut row, Some(index), |ui| {
                    let text = caution.text.get(v.lang);
                    let cell = widgets::row_stop(
                        ui,
                        t,
                        text,
                        (selected, index == stop_at),
                        &mut focus,
                        (index, cautions.len()),
                    );
                    moved = moved.or(cell.moved);
                    // Enter (or Space) on the chosen caution takes the keyboard to its evaluation.
                    let by_key = ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
                    if selected && cell.clicked && by_key {
                        st.focus_status = true;
                    }
                    clicked |= cell.clicked;
                });
                if index == stop_at && chosen.is_some_and(|id| cautions.iter().any(|c| c.caution_id == id)) {
                    st.focus_row = focus;
                }
                let status = r.map(|r| r.status);
                t.col(&mut row, Some(index), |ui| {
                    let word = status_word(status);
                    if status == Some(TermsStatus::NotAddressed) {
                        t.text(ui, RichText::new(&word).color(ui.visuals().warn_fg_color), "");
                    } else if status.is_none() {
                        t.text(ui, RichText::new(&word).weak(), "");
                    } else {
                        t.text(ui, &word, "");
                    }
                });
                t.col(&mut row, Some(index), |ui| {
                    let detail = r.map(|r| if r.clause.is_empty() { r.note.as_str() } else { r.clause.as_str() });
                    let detail = detail.unwrap_or("");
                    t.text(ui, detail.lines().next().unwrap_or(""), detail);
                });
                if clicked || row.response().clicked() {
                    picked = Some(caution.caution_id.clone());
                }
            });
        });
    if let Some(to) = moved {
        picked = Some(cautions[to].caution_id.clone());
        st.focus_row = true;
    }
    if let Some(id) = picked {
        st.selected = Some(id);
    }
}

/// The chosen caution in full: its clause, how the terms treat it, the clause of the terms
/// or the note (the reason, for an accepted risk).
fn editor(v: &View, st: &mut CautionsState, caution: &CautionDef, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let tc = &v.case.terms_check;
    ui.push_id(&caution.caution_id, |ui| {
        let row = tc.rows.iter().find(|r| r.caution_id == caution.caution_id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("No.{}", caution.number));
                ui.label(caution.text.get(v.lang));
            });
            widgets::citations(ui, (v.rules, v.lang), &caution.citations, out);
            let status = row.map(|r| r.status);
            let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut TermsRow)| {
                let mut nr = row.cloned().unwrap_or(TermsRow {
                    caution_id: caution.caution_id.clone(),
                    status: TermsStatus::AddressedByTerms,
                    clause: String::new(),
                    note: String::new(),
                });
                f(&mut nr);
                out.push(Command::Edit(Edit::TermsRow(nr)));
            };
            ui.horizontal(|ui| {
                let l = ui.label(tr("terms.status"));
                let combo = widgets::combo(
                    ui,
                    egui::ComboBox::from_id_salt("status").selected_text(status_word(status)).width(220.0),
                    |ui| {
                        for s in STATUSES {
                            if ui.selectable_label(status == Some(s), status_word(Some(s))).clicked() {
                                set(out, &|nr| nr.status = s);
                            }
                        }
                        if status.is_some() && ui.selectable_label(false, status_word(None)).clicked() {
                            out.push(Command::Edit(Edit::RemoveTermsRow { caution_id: caution.caution_id.clone() }));
                        }
                    },
                )
                .labelled_by(l.id);
                if std::mem::take(&mut st.focus_status) {
                    combo.request_focus();
                }
            });
            if let Some(r) = row {
                if matches!(r.status, TermsStatus::AddressedByTerms | TermsStatus::AddressedByMeasure)
                    && let Some(t) = widgets::text_line(
                        ui,
                        widgets::field_id(("terms.clause", &r.caution_id)),
                        &tr("terms.clause"),
                        &r.clause,
                    )
                {
                    set(out, &|nr| nr.clause.clone_from(&t));
                }
                let required = r.status == TermsStatus::RiskAccepted;
                let label = if required { tr("terms.accept_reason") } else { tr("terms.note") };
                if let Some(t) =
                    widgets::reason(ui, widgets::field_id(("terms.note", &r.caution_id)), &label, &r.note, required)
                {
                    set(out, &|nr| nr.note.clone_from(&t));
                }
                if r.status == TermsStatus::NotAddressed {
                    widgets::warn(ui, &tr("terms.not_addressed_note"));
                }
            } else {
                ui.label(RichText::new(tr("terms.unchecked")).small().weak());
            }
        });
    });
}
