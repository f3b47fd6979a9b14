//! Step 2, the 付録1 look-up: search the organisation's list, pick the matching entry or
//! a recorded judgment, or say the task is not listed and record the 責任者's judgment.

use egui::RichText;

use crate::core::case::{Appendix1Lookup, JudgementRecord};
use crate::core::edit::Edit;
use crate::core::rules::files::OutcomeKind;
use crate::tr;

use super::View;
use crate::ui::app::{Command, Screen, ScreenState};
use crate::ui::widgets;

fn class_word(important: bool) -> String {
    tr(if important { "appendix1.important" } else { "appendix1.not_important" })
}

/// Draws the look-up.
pub fn show(v: &View, st: &mut ScreenState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let a1 = &v.rules.appendix1;
    if a1.is_sample {
        widgets::warn(ui, a1.notice.get(v.lang));
    }
    let lookup = v.case.appendix1.clone();

    ui.horizontal(|ui| {
        let l = ui.label(tr("appendix1.search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut st.appendix1_search)
                    .id(widgets::field_id("appendix1.search"))
                    .hint_text(tr("appendix1.search_hint")),
            )
            .labelled_by(l.id);
        widgets::offer_focus(&search);
    });
    let q = st.appendix1_search.trim().to_lowercase();
    let matches = |ja: &str, en: &str| q.is_empty() || ja.to_lowercase().contains(&q) || en.to_lowercase().contains(&q);

    widgets::section(ui, &v.words("ui.appendix1.entries"));
    entry_radios(v, lookup.as_ref(), &matches, ui, out);
    if let Some(l) = &lookup {
        chosen_details(v, l, ui, out);
    }
}

/// What follows a choice: the officer's judgment of an unlisted task, the exclusions of
/// the chosen entry, and why this entry matches.
fn chosen_details(v: &View, l: &Appendix1Lookup, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if l.entry_id.is_none() {
        judgement_section(v, l, ui, out);
    }
    exclusions_section(v, l, ui, out);
    if let Some(t) =
        widgets::reason(ui, widgets::field_id("appendix1.rationale"), &tr("appendix1.rationale"), &l.rationale, false)
    {
        emit(out, Appendix1Lookup { rationale: t, ..l.clone() });
    }
}

/// 「…を除く」: for the chosen entry, whether this task includes each excluded work,
/// asked at once; a "yes" opens the hidden access path the exclusion names.
fn exclusions_section(v: &View, l: &Appendix1Lookup, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(entry) = l.entry_id.as_deref().and_then(|e| v.rules.appendix1_entry(e)) else { return };
    for x in &entry.exclusions {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(tr("appendix1.exclusion")).small().weak());
            ui.label(RichText::new(x.question.get(v.lang)).strong());
            let answer = l.exclusions.get(&x.exclusion_id);
            ui.horizontal(|ui| {
                let options = [(true, tr("common.yes")), (false, tr("common.no"))];
                if let Some(includes) = widgets::radio_group(
                    ui,
                    ("appendix1.exclusion", &entry.entry_id, &x.exclusion_id),
                    answer,
                    &options,
                ) {
                    let mut nl = l.clone();
                    nl.exclusions.insert(x.exclusion_id.clone(), includes);
                    emit(out, nl);
                }
            });
            if answer == Some(&true) {
                let path = v.rules.access_path(x.via);
                widgets::warn(ui, &format!("{}: {}", tr("appendix1.exclusion_yes"), path.label.get(v.lang)));
            }
            widgets::citations(ui, (v.rules, v.lang), &x.citations, out);
        });
    }
}

/// The section's own proposal for an unlisted task, carried by the request to the officer.
fn proposal(l: &Appendix1Lookup, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.label(RichText::new(tr("appendix1.proposed")).strong());
    ui.horizontal(|ui| {
        let options = [(true, class_word(true)), (false, class_word(false))];
        if let Some(p) =
            widgets::radio_group(ui, "appendix1.proposed_important", l.proposed_important.as_ref(), &options)
        {
            emit(out, Appendix1Lookup { proposed_important: Some(p), ..l.clone() });
        }
    });
    if let Some(t) = widgets::reason(
        ui,
        widgets::field_id("appendix1.proposed_reason"),
        &tr("appendix1.proposed_reason"),
        &l.proposed_reason,
        l.proposed_important.is_some(),
    ) {
        emit(out, Appendix1Lookup { proposed_reason: t, ..l.clone() });
    }
}

fn emit(out: &mut Vec<Command>, l: Appendix1Lookup) {
    out.push(Command::Edit(Edit::Appendix1(Some(l))));
}

/// An unlisted task: the 責任者's judgment once obtained (5.1(3)).
fn judgement_section(v: &View, l: &Appendix1Lookup, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.indent("judgement", |ui| {
        ui.label(RichText::new(tr("appendix1.unlisted_help")).small());
        widgets::citations(ui, (v.rules, v.lang), &v.rules.outcome_def(OutcomeKind::JudgmentRequest).citations, out);
        proposal(l, ui, out);
        let mut judged = l.judgement.is_some();
        if ui.checkbox(&mut judged, tr("appendix1.judged")).changed() {
            let judgement = judged.then(|| JudgementRecord {
                handles_important: true,
                decided_on: chrono::Local::now().format("%Y-%m-%d").to_string(),
                decided_by: String::new(),
                note: String::new(),
                condition: String::new(),
            });
            emit(out, Appendix1Lookup { judgement, ..l.clone() });
        }
        if let Some(j) = &l.judgement {
            let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut JudgementRecord)| {
                let mut nj = j.clone();
                f(&mut nj);
                emit(out, Appendix1Lookup { judgement: Some(nj), ..l.clone() });
            };
            ui.horizontal(|ui| {
                if ui.radio(j.handles_important, class_word(true)).clicked() {
                    set(out, &|nj| nj.handles_important = true);
                }
                if ui.radio(!j.handles_important, class_word(false)).clicked() {
                    set(out, &|nj| nj.handles_important = false);
                }
            });
            if let Some(t) = widgets::text_line(
                ui,
                widgets::field_id("appendix1.decided_on"),
                &tr("appendix1.decided_on"),
                &j.decided_on,
            ) {
                set(out, &|nj| nj.decided_on.clone_from(&t));
            }
            if let Some(t) = widgets::text_line(
                ui,
                widgets::field_id("appendix1.decided_by"),
                &tr("appendix1.decided_by"),
                &j.decided_by,
            ) {
                set(out, &|nj| nj.decided_by.clone_from(&t));
            }
            if let Some(t) =
                widgets::text_area(ui, widgets::field_id("appendix1.note"), &tr("appendix1.note"), &j.note, 2)
            {
                set(out, &|nj| nj.note.clone_from(&t));
            }
            // A judgment that the task handles no important information may hold only under a
            // condition (「暗号鍵を当市のみが保持する限りにおいて」): it becomes a condition of the case.
            if !j.handles_important
                && let Some(t) = widgets::text_area(
                    ui,
                    widgets::field_id("appendix1.condition"),
                    &tr("appendix1.condition"),
                    &j.condition,
                    1,
                )
            {
                set(out, &|nj| nj.condition.clone_from(&t));
            }
            if ui.link(v.words("ui.appendix1.to_upkeep")).clicked() {
                out.push(Command::Goto(Screen::Upkeep));
            }
        } else {
            ui.label(RichText::new(tr("appendix1.wait_judgement")).small().weak());
        }
    });
}

/// The entries, the officer's earlier judgments and 「掲載されていない」 as one radio group
/// (one Tab stop; the arrows move the choice), filtered by the search (`matches`).
fn entry_radios(
    v: &View,
    lookup: Option<&Appendix1Lookup>,
    matches: &dyn Fn(&str, &str) -> bool,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    let a1 = &v.rules.appendix1;
    // Each radio with what choosing it records.
    let rationale = lookup.map(|l| l.rationale.clone()).unwrap_or_default();
    let mut radios: Vec<(egui::Response, bool, Appendix1Lookup)> = Vec::new();
    // The group's Tab stop: its chosen radio, else its first.
    // A chosen radio hidden by the search leaves the first shown one as the stop.
    let entry_shown = |id: &str| a1.entries.iter().any(|e| e.entry_id == id && matches(&e.task.ja, &e.task.en));
    let any_chosen = lookup.is_some_and(|l| match (&l.entry_id, &l.judgement) {
        (Some(id), _) => entry_shown(id),
        (None, Some(r)) => a1
            .judgements
            .iter()
            .any(|j| j.decided_on == r.decided_on && j.decided_by == r.decided_by && matches(&j.task.ja, &j.task.en)),
        (None, None) => true,
    });
    let is_stop = |selected: bool, drawn: usize| selected || (!any_chosen && drawn == 0);
    for e in &a1.entries {
        if !matches(&e.task.ja, &e.task.en) {
            continue;
        }
        let selected = lookup.and_then(|l| l.entry_id.as_deref()) == Some(e.entry_id.as_str());
        ui.horizontal_wrapped(|ui| {
            let r = widgets::radio(
                ui,
                widgets::field_id(("appendix1.entry", &e.entry_id)),
                selected,
                e.task.get(v.lang),
                is_stop(selected, radios.len()),
            )
            .on_hover_text(e.reason.get(v.lang));
            ui.label(RichText::new(format!("［{}］", class_word(e.handles_important))).small());
            ui.label(RichText::new(e.citations.join(", ")).small().weak());
            let choice = Appendix1Lookup {
                entry_id: Some(e.entry_id.clone()),
                rationale: rationale.clone(),
                ..Appendix1Lookup::default()
            };
            radios.push((r, selected, choice));
        });
    }
    for j in &a1.judgements {
        if !matches(&j.task.ja, &j.task.en) {
            continue;
        }
        let selected = lookup.is_some_and(|l| {
            l.entry_id.is_none()
                && l.judgement.as_ref().is_some_and(|r| {
                    r.decided_on == j.decided_on && r.decided_by == j.decided_by && r.note == j.reason.ja
                })
        });
        ui.horizontal_wrapped(|ui| {
            let label = format!("{} {}", j.task.get(v.lang), tr("appendix1.judged_mark"));
            let r = widgets::radio(
                ui,
                widgets::field_id(("appendix1.judged", &j.decided_on, &j.decided_by, &j.task.ja)),
                selected,
                &label,
                is_stop(selected, radios.len()),
            );
            ui.label(
                RichText::new(format!("［{}］ {} {}", class_word(j.handles_important), j.decided_on, j.decided_by))
                    .small(),
            );
            let choice = Appendix1Lookup {
                entry_id: None,
                judgement: Some(JudgementRecord {
                    handles_important: j.handles_important,
                    decided_on: j.decided_on.clone(),
                    decided_by: j.decided_by.clone(),
                    note: j.reason.ja.clone(),
                    condition: j.condition.clone(),
                }),
                rationale: rationale.clone(),
                exclusions: std::collections::BTreeMap::new(),
                proposed_important: None,
                proposed_reason: String::new(),
            };
            radios.push((r, selected, choice));
        });
    }
    if radios.is_empty() {
        ui.label(RichText::new(tr("appendix1.no_match")).weak());
    }

    ui.add_space(6.0);
    let unlisted = lookup.is_some_and(|l| l.entry_id.is_none() && l.judgement.is_none());
    let r = widgets::radio(
        ui,
        widgets::field_id("appendix1.unlisted"),
        unlisted,
        &v.words("ui.appendix1.unlisted"),
        is_stop(unlisted, radios.len()),
    );
    radios.push((r, unlisted, Appendix1Lookup { rationale, ..Appendix1Lookup::default() }));
    let responses: Vec<egui::Response> = radios.iter().map(|(r, _, _)| r.clone()).collect();
    let selected_at = radios.iter().position(|(_, selected, _)| *selected);
    if let Some(i) = widgets::radio_keys(ui, &responses, selected_at).filter(|&i| Some(i) != selected_at) {
        emit(out, radios.swap_remove(i).2);
    }
}
