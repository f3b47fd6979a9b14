//! On the outcome step, under the decision record: the decision's signature as `verify`
//! and the register say it, and — for the approver — signing it with their own key (the
//! passphrase typed here, never kept), or creating that key and showing its public key for
//! the organisation's approver list.

use egui::RichText;

use crate::core::signing::{self, MIN_PASSPHRASE};
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// What the signature panel keeps between frames. The passphrase is dropped as soon as it
/// is used.
#[derive(Debug, Clone, Default)]
pub struct SigningState {
    /// The passphrase being typed.
    pub passphrase: String,
    /// The same, typed again (creating a key).
    pub passphrase_again: String,
    /// Whether the user's profile was looked at for a key.
    pub looked_up: bool,
    /// The user's public key, once found or created.
    pub public_key: Option<String>,
}

/// Draws the signature panel (nothing before a decision is recorded).
pub fn form(v: &View, st: &mut SigningState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
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
    let Some(key) = st.public_key.as_ref() else {
        if !st.looked_up {
            out.push(Command::LookUpSigningKey);
        }
        create_key(st, ui, out);
        return;
    };
    ui.label(RichText::new(format!("{}: {key}", tr("sign.your_key"))).small());
    ui.label(RichText::new(format!("{} {}", tr("sign.as"), entry.approver)).small());
    let pass = passphrase_line(ui, "sign.passphrase", &mut st.passphrase);
    let go = ui.add_enabled(!st.passphrase.is_empty(), egui::Button::new(tr("sign.sign"))).clicked()
        || (pass.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && !st.passphrase.is_empty());
    if go {
        out.push(Command::SignApproval(std::mem::take(&mut st.passphrase)));
    }
}

/// No key yet: the passphrase twice, and the button that creates the key.
fn create_key(st: &mut SigningState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.label(RichText::new(tr("sign.no_key")).small());
    passphrase_line(ui, "sign.new_passphrase", &mut st.passphrase);
    passphrase_line(ui, "sign.new_passphrase_again", &mut st.passphrase_again);
    let long = st.passphrase.chars().count() >= MIN_PASSPHRASE;
    let same = st.passphrase == st.passphrase_again;
    if !long {
        ui.label(RichText::new(tr("sign.too_short")).small().weak());
    } else if !same {
        ui.label(RichText::new(tr("sign.not_same")).small().weak());
    }
    if ui.add_enabled(long && same, egui::Button::new(tr("sign.create"))).clicked() {
        st.passphrase_again.clear();
        out.push(Command::CreateSigningKey(std::mem::take(&mut st.passphrase)));
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
