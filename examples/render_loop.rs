//! Memory of many PDF exports in one process: renders the memo of a small case 2 000 times
//! (each input a little different, as real exports are) and prints the time per render and
//! the resident memory every 200. Before `pdf::render` evicted typst's memo cache the
//! memory grew by about 2.7 MB a render; it now stays flat.
//!
//!     cargo run --release --features dev-examples --example render_loop
use itaku_navi::core::case::parse_case;
use itaku_navi::core::memo::{self, Format};
use itaku_navi::core::rules::load_embedded;
use itaku_navi::core::text::Lang;
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
        / 1024
}
fn main() {
    let rules = load_embedded().expect("rules");
    let base = parse_case("c", include_str!("../tests/cases/01_permitted_public_content.case.json")).expect("case");
    let mut t = std::time::Instant::now();
    for i in 0..2000 {
        let mut c = base.clone();
        c.basics.task_name = format!("{} {i}", c.basics.task_name);
        c.basics.budget = "長".repeat(i % 50);
        let _ = memo::render(&rules, &c, Lang::En, "2026-11-24", Format::Pdf).expect("pdf");
        if i % 200 == 199 {
            println!("{i}: {:.1} ms/render, rss {} MB", t.elapsed().as_secs_f64() * 1e3 / 200.0, rss());
            t = std::time::Instant::now();
        }
    }
}
