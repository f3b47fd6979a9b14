//! The upkeep screen's editor of `approvers.json`: the approvers who sign in this program,
//! each with their public key and the period it counts for; saved to the rules folder once
//! the whole folder checks (a key that is not an Ed25519 public key is refused there).

use std::path::Path;

use egui::RichText;

use crate::core::rules::files::{ApproverDef, ApproversFile};
use crate::core::text::Text;
use crate::tr;

use super::{UpkeepState, View};
use crate::ui::app::Command;
use crate::ui::widgets;

/// An approver being typed in on the upkeep screen.
#[derive(Debug, Clone, Default)]
pub struct ApproverDraft {
    /// The name.
    pub name: String,
    /// The role, in Japanese (English takes the same words).
    pub role: String,
    /// The public key, as `key new` or the signature panel printed it.
    pub public_key: String,
    /// The first day the key counts for.
    pub valid_from: String,
    /// The last day (empty: until removed).
    pub valid_until_text: String,
}

/// Draws the approver list and the form that adds one.
pub fn form(v: &View, st: &mut UpkeepState, rules_dir: Option<&Path>, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    widgets::section(ui, &tr("approvers.title"));
    ui.label(RichText::new(v.rules.approvers.notice.get(v.lang)).small());
    let d = st.approvers.get_or_insert_with(|| v.rules.approvers.clone());
    let mut remove = None;
    egui::Grid::new("approvers.grid").num_columns(4).striped(true).show(ui, |ui| {
        for (i, a) in d.approvers.iter().enumerate() {
            let key = ssh_fingerprint(&a.public_key);
            ui.label(format!("{}（{}）", a.name, a.role.get(v.lang)));
            ui.label(RichText::new(key).small().monospace());
            ui.label(format!("{} 〜 {}", a.valid_from, a.valid_until.as_deref().unwrap_or("")));
            if ui.small_button(tr("approvers.remove")).clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        d.approvers.remove(i);
    }
    let n = &mut st.approver_new;
    for (key, value) in [
        ("approvers.name", &mut n.name),
        ("approvers.role", &mut n.role),
        ("approvers.public_key", &mut n.public_key),
        ("approvers.valid_from", &mut n.valid_from),
        ("approvers.valid_until", &mut n.valid_until_text),
    ] {
        if let Some(new) = widgets::text_line(ui, widgets::field_id(key), &tr(key), value) {
            *value = new;
        }
    }
    let ready = !n.name.trim().is_empty() && !n.public_key.trim().is_empty() && !n.valid_from.trim().is_empty();
    if ui.add_enabled(ready, egui::Button::new(tr("approvers.add"))).clicked() {
        let role = if n.role.trim().is_empty() {
            v.rules.organisation.roles.officer.clone()
        } else {
            Text::new(n.role.trim(), n.role.trim())
        };
        d.approvers.push(ApproverDef {
            name: n.name.trim().to_string(),
            role,
            public_key: n.public_key.trim().to_string(),
            valid_from: n.valid_from.trim().to_string(),
            valid_until: Some(n.valid_until_text.trim().to_string()).filter(|u| !u.is_empty()),
        });
        *n = ApproverDraft::default();
    }
    let changed = *d != v.rules.approvers;
    if ui.add_enabled(changed && rules_dir.is_some(), egui::Button::new(tr("approvers.save"))).clicked() {
        out.push(Command::SaveApprovers(ApproversFile::clone(d)));
    }
}

/// A public key's SHA-256 fingerprint as OpenSSH prints it, or a note that it is unreadable.
fn ssh_fingerprint(public_key: &str) -> String {
    crate::core::signing::fingerprint(public_key).unwrap_or_else(|| tr("approvers.unreadable"))
}
