//! What the app shows and asks: the screens, the dialogs, and the screens' transient state.

use std::path::PathBuf;

use crate::ui::screens::{
    CautionsState, InventoryState, RegisterTable, RiskState, RuleBookState, SigningState, UpkeepState,
};

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
    /// The register (台帳) of the cases folder.
    Register,
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
    /// 「再審査を開始」: what it does, asked before the new revision begins.
    ConfirmReReview,
    /// The memo as it will be exported.
    Preview,
    /// Licences of the program and its fonts.
    Licences,
    /// The procurement-spec and contract drafts: the choices they depend on, and export.
    Drafts,
    /// The case file being opened was changed after it was sealed (its stored hash does not
    /// match its content): open it and record a reseal, or leave it closed.
    Altered {
        /// The file.
        path: PathBuf,
        /// The hash it carries, from its last seal.
        stored: String,
        /// The hash of its content as found.
        actual: String,
    },
    /// Someone else saved the case file after it was opened here: nothing was
    /// overwritten; save a copy, or open theirs.
    Conflict {
        /// The file.
        path: PathBuf,
        /// What differs between their file and this copy, one line each.
        changes: Vec<String>,
    },
}

/// Transient state of the screens (selections, search text, drafts): not part of the case.
#[derive(Debug, Default)]
pub struct ScreenState {
    /// 付録1 search text.
    pub appendix1_search: String,
    /// Draft of a new item on the access-path screen.
    pub access_draft: String,
    /// A clause the user asked to read (the guidance panel shows it first).
    pub focus_clause: Option<String>,
    /// The inventory screen's.
    pub inventory: InventoryState,
    /// The 表4 checklist's.
    pub cautions: CautionsState,
    /// The risk screen's.
    pub risk: RiskState,
    /// The register's table.
    pub register_table: RegisterTable,
    /// The rule book's and the glossary's.
    pub rulebook: RuleBookState,
    /// The upkeep screen's drafts.
    pub upkeep: UpkeepState,
    /// The signature panel: the passphrase being typed and the user's key.
    pub signing: SigningState,
}

/// The keyboard and focus as the view keeps them between frames.
#[derive(Debug, Default)]
pub struct KeyboardState {
    /// The screen drawn last frame, to notice when a screen is entered.
    pub(crate) shown_screen: Option<Screen>,
    /// Tab left the sidebar's last widget: the next frame focuses the form's first input.
    pub(crate) tab_to_form: bool,
    /// The keyboard around message boxes: the widget that had the focus before a dialog
    /// opened (it gets the focus back when the dialog closes), and whether a dialog was
    /// drawn last frame (its first frame puts the focus on its default button).
    pub(crate) dialog_focus: (Option<egui::Id>, bool),
    /// The widget that had the keyboard focus at the start of the last frame: a widget that
    /// newly has it is scrolled into view.
    pub(crate) seen_focus: Option<egui::Id>,
    /// Keeps an IME's Return out of the fields (`ui::ime`).
    pub(crate) ime: crate::ui::ime::ImeGuard,
}
