//! The register screen (台帳): the cases folder, filters, search and sort over its rows,
//! the export for the 統括, the table (one Tab stop: the arrows choose a row, Enter opens
//! it) and the chosen row in full below it. Only the rows in view are drawn, so 10 000
//! cases draw as fast as 20.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::core::register::{Binding, Entry, Filter, Query, RowCells, SortKey, cells};
use crate::core::rules::files::OutcomeKind;
use crate::tr;

use super::{SelectedRow, View};
use crate::ui::app::{Command, RegisterState, ScreenState};
use crate::ui::widgets;

/// What the register's table keeps between frames (the scan and the filter are the app's
/// [`RegisterState`]).
#[derive(Debug, Default)]
pub struct RegisterTable {
    /// The row chosen (its file, relative to the cases folder).
    pub selected: Option<String>,
    /// The row stop takes the focus when next drawn (the arrows moved it).
    pub focus_row: bool,
    /// Where the selected row is among the rows shown.
    pub found: SelectedRow,
    /// The words of the rows drawn lately ([`cells`], some twenty strings a row), made once
    /// per row rather than on every frame.
    pub words: RowWords,
}

/// The words of the register's rows as drawn, kept by row (index into the scan's rows) for
/// one scan and filter ([`RegisterState::generation`]), language and day; a row is made
/// again if its file is not the one the words were made for.
#[derive(Debug, Default)]
pub struct RowWords {
    /// What the words were made for: the generation, the language and the day.
    made_for: Option<(u64, crate::core::text::Lang, chrono::NaiveDate)>,
    /// The words by row.
    rows: std::collections::HashMap<usize, RowCells>,
}

impl RowWords {
    /// At most this many rows are kept (a screenful is some forty): scrolling through
    /// 10 000 rows does not keep 10 000 rows' words.
    const KEPT: usize = 512;

    /// The words of row `index` of `reg`, made if they are not kept.
    fn of(
        &mut self,
        v: &View,
        (reg, generation): (&crate::core::register::Register, u64),
        index: usize,
        today: chrono::NaiveDate,
    ) -> &RowCells {
        let made_for = Some((generation, v.lang, today));
        if self.made_for != made_for || self.rows.len() >= Self::KEPT {
            self.made_for = made_for;
            self.rows.clear();
        }
        let row = &reg.rows[index];
        let kept = self.rows.get(&index).is_some_and(|c| c.file == row.path);
        if !kept {
            self.rows.insert(index, cells(v.rules, row, today, v.lang));
        }
        &self.rows[&index]
    }
}

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
        (Filter::Overturned, tr("register.filter_overturned")),
        (Filter::ListingLapsing(60), tr("register.filter_listing")),
        (Filter::UnsignedApproval, tr("register.filter_unsigned")),
    ]
}

/// Draws the register.
pub fn show(
    v: &View,
    (st, sel): (&RegisterState, &mut ScreenState),
    folder: Option<&std::path::Path>,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
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
    query_bar(v, reg, (q, &mut next), ui);
    ui.label(
        RichText::new(format!(
            "{} {} / {} — {} {}",
            tr("register.shown"),
            st.picked.len(),
            reg.rows.len(),
            tr("register.unreadable"),
            st.unreadable
        ))
        .small(),
    );
    // The columns fit 1024 px; a narrower window scrolls sideways.
    egui::ScrollArea::horizontal()
        .id_salt("register.table")
        .show(ui, |ui| table(v, (st, sel), reg, ui, &mut next, out));
    if next != *q {
        out.push(Command::RegisterQuery(next));
    }
}

/// How much room the selected row's detail takes below the table.
const DETAIL_HEIGHT: f32 = 118.0;
/// Below this width the table leaves out the file column (the detail line shows the file).
const WIDE_ENOUGH_FOR_FILES: f32 = 960.0;

/// The table: one Tab stop (the selected row's 文書番号, the first row's when none is
/// selected); ↑/↓ move the selection, Enter or a double click opens the case. Its columns
/// fit the width (at 1024 px too), and it uses the window's height above the detail line.
fn table(
    v: &View,
    (st, sel): (&RegisterState, &mut ScreenState),
    reg: &crate::core::register::Register,
    ui: &mut egui::Ui,
    next: &mut Query,
    out: &mut Vec<Command>,
) {
    let today = crate::ui::app::today();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let width = ui.available_width();
    let with_files = width >= WIDE_ENOUGH_FOR_FILES;
    let mut headers: Vec<(&str, Option<SortKey>)> = vec![
        ("register.col_number", Some(SortKey::DocumentNumber)),
        ("register.col_task", None),
        ("register.col_section", Some(SortKey::Section)),
        ("register.col_outcome", None),
        ("register.col_state", Some(SortKey::State)),
        ("register.col_review", Some(SortKey::ReviewBy)),
        ("register.col_attention", None),
    ];
    if with_files {
        headers.push(("register.col_file", Some(SortKey::Path)));
    }
    let stop_at = selected_index(st, reg, &mut sel.register_table).unwrap_or(0);
    // A click anywhere in a row chooses it: the cells' labels do not take it for selecting text.
    let selectable = std::mem::replace(&mut ui.style_mut().interaction.selectable_labels, false);
    let mut moved: Option<usize> = None;
    let height = (ui.available_height() - DETAIL_HEIGHT - row_height).max(6.0 * row_height);
    widgets::A11yTable::show(ui, &tr("register.table"), |ui, t| {
        let mut builder = TableBuilder::new(ui);
        if sel.register_table.focus_row {
            builder = builder.scroll_to_row(stop_at, None);
        }
        builder = builder
            .striped(true)
            // Resize handles would be Tab stops; full texts show on hover and in the detail line.
            .resizable(false)
            .sense(egui::Sense::CLICK)
            .auto_shrink([false, true])
            .max_scroll_height(height)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        builder = columns(builder, width, with_files);
        builder.header(row_height, |h| header((h, t), &headers, next)).body(|body| {
            body.rows(row_height, st.picked.len(), |mut row| {
                let index = row.index();
                let r = &reg.rows[st.picked[index]];
                let selected = sel.register_table.selected.as_deref() == Some(r.path.as_str());
                row.set_selected(selected);
                let c = sel.register_table.words.of(v, (reg, st.generation), st.picked[index], today);
                let mut picked = false;
                let mut open = false;
                t.col(&mut row, Some(index), |ui| {
                    let name = match &r.entry {
                        Err(_) => format!("⚠ {}", tr("register.unreadable_one")),
                        Ok(_) if c.document_number.is_empty() => tr("register.no_number"),
                        Ok(_) => c.document_number.clone(),
                    };
                    let cell = widgets::row_stop(
                        ui,
                        t,
                        &name,
                        (selected, index == stop_at),
                        &mut sel.register_table.focus_row,
                        (index, st.picked.len()),
                    );
                    moved = moved.or(cell.moved);
                    let by_key = ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Space));
                    open |= cell.clicked && by_key || cell.double_clicked;
                    picked |= cell.clicked;
                });
                match &r.entry {
                    Err(e) => {
                        t.col(&mut row, Some(index), |ui| {
                            let text = format!("{}: {e}", r.path);
                            t.text(ui, RichText::new(&text).color(ui.visuals().warn_fg_color), &text);
                        });
                        for _ in 2..headers.len() {
                            t.col(&mut row, Some(index), |_| {});
                        }
                    }
                    Ok(e) => case_cells((&mut row, t, index), e, c, with_files.then_some(r.path.as_str()), today),
                }
                let response = row.response();
                picked |= response.clicked();
                open |= response.double_clicked();
                if picked || open {
                    sel.register_table.selected = Some(r.path.clone());
                }
                if open && r.entry.is_ok() {
                    out.push(Command::Open(std::path::Path::new(&reg.folder).join(&r.path)));
                }
            });
        });
    });
    ui.style_mut().interaction.selectable_labels = selectable;
    if let Some(to) = moved {
        sel.register_table.selected = st.picked.get(to).map(|&i| reg.rows[i].path.clone());
    }
    detail(v, st, reg, &mut sel.register_table, ui, out);
}

/// The filter, section, outcome and search above the table; what the user changes goes
/// into `next`.
fn query_bar(v: &View, reg: &crate::core::register::Register, (q, next): (&Query, &mut Query), ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let options = filters();
        let current = options.iter().find(|(f, _)| *f == q.filter).map(|(_, l)| l.clone()).unwrap_or_default();
        let label = ui.label(tr("register.filter"));
        widgets::combo(
            ui,
            egui::ComboBox::from_id_salt("register.filter").height(400.0).selected_text(current),
            |ui| {
                for (f, label) in &options {
                    ui.selectable_value(&mut next.filter, *f, label);
                }
            },
        )
        .labelled_by(label.id);
        let all = tr("register.any_section");
        let label = ui.label(tr("register.col_section"));
        widgets::combo(
            ui,
            egui::ComboBox::from_id_salt("register.section")
                .selected_text(q.section.clone().unwrap_or_else(|| all.clone())),
            |ui| {
                ui.selectable_value(&mut next.section, None, &all);
                for s in reg.sections() {
                    ui.selectable_value(&mut next.section, Some(s.clone()), s);
                }
            },
        )
        .labelled_by(label.id);
        let any = tr("register.any_outcome");
        let label = ui.label(tr("register.col_outcome"));
        widgets::combo(
            ui,
            egui::ComboBox::from_id_salt("register.outcome").selected_text(
                q.outcome.map_or_else(|| any.clone(), |o| v.rules.outcome_name(o).get(v.lang).to_string()),
            ),
            |ui| {
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
            },
        )
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
}

/// The table's columns: 760 px in all without the file column (the centre of a 1024 px
/// window). A wider window widens the columns that cut most (結論, 要確認, the file), not
/// only 業務名.
fn columns(builder: TableBuilder<'_>, width: f32, with_files: bool) -> TableBuilder<'_> {
    let builder = builder
        .column(Column::exact(share(width, 0.07, 80.0, 110.0)).clip(true))
        .column(Column::remainder().at_least(140.0).clip(true))
        .column(Column::exact(share(width, 0.08, 90.0, 140.0)).clip(true))
        .column(Column::exact(share(width, 0.14, 110.0, 250.0)).clip(true))
        .column(Column::exact(84.0).clip(true))
        .column(Column::exact(share(width, 0.11, 140.0, 180.0)).clip(true))
        .column(Column::exact(share(width, 0.10, 56.0, 220.0)).clip(true));
    if with_files { builder.column(Column::exact(share(width, 0.14, 170.0, 300.0)).clip(true)) } else { builder }
}

/// The header row: a sortable column's name is a button that sorts by it (again: the other
/// way round).
fn header(
    (mut h, t): (egui_extras::TableRow<'_, '_>, widgets::A11yTable),
    headers: &[(&str, Option<SortKey>)],
    next: &mut Query,
) {
    for (key, sort) in headers {
        t.col(&mut h, None, |ui| {
            if let Some(s) = sort {
                let mark = if next.sort == *s { if next.descending { " ▼" } else { " ▲" } } else { "" };
                if ui.button(RichText::new(format!("{}{mark}", tr(key))).strong()).clicked() {
                    next.descending = next.sort == *s && !next.descending;
                    next.sort = *s;
                }
            } else {
                let text = tr(key);
                widgets::cell(ui, RichText::new(&text).strong(), &text);
            }
        });
    }
}

/// A column's width: `fraction` of the table's, kept between `least` and `most`.
fn share(width: f32, fraction: f32, least: f32, most: f32) -> f32 {
    (width * fraction).clamp(least, most)
}

/// The row the selection names, as an index into the rows shown.
fn selected_index(
    st: &RegisterState,
    reg: &crate::core::register::Register,
    table: &mut RegisterTable,
) -> Option<usize> {
    table.found.index((table.selected.as_deref(), st.generation), &st.picked, |&i| reg.rows[i].path.as_str())
}

/// The selected row in full below the table (the first row's when none is selected): what
/// the narrow columns cut, the file and, for an unreadable file, its error; and 「開く」.
fn detail(
    v: &View,
    st: &RegisterState,
    reg: &crate::core::register::Register,
    table: &mut RegisterTable,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    let index = selected_index(st, reg, table).unwrap_or(0);
    let Some(&row_index) = st.picked.get(index) else { return };
    let r = &reg.rows[row_index];
    let c = table.words.of(v, (reg, st.generation), row_index, crate::ui::app::today());
    let file = std::path::Path::new(&reg.folder).join(&r.path);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let open = ui.add_enabled(r.entry.is_ok(), egui::Button::new(tr("register.open")));
        if open.on_hover_text(file.display().to_string()).clicked() {
            out.push(Command::Open(file.clone()));
        }
        match &r.entry {
            Ok(_) => {
                let title = [c.document_number.as_str(), c.task.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                ui.strong(title);
            }
            Err(_) => {
                ui.strong(format!("⚠ {}", tr("register.unreadable_one")));
            }
        }
    });
    let line = |ui: &mut egui::Ui, key: &str, value: &str| {
        if !value.is_empty() {
            ui.label(format!("{}: {value}", tr(key)));
        }
    };
    if r.entry.is_ok() {
        ui.horizontal_wrapped(|ui| {
            line(ui, "register.col_section", &c.section);
            line(ui, "register.col_outcome", &c.outcome);
            line(ui, "register.col_state", &c.state);
            if !c.review_by.is_empty() {
                line(ui, "register.col_review", &format!("{} ({})", c.review_by, c.expiry));
            }
        });
    }
    if let Err(e) = &r.entry {
        widgets::warn(ui, e);
    }
    if !c.overturned.is_empty() {
        widgets::warn(ui, &format!("{}: {}", tr("register.filter_overturned"), c.overturned));
    }
    if let Ok(e) = &r.entry {
        let notes = attention(e, c, crate::ui::app::today());
        if !notes.is_empty() {
            widgets::warn(ui, &format!("{}: {}", tr("register.col_attention"), notes.join(" / ")));
        }
    }
    ui.label(RichText::new(format!("{}: {}　{}", tr("register.col_file"), file.display(), c.modified)).small());
}

/// What needs a look in a case (an approval outdated by a change, a self-approval, a seal
/// to check, an expiry, a record the rules disagree with), as the register words it.
fn attention<'a>(e: &Entry, c: &'a RowCells, today: chrono::NaiveDate) -> Vec<&'a str> {
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
    notes
}

/// The cells of a readable case's row after its 文書番号; the file's when `path` is given.
fn case_cells(
    (row, t, index): (&mut egui_extras::TableRow<'_, '_>, widgets::A11yTable, usize),
    e: &Entry,
    c: &RowCells,
    path: Option<&str>,
    today: chrono::NaiveDate,
) {
    for text in [&c.task, &c.section, &c.outcome, &c.state] {
        t.col(row, Some(index), |ui| {
            t.text(ui, text.as_str(), text);
        });
    }
    t.col(row, Some(index), |ui| {
        let expiry = e.expiry(today);
        let text = if c.review_by.is_empty() { String::new() } else { format!("{} ({})", c.review_by, c.expiry) };
        let color = if expiry.is_expired() {
            ui.visuals().error_fg_color
        } else if expiry.within(30) {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        t.text(ui, RichText::new(&text).color(color), &text);
    });
    t.col(row, Some(index), |ui| {
        let notes = attention(e, c, today);
        if !notes.is_empty() {
            let text = notes.join(" / ");
            t.text(ui, RichText::new(format!("⚠ {text}")).color(ui.visuals().warn_fg_color), &text);
        }
    });
    if let Some(path) = path {
        t.col(row, Some(index), |ui| {
            t.text(ui, RichText::new(path).small(), &c.modified);
        });
    }
}
