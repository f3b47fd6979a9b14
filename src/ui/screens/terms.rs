//! Step 6, the 表4 checklist (7.6(1), 5.2(5)): how the terms of a service treat each
//! caution, with the clause of the terms, a note (the reason, for an accepted risk), and
//! the data location, governing law and court.

use egui::RichText;

use crate::core::case::{TermsRow, TermsStatus};
use crate::core::edit::Edit;
use crate::core::rules::files::CautionGroup;
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

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
pub fn show(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    terms_meta(v, ui, out);
    checklist(v, ui, out);
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

/// One row per caution of 表4 and 5.2(5).
fn checklist(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let tc = &v.case.terms_check;
    let checked = v.rules.cautions.iter().filter(|c| tc.rows.iter().any(|r| r.caution_id == c.caution_id)).count();
    ui.label(format!("{}: {checked} / {}", tr("terms.progress"), v.rules.cautions.len()));

    for (group, title) in [(CautionGroup::Table4, "ui.terms.table4"), (CautionGroup::Clause525, "ui.terms.clause525")] {
        widgets::section(ui, &v.words(title));
        for caution in v.rules.cautions.iter().filter(|c| c.group == group) {
            ui.push_id(&caution.caution_id, |ui| {
                let row = tc.rows.iter().find(|r| r.caution_id == caution.caution_id);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let cited = caution.citations.first().cloned().unwrap_or_default();
                    ui.horizontal_wrapped(|ui| {
                        if ui.small_button(&cited).clicked() {
                            out.push(Command::ShowClause(cited.clone()));
                        }
                        ui.label(caution.text.get(v.lang));
                    });
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
                        widgets::combo(
                            ui,
                            egui::ComboBox::from_id_salt("status").selected_text(status_word(status)).width(220.0),
                            |ui| {
                                for s in STATUSES {
                                    if ui.selectable_label(status == Some(s), status_word(Some(s))).clicked() {
                                        set(out, &|nr| nr.status = s);
                                    }
                                }
                                if status.is_some() && ui.selectable_label(false, status_word(None)).clicked() {
                                    out.push(Command::Edit(Edit::RemoveTermsRow {
                                        caution_id: caution.caution_id.clone(),
                                    }));
                                }
                            },
                        )
                        .labelled_by(l.id);
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
                        if let Some(t) = widgets::reason(
                            ui,
                            widgets::field_id(("terms.note", &r.caution_id)),
                            &label,
                            &r.note,
                            required,
                        ) {
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
    }
}
