//! What the app shows and asks: the screens, the dialogs, and the screens' transient state.

use std::path::PathBuf;

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
#[expect(
    clippy::struct_excessive_bools,
    reason = "one-shot focus requests of separate tables, each set and taken on its own"
)]
pub struct ScreenState {
    /// 付録1 search text.
    pub appendix1_search: String,
    /// The inventory row being edited.
    pub selected_item: Option<String>,
    /// The inventory's counts (important, still open) and the case revision they were
    /// made at: recounted when the case changes, not on every frame.
    pub inventory_counts: Option<(u64, usize, usize)>,
    /// An inventory item whose name field takes the keyboard focus when next drawn (a row
    /// just added, or Enter on a row of the table).
    pub focus_item_name: Option<String>,
    /// The inventory table's row stop takes the focus when next drawn (the arrows moved it).
    pub focus_item_row: bool,
    /// Draft of a new item on the access-path screen.
    pub access_draft: String,
    /// The register row chosen (its file, relative to the cases folder).
    pub register_selected: Option<String>,
    /// The register table's row stop takes the focus when next drawn (the arrows moved it).
    pub focus_register_row: bool,
    /// The 表4 / 5.2(5) caution being evaluated.
    pub selected_caution: Option<String>,
    /// The caution tables' row stop takes the focus when next drawn (the arrows moved it).
    pub focus_caution_row: bool,
    /// The chosen caution's 評価 takes the focus when next drawn (Enter on its row).
    pub focus_caution_status: bool,
    /// The risk row being edited.
    pub selected_risk: Option<String>,
    /// The risk table's row stop takes the focus when next drawn (the arrows moved it).
    pub focus_risk_row: bool,
    /// Draft of a 付録1 judgment on the upkeep screen.
    pub judgement_draft: JudgementDraft,
    /// A clause the user asked to read.
    pub focus_clause: Option<String>,
    /// Rule book search text.
    pub rulebook_search: String,
    /// Glossary search text.
    pub glossary_search: String,
    /// The organisation profile being edited on the upkeep screen (from the rules at first).
    pub org_draft: Option<crate::core::rules::files::OrganisationFile>,
    /// The references being edited on the upkeep screen (from the rules at first).
    pub refs_draft: Option<crate::core::rules::files::ReferencesFile>,
    /// The clause whose references the upkeep screen edits (its `clause_id`).
    pub refs_clause: String,
    /// The signature panel: the passphrase being typed and the user's key.
    pub signing: SigningState,
    /// The approver list being edited on the upkeep screen (from the rules at first).
    pub approvers_draft: Option<crate::core::rules::files::ApproversFile>,
    /// The approver being typed in before it is added to the list.
    pub approver_new: ApproverDraft,
}

/// An approver being typed in on the upkeep screen.
#[derive(Debug, Clone, Default)]
pub struct ApproverDraft {
    /// The name.
    pub name: String,
    /// The role, in Japanese (English takes the same words).
    pub role: String,
    /// The public key, as `key new` or the signature panel printed it.
    pub public_key: String,
    /// The first day the key counts for.
    pub valid_from: String,
    /// The last day (empty: until removed).
    pub valid_until_text: String,
}

/// What the signature panel keeps between frames. The passphrase is dropped as soon as it
/// is used.
#[derive(Debug, Clone, Default)]
pub struct SigningState {
    /// The passphrase being typed.
    pub passphrase: String,
    /// The same, typed again (creating a key).
    pub passphrase_again: String,
    /// Whether the user's profile was looked at for a key.
    pub looked_up: bool,
    /// The user's public key, once found or created.
    pub public_key: Option<String>,
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
    /// The condition the judgment holds under (empty: none).
    pub condition: String,
}
