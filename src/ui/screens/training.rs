//! Training screens: the sample list (trainee, quiz mode, results kept on this PC), the
//! read-only walkthrough with the commentary beside each model answer, and the quiz with
//! its checking, score and retry. They draw `TrainingState` and push commands.

use egui::{Color32, RichText};

use crate::core::text::Lang;
use crate::core::training::{QuizItem, QuizMode, QuizSession, Sample};
use crate::tr;
use crate::ui::app::{Command, Screen};
use crate::ui::training::{TrainingCommand as T, TrainingState};
use crate::ui::widgets;

use super::View;

fn cmd(out: &mut Vec<Command>, c: T) {
    out.push(Command::Training(c));
}

fn good(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(0x6c, 0xd0, 0x8a) } else { Color32::from_rgb(0x1b, 0x7a, 0x3a) }
}

fn step_title(v: &View, step_id: &str) -> String {
    v.rules.step_idx(step_id).map(|i| format!("{}. {}", i + 1, v.rules.steps[i].title.get(v.lang))).unwrap_or_default()
}

fn narrative(ui: &mut egui::Ui, sample: &Sample, lang: Lang) {
    egui::CollapsingHeader::new(RichText::new(tr("training.narrative")).strong())
        .id_salt(("narrative", &sample.training.sample_id))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(sample.training.narrative.get(lang));
        });
}

/// The sample list: who is training, how the quiz checks, each sample with its clauses,
/// and the results kept on this PC for the trainer.
pub fn samples(v: &View, t: &mut TrainingState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("training.title"));
    ui.label(tr("training.intro"));
    let Some(set) = &t.samples else { return };
    for e in &set.errors {
        widgets::warn(ui, &e.to_string());
    }
    ui.separator();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if let Some(name) =
            widgets::text_line(ui, widgets::field_id("training.trainee"), &tr("training.trainee"), &t.trainee)
        {
            t.trainee = name;
        }
        ui.horizontal(|ui| {
            ui.label(tr("training.mode"));
            ui.radio_value(&mut t.mode, QuizMode::StepByStep, tr("training.mode_step"));
            ui.radio_value(&mut t.mode, QuizMode::AtEnd, tr("training.mode_end"));
        });
    });
    if let Some((_, q)) = &t.quiz
        && !q.finished
    {
        let label = format!(
            "{}: {} ({} {} / {})",
            tr("training.resume"),
            q.sample_title,
            tr("training.question_no"),
            q.current + 1,
            q.items.len()
        );
        if ui.button(label).clicked() {
            out.push(Command::Goto(Screen::Quiz));
        }
    }
    widgets::section(ui, &format!("{} ({})", tr("training.samples"), set.samples.len()));
    for (i, s) in set.samples.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{}. {}", i + 1, s.training.title.get(v.lang))).strong().size(15.0));
            widgets::citations(ui, (v.rules, v.lang), &s.training.topics, out);
            ui.horizontal(|ui| {
                if ui.button(tr("training.walk")).on_hover_text(tr("training.walk_hint")).clicked() {
                    cmd(out, T::Walk { sample: i, item: 0 });
                }
                if ui.button(tr("training.start_quiz")).clicked() {
                    cmd(out, T::StartQuiz(i));
                }
                ui.label(RichText::new(format!("{} {}", s.items.len(), tr("training.items"))).weak());
            });
        });
    }
    results(t, ui, out);
}

fn results(t: &TrainingState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    widgets::section(ui, &format!("{} ({})", tr("training.results"), t.records.len()));
    if let Some(e) = &t.records_error {
        widgets::warn(ui, e);
    }
    ui.label(RichText::new(tr("training.results_hint")).small().weak());
    for r in t.records.iter().rev().take(10) {
        ui.label(format!(
            "{}  {}  {}  {} / {}",
            r.finished_at.format("%Y-%m-%d %H:%M"),
            if r.trainee.is_empty() { "—" } else { &r.trainee },
            r.sample_title,
            r.score,
            r.total
        ));
    }
    ui.horizontal(|ui| {
        let any = !t.records.is_empty();
        if ui.add_enabled(any, egui::Button::new(tr("training.export"))).clicked() {
            cmd(out, T::ExportDialog);
        }
        if ui.add_enabled(any, egui::Button::new(tr("training.clear"))).clicked() {
            cmd(out, T::ClearResults);
        }
    });
}

/// One model answer: the question, the answer and its reason and clauses, with the
/// commentary in a column beside it.
fn model_answer(v: &View, item: &QuizItem, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new(step_title(v, &item.step_id)).small().weak());
        ui.label(RichText::new(item.prompt.get(v.lang)).strong());
        if !item.context.get(v.lang).is_empty() {
            ui.label(RichText::new(item.context.get(v.lang)).weak());
        }
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!("{}: {}", tr("training.model"), item.model_label(v.lang))).strong().color(good(ui)),
        );
        if !item.model_reason.is_empty() {
            ui.label(format!("{}: {}", tr("training.model_reason"), item.model_reason));
        }
        widgets::citations(ui, (v.rules, v.lang), &item.citations, out);
        let ui = &mut cols[1];
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(tr("training.commentary")).strong());
            ui.label(item.commentary.get(v.lang));
            widgets::citations(ui, (v.rules, v.lang), &item.commentary_citations, out);
        });
    });
}

/// The walkthrough of a sample, one model answer at a time.
pub fn walkthrough(v: &View, t: &TrainingState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let (si, ii) = t.walk;
    let Some(sample) = t.samples.as_ref().and_then(|s| s.samples.get(si)) else { return };
    if ui.link(format!("← {}", tr("training.back_to_list"))).clicked() {
        out.push(Command::Goto(Screen::Samples));
    }
    ui.heading(format!("{}: {}", tr("training.walk"), sample.training.title.get(v.lang)));
    narrative(ui, sample, v.lang);
    ui.separator();
    let n = sample.items.len();
    ui.horizontal_wrapped(|ui| {
        for (k, item) in sample.items.iter().enumerate() {
            let label = format!("{}. {}", k + 1, item.label.get(v.lang));
            if ui.selectable_label(k == ii, label).clicked() {
                cmd(out, T::Walk { sample: si, item: k });
            }
        }
        if ui.selectable_label(ii >= n, tr("training.summary")).clicked() {
            cmd(out, T::Walk { sample: si, item: n });
        }
    });
    ui.separator();
    if let Some(item) = sample.items.get(ii) {
        ui.label(RichText::new(format!("{} {} / {n}", tr("training.answer_no"), ii + 1)).weak());
        model_answer(v, item, ui, out);
    } else {
        widgets::section(ui, &tr("training.summary"));
        widgets::outcome_badge(ui, v.rules, v.lang, sample.training.expected_outcome);
        ui.label(sample.training.summary.get(v.lang));
        widgets::citations(ui, (v.rules, v.lang), &sample.training.topics, out);
        if ui.button(tr("training.try_quiz")).clicked() {
            cmd(out, T::StartQuiz(si));
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.add_enabled(ii > 0, egui::Button::new(format!("← {}", tr("training.prev")))).clicked() {
            cmd(out, T::Walk { sample: si, item: ii - 1 });
        }
        if ui.add_enabled(ii < n, egui::Button::new(format!("{} →", tr("training.next")))).clicked() {
            cmd(out, T::Walk { sample: si, item: ii + 1 });
        }
    });
}

/// Right or wrong, the model answer, its clauses and the explanation.
fn feedback(v: &View, q: &QuizSession, i: usize, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let item = &q.items[i];
    let correct = q.is_correct(i);
    let (mark, color) = if correct {
        (format!("✔ {}", tr("training.correct")), good(ui))
    } else {
        (format!("× {}", tr("training.wrong")), ui.visuals().error_fg_color)
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(mark).strong().color(color));
        let yours =
            q.answers[i].value.as_deref().map_or_else(|| tr("training.no_answer"), |v2| item.label_of(v2, v.lang));
        ui.label(format!("{}: {yours}", tr("training.yours")));
        ui.label(RichText::new(format!("{}: {}", tr("training.model"), item.model_label(v.lang))).strong());
        if !item.model_reason.is_empty() {
            ui.label(format!("{}: {}", tr("training.model_reason"), item.model_reason));
        }
        widgets::citations(ui, (v.rules, v.lang), &item.citations, out);
        ui.label(RichText::new(tr("training.commentary")).strong());
        ui.label(item.commentary.get(v.lang));
        widgets::citations(ui, (v.rules, v.lang), &item.commentary_citations, out);
    });
}

/// The quiz: one item at a time, then the score.
pub fn quiz(v: &View, state: &TrainingState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some((sample_index, q)) = &state.quiz else {
        ui.label(tr("training.no_quiz"));
        return;
    };
    let Some(sample) = state.samples.as_ref().and_then(|s| s.samples.get(*sample_index)) else { return };
    if ui.link(format!("← {}", tr("training.back_to_list"))).clicked() {
        out.push(Command::Goto(Screen::Samples));
    }
    ui.heading(format!("{}: {}", tr("training.quiz"), sample.training.title.get(v.lang)));
    narrative(ui, sample, v.lang);
    ui.separator();
    if q.finished {
        score(v, q, ui, out);
        return;
    }
    let i = q.current;
    let item = &q.items[i];
    let n = q.items.len();
    ui.label(RichText::new(format!("{} {} / {n}", tr("training.question_no"), i + 1)).weak());
    ui.label(RichText::new(step_title(v, &item.step_id)).small().weak());
    ui.label(RichText::new(item.prompt.get(v.lang)).strong().size(15.0));
    if !item.context.get(v.lang).is_empty() {
        ui.label(RichText::new(item.context.get(v.lang)).weak());
    }
    let locked = q.checked[i];
    let chosen = q.answers[i].value.as_deref();
    ui.add_enabled_ui(!locked, |ui| {
        let options: Vec<(String, String)> =
            item.choices.iter().map(|c| (c.value.clone(), c.label.get(v.lang).to_string())).collect();
        if let Some(value) = widgets::radio_group(ui, ("training.answer", i), q.answers[i].value.as_ref(), &options) {
            cmd(out, T::Choose(i, value));
        }
        if let Some(text) = widgets::reason(
            ui,
            widgets::field_id(("training.your_reason", i)),
            &tr("training.your_reason"),
            &q.answers[i].reason,
            false,
        ) {
            cmd(out, T::Reason(i, text));
        }
    });
    ui.add_space(6.0);
    let last = i + 1 == n;
    match q.mode {
        QuizMode::StepByStep => {
            if locked {
                feedback(v, q, i, ui, out);
                let next = if last { tr("training.see_score") } else { format!("{} →", tr("training.next")) };
                if ui.button(next).clicked() {
                    cmd(out, T::Next);
                }
            } else if ui.add_enabled(chosen.is_some(), egui::Button::new(tr("training.check"))).clicked() {
                cmd(out, T::Check);
            }
        }
        QuizMode::AtEnd => {
            ui.horizontal(|ui| {
                if ui.add_enabled(i > 0, egui::Button::new(format!("← {}", tr("training.prev")))).clicked() {
                    cmd(out, T::Back);
                }
                let next = if last { tr("training.grade") } else { format!("{} →", tr("training.next")) };
                if ui.add_enabled(chosen.is_some(), egui::Button::new(next)).clicked() {
                    cmd(out, T::Next);
                }
            });
        }
    }
}

fn score(v: &View, q: &QuizSession, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let (right, total) = q.score();
    let percent = (right * 100).checked_div(total).unwrap_or(0);
    ui.label(RichText::new(format!("{}: {right} / {total} ({percent}%)", tr("training.score"))).strong().size(20.0));
    if !q.trainee.is_empty() {
        ui.label(format!("{}: {}", tr("training.trainee"), q.trainee));
    }
    ui.horizontal(|ui| {
        if ui.button(tr("training.retry")).clicked() {
            cmd(out, T::Retry);
        }
        if ui.button(tr("training.export")).clicked() {
            cmd(out, T::ExportDialog);
        }
        if ui.button(tr("training.back_to_list")).clicked() {
            out.push(Command::Goto(Screen::Samples));
        }
    });
    ui.separator();
    for (i, item) in q.items.iter().enumerate() {
        let correct = q.is_correct(i);
        let mark = if correct { "✔" } else { "×" };
        let color = if correct { good(ui) } else { ui.visuals().error_fg_color };
        ui.label(RichText::new(format!("{mark} {}. {}", i + 1, item.prompt.get(v.lang))).color(color));
        if correct {
            egui::CollapsingHeader::new(tr("training.commentary"))
                .id_salt(("score-note", i))
                .default_open(false)
                .show(ui, |ui| feedback(v, q, i, ui, out));
        } else {
            feedback(v, q, i, ui, out);
        }
    }
}
