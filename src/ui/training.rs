//! Training mode's state and commands: the samples (loaded on first use), the walkthrough
//! position, the quiz in progress, and the finished attempts kept on this PC for the
//! trainer's CSV export. The grading itself is the core's (`core::training`).

use std::path::PathBuf;

use crate::core::training::{
    QuizMode, QuizRecord, QuizSession, SampleSet, load_embedded_samples, load_samples_dir, results_csv,
};
use crate::tr;

use super::app::{App, Command, Dialog, Screen};

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

impl App {
    /// Loads the samples (from the rules folder's `samples/` if it has one, else the
    /// shipped ones) and the results file, once.
    pub fn ensure_samples(&mut self) {
        if self.training.samples.is_some() {
            return;
        }
        let own = self.rules_dir.as_ref().map(|d| d.join("samples")).filter(|d| d.is_dir());
        let set = match own {
            Some(dir) => load_samples_dir(&self.rules, &dir),
            None => load_embedded_samples(&self.rules),
        };
        self.training.samples = Some(set);
        let (records, error) = self.storage.load_results();
        self.training.records = records;
        self.training.records_error = error;
    }

    /// Carries out a training command.
    pub fn handle_training(&mut self, command: TrainingCommand) {
        let t = &mut self.training;
        match command {
            TrainingCommand::Open => {
                self.ensure_samples();
                self.handle(Command::Goto(Screen::Samples));
            }
            TrainingCommand::Walk { sample, item } => {
                self.ensure_samples();
                self.training.walk = (sample, item);
                if self.screen != Screen::Walkthrough {
                    self.handle(Command::Goto(Screen::Walkthrough));
                }
            }
            TrainingCommand::StartQuiz(index) => {
                self.ensure_samples();
                let t = &mut self.training;
                let Some(sample) = t.samples.as_ref().and_then(|s| s.samples.get(index)) else { return };
                let title = sample.training.title.get(self.lang).to_string();
                let session = QuizSession::new(
                    &sample.training.sample_id,
                    &title,
                    sample.items.clone(),
                    t.mode,
                    t.trainee.trim(),
                );
                t.quiz = Some((index, session));
                self.handle(Command::Goto(Screen::Quiz));
            }
            TrainingCommand::Choose(i, value) => {
                if let Some((_, q)) = &mut t.quiz {
                    q.choose(i, &value);
                }
            }
            TrainingCommand::Reason(i, text) => {
                if let Some((_, q)) = &mut t.quiz {
                    q.set_reason(i, &text);
                }
            }
            TrainingCommand::Check => {
                if let Some((_, q)) = &mut t.quiz {
                    q.check_current();
                }
            }
            TrainingCommand::Next => {
                let finished_now = t.quiz.as_mut().is_some_and(|(_, q)| {
                    let was = q.finished;
                    q.next();
                    !was && q.finished
                });
                if finished_now {
                    self.record_attempt();
                }
            }
            TrainingCommand::Back => {
                if let Some((_, q)) = &mut t.quiz {
                    q.back();
                }
            }
            TrainingCommand::Retry => {
                if let Some((_, q)) = &mut t.quiz {
                    q.retry();
                }
            }
            TrainingCommand::ExportDialog => {
                let name = format!("quiz-results-{}.csv", chrono::Local::now().format("%Y%m%d"));
                self.pick(
                    move || rfd::FileDialog::new().add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
                    super::app::Picking::Results,
                );
            }
            TrainingCommand::Export(path) => {
                let path = if path.extension().is_none() { path.with_extension("csv") } else { path };
                let result = results_csv(&self.training.records, self.lang).and_then(|bytes| {
                    crate::core::atomic::write_atomic(&path, &bytes, false)
                        .map_err(|e| format!("{e} — in {}", path.display()))
                });
                self.dialog = Some(match result {
                    Ok(()) => Dialog::Info(format!(
                        "{} ({})\n{}",
                        tr("training.exported"),
                        self.training.records.len(),
                        path.display()
                    )),
                    Err(message) => Dialog::Error { title: tr("training.export_failed"), message },
                });
            }
            TrainingCommand::ClearResults => {
                self.training.records.clear();
                if let Err(message) = self.storage.save_results(&[]) {
                    self.dialog = Some(Dialog::Error { title: tr("training.save_failed"), message });
                }
            }
        }
    }

    /// Keeps the just-graded attempt with the others on this PC.
    fn record_attempt(&mut self) {
        let Some((_, q)) = &self.training.quiz else { return };
        let record = q.record(chrono::Local::now().fixed_offset(), self.lang);
        self.training.records.push(record);
        if let Err(message) = self.storage.save_results(&self.training.records) {
            self.dialog = Some(Dialog::Error { title: tr("training.save_failed"), message });
        }
    }
}
