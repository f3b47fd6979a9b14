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

mod documents;
mod folders;
mod rules;
mod signing;

use documents::{memo, spec, verify, write_file};
use folders::{RegisterOut, register, regression};
pub use rules::render_text;
use rules::{check, decide, rules_and_case, schema};

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
/// `verify`: the decision in force is signed with a broken signature, by a key not on the
/// approver list or outside its validity, or unsigned where the organisation requires it.
pub const EXIT_SIGNATURE: u8 = 7;

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

/// What `memo` and `spec` both take: the case, the format, the language and the output
/// (the app's export job, `core::memo::job::ExportJob`, is parsed back into it).
#[derive(Debug, clap::Args)]
struct DocumentArgs {
    /// The case file.
    case: PathBuf,
    /// Format (default: from the output file's extension).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::core::memo::Format::names()))]
    format: Option<String>,
    /// Language of the document: ja or en (the drafts quote their clauses in Japanese either way).
    #[arg(long, default_value = "ja", value_parser = ["ja", "en"])]
    lang: String,
    /// Output file.
    #[arg(short, long)]
    out: PathBuf,
}

impl DocumentArgs {
    /// The language asked for.
    fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }
}

#[derive(Debug, Subcommand)]
enum KeyAction {
    /// Create the key and print its public key (never overwrites one).
    New {
        /// The approver's name (the key's comment).
        #[arg(long)]
        name: String,
    },
    /// Print the public key.
    Show,
}

#[derive(Debug, clap::Subcommand)]
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
        #[command(flatten)]
        doc: DocumentArgs,
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
        #[command(flatten)]
        doc: DocumentArgs,
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
    /// The approver's signing key (Ed25519, in the user's profile, under a passphrase read
    /// from `ITAKU_NAVI_PASSPHRASE` or standard input).
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Sign the case's last approval entry with the user's key, as NAME (the name the
    /// organisation's approver list gives); the case is saved with the signature.
    Sign {
        /// The case file.
        case: PathBuf,
        /// The signer's name, as approvers.json lists it.
        #[arg(long = "as", value_name = "NAME")]
        signer: String,
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
        #[arg(long, value_name = "DAYS", conflicts_with_all = ["reevaluate", "listing_lapsing"])]
        expiring: Option<u32>,
        /// Only cases whose cloud service's ISMAP / ISMAP-LIU listing lapses within DAYS
        /// days or has lapsed.
        #[arg(long, value_name = "DAYS", conflicts_with = "reevaluate")]
        listing_lapsing: Option<u32>,
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
        Command::Memo { doc, reseal } => memo(cli.rules.as_deref(), &doc, reseal),
        Command::Verify { file } => verify(cli.rules.as_deref(), &file),
        Command::Key { action: KeyAction::New { name } } => signing::key_new(&name),
        Command::Key { action: KeyAction::Show } => signing::key_show(),
        Command::Sign { case, signer } => signing::sign(cli.rules.as_deref(), &case, &signer),
        Command::Test { dir } => regression(cli.rules.as_deref(), &dir),
        Command::Spec { doc, choose } => spec(cli.rules.as_deref(), &doc, &choose),
        Command::Register {
            dir,
            json,
            csv,
            xlsx,
            expiring,
            listing_lapsing,
            reevaluate,
            appendix1_additions,
            lang,
        } => {
            let Some(dir) = dir.or(cli.cases) else {
                eprintln!("error: give the folder of case files: itaku-navi register DIR (or --cases DIR)");
                return ExitCode::from(EXIT_USAGE);
            };
            let out = RegisterOut { json, csv, xlsx, additions: appendix1_additions };
            let filter = match (expiring, listing_lapsing, reevaluate) {
                (Some(days), _, _) => crate::core::register::Filter::Expiring(i64::from(days)),
                (None, Some(days), _) => crate::core::register::Filter::ListingLapsing(i64::from(days)),
                (None, None, true) => crate::core::register::Filter::Overturned,
                (None, None, false) => crate::core::register::Filter::All,
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

#[cfg(test)]
mod tests {
    use super::{Cli, Command};
    use crate::core::memo::Format;
    use crate::core::memo::job::{Document, ExportJob};
    use crate::core::text::Lang;
    use clap::Parser as _;
    use std::path::Path;

    /// The app's export (issue 24: it built the child's arguments as strings) is a typed job
    /// whose arguments this command line parses back to the same document, case, language,
    /// format, output and rules folder — for every document, format and language.
    #[test]
    fn every_export_job_parses_back_to_the_command_it_names() {
        let (case, out, rules) = (Path::new("/tmp/案件 a.json"), Path::new("/tmp/出力 b"), Path::new("/tmp/規則"));
        for document in [Document::Memo, Document::Drafts] {
            for format in Format::ALL {
                for lang in [Lang::Ja, Lang::En] {
                    let job = ExportJob { rules_dir: Some(rules), document, case, lang, format, out };
                    let cli = Cli::try_parse_from(std::iter::once("itaku-navi".into()).chain(job.args()))
                        .unwrap_or_else(|e| panic!("{document:?} {format:?}: {e}"));
                    assert_eq!(cli.rules.as_deref(), Some(rules));
                    let doc = match (document, cli.command) {
                        (Document::Memo, Some(Command::Memo { doc, reseal: false })) => doc,
                        (Document::Drafts, Some(Command::Spec { doc, choose })) if choose.is_empty() => doc,
                        (_, other) => panic!("{document:?} parsed as {other:?}"),
                    };
                    assert_eq!(doc.case, case);
                    assert_eq!(doc.out, out);
                    assert_eq!(doc.format.as_deref().and_then(Format::parse), Some(format));
                    assert_eq!(doc.lang(), lang);
                }
            }
        }
    }
}
