//! Files and native dialogs: open, save, the unsaved-changes guard, the rules folder and
//! 付録1 judgments.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::core::case::integrity::{Verdict, record_reseal};
use crate::core::case::{Case, CaseError, load_case, load_case_verified, save_case_checked, save_case_stamped};
use crate::core::edit::{self};
use crate::core::rules::RuleSet;
use crate::core::rules::upkeep::Appendix1Judgement;
use crate::tr;

use crate::ui::training::TrainingCommand;

use super::{App, Command, Dialog, Picking, Screen, ScreenState, Then, now};
use crate::ui::screens::JudgementDraft;

/// The native file dialogs.
#[derive(Default)]
pub struct Pickers {
    /// The dialog open now, on its own thread.
    running: Option<Picking>,
    /// Where every dialog starts: owned by the app's window once it is known (set by the
    /// window on its first frame; a plain dialog in tests).
    pub parent: rfd::FileDialog,
    /// Answers given instead of opening a dialog, in order (`None` answers as Cancel): set
    /// by tests that walk the app to a file, as a user would pick it.
    pub answers: Option<std::collections::VecDeque<Option<PathBuf>>>,
}

/// A case file read and checked against its seal: the part of opening that needs no app,
/// so it can run on another thread.
pub struct Loaded {
    path: PathBuf,
    result: Result<(Case, crate::core::case::DiskStamp, Verdict), CaseError>,
}

impl Loaded {
    /// Reads `path`.
    #[must_use]
    pub fn read(path: &Path) -> Self {
        let result = load_case_verified(path);
        Loaded { path: path.to_path_buf(), result }
    }
}

impl App {
    /// Runs `then` now, or first asks about unsaved changes.
    pub(super) fn guard(&mut self, then: Then) {
        if self.dirty {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Then) {
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
                let dir = self.case_folder();
                self.pick(move |base: rfd::FileDialog| case_dialog(base, dir).pick_file(), Picking::Open);
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

    /// Opens a case file read ahead (at start, while the window was being made) as
    /// [`Command::Open`] of it would; what the open does not take is dropped, so a later open
    /// reads the file again.
    pub fn open_read(&mut self, loaded: Loaded) {
        let path = loaded.path.clone();
        self.preloaded = Some(loaded);
        self.handle(Command::Open(path));
        self.preloaded = None;
    }

    /// Opens a case. On failure the current case stays as it was and a dialog shows the
    /// core's error. A file changed after its seal is not taken in until the user says so
    /// ([`Dialog::Altered`]): the next save would seal the change as if it were recorded.
    pub(super) fn open(&mut self, path: &Path) {
        let loaded = match self.preloaded.take() {
            Some(l) if l.path == path => l,
            _ => Loaded::read(path),
        };
        match loaded.result {
            Ok((case, stamp, verdict)) => {
                if let Verdict::Altered { stored, actual } = verdict {
                    self.dialog = Some(Dialog::Altered { path: path.to_path_buf(), stored, actual });
                    self.altered_open = Some((path.to_path_buf(), case, stamp));
                    return;
                }
                self.take_in(path, case, stamp);
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("dialog.open_failed"), message: e.to_string() });
            }
        }
    }

    /// Opens the case file [`Dialog::Altered`] asked about, as found, with a reseal
    /// recorded in it: unsaved until the user saves, so closing without saving leaves the
    /// file as it was.
    pub(super) fn open_altered(&mut self) {
        self.dialog = None;
        if let Some((path, mut case, stamp)) = self.altered_open.take() {
            record_reseal(&mut case, now());
            self.take_in(&path, case, stamp);
            self.dirty = true;
        }
    }

    /// Makes a case read from `path` the current one, and says what needs saying about it
    /// (problems, another rule set, expiry).
    fn take_in(&mut self, path: &Path, case: Case, stamp: crate::core::case::DiskStamp) {
        let expiry = crate::core::case::lifecycle::expiry(&case, super::today());
        let mismatch =
            case.rule_set.ruleset_id != self.rules.info.ruleset_id || case.rule_set.version != self.rules.info.version;
        self.case = case;
        self.path = Some(path.to_path_buf());
        self.disk = Some(stamp);
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
        } else if let Some(text) = expiry_notice(expiry) {
            self.dialog = Some(Dialog::Info(text));
        }
    }

    /// Saves to `path` with the outcome recorded. Returns whether it worked. Saving to the
    /// file that is open checks first that nobody else saved it since ([`Dialog::Conflict`]).
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        let mut case = self.case.clone();
        edit::record_outcome(&mut case, &self.eval, now());
        let result = if self.path.as_deref() == Some(path) {
            save_case_checked(path, &case, self.disk.as_ref()).map(Some)
        } else {
            save_case_stamped(path, &case).map(Some)
        };
        match result {
            Err(CaseError::ChangedOnDisk { .. }) => {
                self.dialog =
                    Some(Dialog::Conflict { path: path.to_path_buf(), changes: self.changes_from_disk(path) });
                false
            }
            Ok(stamp) => {
                self.disk = stamp;
                self.case = case;
                self.path = Some(path.to_path_buf());
                self.dirty = false;
                self.autosave.saved_revision = self.revision;
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

    /// What differs between the file on disk and the case here, one line per field.
    fn changes_from_disk(&self, path: &Path) -> Vec<String> {
        match load_case(path) {
            Ok(theirs) => crate::core::case::diff::changes(&theirs, &self.case)
                .into_iter()
                .map(|c| {
                    let label = crate::core::memo::change_label(&self.rules, &self.case, &theirs, &c.path, self.lang);
                    format!("{label}: 「{}」 → 「{}」", c.before, c.after)
                })
                .collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    /// Keeps this copy beside the file someone else saved: `NAME (新しい版).json`.
    pub(super) fn save_copy(&mut self, path: &Path) {
        let copy = crate::core::atomic::beside(path);
        self.dialog = None;
        if self.save_to(&copy) {
            self.dialog = Some(Dialog::Info(format!("{}\n{}", tr("conflict.saved_copy"), copy.display())));
        }
    }

    pub(super) fn suggested_file_name(&self) -> String {
        let name = self.case.basics.task_name.trim();
        let stem: String = name.chars().filter(|c| !r#"\/:*?"<>|"#.contains(*c)).collect();
        if stem.is_empty() { "case.json".into() } else { format!("{stem}.json") }
    }

    /// Writes the settings; a failure is kept for the status bar until a save works.
    pub fn save_settings(&mut self) {
        // Settings are a convenience: failing to write them must not interrupt the work
        // with a dialog, but it is said in the status bar, never dropped.
        self.settings_error = self.storage.save_settings(&self.settings).err().map(|e| e.to_string());
    }

    pub(super) fn pick(
        &mut self,
        dialog: impl FnOnce(rfd::FileDialog) -> Option<PathBuf> + Send + 'static,
        wrap: fn(Receiver<Option<PathBuf>>) -> Picking,
    ) {
        if self.pickers.running.is_some() {
            return;
        }
        let (tx, rx) = channel();
        if let Some(answers) = &mut self.pickers.answers {
            let _ = tx.send(answers.pop_front().flatten());
            self.pickers.running = Some(wrap(rx));
            return;
        }
        let ctx = self.repaint.clone();
        // Owned by the app's window, so the dialog opens in front of it and modal to it.
        let base = self.pickers.parent.clone();
        std::thread::spawn(move || {
            let _ = tx.send(dialog(base));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.pickers.running = Some(wrap(rx));
    }

    /// Whether a native file dialog is open.
    #[must_use]
    pub fn is_picking(&self) -> bool {
        self.pickers.running.is_some()
    }

    /// Collects the result of a native dialog, if one has finished.
    pub fn poll_dialogs(&mut self) {
        if let Some((rx, document)) = &self.export.running
            && let Ok(result) = rx.try_recv()
        {
            let document = *document;
            self.export.running = None;
            self.export_done(result, document);
        }
        self.poll_scan();
        let Some(picking) = &self.pickers.running else { return };
        let (rx, kind) = match picking {
            Picking::Open(rx) => (rx, 0),
            Picking::SaveAs(rx) => (rx, 1),
            Picking::RulesDir(rx) => (rx, 2),
            Picking::Export(rx) => (rx, 3),
            Picking::Results(rx) => (rx, 4),
            Picking::CasesDir(rx) => (rx, 5),
            Picking::RegisterExport(rx) => (rx, 6),
            Picking::ExportDrafts(rx) => (rx, 7),
        };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        self.pickers.running = None;
        if let Some(path) = result {
            match kind {
                0 => self.open(&path),
                1 => self.handle(Command::SaveAs(path)),
                2 => self.handle(Command::SetRulesDir(path)),
                3 => self.handle(Command::Export(path)),
                5 => self.handle(Command::SetCasesDir(path)),
                6 => self.handle(Command::ExportRegister(path)),
                7 => self.handle(Command::ExportDrafts(path)),
                _ => self.handle_training(TrainingCommand::Export(path)),
            }
        }
    }

    pub(super) fn set_rules_dir(&mut self, dir: &Path) {
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

    pub(super) fn use_rules(&mut self, rules: RuleSet, dir: &Path) {
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

    /// Writes the organisation profile into the rules folder (checked with the rest of it).
    pub(super) fn save_organisation(&mut self, profile: &crate::core::rules::files::OrganisationFile) {
        if self.change_rules_folder(
            |dir| crate::core::rules::upkeep::save_organisation(dir, profile),
            |_, _| tr("org.saved"),
        ) {
            self.screens.upkeep.organisation = None;
        }
    }

    /// Writes the organisation's references into the rules folder (checked with the rest).
    pub(super) fn save_references(&mut self, references: &crate::core::rules::files::ReferencesFile) {
        if self.change_rules_folder(
            |dir| crate::core::rules::upkeep::save_references(dir, references),
            |_, _| tr("refs.saved"),
        ) {
            self.screens.upkeep.references = None;
        }
    }

    /// Writes the approver list into the rules folder (checked with the rest).
    pub(super) fn save_approvers(&mut self, list: &crate::core::rules::files::ApproversFile) {
        if self.change_rules_folder(
            |dir| crate::core::rules::upkeep::save_approvers(dir, list),
            |_, _| tr("approvers.saved"),
        ) {
            self.screens.upkeep.approvers = None;
        }
    }

    pub(super) fn record_judgement(&mut self, j: Appendix1Judgement) {
        if self.change_rules_folder(
            |dir| crate::core::rules::upkeep::record_judgement(dir, j),
            |rules, lang| rules.words("ui.upkeep.recorded", lang, &[]),
        ) {
            self.screens.upkeep.judgement = JudgementDraft::default();
        }
    }

    /// Changes a file of the organisation's rules folder through the core, which checks the
    /// whole folder first, then uses the new rules and says what `done` words from them.
    /// Returns whether it worked.
    fn change_rules_folder(
        &mut self,
        change: impl FnOnce(&Path) -> Result<RuleSet, crate::core::rules::RuleErrors>,
        done: impl FnOnce(&RuleSet, crate::core::text::Lang) -> String,
    ) -> bool {
        let Some(dir) = self.rules_dir.clone() else {
            self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: tr("upkeep.need_folder") });
            return false;
        };
        match change(&dir) {
            Ok(rules) => {
                self.use_rules(rules, &dir);
                self.dialog = Some(Dialog::Info(done(&self.rules, self.lang)));
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("dialog.rules_failed"), message: e.to_string() });
                false
            }
        }
    }

    /// Saves to the case's file, or asks where when it has none.
    pub(super) fn save(&mut self) {
        match self.path.clone() {
            Some(p) => {
                self.save_to(&p);
            }
            None => self.handle(Command::SaveAsDialog),
        }
    }

    /// Asks where to save, starting in the case's folder with a name from the case.
    pub(super) fn save_as_dialog(&mut self) {
        let name = self.suggested_file_name();
        let dir = self.case_folder();
        self.pick(move |base: rfd::FileDialog| case_dialog(base, dir).set_file_name(name).save_file(), Picking::SaveAs);
    }

    /// The folder of the case's file, where its file dialogs start.
    fn case_folder(&self) -> Option<PathBuf> {
        self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf))
    }

    /// The unsaved guard's 保存: saves, and goes on to `then` once saved.
    pub(super) fn unsaved_save(&mut self, then: Then) {
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

    /// The unsaved guard's 破棄: drops the changes and their autosave, and goes on to `then`.
    pub(super) fn unsaved_discard(&mut self, then: Then) {
        self.discard_changes();
        self.proceed(then);
    }

    /// Opens the file someone else saved over this case, dropping the changes here once it
    /// is open: a file that cannot be opened (or is left unopened when it turns out altered)
    /// leaves them as they were — unsaved, still autosaved, still guarded on closing.
    pub(super) fn open_theirs(&mut self, path: &Path) {
        self.dialog = None;
        self.open(path);
    }

    /// Closes the dialog that asked, and drops the unsaved changes and their autosave.
    fn discard_changes(&mut self) {
        self.dialog = None;
        self.dirty = false;
        self.storage.clear_autosave();
    }

    /// Switches the UI and the rule texts to `lang`, and remembers it.
    pub(super) fn set_language(&mut self, lang: crate::core::text::Lang) {
        self.lang = lang;
        crate::set_locale(lang.code());
        self.settings.language = lang.code().to_string();
        self.save_settings();
    }
}

/// What to tell on opening a case whose re-review date has passed or is near (30 days).
fn expiry_notice(e: crate::core::case::lifecycle::Expiry) -> Option<String> {
    use crate::core::case::lifecycle::Expiry;
    match e {
        Expiry::Expired { date, days } => {
            Some(format!("⚠ {} {date}（{days}{}）", tr("expiry.expired"), tr("expiry.days_ago")))
        }
        Expiry::Ahead { date, days } if days <= 30 => {
            Some(format!("{} {date}（{days}{}）", tr("expiry.soon"), tr("expiry.days_left")))
        }
        _ => None,
    }
}

/// A file dialog for case files (`.json`), starting in `dir` when there is one.
fn case_dialog(base: rfd::FileDialog, dir: Option<PathBuf>) -> rfd::FileDialog {
    let d = base.add_filter("itaku-navi case (*.json)", &["json"]);
    match dir {
        Some(dir) => d.set_directory(dir),
        None => d,
    }
}
