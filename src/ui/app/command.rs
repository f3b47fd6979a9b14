//! Every action the UI can ask for, its keyboard shortcut, and the one place that carries
//! the actions out ([`App::handle`]).

use std::path::PathBuf;

use crate::core::edit::Edit;
use crate::core::rules::upkeep::Appendix1Judgement;
use crate::core::text::Lang;

use crate::ui::training::TrainingCommand;

use super::{App, Dialog, Picking, Screen, Then};

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
    /// View → the system's theme (`None`), light or dark.
    SetTheme(Option<bool>),
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
    /// Ask where to write the procurement-spec and contract drafts (native dialog).
    ExportDraftsDialog,
    /// Write the drafts to this file, rendered off the UI thread.
    ExportDrafts(PathBuf),
    /// Training mode: samples, walkthrough, quiz and results.
    Training(TrainingCommand),
    /// Write the organisation profile into the rules folder and use it.
    SaveOrganisation(Box<crate::core::rules::files::OrganisationFile>),
    /// Write the organisation's approver list (`approvers.json`) into the rules folder.
    SaveApprovers(crate::core::rules::files::ApproversFile),
    /// Look in the user's profile for their signing key.
    LookUpSigningKey,
    /// Create the user's signing key with this passphrase.
    CreateSigningKey(String),
    /// Sign the case's last approval entry with the user's key (this passphrase).
    SignApproval(String),
    /// Write the organisation's references (`references.json`) into the rules folder.
    SaveReferences(crate::core::rules::files::ReferencesFile),
    /// Show the register, optionally with a filter.
    ShowRegister(Option<crate::core::register::Filter>),
    /// Choose the cases folder (native dialog).
    ChooseCasesDir,
    /// Use this folder as the cases folder and scan it.
    SetCasesDir(PathBuf),
    /// Scan the cases folder again.
    RescanRegister,
    /// Change the register's filter, search or sort.
    RegisterQuery(crate::core::register::Query),
    /// Ask where to write the register (native dialog).
    ExportRegisterDialog,
    /// Write the register's shown rows to this file (CSV or XLSX).
    ExportRegister(PathBuf),
    /// In the conflict dialog: keep this copy under a new name beside the file.
    SaveCopy(PathBuf),
    /// In the conflict dialog: drop this copy's changes and open the file as saved.
    OpenTheirs(PathBuf),
    /// In the dialog of a case file changed after its seal: open it as found, with the
    /// reseal recorded in the case (written on the next save).
    OpenAltered,
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

impl App {
    /// Carries out commands in order.
    pub fn handle_all(&mut self, commands: Vec<Command>) {
        for c in commands {
            self.handle(c);
        }
    }

    /// Carries out one command.
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
            Command::Save => self.save(),
            Command::SaveAsDialog => self.save_as_dialog(),
            Command::SaveAs(path) => {
                let path = if path.extension().is_none() { path.with_extension("json") } else { path };
                self.save_to(&path);
            }
            Command::UnsavedSave(then) => self.unsaved_save(then),
            Command::UnsavedDiscard(then) => self.unsaved_discard(then),
            Command::SetLanguage(lang) => self.set_language(lang),
            Command::SetTheme(dark) => {
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
            Command::RestoreAutosave => self.restore_autosave(),
            Command::DiscardAutosave => self.discard_autosave(),
            Command::ShowDialog(d) => self.dialog = Some(d),
            Command::CloseDialog => {
                self.dialog = None;
                self.altered_open = None;
            }
            Command::RecordJudgement(j) => self.record_judgement(j),
            Command::ChooseRulesDir => {
                self.pick(|base: rfd::FileDialog| base.pick_folder(), Picking::RulesDir);
            }
            Command::SetRulesDir(dir) => self.set_rules_dir(&dir),
            Command::ExportDialog => self.export_dialog(),
            Command::Export(path) => self.export(path, super::export::Document::Memo),
            Command::ExportDraftsDialog => self.export_drafts_dialog(),
            Command::ExportDrafts(path) => self.export(path, super::export::Document::Drafts),
            Command::OpenRuleBook(clause) => {
                self.screens.rulebook.search = clause;
                self.handle(Command::Goto(Screen::RuleBook));
            }
            Command::Training(c) => self.handle_training(c),
            Command::ShowRegister(filter) => {
                self.show_register(filter);
                self.handle(Command::Goto(Screen::Register));
            }
            Command::ChooseCasesDir => self.choose_cases_dir(),
            Command::SetCasesDir(dir) => self.set_cases_dir(&dir),
            Command::SaveOrganisation(profile) => self.save_organisation(&profile),
            Command::SaveReferences(references) => self.save_references(&references),
            Command::SaveApprovers(list) => self.save_approvers(&list),
            Command::LookUpSigningKey => self.look_up_signing_key(),
            Command::CreateSigningKey(passphrase) => self.create_signing_key(&passphrase),
            Command::SignApproval(passphrase) => self.sign_approval(&passphrase),
            Command::RescanRegister => self.rescan(),
            Command::RegisterQuery(q) => self.set_register_query(q),
            Command::ExportRegisterDialog => self.export_register_dialog(),
            Command::ExportRegister(path) => self.export_register(&path),
            Command::SaveCopy(path) => self.save_copy(&path),
            Command::OpenTheirs(path) => self.open_theirs(&path),
            Command::OpenAltered => self.open_altered(),
        }
    }
}
