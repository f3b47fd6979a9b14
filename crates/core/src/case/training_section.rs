//! The training section a sample case carries (narrative, expected outcome, commentary).
//! Its schema lives with the case; `core::training` reads it to build quizzes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::files::OutcomeKind;
use crate::text::Text;

/// The training material a sample case carries beside its model answers. A real case has
/// none; a sample without it is refused by the sample loader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Stable id of the sample (`s01-…`), used in quiz results.
    pub sample_id: String,
    /// Short title.
    pub title: Text,
    /// The situation as the trainee reads it: what the section wants to outsource, what
    /// information is involved, what 付録1 and the contract say.
    pub narrative: Text,
    /// The outcome the model answers reach; the sample test and the loader check it.
    pub expected_outcome: OutcomeKind,
    /// The clauses this sample teaches (`5.2(4)`, `3.2` …), shown in the sample list.
    #[serde(default)]
    pub topics: Vec<String>,
    /// One note per quiz item (see `training::QuizItem::item_id`): why the model answer is right.
    pub commentary: Vec<CommentaryNote>,
    /// The decision explained as a whole, clause by clause.
    pub summary: Text,
}

/// The commentary on one model answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentaryNote {
    /// The quiz item it explains (`appendix1`, `importance:i2`, `node:q_operations_access`,
    /// `narrowing:i2`, `risk:r1`, `terms_free`, `terms_gaps`, `outcome`).
    pub item: String,
    /// Clauses the explanation rests on; each must be in the rule book (clauses.json).
    pub citations: Vec<String>,
    /// The explanation.
    pub text: Text,
}

impl Training {
    /// The commentary note for a quiz item.
    #[must_use]
    pub fn note(&self, item_id: &str) -> Option<&CommentaryNote> {
        self.commentary.iter().find(|n| n.item == item_id)
    }
}
