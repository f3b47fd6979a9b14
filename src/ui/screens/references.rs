//! The upkeep screen's editor of `references.json`: for a chosen clause of the template, the
//! organisation's own article and the current national clause, in both languages, saved
//! to the rules folder once the whole folder checks.

use std::path::Path;

use egui::RichText;

use crate::core::rules::files::{ClauseReference, ReferencesFile};
use crate::core::text::Text;
use crate::tr;

use super::{UpkeepState, View};
use crate::ui::app::Command;
use crate::ui::widgets;

/// Draws the references editor.
pub fn form(v: &View, st: &mut UpkeepState, rules_dir: Option<&Path>, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    widgets::section(ui, &tr("refs.title"));
    ui.label(RichText::new(v.rules.references.notice.get(v.lang)).small());
    let clauses = &v.rules.clauses.clauses;
    if st.references_clause.is_empty()
        && let Some(first) = clauses.first()
    {
        st.references_clause.clone_from(&first.clause_id);
    }
    let d = st.references.get_or_insert_with(|| v.rules.references.clone());
    ui.label(RichText::new(tr("refs.help")).small());
    let set = d.references.len();
    ui.label(format!("{}: {set} / {}", tr("refs.count"), clauses.len()));
    let name = |id: &str| {
        let heading = clauses.iter().find(|c| c.clause_id == id).map_or("", |c| c.heading.get(v.lang));
        format!("{id}  {heading}")
    };
    let mut chosen = st.references_clause.clone();
    widgets::combo(
        ui,
        egui::ComboBox::from_label(tr("refs.clause")).height(400.0).selected_text(name(&chosen)),
        |ui| {
            for c in clauses {
                let mark = if d.references.iter().any(|r| r.clause_id == c.clause_id) { "● " } else { "" };
                ui.selectable_value(&mut chosen, c.clause_id.clone(), format!("{mark}{}", name(&c.clause_id)));
            }
        },
    );
    st.references_clause.clone_from(&chosen);
    let empty = || Text::new("", "");
    let at = d.references.iter().position(|r| r.clause_id == chosen);
    let mut own = at.map_or_else(empty, |i| d.references[i].own.clone());
    let mut national = at.and_then(|i| d.references[i].national.clone()).unwrap_or_else(empty);
    let before = (own.clone(), national.clone());
    for (key, t) in [("refs.own", &mut own), ("refs.national", &mut national)] {
        for (lang, value) in [("ja", &mut t.ja), ("en", &mut t.en)] {
            let label = format!("{}（{}）", tr(key), tr(&format!("org.{lang}")));
            if let Some(new) = widgets::text_line(ui, widgets::field_id((key, lang, chosen.as_str())), &label, value) {
                *value = new;
            }
        }
    }
    if (own.clone(), national.clone()) != before {
        let blank = |t: &Text| t.ja.trim().is_empty() && t.en.trim().is_empty();
        let entry = ClauseReference {
            clause_id: chosen.clone(),
            national: (!blank(&national)).then_some(national),
            own: own.clone(),
        };
        match at {
            // Both emptied: the clause has no reference of its own again.
            Some(i) if blank(&own) && entry.national.is_none() => {
                d.references.remove(i);
            }
            Some(i) => d.references[i] = entry,
            None => d.references.push(entry),
        }
        // In the rule book's order, so the saved file reads as the template does.
        let order = |id: &str| clauses.iter().position(|c| c.clause_id == id).unwrap_or(usize::MAX);
        d.references.sort_by_key(|r| order(&r.clause_id));
    }
    let changed = *d != v.rules.references;
    if ui.add_enabled(changed && rules_dir.is_some(), egui::Button::new(tr("refs.save"))).clicked() {
        // An article has its name in Japanese: left empty in English, the English memo
        // shows it as written (the rule files want both languages).
        let both = |t: &mut Text| {
            if t.en.trim().is_empty() {
                t.en.clone_from(&t.ja);
            } else if t.ja.trim().is_empty() {
                t.ja.clone_from(&t.en);
            }
        };
        let mut file = ReferencesFile::clone(d);
        for r in &mut file.references {
            both(&mut r.own);
            if let Some(n) = &mut r.national {
                both(n);
            }
        }
        out.push(Command::SaveReferences(file));
    }
}
