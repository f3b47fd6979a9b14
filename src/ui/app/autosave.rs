//! The autosave that protects work against a crash.

use std::time::{Duration, Instant};

use super::{AUTOSAVE_EVERY, App, now};

impl App {
    /// Autosaves if there are changes not yet autosaved.
    pub fn autosave_now(&mut self) {
        if self.dirty && self.revision != self.autosaved_revision {
            let stamp = now().to_rfc3339();
            // A failed autosave (a full disk, the data folder gone) is shown in the status
            // bar until one succeeds; the work itself stays in memory and unsaved.
            match self.storage.write_autosave(&self.case, self.path.as_deref(), &stamp) {
                Ok(()) => {
                    self.autosaved_revision = self.revision;
                    self.autosave_error = None;
                }
                Err(e) => self.autosave_error = Some(e.to_string()),
            }
            self.last_autosave = Instant::now();
        }
    }

    /// Called every frame: autosaves when due and returns how long until the next one.
    pub fn tick(&mut self) -> Option<Duration> {
        if self.dirty && self.revision != self.autosaved_revision {
            let elapsed = self.last_autosave.elapsed();
            if elapsed >= AUTOSAVE_EVERY {
                self.autosave_now();
                return None;
            }
            return Some(AUTOSAVE_EVERY.saturating_sub(elapsed));
        }
        None
    }
}
