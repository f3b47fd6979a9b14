//! The ids of the fixed wording that names the rule book (memo headings, standing
//! conditions, quiz prompts): the texts live in `wording.json`, so an organisation can
//! reword them and no clause number is spelled in Rust.

/// The wording ids `wording.json` must define; with [`SHIPPED_WHEN_MISSING`], every id the
/// program uses ([`all`]), and the file may define no other.
pub const KNOWN_WORDING: &[&str] = &[
    "memo.ask.permitted",
    "memo.ask.permitted_narrowed",
    "memo.ask.judgment_request",
    "memo.ask.exception_request",
    "outcome.exception_request.high_accepted",
    "memo.ask.prohibited",
    "memo.heading.inventory",
    "memo.heading.narrowing",
    "memo.heading.terms",
    "memo.heading.risk",
    "memo.field.appendix1_lookup",
    "memo.field.appendix1_rationale",
    "memo.field.appendix1_exclusion",
    "memo.appendix1.unlisted_judged",
    "memo.appendix1.unlisted_open",
    "memo.condition.narrowed",
    "memo.condition.countermeasure",
    "memo.condition.risk_note",
    "memo.condition.narrowed_partial",
    "memo.condition.terms_measure",
    "memo.condition.subcontracting",
    "memo.condition.judgement",
    "memo.appendix1_request.heading",
    "memo.appendix1_request.judgment",
    "memo.appendix1_request.report",
    "quiz.appendix1.prompt",
    "quiz.appendix1.label",
    "quiz.terms_gaps.prompt",
    "quiz.terms_gaps.label",
    "facts.appendix1.unlisted",
    "facts.appendix1.missing",
    "facts.appendix1.unknown_entry",
    "ui.upkeep.citations",
    "engine.access_path_uninventoried",
    "register.appendix1_addition.important",
    "register.appendix1_addition.other",
];

/// Wording added after organisations had copied the rules: when an organisation's
/// `wording.json` lacks one of these, the shipped text stands in (the screens' names for
/// 付録1, 表4 and their clauses), so a rules folder made by an earlier version still loads.
/// Every id of [`KNOWN_WORDING`] must be in the file: it is what the memo says.
pub const SHIPPED_WHEN_MISSING: &[&str] = &[
    "ui.appendix1.entries",
    "ui.appendix1.unlisted",
    "ui.appendix1.to_upkeep",
    "ui.upkeep.menu",
    "ui.upkeep.title",
    "ui.upkeep.help",
    "ui.upkeep.list",
    "ui.upkeep.recorded",
    "ui.terms.table4",
    "ui.terms.clause525",
    "ui.terms.cloud_listing_note",
    "ui.rulebook.search_hint",
    "engine.answered_by_exclusion",
];

/// Every wording id the program uses: the required ones, then those the shipped text stands in for.
pub fn all() -> impl Iterator<Item = &'static str> {
    KNOWN_WORDING.iter().chain(SHIPPED_WHEN_MISSING).copied()
}
