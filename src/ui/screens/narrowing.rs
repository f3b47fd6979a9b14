//! Step 5, narrowing (5.2(2)): for each important item, the measures that keep it away
//! from the contractor, with the outcome re-evaluated live as they are recorded.

use egui::RichText;

use crate::core::case::{InventoryItem, NarrowingRecord};
use crate::core::edit::Edit;
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// Draws the narrowing screen.
pub fn show(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(tr("narrowing.live")).strong());
            if let Some(o) = &v.eval.outcome {
                widgets::outcome_badge(ui, v.rules, v.lang, o.outcome);
            } else {
                let remaining = v
                    .case
                    .inventory
                    .iter()
                    .filter(|i| i.important == Some(true) && !v.case.is_removed(&i.item_id))
                    .count();
                ui.label(format!("{}: {remaining}", tr("narrowing.remaining")));
            }
        });
        ui.label(RichText::new(tr("narrowing.what_if")).small());
    });
    let important: Vec<&InventoryItem> = v.case.inventory.iter().filter(|i| i.important == Some(true)).collect();
    if important.is_empty() {
        ui.label(tr("narrowing.none"));
    }
    for item in important {
        ui.push_id(&item.item_id, |ui| item_block(v, item, ui, out));
    }
}

/// One important item: whether the contractor still handles it (asked, never assumed), the
/// measures, the method and the reason, whose label follows the choice.
fn item_block(v: &View, item: &InventoryItem, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let existing = v.case.narrowing_for(&item.item_id);
    let decided = existing.map(|r| r.removes_item);
    let record = existing.cloned().unwrap_or(NarrowingRecord {
        item_id: item.item_id.clone(),
        measures: Vec::new(),
        detail: String::new(),
        removes_item: false,
        reason: String::new(),
    });
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut NarrowingRecord)| {
        let mut nr = record.clone();
        f(&mut nr);
        out.push(Command::Edit(Edit::Narrowing(nr)));
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&item.name).strong().size(15.0));
            if v.case.is_removed(&item.item_id) {
                ui.label(RichText::new(tr("narrowing.removed")).color(widgets::outcome_color(
                    crate::core::rules::files::OutcomeKind::Permitted,
                    ui.visuals().dark_mode,
                )));
            }
        });
        if !item.reason.is_empty() {
            ui.label(RichText::new(&item.reason).small().weak());
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(tr("narrowing.handles"));
            let options = [(true, tr("narrowing.removes")), (false, tr("narrowing.keeps"))];
            if let Some(removes) =
                widgets::radio_group(ui, ("narrowing.removes", &item.item_id), decided.as_ref(), &options)
            {
                set(out, &|nr| nr.removes_item = removes);
            }
        });
        for m in &v.rules.narrowing {
            let mut on = record.measures.contains(&m.narrowing_id);
            let r = ui.checkbox(&mut on, m.label.get(v.lang)).on_hover_text(m.description.get(v.lang));
            if r.changed() {
                let id = m.narrowing_id.clone();
                // Ticking the first measure before choosing says "narrow it": one action, not two.
                let first_choice = decided.is_none() && on;
                set(out, &|nr| {
                    nr.measures.retain(|x| x != &id);
                    if on {
                        nr.measures.push(id.clone());
                    }
                    if first_choice {
                        nr.removes_item = true;
                    }
                });
            }
        }
        if let Some(t) = widgets::text_area(
            ui,
            widgets::field_id(("narrowing.detail", &record.item_id)),
            &tr("narrowing.detail"),
            &record.detail,
            2,
        ) {
            set(out, &|nr| nr.detail.clone_from(&t));
        }
        let label = match decided {
            Some(true) => tr("narrowing.reason_removes"),
            Some(false) => tr("narrowing.reason_keeps"),
            None => {
                ui.label(RichText::new(tr("narrowing.choose_first")).small().weak());
                widgets::citations(ui, (v.rules, v.lang), &v.rules.step_citations("narrowing"), out);
                return;
            }
        };
        if let Some(t) =
            widgets::reason(ui, widgets::field_id(("narrowing.reason", &record.item_id)), &label, &record.reason, true)
        {
            set(out, &|nr| nr.reason.clone_from(&t));
        }
        // Below the fields, so that it appearing never moves a field being typed in.
        if decided == Some(true) && record.measures.is_empty() {
            widgets::warn(ui, &tr("narrowing.need_measure"));
        }
        widgets::citations(ui, (v.rules, v.lang), &v.rules.step_citations("narrowing"), out);
    });
}
