//! Sample cases for training: the shipped ones (compiled in) or an organisation's own
//! `samples/` folder beside its rules. Each is an ordinary case file with a `training`
//! section; a sample that does not parse, or whose model answers do not reach its
//! expected outcome, is reported by file and left out.

use std::path::Path;

use crate::case::{Case, CaseError, parse_case};
use crate::rules::RuleSet;

use super::Training;
use super::quiz::{QuizError, QuizItem, quiz_items};

/// Why a sample was left out; each names its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SampleError {
    /// The file could not be read or is not a valid case.
    #[error("{0}")]
    Case(#[from] CaseError),
    /// The file could not be read as UTF-8 text.
    #[error("{message} — in {file}")]
    Read {
        /// What was wrong.
        message: String,
        /// The file.
        file: String,
    },
    /// The model answers do not make a quiz (they do not reach the expected outcome…).
    #[error("{source} — in {file}")]
    Quiz {
        /// What was wrong.
        #[source]
        source: QuizError,
        /// The file.
        file: String,
    },
    /// The case has no `training` section.
    #[error("no training section — in {file}")]
    NoTraining {
        /// The file.
        file: String,
    },
    /// Another sample has the same id.
    #[error("training.sample_id \"{id}\" is used by another sample too — in {file}")]
    DuplicateId {
        /// The id.
        id: String,
        /// The file.
        file: String,
    },
}

/// `(file name, contents)` of every shipped sample, in teaching order.
pub const EMBEDDED_SAMPLES: [(&str, &str); 13] = [
    ("s01_public_website.case.json", include_str!("../../../../decision-trees/samples/s01_public_website.case.json")),
    (
        "s02_published_statistics.case.json",
        include_str!("../../../../decision-trees/samples/s02_published_statistics.case.json"),
    ),
    ("s03_build_offsite.case.json", include_str!("../../../../decision-trees/samples/s03_build_offsite.case.json")),
    (
        "s04_build_with_installation.case.json",
        include_str!("../../../../decision-trees/samples/s04_build_with_installation.case.json"),
    ),
    (
        "s05_statistics_anonymised.case.json",
        include_str!("../../../../decision-trees/samples/s05_statistics_anonymised.case.json"),
    ),
    ("s06_unlisted_task.case.json", include_str!("../../../../decision-trees/samples/s06_unlisted_task.case.json")),
    ("s07_unlisted_judged.case.json", include_str!("../../../../decision-trees/samples/s07_unlisted_judged.case.json")),
    (
        "s08_payroll_operations_exception.case.json",
        include_str!("../../../../decision-trees/samples/s08_payroll_operations_exception.case.json"),
    ),
    (
        "s09_exception_refused_residual_high.case.json",
        include_str!("../../../../decision-trees/samples/s09_exception_refused_residual_high.case.json"),
    ),
    (
        "s10_diplomatic_documents_prohibited.case.json",
        include_str!("../../../../decision-trees/samples/s10_diplomatic_documents_prohibited.case.json"),
    ),
    (
        "s11_free_survey_service.case.json",
        include_str!("../../../../decision-trees/samples/s11_free_survey_service.case.json"),
    ),
    (
        "s12_file_sharing_terms_gaps.case.json",
        include_str!("../../../../decision-trees/samples/s12_file_sharing_terms_gaps.case.json"),
    ),
    (
        "s13_remote_maintenance_public_data.case.json",
        include_str!("../../../../decision-trees/samples/s13_remote_maintenance_public_data.case.json"),
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
    /// Each refused file and why.
    pub errors: Vec<SampleError>,
}

/// Parses and checks one sample.
///
/// # Errors
/// A message naming the file and, for a parse error, the JSON path, line and column.
pub fn check_sample(rules: &RuleSet, file: &str, text: &str) -> Result<Sample, SampleError> {
    let mut case = parse_case(file, text)?;
    let items = quiz_items(rules, &case).map_err(|source| SampleError::Quiz { source, file: file.to_string() })?;
    // Held once, in `training`; `quiz_items` has already refused a case without it.
    let training = case.training.take().ok_or_else(|| SampleError::NoTraining { file: file.to_string() })?;
    Ok(Sample { file: file.to_string(), case, training, items })
}

fn collect(rules: &RuleSet, files: impl IntoIterator<Item = (String, Result<String, SampleError>)>) -> SampleSet {
    let mut set = SampleSet::default();
    for (file, text) in files {
        match text.and_then(|t| check_sample(rules, &file, &t)) {
            Ok(s) => {
                if set.samples.iter().any(|o: &Sample| o.training.sample_id == s.training.sample_id) {
                    set.errors.push(SampleError::DuplicateId { id: s.training.sample_id, file });
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
        // Windows file names ignore case: 「A.Case.JSON」 is a sample too.
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.to_lowercase().ends_with(".case.json")))
        .collect();
    paths.sort();
    collect(
        rules,
        paths.into_iter().map(|p| {
            let label = crate::text::shown_path(&p);
            let text = crate::textfile::read(&p)
                .map_err(|e| SampleError::Read { message: e.to_string(), file: label.clone() });
            (label, text)
        }),
    )
}
