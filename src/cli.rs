//! The headless command line: `check`, `decide`, `memo`, `spec`, `verify`, `register`,
//! `schema`. With no subcommand the binary starts the desktop app. Exit codes: 0 success,
//! 1 invalid input, 2 usage error; `verify` adds 3 ALTERED, 4 approval outdated (or a
//! reseal not approved since), 5 expired, 6 a partial check of a memo from another version.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::case::{Case, check_against, load_case};
use crate::core::engine::{Evaluation, evaluate};
use crate::core::rules::files::Severity;
use crate::core::rules::{RuleErrors, RuleSet, load_rules};
use crate::core::text::Lang;

/// `println!` that does not panic when the reader has gone (`itaku-navi check | head -1`).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Exit code for invalid input (rules or case).
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: u8 = 2;
/// `verify`: the file, or a memo's pages, changed after it was written.
pub const EXIT_ALTERED: u8 = 3;
/// `verify`: the approval does not cover the record as it is (changed after approval, or
/// resealed with no approval since).
pub const EXIT_OUTDATED: u8 = 4;
/// `verify`: the permission's expiry date has passed.
pub const EXIT_EXPIRED: u8 = 5;
/// `verify`: a memo made by another version (or under rules not loaded) was checked only
/// in part: its hash on every page and the values that decide.
pub const EXIT_PARTIAL: u8 = 6;

#[derive(Debug, Parser)]
#[command(
    name = "itaku-navi",
    version,
    about = "外部委託 可否判断ナビ — may this information-processing task be outsourced? (NISC〔現 国家サイバー統括室〕雛形 5.1/5.2)"
)]
struct Cli {
    /// Use the rule files in this folder instead of the shipped ones.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// The folder of case files (the register): the app opens its register; `register`
    /// lists it when no folder is given.
    #[arg(long, global = true, value_name = "DIR")]
    cases: Option<PathBuf>,
    /// A case file to open in the app (for example from a double-click in the file manager).
    #[arg(value_name = "CASE")]
    open: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate rule data (the shipped rules, or `RULES_DIR`).
    Check {
        /// Folder of rule files; defaults to --rules, else the shipped rules.
        rules_dir: Option<PathBuf>,
    },
    /// Decide a case: print the outcome, its basis and warnings.
    Decide {
        /// The case file.
        case: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Language of the text: ja or en.
        #[arg(long, default_value = "ja", value_parser = ["ja", "en"])]
        lang: String,
    },
    /// Write the decision memo of a case (PDF, DOCX, HTML or Markdown).
    Memo {
        /// The case file.
        case: PathBuf,
        /// Format (default: from the output file's extension).
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::core::memo::Format::names()))]
        format: Option<String>,
        /// Language of the memo: ja or en.
        #[arg(long, default_value = "ja", value_parser = ["ja", "en"])]
        lang: String,
        /// Output file.
        #[arg(short, long)]
        out: PathBuf,
        /// Write the memo even though the case changed after it was sealed; the memo says
        /// it was resealed, when, and the hash the file carried.
        #[arg(long)]
        reseal: bool,
    },
    /// Write the drafts of the information-security clauses for the procurement
    /// specification (第2部) and the contract (第3部) of a decided case (PDF, DOCX, HTML or
    /// Markdown). Choices the case does not decide come from the case's `drafting` or
    /// --choose; any still open are marked in the text.
    Spec {
        /// The case file.
        case: PathBuf,
        /// Format (default: from the output file's extension).
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::core::memo::Format::names()))]
        format: Option<String>,
        /// Language of the headings and notes (the clauses are quoted in Japanese): ja or en.
        #[arg(long, default_value = "ja", value_parser = ["ja", "en"])]
        lang: String,
        /// Output file.
        #[arg(short, long)]
        out: PathBuf,
        /// Choose an option for this run, e.g. --choose audit=yes (repeatable; the choice
        /// ids and options still open are listed after the file is written).
        #[arg(long, value_name = "CHOICE=OPTION")]
        choose: Vec<String>,
    },
    /// Check that a case file, or the case attached to a memo PDF, is unchanged since it
    /// was sealed (its SHA-256 matches its content); for a memo PDF, that every page shows
    /// what the attached case gives; and print the case's state today. Exit 0 ok,
    /// 3 ALTERED, 4 approval outdated, 5 expired, 6 partial check (a memo of another
    /// version), 1 unreadable.
    Verify {
        /// A case file (.json) or a memo (.pdf).
        file: PathBuf,
    },
    /// Run an organisation's regression cases: every NAME.case.json in DIR with a
    /// NAME.expect.json beside it must reach the outcome, citations, warnings (and path)
    /// its expectation names under the rules (--rules, or the shipped ones). Exit 0 when
    /// all do, 1 on any difference (each named with the case file and the node where its
    /// path parted) or an unreadable file.
    Test {
        /// The folder of regression cases.
        dir: PathBuf,
    },
    /// List every case file in a folder (recursively) with its approval state and
    /// re-review date; exit 1 if a file cannot be read (it is listed with its error).
    Register {
        /// The folder; defaults to --cases.
        dir: Option<PathBuf>,
        /// Print the rows as JSON.
        #[arg(long, conflicts_with_all = ["csv", "xlsx"])]
        json: bool,
        /// Write the rows as CSV (UTF-8 with BOM) to this file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Write the rows as an Excel workbook to this file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Only cases whose re-review date falls within DAYS days or has passed.
        #[arg(long, value_name = "DAYS", conflicts_with = "reevaluate")]
        expiring: Option<u32>,
        /// Only cases whose recorded outcome the rules (--rules, or the shipped ones) no
        /// longer reach (「現行規則では結論が変わる」), each with where the path now ends
        /// and the 付録1 entry it names.
        #[arg(long)]
        reevaluate: bool,
        /// Write the unlisted tasks judged by the 情報セキュリティ責任者 that the rules'
        /// appendix-1 list lacks, as entries to merge into appendix1.json.
        #[arg(long, value_name = "FILE")]
        appendix1_additions: Option<PathBuf>,
        /// Language of the column names and states: ja or en.
        #[arg(long, default_value = "ja", value_parser = ["ja", "en"])]
        lang: String,
    },
    /// Write the JSON Schemas of the rule files and the case file.
    Schema {
        /// Output folder.
        #[arg(short, long, default_value = "decision-trees/schema")]
        out: PathBuf,
    },
}

/// What the command line asks for: the desktop app, or a headless command.
#[derive(Debug)]
pub enum Start {
    /// Open the window, with an optional rules folder and case file.
    App {
        /// `--rules DIR`.
        rules: Option<PathBuf>,
        /// `--cases DIR`: the register's folder.
        cases: Option<PathBuf>,
        /// A case file to open at once.
        open: Option<PathBuf>,
    },
    /// Run a command and exit.
    Command(Invocation),
}

/// A parsed headless command, ready to run.
#[derive(Debug)]
pub struct Invocation {
    rules: Option<PathBuf>,
    cases: Option<PathBuf>,
    command: Command,
}

/// Parses the command line. `Err` carries the exit code after help, version or a usage
/// error has been printed.
pub fn parse() -> Result<Start, ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Err(if e.use_stderr() { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS });
        }
    };
    if let Some(path) = &cli.open
        && !path.is_file()
    {
        let commands: Vec<String> =
            <Cli as clap::CommandFactory>::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
        eprintln!(
            "itaku-navi: \"{}\" is neither a command nor a case file (commands: {}; --help)",
            crate::core::text::shown_path(path),
            commands.join(", ")
        );
        return Err(ExitCode::from(EXIT_USAGE));
    }
    Ok(match cli.command {
        None => Start::App { rules: cli.rules, cases: cli.cases, open: cli.open },
        Some(command) => Start::Command(Invocation { rules: cli.rules, cases: cli.cases, command }),
    })
}

/// What the command program (`itaku-navi-cli`) does when asked for no command or given a
/// case file: it has no window, so it prints the commands and where the window is, and
/// exits with the usage code.
#[must_use]
pub fn refuse_window() -> ExitCode {
    let mut command = <Cli as clap::CommandFactory>::command();
    let _ = command.print_help();
    eprintln!(
        "\nitaku-navi-cli runs commands only; the window is itaku-navi{exe} \
         (画面は itaku-navi{exe} で開きます)",
        exe = std::env::consts::EXE_SUFFIX
    );
    ExitCode::from(EXIT_USAGE)
}

/// Runs a parsed command; the result is the process's exit code.
#[must_use]
pub fn run(invocation: Invocation) -> ExitCode {
    let cli = invocation;
    match cli.command {
        Command::Check { rules_dir } => check(rules_dir.as_deref().or(cli.rules.as_deref())),
        Command::Decide { case, json, lang } => {
            decide(cli.rules.as_deref(), &case, json, Lang::parse(&lang).unwrap_or_default())
        }
        Command::Schema { out } => schema(&out),
        Command::Memo { case, format, lang, out, reseal } => {
            let lang = Lang::parse(&lang).unwrap_or_default();
            memo(cli.rules.as_deref(), &case, format.as_deref(), lang, &out, reseal)
        }
        Command::Verify { file } => verify(cli.rules.as_deref(), &file),
        Command::Test { dir } => regression(cli.rules.as_deref(), &dir),
        Command::Spec { case, format, lang, out, choose } => {
            let lang = Lang::parse(&lang).unwrap_or_default();
            spec(cli.rules.as_deref(), &case, format.as_deref(), lang, &out, &choose)
        }
        Command::Register { dir, json, csv, xlsx, expiring, reevaluate, appendix1_additions, lang } => {
            let Some(dir) = dir.or(cli.cases) else {
                eprintln!("error: give the folder of case files: itaku-navi register DIR (or --cases DIR)");
                return ExitCode::from(EXIT_USAGE);
            };
            let out = RegisterOut { json, csv, xlsx, additions: appendix1_additions };
            let filter = match (expiring, reevaluate) {
                (Some(days), _) => crate::core::register::Filter::Expiring(i64::from(days)),
                (None, true) => crate::core::register::Filter::Overturned,
                (None, false) => crate::core::register::Filter::All,
            };
            register(cli.rules.as_deref(), &dir, &out, filter, Lang::parse(&lang).unwrap_or_default())
        }
    }
}

fn report_rule_errors(e: &RuleErrors) -> ExitCode {
    eprintln!("error: the rule data is invalid ({} problem{}):", e.0.len(), if e.0.len() == 1 { "" } else { "s" });
    for err in &e.0 {
        eprintln!("  {err}");
    }
    ExitCode::from(EXIT_INVALID)
}

fn check(dir: Option<&Path>) -> ExitCode {
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
fn rules_and_case(rules_dir: Option<&Path>, case_path: &Path) -> Result<(RuleSet, crate::core::case::Case), ExitCode> {
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

fn decide(rules_dir: Option<&Path>, case_path: &Path, json: bool, lang: Lang) -> ExitCode {
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

fn schema(out: &Path) -> ExitCode {
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

fn memo(
    rules_dir: Option<&Path>,
    case_path: &Path,
    format: Option<&str>,
    lang: Lang,
    out: &Path,
    reseal: bool,
) -> ExitCode {
    use crate::core::case::integrity::Verdict;
    let format = match output_format(format, out, "memo ") {
        Ok(f) => f,
        Err(code) => return code,
    };
    let (rules, mut case) = match rules_and_case(rules_dir, case_path) {
        Ok(both) => both,
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
        Ok(bytes) => match crate::core::atomic::write_atomic(out, &bytes, false) {
            Ok(()) => {
                say!("wrote {} ({} bytes)", crate::core::text::shown_path(out), bytes.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e} — in {}", crate::core::text::shown_path(out));
                ExitCode::from(EXIT_INVALID)
            }
        },
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

fn spec(
    rules_dir: Option<&Path>,
    case_path: &Path,
    format: Option<&str>,
    lang: Lang,
    out: &Path,
    choose: &[String],
) -> ExitCode {
    use crate::core::case::integrity::Verdict;
    let format = match output_format(format, out, "") {
        Ok(f) => f,
        Err(code) => return code,
    };
    let (rules, mut case) = match rules_and_case(rules_dir, case_path) {
        Ok(both) => both,
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

/// Where `register` writes.
struct RegisterOut {
    json: bool,
    csv: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    additions: Option<PathBuf>,
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    crate::core::atomic::write_atomic(path, bytes, false).map_err(|e| {
        eprintln!("error: {e} — in {}", crate::core::textfile::quoted(path));
        ExitCode::from(EXIT_INVALID)
    })?;
    say!("wrote {} ({} bytes)", crate::core::text::shown_path(path), bytes.len());
    Ok(())
}

fn register(
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
    let (reg, stats) = match register::scan(dir, previous.as_ref(), &rules) {
        Ok(r) => {
            let _ = register::index::save(dir, &data_dir, &r.0);
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

/// After a good seal: the approval record, whether the decision in force covers the
/// content and itself, whether its author gave it, and the case's state today. The exit
/// code follows the state: outdated or resealed since (4), expired (5), else 0.
fn approval_check(rules: &RuleSet, case: &Case, label: &str) -> u8 {
    use crate::core::case::integrity::{ApprovalBinding, approval_binding};
    use crate::core::case::lifecycle::{self, CaseState};
    if lifecycle::self_approved(case) {
        eprintln!("warning: the approver has the same name as the author (self-approval) — {label}");
    }
    if let Some(line) = lifecycle::record_line(case, Lang::En) {
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
    say!("state: {} — {}", state.label(Lang::En), state.sentence(Lang::En));
    match state {
        CaseState::ApprovalOutdated | CaseState::Resealed => EXIT_OUTDATED,
        CaseState::Expired { .. } => {
            eprintln!("EXPIRED: {} — {label}", state.sentence(Lang::En));
            EXIT_EXPIRED
        }
        _ => 0,
    }
}

/// For a memo PDF whose attached case is intact: its pages against the memo the attached
/// case gives ([`crate::core::memo::pdf_check::check_pages`]). `Err` carries the exit code
/// of an ALTERED memo; `Ok(Some(why))` a partial check; `Ok(None)` byte-identical.
fn check_pages(
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
fn read_to_verify(file: &Path) -> Result<Vec<u8>, String> {
    if std::fs::metadata(file).is_ok_and(|m| !m.is_file()) {
        return Err(crate::core::textfile::ReadError::NotAFile.to_string());
    }
    std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))
}

/// `test DIR`: the regression cases of a folder under the rules; one line per case.
fn regression(rules_dir: Option<&Path>, dir: &Path) -> ExitCode {
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

fn verify(rules_dir: Option<&Path>, file: &Path) -> ExitCode {
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
