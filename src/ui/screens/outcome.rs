//! The outcome with its basis, warnings and answers no longer used; and the review screen
//! that lists every answer and reason, each linking back to its step.

use egui::RichText;

use crate::core::engine::PathKind;
use crate::core::rules::files::Severity;
use crate::tr;

use super::View;
use crate::ui::app::{Command, Screen};
use crate::ui::widgets;

/// Draws the outcome.
pub fn show(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(o) = &v.eval.outcome else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(tr("outcome.result")).strong().size(16.0));
            widgets::outcome_badge(ui, o.outcome);
        });
        ui.label(RichText::new(o.title.get(v.lang)).strong().size(18.0));
        ui.label(o.explanation.get(v.lang));
        widgets::citations(ui, &o.basis_citations, out);
    });
    warnings(v, ui, out);
    if !v.eval.stale_answers.is_empty() {
        widgets::section(ui, &tr("outcome.stale"));
        for n in &v.eval.stale_answers {
            if let Some(node) = v.rules.node(n)
                && ui.link(format!("・{}", node.text.get(v.lang))).clicked()
            {
                out.push(Command::Goto(Screen::Step(node.step)));
            }
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new(tr("outcome.next")).small());
}

fn warnings(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if v.eval.warnings.is_empty() {
        return;
    }
    widgets::section(ui, &format!("{} ({})", tr("sidebar.warnings"), v.eval.warnings.len()));
    for w in &v.eval.warnings {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let (mark, color) = match w.severity {
                Severity::Warning => ("⚠", ui.visuals().warn_fg_color),
                Severity::Notice => ("ℹ", ui.visuals().text_color()),
            };
            ui.label(RichText::new(format!("{mark} {}", w.text.get(v.lang))).color(color));
            if !w.subjects.is_empty() {
                let subjects: Vec<&str> = w.subjects.iter().take(8).map(|s| s.get(v.lang)).collect();
                let more = w.subjects.len().saturating_sub(8);
                let tail = if more > 0 { format!(" … +{more}") } else { String::new() };
                ui.label(RichText::new(format!("{}{tail}", subjects.join("、"))).small());
            }
            widgets::citations(ui, &w.citations, out);
        });
    }
}

/// The review screen: every step passed, with its answer, reason and clauses.
pub fn review(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("review.title"));
    ui.label(RichText::new(tr("review.help")).small());
    ui.separator();
    let b = &v.case.basics;
    ui.label(format!("{}: {}", tr("basics.task_name"), b.task_name));
    ui.label(format!("{}: {}　{}: {}", tr("basics.section"), b.section, tr("basics.author"), b.author));
    ui.separator();
    for p in &v.eval.path {
        let step = v.rules.step_idx(&p.step_id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                if let Some(i) = step
                    && ui.link(format!("{}. {}", i + 1, v.rules.steps[i].title.get(v.lang))).clicked()
                {
                    out.push(Command::Goto(Screen::Step(i)));
                }
                let kind = match p.kind {
                    PathKind::Task => tr("review.task"),
                    PathKind::Question => tr("review.question"),
                    PathKind::Switch => tr("review.automatic"),
                };
                ui.label(RichText::new(kind).small().weak());
            });
            ui.label(p.text.get(v.lang));
            if let Some(label) = &p.value_label {
                ui.label(RichText::new(format!("→ {}", label.get(v.lang))).strong());
            }
            if let Some(r) = &p.rationale {
                if r.trim().is_empty() {
                    ui.label(RichText::new(tr("review.no_reason")).small().weak());
                } else {
                    ui.label(format!("{}: {r}", tr("question.reason")));
                }
            }
            widgets::citations(ui, &p.citations, out);
        });
    }
    if v.eval.path.is_empty() {
        ui.label(tr("review.empty"));
    }
    widgets::section(ui, &tr("review.judgements"));
    for item in v.case.inventory.iter().take(200) {
        let word = match item.important {
            Some(true) => tr("inventory.important"),
            Some(false) => tr("inventory.not_important"),
            None => tr("inventory.unjudged"),
        };
        ui.label(format!("・{} — {word}: {}", item.name, item.reason));
    }
    if v.case.inventory.len() > 200 {
        ui.label(format!("… +{}", v.case.inventory.len() - 200));
    }
    let important = v.case.inventory.iter().filter(|i| i.important == Some(true)).count();
    ui.label(format!(
        "{}: {} / {}: {}",
        tr("inventory.count"),
        v.case.inventory.len(),
        tr("inventory.important"),
        important
    ));
    match &v.eval.outcome {
        Some(o) => {
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(RichText::new(tr("outcome.result")).strong());
                widgets::outcome_badge(ui, o.outcome);
                ui.label(o.title.get(v.lang));
            });
        }
        None => {
            if ui.button(tr("screen.next")).clicked() {
                out.push(Command::GotoCurrent);
            }
        }
    }
}
