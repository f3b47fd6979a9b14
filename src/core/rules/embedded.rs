//! The shipped rule files, compiled into the binary so the program runs from any folder
//! on a locked-down PC with nothing beside it.

/// Files a rules folder may lack (it was made before they existed): the shipped text is
/// used instead.
pub const OPTIONAL: [&str; 2] = ["organisation.json", "drafts.json"];

/// `(file name, contents)` of every shipped rule file. This table is the one list of the
/// rule files: the folder loader reads the same names, and `schema::all` writes one schema each.
pub const FILES: [(&str, &str); 15] = [
    ("ruleset.json", include_str!("../../../decision-trees/ruleset.json")),
    ("flow.json", include_str!("../../../decision-trees/flow.json")),
    ("forms.json", include_str!("../../../decision-trees/forms.json")),
    ("appendix1.json", include_str!("../../../decision-trees/appendix1.json")),
    ("cautions.json", include_str!("../../../decision-trees/cautions.json")),
    ("threats.json", include_str!("../../../decision-trees/threats.json")),
    ("countermeasures.json", include_str!("../../../decision-trees/countermeasures.json")),
    ("narrowing.json", include_str!("../../../decision-trees/narrowing.json")),
    ("measures.json", include_str!("../../../decision-trees/measures.json")),
    ("warnings.json", include_str!("../../../decision-trees/warnings.json")),
    ("clauses.json", include_str!("../../../decision-trees/clauses.json")),
    ("glossary.json", include_str!("../../../decision-trees/glossary.json")),
    ("wording.json", include_str!("../../../decision-trees/wording.json")),
    ("organisation.json", include_str!("../../../decision-trees/organisation.json")),
    ("drafts.json", include_str!("../../../decision-trees/drafts.json")),
];
