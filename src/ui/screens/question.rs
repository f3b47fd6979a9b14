//! A question node: its text and help, the answers as radio buttons, the reason (required
//! where the rules say so), and, for a hidden access path answered yes, the items
//! reached that way with a quick way to add one. Also the line shown for an automatic branch.

use egui::RichText;

use crate::core::case::{Access, InventoryItem};
use crate::core::edit::{self, Edit};
use crate::core::rules::{Node, NodeBody};
use crate::tr;

use super::View;
use crate::ui::app::{Command, ScreenState};
use crate::ui::widgets;

/// Draws a question.
pub fn show(v: &View, st: &mut ScreenState, node: &Node, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let NodeBody::Question { help, rationale_required, choices } = &node.body else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(node.text.get(v.lang)).strong().size(15.0));
        if !help.get(v.lang).is_empty() {
            ui.label(RichText::new(help.get(v.lang)).small());
        }
        widgets::citations(ui, (v.rules, v.lang), &node.citations, out);
        let answer = v.case.answers.get(&node.node_id);
        // Answered already by the 付録1 exclusion (step 2): said, not asked again.
        if answer.is_none()
            && let Some((choice, reason)) = crate::core::engine::answered_by_exclusion(v.rules, v.case, choices)
        {
            ui.label(RichText::new(format!("{}: {}", tr("question.answer"), choice.label.get(v.lang))).strong());
            ui.label(RichText::new(reason).small());
            if let Some(via) = choice.expects_inventory_via {
                items_via(v, st, node, via, ui, out);
            }
            return;
        }
        let rationale = answer.map(|a| a.rationale.clone()).unwrap_or_default();
        let options: Vec<(String, String)> =
            choices.iter().map(|c| (c.value.clone(), c.label.get(v.lang).to_string())).collect();
        if let Some(value) = widgets::radio_group(ui, ("question", &node.node_id), answer.map(|a| &a.value), &options) {
            out.push(Command::Edit(Edit::Answer {
                node_id: node.node_id.clone(),
                value,
                rationale: rationale.clone(),
            }));
        }
        let Some(answer) = answer else {
            ui.label(RichText::new(tr("question.choose_first")).small().weak());
            return;
        };
        if let Some(t) = widgets::reason(
            ui,
            widgets::field_id(("question.reason", &node.node_id)),
            &tr("question.reason"),
            &answer.rationale,
            *rationale_required,
        ) {
            out.push(Command::Edit(Edit::Answer {
                node_id: node.node_id.clone(),
                value: answer.value.clone(),
                rationale: t,
            }));
        }
        if let Some(at) = answer.answered_at {
            ui.label(
                RichText::new(format!("{}: {}", tr("question.answered_at"), at.format("%Y-%m-%d %H:%M")))
                    .small()
                    .weak(),
            );
        }
        let chosen = choices.iter().find(|c| c.value == answer.value);
        if let Some(via) = chosen.and_then(|c| c.expects_inventory_via) {
            items_via(v, st, node, via, ui, out);
        }
    });
}

/// The items inventoried as reached by a hidden path (`via`), and a field to add one.
fn items_via(
    v: &View,
    st: &mut ScreenState,
    node: &Node,
    via: crate::core::rules::files::AccessVia,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    ui.separator();
    ui.label(RichText::new(tr("question.items_via")).strong());
    let items: Vec<&InventoryItem> = v.case.inventory.iter().filter(|i| i.via == via).collect();
    if items.is_empty() {
        widgets::warn(ui, &tr("question.no_items_via"));
    }
    for i in items {
        let judged = match i.important {
            Some(true) => tr("inventory.important"),
            Some(false) => tr("inventory.not_important"),
            None => tr("inventory.unjudged"),
        };
        ui.label(format!("・{} ［{judged}］", i.name));
    }
    ui.horizontal(|ui| {
        let l = ui.label(tr("question.new_item"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut st.access_draft)
                    .id(widgets::field_id(("question.new_item", &node.node_id)))
                    .hint_text(tr("question.new_item_hint")),
            )
            .labelled_by(l.id);
        widgets::offer_focus(&field);
        // Enter in the field adds the item, and the field keeps the keyboard for the next.
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if entered {
            field.request_focus();
        }
        let filled = !st.access_draft.trim().is_empty();
        if (ui.add_enabled(filled, egui::Button::new(tr("question.add_item"))).clicked() || entered) && filled {
            let item = InventoryItem {
                access: Access::Accessible,
                via,
                ..InventoryItem::new(edit::next_item_id(v.case), st.access_draft.trim())
            };
            st.inventory.selected = Some(item.item_id.clone());
            st.access_draft.clear();
            out.push(Command::Edit(Edit::AddItem(item)));
        }
    });
    ui.label(RichText::new(tr("question.judge_in_inventory")).small().weak());
}

/// Draws the line for an automatic branch on a derived fact.
pub fn switch(v: &View, node: &Node, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let value = v.eval.path.iter().find(|p| p.node_id == node.node_id).and_then(|p| p.value_label.as_ref());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("⚙ {}", tr("question.automatic"))).small().weak());
        ui.label(RichText::new(node.text.get(v.lang)).small());
        if let Some(val) = value {
            ui.label(RichText::new(format!("→ {}", val.get(v.lang))).small().strong());
        }
    });
    let cites = v.eval.path.iter().find(|p| p.node_id == node.node_id).map(|p| p.citations.clone()).unwrap_or_default();
    widgets::citations(ui, (v.rules, v.lang), &cites, out);
}
