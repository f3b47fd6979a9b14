//! Training commands carried out by the training state, and the effects the app applies.

use crate::ui::training::{TrainingCommand, TrainingEffect, TrainingEnv, TrainingScreen};

use super::{App, Command, Dialog, Picking, Screen};

impl App {
    /// Loads the training samples and results once (see [`TrainingState::ensure_samples`]).
    pub fn ensure_samples(&mut self) {
        self.training.ensure_samples(&self.rules, self.rules_dir.as_deref(), &self.storage);
    }

    /// Carries out a training command and what it asks of the app.
    pub fn handle_training(&mut self, command: TrainingCommand) {
        let showing = match self.screen {
            Screen::Samples => Some(TrainingScreen::Samples),
            Screen::Walkthrough => Some(TrainingScreen::Walkthrough),
            Screen::Quiz => Some(TrainingScreen::Quiz),
            _ => None,
        };
        let env = TrainingEnv {
            rules: &self.rules,
            rules_dir: self.rules_dir.as_deref(),
            storage: &self.storage,
            lang: self.lang,
            showing,
        };
        for effect in self.training.handle(command, &env) {
            match effect {
                TrainingEffect::Show(screen) => self.handle(Command::Goto(match screen {
                    TrainingScreen::Samples => Screen::Samples,
                    TrainingScreen::Walkthrough => Screen::Walkthrough,
                    TrainingScreen::Quiz => Screen::Quiz,
                })),
                TrainingEffect::Info(text) => self.dialog = Some(Dialog::Info(text)),
                TrainingEffect::Error { title, message } => self.dialog = Some(Dialog::Error { title, message }),
                TrainingEffect::PickResultsFile(name) => self.pick(
                    move |base: rfd::FileDialog| base.add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
                    Picking::Results,
                ),
            }
        }
    }
}
