//! The rule book at hand: every clause the rules quote (§3, §5.1, §5.2, 表4, 付録1, …),
//! searchable by word or clause number, each with the steps that cite it; and the
//! glossary of terms with the later standards' words, clearly labelled as later.

use egui::RichText;

use crate::tr;

use super::View;
use crate::ui::app::{Command, Screen};
use crate::ui::widgets;

/// What the rule book and the glossary keep between frames: their search texts.
#[derive(Debug, Default)]
pub struct RuleBookState {
    /// The rule book's search text.
    pub search: String,
    /// The glossary's search text.
    pub glossary_search: String,
}

/// Draws the rule book.
pub fn show(v: &View, st: &mut RuleBookState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("rulebook.title"));
    ui.label(RichText::new(v.rules.clauses.notice.get(v.lang)).small().weak());
    ui.horizontal(|ui| {
        let l = ui.label(tr("rulebook.search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut st.search)
                    .id(widgets::field_id("rulebook.search"))
                    .hint_text(v.words("ui.rulebook.search_hint")),
            )
            .labelled_by(l.id);
        widgets::offer_focus(&search);
    });
    let q = st.search.trim().to_lowercase();
    let hits: Vec<_> = v
        .rules
        .clauses
        .clauses
        .iter()
        .filter(|c| {
            q.is_empty()
                || c.clause_id.to_lowercase() == q
                || c.clause_id.to_lowercase().starts_with(&q)
                || c.text.to_lowercase().contains(&q)
                || c.heading.ja.to_lowercase().contains(&q)
                || c.heading.en.to_lowercase().contains(&q)
        })
        .collect();
    ui.label(format!("{}: {}", tr("rulebook.count"), hits.len()));
    ui.separator();
    for c in hits {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{}  {}", c.clause_id, c.heading.get(v.lang))).strong().size(15.0));
            ui.label(&c.text);
            widgets::own_reference(ui, v.rules, v.lang, &c.clause_id);
            let steps: Vec<(usize, &str)> = v
                .rules
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.citations.iter().any(|x| x == &c.clause_id || x.starts_with(&format!("{} ", c.clause_id)))
                })
                .map(|(i, s)| (i, s.title.get(v.lang)))
                .collect();
            if !steps.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(tr("rulebook.used_by")).small().weak());
                    for (i, title) in steps {
                        if ui.link(format!("{}. {title}", i + 1)).clicked() {
                            out.push(Command::Goto(Screen::Step(i)));
                        }
                    }
                });
            }
        });
    }
}

/// Draws the glossary.
pub fn glossary(v: &View, st: &mut RuleBookState, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("glossary.title"));
    ui.label(RichText::new(v.rules.glossary.notice.get(v.lang)).small());
    ui.horizontal(|ui| {
        let l = ui.label(tr("glossary.search"));
        let search = ui
            .add(egui::TextEdit::singleline(&mut st.glossary_search).id(widgets::field_id("glossary.search")))
            .labelled_by(l.id);
        widgets::offer_focus(&search);
    });
    let q = st.glossary_search.trim().to_lowercase();
    for t in &v.rules.glossary.terms {
        let text = format!("{} {} {} {}", t.term.ja, t.term.en, t.explanation.ja, t.explanation.en).to_lowercase();
        if !q.is_empty() && !text.contains(&q) {
            continue;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(t.term.get(v.lang)).strong().size(15.0));
            ui.label(t.explanation.get(v.lang));
            crate::ui::widgets::citations(ui, (v.rules, v.lang), &t.citations, out);
            for later in &t.later_terms {
                ui.label(
                    RichText::new(format!(
                        "{}: {} — {}",
                        tr("glossary.later"),
                        later.term.get(v.lang),
                        later.note.get(v.lang)
                    ))
                    .small()
                    .italics(),
                );
            }
        });
    }
}
