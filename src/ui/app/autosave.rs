//! The autosave that protects work against a crash.

use std::time::{Duration, Instant};

use super::{AUTOSAVE_EVERY, App, now};
use crate::ui::storage::Orphan;

/// What the autosave keeps between frames.
pub struct AutosaveState {
    /// Autosaves left by runs that ended without saving, still to be offered.
    pub(super) orphans: Vec<Orphan>,
    /// The case revision last autosaved.
    pub(super) saved_revision: u64,
    /// When the last autosave ran.
    pub(super) last: Instant,
    /// Why the last autosave failed, until one succeeds (shown in the status bar).
    pub error: Option<String>,
}

impl AutosaveState {
    /// The state at start: the orphans found, and why this instance's slot could not be claimed.
    pub(super) fn new(orphans: Vec<Orphan>, error: Option<String>) -> Self {
        Self { orphans, saved_revision: 0, last: Instant::now(), error }
    }
}

impl App {
    /// Autosaves if there are changes not yet autosaved.
    pub fn autosave_now(&mut self) {
        if self.dirty && self.revision != self.autosave.saved_revision {
            let stamp = now().to_rfc3339();
            // A failed autosave (a full disk, the data folder gone) is shown in the status
            // bar until one succeeds; the work itself stays in memory and unsaved.
            match self.storage.write_autosave(&self.case, self.path.as_deref(), &stamp) {
                Ok(()) => {
                    self.autosave.saved_revision = self.revision;
                    self.autosave.error = None;
                }
                Err(e) => self.autosave.error = Some(e.to_string()),
            }
            self.autosave.last = Instant::now();
        }
    }

    /// Called every frame: autosaves when due and returns how long until the next one.
    pub fn tick(&mut self) -> Option<Duration> {
        if self.dirty && self.revision != self.autosave.saved_revision {
            let elapsed = self.autosave.last.elapsed();
            if elapsed >= AUTOSAVE_EVERY {
                self.autosave_now();
                return None;
            }
            return Some(AUTOSAVE_EVERY.saturating_sub(elapsed));
        }
        None
    }

    /// Takes the first orphaned autosave in as the case (unsaved, on its file), or shows why
    /// it cannot be read.
    pub(super) fn restore_autosave(&mut self) {
        self.dialog = None;
        if self.autosave.orphans.is_empty() {
            return;
        }
        let orphan = self.autosave.orphans.remove(0);
        match &orphan.case {
            Ok(case) => {
                self.case = case.clone();
                self.path = orphan.meta.as_ref().and_then(|m| m.path.clone());
                // The restored work belongs to the file as it is now.
                self.disk = self.path.as_deref().and_then(|p| crate::core::case::disk_stamp(p).ok().flatten());
                self.dirty = true;
                self.revision += 1;
                self.recompute();
                self.screen = self.current_screen();
                // The work is in this instance's autosave before the old one goes.
                self.autosave_now();
                if self.autosave.error.is_none() {
                    self.storage.discard_orphan(orphan);
                }
            }
            Err(message) => {
                // Kept as it is, for whoever can read it; not offered again in this run.
                self.dialog =
                    Some(super::Dialog::Error { title: crate::tr("dialog.restore_failed"), message: message.clone() });
            }
        }
    }

    /// Drops the first orphaned autosave.
    pub(super) fn discard_autosave(&mut self) {
        self.dialog = None;
        if !self.autosave.orphans.is_empty() {
            let orphan = self.autosave.orphans.remove(0);
            self.storage.discard_orphan(orphan);
        }
    }
}
