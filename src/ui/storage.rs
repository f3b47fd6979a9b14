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
    /// This instance's autosave slot could not be locked.
    #[error("cannot lock {}: {source}", crate::core::textfile::quoted(path))]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
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
    crate::core::register::index::default_data_dir()
}

/// Settings remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `ja` or `en`.
    pub language: String,
    /// The theme the user chose: dark (`Some(true)`) or light (`Some(false)`); `None`, as
    /// on the first start, follows the system's light or dark setting.
    pub dark: Option<bool>,
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
    /// The window's inner size (points) when the app was last closed.
    pub window_size: Option<[f32; 2]>,
    /// How the window was drawn when the app was last closed: the next start draws its
    /// first screen ahead in the same way.
    pub last_look: Option<LastLook>,
}

/// The display's scale and the theme a window was drawn with. The first screen is laid out
/// ahead, while the window is made, at this scale (its glyphs drawn at that size) and in
/// this theme (its texts laid out in their colours); if the window turns out otherwise, it
/// lays them out and draws them again, as it would have without the head start.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LastLook {
    /// Physical pixels per point before the app's zoom (1.5 at 150 % in Windows).
    pub scale: f32,
    /// Dark rather than light.
    pub dark: bool,
}

impl Default for LastLook {
    /// A first start: 100 %, light (egui's choice where the system does not say).
    fn default() -> Self {
        Self { scale: 1.0, dark: false }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: "ja".into(),
            dark: None,
            zoom: 1.0,
            guidance_open: true,
            recent: Vec::new(),
            rules_dir: None,
            cases_dir: None,
            window_size: None,
            last_look: None,
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

/// An autosave left by an instance that is no longer running (it crashed, or the PC went
/// down): offered for restoring, whatever file the app was started with. While it is
/// offered, this instance holds its lock, so no other instance offers it too.
#[derive(Debug)]
pub struct Orphan {
    /// Its slot (the instance that wrote it).
    pub slot: String,
    /// The case, or why it cannot be read.
    pub case: Result<Case, String>,
    /// Which file it belonged to, and when it was written.
    pub meta: Option<AutosaveMeta>,
    _lock: Option<std::fs::File>,
}

/// The app's folder and the files in it. Each running instance autosaves into its own
/// slot (`autosave/SLOT.case.json`), locked while the instance runs: an instance never
/// touches another's autosave, and one whose lock is free was left by a run that ended
/// without saving.
#[derive(Debug, Clone)]
pub struct Storage {
    /// The folder.
    pub dir: PathBuf,
    /// This instance's autosave slot.
    slot: String,
    /// The lock on the slot, held while the instance runs (released by the system when
    /// the process ends, however it ends).
    lock: Option<std::sync::Arc<std::fs::File>>,
}

/// The name of an autosave slot's files: `SLOT.case.json`, `SLOT.meta.json`, `SLOT.lock`.
const CASE_SUFFIX: &str = ".case.json";

impl Storage {
    /// Storage in `dir` (created on first write), with a slot of its own.
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        Self { dir, slot: format!("{}-{nanos}", std::process::id()), lock: None }
    }

    fn slots_dir(&self) -> PathBuf {
        self.dir.join("autosave")
    }

    fn slot_file(&self, slot: &str, suffix: &str) -> PathBuf {
        self.slots_dir().join(format!("{slot}{suffix}"))
    }

    /// Takes this instance's slot: creates and locks its lock file. Called once at start;
    /// the first autosave calls it too if the start could not.
    pub fn claim(&mut self) -> Result<(), StorageError> {
        if self.lock.is_some() {
            return Ok(());
        }
        let dir = self.slots_dir();
        std::fs::create_dir_all(&dir).map_err(|source| StorageError::Folder { dir: dir.clone(), source })?;
        let path = self.slot_file(&self.slot, ".lock");
        let lock = |path: &Path| -> std::io::Result<std::fs::File> {
            let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
            file.try_lock().map_err(std::io::Error::other)?;
            Ok(file)
        };
        let file = lock(&path).map_err(|source| StorageError::Lock { path: path.clone(), source })?;
        self.lock = Some(std::sync::Arc::new(file));
        Ok(())
    }

    /// The autosaves of instances no longer running, oldest first, each locked by this
    /// instance until it is restored or discarded ([`Self::discard_orphan`]). An autosave
    /// written by a version before slots (`autosave.case.json`) is one of them.
    #[must_use]
    pub fn orphans(&self) -> Vec<Orphan> {
        let mut found = Vec::new();
        if self.dir.join("autosave.case.json").exists() {
            found.push(("legacy".to_string(), None));
        }
        let entries = std::fs::read_dir(self.slots_dir()).into_iter().flatten().flatten();
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            // The lock of a window that ended cleanly (its autosave cleared) is tidied away.
            if let Some(slot) = name.strip_suffix(".lock")
                && slot != self.slot
                && !self.slot_file(slot, CASE_SUFFIX).exists()
            {
                let free =
                    std::fs::OpenOptions::new().write(true).open(entry.path()).is_ok_and(|f| f.try_lock().is_ok());
                if free {
                    let _ = std::fs::remove_file(entry.path());
                }
                continue;
            }
            let Some(slot) = name.strip_suffix(CASE_SUFFIX) else { continue };
            if slot == self.slot {
                continue;
            }
            let lock = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(self.slot_file(slot, ".lock"));
            // Locked: its instance is running (or another instance is offering it).
            let Ok(lock) = lock else { continue };
            if lock.try_lock().is_err() {
                continue;
            }
            found.push((slot.to_string(), Some(lock)));
        }
        let mut orphans: Vec<Orphan> = found
            .into_iter()
            .map(|(slot, lock)| {
                let (case_path, meta_path) = self.orphan_files(&slot);
                let case = crate::core::case::load_case(&case_path).map_err(|e| e.to_string());
                let meta = std::fs::read_to_string(meta_path).ok().and_then(|t| serde_json::from_str(&t).ok());
                Orphan { slot, case, meta, _lock: lock }
            })
            .collect();
        orphans.sort_by(|a, b| {
            let at = |o: &Orphan| o.meta.as_ref().map(|m| m.saved_at.clone()).unwrap_or_default();
            at(a).cmp(&at(b))
        });
        orphans
    }

    fn orphan_files(&self, slot: &str) -> (PathBuf, PathBuf) {
        if slot == "legacy" {
            (self.dir.join("autosave.case.json"), self.dir.join("autosave.meta.json"))
        } else {
            (self.slot_file(slot, CASE_SUFFIX), self.slot_file(slot, ".meta.json"))
        }
    }

    /// Removes an orphaned autosave: after the user discarded it, or after its work was
    /// autosaved into this instance's slot.
    pub fn discard_orphan(&self, orphan: Orphan) {
        let (case, meta) = self.orphan_files(&orphan.slot);
        let _ = std::fs::remove_file(case);
        let _ = std::fs::remove_file(meta);
        let slot = orphan.slot.clone();
        // Unlocked first: Windows removes no file that is open.
        drop(orphan);
        if slot != "legacy" {
            let _ = std::fs::remove_file(self.slot_file(&slot, ".lock"));
        }
    }

    fn settings_path(&self) -> PathBuf {
        self.dir.join("settings.json")
    }

    /// This instance's autosaved case.
    #[must_use]
    pub fn autosave_path(&self) -> PathBuf {
        self.slot_file(&self.slot, CASE_SUFFIX)
    }

    fn autosave_meta_path(&self) -> PathBuf {
        self.slot_file(&self.slot, ".meta.json")
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

    /// Writes this instance's autosave: the case and the file it belongs to.
    pub fn write_autosave(&mut self, case: &Case, path: Option<&Path>, saved_at: &str) -> Result<(), StorageError> {
        self.claim()?;
        let meta = AutosaveMeta { path: path.map(Path::to_path_buf), saved_at: saved_at.to_string() };
        self.write(&self.autosave_path(), &serde_json::to_string_pretty(case)?)?;
        self.write(&self.autosave_meta_path(), &serde_json::to_string_pretty(&meta)?)
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

    /// The register's index of `folder`: the last scan, so the next one reads only the
    /// files that changed; the same index `itaku-navi register` uses
    /// ([`crate::core::register::index`]).
    #[must_use]
    pub fn load_register_index(&self, folder: &Path) -> Option<crate::core::register::Register> {
        crate::core::register::index::load(folder, &self.dir)
    }

    /// Keeps the register's index of `folder` for the next scan (the app's or the CLI's).
    pub fn save_register_index(&self, folder: &Path, reg: &crate::core::register::Register) -> Result<(), String> {
        crate::core::register::index::save(folder, &self.dir, reg).map(|_| ()).map_err(|e| e.to_string())
    }

    /// Removes this instance's autosave (after a save, or when the user discards it); never
    /// another instance's.
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
        let mut settings = Settings { language: "en".into(), dark: Some(true), ..Settings::default() };
        for i in 0..10 {
            settings.remember(Path::new(&format!("/tmp/{i}.json")));
        }
        settings.remember(Path::new("/tmp/3.json"));
        s.save_settings(&settings).unwrap();
        let back = s.load_settings();
        assert_eq!(back, settings);
        assert_eq!(back.recent.len(), RECENT_MAX);
        assert_eq!(back.recent[0], PathBuf::from("/tmp/3.json"));
    }

    #[test]
    fn each_instance_autosaves_in_its_own_slot_and_a_crashed_ones_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Storage::new(dir.path().to_path_buf());
        let mut b = Storage::new(dir.path().to_path_buf());
        b.slot.push_str("-b"); // two instances of one process (the test) need two slots
        a.claim().unwrap();
        b.claim().unwrap();
        let mut case = Case::new("r", "1");
        case.basics.task_name = "Aの作業".into();
        a.write_autosave(&case, Some(Path::new("/tmp/a.json")), "2026-11-22T10:00:00+09:00").unwrap();
        // A runs: B neither offers nor removes A's autosave.
        assert!(b.orphans().is_empty());
        b.clear_autosave();
        assert!(a.autosave_path().exists());
        // A crashes (its lock goes with it): B offers A's work, whatever B has open.
        drop(a);
        let mut orphans = b.orphans();
        assert_eq!(orphans.len(), 1);
        let orphan = orphans.remove(0);
        assert_eq!(orphan.case.as_ref().unwrap().basics.task_name, "Aの作業");
        assert_eq!(orphan.meta.as_ref().unwrap().path, Some(PathBuf::from("/tmp/a.json")));
        // While B offers it, a third instance does not.
        let mut c = Storage::new(dir.path().to_path_buf());
        c.slot.push_str("-c");
        c.claim().unwrap();
        assert!(c.orphans().is_empty());
        b.clear_autosave();
        b.discard_orphan(orphan);
        assert!(c.orphans().is_empty());
        assert_eq!(std::fs::read_dir(b.slots_dir()).unwrap().count(), 2, "only the locks of B and C remain");
        // B ends cleanly: its lock is tidied away by the next start, C's (running) is not.
        drop(b);
        let mut d = Storage::new(dir.path().to_path_buf());
        d.slot.push_str("-d");
        d.claim().unwrap();
        assert!(d.orphans().is_empty());
        let left: Vec<String> = std::fs::read_dir(d.slots_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left.len(), 2, "C's and D's locks: {left:?}");
    }

    #[test]
    fn an_autosave_from_before_slots_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("autosave.case.json"), serde_json::to_string(&Case::new("r", "1")).unwrap())
            .unwrap();
        let mut s = Storage::new(dir.path().to_path_buf());
        s.claim().unwrap();
        let orphans = s.orphans();
        assert_eq!(orphans.len(), 1);
        assert!(orphans[0].case.is_ok());
        for o in orphans {
            s.discard_orphan(o);
        }
        assert!(!dir.path().join("autosave.case.json").exists());
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
