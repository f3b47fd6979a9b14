//! The app's state and the one place it changes: screens emit [`Command`]s, and
//! [`App::handle`] carries them out (edits through the core, files through the core's
//! readers and writers). Drawing lives in the sibling modules.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::core::case::{Case, load_case, save_case};
use crate::core::edit::{self, Edit};
use crate::core::engine::{Evaluation, evaluate};
use crate::core::rules::RuleSet;
use crate::core::rules::upkeep::Appendix1Judgement;
use crate::core::text::Lang;
use crate::tr;

use super::storage::{Settings, Storage};
use super::training::{TrainingCommand, TrainingEffect, TrainingEnv, TrainingScreen, TrainingState};

/// How often a changed case is autosaved.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(5);

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// A step of the flow, by index in the rule set.
    Step(usize),
    /// Every answer and reason, each linking back to its step.
    Review,
    /// The organisation's 付録1 list and the recording of judgments (5.1(4)).
    Upkeep,
    /// The rule book: every clause text, searchable.
    RuleBook,
    /// The glossary of terms.
    Glossary,
    /// Training: the sample cases, the trainee's name and the results kept on this PC.
    Samples,
    /// Training: a sample's model answers, read-only, with the commentary beside each.
    Walkthrough,
    /// Training: the quiz in progress, or its score.
    Quiz,
}

/// Something to do after the user has decided about unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Start a new case.
    New,
    /// Ask for a file to open.
    OpenDialog,
    /// Open this file.
    Open(PathBuf),
    /// Close the window.
    Quit,
}

/// A modal dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Something failed; `message` is the core's precise error.
    Error {
        /// Short title.
        title: String,
        /// The full message.
        message: String,
    },
    /// A short confirmation (saved, recorded).
    Info(String),
    /// Unsaved changes: save, discard, or cancel before `Then`.
    Unsaved(Then),
    /// An autosave from a run that did not end cleanly.
    Restore {
        /// The file the autosaved case belonged to.
        path: Option<PathBuf>,
        /// When it was written, in local time (`2026-11-23 21:05`).
        saved_at: String,
        /// The autosaved case's task name and section, so the user knows which work it is.
        case_name: String,
    },
    /// About the program and its rule set.
    About,
    /// The memo as it will be exported.
    Preview,
    /// Licences of the program and its fonts.
    Licences,
}

/// Every action the UI can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Change the case.
    Edit(Edit),
    /// Show a screen.
    Goto(Screen),
    /// Show the step that waits for input (or the outcome).
    GotoCurrent,
    /// File → New (asks first if there are unsaved changes).
    New,
    /// File → Open… (native dialog).
    OpenDialog,
    /// Open this file (asks first if there are unsaved changes).
    Open(PathBuf),
    /// File → Save (Save As… when the case has no file yet).
    Save,
    /// File → Save As… (native dialog).
    SaveAsDialog,
    /// Save to this file.
    SaveAs(PathBuf),
    /// File → Quit (asks first if there are unsaved changes).
    Quit,
    /// In the unsaved-changes dialog: save, then go on.
    UnsavedSave(Then),
    /// In the unsaved-changes dialog: drop the changes, then go on.
    UnsavedDiscard(Then),
    /// View → language.
    SetLanguage(Lang),
    /// View → dark or light.
    SetDark(bool),
    /// View → zoom factor.
    SetZoom(f32),
    /// Fold or unfold the guidance panel.
    SetGuidance(bool),
    /// Show a clause's text in the guidance panel.
    ShowClause(String),
    /// Restore the autosaved case.
    RestoreAutosave,
    /// Throw the autosaved case away.
    DiscardAutosave,
    /// Open a dialog.
    ShowDialog(Dialog),
    /// Close the dialog.
    CloseDialog,
    /// Record a 付録1 judgment in the organisation's rules folder.
    RecordJudgement(Appendix1Judgement),
    /// Choose the organisation's rules folder (native dialog).
    ChooseRulesDir,
    /// Use this folder as the organisation's rules folder (the shipped rules are copied
    /// into it first if it is empty).
    SetRulesDir(PathBuf),
    /// Show the rule book at this clause.
    OpenRuleBook(String),
    /// File → Export memo… (native dialog; the format follows the extension).
    ExportDialog,
    /// Write the memo to this file, rendered off the UI thread.
    Export(PathBuf),
    /// Training mode: samples, walkthrough, quiz and results.
    Training(TrainingCommand),
}

impl Command {
    /// The commands that have a keyboard shortcut, in the order they are matched (a
    /// shortcut with Shift before the same one without).
    #[must_use]
    pub fn with_shortcuts() -> [Self; 6] {
        [Self::SaveAsDialog, Self::Save, Self::OpenDialog, Self::New, Self::ExportDialog, Self::Quit]
    }

    /// The keyboard shortcut that issues this command: the one definition the key handler
    /// and the menus (which show it beside the entry) both read.
    #[must_use]
    pub fn shortcut(&self) -> Option<egui::KeyboardShortcut> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let (modifiers, key) = match self {
            Self::SaveAsDialog => (Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            Self::Save => (Modifiers::COMMAND, Key::S),
            Self::OpenDialog => (Modifiers::COMMAND, Key::O),
            Self::New => (Modifiers::COMMAND, Key::N),
            Self::ExportDialog => (Modifiers::COMMAND, Key::E),
            Self::Quit => (Modifiers::COMMAND, Key::Q),
            _ => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }
}

/// Transient state of the screens (selections, search text, drafts): not part of the case.
#[derive(Debug, Default)]
pub struct ScreenState {
    /// 付録1 search text.
    pub appendix1_search: String,
    /// The inventory row being edited.
    pub selected_item: Option<String>,
    /// Draft of a new item on the access-path screen.
    pub access_draft: String,
    /// The risk row being edited.
    pub selected_risk: Option<String>,
    /// Draft of a 付録1 judgment on the upkeep screen.
    pub judgement_draft: JudgementDraft,
    /// A clause the user asked to read.
    pub focus_clause: Option<String>,
    /// Rule book search text.
    pub rulebook_search: String,
    /// Glossary search text.
    pub glossary_search: String,
}

/// What the user types on the upkeep screen before recording a judgment.
#[derive(Debug, Clone, Default)]
pub struct JudgementDraft {
    /// The task.
    pub task: String,
    /// Whether it handles important information.
    pub handles_important: bool,
    /// Date (YYYY-MM-DD).
    pub decided_on: String,
    /// Who decided.
    pub decided_by: String,
    /// Reason.
    pub reason: String,
}

/// A native dialog running on its own thread.
pub(super) enum Picking {
    Open(Receiver<Option<PathBuf>>),
    SaveAs(Receiver<Option<PathBuf>>),
    RulesDir(Receiver<Option<PathBuf>>),
    Export(Receiver<Option<PathBuf>>),
    Results(Receiver<Option<PathBuf>>),
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
    /// The screen drawn last frame, to notice when a screen is entered.
    pub(super) shown_screen: Option<Screen>,
    /// Why the settings could not be saved, shown in the status bar until a save works.
    pub settings_error: Option<String>,
    pub(super) storage: Storage,
    revision: u64,
    autosaved_revision: u64,
    last_autosave: Instant,
    picking: Option<Picking>,
    exporting: Option<Receiver<Result<PathBuf, String>>>,
    preview_cache: Option<(u64, Lang, crate::core::memo::Memo)>,
    repaint: Option<egui::Context>,
    close_confirmed: bool,
    applied_look: Option<(bool, f32)>,
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
        let dialog = storage.pending_autosave().map(|(case, meta)| Dialog::Restore {
            path: meta.as_ref().and_then(|m| m.path.clone()),
            saved_at: meta.map(|m| local_time(&m.saved_at)).unwrap_or_default(),
            case_name: case
                .map(|c| match (c.basics.task_name.trim(), c.basics.section.trim()) {
                    ("", _) => String::new(),
                    (task, "") => task.to_string(),
                    (task, section) => format!("{task}（{section}）"),
                })
                .unwrap_or_default(),
        });
        let mut app = Self {
            rules,
            rules_dir,
            case,
            path: None,
            eval,
            dirty: false,
            screen: Screen::Step(0),
            dialog,
            settings,
            lang,
            affected: Vec::new(),
            screens: ScreenState::default(),
            training: TrainingState::default(),
            shown_screen: None,
            settings_error: None,
            storage,
            revision: 0,
            autosaved_revision: 0,
            last_autosave: Instant::now(),
            picking: None,
            exporting: None,
            preview_cache: None,
            repaint: None,
            close_confirmed: false,
            applied_look: None,
        };
        app.screen = app.current_screen();
        app
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
            ctx.set_theme(if look.0 { egui::Theme::Dark } else { egui::Theme::Light });
            ctx.set_zoom_factor(look.1);
            self.applied_look = Some(look);
        } else if (ctx.zoom_factor() - self.settings.zoom).abs() > f32::EPSILON {
            // Ctrl +/- changed the zoom: remember it.
            self.settings.zoom = ctx.zoom_factor();
            self.applied_look = Some((self.settings.dark, self.settings.zoom));
            self.save_settings();
        }
    }

    /// Carries out commands in order.
    pub fn handle_all(&mut self, commands: Vec<Command>) {
        for c in commands {
            self.handle(c);
        }
    }

    /// Carries out one command.
    #[expect(clippy::too_many_lines, reason = "One arm per command; each is short.")]
    pub fn handle(&mut self, command: Command) {
        match command {
            Command::Edit(e) => self.edit(e),
            Command::Goto(screen) => {
                self.screen = screen;
                self.affected.clear();
                self.autosave_now();
            }
            Command::GotoCurrent => self.handle(Command::Goto(self.current_screen())),
            Command::New => self.guard(Then::New),
            Command::OpenDialog => self.guard(Then::OpenDialog),
            Command::Open(path) => self.guard(Then::Open(path)),
            Command::Quit => self.guard(Then::Quit),
            Command::Save => match self.path.clone() {
                Some(p) => {
                    self.save_to(&p);
                }
                None => self.handle(Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                let name = self.suggested_file_name();
                let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
                self.pick(
                    move || {
                        let mut d = rfd::FileDialog::new()
                            .add_filter("itaku-navi case (*.json)", &["json"])
                            .set_file_name(name);
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.save_file()
                    },
                    Picking::SaveAs,
                );
            }
            Command::SaveAs(path) => {
                let path = if path.extension().is_none() { path.with_extension("json") } else { path };
                self.save_to(&path);
            }
            Command::UnsavedSave(then) => {
                self.dialog = None;
                let saved = if let Some(p) = self.path.clone() {
                    self.save_to(&p)
                } else {
                    self.handle(Command::SaveAsDialog);
                    false
                };
                if saved {
                    self.proceed(then);
                }
            }
            Command::UnsavedDiscard(then) => {
                self.dialog = None;
                self.dirty = false;
                self.storage.clear_autosave();
                self.proceed(then);
            }
            Command::SetLanguage(lang) => {
                self.lang = lang;
                crate::set_locale(lang.code());
                self.settings.language = lang.code().to_string();
                self.save_settings();
            }
            Command::SetDark(dark) => {
                self.settings.dark = dark;
                self.save_settings();
            }
            Command::SetZoom(zoom) => {
                self.settings.zoom = zoom.clamp(0.5, 3.0);
                self.save_settings();
            }
            Command::SetGuidance(open) => {
                self.settings.guidance_open = open;
                self.save_settings();
            }
            Command::ShowClause(c) => {
                self.screens.focus_clause = Some(c);
                if !self.settings.guidance_open {
                    self.handle(Command::SetGuidance(true));
                }
            }
            Command::RestoreAutosave => {
                self.dialog = None;
                match self.storage.pending_autosave() {
                    Some((Ok(case), meta)) => {
                        self.case = case;
                        self.path = meta.and_then(|m| m.path);
                        self.dirty = true;
                        self.revision += 1;
                        self.recompute();
                        self.screen = self.current_screen();
                    }
                    Some((Err(message), _)) => {
                        self.dialog = Some(Dialog::Error { title: tr("dialog.restore_failed"), message });
                    }
                    None => {}
                }
            }
            Command::DiscardAutosave => {
                self.dialog = None;
                self.storage.clear_autosave();
            }
            Command::ShowDialog(d) => self.dialog = Some(d),
            Command::CloseDialog => self.dialog = None,
            Command::RecordJudgement(j) => self.record_judgement(j),
            Command::ChooseRulesDir => {
                self.pick(|| rfd::FileDialog::new().pick_folder(), Picking::RulesDir);
            }
            Command::SetRulesDir(dir) => self.set_rules_dir(&dir),
            Command::ExportDialog => {
                let name = self.suggested_file_name().trim_end_matches(".json").to_string() + ".pdf";
                let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
                self.pick(
                    move || {
                        let mut d = crate::core::memo::Format::ALL
                            .iter()
                            .fold(rfd::FileDialog::new(), |d, f| d.add_filter(f.label(), f.extensions()))
                            .set_file_name(name);
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.save_file()
                    },
                    Picking::Export,
                );
            }
            Command::Export(path) => self.export(path),
            Command::OpenRuleBook(clause) => {
                self.screens.rulebook_search = clause;
                self.handle(Command::Goto(Screen::RuleBook));
            }
            Command::Training(c) => self.handle_training(c),
        }
    }

    /// The memo of the current case in the UI language, dated today.
    #[must_use]
    pub fn memo(&self) -> crate::core::memo::Memo {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        crate::core::memo::build(&self.rules, &self.case, self.lang, &today)
    }

    /// Renders and writes the memo on a worker thread; the UI stays responsive.
    fn export(&mut self, path: PathBuf) {
        use crate::core::memo::Format;
        let format = Format::of_path(&path).unwrap_or(Format::Pdf);
        let path = if path.extension().is_none() { path.with_extension(format.extension()) } else { path };
        let memo = self.memo();
        let case = self.case.clone();
        let (tx, rx) = channel();
        let ctx = self.repaint.clone();
        std::thread::spawn(move || {
            let bytes = crate::core::memo::render_memo(&memo, &case, format);
            let result = bytes.and_then(|b| {
                crate::core::atomic::write_atomic(&path, &b, false).map_err(|e| format!("{e} — in {}", path.display()))
            });
            let _ = tx.send(result.map(|()| path));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.exporting = Some(rx);
    }

    /// Whether a memo is being written.
    #[must_use]
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// Waits for a running export to finish (for tests and the command line).
    pub fn finish_export(&mut self) {
        if let Some(rx) = self.exporting.take() {
            let result = rx.recv().unwrap_or_else(|_| Err("the export stopped unexpectedly".into()));
            self.export_done(result);
        }
    }

    fn export_done(&mut self, result: Result<PathBuf, String>) {
        self.dialog = Some(match result {
            Ok(p) => Dialog::Info(format!("{}\n{}", tr("export.done"), p.display())),
            Err(e) => Dialog::Error { title: tr("export.failed"), message: e },
        });
    }

    fn edit(&mut self, e: Edit) {
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

    fn recompute(&mut self) {
        self.eval = evaluate(&self.rules, &self.case);
        self.affected.clear();
        // A different case or rule set: anything derived from the old one is stale.
        self.revision += 1;
    }

    /// The memo for the preview window, rebuilt only when the case or the language changed.
    pub fn take_preview_memo(&mut self) -> crate::core::memo::Memo {
        match self.preview_cache.take() {
            Some((revision, lang, memo)) if revision == self.revision && lang == self.lang => memo,
            _ => self.memo(),
        }
    }

    /// Gives the preview memo back for the next frame.
    pub fn keep_preview_memo(&mut self, memo: crate::core::memo::Memo) {
        self.preview_cache = Some((self.revision, self.lang, memo));
    }

    /// Runs `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.dirty {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New => {
                let (id, version) = self.rules.stamp();
                self.case = Case::new(&id, &version);
                self.path = None;
                self.dirty = false;
                self.storage.clear_autosave();
                self.recompute();
                self.screens = ScreenState::default();
                self.screen = self.current_screen();
            }
            Then::OpenDialog => {
                let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
                self.pick(
                    move || {
                        let mut d = rfd::FileDialog::new().add_filter("itaku-navi case (*.json)", &["json"]);
                        if let Some(dir) = dir {
                            d = d.set_directory(dir);
                        }
                        d.pick_file()
                    },
                    Picking::Open,
                );
            }
            Then::Open(path) => self.open(&path),
            Then::Quit => {
                self.close_confirmed = true;
                self.storage.clear_autosave();
                if let Some(ctx) = &self.repaint {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Opens a case. On failure the current case stays as it was and a dialog shows the
    /// core's error.
    fn open(&mut self, path: &Path) {
        match load_case(path) {
            Ok(case) => {
                let mismatch = case.rule_set.ruleset_id != self.rules.info.ruleset_id
                    || case.rule_set.version != self.rules.info.version;
                self.case = case;
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.storage.clear_autosave();
                self.recompute();
                self.screens = ScreenState::default();
                self.screen = self.current_screen();
                self.settings.remember(path);
                self.save_settings();
                let label = path.display().to_string();
                let problems = crate::core::case::check_against(&self.rules, &self.case, &label);
                if !problems.is_empty() {
                    self.dialog = Some(Dialog::Error {
                        title: tr("dialog.open_problems"),
                        message: problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
                    });
                } else if mismatch {
                    self.dialog = Some(Dialog::Info(tr("dialog.ruleset_mismatch")));
                }
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("dialog.open_failed"), message: e.to_string() });
            }
        }
    }

    /// Saves to `path` with the outcome recorded. Returns whether it worked.
    fn save_to(&mut self, path: &Path) -> bool {
        let mut case = self.case.clone();
        edit::record_outcome(&mut case, &self.eval, now());
        match save_case(path, &case) {
            Ok(()) => {
                self.case = case;
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.autosaved_revision = self.revision;
                self.storage.clear_autosave();
                self.settings.remember(path);
                self.save_settings();
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("dialog.save_failed"), message: e.to_string() });
                false
            }
        }
    }

    fn suggested_file_name(&self) -> String {
        let name = self.case.basics.task_name.trim();
        let stem: String = name.chars().filter(|c| !r#"\/:*?"<>|"#.contains(*c)).collect();
        if stem.is_empty() { "case.json".into() } else { format!("{stem}.json") }
    }

    fn save_settings(&mut self) {
        // Settings are a convenience: failing to write them must not interrupt the work
        // with a dialog, but it is said in the status bar, never dropped.
        self.settings_error = self.storage.save_settings(&self.settings).err();
    }

    /// Autosaves if there are changes not yet autosaved.
    pub fn autosave_now(&mut self) {
        if self.dirty && self.revision != self.autosaved_revision {
            let stamp = now().to_rfc3339();
            if self.storage.write_autosave(&self.case, self.path.as_deref(), &stamp).is_ok() {
                self.autosaved_revision = self.revision;
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

    /// Loads the training samples and results once (see [`TrainingState::ensure_samples`]).
    pub fn ensure_samples(&mut self) {
        self.training.ensure_samples(&self.rules, self.rules_dir.as_deref(), &self.storage);
    }

    /// Carries out a training command and what it asks of the app.
    pub fn handle_training(&mut self, command: TrainingCommand) {
        let showing = match self.screen {
            Screen::Samples => Some(TrainingScreen::Samples),
            Screen::Walkthrough => Some(TrainingScreen::Walkthrough),
            Screen::Quiz => Some(TrainingScreen::Quiz),
            _ => None,
        };
        let env = TrainingEnv {
            rules: &self.rules,
            rules_dir: self.rules_dir.as_deref(),
            storage: &self.storage,
            lang: self.lang,
            showing,
        };
        for effect in self.training.handle(command, &env) {
            match effect {
                TrainingEffect::Show(screen) => self.handle(Command::Goto(match screen {
                    TrainingScreen::Samples => Screen::Samples,
                    TrainingScreen::Walkthrough => Screen::Walkthrough,
                    TrainingScreen::Quiz => Screen::Quiz,
                })),
                TrainingEffect::Info(text) => self.dialog = Some(Dialog::Info(text)),
                TrainingEffect::Error { title, message } => self.dialog = Some(Dialog::Error { title, message }),
                TrainingEffect::PickResultsFile(name) => self.pick(
                    move || rfd::FileDialog::new().add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
                    Picking::Results,
                ),
            }
        }
    }

    pub(super) fn pick(
        &mut self,
        dialog: impl FnOnce() -> Option<PathBuf> + Send + 'static,
        wrap: fn(Receiver<Option<PathBuf>>) -> Picking,
    ) {
        if self.picking.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let ctx = self.repaint.clone();
        std::thread::spawn(move || {
            let _ = tx.send(dialog());
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.picking = Some(wrap(rx));
    }

    /// Whether a native file dialog is open.
    #[must_use]
    pub fn is_picking(&self) -> bool {
        self.picking.is_some()
    }

    /// Collects the result of a native dialog, if one has finished.
    pub fn poll_dialogs(&mut self) {
        if let Some(rx) = &self.exporting
            && let Ok(result) = rx.try_recv()
        {
            self.exporting = None;
            self.export_done(result);
        }
        let Some(picking) = &self.picking else { return };
        let (rx, kind) = match picking {
            Picking::Open(rx) => (rx, 0),
            Picking::SaveAs(rx) => (rx, 1),
            Picking::RulesDir(rx) => (rx, 2),
            Picking::Export(rx) => (rx, 3),
            Picking::Results(rx) => (rx, 4),
        };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        self.picking = None;
        if let Some(path) = result {
            match kind {
                0 => self.open(&path),
                1 => self.handle(Command::SaveAs(path)),
                2 => self.handle(Command::SetRulesDir(path)),
                3 => self.handle(Command::Export(path)),
                _ => self.handle_training(TrainingCommand::Export(path)),
            }
        }
    }

    fn set_rules_dir(&mut self, dir: &Path) {
        let empty = std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_none());
        if empty && let Err(e) = crate::core::rules::upkeep::export_embedded(dir) {
            self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: e.to_string() });
            return;
        }
        match crate::core::rules::load_dir(dir) {
            Ok(rules) => {
                self.use_rules(rules, dir);
                self.dialog = Some(Dialog::Info(format!("{}\n{}", tr("dialog.rules_in_use"), dir.display())));
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: e.to_string() });
            }
        }
    }

    fn use_rules(&mut self, rules: RuleSet, dir: &Path) {
        self.rules = rules;
        self.rules_dir = Some(dir.to_path_buf());
        self.settings.rules_dir = Some(dir.to_path_buf());
        self.save_settings();
        self.recompute();
        // Samples are checked against the rules: load them again under the new ones.
        self.training.samples = None;
        self.training.quiz = None;
        if matches!(self.screen, Screen::Walkthrough | Screen::Quiz) {
            self.screen = Screen::Samples;
        }
        if let Screen::Step(i) = self.screen
            && i >= self.rules.steps.len()
        {
            self.screen = self.current_screen();
        }
    }

    fn record_judgement(&mut self, j: Appendix1Judgement) {
        let Some(dir) = self.rules_dir.clone() else {
            self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: tr("upkeep.need_folder") });
            return;
        };
        match crate::core::rules::upkeep::record_judgement(&dir, j) {
            Ok(rules) => {
                self.use_rules(rules, &dir);
                self.screens.judgement_draft = JudgementDraft::default();
                self.dialog = Some(Dialog::Info(tr("upkeep.recorded")));
            }
            Err(e) => self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: e.to_string() }),
        }
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
