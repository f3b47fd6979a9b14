//! Step 7, the exception risk analysis (5.1(5)): threats from the catalogue, likelihood ×
//! impact before and after countermeasures from the catalogue, the residual level from
//! the core's risk matrix, and before/after heat maps. Rows are drawn only where visible.

use egui::{Color32, RichText, Sense, Stroke, vec2};
use egui_extras::{Column, TableBuilder};

use crate::core::case::RiskRow;
use crate::core::edit::{self, Edit};
use crate::core::risk::RiskLevel;
use crate::tr;

use super::{SelectedRow, View};
use crate::ui::app::Command;
use crate::ui::widgets;

/// What the risk screen keeps between frames (not part of the case).
#[derive(Debug, Default)]
pub struct RiskState {
    /// The row being edited (its row id).
    pub selected: Option<String>,
    /// The table's row stop takes the focus when next drawn (the arrows moved it).
    pub focus_row: bool,
    /// Where the selected row is in the table.
    pub found: SelectedRow,
    /// The heat maps' counts and the worst level left, and the case revision they were
    /// counted at: counted again when the case changes, not on every frame (each map read
    /// every row once per cell: at 10 000 rows on the shipped 3 × 3 grid, 180 000 reads a
    /// frame).
    pub summary: Option<(u64, RiskSummary)>,
}

/// What the risk screen shows of all its rows together.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RiskSummary {
    /// Rows per likelihood × impact cell before the countermeasures, likelihood-major
    /// (`(l - 1) * max_impact + (i - 1)`).
    pub before: Vec<usize>,
    /// The same after the countermeasures.
    pub after: Vec<usize>,
    /// Rows whose level after the countermeasures is high.
    pub high_after: usize,
    /// The worst level after the countermeasures.
    pub worst: Option<RiskLevel>,
}

impl RiskSummary {
    /// Where likelihood `l` × impact `i` (each from 1) stands in [`Self::before`] and
    /// [`Self::after`], on a grid `max_i` impacts wide.
    fn cell(max_i: u8, l: u8, i: u8) -> usize {
        usize::from(l - 1) * usize::from(max_i) + usize::from(i - 1)
    }

    /// Counts `rows` on the rules' likelihood × impact grid.
    fn of(v: &View) -> Self {
        let th = v.rules.thresholds();
        let (max_l, max_i) = (v.rules.max_likelihood(), v.rules.max_impact());
        let cells = usize::from(max_l) * usize::from(max_i);
        let mut summary = Self { before: vec![0; cells], after: vec![0; cells], ..Self::default() };
        // A value off the grid (a case written for other rules) counts in no cell.
        let cell =
            |l: u8, i: u8| ((1..=max_l).contains(&l) && (1..=max_i).contains(&i)).then(|| Self::cell(max_i, l, i));
        for r in &v.case.risk {
            if let Some(c) = cell(r.likelihood_before, r.impact_before) {
                summary.before[c] += 1;
            }
            if let Some(c) = cell(r.likelihood_after, r.impact_after) {
                summary.after[c] += 1;
            }
            let after = th.level(r.likelihood_after, r.impact_after);
            summary.high_after += usize::from(after == RiskLevel::High);
            summary.worst = summary.worst.max(Some(after));
        }
        summary
    }
}

/// The risk screen's summary at the case's revision, counted again only when it changed.
fn summary<'a>(v: &View, st: &'a mut RiskState) -> &'a RiskSummary {
    if st.summary.as_ref().is_none_or(|(revision, _)| *revision != v.revision) {
        st.summary = Some((v.revision, RiskSummary::of(v)));
    }
    &st.summary.as_ref().expect("counted above").1
}

/// Where the selected row is in the risk analysis.
fn selected_index(v: &View, st: &mut RiskState) -> Option<usize> {
    st.found.index((st.selected.as_deref(), v.revision), &v.case.risk, |r| &r.row_id)
}

/// Draws the risk analysis.
pub fn show(v: &View, st: &mut RiskState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let rows = &v.case.risk;
    widgets::citations(ui, (v.rules, v.lang), &v.rules.threats.risk_matrix.citations, out);

    let RiskSummary { before, after, high_after, worst } = summary(v, st).clone();
    ui.horizontal(|ui| {
        heat_map(v, ui, &tr("risk.before"), &before);
        ui.add_space(16.0);
        heat_map(v, ui, &tr("risk.after"), &after);
    });
    ui.horizontal(|ui| {
        ui.label(format!("{}: {}", tr("risk.rows"), rows.len()));
        if let Some(w) = worst {
            ui.label(format!("{}:", tr("risk.worst_after")));
            ui.label(RichText::new(widgets::risk_name(w)).strong().color(widgets::risk_color(w)));
        }
    });
    if high_after > 0 {
        widgets::warn(ui, &format!("{} ({high_after})", tr("risk.high_remains")));
    }

    ui.horizontal(|ui| {
        if ui.button(tr("risk.add")).clicked() {
            let threat = v.rules.threats.threats.first();
            let max_l = v.rules.max_likelihood();
            let max_i = v.rules.max_impact();
            let row = RiskRow {
                row_id: edit::next_risk_id(v.case),
                threat_id: threat.map(|t| t.threat_id.clone()).unwrap_or_default(),
                likelihood_before: max_l,
                impact_before: max_i,
                countermeasures: Vec::new(),
                no_effective_countermeasure: false,
                likelihood_after: max_l,
                impact_after: max_i,
                note: String::new(),
                residual_reason: String::new(),
            };
            st.selected = Some(row.row_id.clone());
            out.push(Command::Edit(Edit::AddRisk(row)));
        }
        let selected = selected_index(v, st).map(|i| rows[i].row_id.clone());
        if ui.add_enabled(selected.is_some(), egui::Button::new(tr("risk.remove"))).clicked()
            && let Some(id) = selected
        {
            st.selected = None;
            out.push(Command::Edit(Edit::RemoveRisk { row_id: id }));
        }
    });

    table(v, st, ui);

    // 5.1(5): an exception is permitted for a period; the section proposes it, the
    // 情報セキュリティ責任者 confirms or sets it when deciding.
    ui.add_space(8.0);
    if let Some(t) = widgets::text_line(
        ui,
        widgets::field_id("risk.proposed_review_by"),
        &tr("risk.proposed_review_by"),
        &v.case.proposed_review_by,
    ) {
        out.push(Command::Edit(Edit::ProposedReviewBy(t.trim().to_string())));
    }
    ui.label(RichText::new(tr("risk.proposed_review_by_help")).small().weak());

    if let Some(r) = selected_index(v, st).map(|i| &rows[i]) {
        ui.separator();
        editor(v, r, ui, out);
    } else {
        ui.label(RichText::new(tr("risk.select_hint")).weak());
    }
}

/// The table; only the visible rows are laid out. One Tab stop, as the inventory's: the
/// selected row's threat (the first row's when none is), the arrows move the selection.
fn table(v: &View, st: &mut RiskState, ui: &mut egui::Ui) {
    // Narrower than its columns, the table scrolls sideways instead of hiding the last ones.
    egui::ScrollArea::horizontal().id_salt("risk-table-x").show(ui, |ui| {
        widgets::A11yTable::show(ui, &tr("risk.table"), |ui, t| rows(v, st, ui, t));
    });
}

/// The table's rows, announced as table rows and cells ([`widgets::A11yTable`]).
fn rows(v: &View, st: &mut RiskState, ui: &mut egui::Ui, t: widgets::A11yTable) {
    let th = v.rules.thresholds();
    let rows = &v.case.risk;
    let stop_at = selected_index(v, st).unwrap_or(0);
    let mut moved: Option<usize> = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ui.push_id("risk-table", |ui| {
        // A click anywhere in a row chooses it: the cells' labels do not take it for selecting text.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui);
        if st.focus_row {
            builder = builder.scroll_to_row(stop_at, None);
        }
        builder
            .striped(true)
            // No resize handles in the Tab order (see the inventory's table).
            .resizable(false)
            .sense(Sense::CLICK)
            .max_scroll_height(280.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(150.0).at_least(80.0).clip(true))
            .columns(Column::initial(58.0).clip(true), 3)
            .column(Column::initial(40.0))
            .columns(Column::initial(58.0).clip(true), 3)
            .column(Column::remainder().at_least(40.0).clip(true))
            .header(row_height, |mut h| {
                for key in [
                    "risk.threat",
                    "risk.l_before",
                    "risk.i_before",
                    "risk.level_before",
                    "risk.measures",
                    "risk.l_after",
                    "risk.i_after",
                    "risk.level_after",
                    "risk.note",
                ] {
                    t.col(&mut h, None, |ui| {
                        ui.strong(tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let index = row.index();
                    let r = &rows[index];
                    let selected = st.selected.as_deref() == Some(r.row_id.as_str());
                    row.set_selected(selected);
                    let mut clicked = false;
                    t.col(&mut row, Some(index), |ui| {
                        let name = v.rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(v.lang));
                        let stop = (selected, index == stop_at);
                        let cell = widgets::row_stop(ui, t, name, stop, &mut st.focus_row, (index, rows.len()));
                        moved = moved.or(cell.moved);
                        clicked |= cell.clicked;
                    });
                    let before = th.level(r.likelihood_before, r.impact_before);
                    let after = th.level(r.likelihood_after, r.impact_after);
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.likelihood_before.to_string(), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.impact_before.to_string(), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, RichText::new(widgets::risk_name(before)).color(widgets::risk_color(before)), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.countermeasures.len().to_string(), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.likelihood_after.to_string(), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.impact_after.to_string(), "");
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(
                            ui,
                            RichText::new(widgets::risk_name(after)).strong().color(widgets::risk_color(after)),
                            "",
                        );
                    });
                    t.col(&mut row, Some(index), |ui| {
                        t.text(ui, r.note.lines().next().unwrap_or(""), &r.note);
                    });
                    if clicked || row.response().clicked() {
                        st.selected = Some(r.row_id.clone());
                    }
                });
            });
    });
    if let Some(to) = moved {
        st.selected = Some(rows[to].row_id.clone());
    }
}

fn level_picker(ui: &mut egui::Ui, label: &str, value: u8, max: u8, id: &str) -> Option<u8> {
    let mut picked = None;
    ui.horizontal(|ui| {
        let l = ui.label(label);
        widgets::combo(ui, egui::ComboBox::from_id_salt(id).selected_text(value.to_string()).width(60.0), |ui| {
            for n in 1..=max {
                if ui.selectable_label(n == value, n.to_string()).clicked() && n != value {
                    picked = Some(n);
                }
            }
        })
        .labelled_by(l.id);
    });
    picked
}

fn editor(v: &View, r: &RiskRow, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut RiskRow)| {
        let mut nr = r.clone();
        f(&mut nr);
        out.push(Command::Edit(Edit::UpdateRisk(nr)));
    };
    let th = v.rules.thresholds();
    ui.push_id(("risk-editor", &r.row_id), |ui| {
        widgets::section(ui, &format!("{} ({})", tr("risk.edit"), r.row_id));
        ui.horizontal(|ui| {
            let l = ui.label(tr("risk.threat"));
            let current = v.rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(v.lang));
            widgets::combo(ui, egui::ComboBox::from_id_salt("threat").selected_text(current).width(320.0), |ui| {
                for t in &v.rules.threats.threats {
                    if ui.selectable_label(t.threat_id == r.threat_id, t.name.get(v.lang)).clicked() {
                        let id = t.threat_id.clone();
                        set(out, &|nr| nr.threat_id.clone_from(&id));
                    }
                }
            })
            .labelled_by(l.id);
        });
        let threat = v.rules.threat(&r.threat_id);
        if let Some(t) = threat {
            ui.label(RichText::new(t.description.get(v.lang)).small());
            widgets::citations(ui, (v.rules, v.lang), &t.citations, out);
        }
        let (max_l, max_i) = (v.rules.max_likelihood(), v.rules.max_impact());
        ui.columns(2, |cols| {
            cols[0].label(RichText::new(tr("risk.before")).strong());
            if let Some(n) = level_picker(&mut cols[0], &tr("risk.likelihood"), r.likelihood_before, max_l, "lb") {
                set(out, &|nr| nr.likelihood_before = n);
            }
            if let Some(n) = level_picker(&mut cols[0], &tr("risk.impact"), r.impact_before, max_i, "ib") {
                set(out, &|nr| nr.impact_before = n);
            }
            let lb = th.level(r.likelihood_before, r.impact_before);
            cols[0].label(RichText::new(widgets::risk_name(lb)).color(widgets::risk_color(lb)));
            cols[1].label(RichText::new(tr("risk.after")).strong());
            if let Some(n) = level_picker(&mut cols[1], &tr("risk.likelihood"), r.likelihood_after, max_l, "la") {
                set(out, &|nr| nr.likelihood_after = n);
            }
            if let Some(n) = level_picker(&mut cols[1], &tr("risk.impact"), r.impact_after, max_i, "ia") {
                set(out, &|nr| nr.impact_after = n);
            }
            let la = th.level(r.likelihood_after, r.impact_after);
            cols[1].label(RichText::new(widgets::risk_name(la)).strong().color(widgets::risk_color(la)));
        });
        if r.likelihood_after > r.likelihood_before || r.impact_after > r.impact_before {
            widgets::warn(ui, &tr("risk.after_higher"));
        }
        countermeasures(v, r, threat, ui, out);
        ui.label(RichText::new(tr("risk.suggested")).small().weak());
        if let Some(t) =
            widgets::text_area(ui, widgets::field_id(("risk.note", &r.row_id)), &tr("risk.note"), &r.note, 2)
        {
            set(out, &|nr| nr.note.clone_from(&t));
        }
        // 5.1(5): a residual 高 in an exception request needs its own reason.
        if th.level(r.likelihood_after, r.impact_after) == crate::core::risk::RiskLevel::High
            && let Some(t) = widgets::reason(
                ui,
                widgets::field_id(("risk.residual_reason", &r.row_id)),
                &tr("risk.residual_reason"),
                &r.residual_reason,
                true,
            )
        {
            set(out, &|nr| nr.residual_reason.clone_from(&t));
        }
    });
}

/// A likelihood × impact grid, each cell coloured by its level and showing how many rows
/// fall in it (`counts`, likelihood-major as [`RiskSummary`] keeps them).
fn heat_map(v: &View, ui: &mut egui::Ui, title: &str, counts: &[usize]) {
    let th = v.rules.thresholds();
    let (max_l, max_i) = (v.rules.max_likelihood(), v.rules.max_impact());
    ui.vertical(|ui| {
        ui.label(RichText::new(title).strong());
        let cell = 34.0;
        let (rect, response) = ui
            .allocate_exact_size(vec2(cell * f32::from(max_i) + 24.0, cell * f32::from(max_l) + 20.0), Sense::hover());
        let painter = ui.painter_at(rect);
        let text_color = ui.visuals().text_color();
        let mut summary = Vec::new();
        for l in 1..=max_l {
            for i in 1..=max_i {
                let count = counts[RiskSummary::cell(max_i, l, i)];
                let x = rect.left() + 24.0 + cell * f32::from(i - 1);
                let y = rect.top() + cell * f32::from(max_l - l);
                let r = egui::Rect::from_min_size(egui::pos2(x, y), vec2(cell - 2.0, cell - 2.0));
                let level = th.level(l, i);
                let base = widgets::risk_color(level);
                let fill = if count > 0 { base } else { base.gamma_multiply(0.25) };
                painter.rect_filled(r, 3.0, fill);
                if count > 0 {
                    painter.rect_stroke(r, 3.0, Stroke::new(1.0, Color32::BLACK), egui::StrokeKind::Inside);
                    painter.text(
                        r.center(),
                        egui::Align2::CENTER_CENTER,
                        count.to_string(),
                        egui::FontId::proportional(14.0),
                        Color32::BLACK,
                    );
                    summary.push(format!("L{l}×I{i}: {count}"));
                }
            }
            painter.text(
                egui::pos2(rect.left() + 10.0, rect.top() + cell * f32::from(max_l - l) + cell / 2.0),
                egui::Align2::CENTER_CENTER,
                l.to_string(),
                egui::FontId::proportional(12.0),
                text_color,
            );
        }
        for i in 1..=max_i {
            painter.text(
                egui::pos2(rect.left() + 24.0 + cell * f32::from(i - 1) + cell / 2.0, rect.bottom() - 9.0),
                egui::Align2::CENTER_CENTER,
                i.to_string(),
                egui::FontId::proportional(12.0),
                text_color,
            );
        }
        let label = format!(
            "{title} — {}: {}",
            tr("risk.heat_map"),
            if summary.is_empty() { "—".into() } else { summary.join(", ") }
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        ui.label(RichText::new(format!("{} ↑ / {} →", tr("risk.likelihood"), tr("risk.impact"))).small().weak());
    });
}

/// The countermeasure checkboxes of a risk row, or the honest "none is effective".
fn countermeasures(
    v: &View,
    r: &RiskRow,
    threat: Option<&crate::core::rules::files::ThreatDef>,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut RiskRow)| {
        let mut nr = r.clone();
        f(&mut nr);
        out.push(Command::Edit(Edit::UpdateRisk(nr)));
    };
    widgets::section(ui, &tr("risk.measures"));
    // No effective countermeasure is a finding, recorded as such, not a fake pick.
    let mut none = r.no_effective_countermeasure;
    if ui.checkbox(&mut none, tr("risk.no_countermeasure")).changed() {
        set(out, &|nr| {
            nr.no_effective_countermeasure = none;
            if none {
                nr.countermeasures.clear();
                nr.likelihood_after = nr.likelihood_before;
                nr.impact_after = nr.impact_before;
            }
        });
    }
    let suggested: Vec<&String> = threat.map(|t| t.suggested_countermeasures.iter().collect()).unwrap_or_default();
    for c in v.rules.countermeasures.iter().filter(|_| !r.no_effective_countermeasure) {
        let mut on = r.countermeasures.contains(&c.countermeasure_id);
        let mut label = c.label.get(v.lang).to_string();
        if suggested.contains(&&c.countermeasure_id) {
            label = format!("★ {label}");
        }
        if ui.checkbox(&mut on, label).on_hover_text(c.citations.join(", ")).changed() {
            let id = c.countermeasure_id.clone();
            set(out, &|nr| {
                nr.countermeasures.retain(|x| x != &id);
                if on {
                    nr.countermeasures.push(id.clone());
                }
            });
        }
    }
}
