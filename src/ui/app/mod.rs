//! The app's state and the one place it changes: screens emit [`Command`]s, and
//! [`App::handle`] carries them out (edits through the core, files through the core's
//! readers and writers). Drawing lives in the sibling modules.

mod autosave;
mod command;
mod export;
mod files;
pub use files::Loaded;
mod register;
mod signing;
mod state;
mod training_glue;

pub use autosave::AutosaveState;
pub use export::ExportState;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::core::case::Case;
use crate::core::edit::{self, Edit};
use crate::core::engine::{Evaluation, evaluate};
use crate::core::rules::RuleSet;
use crate::core::text::Lang;
use crate::tr;

use super::storage::{Settings, Storage};
use super::training::TrainingState;

pub use command::Command;
pub use register::{RegisterState, today};
pub use state::{Dialog, KeyboardState, Screen, ScreenState, Then};

/// How often a changed case is autosaved.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

/// A native dialog running on its own thread.
pub(super) enum Picking {
    Open(Receiver<Option<PathBuf>>),
    SaveAs(Receiver<Option<PathBuf>>),
    RulesDir(Receiver<Option<PathBuf>>),
    Export(Receiver<Option<PathBuf>>),
    Results(Receiver<Option<PathBuf>>),
    CasesDir(Receiver<Option<PathBuf>>),
    RegisterExport(Receiver<Option<PathBuf>>),
    ExportDrafts(Receiver<Option<PathBuf>>),
}

/// The whole app.
pub struct App {
    /// The rules in force.
    pub rules: RuleSet,
    /// The organisation's rules folder, or `None` for the shipped rules.
    pub rules_dir: Option<PathBuf>,
    /// The case being edited.
    pub case: Case,
    /// Its file, once saved or opened.
    pub path: Option<PathBuf>,
    /// The core's evaluation of the case, recomputed after every change.
    pub eval: Evaluation,
    /// Unsaved changes exist.
    pub dirty: bool,
    /// What the centre shows.
    pub screen: Screen,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// Remembered settings.
    pub settings: Settings,
    /// Language of rule texts and UI.
    pub lang: Lang,
    /// Steps whose result the last change altered, shown until the user moves on.
    pub affected: Vec<String>,
    /// Screen state.
    pub screens: ScreenState,
    /// Training mode: samples, walkthrough, quiz and results.
    pub training: TrainingState,
    /// The register of the cases folder.
    pub register: RegisterState,
    /// The case file as it was on disk when opened or last saved here: a save checks it
    /// is still so, and never overwrites someone else's save.
    pub disk: Option<crate::core::case::DiskStamp>,
    /// A case file found changed after its seal, read but not yet taken in: it waits for
    /// the user's answer in [`Dialog::Altered`].
    pub(super) altered_open: Option<(PathBuf, Case, crate::core::case::DiskStamp)>,
    /// A case file read ahead, while [`App::open_read`] opens it.
    pub(super) preloaded: Option<files::Loaded>,
    /// Why the settings could not be saved, shown in the status bar until a save works.
    pub settings_error: Option<String>,
    /// The autosave's state: orphans to offer, what was autosaved when, the last failure.
    pub autosave: autosave::AutosaveState,
    /// The export's state: the exe that writes, the running export, the preview's memo.
    pub export: export::ExportState,
    /// The keyboard and focus between frames (the view's).
    pub(super) keyboard: KeyboardState,
    /// The native file dialogs: the one open, where they start, answers given by tests.
    pub pickers: files::Pickers,
    pub(super) storage: Storage,
    /// Counts the case's changes; the autosave, the preview and per-screen summaries
    /// compare against it.
    pub(crate) revision: u64,
    repaint: Option<egui::Context>,
    close_confirmed: bool,
    applied_look: Option<(Option<bool>, f32)>,
}

/// The current time with the local offset.
fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

impl App {
    /// A new app over `rules`, keeping its files in `storage`. Offers to restore an
    /// autosave left by a crash.
    #[must_use]
    pub fn new(rules: RuleSet, rules_dir: Option<PathBuf>, storage: Storage) -> Self {
        let settings = storage.load_settings();
        let lang = Lang::parse(&settings.language).unwrap_or(Lang::Ja);
        crate::set_locale(lang.code());
        let (id, version) = rules.stamp();
        let case = Case::new(&id, &version);
        let eval = evaluate(&rules, &case);
        let mut storage = storage;
        // This instance's autosave slot, locked while it runs; the autosaves of instances
        // that ended without saving are offered one by one ([`App::offer_orphan`]).
        let autosave_error = storage.claim().err().map(|e| e.to_string());
        let orphans = storage.orphans();
        let mut app = Self {
            rules,
            rules_dir,
            case,
            path: None,
            eval,
            dirty: false,
            screen: Screen::Step(0),
            dialog: None,
            settings,
            lang,
            affected: Vec::new(),
            screens: ScreenState::default(),
            training: TrainingState::default(),
            register: RegisterState::default(),
            disk: None,
            altered_open: None,
            preloaded: None,
            settings_error: None,
            autosave: autosave::AutosaveState::new(orphans, autosave_error),
            export: export::ExportState::new(export::own_exe()),
            keyboard: KeyboardState::default(),
            pickers: files::Pickers::default(),
            storage,
            revision: 0,
            repaint: None,
            close_confirmed: false,
            applied_look: None,
        };
        app.screen = app.current_screen();
        // Expired and expiring cases are counted at start (the status bar says so).
        app.rescan();
        app.offer_orphan();
        app
    }

    /// Shows the restore dialog for the next autosave left by a run that ended without
    /// saving, once nothing else is asked and the work open here is saved: restoring never
    /// replaces unsaved work.
    pub fn offer_orphan(&mut self) {
        if self.dialog.is_some() || self.dirty {
            return;
        }
        let Some(o) = self.autosave.orphans.first() else { return };
        self.dialog = Some(Dialog::Restore {
            path: o.meta.as_ref().and_then(|m| m.path.clone()),
            saved_at: o.meta.as_ref().map(|m| local_time(&m.saved_at)).unwrap_or_default(),
            case_name: o
                .case
                .as_ref()
                .map(|c| match (c.basics.task_name.trim(), c.basics.section.trim()) {
                    ("", _) => String::new(),
                    (task, "") => task.to_string(),
                    (task, section) => format!("{task}（{section}）"),
                })
                .unwrap_or_default(),
        });
    }

    /// Uses `dir` as the cases folder for this run (`--cases DIR`) and opens the register.
    pub fn use_cases_dir(&mut self, dir: &std::path::Path) {
        self.set_cases_dir(dir);
        self.screen = Screen::Register;
    }

    /// The step that waits for input, or the outcome's step once one is reached.
    #[must_use]
    pub fn current_screen(&self) -> Screen {
        self.eval.current_step(&self.rules).and_then(|s| self.rules.step_idx(s)).map_or(Screen::Step(0), Screen::Step)
    }

    /// The window title: program, file name, and a mark for unsaved changes.
    #[must_use]
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| tr("file.untitled"), |n| n.to_string_lossy().into_owned());
        format!("{}{} — {}", if self.dirty { "● " } else { "" }, name, tr("app.title"))
    }

    /// Whether the last close request may proceed.
    #[must_use]
    pub fn close_confirmed(&self) -> bool {
        self.close_confirmed || !self.dirty
    }

    /// Lets dialog threads wake the UI.
    pub fn set_repaint_context(&mut self, ctx: &egui::Context) {
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
    }

    /// Applies the theme and zoom when they change.
    pub fn apply_look(&mut self, ctx: &egui::Context) {
        let look = (self.settings.dark, self.settings.zoom);
        if self.applied_look != Some(look) {
            // Where the system does not say (an X11 session without a desktop), light, as
            // before the app followed the system.
            ctx.options_mut(|o| o.fallback_theme = egui::Theme::Light);
            ctx.set_theme(match look.0 {
                None => egui::ThemePreference::System,
                Some(true) => egui::ThemePreference::Dark,
                Some(false) => egui::ThemePreference::Light,
            });
            ctx.set_zoom_factor(look.1);
            self.applied_look = Some(look);
        } else if (ctx.zoom_factor() - self.settings.zoom).abs() > f32::EPSILON {
            // Ctrl +/- changed the zoom: remember it.
            self.settings.zoom = ctx.zoom_factor();
            self.applied_look = Some((self.settings.dark, self.settings.zoom));
            self.save_settings();
        }
    }

    pub(super) fn edit(&mut self, e: Edit) {
        if edit::apply(&mut self.case, e, now()) {
            let before = std::mem::replace(&mut self.eval, evaluate(&self.rules, &self.case));
            let here = match self.screen {
                Screen::Step(i) => self.rules.steps.get(i).map(|s| s.step_id.clone()),
                _ => None,
            };
            let changed = edit::affected_steps(&before, &self.eval);
            // Keep steps affected by earlier edits on this screen; add the new ones.
            for s in changed {
                if Some(&s) != here.as_ref() && !self.affected.contains(&s) {
                    self.affected.push(s);
                }
            }
            self.dirty = true;
            self.revision += 1;
        }
    }

    pub(super) fn recompute(&mut self) {
        self.eval = evaluate(&self.rules, &self.case);
        self.affected.clear();
        // A different case or rule set: anything derived from the old one is stale.
        self.revision += 1;
    }

    /// The storage this app writes to.
    #[must_use]
    pub fn storage(&self) -> &Storage {
        &self.storage
    }
}

/// An RFC 3339 time as the user reads it: local time to the minute (the autosave records
/// UTC with nanoseconds). Text that is not such a time is shown as it is.
#[must_use]
pub fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map_or_else(|_| rfc3339.to_string(), |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
}
