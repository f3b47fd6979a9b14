//! The app's side of signing an approval: the user's key in their profile (the app's data
//! folder), created with a passphrase, and the last approval entry signed with it.

use crate::core::edit::Edit;
use crate::core::signing;
use crate::tr;

use super::{App, Dialog};

/// A key error as the approver reads it (the library's words for anything unexpected).
fn in_words(e: &signing::SigningError) -> String {
    use signing::SigningError;
    match e {
        SigningError::WrongPassphrase => tr("sign.wrong_passphrase"),
        SigningError::ShortPassphrase => tr("sign.too_short"),
        SigningError::Missing(path) => format!("{} {path}", tr("sign.missing")),
        SigningError::Exists(path) => format!("{} {path}", tr("sign.exists")),
        other => other.to_string(),
    }
}

impl App {
    /// Looks in the user's profile for their signing key (once per panel).
    pub(super) fn look_up_signing_key(&mut self) {
        self.screens.signing.looked_up = true;
        self.screens.signing.public_key = signing::public_key(&self.storage.dir).ok();
    }

    /// Creates the user's signing key under the decision's approver name and shows its
    /// public key for the approver list.
    pub(super) fn create_signing_key(&mut self, passphrase: &str) {
        let name = self.case.approval.as_ref().map(|a| a.approver.clone()).unwrap_or_default();
        match signing::create_key(&self.storage.dir, &name, passphrase) {
            Ok(public) => {
                self.screens.signing.public_key = Some(public.clone());
                self.dialog = Some(Dialog::Info(format!("{}\n\n{public}", tr("sign.created"))));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("sign.failed"), message: in_words(&e) });
            }
        }
    }

    /// Signs the last approval entry as its approver; the case is then to be saved.
    pub(super) fn sign_approval(&mut self, passphrase: &str) {
        let Some(entry) = self.case.approval.clone() else { return };
        let signed = signing::load_key(&self.storage.dir, passphrase)
            .and_then(|key| signing::sign(&entry, &key, &entry.approver, &self.rules));
        match signed {
            Ok(signature) => {
                self.edit(Edit::SignApproval(signature));
                let words = self
                    .case
                    .approval
                    .as_ref()
                    .map(|e| {
                        signing::check(e, &self.rules)
                            .words(self.lang, self.rules.organisation.signed_approvals_required)
                    })
                    .unwrap_or_default();
                self.dialog = Some(Dialog::Info(format!("{}\n{words}", tr("sign.signed"))));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("sign.failed"), message: in_words(&e) });
            }
        }
    }
}
