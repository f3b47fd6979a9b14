//! The long fuzz run: `cargo run --release --features dev-examples --example fuzz -- [MINUTES] [SEED] [TARGETS]
//! [MAX]` spends MINUTES (default 1) on each target of the driver in
//! `tests/it/fuzz/driver.rs` (all, or the comma-separated TARGETS), stopping a target early
//! after MAX executions, and prints executions, accepted inputs, panics and the slowest
//! inputs (kept under `target/fuzz-panics/`). Exits 1 if any input panicked.
//!
//!     cargo run --release --features dev-examples --example fuzz -- 40 1 memo-docx-pdf,rules 1000000

#[path = "../tests/it/fuzz/driver.rs"]
mod driver;

use std::time::Duration;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let minutes: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let only: Vec<String> = args.next().map(|a| a.split(',').map(str::to_string).collect()).unwrap_or_default();
    let max: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(u64::MAX);
    // Panics are caught and counted; their messages would drown the report.
    std::panic::set_hook(Box::new(|_| {}));
    let corpus = driver::Corpus::load();
    let mut panics = 0;
    for target in driver::TARGETS.into_iter().filter(|t| only.is_empty() || only.iter().any(|o| o == t)) {
        let report = driver::run(&corpus, target, seed, Duration::from_secs_f64(minutes * 60.0), max);
        println!("{report}");
        for (t, file) in report.slowest.iter().skip(1) {
            println!("{:<14} {:>10} slow input {:.1} ms ({file})", "", "", t.as_secs_f64() * 1e3);
        }
        panics += report.panics;
    }
    // The process's peak memory (Linux), for the whole run: run one target per process to
    // read one target's.
    if let Some(peak) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
    {
        println!("peak RSS {} MB", peak / 1024);
    }
    if panics == 0 { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE }
}
