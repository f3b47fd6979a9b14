//! The commands about the rules and one case: `check` (a rules folder and its samples),
//! `decide` (a case's path, outcome and warnings, as text or JSON) and `schema`.

use super::{
    Case, EXIT_INVALID, Evaluation, ExitCode, Lang, Path, RuleSet, Severity, Write, check_against, evaluate, load_case,
    load_rules, report_rule_errors,
};

pub(super) fn check(dir: Option<&Path>) -> ExitCode {
    match load_rules(dir) {
        Ok(rules) => {
            let where_ = dir.map_or_else(|| "embedded rules".to_string(), crate::core::text::shown_path);
            say!(
                "ok: {where_} — rule set {} {}: {} steps, {} nodes, {} forms, {} appendix-1 entries, {} cautions, {} threats, {} countermeasures",
                rules.info.ruleset_id,
                rules.info.version,
                rules.steps.len(),
                rules.nodes.len(),
                rules.forms.len(),
                rules.appendix1.entries.len(),
                rules.cautions.len(),
                rules.threats.threats.len(),
                rules.countermeasures.len()
            );
            // Training samples: the folder's own `samples/`; for the shipped rules, the shipped
            // samples. An organisation's folder without samples is not held to the shipped
            // ones, which were written for the shipped 付録1.
            let (set, from) = match dir {
                None => (crate::core::training::load_embedded_samples(&rules), "shipped samples".to_string()),
                Some(d) if d.join("samples").is_dir() => {
                    let samples = d.join("samples");
                    (crate::core::training::load_samples_dir(&rules, &samples), crate::core::text::shown_path(&samples))
                }
                Some(_) => {
                    say!("note: no samples/ folder here; the training screens will offer the shipped samples");
                    return ExitCode::SUCCESS;
                }
            };
            if set.errors.is_empty() {
                say!("ok: {from} — {} training samples reach their expected outcomes", set.samples.len());
                ExitCode::SUCCESS
            } else {
                eprintln!("error: {} training sample(s) refused:", set.errors.len());
                for e in &set.errors {
                    eprintln!("  {e}");
                }
                ExitCode::from(EXIT_INVALID)
            }
        }
        Err(e) => report_rule_errors(&e),
    }
}

/// Loads the rules and a case and checks the case against the rules (dangling references
/// refuse it; another rule set's stamp is a warning naming both), reporting any problem;
/// the error is the exit code. `decide` and `memo` both start here, so neither skips a check.
pub(super) fn rules_and_case(
    rules_dir: Option<&Path>,
    case_path: &Path,
) -> Result<(RuleSet, crate::core::case::Case), ExitCode> {
    let rules = load_rules(rules_dir).map_err(|e| report_rule_errors(&e))?;
    let case = load_case(case_path).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(EXIT_INVALID)
    })?;
    let problems = check_against(&rules, &case, &crate::core::text::shown_path(case_path));
    if !problems.is_empty() {
        eprintln!(
            "error: the case does not fit the rule set ({} problem{}):",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        for p in &problems {
            eprintln!("  {p}");
        }
        return Err(ExitCode::from(EXIT_INVALID));
    }
    let (id, version) = rules.stamp();
    if case.rule_set.ruleset_id != id || case.rule_set.version != version {
        eprintln!(
            "warning: the case was recorded under rule set {} {} but is decided under {id} {version}; the memo names both",
            case.rule_set.ruleset_id, case.rule_set.version
        );
    }
    Ok((rules, case))
}

pub(super) fn decide(rules_dir: Option<&Path>, case_path: &Path, json: bool, lang: Lang) -> ExitCode {
    let (rules, case) = match rules_and_case(rules_dir, case_path) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let ev = evaluate(&rules, &case);
    let mut out = std::io::stdout().lock();
    let text = if json {
        let doc = serde_json::json!({
            "case": crate::core::text::shown_path(case_path),
            "rule_set": { "ruleset_id": rules.info.ruleset_id, "version": rules.info.version },
            "evaluation": ev,
        });
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    } else {
        // Case text must not drive the terminal (escape sequences) or reverse what it shows.
        crate::core::memo::printable(&render_text(&rules, &case, &ev, lang))
    };
    let _ = out.write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The human-readable report of `decide`.
#[must_use]
pub fn render_text(rules: &RuleSet, case: &Case, ev: &Evaluation, lang: Lang) -> String {
    use std::fmt::Write as _;
    let ja = lang == Lang::Ja;
    let l = |j: &'static str, e: &'static str| if ja { j } else { e };
    let step_title =
        |id: &str| rules.step_idx(id).map_or(id.to_string(), |i| rules.steps[i].title.get(lang).to_string());
    let mut s = String::new();
    let b = &case.basics;
    let _ = writeln!(s, "{}: {}（{}）", l("案件", "Case"), b.task_name, b.section);
    let _ = writeln!(s, "{}: {} {}", l("規則セット", "Rule set"), rules.info.ruleset_id, rules.info.version);
    match (&ev.outcome, &ev.next) {
        (Some(o), _) => {
            let _ = writeln!(s, "{}: {} [{}]", l("結論", "Outcome"), o.title.get(lang), o.outcome.id());
            let _ = writeln!(s, "  {}", o.explanation.get(lang));
            let _ = writeln!(s, "{}: {}", l("根拠条項", "Basis"), o.basis_citations.join(", "));
        }
        (None, Some(p)) => {
            let _ = writeln!(
                s,
                "{}: {} [{}] {}",
                l("結論", "Outcome"),
                l("未決定 — 次の手順", "not yet decided — next step"),
                step_title(&p.step_id),
                p.node_id
            );
            for m in &p.missing {
                let _ = writeln!(s, "  {}: {}", l("不足", "missing"), m.get(lang));
            }
        }
        (None, None) => {}
    }
    let _ = writeln!(s, "{}:", l("判断の経過", "Path"));
    for (i, p) in ev.path.iter().enumerate() {
        let value = match (&p.value_label, &p.value) {
            (Some(label), _) => format!(" → {}", label.get(lang)),
            (None, Some(v)) => format!(" → {v}"),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            s,
            "  {}. [{}] {}{}  ({})",
            i + 1,
            step_title(&p.step_id),
            p.text.get(lang),
            value,
            p.citations.join(", ")
        );
        if let Some(r) = p.rationale.as_ref().filter(|r| !r.trim().is_empty()) {
            let _ = writeln!(s, "       {}: {}", l("理由", "reason"), r);
        }
    }
    if !ev.warnings.is_empty() {
        let _ = writeln!(s, "{}:", l("警告", "Warnings"));
        for w in &ev.warnings {
            let mark = if w.severity == Severity::Warning { "!" } else { "i" };
            let _ = writeln!(s, "  {mark} [{}] ({}) {}", w.warning_id, w.citations.join(", "), w.text.get(lang));
        }
    }
    s
}

pub(super) fn schema(out: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("error: cannot create {}: {e}", crate::core::text::shown_path(out));
        return ExitCode::from(EXIT_INVALID);
    }
    for (name, schema) in crate::schema::all() {
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, crate::schema::render(&schema)) {
            eprintln!("error: cannot write {}: {e}", crate::core::text::shown_path(&path));
            return ExitCode::from(EXIT_INVALID);
        }
        say!("wrote {}", crate::core::text::shown_path(&path));
    }
    ExitCode::SUCCESS
}
