//! The ids of the fixed wording that names the rule book (memo headings, standing
//! conditions, quiz prompts): the texts live in `wording.json`, so an organisation can
//! reword them and no clause number is spelled in Rust.

/// Every wording id the program uses; `wording.json` must define exactly these.
pub const KNOWN_WORDING: &[&str] = &[
    "memo.ask.permitted",
    "memo.ask.permitted_narrowed",
    "memo.ask.judgment_request",
    "memo.ask.exception_request",
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
    "memo.condition.subcontracting",
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
