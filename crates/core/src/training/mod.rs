//! Training mode: sample cases with narratives and commentary, the quiz built from their
//! model answers, a quiz session that grades a trainee, and the results a trainer exports.

mod quiz;
mod results;
mod samples;
mod session;

pub use crate::case::{CommentaryNote, Training};
pub use quiz::{QuizChoice, QuizError, QuizItem, quiz_items};
pub use results::{QuizRecord, RecordItem, results_csv};
pub use samples::{EMBEDDED_SAMPLES, Sample, SampleSet, check_sample, load_embedded_samples, load_samples_dir};
pub use session::{ItemResult, QuizMode, QuizSession, TraineeAnswer};
