//! The memo preview: the same model the exports render, drawn with egui so the officer
//! sees what will be printed before exporting.

use egui::RichText;

use crate::core::memo::{Block, Memo};
use crate::tr;

use super::app::Command;

fn fields(ui: &mut egui::Ui, id: &str, rows: &[(String, String)]) {
    egui::Grid::new(id).striped(true).num_columns(2).max_col_width(420.0).show(ui, |ui| {
        for (k, v) in rows {
            ui.label(RichText::new(k).strong());
            ui.label(v);
            ui.end_row();
        }
    });
}

/// Draws the memo, with its export button.
pub fn show(ui: &mut egui::Ui, memo: &Memo, out: &mut Vec<Command>) {
    if ui.button(tr("preview.export")).clicked() {
        out.push(Command::ExportDialog);
    }
    ui.separator();
    body(ui, memo);
}

/// Draws a memo-shaped document (the memo, or the drafts).
pub fn body(ui: &mut egui::Ui, memo: &Memo) {
    fields(ui, "memo-header", &memo.header);
    if !memo.addressee.is_empty() {
        ui.label(&memo.addressee);
    }
    ui.vertical_centered(|ui| ui.heading(&memo.title));
    if let Some(d) = &memo.draft_notice {
        ui.label(RichText::new(d).color(ui.visuals().error_fg_color).strong());
    }
    for (si, s) in memo.sections.iter().enumerate() {
        ui.add_space(6.0);
        ui.label(RichText::new(&s.heading).strong().size(15.0));
        for (bi, b) in s.blocks.iter().enumerate() {
            let id = format!("memo-{si}-{bi}");
            match b {
                Block::Para(p) => {
                    ui.label(p);
                }
                Block::Fields(f) => fields(ui, &id, f),
                Block::Table { headers, rows } => {
                    egui::Grid::new(id).striped(true).num_columns(headers.len()).max_col_width(220.0).show(ui, |ui| {
                        for h in headers {
                            ui.label(RichText::new(h).strong());
                        }
                        ui.end_row();
                        for r in rows.iter().take(300) {
                            for c in r {
                                ui.label(c);
                            }
                            ui.end_row();
                        }
                    });
                    if rows.len() > 300 {
                        ui.label(format!("… +{}", rows.len() - 300));
                    }
                }
                Block::List(items) => {
                    for i in items {
                        ui.label(format!("・{i}"));
                    }
                }
                Block::Notice { text, alert } => {
                    let color = if *alert { ui.visuals().error_fg_color } else { ui.visuals().strong_text_color() };
                    egui::Frame::group(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| ui.label(RichText::new(text).strong().color(color)));
                }
            }
        }
    }
    if memo.approval.is_shown() {
        ui.add_space(6.0);
        ui.label(RichText::new(&memo.approval.heading).strong().size(15.0));
        let choices: Vec<String> =
            memo.approval.choices.iter().map(|(c, on)| format!("{} {c}", if *on { "■" } else { "□" })).collect();
        ui.label(choices.join("　"));
        fields(ui, "memo-approval", &memo.approval.fields);
    }
    ui.separator();
    ui.label(RichText::new(format!("{}: {}", memo.rule_set_label, memo.rule_set)).small());
    ui.label(RichText::new(format!("{}: {}", memo.hash_label, memo.hash)).small().monospace());
}
