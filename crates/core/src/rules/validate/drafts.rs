//! `drafts.json`: every choice, condition and slot names something that exists, every
//! form of outsourcing has exactly one chapter in each document, and every text is there.

use std::collections::HashSet;

use super::{Checker, Parsed};
use crate::rules::files::{DraftChoice, DraftsFile, slots, split_condition};

/// The longest fill of a choice's option, in characters (the longest shipped is a dozen).
const FILL_LIMIT: usize = 200;

/// The facts of a case a choice may be decided by (besides `countermeasure:ID`, `form:ID`).
const FACTS: [&str; 3] = ["subcontracting_expected", "exception", "terms_service"];

pub(super) fn check_drafts(p: &Parsed, c: &mut Checker) {
    c.text("notice", &p.drafts.1.notice);
    check_choices(p, c);
    check_documents(p, c);
}

/// Each choice: its texts, at least two options, and a fact of the case that exists.
fn check_choices(p: &Parsed, c: &mut Checker) {
    let d = &p.drafts.1;
    let forms: HashSet<&str> = p.forms.1.forms.iter().map(|f| f.form_id.as_str()).collect();
    let countermeasures: HashSet<&str> =
        p.countermeasures.1.countermeasures.iter().map(|m| m.countermeasure_id.as_str()).collect();
    c.unique("choice_id", "choices", d.choices.iter().map(|ch| ch.choice_id.as_str()));
    for (i, ch) in d.choices.iter().enumerate() {
        let place = format!("choices[{i}] ({})", ch.choice_id);
        c.text(&format!("{place}.question"), &ch.question);
        c.text(&format!("{place}.help"), &ch.help);
        if ch.options.len() < 2 {
            c.err(format!("{place}.options"), "a choice needs at least two options");
        }
        c.unique("option_id", &format!("{place}.options"), ch.options.iter().map(|o| o.option_id.as_str()));
        for (j, o) in ch.options.iter().enumerate() {
            c.text(&format!("{place}.options[{j}].label"), &o.label);
            // A fill is printed as it is: a `{slot}` in it would never be filled, and a long
            // one would be copied into every clause that names the choice.
            if o.fill.contains('{') || o.fill.contains('}') {
                c.err(
                    format!("{place}.options[{j}].fill"),
                    "a fill is printed as it is: it cannot hold a {slot} (or a brace)",
                );
            }
            if o.fill.chars().count() > FILL_LIMIT {
                c.err(
                    format!("{place}.options[{j}].fill"),
                    format!("{} characters: a fill is a few words, at most {FILL_LIMIT}", o.fill.chars().count()),
                );
            }
        }
        if let Some(f) = &ch.from_case {
            let known = FACTS.contains(&f.fact.as_str())
                || f.fact.strip_prefix("countermeasure:").is_some_and(|m| countermeasures.contains(m))
                || f.fact.strip_prefix("form:").is_some_and(|m| forms.contains(m));
            if !known {
                c.err(
                    format!("{place}.from_case.fact"),
                    format!(
                        "unknown fact \"{}\": use one of {}, countermeasure:ID (of countermeasures.json) or form:ID (of forms.json)",
                        f.fact,
                        FACTS.join(", ")
                    ),
                );
            }
            for (key, option) in [("if_true", Some(&f.if_true)), ("if_false", f.if_false.as_ref())] {
                if let Some(option) = option
                    && !ch.options.iter().any(|o| &o.option_id == option)
                {
                    c.err(format!("{place}.from_case.{key}"), format!("\"{option}\" is not an option of this choice"));
                }
            }
        }
    }
}

/// Each document: every form has one chapter, and every clause's conditions and slots
/// name choices and options that exist.
fn check_documents(p: &Parsed, c: &mut Checker) {
    let d = &p.drafts.1;
    let forms: HashSet<&str> = p.forms.1.forms.iter().map(|f| f.form_id.as_str()).collect();
    c.unique("document_id", "documents", d.documents.iter().map(|doc| doc.document_id.as_str()));
    c.unique(
        "clause_id",
        "documents[*].chapters[*].clauses",
        d.documents
            .iter()
            .flat_map(|doc| doc.chapters.iter().flat_map(|ch| ch.clauses.iter().map(|cl| cl.clause_id.as_str()))),
    );
    for (i, doc) in d.documents.iter().enumerate() {
        let place = format!("documents[{i}] ({})", doc.document_id);
        c.text(&format!("{place}.title"), &doc.title);
        c.text(&format!("{place}.conditions_heading"), &doc.conditions_heading);
        if doc.source.trim().is_empty() {
            c.err(format!("{place}.source"), "empty source: name where the texts are quoted from");
        }
        for f in &p.forms.1.forms {
            let n = doc.chapters.iter().filter(|ch| ch.forms.contains(&f.form_id)).count();
            if n != 1 {
                c.err(
                    format!("{place}.chapters"),
                    format!("form \"{}\" has {n} chapters in this document: it needs exactly one", f.form_id),
                );
            }
        }
        for (j, ch) in doc.chapters.iter().enumerate() {
            let place = format!("{place}.chapters[{j}]");
            c.text(&format!("{place}.heading"), &ch.heading);
            for (k, f) in ch.forms.iter().enumerate() {
                if !forms.contains(f.as_str()) {
                    c.err(format!("{place}.forms[{k}]"), format!("\"{f}\" is not a form_id of forms.json"));
                }
            }
            for (k, cl) in ch.clauses.iter().enumerate() {
                let place = format!("{place}.clauses[{k}] ({})", cl.clause_id);
                c.text(&format!("{place}.heading"), &cl.heading);
                if cl.source.trim().is_empty() {
                    c.err(format!("{place}.source"), "empty source: name the clause of the rule book");
                }
                for (w, cond) in cl.when.iter().enumerate() {
                    check_condition(c, d, &forms, &format!("{place}.when[{w}]"), cond);
                }
                if cl.text.is_empty() && cl.variants.is_empty() {
                    c.err(&place, "a clause needs a text or variants");
                }
                check_texts(c, d, &format!("{place}.text"), &cl.text);
                for (v, var) in cl.variants.iter().enumerate() {
                    let place = format!("{place}.variants[{v}]");
                    if var.label.trim().is_empty() {
                        c.err(format!("{place}.label"), "empty label: give the rule book's 【…の場合】");
                    }
                    if var.when.is_empty() {
                        c.err(format!("{place}.when"), "a variant needs a condition (else put its text in the clause)");
                    }
                    for (w, cond) in var.when.iter().enumerate() {
                        check_condition(c, d, &forms, &format!("{place}.when[{w}]"), cond);
                    }
                    if var.text.is_empty() {
                        c.err(format!("{place}.text"), "a variant needs a text");
                    }
                    check_texts(c, d, &format!("{place}.text"), &var.text);
                }
            }
        }
    }
}

fn fills_every_option(choice: &DraftChoice) -> bool {
    choice.options.iter().all(|o| !o.fill.trim().is_empty())
}

/// A condition `choice=a|b` or `form=ID` names a choice and options (or forms) that exist.
fn check_condition(c: &mut Checker, d: &DraftsFile, forms: &HashSet<&str>, place: &str, cond: &str) {
    let Some((name, values)) = split_condition(cond) else {
        c.err(place, format!("condition \"{cond}\" is not of the form choice=option or choice=a|b"));
        return;
    };
    if name == "form" {
        for v in values.iter().filter(|v| !forms.contains(*v)) {
            c.err(place, format!("condition \"{cond}\": \"{v}\" is not a form_id of forms.json"));
        }
        return;
    }
    let Some(ch) = d.choices.iter().find(|ch| ch.choice_id == name) else {
        c.err(place, format!("condition \"{cond}\": no choice \"{name}\" in choices"));
        return;
    };
    for v in values.iter().filter(|v| !ch.options.iter().any(|o| o.option_id == **v)) {
        c.err(place, format!("condition \"{cond}\": \"{v}\" is not an option of choice \"{name}\""));
    }
}

/// Paragraphs are not empty, and each `{slot}` names a choice whose options all have a fill.
fn check_texts(c: &mut Checker, d: &DraftsFile, place: &str, texts: &[String]) {
    for (k, t) in texts.iter().enumerate() {
        if t.trim().is_empty() {
            c.err(format!("{place}[{k}]"), "empty paragraph");
        }
        for slot in slots(t) {
            if slot == "previous" {
                continue;
            }
            match d.choices.iter().find(|ch| ch.choice_id == slot) {
                None => c.err(format!("{place}[{k}]"), format!("slot {{{slot}}} names no choice")),
                Some(ch) if !fills_every_option(ch) => c.err(
                    format!("{place}[{k}]"),
                    format!("slot {{{slot}}}: every option of choice \"{slot}\" needs a fill"),
                ),
                Some(_) => {}
            }
        }
    }
}
