//! A bounded slice of the fuzz driver on every `cargo test`: each target runs a few hundred
//! mutated inputs (a fixed seed, so a failure repeats) and none may panic. The long run is
//! `cargo run --release --features dev-examples --example fuzz -- MINUTES`.

pub mod driver;

use std::time::Duration;

#[test]
fn no_target_panics_on_a_slice_of_mutated_inputs() {
    let corpus = driver::Corpus::load();
    for (target, n) in driver::TARGETS.into_iter().zip([400, 60, 150, 40, 60, 150]) {
        let report = driver::run(&corpus, target, 20_261_124, Duration::from_mins(1), n);
        assert_eq!(report.panics, 0, "{report} — inputs kept in target/fuzz-panics/");
        assert_eq!(report.executions, n, "{report}");
        // The mutations must not all be rejected at the first byte: some reach the engine.
        if target == "verify-pdf" {
            // No damaged memo verifies: ok means the file is the memo its case makes.
            assert_eq!(report.accepted, 0, "a damaged memo PDF verified ok: {report}");
        } else {
            assert!(report.accepted > 0, "no mutated input was accepted: {report}");
        }
        println!("{report}");
    }
}
