//! On the outcome step, under the decision record: the decision's signature as `verify`
//! and the register say it, and — for the approver — signing it with their own key (the
//! passphrase typed here, never kept), or creating that key and showing its public key for
//! the organisation's approver list.

use egui::RichText;

use crate::core::signing::{self, MIN_PASSPHRASE};
use crate::tr;

use super::View;
use crate::ui::app::{Command, ScreenState};
use crate::ui::widgets;

/// Draws the signature panel (nothing before a decision is recorded).
pub fn form(v: &View, st: &mut ScreenState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(entry) = v.case.approval.as_ref() else { return };
    let required = v.rules.organisation.signed_approvals_required;
    // Shown once the organisation signs approvals or this one is signed.
    if entry.signature.is_none() && !required && v.rules.approvers.approvers.is_empty() {
        return;
    }
    widgets::section(ui, &tr("sign.title"));
    let check = signing::check(entry, v.rules);
    let words = format!("{}: {}", tr("sign.state"), check.words(v.lang, required));
    if check.needs_look(required) {
        widgets::warn(ui, &words);
    } else {
        ui.label(RichText::new(words).strong());
    }
    if entry.signature.is_some() {
        return;
    }
    let Some(key) = st.signing.public_key.as_ref() else {
        if !st.signing.looked_up {
            out.push(Command::LookUpSigningKey);
        }
        create_key(st, ui, out);
        return;
    };
    ui.label(RichText::new(format!("{}: {key}", tr("sign.your_key"))).small());
    ui.label(RichText::new(format!("{} {}", tr("sign.as"), entry.approver)).small());
    let pass = passphrase_line(ui, "sign.passphrase", &mut st.signing.passphrase);
    let go = ui.add_enabled(!st.signing.passphrase.is_empty(), egui::Button::new(tr("sign.sign"))).clicked()
        || (pass.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !st.signing.passphrase.is_empty());
    if go {
        out.push(Command::SignApproval(std::mem::take(&mut st.signing.passphrase)));
    }
}

/// No key yet: the passphrase twice, and the button that creates the key.
fn create_key(st: &mut ScreenState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.label(RichText::new(tr("sign.no_key")).small());
    passphrase_line(ui, "sign.new_passphrase", &mut st.signing.passphrase);
    passphrase_line(ui, "sign.new_passphrase_again", &mut st.signing.passphrase_again);
    let long = st.signing.passphrase.chars().count() >= MIN_PASSPHRASE;
    let same = st.signing.passphrase == st.signing.passphrase_again;
    if !long {
        ui.label(RichText::new(tr("sign.too_short")).small().weak());
    } else if !same {
        ui.label(RichText::new(tr("sign.not_same")).small().weak());
    }
    if ui.add_enabled(long && same, egui::Button::new(tr("sign.create"))).clicked() {
        st.signing.passphrase_again.clear();
        out.push(Command::CreateSigningKey(std::mem::take(&mut st.signing.passphrase)));
    }
}

/// A label and a passphrase field (its characters hidden).
fn passphrase_line(ui: &mut egui::Ui, key: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(tr(key));
        ui.add(egui::TextEdit::singleline(value).password(true).id(widgets::field_id(key)).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}
