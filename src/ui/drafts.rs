//! The drafts dialog: the choices the procurement-spec and contract drafts depend on —
//! those the case decides shown with the fact that decides them, the rest as radio
//! buttons (open until chosen) — and the export. Pushes commands; changes nothing itself.

use egui::RichText;

use crate::core::drafts::choices::{Chosen, relevant};
use crate::core::edit::Edit;
use crate::tr;

use super::app::{App, Command};
use super::widgets;

/// Draws the dialog's body.
pub(super) fn show(app: &App, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let lang = app.lang;
    ui.heading(tr("drafts.title"));
    ui.label(RichText::new(tr("drafts.help")).small());
    if app.case.basics.form.is_none() {
        widgets::warn(ui, &tr("drafts.no_form"));
        if ui.button(tr("common.close")).clicked() {
            out.push(Command::CloseDialog);
        }
        return;
    }
    let usable = app.eval.outcome.as_ref().is_some_and(|o| {
        use crate::core::rules::files::OutcomeKind::{Permitted, PermittedNarrowed};
        matches!(o.outcome, Permitted | PermittedNarrowed) || app.case.decision().is_some()
    });
    if !usable {
        widgets::warn(ui, &tr("drafts.not_usable"));
    }
    let states = relevant(&app.rules, &app.case, &app.eval, lang);
    let open = states.iter().filter(|s| s.chosen == Chosen::Open).count();
    ui.label(format!("{}: {open} / {}", tr("drafts.open"), states.len()));
    // As tall as the screen allows (half the window), the rest scrolled, and a choice Tab
    // reaches is scrolled into view.
    let tall = (ui.ctx().content_rect().height() - 420.0).clamp(200.0, 520.0);
    egui::ScrollArea::vertical().id_salt("drafts-choices").max_height(tall).show(ui, |ui| {
        for s in &states {
            ui.separator();
            ui.label(RichText::new(s.def.question.get(lang)).strong());
            ui.label(RichText::new(s.def.help.get(lang)).small().weak());
            let label = |o: &str| {
                s.def
                    .options
                    .iter()
                    .find(|x| x.option_id == o)
                    .map_or_else(|| o.to_string(), |x| x.label.get(lang).to_string())
            };
            match &s.chosen {
                Chosen::ByCase { option, why } => {
                    ui.label(format!("{}: {} （{why}）", tr("drafts.by_case"), label(option)));
                }
                Chosen::ByUser(_) | Chosen::Open => {
                    let mut options: Vec<(Option<String>, String)> = s
                        .def
                        .options
                        .iter()
                        .map(|o| (Some(o.option_id.clone()), o.label.get(lang).to_string()))
                        .collect();
                    options.push((None, tr("drafts.open")));
                    let selected = s.chosen.option().map(str::to_string);
                    ui.push_id(&s.def.choice_id, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            if let Some(picked) =
                                widgets::radio_group(ui, ("drafts.choice", &s.def.choice_id), Some(&selected), &options)
                            {
                                out.push(Command::Edit(Edit::DraftChoice {
                                    choice_id: s.def.choice_id.clone(),
                                    option_id: picked,
                                }));
                            }
                        });
                    });
                }
            }
        }
        widgets::keep_focus_in_view(ui);
    });
    ui.separator();
    // The drafts as they stand, rebuilt each frame (a fraction of a millisecond), so each
    // choice shows its effect at once.
    egui::CollapsingHeader::new(tr("drafts.preview")).id_salt("drafts-preview").show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("drafts-preview-scroll").max_height(280.0).show(ui, |ui| {
            match app.drafts() {
                Ok(d) => super::preview::body(ui, &d),
                Err(e) => widgets::warn(ui, &e.to_string()),
            }
        });
    });
    ui.horizontal(|ui| {
        if ui.button(tr("drafts.export")).clicked() {
            out.push(Command::ExportDraftsDialog);
        }
        if ui.button(tr("common.close")).clicked() {
            out.push(Command::CloseDialog);
        }
    });
}
