//! Memo rendering (`cargo bench --bench memo`): a memo of about ten A4 pages (the payroll
//! exception case with 200 inventory items) in each format. Before the warm runs it prints
//! the first render in the process (fonts parsed, typst caches cold) and each file's size.
//!
//! Two kinds of runs: `render_ten_pages` renders the same input again (typst answers much
//! of it from its memo cache, so its PDF time is lower than any real export), and
//! `render_ten_pages_fresh` changes the task name on every iteration, as each real export
//! differs from the last — the number to quote for "how long does an export take".
//!
//! `drafts_fresh` builds and renders the procurement-spec and contract drafts of the same
//! case (an operation outsourced under an exception: twelve clauses in each document and
//! its countermeasures appended), fresh each time, beside the memo's numbers.

use std::time::Instant;

use divan::{Bencher, black_box};
use itaku_navi::core::case::{Case, InventoryItem, parse_case};
use itaku_navi::core::memo::{self, Format};
use itaku_navi::core::rules::load_embedded;
use itaku_navi::core::text::Lang;

fn ten_page_case() -> Case {
    let text = include_str!("../tests/cases/08_exception_request_payroll_operations.case.json");
    let mut case = parse_case("08", text).expect("example case");
    let template = case.inventory[0].clone();
    for i in 0..200 {
        case.inventory.push(InventoryItem {
            item_id: format!("bulk-{i}"),
            name: format!("業務ファイル {i}（課内共有フォルダ）"),
            reason: "公開予定の資料で、機微な内容を含まない".into(),
            ..template.clone()
        });
    }
    case
}

/// Copies of `case`, each with another task name, so no render repeats the last one (as
/// real exports do not) and typst cannot answer it from its memo cache.
fn fresh(case: &Case) -> impl Fn() -> Case + Sync + '_ {
    let n = std::sync::atomic::AtomicU64::new(0);
    move || {
        let mut c = case.clone();
        c.basics.task_name = format!("{} {}", c.basics.task_name, n.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        c
    }
}

fn main() {
    let rules = load_embedded().expect("valid");
    let case = ten_page_case();
    for format in Format::ALL {
        let start = Instant::now();
        let bytes = memo::render(&rules, &case, Lang::Ja, "2026-11-22", format).expect("render");
        let first = start.elapsed();
        let pages = if format == Format::Pdf {
            let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
            format!(", {} pages", doc.get_pages().len())
        } else {
            String::new()
        };
        println!(
            "first render {:>4}: {:>8.2} ms, {} bytes{pages}",
            format.extension(),
            first.as_secs_f64() * 1e3,
            bytes.len()
        );
    }
    for format in Format::ALL {
        let start = Instant::now();
        let d = itaku_navi::core::drafts::build(&rules, &case, Lang::Ja, "2026-11-22").expect("drafts");
        let bytes = memo::render_memo(&d, &case, format).expect("render");
        println!(
            "first drafts {:>4}: {:>8.2} ms, {} bytes",
            format.extension(),
            start.elapsed().as_secs_f64() * 1e3,
            bytes.len()
        );
    }
    divan::main();
}

#[divan::bench(args = ["md", "html", "docx", "pdf"])]
fn drafts_fresh(bencher: Bencher, format: &str) {
    let rules = load_embedded().expect("valid");
    let case = ten_page_case();
    let format = Format::parse(format).expect("format");
    bencher.with_inputs(fresh(&case)).bench_values(|c| {
        let d = itaku_navi::core::drafts::build(&rules, &c, Lang::Ja, "2026-11-22").expect("drafts");
        black_box(memo::render_memo(&d, &c, format).expect("render"))
    });
}

#[divan::bench(args = ["md", "html", "docx", "pdf"])]
fn render_ten_pages(bencher: Bencher, format: &str) {
    let rules = load_embedded().expect("valid");
    let case = ten_page_case();
    let format = Format::parse(format).expect("format");
    bencher.bench(|| black_box(memo::render(&rules, &case, Lang::Ja, "2026-11-22", format).expect("render")));
}

#[divan::bench(args = ["docx", "pdf"])]
fn render_ten_pages_fresh(bencher: Bencher, format: &str) {
    let rules = load_embedded().expect("valid");
    let case = ten_page_case();
    let format = Format::parse(format).expect("format");
    bencher
        .with_inputs(fresh(&case))
        .bench_values(|c| black_box(memo::render(&rules, &c, Lang::Ja, "2026-11-22", format).expect("render")));
}
