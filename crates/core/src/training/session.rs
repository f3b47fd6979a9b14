//! A trainee's run through one quiz: answers, checking step by step or at the end, the
//! score, and a retry that starts again with the same items.

use chrono::{DateTime, FixedOffset};

use crate::text::Lang;

use super::quiz::QuizItem;
use super::results::{QuizRecord, RecordItem};

/// When the trainee sees whether an answer was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuizMode {
    /// After each answer, before going on.
    #[default]
    StepByStep,
    /// Only after the last answer, all together.
    AtEnd,
}

/// What the trainee answered for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraineeAnswer {
    /// The chosen value, once chosen.
    pub value: Option<String>,
    /// The trainee's reason, as the real flow would ask for it (not graded).
    pub reason: String,
}

/// The verdict on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemResult {
    /// Index into the session's items.
    pub index: usize,
    /// Whether the trainee's answer equals the model answer (no answer is wrong).
    pub correct: bool,
}

/// One quiz in progress or finished.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizSession {
    /// The sample's id.
    pub sample_id: String,
    /// The sample's title, for the results.
    pub sample_title: String,
    /// The items, in flow order.
    pub items: Vec<QuizItem>,
    /// Answers, one per item.
    pub answers: Vec<TraineeAnswer>,
    /// Which items have been checked (answer locked, model answer shown).
    pub checked: Vec<bool>,
    /// The item on screen.
    pub current: usize,
    /// Step by step or at the end.
    pub mode: QuizMode,
    /// The trainee's name, as they typed it.
    pub trainee: String,
    /// Set once the quiz is graded.
    pub finished: bool,
    /// How many times the quiz was started (1 on the first run).
    pub attempt: u32,
}

impl QuizSession {
    /// A new quiz over these items.
    #[must_use]
    pub fn new(sample_id: &str, sample_title: &str, items: Vec<QuizItem>, mode: QuizMode, trainee: &str) -> Self {
        let n = items.len();
        Self {
            sample_id: sample_id.into(),
            sample_title: sample_title.into(),
            items,
            answers: vec![TraineeAnswer::default(); n],
            checked: vec![false; n],
            current: 0,
            mode,
            trainee: trainee.into(),
            finished: false,
            attempt: 1,
        }
    }

    /// Chooses an answer for an item; ignored once the item is checked or the quiz is over.
    pub fn choose(&mut self, index: usize, value: &str) {
        if self.finished || self.checked.get(index).copied().unwrap_or(true) {
            return;
        }
        if let Some(a) = self.answers.get_mut(index) {
            a.value = Some(value.to_string());
        }
    }

    /// Sets the trainee's reason for an item (until the quiz is over).
    pub fn set_reason(&mut self, index: usize, reason: &str) {
        if self.finished {
            return;
        }
        if let Some(a) = self.answers.get_mut(index) {
            a.reason = reason.to_string();
        }
    }

    /// Step by step: checks the current item (it must be answered) and locks it.
    /// Returns whether it was checked.
    pub fn check_current(&mut self) -> bool {
        let i = self.current;
        if self.mode != QuizMode::StepByStep || self.answers.get(i).is_none_or(|a| a.value.is_none()) {
            return false;
        }
        self.checked[i] = true;
        true
    }

    /// Whether the trainee may move past the current item: step by step, only once it is
    /// checked; at the end, once it is answered.
    #[must_use]
    pub fn can_advance(&self) -> bool {
        let i = self.current;
        match self.mode {
            QuizMode::StepByStep => self.checked.get(i).copied().unwrap_or(false),
            QuizMode::AtEnd => self.answers.get(i).is_some_and(|a| a.value.is_some()),
        }
    }

    /// Goes to the next item, or grades the quiz after the last one.
    pub fn next(&mut self) {
        if !self.can_advance() {
            return;
        }
        if self.current + 1 < self.items.len() {
            self.current += 1;
        } else {
            self.finish();
        }
    }

    /// Goes back one item (to read it again, or at the end to change the answer).
    pub fn back(&mut self) {
        if !self.finished && self.current > 0 {
            self.current -= 1;
        }
    }

    /// Grades the quiz: every item counts as checked.
    pub fn finish(&mut self) {
        self.finished = true;
        self.checked.iter_mut().for_each(|c| *c = true);
    }

    /// Starts again with the same items, mode and trainee; answers are cleared.
    pub fn retry(&mut self) {
        let n = self.items.len();
        self.answers = vec![TraineeAnswer::default(); n];
        self.checked = vec![false; n];
        self.current = 0;
        self.finished = false;
        self.attempt += 1;
    }

    /// Whether item `index` is answered and equals the model answer.
    #[must_use]
    pub fn is_correct(&self, index: usize) -> bool {
        match (self.items.get(index), self.answers.get(index)) {
            (Some(item), Some(a)) => a.value.as_deref() == Some(item.model_value.as_str()),
            _ => false,
        }
    }

    /// The verdict on every item.
    #[must_use]
    pub fn results(&self) -> Vec<ItemResult> {
        (0..self.items.len()).map(|index| ItemResult { index, correct: self.is_correct(index) }).collect()
    }

    /// `(correct, total)`.
    #[must_use]
    pub fn score(&self) -> (usize, usize) {
        let correct = (0..self.items.len()).filter(|i| self.is_correct(*i)).count();
        (correct, self.items.len())
    }

    /// The record of this attempt for the trainer's results, in the given language.
    #[must_use]
    pub fn record(&self, finished_at: DateTime<FixedOffset>, lang: Lang) -> QuizRecord {
        let (score, total) = self.score();
        QuizRecord {
            trainee: self.trainee.clone(),
            sample_id: self.sample_id.clone(),
            sample_title: self.sample_title.clone(),
            attempt: self.attempt,
            mode: match self.mode {
                QuizMode::StepByStep => "step".into(),
                QuizMode::AtEnd => "end".into(),
            },
            finished_at,
            score,
            total,
            items: self
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let a = &self.answers[i];
                    RecordItem {
                        number: i + 1,
                        item_id: item.item_id.clone(),
                        prompt: item.prompt.get(lang).to_string(),
                        answer: a.value.as_deref().map(|v| item.label_of(v, lang)).unwrap_or_default(),
                        model_answer: item.model_label(lang),
                        correct: self.is_correct(i),
                        citations: item.citations.join(" "),
                        reason: a.reason.clone(),
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::training::QuizChoice;

    fn item(id: &str, model: &str) -> QuizItem {
        let t = |s: &str| Text { ja: s.into(), en: s.into() };
        QuizItem {
            item_id: id.into(),
            step_id: "s".into(),
            label: t(id),
            prompt: t(id),
            context: t(""),
            choices: vec![
                QuizChoice { value: "yes".into(), label: Text { ja: "はい".into(), en: "Yes".into() } },
                QuizChoice { value: "no".into(), label: Text { ja: "いいえ".into(), en: "No".into() } },
            ],
            model_value: model.into(),
            model_reason: String::new(),
            citations: vec!["5.2(1)".into()],
            commentary: t("c"),
            commentary_citations: vec![],
        }
    }

    #[test]
    fn step_by_step_locks_each_answer_once_checked_and_scores() {
        let mut s = QuizSession::new("s", "S", vec![item("a", "yes"), item("b", "no")], QuizMode::StepByStep, "T");
        s.next();
        assert_eq!(s.current, 0, "cannot advance before checking");
        assert!(!s.check_current(), "cannot check without an answer");
        s.choose(0, "no");
        assert!(s.check_current());
        s.choose(0, "yes");
        assert_eq!(s.answers[0].value.as_deref(), Some("no"), "a checked answer is locked");
        s.next();
        s.choose(1, "no");
        s.check_current();
        s.next();
        assert!(s.finished);
        assert_eq!(s.score(), (1, 2));
        let r = s.record(chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+09:00").expect("date"), Lang::Ja);
        assert_eq!(
            (r.score, r.total, r.items[0].answer.as_str(), r.items[0].model_answer.as_str()),
            (1, 2, "いいえ", "はい")
        );
    }

    #[test]
    fn at_end_allows_changes_until_graded_and_retry_clears() {
        let mut s = QuizSession::new("s", "S", vec![item("a", "yes"), item("b", "no")], QuizMode::AtEnd, "T");
        s.choose(0, "no");
        s.next();
        s.back();
        s.choose(0, "yes");
        s.next();
        s.choose(1, "no");
        s.next();
        assert!(s.finished);
        assert_eq!(s.score(), (2, 2));
        s.retry();
        assert_eq!((s.finished, s.current, s.attempt, s.score()), (false, 0, 2, (0, 2)));
        assert!(s.answers.iter().all(|a| a.value.is_none()));
    }
}
