//! Sample cases for training: the shipped ones (compiled in) or an organisation's own
//! `samples/` folder beside its rules. Each is an ordinary case file with a `training`
//! section; a sample that does not parse, or whose model answers do not reach its
//! expected outcome, is reported by file and left out.

use std::path::Path;

use crate::core::case::{Case, parse_case};
use crate::core::rules::RuleSet;

use super::Training;
use super::quiz::{QuizItem, quiz_items};

/// `(file name, contents)` of every shipped sample, in teaching order.
pub const EMBEDDED_SAMPLES: [(&str, &str); 13] = [
    ("s01_public_website.case.json", include_str!("../../../decision-trees/samples/s01_public_website.case.json")),
    (
        "s02_published_statistics.case.json",
        include_str!("../../../decision-trees/samples/s02_published_statistics.case.json"),
    ),
    ("s03_build_offsite.case.json", include_str!("../../../decision-trees/samples/s03_build_offsite.case.json")),
    (
        "s04_build_with_installation.case.json",
        include_str!("../../../decision-trees/samples/s04_build_with_installation.case.json"),
    ),
    (
        "s05_statistics_anonymised.case.json",
        include_str!("../../../decision-trees/samples/s05_statistics_anonymised.case.json"),
    ),
    ("s06_unlisted_task.case.json", include_str!("../../../decision-trees/samples/s06_unlisted_task.case.json")),
    ("s07_unlisted_judged.case.json", include_str!("../../../decision-trees/samples/s07_unlisted_judged.case.json")),
    (
        "s08_payroll_operations_exception.case.json",
        include_str!("../../../decision-trees/samples/s08_payroll_operations_exception.case.json"),
    ),
    (
        "s09_exception_refused_residual_high.case.json",
        include_str!("../../../decision-trees/samples/s09_exception_refused_residual_high.case.json"),
    ),
    (
        "s10_diplomatic_documents_prohibited.case.json",
        include_str!("../../../decision-trees/samples/s10_diplomatic_documents_prohibited.case.json"),
    ),
    (
        "s11_free_survey_service.case.json",
        include_str!("../../../decision-trees/samples/s11_free_survey_service.case.json"),
    ),
    (
        "s12_file_sharing_terms_gaps.case.json",
        include_str!("../../../decision-trees/samples/s12_file_sharing_terms_gaps.case.json"),
    ),
    (
        "s13_remote_maintenance_public_data.case.json",
        include_str!("../../../decision-trees/samples/s13_remote_maintenance_public_data.case.json"),
    ),
];

/// A checked sample: its case (the model answers), its training material and its quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The file it came from.
    pub file: String,
    /// The model case (its `training` section is moved to [`Sample::training`]).
    pub case: Case,
    /// Its narrative, commentary and expected outcome.
    pub training: Training,
    /// Its quiz items, in flow order.
    pub items: Vec<QuizItem>,
}

/// The samples that loaded, and a message for each that did not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SampleSet {
    /// Usable samples, in file-name order.
    pub samples: Vec<Sample>,
    /// `file: what is wrong` for each refused file.
    pub errors: Vec<String>,
}

/// Parses and checks one sample.
///
/// # Errors
/// A message naming the file and, for a parse error, the JSON path, line and column.
pub fn check_sample(rules: &RuleSet, file: &str, text: &str) -> Result<Sample, String> {
    let mut case = parse_case(file, text).map_err(|e| e.to_string())?;
    let items = quiz_items(rules, &case).map_err(|e| format!("{e} — in {file}"))?;
    // Held once, in `training`; `quiz_items` has already refused a case without it.
    let training = case.training.take().ok_or_else(|| format!("no training section — in {file}"))?;
    Ok(Sample { file: file.to_string(), case, training, items })
}

fn collect(rules: &RuleSet, files: impl IntoIterator<Item = (String, Result<String, String>)>) -> SampleSet {
    let mut set = SampleSet::default();
    for (file, text) in files {
        match text.and_then(|t| check_sample(rules, &file, &t)) {
            Ok(s) => {
                if set.samples.iter().any(|o: &Sample| o.training.sample_id == s.training.sample_id) {
                    set.errors.push(format!(
                        "training.sample_id \"{}\" is used by another sample too — in {file}",
                        s.training.sample_id
                    ));
                } else {
                    set.samples.push(s);
                }
            }
            Err(e) => set.errors.push(e),
        }
    }
    set
}

/// The shipped samples, checked against `rules`.
#[must_use]
pub fn load_embedded_samples(rules: &RuleSet) -> SampleSet {
    collect(rules, EMBEDDED_SAMPLES.iter().map(|(f, t)| ((*f).to_string(), Ok((*t).to_string()))))
}

/// Every `*.case.json` in `dir`, in file-name order, checked against `rules`. A missing
/// folder gives an empty set.
#[must_use]
pub fn load_samples_dir(rules: &RuleSet, dir: &Path) -> SampleSet {
    let Ok(entries) = std::fs::read_dir(dir) else { return SampleSet::default() };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".case.json")))
        .collect();
    paths.sort();
    collect(
        rules,
        paths.into_iter().map(|p| {
            let label = p.display().to_string();
            let text = crate::core::textfile::read(&p).map_err(|e| format!("{e} — in {label}"));
            (label, text)
        }),
    )
}
