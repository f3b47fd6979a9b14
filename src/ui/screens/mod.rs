//! The centre of the window: one screen per step of the flow, built from the nodes the
//! rules put in that step, plus the review and 付録1 upkeep screens.

mod appendix1;
mod approvers;
mod basics;
mod cloud;
mod inventory;
mod narrowing;
mod outcome;
mod question;
mod references;
mod register;
mod risk;
mod rulebook;
mod signature;
mod terms;
mod training;
mod upkeep;

// Each screen's own state, kept between frames in the app's `ScreenState`.
pub use approvers::ApproverDraft;
pub use inventory::InventoryState;
pub use register::RegisterTable;
pub use risk::RiskState;
pub use rulebook::RuleBookState;
pub use signature::SigningState;
pub use terms::CautionsState;
pub use upkeep::{JudgementDraft, UpkeepState};

use egui::RichText;

use crate::core::case::Case;
use crate::core::engine::{Evaluation, StepState};
use crate::core::rules::files::TaskKind;
use crate::core::rules::{NodeBody, RuleSet};
use crate::core::text::Lang;
use crate::tr;

use super::app::{App, Command, Screen, ScreenState};
use super::widgets;

/// What every screen reads.
pub struct View<'a> {
    /// The rules.
    pub rules: &'a RuleSet,
    /// The case.
    pub case: &'a Case,
    /// The core's evaluation.
    pub eval: &'a Evaluation,
    /// Language of rule texts.
    pub lang: Lang,
    /// The case is in a file and has no unsaved change.
    pub saved: bool,
    /// Changes whenever the case does: what a screen derives from the whole case is kept
    /// against it and made again only then.
    pub revision: u64,
}

/// Where a table's selected row is, kept between frames: the table, its buttons and the
/// row's editor each ask for it on every frame, and a scan of 10 000 rows for a row near
/// the end cost a fifth of the frame. The index is checked against the row's id before it
/// is used, so a case changed in any way is scanned again, never misread.
#[derive(Debug, Default)]
pub struct SelectedRow {
    /// The id last looked for, the case revision it was looked for at, and where it was.
    found: Option<(String, u64, Option<usize>)>,
}

impl SelectedRow {
    /// The index in `rows` of the row whose id (`id_of`) is `selected`, if it is there;
    /// `revision` changes whenever `rows` may have (a row not found is looked for again then).
    pub fn index<'a, T>(
        &mut self,
        (selected, revision): (Option<&str>, u64),
        rows: &'a [T],
        id_of: impl Fn(&'a T) -> &'a str,
    ) -> Option<usize> {
        let selected = selected?;
        if let Some((id, at_revision, at)) = &self.found
            && id == selected
        {
            match at {
                Some(i) if rows.get(*i).is_some_and(|r| id_of(r) == selected) => return Some(*i),
                None if *at_revision == revision => return None,
                _ => {}
            }
        }
        let at = rows.iter().position(|r| id_of(r) == selected);
        self.found = Some((selected.to_string(), revision, at));
        at
    }
}

impl View<'_> {
    /// A text of the rules' wording (`wording.json`) in the UI language, with no slots:
    /// the screens' names for the rule book's parts (付録1, 表4) live there, not in `locales/`.
    #[must_use]
    pub fn words(&self, wording_id: &str) -> String {
        self.rules.words(wording_id, self.lang, &[])
    }
}

/// Draws the screen the app is on.
pub fn show(app: &mut App, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if matches!(app.screen, Screen::Samples | Screen::Walkthrough | Screen::Quiz) {
        app.ensure_samples();
    }
    let saved = app.path.is_some() && !app.dirty;
    let v = View { rules: &app.rules, case: &app.case, eval: &app.eval, lang: app.lang, saved, revision: app.revision };
    let st = &mut app.screens;
    match app.screen {
        Screen::Step(i) => step(&v, st, &app.affected, i, ui, out),
        Screen::Review => outcome::review(&v, ui, out),
        Screen::Upkeep => upkeep::show(&v, &mut st.upkeep, app.rules_dir.as_deref(), ui, out),
        Screen::RuleBook => rulebook::show(&v, &mut st.rulebook, ui, out),
        Screen::Glossary => rulebook::glossary(&v, &mut st.rulebook, ui, out),
        Screen::Samples => training::samples(&v, &mut app.training, ui, out),
        Screen::Walkthrough => training::walkthrough(&v, &app.training, ui, out),
        Screen::Quiz => training::quiz(&v, &app.training, ui, out),
        Screen::Register => register::show(&v, (&app.register, st), app.settings.cases_dir.as_deref(), ui, out),
    }
}

fn step(v: &View, st: &mut ScreenState, affected: &[String], i: usize, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(step) = v.rules.steps.get(i) else { return };
    let state = v.eval.step_state(&step.step_id).unwrap_or(StepState::NotYet);
    let (mark, word) = widgets::step_mark(state);
    ui.heading(format!("{}. {}", i + 1, step.title.get(v.lang)));
    ui.label(RichText::new(format!("{mark} {word}")).weak());
    widgets::citations(ui, (v.rules, v.lang), &step.citations, out);

    ui.separator();

    match state {
        StepState::NotYet => {
            ui.label(tr("screen.not_yet"));
            if let Some(p) = &v.eval.next
                && let Some(idx) = v.rules.step_idx(&p.step_id)
                && ui.button(format!("→ {}. {}", idx + 1, v.rules.steps[idx].title.get(v.lang))).clicked()
            {
                out.push(Command::Goto(Screen::Step(idx)));
            }
        }
        StepState::NotApplicable => {
            ui.label(tr("screen.not_applicable"));
        }
        StepState::Done | StepState::Current => {
            let nodes: Vec<&str> = v
                .eval
                .path
                .iter()
                .filter(|p| p.step_id == step.step_id)
                .map(|p| p.node_id.as_str())
                .chain(v.eval.next.iter().filter(|p| p.step_id == step.step_id).map(|p| p.node_id.as_str()))
                .chain(v.eval.outcome.iter().map(|o| o.node_id.as_str()))
                .collect();
            for node_id in nodes {
                let Some(node) = v.rules.node(node_id) else { continue };
                if v.rules.steps[node.step].step_id != step.step_id {
                    continue;
                }
                ui.push_id(node_id, |ui| match &node.body {
                    NodeBody::Task { task, .. } => task_screen(v, st, *task, ui, out),
                    NodeBody::Question { .. } => question::show(v, st, node, ui, out),
                    NodeBody::Switch { .. } => question::switch(v, node, ui, out),
                    NodeBody::Outcome { .. } => {
                        outcome::show(v, ui, out);
                        signature::form(v, &mut st.signing, ui, out);
                    }
                });
                ui.add_space(8.0);
            }
        }
    }

    let unused: Vec<&String> = v
        .eval
        .stale_answers
        .iter()
        .filter(|n| v.rules.node(n).is_some_and(|node| v.rules.steps[node.step].step_id == step.step_id))
        .collect();
    if !unused.is_empty() {
        ui.separator();
        ui.label(RichText::new(tr("screen.stale")).weak());
        for n in unused {
            if let (Some(node), Some(a)) = (v.rules.node(n), v.case.answers.get(n.as_str())) {
                ui.label(RichText::new(format!("・{} — {}", node.text.get(v.lang), a.value)).weak());
            }
        }
    }

    ui.separator();
    if let Some(p) = &v.eval.next
        && p.step_id == step.step_id
    {
        ui.label(RichText::new(tr("screen.missing")).strong());
        for m in p.missing.iter().take(12) {
            ui.label(format!("・{}", m.get(v.lang)));
        }
        if p.missing.len() > 12 {
            ui.label(format!("… {} {}", p.missing.len() - 12, tr("screen.more")));
        }
    }
    nav_buttons(v, step, i, ui, out);
    // Below the form and the buttons: a banner that appears while the user types must not
    // move the field being typed in (issue 11).
    if !affected.is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            widgets::warn(ui, &tr("screen.affected"));
            ui.horizontal_wrapped(|ui| {
                for s in affected {
                    if let Some(idx) = v.rules.step_idx(s)
                        && ui.link(format!("{}. {}", idx + 1, v.rules.steps[idx].title.get(v.lang))).clicked()
                    {
                        out.push(Command::Goto(Screen::Step(idx)));
                    }
                }
            });
        });
    }
}

/// Back, next (to the step waiting for input) and the review. As in a Windows wizard,
/// Alt+B and Alt+N press 前のステップ(B) and 次へ(N) wherever the focus is.
fn nav_buttons(
    v: &View,
    step: &crate::core::rules::files::StepDef,
    i: usize,
    ui: &mut egui::Ui,
    out: &mut Vec<Command>,
) {
    let alt = |ui: &mut egui::Ui, key| ui.input_mut(|inp| inp.consume_key(egui::Modifiers::ALT, key));
    ui.horizontal(|ui| {
        if i > 0 {
            let back = ui.button(tr("screen.back")).on_hover_text(tr("screen.back_keys"));
            if back.clicked() || alt(ui, egui::Key::B) {
                out.push(Command::Goto(Screen::Step(i - 1)));
            }
        }
        if v.eval.current_step(v.rules) != Some(step.step_id.as_str()) {
            let next = ui.button(tr("screen.next")).on_hover_text(tr("screen.next_keys"));
            // A step with nothing to fill in starts the keyboard on 次へ.
            widgets::offer_focus(&next);
            if next.clicked() || alt(ui, egui::Key::N) {
                out.push(Command::GotoCurrent);
            }
        }
        if v.eval.outcome.is_some() && ui.button(tr("screen.to_review")).clicked() {
            out.push(Command::Goto(Screen::Review));
        }
    });
}

fn task_screen(v: &View, st: &mut ScreenState, task: TaskKind, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    match task {
        TaskKind::Basics => basics::show(v, ui, out),
        TaskKind::Appendix1 => appendix1::show(v, st, ui, out),
        TaskKind::Inventory => inventory::show(v, &mut st.inventory, ui, out),
        TaskKind::Narrowing => narrowing::show(v, ui, out),
        TaskKind::TermsCheck => terms::show(v, &mut st.cautions, ui, out),
        TaskKind::RiskAnalysis => risk::show(v, &mut st.risk, ui, out),
    }
}
