//! 付録1 upkeep (5.1(4)): the organisation's list as it stands, the judgments recorded so
//! far, and a form that records a new judgment in the rules folder through the core.

use std::path::Path;

use egui::RichText;

use crate::core::dates::DateStyle;
use crate::core::rules::files::PdfArchive;
use crate::core::rules::upkeep::Appendix1Judgement;
use crate::core::text::Text;
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// What the upkeep screen keeps between frames: the drafts of what it saves to the rules
/// folder (each taken from the rules at first).
#[derive(Debug, Default)]
pub struct UpkeepState {
    /// A 付録1 judgment being typed in.
    pub judgement: JudgementDraft,
    /// The organisation profile being edited.
    pub organisation: Option<crate::core::rules::files::OrganisationFile>,
    /// The references being edited.
    pub references: Option<crate::core::rules::files::ReferencesFile>,
    /// The clause whose references are edited (its `clause_id`).
    pub references_clause: String,
    /// The approver list being edited.
    pub approvers: Option<crate::core::rules::files::ApproversFile>,
    /// The approver being typed in before it is added to the list.
    pub approver_new: super::approvers::ApproverDraft,
}

/// What the user types on the upkeep screen before recording a judgment.
#[derive(Debug, Clone, Default)]
pub struct JudgementDraft {
    /// The task.
    pub task: String,
    /// Whether it handles important information.
    pub handles_important: bool,
    /// Date (YYYY-MM-DD).
    pub decided_on: String,
    /// Who decided.
    pub decided_by: String,
    /// Reason.
    pub reason: String,
    /// The condition the judgment holds under (empty: none).
    pub condition: String,
}

/// Draws the upkeep screen.
pub fn show(v: &View, st: &mut UpkeepState, rules_dir: Option<&Path>, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(v.words("ui.upkeep.title"));
    widgets::citations(ui, (v.rules, v.lang), &v.rules.wording("ui.upkeep.citations").1, out);
    ui.label(RichText::new(v.words("ui.upkeep.help")).small());
    match rules_dir {
        Some(d) => {
            ui.label(format!("{}: {}", tr("upkeep.folder"), d.display()));
        }
        None => {
            widgets::warn(ui, &tr("upkeep.embedded"));
        }
    }
    if ui.button(tr("upkeep.choose_folder")).clicked() {
        out.push(Command::ChooseRulesDir);
    }
    if v.rules.appendix1.is_sample {
        widgets::warn(ui, v.rules.appendix1.notice.get(v.lang));
    }

    widgets::section(ui, &v.words("ui.upkeep.list"));
    // The lists fit the form's width (the task column wraps), 1024 px with the guidance open too.
    let task_width = (ui.available_width() - 220.0).clamp(120.0, 280.0);
    egui::Grid::new("appendix1-list").striped(true).num_columns(3).max_col_width(task_width).show(ui, |ui| {
        ui.strong(tr("upkeep.task"));
        ui.strong(tr("upkeep.class"));
        ui.strong(tr("upkeep.where"));
        ui.end_row();
        for e in &v.rules.appendix1.entries {
            ui.label(e.task.get(v.lang));
            ui.label(class(e.handles_important));
            ui.label(e.citations.join(", "));
            ui.end_row();
        }
    });

    widgets::section(ui, &tr("upkeep.judgements"));
    if v.rules.appendix1.judgements.is_empty() {
        ui.label(RichText::new(tr("upkeep.no_judgements")).weak());
    } else {
        let task_width = (ui.available_width() - 300.0).clamp(120.0, 240.0);
        egui::Grid::new("judgements").striped(true).num_columns(4).max_col_width(task_width).show(ui, |ui| {
            ui.strong(tr("upkeep.task"));
            ui.strong(tr("upkeep.class"));
            ui.strong(tr("appendix1.decided_on"));
            ui.strong(tr("appendix1.decided_by"));
            ui.end_row();
            for j in &v.rules.appendix1.judgements {
                ui.label(j.task.get(v.lang)).on_hover_text(j.reason.get(v.lang));
                ui.label(class(j.handles_important));
                ui.label(&j.decided_on);
                ui.label(&j.decided_by);
                ui.end_row();
            }
        });
    }
    record_form(v, st, rules_dir, ui, out);
    organisation_form(v, st, rules_dir, ui, out);
    super::references::form(v, st, rules_dir, ui, out);
    super::approvers::form(v, st, rules_dir, ui, out);
}

/// The organisation's own words, edited in both languages and saved to the rules folder.
fn organisation_form(
    v: &View,
    st: &mut UpkeepState,
    rules_dir: Option<&Path>,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    widgets::section(ui, &tr("org.title"));
    ui.label(RichText::new(tr("org.help")).small());
    if v.rules.organisation.is_sample {
        widgets::warn(ui, v.rules.organisation.notice.get(v.lang));
    }
    let d = st.organisation.get_or_insert_with(|| v.rules.organisation.clone());
    let pair = |ui: &mut egui::Ui, key: &str, t: &mut Text| {
        for (lang, value) in [("ja", &mut t.ja), ("en", &mut t.en)] {
            let label = format!("{}（{}）", tr(key), tr(&format!("org.{lang}")));
            if let Some(new) = widgets::text_line(ui, widgets::field_id((key, lang)), &label, value) {
                *value = new;
            }
        }
    };
    pair(ui, "org.name", &mut d.name);
    pair(ui, "org.self_word", &mut d.self_word);
    pair(ui, "org.officer", &mut d.roles.officer);
    pair(ui, "org.chief_officer", &mut d.roles.chief_officer);
    pair(ui, "org.section_officer", &mut d.roles.section_officer);
    pair(ui, "org.pattern", &mut d.document_number_pattern);
    // The stamp boxes as one line per language: 課長 / 課長補佐 / 係長 / 担当.
    let mut stamps = Text {
        ja: d.stamp_boxes.iter().map(|b| b.ja.as_str()).collect::<Vec<_>>().join(" / "),
        en: d.stamp_boxes.iter().map(|b| b.en.as_str()).collect::<Vec<_>>().join(" / "),
    };
    let before = stamps.clone();
    pair(ui, "org.stamps", &mut stamps);
    if stamps != before {
        let split = |s: &str| s.split('/').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect::<Vec<_>>();
        let (ja, en) = (split(&stamps.ja), split(&stamps.en));
        d.stamp_boxes = (0..ja.len().max(en.len()))
            .map(|i| Text {
                ja: ja.get(i).cloned().unwrap_or_default(),
                en: en.get(i).or(ja.get(i)).cloned().unwrap_or_default(),
            })
            .collect();
    }
    ui.checkbox(&mut d.approval_reference_required, tr("org.reference_required"));
    // How documents write dates, each choice shown with today's date as it would print.
    ui.label(tr("org.date_style"));
    let today = crate::ui::app::today();
    for style in [DateStyle::Western, DateStyle::JapaneseEra] {
        let example = crate::core::dates::format(today, style, v.lang);
        let label = format!("{}（{example}）", tr(&format!("org.date_style.{}", style.code())));
        ui.radio_value(&mut d.date_style, style, label);
    }
    policy_fields(d, ui);
    ui.label(tr("org.pdf_archive"));
    for archive in [PdfArchive::Plain, PdfArchive::PdfA3b] {
        ui.radio_value(&mut d.pdf_archive, archive, tr(&format!("org.pdf_archive.{}", archive.code())));
    }
    let changed = *d != v.rules.organisation;
    if ui.add_enabled(changed && rules_dir.is_some(), egui::Button::new(tr("org.save"))).clicked() {
        let mut profile = d.clone();
        profile.is_sample = false;
        out.push(Command::SaveOrganisation(Box::new(profile)));
    }
    if rules_dir.is_none() {
        ui.label(RichText::new(tr("upkeep.need_folder")).small().weak());
    }
}

/// The organisation's own policy (its 対策基準), which the memo cites: title, date of the
/// version in force, where it is published. Left empty, none is named.
fn policy_fields(d: &mut crate::core::rules::files::OrganisationFile, ui: &mut egui::Ui) {
    use crate::core::rules::files::OwnPolicy;
    let mut p = d.policy.clone().unwrap_or_else(|| OwnPolicy {
        title: Text::new("", ""),
        dated: String::new(),
        published: Text::new("", ""),
    });
    let before = p.clone();
    for (key, t) in [("org.policy_title", &mut p.title), ("org.policy_published", &mut p.published)] {
        for (lang, value) in [("ja", &mut t.ja), ("en", &mut t.en)] {
            let label = format!("{}（{}）", tr(key), tr(&format!("org.{lang}")));
            if let Some(new) = widgets::text_line(ui, widgets::field_id((key, lang)), &label, value) {
                *value = new;
            }
        }
    }
    if let Some(new) = widgets::text_line(ui, widgets::field_id("org.policy_dated"), &tr("org.policy_dated"), &p.dated)
    {
        p.dated = new;
    }
    if p != before {
        let empty =
            [&p.title.ja, &p.title.en, &p.published.ja, &p.published.en, &p.dated].iter().all(|s| s.trim().is_empty());
        d.policy = (!empty).then_some(p);
    }
}

/// The form that records a new judgment (5.1(4)) in the rules folder.
fn record_form(v: &View, st: &mut UpkeepState, rules_dir: Option<&Path>, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    widgets::section(ui, &tr("upkeep.record"));
    let d = &mut st.judgement;
    if d.decided_on.is_empty() {
        d.decided_on = chrono::Local::now().format("%Y-%m-%d").to_string();
    }
    if d.task.is_empty()
        && !v.case.basics.task_name.is_empty()
        && v.case.appendix1.as_ref().is_some_and(|l| l.entry_id.is_none())
    {
        d.task.clone_from(&v.case.basics.task_name);
    }
    if let Some(t) = widgets::text_line(ui, widgets::field_id("upkeep.task"), &tr("upkeep.task"), &d.task) {
        d.task = t;
    }
    ui.horizontal(|ui| {
        ui.label(tr("upkeep.class"));
        if ui.radio(d.handles_important, class(true)).clicked() {
            d.handles_important = true;
        }
        if ui.radio(!d.handles_important, class(false)).clicked() {
            d.handles_important = false;
        }
    });
    if let Some(t) = widgets::text_line(
        ui,
        widgets::field_id("upkeep.appendix1.decided_on"),
        &tr("appendix1.decided_on"),
        &d.decided_on,
    ) {
        d.decided_on = t;
    }
    if let Some(t) = widgets::text_line(
        ui,
        widgets::field_id("upkeep.appendix1.decided_by"),
        &tr("appendix1.decided_by"),
        &d.decided_by,
    ) {
        d.decided_by = t;
    }
    if let Some(t) = widgets::reason(ui, widgets::field_id("upkeep.reason"), &tr("upkeep.reason"), &d.reason, true) {
        d.reason = t;
    }
    if !d.handles_important
        && let Some(t) = widgets::text_area(
            ui,
            widgets::field_id("upkeep.appendix1.condition"),
            &tr("appendix1.condition"),
            &d.condition,
            1,
        )
    {
        d.condition = t;
    }
    let date_ok = chrono::NaiveDate::parse_from_str(d.decided_on.trim(), "%Y-%m-%d").is_ok();
    if !date_ok {
        widgets::warn(ui, &tr("upkeep.bad_date"));
    }
    let ready = date_ok && !d.task.trim().is_empty() && !d.decided_by.trim().is_empty() && !d.reason.trim().is_empty();
    if ui.add_enabled(ready, egui::Button::new(tr("upkeep.record_button"))).clicked() {
        out.push(Command::RecordJudgement(Appendix1Judgement {
            judgement_id: String::new(),
            task: Text { ja: d.task.trim().to_string(), en: String::new() },
            handles_important: d.handles_important,
            decided_on: d.decided_on.trim().to_string(),
            decided_by: d.decided_by.trim().to_string(),
            reason: Text { ja: d.reason.trim().to_string(), en: String::new() },
            condition: if d.handles_important { String::new() } else { d.condition.trim().to_string() },
            citations: Vec::new(),
        }));
    }
    if rules_dir.is_none() {
        ui.label(RichText::new(tr("upkeep.need_folder")).small().weak());
    }
}

fn class(important: bool) -> String {
    tr(if important { "appendix1.important" } else { "appendix1.not_important" })
}
