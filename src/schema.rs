//! JSON Schemas for every rule file and for the case file, generated from the Rust types
//! so an organisation editing its rules gets validation in its editor.

use schemars::schema_for;

use crate::core::case::Case;
use crate::core::rules::files::{
    Appendix1File, CautionsFile, ClausesFile, CountermeasuresFile, DraftsFile, FlowFile, FormsFile, GlossaryFile,
    MeasuresFile, NarrowingFile, OrganisationFile, RuleSetFile, ThreatsFile, WarningsFile, WordingFile,
};

/// `(file name, schema)` for each schema, e.g. `("flow.schema.json", …)`.
#[must_use]
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    let v = |s: schemars::Schema| s.to_value();
    vec![
        ("ruleset.schema.json", v(schema_for!(RuleSetFile))),
        ("flow.schema.json", v(schema_for!(FlowFile))),
        ("forms.schema.json", v(schema_for!(FormsFile))),
        ("appendix1.schema.json", v(schema_for!(Appendix1File))),
        ("cautions.schema.json", v(schema_for!(CautionsFile))),
        ("threats.schema.json", v(schema_for!(ThreatsFile))),
        ("countermeasures.schema.json", v(schema_for!(CountermeasuresFile))),
        ("narrowing.schema.json", v(schema_for!(NarrowingFile))),
        ("measures.schema.json", v(schema_for!(MeasuresFile))),
        ("warnings.schema.json", v(schema_for!(WarningsFile))),
        ("clauses.schema.json", v(schema_for!(ClausesFile))),
        ("glossary.schema.json", v(schema_for!(GlossaryFile))),
        ("wording.schema.json", v(schema_for!(WordingFile))),
        ("organisation.schema.json", v(schema_for!(OrganisationFile))),
        ("drafts.schema.json", v(schema_for!(DraftsFile))),
        ("case.schema.json", v(schema_for!(Case))),
    ]
}

/// The text written for a schema: pretty JSON with a final newline.
#[must_use]
pub fn render(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
