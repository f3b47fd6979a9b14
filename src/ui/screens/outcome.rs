//! The outcome with its basis, warnings and answers no longer used; and the review screen
//! that lists every answer and reason, each linking back to its step.

use crate::core::case::fields::Field;
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
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr("outcome.result")).strong().size(16.0));
            widgets::outcome_badge(ui, v.rules, v.lang, o.outcome);
        });
        ui.label(RichText::new(o.title.get(v.lang)).strong().size(18.0));
        ui.label(o.explanation.get(v.lang));
        widgets::citations(ui, (v.rules, v.lang), &o.basis_citations, out);
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
    ui.horizontal_wrapped(|ui| {
        let preview = ui.button(tr("menu.preview"));
        // The conclusion has nothing to fill in: the keyboard starts on its documents.
        widgets::offer_focus(&preview);
        if preview.clicked() {
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

/// The 情報セキュリティ責任者's decision, recorded after the memo was approved (or not):
/// the record as it stands (read-only), then the entry being filled in. An entry once
/// recorded is never edited; re-approving, extending or withdrawing appends another.
fn approval(v: &View, outcome: OutcomeKind, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    use crate::core::case::lifecycle;
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
    let state = lifecycle::case_state(v.case, Some(outcome), crate::ui::app::today());
    let text = format!("{}: {}", tr("approval.state"), state.sentence(v.lang, v.rules.organisation.date_style));
    if state.needs_look() {
        widgets::warn(ui, &text);
    } else {
        ui.label(RichText::new(text).strong());
    }
    if let Some(line) = lifecycle::record_line(v.case, v.lang, v.rules.organisation.date_style) {
        ui.label(format!("{}: {line}", tr("approval.record")));
    }
    if let Some(a) = v.case.decision() {
        decision_in_force(v, a, ui);
    }
    match &v.case.pending_approval {
        Some(p) => pending(v, p, outcome, ui, out),
        None => start_buttons(v, ui, out),
    }
    // A re-review begins after a decision saved in the file, never beside an entry being
    // filled in, and only once the user confirmed it.
    if v.case.pending_approval.is_none() && v.case.approval_entries().next().is_some() {
        if v.saved {
            ui.horizontal_wrapped(|ui| {
                if ui.button(tr("revision.start")).on_hover_text(tr("revision.start_help")).clicked() {
                    out.push(Command::ShowDialog(crate::ui::app::Dialog::ConfirmReReview));
                }
            });
        } else {
            ui.label(RichText::new(tr("revision.save_first")).small().weak());
        }
    }
}

/// The decision in force, read-only, and what is wrong with it.
fn decision_in_force(v: &View, a: &Approval, ui: &mut egui::Ui) {
    use crate::core::case::integrity::{ApprovalBinding, approval_binding};
    let result = match a.result {
        ApprovalResult::Approved => tr("approval.approved"),
        ApprovalResult::ApprovedWithConditions => tr("approval.with_conditions"),
        ApprovalResult::Rejected => tr("approval.rejected"),
    };
    let mut rows = vec![
        (tr("approval.result"), result.clone()),
        (tr("approval.approver"), a.approver.clone()),
        (tr("approval.date"), a.decided_on.clone()),
    ];
    if !a.conditions.trim().is_empty() {
        rows.push((tr("approval.conditions"), a.conditions.clone()));
    }
    if let Some(d) = &a.review_by {
        rows.push((tr("approval.review_by"), d.clone()));
    }
    if !a.reference.trim().is_empty() {
        rows.push((tr("approval.reference"), a.reference.clone()));
    }
    egui::Grid::new("approval.in_force").num_columns(2).show(ui, |ui| {
        for (k, val) in rows {
            ui.label(RichText::new(k).small());
            ui.label(val);
            ui.end_row();
        }
    });
    match approval_binding(v.case) {
        Some(ApprovalBinding::Outdated { .. }) => widgets::warn(ui, &tr("approval.outdated")),
        Some(ApprovalBinding::Unbound) => {
            ui.label(RichText::new(tr("approval.unbound")).small());
        }
        Some(ApprovalBinding::Current) | None => {}
    }
    if crate::core::case::lifecycle::self_approved(v.case) {
        widgets::warn(ui, &tr("approval.self"));
    }
}

/// The buttons that begin an entry: a first decision, or — with one in force — giving it
/// again, moving its date, withdrawing it.
fn start_buttons(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    use crate::core::case::ApprovalAction as A;
    let today = crate::ui::app::today().format("%Y-%m-%d").to_string();
    let begin = |action: A| {
        let mut entry = Approval::blank(action, &today);
        // What is given again starts from the decision in force; the approver and the date
        // are asked anew.
        if let Some(d) = v.case.decision() {
            entry.result = d.result;
            entry.conditions.clone_from(&d.conditions);
            entry.review_by.clone_from(&d.review_by);
        } else if !v.case.proposed_review_by.is_empty() {
            // The section's proposal, for the approver to confirm or change.
            entry.review_by = Some(v.case.proposed_review_by.clone());
        }
        Command::Edit(Edit::PendingApproval(Some(entry)))
    };
    ui.horizontal_wrapped(|ui| {
        if v.case.decision().is_none() {
            if ui.button(tr("approval.begin")).clicked() {
                out.push(begin(A::Approve));
            }
        } else {
            if ui.button(tr("approval.reapprove")).clicked() {
                out.push(begin(A::Reapprove));
            }
            if ui.button(tr("approval.extend")).clicked() {
                out.push(begin(A::Extend));
            }
            if ui.button(tr("approval.withdraw")).clicked() {
                out.push(begin(A::Withdraw));
            }
        }
    });
}

/// The entry being filled in, with the reason it cannot be recorded yet.
fn pending(v: &View, p: &Approval, outcome: OutcomeKind, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    use crate::core::case::ApprovalAction as A;
    use crate::core::case::lifecycle::{RecordPolicy, Refusal, refusal};
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let heading = match p.action {
            A::Approve => tr("approval.begin"),
            A::Reapprove => tr("approval.reapprove"),
            A::Extend => tr("approval.extend"),
            A::Withdraw => tr("approval.withdraw"),
        };
        ui.label(RichText::new(heading).strong());
        let policy = RecordPolicy {
            reference_required: v.rules.organisation.approval_reference_required,
            expiry_required: outcome == OutcomeKind::ExceptionRequest,
        };
        pending_fields(p, policy, ui, out);
        let why = refusal(v.case, p, policy).map(|r| match r {
            Refusal::NoApprover => tr("approval.why.no_approver"),
            Refusal::SelfApproval => tr("approval.self"),
            Refusal::BadDate | Refusal::BadReviewDate => tr("approval.date_format"),
            Refusal::ExpiryBeforeDecision => tr("approval.why.expiry_before_decision"),
            Refusal::NothingInForce | Refusal::AlreadyDecided => tr("approval.why.state"),
            Refusal::NoNewDate => tr("approval.why.no_new_date"),
            Refusal::NoReference => tr("approval.why.no_reference"),
            Refusal::NoConditions => tr("approval.why.no_conditions"),
            Refusal::NoExpiry => tr("approval.why.no_review_by"),
        });
        if let Some(w) = &why {
            widgets::warn(ui, w);
        }
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(why.is_none(), egui::Button::new(tr("approval.record_entry"))).clicked() {
                out.push(Command::Edit(Edit::RecordApproval(policy)));
            }
            if ui.button(tr("approval.discard")).clicked() {
                out.push(Command::Edit(Edit::PendingApproval(None)));
            }
        });
    });
}

/// The pending entry's fields: each change is a new pending entry.
fn pending_fields(
    p: &Approval,
    policy: crate::core::case::lifecycle::RecordPolicy,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    use crate::core::case::ApprovalAction as A;
    let set = |out: &mut Vec<Command>, f: &dyn Fn(&mut Approval)| {
        let mut a = p.clone();
        f(&mut a);
        out.push(Command::Edit(Edit::PendingApproval(Some(a))));
    };
    let gives_decision = matches!(p.action, A::Approve | A::Reapprove);
    if gives_decision {
        ui.horizontal_wrapped(|ui| {
            let options = [
                (ApprovalResult::Approved, tr("approval.approved")),
                (ApprovalResult::ApprovedWithConditions, tr("approval.with_conditions")),
                (ApprovalResult::Rejected, tr("approval.rejected")),
            ];
            if let Some(r) = widgets::radio_group(ui, "approval.result", Some(&p.result), &options) {
                set(out, &|a| a.result = r);
            }
        });
    }
    if let Some(t) =
        widgets::text_line(ui, widgets::field_id("approval.approver"), &tr("approval.approver"), &p.approver)
    {
        set(out, &|x| x.approver.clone_from(&t));
    }
    if let Some(t) = widgets::text_line(ui, widgets::field_id("approval.date"), &tr("approval.date"), &p.decided_on) {
        set(out, &|x| x.decided_on.clone_from(&t));
    }
    if gives_decision {
        let need_conditions = p.result == ApprovalResult::ApprovedWithConditions;
        if let Some(t) = widgets::multiline(
            ui,
            widgets::field_id("approval.conditions"),
            &tr("approval.conditions"),
            &p.conditions,
            need_conditions,
            &tr("approval.conditions_hint"),
        ) {
            set(out, &|x| x.conditions.clone_from(&t));
        }
    }
    if p.action != A::Withdraw {
        // Required of an exception (its expiry), optional for any other outcome.
        let label = if policy.expiry_required { tr("approval.review_by") } else { tr("approval.review_by_optional") };
        let review = p.review_by.clone().unwrap_or_default();
        if let Some(t) = widgets::text_line(ui, widgets::field_id("approval.review_by"), &label, &review) {
            set(out, &|x| x.review_by = if t.trim().is_empty() { None } else { Some(t.clone()) });
        }
    }
    let reference_label = if policy.reference_required {
        format!("{}{}", tr("approval.reference"), tr("approval.required_mark"))
    } else {
        tr("approval.reference")
    };
    if let Some(t) = widgets::text_line(ui, widgets::field_id("approval.reference"), &reference_label, &p.reference) {
        set(out, &|x| x.reference.clone_from(&t));
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
            widgets::citations(ui, (v.rules, v.lang), &w.citations, out);
        });
    }
}

/// The review screen: every step passed, with its answer, reason and clauses.
pub fn review(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("review.title"));
    ui.label(RichText::new(tr("review.help")).small());
    ui.separator();
    let b = &v.case.basics;
    ui.label(format!("{}: {}", Field::TaskName.name(v.lang), b.task_name));
    ui.label(format!("{}: {}　{}: {}", Field::Section.name(v.lang), b.section, Field::Author.name(v.lang), b.author));
    ui.separator();
    for p in &v.eval.path {
        let step = v.rules.step_idx(&p.step_id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
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
            widgets::citations(ui, (v.rules, v.lang), &p.citations, out);
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
            ui.horizontal_wrapped(|ui| {
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
