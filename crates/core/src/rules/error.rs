//! Errors in rule data: each names what is wrong, where (JSON path, node id, or line and
//! column), and, last, the file.

use std::fmt;

/// One problem found in a rule file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} — at {place} — in {file}")]
pub struct RuleError {
    /// What is wrong.
    pub message: String,
    /// Where in the file: a JSON path such as `nodes[3].choices[0].next`, with the node id
    /// when there is one, or a line and column for syntax errors.
    pub place: String,
    /// The file, as the user named it (or `embedded:flow.json` for the shipped rules).
    pub file: String,
}

/// Every problem found in a rule set; loading stops only after all files were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// chrono's own words («premature end of input») do not say what a date must look like.
const CHRONO_MESSAGES: [&str; 6] = [
    "premature end of input",
    "input contains invalid characters",
    "trailing input",
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
];

/// Splits a serde error (with the path `serde_path_to_error` tracked) into a message and a
/// place: `PATH (line L, column C)`. Shared by the rule loader and the case reader.
pub(crate) fn serde_message_and_place(path: &str, err: &serde_json::Error) -> (String, String) {
    let full = err.to_string();
    // serde_json appends " at line L column C"; the place carries it separately.
    let mut message = full.rfind(" at line ").map_or(full.as_str(), |cut| &full[..cut]).to_string();
    if CHRONO_MESSAGES.contains(&message.as_str()) {
        message = format!(
            "{message}: a date and time must be written in RFC 3339 form, for example 2026-11-24T10:30:00+09:00"
        );
    }
    let path = if path.is_empty() || path == "." { "(top level)" } else { path };
    let place = if err.line() > 0 {
        format!("{path} (line {}, column {})", err.line(), err.column())
    } else {
        path.to_string()
    };
    (message, place)
}

/// Turns a serde error into a rule error naming the file.
pub(crate) fn from_serde(file: &str, path: &str, err: &serde_json::Error) -> RuleError {
    let (message, place) = serde_message_and_place(path, err);
    RuleError { message, place, file: file.to_string() }
}
