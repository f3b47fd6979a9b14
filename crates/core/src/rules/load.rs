//! Reading rule files from a folder or from the embedded copy, and parsing each into its
//! file type with the JSON path of any error.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::error::{RuleError, RuleErrors, from_serde};
use super::model::RuleSet;
use super::validate::build;

/// The raw texts of a rule set, each with the name shown in error messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// `(file name, label for messages, contents)`, the names those of [`super::embedded::RULE_FILES`].
    pub files: Vec<(String, String, String)>,
}

impl RuleSource {
    /// The shipped rules compiled into the binary.
    #[must_use]
    pub fn embedded() -> Self {
        Self {
            files: super::embedded::files()
                .map(|(name, text)| (name.to_string(), format!("embedded:{name}"), text.to_string()))
                .collect(),
        }
    }

    /// Reads every rule file from `dir`. A missing or unreadable file is an error naming it.
    pub fn from_dir(dir: &Path) -> Result<Self, RuleErrors> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for (name, shipped) in super::embedded::files() {
            let path = dir.join(name);
            // A folder made before a file existed keeps working: the shipped sample stands in.
            if super::embedded::is_optional(name) && !path.exists() {
                files.push((
                    name.to_string(),
                    format!("{} (not in the folder: the shipped sample)", crate::text::shown_path(&path)),
                    shipped.to_string(),
                ));
                continue;
            }
            match crate::textfile::read(&path) {
                Ok(text) => files.push((name.to_string(), crate::text::shown_path(&path), text)),
                Err(e) => errors.push(RuleError {
                    message: e.to_string(),
                    place: "(whole file)".into(),
                    file: crate::text::shown_path(&path),
                }),
            }
        }
        if errors.is_empty() { Ok(Self { files }) } else { Err(RuleErrors(errors)) }
    }

    /// The label and text of the file `name` (empty when absent).
    pub(crate) fn get(&self, name: &str) -> (&str, &str) {
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

/// Adds the shipped text of each [`super::wording_ids::SHIPPED_WHEN_MISSING`] id the file
/// lacks (a folder copied before the id existed).
fn with_shipped_stand_ins(mut file: super::files::WordingFile) -> super::files::WordingFile {
    let missing: Vec<&str> = super::wording_ids::SHIPPED_WHEN_MISSING
        .iter()
        .copied()
        .filter(|id| !file.wording.iter().any(|w| w.wording_id == *id))
        .collect();
    if missing.is_empty() {
        return file;
    }
    let shipped = super::embedded::files().find(|(n, _)| *n == "wording.json").map_or("", |(_, t)| t);
    if let Ok(shipped) = serde_json::from_str::<super::files::WordingFile>(shipped) {
        file.wording.extend(shipped.wording.into_iter().filter(|w| missing.contains(&w.wording_id.as_str())));
    }
    file
}

/// Adds the shipped text of each [`super::warning_ids::SHIPPED_WHEN_MISSING`] warning the
/// file lacks (a folder copied before the warning existed).
fn with_shipped_warnings(mut file: super::files::WarningsFile) -> super::files::WarningsFile {
    let lacks = |file: &super::files::WarningsFile, id: &str| !file.warnings.iter().any(|w| w.warning_id == id);
    if !super::warning_ids::SHIPPED_WHEN_MISSING.iter().any(|id| lacks(&file, id)) {
        return file;
    }
    let shipped = super::embedded::files().find(|(n, _)| *n == "warnings.json").map_or("", |(_, t)| t);
    if let Ok(shipped) = serde_json::from_str::<super::files::WarningsFile>(shipped) {
        let missing: Vec<_> = shipped
            .warnings
            .into_iter()
            .filter(|w| super::warning_ids::SHIPPED_WHEN_MISSING.contains(&w.warning_id.as_str()))
            .filter(|w| lacks(&file, &w.warning_id))
            .collect();
        file.warnings.extend(missing);
    }
    file
}

/// Parses and validates a rule source. All files are checked; every error is reported.
pub fn load_source(source: &RuleSource) -> Result<RuleSet, RuleErrors> {
    let mut parsed = super::embedded::parse_all(source)?;
    parsed.wording.1 = with_shipped_stand_ins(std::mem::take(&mut parsed.wording.1));
    parsed.warnings.1 = with_shipped_warnings(std::mem::take(&mut parsed.warnings.1));
    let mut rules = build(parsed)?;
    rules.fingerprint = fingerprint(source);
    Ok(rules)
}

/// The digest of a rule source: each file's name and contents, in name order.
fn fingerprint(source: &RuleSource) -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<&(String, String, String)> = source.files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hasher = Sha256::new();
    for (name, _, text) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.len().to_le_bytes());
        hasher.update(text.as_bytes());
    }
    let hex = hasher.finalize().iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    format!("sha256:{hex}")
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
    if let Some(over) = crate::limits::first_over_limit(&tree) {
        return Err(RuleError {
            message: format!("too long: {}", over.message),
            place: over.path,
            file: label.to_string(),
        });
    }
    Ok(value)
}
