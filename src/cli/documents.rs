//! The commands that write or check documents: `memo`, `spec` (the procurement-spec and
//! contract drafts) and `verify` (a case file or a memo PDF against its attached case).

use super::{
    Case, DocumentArgs, EXIT_ALTERED, EXIT_EXPIRED, EXIT_INVALID, EXIT_OUTDATED, EXIT_PARTIAL, EXIT_SIGNATURE,
    EXIT_USAGE, ExitCode, Lang, Path, RuleSet, load_rules, report_rule_errors, rules_and_case,
};

/// The format of a memo-shaped output: `--format`, else the output file's extension. It is
/// never guessed: `-o memo.txt` or `-o "memo.md "` is a usage error naming the formats.
fn output_format(format: Option<&str>, out: &Path, what: &str) -> Result<crate::core::memo::Format, ExitCode> {
    use crate::core::memo::Format;
    format.and_then(Format::parse).or_else(|| Format::of_path(out)).ok_or_else(|| {
        eprintln!(
            "error: cannot tell the {what}format from {}: give --format or an output file ending in .{}",
            crate::core::textfile::quoted(out),
            Format::names().join(", .")
        );
        ExitCode::from(EXIT_USAGE)
    })
}

/// What a memo-shaped command starts from: the output's format (a usage error first), then
/// the rules and the case, each checked.
fn document_inputs(
    rules_dir: Option<&Path>,
    doc: &DocumentArgs,
    what: &str,
) -> Result<(crate::core::memo::Format, RuleSet, Case), ExitCode> {
    let format = output_format(doc.format.as_deref(), &doc.out, what)?;
    let (rules, case) = rules_and_case(rules_dir, &doc.case)?;
    Ok((format, rules, case))
}

pub(super) fn memo(rules_dir: Option<&Path>, doc: &DocumentArgs, reseal: bool) -> ExitCode {
    use crate::core::case::integrity::Verdict;
    let (case_path, out, lang) = (doc.case.as_path(), doc.out.as_path(), doc.lang());
    let (format, rules, mut case) = match document_inputs(rules_dir, doc, "memo ") {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let now = chrono::Local::now();
    let today = now.format("%Y-%m-%d").to_string();
    // A memo seals what it prints: a case changed after its seal would be laundered into
    // a fresh, valid-looking record. Refuse unless asked, and then record the reseal in
    // the case the memo prints and attaches.
    if let Verdict::Altered { stored, actual } = crate::core::case::integrity::verify(&case) {
        if !reseal {
            eprintln!(
                "ALTERED: the case was changed after it was sealed (stored {stored}, content {actual}) — in {}\n\
                 A memo would seal the changed content as if it were the one recorded. Check the change; to write \
                 the memo anyway, run again with --reseal (the memo then says it was resealed).",
                crate::core::textfile::quoted(case_path)
            );
            return ExitCode::from(EXIT_INVALID);
        }
        crate::core::case::integrity::record_reseal(&mut case, now.fixed_offset());
    }
    let memo = crate::core::memo::build(&rules, &case, lang, &today);
    match crate::core::memo::render_memo(&memo, &case, format) {
        Ok(bytes) => write_file(out, &bytes).map_or_else(|code| code, |()| ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

pub(super) fn spec(rules_dir: Option<&Path>, doc: &DocumentArgs, choose: &[String]) -> ExitCode {
    use crate::core::case::integrity::Verdict;
    let (case_path, out, lang) = (doc.case.as_path(), doc.out.as_path(), doc.lang());
    let (format, rules, mut case) = match document_inputs(rules_dir, doc, "") {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    if let Verdict::Altered { stored, actual } = crate::core::case::integrity::verify(&case) {
        eprintln!(
            "ALTERED: the case was changed after it was sealed (stored {stored}, content {actual}) — in {}\n\
             Drafts are made from a sealed case: check the change, then open and save the case in the app.",
            crate::core::textfile::quoted(case_path)
        );
        return ExitCode::from(EXIT_INVALID);
    }
    // The drafts print the hash of the case file as it is: choices made for this run alone
    // do not change it.
    let as_filed = case.clone();
    // Choices in `drafting` do not change the evaluation: one serves the checks and the notice.
    let eval = crate::core::engine::evaluate(&rules, &case);
    let states = crate::core::drafts::choices::relevant(&rules, &case, &eval, lang);
    for c in choose {
        let known = |id: &str| rules.drafts.choices.iter().find(|c| c.choice_id == id);
        let Some((id, option)) = c.split_once('=') else {
            eprintln!("error: --choose {c}: write CHOICE=OPTION, e.g. --choose audit=yes");
            return ExitCode::from(EXIT_USAGE);
        };
        let Some(def) = known(id) else {
            let ids: Vec<&str> = rules.drafts.choices.iter().map(|c| c.choice_id.as_str()).collect();
            eprintln!("error: --choose {c}: no choice \"{id}\"; the choices are: {}", ids.join(", "));
            return ExitCode::from(EXIT_USAGE);
        };
        if !def.options.iter().any(|o| o.option_id == option) {
            let options: Vec<&str> = def.options.iter().map(|o| o.option_id.as_str()).collect();
            eprintln!(
                "error: --choose {c}: \"{option}\" is not an option of {id}; expected one of: {}",
                options.join(", ")
            );
            return ExitCode::from(EXIT_USAGE);
        }
        // A choice the case decides is changed in the case, never overridden here; one the
        // case's drafts do not ask is an error, not silently ignored.
        let state = states.iter().find(|st| st.def.choice_id == id);
        if state.is_none() {
            let asked: Vec<&str> = states.iter().map(|st| st.def.choice_id.as_str()).collect();
            eprintln!("error: --choose {c}: the drafts of this case do not ask {id}; they ask: {}", asked.join(", "));
            return ExitCode::from(EXIT_USAGE);
        }
        if let Some(crate::core::drafts::choices::Chosen::ByCase { option: decided, why }) = state.map(|st| &st.chosen)
        {
            eprintln!(
                "error: --choose {c}: the case decides {id} ({why} → {decided}); change the case, not the drafts"
            );
            return ExitCode::from(EXIT_USAGE);
        }
        case.drafting.insert(id.to_string(), option.to_string());
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let drafts = match crate::core::drafts::build(&rules, &case, lang, &today) {
        Ok(mut d) => {
            d.hash = crate::core::case::integrity::case_hash(&as_filed);
            d
        }
        Err(e) => {
            eprintln!("error: {e} — in {}", crate::core::textfile::quoted(case_path));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let bytes = match crate::core::memo::render_memo(&drafts, &as_filed, format) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    if let Err(code) = write_file(out, &bytes) {
        return code;
    }
    let open: Vec<String> = crate::core::drafts::choices::relevant(&rules, &case, &eval, lang)
        .iter()
        .filter(|s| s.chosen == crate::core::drafts::choices::Chosen::Open)
        .map(|s| {
            let options: Vec<&str> = s.def.options.iter().map(|o| o.option_id.as_str()).collect();
            format!("  {}={}  ({})", s.def.choice_id, options.join("|"), s.def.question.get(lang))
        })
        .collect();
    if let Some(notice) = crate::core::drafts::decision_notice(&rules, &case, &eval, lang, &today) {
        eprintln!("warning: {notice}");
    }
    if !open.is_empty() {
        say!(
            "{} choice(s) still open, marked 〔要選択〕 in the drafts; choose with --choose CHOICE=OPTION:",
            open.len()
        );
        for o in open {
            say!("{o}");
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    crate::core::atomic::write_atomic(path, bytes, false).map_err(|e| {
        eprintln!("error: {e} — in {}", crate::core::textfile::quoted(path));
        ExitCode::from(EXIT_INVALID)
    })?;
    say!("wrote {} ({} bytes)", crate::core::text::shown_path(path), bytes.len());
    Ok(())
}

/// After a good seal: the approval record, whether the decision in force covers the
/// content and itself, whether its author gave it, and the case's state today. The exit
/// code follows the state: outdated or resealed since (4), expired (5), else 0.
pub(super) fn approval_check(rules: &RuleSet, case: &Case, label: &str) -> u8 {
    use crate::core::case::integrity::{ApprovalBinding, approval_binding};
    use crate::core::case::lifecycle::{self, CaseState};
    if lifecycle::self_approved(case) {
        eprintln!("warning: the approver has the same name as the author (self-approval) — {label}");
    }
    if let Some(line) = lifecycle::record_line(case, Lang::En, crate::core::dates::DateStyle::Western) {
        say!("approvals recorded: {line}");
    }
    match approval_binding(case) {
        Some(ApprovalBinding::Outdated { approved, now }) => {
            eprintln!(
                "APPROVAL OUTDATED: the case or its recorded decision was changed after it was approved (approved {approved}, now {now}); the approval does not cover this record until it is given again — {label}"
            );
        }
        Some(ApprovalBinding::Unbound) => say!(
            "note: the approval does not record which content it was given to (recorded by hand or by an older version) — {label}"
        ),
        Some(ApprovalBinding::Current) => {
            let what = if case.decision().is_some_and(|a| a.covers_decision) {
                "this content and this decision"
            } else {
                "this content (recorded by an earlier version: the decision itself is not covered)"
            };
            say!("ok: the approval covers {what} — {label}");
        }
        None => {}
    }
    let outcome = crate::core::engine::evaluate(rules, case).outcome.map(|o| o.outcome);
    let state = lifecycle::case_state(case, outcome, chrono::Local::now().date_naive());
    // `verify` speaks plain English with dates as recorded (scripts read it).
    let dates = crate::core::dates::DateStyle::Western;
    say!("state: {} — {}", state.label(Lang::En, dates), state.sentence(Lang::En, dates));
    let signatures_bad = signature_lines(rules, case, label);
    match state {
        CaseState::ApprovalOutdated | CaseState::Resealed => EXIT_OUTDATED,
        CaseState::Expired { .. } => {
            eprintln!("EXPIRED: {} — {label}", state.sentence(Lang::En, dates));
            EXIT_EXPIRED
        }
        _ if signatures_bad => EXIT_SIGNATURE,
        _ => 0,
    }
}

/// Each approval entry's signature against the approver list (whose fingerprint is said),
/// the decision in force last. Returns whether the one in force needs a look: broken, by a
/// key not on the list or outside its validity, or missing where signatures are required.
fn signature_lines(rules: &RuleSet, case: &Case, label: &str) -> bool {
    use crate::core::signing;
    let required = rules.organisation.signed_approvals_required;
    if case.approval.is_none()
        || (!required && rules.approvers.approvers.is_empty() && case.approval_entries().all(|e| e.signature.is_none()))
    {
        return false;
    }
    say!("approver list: {}", signing::approvers_fingerprint(&rules.approvers));
    let entries: Vec<_> = case.approval_entries().collect();
    let mut last_bad = false;
    for (i, entry) in entries.iter().enumerate() {
        let check = signing::check(entry, rules);
        let words = check.words(Lang::En, required);
        let action = crate::core::case::lifecycle::action_label(entry.action, false);
        if i + 1 == entries.len() {
            last_bad = check.needs_look(required);
            if last_bad {
                eprintln!("SIGNATURE: {action} {} — {words} — {label}", entry.decided_on);
            } else {
                say!("signature: {action} {} — {words}", entry.decided_on);
            }
        } else {
            say!("signature (earlier entry): {action} {} — {words}", entry.decided_on);
        }
    }
    last_bad
}

/// For a memo PDF whose attached case is intact: its pages against the memo the attached
/// case gives ([`crate::core::memo::pdf_check::check_pages`]). `Err` carries the exit code
/// of an ALTERED memo; `Ok(Some(why))` a partial check; `Ok(None)` byte-identical.
pub(super) fn check_pages(
    rules: &RuleSet,
    case: &Case,
    pdf: &[u8],
    facts: &crate::core::memo::pdf_check::PdfFacts,
    label: &str,
) -> Result<Option<String>, ExitCode> {
    use crate::core::memo::pdf_check::PagesCheck;
    match crate::core::memo::pdf_check::check_pages(rules, case, pdf, facts) {
        PagesCheck::Identical => Ok(None),
        PagesCheck::Partial(why) => Ok(Some(why)),
        PagesCheck::Altered(why) => {
            eprintln!("ALTERED: {why} — {label}");
            Err(ExitCode::from(EXIT_ALTERED))
        }
        PagesCheck::CannotRemake(e) => {
            eprintln!("error: cannot make the memo again from its attached case: {e} — {label}");
            Err(ExitCode::from(EXIT_INVALID))
        }
    }
}

/// The bytes of a file to verify: never a pipe or a device (reading one can wait forever or
/// never end).
pub(super) fn read_to_verify(file: &Path) -> Result<Vec<u8>, String> {
    if std::fs::metadata(file).is_ok_and(|m| !m.is_file()) {
        return Err(crate::core::textfile::ReadError::NotAFile.to_string());
    }
    std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))
}

pub(super) fn verify(rules_dir: Option<&Path>, file: &Path) -> ExitCode {
    use crate::core::case::integrity::Verdict;
    let label = crate::core::text::shown_path(file);
    let rules = match load_rules(rules_dir) {
        Ok(r) => r,
        Err(e) => return report_rule_errors(&e),
    };
    let bytes = match read_to_verify(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e} — in {label}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    // Only the PDF memo carries the case; the other formats are for reading and pasting.
    let other_memo = crate::core::memo::Format::of_path(file).filter(|f| *f != crate::core::memo::Format::Pdf);
    let looks_like =
        |prefix: &[u8]| bytes.trim_ascii_start().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix));
    if other_memo.is_some() || bytes.starts_with(b"PK\x03\x04") || looks_like(b"<!doctype html") || looks_like(b"<html")
    {
        let kind = other_memo.map_or("this", crate::core::memo::Format::label);
        eprintln!(
            "error: {kind} memos carry no record of the case to check; verify the memo PDF (its attached case) or the case file — in {}",
            crate::core::textfile::quoted(file)
        );
        return ExitCode::from(EXIT_INVALID);
    }
    let mut pdf_facts = None;
    let text = if bytes.starts_with(b"%PDF") {
        // The page-text extractor can panic on a damaged PDF; the check catches that and
        // reports the pages as unreadable, so its message must not reach the terminal.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let facts = crate::core::memo::pdf_check::pdf_facts_for(&rules, &bytes);
        std::panic::set_hook(hook);
        match facts {
            Ok(facts) => {
                let t = facts.case_text.clone();
                pdf_facts = Some(facts);
                t
            }
            Err(e) => {
                eprintln!("error: {e} — in {label}");
                return ExitCode::from(EXIT_INVALID);
            }
        }
    } else {
        match crate::core::textfile::decode(&bytes) {
            Ok(t) => t.to_string(),
            Err(e) => {
                eprintln!("error: {e} — in {}", crate::core::textfile::quoted(file));
                return ExitCode::from(EXIT_INVALID);
            }
        }
    };
    let case = match crate::core::case::parse_case(&label, &text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    // A memo PDF must agree with itself before its attached case is believed: one
    // revision, one attachment, and the hash on its pages equal to the attachment's.
    if let Some(why) = pdf_facts.as_ref().and_then(|f| f.disagreement(case.integrity.as_deref())) {
        eprintln!("ALTERED: {why} — {label}");
        return ExitCode::from(EXIT_ALTERED);
    }
    match crate::core::case::integrity::verify(&case) {
        Verdict::Intact { hash } => {
            let partial = match pdf_facts.as_ref().map(|f| check_pages(&rules, &case, &bytes, f, &label)) {
                Some(Err(code)) => return code,
                Some(Ok(p)) => p,
                None => None,
            };
            match &partial {
                Some(why) => say!(
                    "partial: the attached case's content and hash match — {hash}; every page shows that hash and the values that decide, but the memo could not be made again to compare it byte for byte: {why} — {label}"
                ),
                None if pdf_facts.is_some() => {
                    say!(
                        "ok: content and hash match, and the memo is, byte for byte, what its attached case gives — {hash} — {label}"
                    );
                }
                None => say!("ok: content and hash match — {hash} — {label}"),
            }
            for r in &case.reseals {
                say!(
                    "note: resealed {} — the file had changed after it was sealed and was accepted as found (hash when sealed {}, content accepted {})",
                    r.at.format("%Y-%m-%d %H:%M %:z"),
                    r.previous_hash,
                    r.found_hash
                );
            }
            let code = approval_check(&rules, &case, &label);
            ExitCode::from(if code == 0 && partial.is_some() { EXIT_PARTIAL } else { code })
        }
        Verdict::Altered { stored, actual } => {
            eprintln!("ALTERED: the content does not match its hash — stored {stored}, content {actual} — {label}");
            ExitCode::from(EXIT_ALTERED)
        }
        Verdict::Unsealed { actual } => {
            eprintln!("not sealed: the file carries no hash (save it again to seal it); content {actual} — {label}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}
