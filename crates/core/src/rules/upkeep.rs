//! 付録1 upkeep (5.1(4)): records the 情報セキュリティ責任者's judgment on an unlisted task
//! in the organisation's rules folder, after checking that the whole rule set still loads.

use std::path::Path;

use super::error::{RuleError, RuleErrors};
use super::files::Appendix1File;
use super::load::{RuleSource, load_source, parse};
use super::model::RuleSet;

pub use super::files::Appendix1Judgement;

fn one(file: &Path, place: &str, message: impl Into<String>) -> RuleErrors {
    RuleErrors(vec![RuleError { message: message.into(), place: place.into(), file: crate::text::shown_path(file) }])
}

/// Writes the shipped rule files into `dir` (which must hold no rule files yet), so an
/// organisation can start its own copy. Returns the files written.
pub fn export_embedded(dir: &Path) -> Result<Vec<String>, RuleErrors> {
    std::fs::create_dir_all(dir).map_err(|e| one(dir, "(folder)", format!("cannot create the folder: {e}")))?;
    for (name, _) in super::embedded::files() {
        if dir.join(name).exists() {
            return Err(one(&dir.join(name), "(whole file)", "a rule file already exists here; nothing was written"));
        }
    }
    let mut written = Vec::new();
    for (name, text) in super::embedded::files() {
        let path = dir.join(name);
        crate::atomic::write_atomic(&path, text.as_bytes(), false)
            .map_err(|e| one(&path, "(whole file)", e.to_string()))?;
        written.push(name.to_string());
    }
    Ok(written)
}

/// Appends a judgment to `dir/appendix1.json`. The id is made unique if needed, an empty
/// English text takes the Japanese one, and the rule set is validated with the new list
/// before anything is written; the old file is kept as `.bak`. Returns the new rule set.
pub fn record_judgement(dir: &Path, mut judgement: Appendix1Judgement) -> Result<RuleSet, RuleErrors> {
    let path = dir.join("appendix1.json");
    let label = crate::text::shown_path(&path);
    let mut source = RuleSource::from_dir(dir)?;
    let text = source.files.iter().find(|(n, _, _)| n == "appendix1.json").map(|f| f.2.clone()).unwrap_or_default();
    let mut file: Appendix1File = parse(&label, &text).map_err(|e| RuleErrors(vec![e]))?;
    if judgement.task.en.trim().is_empty() {
        judgement.task.en.clone_from(&judgement.task.ja);
    }
    if judgement.reason.en.trim().is_empty() {
        judgement.reason.en.clone_from(&judgement.reason.ja);
    }
    if judgement.citations.is_empty() {
        // The clauses of a judgment request, as the folder's own flow.json names them.
        let current = load_source(&source)?;
        judgement.citations.clone_from(&current.outcome_def(super::files::OutcomeKind::JudgmentRequest).citations);
    }
    let taken = |id: &str| {
        file.entries.iter().any(|e| e.entry_id == id) || file.judgements.iter().any(|j| j.judgement_id == id)
    };
    if judgement.judgement_id.trim().is_empty() || taken(&judgement.judgement_id) {
        let base = format!("judgement-{}", judgement.decided_on.replace('-', ""));
        let mut n = 1;
        while taken(&format!("{base}-{n}")) {
            n += 1;
        }
        judgement.judgement_id = format!("{base}-{n}");
    }
    file.judgements.push(judgement);
    let mut new_text = serde_json::to_string_pretty(&file).map_err(|e| one(&path, "(whole file)", e.to_string()))?;
    new_text.push('\n');
    if let Some(slot) = source.files.iter_mut().find(|(n, _, _)| n == "appendix1.json") {
        slot.2.clone_from(&new_text);
    }
    let rules = load_source(&source)?;
    crate::atomic::write_atomic(&path, new_text.as_bytes(), true)
        .map_err(|e| one(&path, "(whole file)", e.to_string()))?;
    Ok(rules)
}

/// Writes the organisation's profile into the rules folder `dir` (validated with the rest
/// of the folder first; the old file kept as `.bak`) and returns the rules as they now are.
pub fn save_organisation(dir: &Path, profile: &super::files::OrganisationFile) -> Result<RuleSet, RuleErrors> {
    save_file(dir, "organisation.json", profile)
}

/// Writes the organisation's references (`references.json`) into the rules folder `dir`,
/// as [`save_organisation`] does.
pub fn save_references(dir: &Path, references: &super::files::ReferencesFile) -> Result<RuleSet, RuleErrors> {
    save_file(dir, "references.json", references)
}

/// Writes the organisation's approver list (`approvers.json`) into the rules folder `dir`,
/// as [`save_organisation`] does.
pub fn save_approvers(dir: &Path, approvers: &super::files::ApproversFile) -> Result<RuleSet, RuleErrors> {
    save_file(dir, "approvers.json", approvers)
}

/// Writes one rule file of the folder `dir` once the whole folder, with it, loads; the old
/// file kept as `.bak`. A folder made before the file existed gets it.
fn save_file(dir: &Path, name: &str, value: &impl serde::Serialize) -> Result<RuleSet, RuleErrors> {
    let path = dir.join(name);
    let mut source = RuleSource::from_dir(dir)?;
    let mut text = serde_json::to_string_pretty(value).map_err(|e| one(&path, "(whole file)", e.to_string()))?;
    text.push('\n');
    if let Some(slot) = source.files.iter_mut().find(|(n, _, _)| n == name) {
        slot.1 = crate::text::shown_path(&path);
        slot.2.clone_from(&text);
    }
    let rules = load_source(&source)?;
    crate::atomic::write_atomic(&path, text.as_bytes(), true).map_err(|e| one(&path, "(whole file)", e.to_string()))?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn judgement(task: &str, decided_by: &str) -> Appendix1Judgement {
        Appendix1Judgement {
            judgement_id: String::new(),
            task: Text { ja: task.into(), en: String::new() },
            handles_important: false,
            decided_on: "2026-11-22".into(),
            decided_by: decided_by.into(),
            reason: Text { ja: "公開情報のみを扱うため".into(), en: String::new() },
            condition: String::new(),
            citations: vec![],
        }
    }

    #[test]
    fn a_judgement_is_added_to_an_exported_copy_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        export_embedded(dir.path()).unwrap();
        let before = super::super::load_dir(dir.path()).unwrap().appendix1.judgements.len();
        let rules = record_judgement(dir.path(), judgement("広報誌の発送", "情報セキュリティ責任者 山﨑")).unwrap();
        assert_eq!(rules.appendix1.judgements.len(), before + 1);
        let again = super::super::load_dir(dir.path()).unwrap();
        let j = again.appendix1.judgements.last().unwrap();
        assert_eq!(j.task.ja, "広報誌の発送");
        assert_eq!(j.task.en, "広報誌の発送");
        assert_eq!(j.decided_by, "情報セキュリティ責任者 山﨑");
        assert!(j.judgement_id.starts_with("judgement-20261122-"));
        assert!(dir.path().join("appendix1.json.bak").exists());
    }

    #[test]
    fn an_invalid_judgement_writes_nothing_and_names_the_place() {
        let dir = tempfile::tempdir().unwrap();
        export_embedded(dir.path()).unwrap();
        let original = std::fs::read_to_string(dir.path().join("appendix1.json")).unwrap();
        let err = record_judgement(dir.path(), judgement("広報誌の発送", " ")).unwrap_err();
        assert!(err.to_string().contains("decided_by"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.path().join("appendix1.json")).unwrap(), original);
    }

    #[test]
    fn exporting_refuses_a_folder_that_has_rules() {
        let dir = tempfile::tempdir().unwrap();
        export_embedded(dir.path()).unwrap();
        assert!(export_embedded(dir.path()).is_err());
    }
}
