//! Where the app keeps its own files: settings (language, theme, zoom, recent files, the
//! organisation's rules folder) and the autosaved case that survives a crash. All writes
//! are atomic.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::case::Case;
use crate::core::training::QuizRecord;

/// Why one of the app's own files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The app's folder could not be created.
    #[error("cannot create the folder {}: {source}", crate::core::textfile::quoted(dir))]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The data could not be turned into JSON (not expected to happen).
    #[error("cannot serialise: {0}")]
    Serialise(#[from] serde_json::Error),
    /// The file could not be written.
    #[error("{source} — in {}", crate::core::textfile::quoted(path))]
    Write {
        /// The file.
        path: PathBuf,
        /// Which stage failed.
        #[source]
        source: crate::core::atomic::WriteError,
    },
}

/// Most recent files remembered.
pub const RECENT_MAX: usize = 8;

/// The app's own folder: `$ITAKU_NAVI_DATA_DIR`, or the platform's data folder
/// (`%APPDATA%\itaku-navi` on Windows, `~/.local/share/itaku-navi` on Linux).
#[must_use]
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ITAKU_NAVI_DATA_DIR") {
        return PathBuf::from(dir);
    }
    // `%APPDATA%\itaku-navi` on Windows, `~/.local/share/itaku-navi` on Linux: one folder
    // named once (ProjectDirs gave `%APPDATA%\itaku-navi\itaku-navi\data`).
    directories::BaseDirs::new()
        .map_or_else(|| std::env::temp_dir().join("itaku-navi"), |d| d.data_dir().join("itaku-navi"))
}

/// Settings remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `ja` or `en`.
    pub language: String,
    /// Dark theme.
    pub dark: bool,
    /// Zoom factor.
    pub zoom: f32,
    /// Whether the guidance panel is open.
    pub guidance_open: bool,
    /// Recently opened or saved cases, newest first.
    pub recent: Vec<PathBuf>,
    /// The organisation's rules folder, once chosen.
    pub rules_dir: Option<PathBuf>,
    /// The folder of case files the register lists, once chosen.
    pub cases_dir: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: "ja".into(),
            dark: false,
            zoom: 1.0,
            guidance_open: true,
            recent: Vec::new(),
            rules_dir: None,
            cases_dir: None,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }
}

/// What the autosave holds besides the case: which file it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutosaveMeta {
    /// The case's file, if it had one.
    pub path: Option<PathBuf>,
    /// When it was written (RFC 3339).
    pub saved_at: String,
}

/// The app's folder and the files in it.
#[derive(Debug, Clone)]
pub struct Storage {
    /// The folder.
    pub dir: PathBuf,
}

impl Storage {
    /// Storage in `dir` (created on first write).
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn settings_path(&self) -> PathBuf {
        self.dir.join("settings.json")
    }

    /// The autosaved case.
    #[must_use]
    pub fn autosave_path(&self) -> PathBuf {
        self.dir.join("autosave.case.json")
    }

    fn autosave_meta_path(&self) -> PathBuf {
        self.dir.join("autosave.meta.json")
    }

    /// Reads the settings; missing or unreadable settings give the defaults.
    #[must_use]
    pub fn load_settings(&self) -> Settings {
        std::fs::read_to_string(self.settings_path())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes the settings.
    pub fn save_settings(&self, settings: &Settings) -> Result<(), StorageError> {
        self.write(&self.settings_path(), &serde_json::to_string_pretty(settings)?)
    }

    /// Writes one of the app's files atomically, creating the app's folder first.
    fn write(&self, path: &Path, text: &str) -> Result<(), StorageError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| StorageError::Folder { dir: self.dir.clone(), source })?;
        crate::core::atomic::write_atomic(path, text.as_bytes(), false)
            .map_err(|source| StorageError::Write { path: path.to_path_buf(), source })
    }

    /// Writes the autosave: the case and the file it belongs to.
    pub fn write_autosave(&self, case: &Case, path: Option<&Path>, saved_at: &str) -> Result<(), StorageError> {
        let meta = AutosaveMeta { path: path.map(Path::to_path_buf), saved_at: saved_at.to_string() };
        self.write(&self.autosave_path(), &serde_json::to_string_pretty(case)?)?;
        self.write(&self.autosave_meta_path(), &serde_json::to_string_pretty(&meta)?)
    }

    /// The autosave left by a run that did not end cleanly, if any: the case (or why it
    /// cannot be read) and its metadata.
    #[must_use]
    pub fn pending_autosave(&self) -> Option<(Result<Case, String>, Option<AutosaveMeta>)> {
        let path = self.autosave_path();
        if !path.exists() {
            return None;
        }
        let case = crate::core::case::load_case(&path).map_err(|e| e.to_string());
        let meta = std::fs::read_to_string(self.autosave_meta_path()).ok().and_then(|t| serde_json::from_str(&t).ok());
        Some((case, meta))
    }

    /// The file of finished quiz attempts on this PC.
    #[must_use]
    pub fn results_path(&self) -> PathBuf {
        self.dir.join("quiz-results.json")
    }

    /// Reads the finished quiz attempts. A missing file gives none; an unreadable one is
    /// moved aside (never overwritten) and the message says where it went.
    #[must_use]
    pub fn load_results(&self) -> (Vec<QuizRecord>, Option<String>) {
        let path = self.results_path();
        let Ok(text) = std::fs::read_to_string(&path) else { return (Vec::new(), None) };
        match serde_json::from_str(&text) {
            Ok(records) => (records, None),
            Err(e) => {
                let aside = path.with_extension("json.unreadable");
                let moved = std::fs::rename(&path, &aside).is_ok();
                let kept = if moved { aside.display().to_string() } else { path.display().to_string() };
                (Vec::new(), Some(format!("{e} — in {}; the file was kept as {kept}", path.display())))
            }
        }
    }

    /// Writes the finished quiz attempts (atomically).
    pub fn save_results(&self, records: &[QuizRecord]) -> Result<(), StorageError> {
        self.write(&self.results_path(), &serde_json::to_string_pretty(records)?)
    }

    /// The register's index: the last scan of the cases folder, so the next one reads only
    /// the files that changed. It is never trusted blindly: every row is checked against
    /// its file's length and modification time, and another folder's index is ignored.
    #[must_use]
    pub fn load_register_index(&self) -> Option<crate::core::register::Register> {
        let text = std::fs::read_to_string(self.dir.join("register-index.json")).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps the register's index for the next start.
    pub fn save_register_index(&self, reg: &crate::core::register::Register) -> Result<(), StorageError> {
        self.write(&self.dir.join("register-index.json"), &serde_json::to_string(reg)?)
    }

    /// Removes the autosave (after a save, or when the user discards it).
    pub fn clear_autosave(&self) {
        let _ = std::fs::remove_file(self.autosave_path());
        let _ = std::fs::remove_file(self.autosave_meta_path());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_autosave_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let s = Storage::new(dir.path().join("sub"));
        assert_eq!(s.load_settings(), Settings::default());
        let mut settings = Settings { language: "en".into(), dark: true, ..Settings::default() };
        for i in 0..10 {
            settings.remember(Path::new(&format!("/tmp/{i}.json")));
        }
        settings.remember(Path::new("/tmp/3.json"));
        s.save_settings(&settings).unwrap();
        let back = s.load_settings();
        assert_eq!(back, settings);
        assert_eq!(back.recent.len(), RECENT_MAX);
        assert_eq!(back.recent[0], PathBuf::from("/tmp/3.json"));

        assert!(s.pending_autosave().is_none());
        let case = Case::new("r", "1");
        s.write_autosave(&case, Some(Path::new("/tmp/a.json")), "2026-11-22T10:00:00+09:00").unwrap();
        let (restored, meta) = s.pending_autosave().unwrap();
        assert_eq!(restored.unwrap(), case);
        assert_eq!(meta.unwrap().path, Some(PathBuf::from("/tmp/a.json")));
        s.clear_autosave();
        assert!(s.pending_autosave().is_none());
    }

    #[test]
    fn unreadable_results_are_moved_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let s = Storage::new(dir.path().to_path_buf());
        assert_eq!(s.load_results(), (Vec::new(), None));
        std::fs::write(s.results_path(), "[{ broken").unwrap();
        let (records, message) = s.load_results();
        assert!(records.is_empty());
        assert!(message.unwrap().contains("quiz-results.json.unreadable"));
        assert_eq!(std::fs::read_to_string(dir.path().join("quiz-results.json.unreadable")).unwrap(), "[{ broken");
        s.save_results(&[]).unwrap();
        assert_eq!(s.load_results(), (Vec::new(), None));
    }
}
