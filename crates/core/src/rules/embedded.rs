//! The one list of rule files. Each file is named once, in `rule_files!` below, with its
//! field, its type and whether a folder may lack it; from that line come the shipped text
//! compiled into the binary (so the program runs from any folder on a locked-down PC), the
//! folder loader's list, the parse of every file into `Parsed`, the JSON Schema that
//! `itaku-navi schema` writes, and [`is_optional`].

use super::error::{RuleError, RuleErrors};
use super::files::{
    Appendix1File, ApproversFile, CautionsFile, ClausesFile, CountermeasuresFile, DraftsFile, FlowFile, FormsFile,
    GlossaryFile, MeasuresFile, NarrowingFile, OrganisationFile, ReferencesFile, RuleSetFile, ThreatsFile,
    WarningsFile, WordingFile,
};
use super::load::{RuleSource, parse};

/// One rule file of the set.
#[derive(Debug, Clone, Copy)]
pub struct RuleFile {
    /// The file's name in a rules folder (`flow.json`).
    pub name: &'static str,
    /// The name of its JSON Schema (`flow.schema.json`).
    pub schema_name: &'static str,
    /// The shipped text, compiled in.
    pub shipped: &'static str,
    /// Whether a rules folder may lack it (made before the file existed): the shipped text
    /// is used instead. A file added later must be optional, or every organisation's
    /// existing folder stops loading.
    pub optional: bool,
    /// Its JSON Schema, generated from its type.
    pub schema: fn() -> schemars::Schema,
}

fn schema_of<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::schema_for!(T)
}

macro_rules! rule_files {
    ($($field:ident: $ty:ty = $stem:literal, optional = $optional:literal;)*) => {
        /// Every rule file, in the order they are read and reported.
        pub const RULE_FILES: &[RuleFile] = &[$(RuleFile {
            name: concat!($stem, ".json"),
            schema_name: concat!($stem, ".schema.json"),
            shipped: include_str!(concat!("../../../../decision-trees/", $stem, ".json")),
            optional: $optional,
            schema: schema_of::<$ty>,
        }),*];

        /// Every file, parsed, each with its label for messages.
        pub(crate) struct Parsed {
            $(
                #[doc = concat!("`", $stem, ".json`")]
                pub $field: (String, $ty),
            )*
        }

        /// Parses every file of `source` into its type; every file that fails is reported.
        pub(crate) fn parse_all(source: &RuleSource) -> Result<Parsed, RuleErrors> {
            let mut errors: Vec<RuleError> = Vec::new();
            $(
                let $field = {
                    let (label, text) = source.get(concat!($stem, ".json"));
                    match parse::<$ty>(label, text) {
                        Ok(v) => Some((label.to_string(), v)),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    }
                };
            )*
            $(let Some($field) = $field else { return Err(RuleErrors(errors)) };)*
            Ok(Parsed { $($field),* })
        }
    };
}

rule_files! {
    ruleset: RuleSetFile = "ruleset", optional = false;
    flow: FlowFile = "flow", optional = false;
    forms: FormsFile = "forms", optional = false;
    appendix1: Appendix1File = "appendix1", optional = false;
    cautions: CautionsFile = "cautions", optional = false;
    threats: ThreatsFile = "threats", optional = false;
    countermeasures: CountermeasuresFile = "countermeasures", optional = false;
    narrowing: NarrowingFile = "narrowing", optional = false;
    measures: MeasuresFile = "measures", optional = false;
    warnings: WarningsFile = "warnings", optional = false;
    clauses: ClausesFile = "clauses", optional = false;
    glossary: GlossaryFile = "glossary", optional = false;
    wording: WordingFile = "wording", optional = false;
    organisation: OrganisationFile = "organisation", optional = true;
    drafts: DraftsFile = "drafts", optional = true;
    references: ReferencesFile = "references", optional = true;
    approvers: ApproversFile = "approvers", optional = true;
}

/// `(file name, shipped text)` of every rule file, from [`RULE_FILES`].
pub fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULE_FILES.iter().map(|f| (f.name, f.shipped))
}

/// Whether a rules folder may lack the file `name` (see [`RuleFile::optional`]).
#[must_use]
pub fn is_optional(name: &str) -> bool {
    RULE_FILES.iter().any(|f| f.optional && f.name == name)
}
