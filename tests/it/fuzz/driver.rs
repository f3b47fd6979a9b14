//! An in-process fuzz driver over every parser and renderer: the case reader (with the
//! reference check and the engine behind it), the rule-folder loader, the memo renderers
//! and the memo-PDF verifier. Inputs are mutations of the shipped corpus (the example cases,
//! the rule files, memo PDFs), by bytes and by JSON structure; a panic is caught, counted and
//! its input kept. Shared by `cargo test` (a bounded slice, `tests/it/fuzz/mod.rs`) and the
//! long run `cargo run --release --features dev-examples --example fuzz -- MINUTES`.
//!
//! `register` scans a folder tree that changes by one entry per input (mutated cases,
//! links out of the folder, to `/dev/zero` and in loops, FIFOs, sockets, a 1 GB sparse
//! file, names with newlines, escapes and invalid UTF-8) and exports the rows; `rules`
//! also tries replacement and slot amplification (an organisation's word or a draft's fill
//! full of placeholders). An input still running after [`HANG_AFTER`] is a hang: it is kept
//! and the run stops.

use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use itaku_navi::core::case::{check_against, parse_case};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::memo::{self, Format};
use itaku_navi::core::rules::{RuleSet, RuleSource, load_embedded, load_source};
use itaku_navi::core::text::Lang;

/// A small deterministic generator (xorshift64*): the same seed gives the same inputs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed odd number).
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Texts that have broken parsers and renderers elsewhere: control and bidi characters,
/// non-characters, markup of every output format, huge numbers, very long tokens.
const NASTY: [&str; 16] = [
    "\u{0}",
    "\u{1}\u{b}\u{c}",
    "\u{fffe}\u{ffff}",
    "\u{202e}逆\u{202c}",
    "\u{2066}x\u{2069}",
    "<script>alert(1)</script>",
    "![x](https://example.com/x.png)",
    "| a | b |\n\n- fake",
    "#set page(width: 1pt)",
    "&amp;&#0;]]>",
    "\\\"\\u0000",
    "99999999999999999999999",
    "-1",
    "1e309",
    "𠮷🙂\u{301}",
    "",
];

/// One mutation of `input`, chosen at random: byte-level (flip, set, insert, delete,
/// duplicate, splice from `other`) or text-level (a nasty text or a very long token put
/// inside a JSON string, a number swapped for an extreme one).
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = out.len().max(1);
        match rng.below(10) {
            0 => {
                let i = rng.below(len).min(out.len().saturating_sub(1));
                if let Some(b) = out.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let i = rng.below(len).min(out.len().saturating_sub(1));
                if let Some(b) = out.get_mut(i) {
                    *b = [b'"', b'{', b'}', b'[', b']', b',', b':', b'\\', 0, 0xff][rng.below(10)];
                }
            }
            2 => {
                let i = rng.below(out.len() + 1);
                let n = 1 + rng.below(64);
                let end = (i + n).min(out.len());
                out.drain(i..end);
            }
            3 if !out.is_empty() => {
                let i = rng.below(out.len());
                let n = (1 + rng.below(256)).min(out.len() - i);
                let chunk = out[i..i + n].to_vec();
                let at = rng.below(out.len() + 1);
                out.splice(at..at, chunk);
            }
            4 if !other.is_empty() => {
                let i = rng.below(other.len());
                let n = (1 + rng.below(512)).min(other.len() - i);
                let at = rng.below(out.len() + 1);
                let end = (at + rng.below(512)).min(out.len());
                out.splice(at..end, other[i..i + n].iter().copied());
            }
            5..=7 => {
                // Inside a JSON string: after a quote that opens a value.
                let text = String::from_utf8_lossy(&out).into_owned();
                let starts: Vec<usize> = text.match_indices(": \"").map(|(i, _)| i + 3).collect();
                if let Some(&at) = starts.get(rng.below(starts.len().max(1))) {
                    let insert = if rng.below(4) == 0 {
                        "長".repeat(1 + rng.below(3000))
                    } else {
                        NASTY[rng.below(NASTY.len())].escape_default().to_string()
                    };
                    let mut t = text;
                    t.insert_str(at, &insert);
                    out = t.into_bytes();
                }
            }
            8 => {
                let text = String::from_utf8_lossy(&out).into_owned();
                let digits: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
                if let Some(&at) = digits.get(rng.below(digits.len().max(1)))
                    && text[at..].starts_with(|c: char| c.is_ascii_digit())
                {
                    let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
                    let mut t = text;
                    t.replace_range(at..end, NASTY[11 + rng.below(3)]);
                    out = t.into_bytes();
                }
            }
            _ => {
                // Duplicate a line: repeated keys, repeated entries.
                let text = String::from_utf8_lossy(&out).into_owned();
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let mut v = lines.clone();
                    v.insert(i, lines[i]);
                    out = v.join("\n").into_bytes();
                }
            }
        }
    }
    out
}

/// What one target did in a run.
#[derive(Debug, Default)]
pub struct Report {
    /// The target's name.
    pub target: &'static str,
    /// Inputs run.
    pub executions: u64,
    /// Inputs that panicked (kept under `target/fuzz-panics/`).
    pub panics: u64,
    /// Inputs the code under test accepted (parsed, loaded, verified).
    pub accepted: u64,
    /// The slowest inputs: (time, where the input was kept).
    pub slowest: Vec<(Duration, String)>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:<14} {:>10} executions  {:>8} accepted  {:>3} panics",
            self.target, self.executions, self.accepted, self.panics
        )?;
        if let Some((t, file)) = self.slowest.first() {
            write!(f, "  slowest {:.1} ms ({file})", t.as_secs_f64() * 1e3)?;
        }
        Ok(())
    }
}

/// The fuzz targets: each takes bytes and says whether the code accepted them.
pub const TARGETS: [&str; 6] = ["case", "rules", "memo-text", "memo-docx-pdf", "verify-pdf", "register"];

/// An input running longer than this is a hang.
pub const HANG_AFTER: Duration = Duration::from_secs(20);

/// The corpus every mutation starts from.
pub struct Corpus {
    rules: RuleSet,
    cases: Vec<Vec<u8>>,
    rule_files: Vec<(String, String, String)>,
    pdfs: Vec<Vec<u8>>,
    /// Memos made again from an attached case, by (case text, stamp).
    remade: RefCell<HashMap<(String, Option<String>), Remade>>,
    /// The folder the `register` target scans (made on first use).
    tree: RefCell<Option<tempfile::TempDir>>,
}

/// A memo made again, or why it was not.
type Remade = Result<Vec<u8>, memo::pdf_check::PagesCheck>;

impl Corpus {
    /// The example cases, the shipped rule files and two memo PDFs.
    pub fn load() -> Self {
        let rules = load_embedded().expect("shipped rules");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/cases")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".case.json"))
            .collect();
        paths.sort();
        let cases: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("case")).collect();
        let pdfs = [0, 7]
            .iter()
            .filter_map(|&i| cases.get(i))
            .filter_map(|bytes| {
                let case = parse_case("corpus", std::str::from_utf8(bytes).ok()?).ok()?;
                memo::render(&rules, &case, Lang::Ja, "2026-11-24", Format::Pdf).ok()
            })
            .collect();
        Self {
            rule_files: RuleSource::embedded().files,
            rules,
            cases,
            pdfs,
            remade: RefCell::default(),
            tree: RefCell::default(),
        }
    }

    /// Makes one input for `target`: a mutated case, rule file (with its index) or PDF.
    fn input(&self, target: &str, rng: &mut Rng) -> (usize, Vec<u8>) {
        let pick = |rng: &mut Rng, v: &[Vec<u8>]| v[rng.below(v.len())].clone();
        match target {
            "rules" => {
                // One input in four tries to make the loader multiply a text.
                if rng.below(4) == 0
                    && let Some(found) = self.amplified(rng)
                {
                    return found;
                }
                let i = rng.below(self.rule_files.len());
                let j = rng.below(self.rule_files.len());
                (i, mutate(rng, self.rule_files[i].2.as_bytes(), self.rule_files[j].2.as_bytes()))
            }
            "verify-pdf" => {
                // Only damaged PDFs count: a mutation that gives back a corpus PDF is redrawn.
                loop {
                    let (a, b) = (pick(rng, &self.pdfs), pick(rng, &self.pdfs));
                    let m = mutate(rng, &a, &b);
                    if !self.pdfs.contains(&m) {
                        break (0, m);
                    }
                }
            }
            _ => {
                let (a, b) = (pick(rng, &self.cases), pick(rng, &self.cases));
                (0, mutate(rng, &a, &b))
            }
        }
    }

    /// Runs one input through `target`; whether the code accepted it.
    fn process(&self, target: &str, file: usize, input: &[u8], rng: &mut Rng) -> bool {
        match target {
            "rules" => {
                let mut source = RuleSource { files: self.rule_files.clone() };
                source.files[file].2 = String::from_utf8_lossy(input).into_owned();
                load_source(&source).is_ok()
            }
            "verify-pdf" => self.verifies(input),
            "register" => self.register(input, rng),
            _ => self.case_target(target, input, rng),
        }
    }

    /// A rule file whose texts are full of what the loader replaces: the organisation's word,
    /// a draft's fill, a wording or a clause holding 〔 省 〕, 「当省」 and `{slots}` many times
    /// over (each within the per-text limit), as an attacker would write them.
    fn amplified(&self, rng: &mut Rng) -> Option<(usize, Vec<u8>)> {
        const SEEDS: [&str; 6] = ["〔 省 〕", "当省", "{deliverable}", "{storage_kind}", "{previous}", "{note}"];
        let unit: String = (0..=rng.below(6)).map(|_| SEEDS[rng.below(SEEDS.len())]).collect();
        let count = 1 + rng.below(19_000 / unit.chars().count().max(1));
        let payload = unit.repeat(count);
        let (file, edit): (&str, &dyn Fn(&mut serde_json::Value)) = match rng.below(4) {
            0 => ("organisation.json", &|v| v["self_word"]["ja"] = payload.clone().into()),
            1 => ("drafts.json", &|v| v["choices"][0]["options"][0]["fill"] = payload.clone().into()),
            2 => ("wording.json", &|v| {
                if let Some(w) =
                    v.as_object_mut().and_then(|o| o.values_mut().find_map(serde_json::Value::as_array_mut))
                {
                    w[0]["text"]["ja"] = payload.clone().into();
                }
            }),
            _ => ("clauses.json", &|v| v["clauses"][0]["text"] = payload.clone().into()),
        };
        let i = self.rule_files.iter().position(|(name, _, _)| name == file)?;
        let mut value: serde_json::Value = serde_json::from_str(&self.rule_files[i].2).ok()?;
        edit(&mut value);
        Some((i, serde_json::to_vec(&value).ok()?))
    }

    /// One change to the scanned folder (the input written as a case under a random name,
    /// or a hostile entry), then a scan and every export of its rows.
    fn register(&self, input: &[u8], rng: &mut Rng) -> bool {
        let mut tree = self.tree.borrow_mut();
        let dir = tree.get_or_insert_with(|| hostile_tree(&self.cases)).path().to_path_buf();
        change_tree(&dir, input, rng);
        let Ok((reg, _)) = itaku_navi::core::register::scan(&dir, None, &self.rules) else { return false };
        let picked: Vec<usize> = (0..reg.rows.len()).collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
        let sel = itaku_navi::core::register::Selection {
            rules: &self.rules,
            reg: &reg,
            picked: &picked,
            today,
            lang: Lang::Ja,
        };
        let _ = itaku_navi::core::register::to_csv(&sel).expect("csv");
        let _ = itaku_navi::core::register::to_xlsx(&sel).expect("xlsx");
        itaku_navi::core::register::write_json(&sel, std::io::sink()).expect("json");
        reg.rows.iter().any(|r| r.entry.is_ok())
    }

    /// Whether `verify` would say ok for the whole memo: the attached case matches its
    /// hash, the PDF is as itaku-navi writes it, and the file is the memo the attached case
    /// makes ([`memo::pdf_check::check_pages`]'s two halves, as `verify` runs them).
    fn verifies(&self, input: &[u8]) -> bool {
        use memo::pdf_check::{pdf_facts, remake};
        let Ok(f) = pdf_facts(input) else { return false };
        let Ok(case) = parse_case("pdf", &f.case_text) else { return false };
        if f.disagreement(case.integrity.as_deref()).is_some() {
            return false;
        }
        // Making the memo again is the slow part, and most damaged PDFs carry one of the
        // corpus's cases intact: the memo made again is kept by case and stamp.
        let key = (f.case_text.clone(), f.stamp.as_ref().map(memo::pdf_check::MemoStamp::keywords));
        let cached = self.remade.borrow().get(&key).cloned();
        let again = cached.unwrap_or_else(|| {
            let again = remake(&self.rules, &case, &f);
            self.remade.borrow_mut().insert(key, again.clone());
            again
        });
        // `compare_with` says Identical exactly when the bytes are equal; its diagnosis of
        // how a file differs (reading every page) is not needed to count.
        again.is_ok_and(|a| a.as_slice() == input)
    }

    fn case_target(&self, target: &str, input: &[u8], rng: &mut Rng) -> bool {
        let Ok(text) = std::str::from_utf8(input) else { return false };
        let Ok(case) = parse_case("fuzz", text) else { return false };
        if !check_against(&self.rules, &case, "fuzz").is_empty() {
            return false;
        }
        let _ = evaluate(&self.rules, &case);
        match target {
            "memo-text" => {
                let m = memo::build(&self.rules, &case, Lang::Ja, "2026-11-24");
                let _ = memo::render_memo(&m, &case, Format::Markdown).expect("markdown");
                let _ = memo::render_memo(&m, &case, Format::Html).expect("html");
                // The spec and contract drafts of the same case (refused only without a form).
                if let Ok(d) = itaku_navi::core::drafts::build(&self.rules, &case, Lang::Ja, "2026-11-24") {
                    let _ = memo::render_memo(&d, &case, Format::Markdown).expect("drafts markdown");
                }
            }
            "memo-docx-pdf" => {
                let m = memo::build(&self.rules, &case, Lang::En, "2026-11-24");
                let docx = memo::render_memo(&m, &case, Format::Docx).expect("docx renders");
                check_docx_xml(&docx);
                if rng.below(8) == 0 {
                    let _ = memo::render_memo(&m, &case, Format::Pdf).expect("pdf renders");
                }
            }
            _ => {}
        }
        true
    }
}

/// Names the `register` target gives its files: ordinary, and ones that have garbled
/// output or opened the wrong thing (a newline, a carriage return, an escape sequence, a
/// formula, a very long name, bytes that are not UTF-8 on Unix).
fn odd_name(rng: &mut Rng) -> std::ffi::OsString {
    let names = [
        "a.case.json".to_string(),
        "b.case.json".to_string(),
        "sub/c.case.json".to_string(),
        "sub/deeper/d.case.json".to_string(),
        "行\n偽の行\r.case.json".to_string(),
        "\u{1b}[31mred.case.json".to_string(),
        "=HYPERLINK(\"x\").case.json".to_string(),
        format!("{}.case.json", "長".repeat(80)),
        "x\u{202e}nosj.case.json".to_string(),
    ];
    #[cfg(unix)]
    if rng.below(10) == 0 {
        use std::os::unix::ffi::OsStringExt;
        return std::ffi::OsString::from_vec(b"bad\xff\xfe.case.json".to_vec());
    }
    names[rng.below(names.len())].clone().into()
}

/// The folder the `register` target starts from: example cases, and entries that must
/// neither hang nor exhaust memory — a FIFO and a socket named as cases, links to
/// `/dev/zero`, out of the folder, to itself and to nothing, and a 1 GB sparse file.
fn hostile_tree(cases: &[Vec<u8>]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deeper")).expect("sub");
    for (i, case) in cases.iter().take(6).enumerate() {
        std::fs::write(root.join(format!("example{i}.case.json")), case).expect("case");
    }
    let big = std::fs::File::create(root.join("huge.case.json")).expect("huge");
    big.set_len(1 << 30).expect("sparse");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let _ = std::process::Command::new("mkfifo").arg(root.join("fifo.case.json")).status();
        let _ = std::os::unix::net::UnixListener::bind(root.join("socket.case.json"));
        let _ = symlink("/dev/zero", root.join("zero.case.json"));
        let _ = symlink("/etc/passwd", root.join("outside.case.json"));
        let _ = symlink("..", root.join("sub/loop"));
        let _ = symlink(root, root.join("sub/deeper/self"));
        let _ = symlink("/nonexistent/x.case.json", root.join("dangling.case.json"));
    }
    dir
}

/// One change to the tree: the input written under a (possibly odd) name, a file removed,
/// or a link made to somewhere hostile.
fn change_tree(root: &Path, input: &[u8], rng: &mut Rng) {
    let name = odd_name(rng);
    let path = root.join(&name);
    match rng.below(8) {
        0 => {
            let _ = std::fs::remove_file(&path);
        }
        #[cfg(unix)]
        1 => {
            let _ = std::fs::remove_file(&path);
            let target = ["/dev/zero", "/dev/urandom", "/", "..", "/proc/self/mem"][rng.below(5)];
            let _ = std::os::unix::fs::symlink(target, &path);
        }
        _ => {
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::write(&path, input);
        }
    }
}

/// A DOCX must be well-formed XML whatever the case holds (Word refuses it otherwise).
fn check_docx_xml(docx: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("docx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document.xml"), &mut xml)
        .expect("utf-8");
    for c in xml.chars() {
        let allowed = matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}');
        assert!(allowed, "document.xml holds U+{:04X}, which XML forbids", c as u32);
    }
}

/// The input being run and since when (none between inputs), for the hang watchdog.
type Running = Arc<Mutex<Option<(Instant, Vec<u8>)>>>;

/// A thread that stops the whole run when one input takes longer than [`HANG_AFTER`]: the
/// input is kept as `hang-TARGET.bin` and the process exits with 3 (a hang cannot be caught
/// as a panic can).
fn watch_for_hangs(
    target: &'static str,
    running: &Running,
    done: &Arc<std::sync::atomic::AtomicBool>,
    out: PathBuf,
) -> std::thread::JoinHandle<()> {
    let (running, done) = (Arc::clone(running), Arc::clone(done));
    std::thread::spawn(move || {
        while !done.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            let guard = running.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((since, input)) = guard.as_ref()
                && since.elapsed() > HANG_AFTER
            {
                let _ = std::fs::create_dir_all(&out);
                let file = out.join(format!("hang-{target}.bin"));
                let _ = std::fs::write(&file, input);
                eprintln!("{target}: an input ran over {HANG_AFTER:?} (a hang), kept in {}", file.display());
                std::process::exit(3);
            }
        }
    })
}

/// Runs `target` until `budget` is spent or `max_executions` inputs ran, from `seed`.
/// Panicking inputs are written to `target/fuzz-panics/`.
pub fn run(corpus: &Corpus, target: &'static str, seed: u64, budget: Duration, max_executions: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut report = Report { target, ..Report::default() };
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-panics");
    let start = Instant::now();
    let mut slow: Vec<(Duration, Vec<u8>)> = Vec::new();
    let running: Running = Arc::default();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = watch_for_hangs(target, &running, &done, out.clone());
    while report.executions < max_executions && start.elapsed() < budget {
        let (file, input) = corpus.input(target, &mut rng);
        let t = Instant::now();
        *running.lock().expect("lock") = Some((t, input.clone()));
        let result = catch_unwind(AssertUnwindSafe(|| corpus.process(target, file, &input, &mut rng)));
        *running.lock().expect("lock") = None;
        let took = t.elapsed();
        report.executions += 1;
        let Ok(accepted) = result else {
            report.panics += 1;
            let _ = std::fs::create_dir_all(&out);
            let name = format!("panic-{target}-seed{seed}-exec{}.bin", report.executions);
            let _ = std::fs::write(out.join(name), &input);
            continue;
        };
        report.accepted += u64::from(accepted);
        if slow.len() < 3 || slow.iter().any(|(d, _)| *d < took) {
            slow.push((took, input));
            slow.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
            slow.truncate(3);
        }
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = watchdog.join();
    report.slowest = slow
        .into_iter()
        .enumerate()
        .map(|(i, (d, input))| {
            let _ = std::fs::create_dir_all(&out);
            let file = out.join(format!("slowest-{target}-{i}.bin"));
            let _ = std::fs::write(&file, input);
            (d, file.display().to_string())
        })
        .collect();
    report
}
