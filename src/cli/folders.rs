//! The commands over a folder of cases: `register` (the 台帳, its exports and
//! `--reevaluate`) and `test` (an organisation's regression cases).

use super::{EXIT_INVALID, ExitCode, Lang, Path, PathBuf, Write, load_rules, report_rule_errors, write_file};

/// Where `register` writes.
pub(super) struct RegisterOut {
    /// The rows as JSON on standard output.
    pub(super) json: bool,
    /// A CSV file to write.
    pub(super) csv: Option<PathBuf>,
    /// An Excel workbook to write.
    pub(super) xlsx: Option<PathBuf>,
    /// The 付録1 additions to write.
    pub(super) additions: Option<PathBuf>,
}

pub(super) fn register(
    rules_dir: Option<&Path>,
    dir: &Path,
    out: &RegisterOut,
    filter: crate::core::register::Filter,
    lang: Lang,
) -> ExitCode {
    use crate::core::register::{self, Query};
    use std::fmt::Write as _;
    let rules = match load_rules(rules_dir) {
        Ok(r) => r,
        Err(e) => return report_rule_errors(&e),
    };
    // The same index as the app's: only the files changed since the last scan are read.
    let data_dir = register::index::default_data_dir();
    let previous = register::index::load(dir, &data_dir);
    let (reg, stats) = match register::scan(dir, previous, &rules) {
        Ok(r) => {
            // Nothing changed: the index on disk is this register already.
            if !r.1.unchanged() {
                let _ = register::index::save(dir, &data_dir, &r.0);
            }
            r
        }
        Err(e) => {
            eprintln!("error: cannot read the folder: {e} — in {}", crate::core::textfile::quoted(dir));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let today = chrono::Local::now().date_naive();
    let picked = register::select(&reg, &Query { filter, ..Query::default() }, today);
    let result = (|| -> Result<(), ExitCode> {
        let fail = |e: crate::core::output::OutputError| {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_INVALID)
        };
        let rows = register::Selection { rules: &rules, reg: &reg, picked: &picked, today, lang };
        if let Some(path) = &out.csv {
            write_file(path, &register::to_csv(&rows).map_err(fail)?)?;
        }
        if let Some(path) = &out.xlsx {
            write_file(path, &register::to_xlsx(&rows).map_err(fail)?)?;
        }
        if let Some(path) = &out.additions {
            let entries = register::appendix1_additions(&rules, &reg);
            let mut text = serde_json::to_string_pretty(&entries).map_err(|e| fail(e.into()))?;
            text.push('\n');
            write_file(path, text.as_bytes())?;
        }
        Ok(())
    })();
    if let Err(code) = result {
        return code;
    }
    let mut stdout = std::io::stdout().lock();
    if out.json {
        // Written row by row as it is serialised: memory holds the register's rows, never
        // the whole document (50 000 files took 1.2 GB as one JSON value).
        let rows = register::Selection { rules: &rules, reg: &reg, picked: &picked, today, lang };
        let _ = register::write_json(&rows, std::io::BufWriter::new(&mut stdout));
    } else if out.csv.is_none() && out.xlsx.is_none() && out.additions.is_none() {
        let mut text = String::new();
        for &i in &picked {
            let c = register::cells(&rules, &reg.rows[i], today, lang);
            let line = if c.error.is_empty() {
                [
                    &c.document_number,
                    &c.task,
                    &c.section,
                    &c.outcome,
                    &c.state,
                    &c.review_by,
                    &c.expiry,
                    &c.binding,
                    &c.self_approval,
                    &c.seal,
                    &c.overturned,
                    &c.file,
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| crate::core::text::shown(s))
                .collect::<Vec<_>>()
                .join(" | ")
            } else {
                format!("{} | ERROR: {}", crate::core::text::shown(&c.file), crate::core::text::shown(&c.error))
            };
            text.push_str(&line);
            text.push('\n');
        }
        let shown = picked.len();
        let _ = writeln!(
            text,
            "{shown} of {} file(s) in {}; {} unreadable; {} read, {} unchanged since the last scan",
            reg.rows.len(),
            reg.folder,
            reg.unreadable(),
            stats.read,
            stats.reused
        );
        let _ = stdout.write_all(crate::core::memo::printable(&text).as_bytes());
    }
    if reg.unreadable() > 0 {
        eprintln!("error: {} file(s) could not be read; they are listed with their errors", reg.unreadable());
        return ExitCode::from(EXIT_INVALID);
    }
    ExitCode::SUCCESS
}

/// `test DIR`: the regression cases of a folder under the rules; one line per case.
pub(super) fn regression(rules_dir: Option<&Path>, dir: &Path) -> ExitCode {
    let rules = match load_rules(rules_dir) {
        Ok(r) => r,
        Err(e) => return report_rule_errors(&e),
    };
    let results = match crate::core::regression::run_folder(dir, &rules) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let failed = results.iter().filter(|r| !r.differences.is_empty()).count();
    for r in &results {
        let name = r.case_file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if r.differences.is_empty() {
            say!("ok    {name}");
            continue;
        }
        let protects =
            if r.protects.is_empty() { String::new() } else { format!(" [protects {}]", r.protects.join(", ")) };
        say!("DIFF  {name} — {}{protects}", r.description);
        for d in &r.differences {
            let node = d.node.as_ref().map(|n| format!(" (path: {n})")).unwrap_or_default();
            say!("      {}{node}", d.what);
        }
    }
    say!("{} of {} regression cases as expected", results.len() - failed, results.len());
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(EXIT_INVALID) }
}
