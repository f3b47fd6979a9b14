//! Reading rule files from a folder or from the embedded copy, and parsing each into its
//! file type with the JSON path of any error.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::error::{RuleError, RuleErrors, from_serde};
use super::model::RuleSet;
use super::validate::{Parsed, build};

/// The raw texts of a rule set, each with the name shown in error messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// `(file name, label for messages, contents)`, the names those of [`super::embedded::FILES`].
    pub files: Vec<(String, String, String)>,
}

impl RuleSource {
    /// The shipped rules compiled into the binary.
    #[must_use]
    pub fn embedded() -> Self {
        Self {
            files: super::embedded::FILES
                .iter()
                .map(|(name, text)| ((*name).to_string(), format!("embedded:{name}"), (*text).to_string()))
                .collect(),
        }
    }

    /// Reads every rule file from `dir`. A missing or unreadable file is an error naming it.
    pub fn from_dir(dir: &Path) -> Result<Self, RuleErrors> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for (name, shipped) in super::embedded::FILES {
            let path = dir.join(name);
            // A folder made before a file existed keeps working: the shipped sample stands in.
            if super::embedded::OPTIONAL.contains(&name) && !path.exists() {
                files.push((
                    name.to_string(),
                    format!("{} (not in the folder: the shipped sample)", crate::core::text::shown_path(&path)),
                    shipped.to_string(),
                ));
                continue;
            }
            match crate::core::textfile::read(&path) {
                Ok(text) => files.push((name.to_string(), crate::core::text::shown_path(&path), text)),
                Err(e) => errors.push(RuleError {
                    message: e.to_string(),
                    place: "(whole file)".into(),
                    file: crate::core::text::shown_path(&path),
                }),
            }
        }
        if errors.is_empty() { Ok(Self { files }) } else { Err(RuleErrors(errors)) }
    }

    fn get(&self, name: &str) -> (&str, &str) {
        self.files
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or(("", ""), |(_, label, text)| (label.as_str(), text.as_str()))
    }
}

/// Loads the rules from `dir`, or the shipped ones when there is none.
pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, RuleErrors> {
    dir.map_or_else(load_embedded, load_dir)
}

/// Loads and validates the shipped rules.
pub fn load_embedded() -> Result<RuleSet, RuleErrors> {
    load_source(&RuleSource::embedded())
}

/// Loads and validates the rule files in `dir`.
pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleErrors> {
    load_source(&RuleSource::from_dir(dir)?)
}

/// Parses and validates a rule source. All files are checked; every error is reported.
pub fn load_source(source: &RuleSource) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    macro_rules! parse_file {
        ($name:literal) => {{
            let (label, text) = source.get($name);
            match parse(label, text) {
                Ok(v) => Some((label.to_string(), v)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        }};
    }
    let ruleset = parse_file!("ruleset.json");
    let flow = parse_file!("flow.json");
    let forms = parse_file!("forms.json");
    let appendix1 = parse_file!("appendix1.json");
    let cautions = parse_file!("cautions.json");
    let threats = parse_file!("threats.json");
    let countermeasures = parse_file!("countermeasures.json");
    let narrowing = parse_file!("narrowing.json");
    let measures = parse_file!("measures.json");
    let warnings = parse_file!("warnings.json");
    let clauses = parse_file!("clauses.json");
    let glossary = parse_file!("glossary.json");
    let wording = parse_file!("wording.json");
    let organisation = parse_file!("organisation.json");
    let drafts = parse_file!("drafts.json");
    let (
        Some(ruleset),
        Some(flow),
        Some(forms),
        Some(appendix1),
        Some(cautions),
        Some(threats),
        Some(countermeasures),
        Some(narrowing),
        Some(measures),
        Some(warnings),
        Some(clauses),
        Some(glossary),
        Some(wording),
        Some(organisation),
        Some(drafts),
    ) = (
        ruleset,
        flow,
        forms,
        appendix1,
        cautions,
        threats,
        countermeasures,
        narrowing,
        measures,
        warnings,
        clauses,
        glossary,
        wording,
        organisation,
        drafts,
    )
    else {
        return Err(RuleErrors(errors));
    };
    build(Parsed {
        ruleset,
        flow,
        forms,
        appendix1,
        cautions,
        threats,
        countermeasures,
        narrowing,
        measures,
        warnings,
        clauses,
        glossary,
        wording,
        organisation,
        drafts,
    })
}

/// Parses one file, reporting the JSON path, line and column of the first error.
pub(crate) fn parse<T: DeserializeOwned>(label: &str, text: &str) -> Result<T, RuleError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        from_serde(label, &path, e.inner())
    })?;
    de.end().map_err(|e| from_serde(label, "", &e))?;
    let tree: serde_json::Value = serde_json::from_str(text).map_err(|e| from_serde(label, "", &e))?;
    if let Some(over) = crate::core::limits::first_over_limit(&tree) {
        return Err(RuleError {
            message: format!("too long: {}", over.message),
            place: over.path,
            file: label.to_string(),
        });
    }
    Ok(value)
}
