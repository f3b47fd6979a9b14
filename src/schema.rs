//! JSON Schemas for every rule file and for the case file, generated from the Rust types
//! so an organisation editing its rules gets validation in its editor.

use schemars::schema_for;

use crate::core::case::Case;
use crate::core::rules::embedded::RULE_FILES;

/// `(file name, schema)` for each schema, e.g. `("flow.schema.json", …)`: every rule file
/// of the registry (`rules::embedded::RULE_FILES`), then the case file.
#[must_use]
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    let v = |s: schemars::Schema| s.to_value();
    let mut all: Vec<(&str, serde_json::Value)> = RULE_FILES.iter().map(|f| (f.schema_name, v((f.schema)()))).collect();
    all.push(("case.schema.json", v(schema_for!(Case))));
    all
}

/// The text written for a schema: pretty JSON with a final newline.
#[must_use]
pub fn render(schema: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
