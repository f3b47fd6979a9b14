//! Step 1, case basics: the task, who prepares it, the form of outsourcing with its
//! sub-forms, a service on fixed terms (and whether free), period, budget, subcontracting.

use egui::RichText;

use crate::core::case::fields::Field;
use crate::core::edit::Edit;
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// Draws the basics form.
pub fn show(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let b = &v.case.basics;
    let emit = |out: &mut Vec<Command>, f: &dyn Fn(&mut crate::core::case::Basics)| {
        let mut nb = b.clone();
        f(&mut nb);
        out.push(Command::Edit(Edit::Basics(nb)));
    };
    // A one-line field under its name; the field's id is its path in the case.
    let line = |ui: &mut egui::Ui, f: Field, value: &str| {
        widgets::text_line(ui, widgets::field_id(f.path()), &f.name(v.lang), value)
    };
    if let Some(t) = line(ui, Field::TaskName, &b.task_name) {
        emit(out, &|nb| nb.task_name.clone_from(&t));
    }
    let summary = Field::Summary;
    if let Some(t) = widgets::text_area(ui, widgets::field_id(summary.path()), &summary.name(v.lang), &b.summary, 2) {
        emit(out, &|nb| nb.summary.clone_from(&t));
    }
    if let Some(t) = line(ui, Field::Section, &b.section) {
        emit(out, &|nb| nb.section.clone_from(&t));
    }
    if let Some(t) = line(ui, Field::Author, &b.author) {
        emit(out, &|nb| nb.author.clone_from(&t));
    }
    if let Some(t) = widgets::text_line(
        ui,
        widgets::field_id(Field::DocumentNumber.path()),
        &format!("{}{}", Field::DocumentNumber.name(v.lang), tr("basics.document_number_where")),
        &b.document_number,
    ) {
        emit(out, &|nb| nb.document_number.clone_from(&t));
    }
    let pattern = v.rules.organisation.document_number_pattern.get(v.lang);
    ui.label(RichText::new(format!("{}: {pattern}", tr("basics.document_number_pattern"))).small().weak());

    widgets::section(ui, &Field::Form.name(v.lang));
    forms(v, ui, out);

    widgets::section(ui, &tr("basics.terms_service"));
    let mut used = b.terms_service.used;
    if ui.checkbox(&mut used, tr("basics.terms_used")).changed() {
        emit(out, &|nb| nb.terms_service.used = used);
    }
    let implied = b.form.as_deref().and_then(|f| v.rules.form(f)).is_some_and(|f| f.implies_terms_service);
    if implied && !used {
        ui.label(RichText::new(tr("basics.terms_implied")).small().weak());
    }
    if used || implied {
        if let Some(t) = widgets::text_line(
            ui,
            widgets::field_id("basics.service_name"),
            &tr("basics.service_name"),
            &b.terms_service.service_name,
        ) {
            emit(out, &|nb| nb.terms_service.service_name.clone_from(&t));
        }
        let mut free = b.terms_service.free;
        if ui.checkbox(&mut free, tr("basics.free")).changed() {
            emit(out, &|nb| nb.terms_service.free = free);
        }
        if free {
            widgets::warn(ui, &tr("basics.free_note"));
        }
    }

    widgets::section(ui, &tr("basics.contract"));
    if let Some(t) = line(ui, Field::Period, &b.period) {
        emit(out, &|nb| nb.period.clone_from(&t));
    }
    if let Some(t) = line(ui, Field::Budget, &b.budget) {
        emit(out, &|nb| nb.budget.clone_from(&t));
    }
    let mut sub = b.subcontracting_expected;
    if ui.checkbox(&mut sub, tr("basics.subcontracting")).changed() {
        emit(out, &|nb| nb.subcontracting_expected = sub);
    }
}

/// The form of outsourcing: the forms are one radio group and a chosen form's subforms
/// another (one Tab stop each; the arrows move the choice).
fn forms(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let b = &v.case.basics;
    let emit = |out: &mut Vec<Command>, f: &dyn Fn(&mut crate::core::case::Basics)| {
        let mut nb = b.clone();
        f(&mut nb);
        out.push(Command::Edit(Edit::Basics(nb)));
    };
    let mut form_radios = Vec::new();
    let form_at = v.rules.forms.iter().position(|f| b.form.as_deref() == Some(f.form_id.as_str()));
    for (i, form) in v.rules.forms.iter().enumerate() {
        let selected = b.form.as_deref() == Some(form.form_id.as_str());
        let stop = i == form_at.unwrap_or(0);
        form_radios.push(
            widgets::radio(ui, widgets::field_id(("form", &form.form_id)), selected, form.label.get(v.lang), stop)
                .on_hover_text(form.description.get(v.lang)),
        );
        if selected {
            ui.indent("form-detail", |ui| {
                ui.label(RichText::new(form.description.get(v.lang)).small().weak());
                widgets::citations(ui, (v.rules, v.lang), &form.citations, out);
                let sub_at = form.subforms.iter().position(|sub| b.subform.as_deref() == Some(sub.subform_id.as_str()));
                let sub_radios: Vec<egui::Response> = form
                    .subforms
                    .iter()
                    .enumerate()
                    .map(|(i, sub)| {
                        let sub_selected = Some(i) == sub_at;
                        widgets::radio(
                            ui,
                            widgets::field_id(("subform", &sub.subform_id)),
                            sub_selected,
                            sub.label.get(v.lang),
                            i == sub_at.unwrap_or(0),
                        )
                        .on_hover_text(sub.description.get(v.lang))
                    })
                    .collect();
                if let Some(i) = widgets::radio_keys(ui, &sub_radios, sub_at).filter(|&i| Some(i) != sub_at) {
                    let id = form.subforms[i].subform_id.clone();
                    emit(out, &|nb| nb.subform = Some(id.clone()));
                }
            });
        }
    }
    if let Some(i) = widgets::radio_keys(ui, &form_radios, form_at).filter(|&i| Some(i) != form_at) {
        let id = v.rules.forms[i].form_id.clone();
        emit(out, &|nb| {
            nb.form = Some(id.clone());
            nb.subform = None;
        });
    }
}
