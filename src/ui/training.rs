//! Training mode's state and commands: the samples (loaded on first use), the walkthrough
//! position, the quiz in progress, and the finished attempts kept on this PC for the
//! trainer's CSV export. The grading itself is the core's (`core::training`). The training
//! screens handle their own commands here and tell the app what to show as
//! [`TrainingEffect`]s, so this module never reaches into `ui::app`.

use std::path::{Path, PathBuf};

use crate::core::rules::RuleSet;
use crate::core::text::Lang;
use crate::core::training::{
    QuizMode, QuizRecord, QuizSession, SampleSet, load_embedded_samples, load_samples_dir, results_csv,
};
use crate::tr;

use super::storage::Storage;

/// Training state kept by the app.
#[derive(Debug, Default)]
pub struct TrainingState {
    /// The samples, once the training screens were first opened.
    pub samples: Option<SampleSet>,
    /// Walkthrough: `(sample, item)`; the item index past the last one shows the summary.
    pub walk: (usize, usize),
    /// The quiz in progress or just finished, with its sample's index.
    pub quiz: Option<(usize, QuizSession)>,
    /// Finished attempts on this PC (loaded with the samples).
    pub records: Vec<QuizRecord>,
    /// Why the results file could not be read, if it could not.
    pub records_error: Option<String>,
    /// The trainee's name, typed on the sample list.
    pub trainee: String,
    /// How the next quiz checks answers.
    pub mode: QuizMode,
}

/// What the training screens ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingCommand {
    /// Show the sample list (loading the samples the first time).
    Open,
    /// Walk through a sample, at an item.
    Walk {
        /// Sample index.
        sample: usize,
        /// Item index (one past the last shows the summary).
        item: usize,
    },
    /// Start a quiz on a sample with the chosen mode and trainee.
    StartQuiz(usize),
    /// Choose an answer for an item.
    Choose(usize, String),
    /// Type a reason for an item.
    Reason(usize, String),
    /// Step by step: check the current answer.
    Check,
    /// Go to the next item (grading after the last).
    Next,
    /// Go back one item.
    Back,
    /// Start the same quiz again.
    Retry,
    /// Choose where to write the results CSV (native dialog).
    ExportDialog,
    /// Write the results CSV here.
    Export(PathBuf),
    /// Forget the results kept on this PC.
    ClearResults,
}

/// The training screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingScreen {
    /// The sample list.
    Samples,
    /// A sample's model answers.
    Walkthrough,
    /// The quiz.
    Quiz,
}

/// What a training command asks of the app beyond training's own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingEffect {
    /// Show a training screen.
    Show(TrainingScreen),
    /// Confirm something done.
    Info(String),
    /// Report a failure.
    Error {
        /// Short title.
        title: String,
        /// The full message.
        message: String,
    },
    /// Ask where to write the results CSV, proposing this file name.
    PickResultsFile(String),
}

/// What training needs to know of the app to carry out a command.
pub struct TrainingEnv<'a> {
    /// The rule set the samples are decided under.
    pub rules: &'a RuleSet,
    /// The organisation's rules folder, whose `samples/` replaces the shipped samples.
    pub rules_dir: Option<&'a Path>,
    /// Where the results are kept on this PC.
    pub storage: &'a Storage,
    /// The UI language.
    pub lang: Lang,
    /// The screen shown now.
    pub showing: Option<TrainingScreen>,
}

impl TrainingState {
    /// Loads the samples (from the rules folder's `samples/` if it has one, else the
    /// shipped ones) and the results file, once.
    pub fn ensure_samples(&mut self, rules: &RuleSet, rules_dir: Option<&Path>, storage: &Storage) {
        if self.samples.is_some() {
            return;
        }
        let own = rules_dir.map(|d| d.join("samples")).filter(|d| d.is_dir());
        let set = match own {
            Some(dir) => load_samples_dir(rules, &dir),
            None => load_embedded_samples(rules),
        };
        self.samples = Some(set);
        let (records, error) = storage.load_results();
        self.records = records;
        self.records_error = error;
    }

    /// Carries out a training command; returns what the app must do about it.
    #[must_use]
    pub fn handle(&mut self, command: TrainingCommand, env: &TrainingEnv) -> Vec<TrainingEffect> {
        let mut effects = Vec::new();
        match command {
            TrainingCommand::Open => {
                self.ensure_samples(env.rules, env.rules_dir, env.storage);
                effects.push(TrainingEffect::Show(TrainingScreen::Samples));
            }
            TrainingCommand::Walk { sample, item } => {
                self.ensure_samples(env.rules, env.rules_dir, env.storage);
                self.walk = (sample, item);
                if env.showing != Some(TrainingScreen::Walkthrough) {
                    effects.push(TrainingEffect::Show(TrainingScreen::Walkthrough));
                }
            }
            TrainingCommand::StartQuiz(index) => {
                self.ensure_samples(env.rules, env.rules_dir, env.storage);
                let Some(sample) = self.samples.as_ref().and_then(|s| s.samples.get(index)) else { return effects };
                let title = sample.training.title.get(env.lang).to_string();
                let session = QuizSession::new(
                    &sample.training.sample_id,
                    &title,
                    sample.items.clone(),
                    self.mode,
                    self.trainee.trim(),
                );
                self.quiz = Some((index, session));
                effects.push(TrainingEffect::Show(TrainingScreen::Quiz));
            }
            TrainingCommand::Choose(i, value) => {
                if let Some((_, q)) = &mut self.quiz {
                    q.choose(i, &value);
                }
            }
            TrainingCommand::Reason(i, text) => {
                if let Some((_, q)) = &mut self.quiz {
                    q.set_reason(i, &text);
                }
            }
            TrainingCommand::Check => {
                if let Some((_, q)) = &mut self.quiz {
                    q.check_current();
                }
            }
            TrainingCommand::Next => {
                let finished_now = self.quiz.as_mut().is_some_and(|(_, q)| {
                    let was = q.finished;
                    q.next();
                    !was && q.finished
                });
                if finished_now {
                    effects.extend(self.record_attempt(env));
                }
            }
            TrainingCommand::Back => {
                if let Some((_, q)) = &mut self.quiz {
                    q.back();
                }
            }
            TrainingCommand::Retry => {
                if let Some((_, q)) = &mut self.quiz {
                    q.retry();
                }
            }
            TrainingCommand::ExportDialog => {
                effects.push(TrainingEffect::PickResultsFile(format!(
                    "quiz-results-{}.csv",
                    chrono::Local::now().format("%Y%m%d")
                )));
            }
            TrainingCommand::Export(path) => {
                let path = if path.extension().is_none() { path.with_extension("csv") } else { path };
                let result = results_csv(&self.records, env.lang).map_err(|e| e.to_string()).and_then(|bytes| {
                    crate::core::atomic::write_atomic(&path, &bytes, false)
                        .map_err(|e| format!("{e} — in {}", path.display()))
                });
                effects.push(match result {
                    Ok(()) => TrainingEffect::Info(format!(
                        "{} ({})\n{}",
                        tr("training.exported"),
                        self.records.len(),
                        path.display()
                    )),
                    Err(message) => TrainingEffect::Error { title: tr("training.export_failed"), message },
                });
            }
            TrainingCommand::ClearResults => {
                self.records.clear();
                if let Err(e) = env.storage.save_results(&[]) {
                    effects.push(TrainingEffect::Error { title: tr("training.save_failed"), message: e.to_string() });
                }
            }
        }
        effects
    }

    /// Keeps the just-graded attempt with the others on this PC.
    fn record_attempt(&mut self, env: &TrainingEnv) -> Option<TrainingEffect> {
        let (_, q) = self.quiz.as_ref()?;
        let record = q.record(chrono::Local::now().fixed_offset(), env.lang);
        self.records.push(record);
        env.storage
            .save_results(&self.records)
            .err()
            .map(|e| TrainingEffect::Error { title: tr("training.save_failed"), message: e.to_string() })
    }
}
