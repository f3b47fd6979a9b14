//! The outcome with its basis, warnings and answers no longer used; and the review screen
//! that lists every answer and reason, each linking back to its step.

use crate::core::engine::warnings::is_short_reason;
use egui::RichText;

use crate::core::case::{Approval, ApprovalResult};
use crate::core::edit::Edit;
use crate::core::engine::PathKind;
use crate::core::rules::files::OutcomeKind;
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
            widgets::outcome_badge(ui, v.rules, v.lang, o.outcome);
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
    ui.horizontal(|ui| {
        if ui.button(tr("menu.preview")).clicked() {
            out.push(Command::ShowDialog(crate::ui::app::Dialog::Preview));
        }
        if ui.button(tr("menu.export")).clicked() {
            out.push(Command::ExportDialog);
        }
        if o.outcome != OutcomeKind::Prohibited && ui.button(tr("outcome.drafts")).clicked() {
            out.push(Command::ShowDialog(crate::ui::app::Dialog::Drafts));
        }
    });
    approval(v, o.outcome, ui, out);
}

/// The 情報セキュリティ責任者's decision, recorded after the memo was approved (or not).
fn approval(v: &View, outcome: OutcomeKind, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    widgets::section(ui, &tr("approval.title"));
    ui.label(RichText::new(tr("approval.help")).small());
    if !v.case.history.is_empty() {
        ui.label(RichText::new(format!("{} {}", tr("revision.current"), v.case.revision)).strong());
    }
    // The approver decides on what the file holds: say when it was changed outside the app.
    if !v.case.reseals.is_empty() {
        let times: Vec<String> = v.case.reseals.iter().map(|r| r.at.format("%Y-%m-%d %H:%M").to_string()).collect();
        let hashes: Vec<String> =
            v.case.reseals.iter().map(|r| format!("{} → {}", r.previous_hash, r.found_hash)).collect();
        let text = format!("⚠ {} {}", tr("approval.resealed"), times.join("、"));
        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color)).on_hover_text(hashes.join("\n"));
    }
    let current = v.case.approval.clone();
    let base = current.clone().unwrap_or(Approval {
        approver: String::new(),
        decided_on: chrono::Local::now().format("%Y-%m-%d").to_string(),
        result: ApprovalResult::Approved,
        conditions: String::new(),
        review_by: None,
        approved_content: None,
    });
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut Approval)| {
        let mut a = base.clone();
        f(&mut a);
        out.push(Command::Edit(Edit::Approval(Some(a))));
    };
    ui.horizontal(|ui| {
        let options = [
            (ApprovalResult::Approved, tr("approval.approved")),
            (ApprovalResult::ApprovedWithConditions, tr("approval.with_conditions")),
            (ApprovalResult::Rejected, tr("approval.rejected")),
        ];
        if let Some(r) = widgets::radio_group(ui, current.as_ref().map(|a| &a.result), &options) {
            set(out, &|a| a.result = r);
        }
    });
    let Some(a) = &current else { return };
    approval_notes(v, ui, out);
    if let Some(t) =
        widgets::text_line(ui, widgets::field_id("approval.approver"), &tr("approval.approver"), &a.approver)
    {
        set(out, &|x| x.approver.clone_from(&t));
    }
    if let Some(t) = widgets::text_line(ui, widgets::field_id("approval.date"), &tr("approval.date"), &a.decided_on) {
        set(out, &|x| x.decided_on.clone_from(&t));
    }
    let need_conditions = a.result == ApprovalResult::ApprovedWithConditions;
    if let Some(t) = widgets::reason(
        ui,
        widgets::field_id("approval.conditions"),
        &tr("approval.conditions"),
        &a.conditions,
        need_conditions,
    ) {
        set(out, &|x| x.conditions.clone_from(&t));
    }
    // Required of an exception (its expiry), optional for any other outcome (a re-review).
    let label = if outcome == OutcomeKind::ExceptionRequest {
        tr("approval.review_by")
    } else {
        tr("approval.review_by_optional")
    };
    let review = a.review_by.clone().unwrap_or_default();
    if let Some(t) = widgets::text_line(ui, widgets::field_id("approval.review_by"), &label, &review) {
        set(out, &|x| x.review_by = if t.trim().is_empty() { None } else { Some(t.clone()) });
    }
    if !review.trim().is_empty() && crate::core::case::lifecycle::parse_date(&review).is_none() {
        widgets::warn(ui, &tr("approval.date_format"));
    }
    ui.horizontal(|ui| {
        if ui.button(tr("approval.clear")).clicked() {
            out.push(Command::Edit(Edit::Approval(None)));
        }
        if ui.button(tr("revision.start")).on_hover_text(tr("revision.start_help")).clicked() {
            out.push(Command::Edit(Edit::StartReReview));
        }
    });
}

/// Whether the approval still covers the case, was given by its author, and how its
/// re-review date stands.
fn approval_notes(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    use crate::core::case::integrity::{ApprovalBinding, approval_binding};
    use crate::core::case::lifecycle::{self, Expiry};
    match approval_binding(v.case) {
        Some(ApprovalBinding::Outdated { .. }) => {
            widgets::warn(ui, &tr("approval.outdated"));
            if ui.button(tr("approval.reapprove")).clicked() {
                out.push(Command::Edit(Edit::Reapprove));
            }
        }
        Some(ApprovalBinding::Unbound) => {
            ui.label(RichText::new(tr("approval.unbound")).small());
            if ui.button(tr("approval.reapprove")).clicked() {
                out.push(Command::Edit(Edit::Reapprove));
            }
        }
        Some(ApprovalBinding::Current) | None => {}
    }
    if lifecycle::self_approved(v.case) {
        widgets::warn(ui, &tr("approval.self"));
    }
    match lifecycle::expiry(v.case, crate::ui::app::today()) {
        Expiry::Expired { date, days } => {
            widgets::warn(ui, &format!("{} {date}（{days}{}）", tr("expiry.expired"), tr("expiry.days_ago")));
        }
        Expiry::Ahead { date, days } if days <= 30 => {
            widgets::warn(ui, &format!("{} {date}（{days}{}）", tr("expiry.soon"), tr("expiry.days_left")));
        }
        _ => {}
    }
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
                    if is_short_reason(r) {
                        widgets::warn(ui, &tr("review.short_reason"));
                    }
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
        if is_short_reason(&item.reason) {
            widgets::warn(ui, &tr("review.short_reason"));
        }
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
                widgets::outcome_badge(ui, v.rules, v.lang, o.outcome);
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
