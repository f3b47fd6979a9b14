//! The long fuzz run: `cargo run --release --example fuzz -- [MINUTES] [SEED]` spends
//! MINUTES (default 1) on each target of the driver in `tests/it/fuzz/driver.rs` and
//! prints executions, accepted inputs, panics and the slowest inputs (kept under
//! `target/fuzz-panics/`). Exits 1 if any input panicked.

#[path = "../tests/it/fuzz/driver.rs"]
mod driver;

use std::time::Duration;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let minutes: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    // Panics are caught and counted; their messages would drown the report.
    std::panic::set_hook(Box::new(|_| {}));
    let corpus = driver::Corpus::load();
    let mut panics = 0;
    for target in driver::TARGETS {
        let report = driver::run(&corpus, target, seed, Duration::from_secs_f64(minutes * 60.0), u64::MAX);
        println!("{report}");
        for (t, file) in report.slowest.iter().skip(1) {
            println!("{:<14} {:>10} slow input {:.1} ms ({file})", "", "", t.as_secs_f64() * 1e3);
        }
        panics += report.panics;
    }
    if panics == 0 { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE }
}
