//! The register screen (台帳): the cases folder, filters, search and sort over its rows,
//! the export for the 統括, and a button per row that opens the case. Only the rows in
//! view are drawn, so 10 000 cases draw as fast as 20.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::core::register::{Binding, Entry, Filter, Query, RowCells, SortKey, cells};
use crate::core::rules::files::OutcomeKind;
use crate::tr;

use super::View;
use crate::ui::app::{Command, RegisterState};
use crate::ui::widgets;

/// The filters offered, with their labels.
fn filters() -> Vec<(Filter, String)> {
    vec![
        (Filter::All, tr("register.filter_all")),
        (Filter::Awaiting, tr("register.filter_awaiting")),
        (Filter::Expiring(30), tr("register.filter_30")),
        (Filter::Expiring(60), tr("register.filter_60")),
        (Filter::Expiring(90), tr("register.filter_90")),
        (Filter::Expired, tr("register.filter_expired")),
        (Filter::Drafts, tr("register.filter_drafts")),
        (Filter::Attention, tr("register.filter_attention")),
        (Filter::Unreadable, tr("register.filter_unreadable")),
    ]
}

/// Draws the register.
pub fn show(v: &View, st: &RegisterState, folder: Option<&std::path::Path>, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("register.title"));
    ui.label(RichText::new(tr("register.help")).small());
    ui.horizontal_wrapped(|ui| {
        let shown = folder.map_or_else(|| tr("register.no_folder"), |f| f.display().to_string());
        ui.label(format!("{}: {shown}", tr("register.folder")));
        let choose = ui.button(tr("register.choose"));
        widgets::mark_first(ui, "form", &choose);
        widgets::offer_focus(&choose);
        if choose.clicked() {
            out.push(Command::ChooseCasesDir);
        }
        if folder.is_some() && ui.add_enabled(!st.is_scanning(), egui::Button::new(tr("register.rescan"))).clicked() {
            out.push(Command::RescanRegister);
        }
        if st.reg.is_some() && ui.button(tr("register.export")).clicked() {
            out.push(Command::ExportRegisterDialog);
        }
    });
    if let Some(e) = &st.error {
        widgets::warn(ui, &format!("{}: {e}", tr("register.scan_failed")));
    }
    if st.is_scanning() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr("register.scanning"));
        });
    }
    let Some(reg) = &st.reg else { return };
    let q = &st.query;
    let mut next = q.clone();
    ui.horizontal_wrapped(|ui| {
        let options = filters();
        let current = options.iter().find(|(f, _)| *f == q.filter).map(|(_, l)| l.clone()).unwrap_or_default();
        let label = ui.label(tr("register.filter"));
        egui::ComboBox::from_id_salt("register.filter")
            .height(400.0)
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (f, label) in &options {
                    ui.selectable_value(&mut next.filter, *f, label);
                }
            })
            .response
            .labelled_by(label.id);
        let all = tr("register.any_section");
        let label = ui.label(tr("register.col_section"));
        egui::ComboBox::from_id_salt("register.section")
            .selected_text(q.section.clone().unwrap_or_else(|| all.clone()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut next.section, None, &all);
                for s in reg.sections() {
                    ui.selectable_value(&mut next.section, Some(s.clone()), s);
                }
            })
            .response
            .labelled_by(label.id);
        let any = tr("register.any_outcome");
        let label = ui.label(tr("register.col_outcome"));
        egui::ComboBox::from_id_salt("register.outcome")
            .selected_text(q.outcome.map_or_else(|| any.clone(), |o| v.rules.outcome_name(o).get(v.lang).to_string()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut next.outcome, None, &any);
                for o in [
                    OutcomeKind::Permitted,
                    OutcomeKind::PermittedNarrowed,
                    OutcomeKind::JudgmentRequest,
                    OutcomeKind::ExceptionRequest,
                    OutcomeKind::Prohibited,
                ] {
                    ui.selectable_value(&mut next.outcome, Some(o), v.rules.outcome_name(o).get(v.lang));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(tr("register.search"));
        let mut search = q.search.clone();
        let r = ui
            .add(egui::TextEdit::singleline(&mut search).id(widgets::field_id("register.search")).desired_width(180.0))
            .labelled_by(label.id);
        if r.changed() {
            next.search = search;
        }
    });
    ui.label(
        RichText::new(format!(
            "{} {} / {} — {} {}",
            tr("register.shown"),
            st.picked.len(),
            reg.rows.len(),
            tr("register.unreadable"),
            reg.unreadable()
        ))
        .small(),
    );
    // The register is wider than the centre on a small screen: it scrolls sideways.
    egui::ScrollArea::horizontal().id_salt("register.table").show(ui, |ui| table(v, st, reg, ui, &mut next, out));
    if next != *q {
        out.push(Command::RegisterQuery(next));
    }
}

fn table(
    v: &View,
    st: &RegisterState,
    reg: &crate::core::register::Register,
    ui: &mut egui::Ui,
    next: &mut Query,
    out: &mut Vec<Command>,
) {
    let today = crate::ui::app::today();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    // Columns: open, 文書番号, 業務名, 課室, 結論, 承認状況, 期限, 注意, ファイル.
    let headers: [(&str, Option<SortKey>); 9] = [
        ("register.col_open", None),
        ("register.col_number", Some(SortKey::DocumentNumber)),
        ("register.col_task", None),
        ("register.col_section", Some(SortKey::Section)),
        ("register.col_outcome", None),
        ("register.col_state", Some(SortKey::State)),
        ("register.col_review", Some(SortKey::ReviewBy)),
        ("register.col_attention", None),
        ("register.col_file", Some(SortKey::Path)),
    ];
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .max_scroll_height(560.0)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(48.0))
        .column(Column::initial(90.0).clip(true))
        .column(Column::initial(190.0).at_least(80.0).clip(true))
        .column(Column::initial(90.0).clip(true))
        .column(Column::initial(110.0).clip(true))
        .column(Column::initial(90.0).clip(true))
        .column(Column::initial(170.0).clip(true))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(220.0).clip(true))
        .header(row_height, |mut h| {
            for (key, sort) in headers {
                h.col(|ui| match sort {
                    Some(s) => {
                        let mark = if next.sort == s { if next.descending { " ▼" } else { " ▲" } } else { "" };
                        if ui.button(RichText::new(format!("{}{mark}", tr(key))).strong()).clicked() {
                            next.descending = next.sort == s && !next.descending;
                            next.sort = s;
                        }
                    }
                    None => {
                        ui.strong(tr(key)).on_hover_text(tr(key));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, st.picked.len(), |mut row| {
                let r = &reg.rows[st.picked[row.index()]];
                let path = std::path::Path::new(&reg.folder).join(&r.path);
                row.col(|ui| {
                    if r.entry.is_ok()
                        && ui.button(tr("register.open")).on_hover_text(path.display().to_string()).clicked()
                    {
                        out.push(Command::Open(path.clone()));
                    }
                });
                let c = cells(v.rules, r, today, v.lang);
                match &r.entry {
                    Err(e) => {
                        for _ in 0..7 {
                            row.col(|_| {});
                        }
                        row.col(|ui| {
                            ui.label(RichText::new(format!("⚠ {}: {}", r.path, e)).color(ui.visuals().warn_fg_color))
                                .on_hover_text(e);
                        });
                    }
                    Ok(e) => case_cells(&mut row, e, &c, &r.path, today),
                }
            });
        });
}

/// The cells of a readable case's row after the open button.
fn case_cells(row: &mut egui_extras::TableRow<'_, '_>, e: &Entry, c: &RowCells, path: &str, today: chrono::NaiveDate) {
    for text in [&c.document_number, &c.task, &c.section, &c.outcome, &c.state] {
        row.col(|ui| {
            ui.label(text.as_str()).on_hover_text(text.as_str());
        });
    }
    row.col(|ui| {
        let expiry = e.expiry(today);
        let text = if c.review_by.is_empty() { String::new() } else { format!("{} ({})", c.review_by, c.expiry) };
        let color = if expiry.is_expired() {
            ui.visuals().error_fg_color
        } else if expiry.within(30) {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(text).color(color));
    });
    row.col(|ui| {
        let mut notes: Vec<&str> = Vec::new();
        if e.binding == Binding::Outdated {
            notes.push(&c.binding);
        }
        if e.self_approved {
            notes.push(&c.self_approval);
        }
        if e.seal_needs_look() {
            notes.push(&c.seal);
        }
        if e.lifecycle(today).needs_look() && e.binding != Binding::Outdated {
            notes.push(&c.state);
        }
        if e.record_mismatch() {
            notes.push(&c.outcome);
        }
        if !notes.is_empty() {
            let text = notes.join(" / ");
            ui.label(RichText::new(format!("⚠ {text}")).color(ui.visuals().warn_fg_color)).on_hover_text(text);
        }
    });
    row.col(|ui| {
        ui.label(RichText::new(path).small()).on_hover_text(&c.modified);
    });
}
