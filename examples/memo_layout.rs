//! Measures a change to the memo's PDF layout without rebuilding: renders the payroll
//! exception case with N extra inventory items (every third with a reason long enough to
//! wrap) through the `.typ` file given, and prints the time, the peak memory (`VmHWM`) and
//! the pages; optionally writes the PDF to look at.
//!
//!     cargo run --release --features dev-examples --example memo_layout -- crates/core/src/memo/memo.typ 10000 [OUT.pdf]
use itaku_navi::core::case::{InventoryItem, parse_case};
use itaku_navi::core::memo;
use itaku_navi::core::rules::load_embedded;
use itaku_navi::core::text::Lang;

fn peak_mb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let template = std::fs::read_to_string(&args[1]).expect("typ");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3000);
    let rules = load_embedded().expect("rules");
    let mut case = parse_case("08", include_str!("../tests/cases/08_exception_request_payroll_operations.case.json"))
        .expect("case");
    let t = case.inventory[0].clone();
    for i in 0..n {
        case.inventory.push(InventoryItem { item_id: format!("bulk-{i}"), name: format!("業務ファイル {i}"), reason: if i % 3 == 0 { "機微な内容を含まないが、課内の共有フォルダに保存されており、複数の職員が閲覧・編集する。外部への提供は予定していない。".into() } else { "機微な内容を含まない".into() }, ..t.clone() });
    }
    let m = memo::build(&rules, &case, Lang::Ja, "2026-12-01");
    println!("before {} MB", peak_mb());
    let start = std::time::Instant::now();
    let pdf = memo::pdf::render_with(&m, &case, &template).expect("render");
    let pages = lopdf::Document::load_mem(&pdf).map_or(0, |d| d.get_pages().len());
    println!("{:.2} s, peak {} MB, {} pages, {} bytes", start.elapsed().as_secs_f64(), peak_mb(), pages, pdf.len());
    if let Some(out) = args.get(3) {
        std::fs::write(out, &pdf).expect("write");
    }
}
