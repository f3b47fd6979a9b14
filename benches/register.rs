//! The register at scale (`cargo bench --bench register`): 10 000 generated case files
//! scanned for the first time, and rescanned from the index after one file changed.
//! Targets on the 2-core CI machine (issue 14): first scan ≤ 3 s, rescan ≤ 200 ms. The
//! register screen's frame at 10 000 rows is in `benches/ui_frame.rs`.

use std::path::Path;

use divan::{Bencher, black_box};
use itaku_navi::core::register;

fn main() {
    divan::main();
}

/// A folder of `n` case files: the example cases, each saved many times under its own
/// document number, spread over yearly sub-folders as an office keeps them.
fn generated_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let examples: Vec<itaku_navi::core::case::Case> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"))
            .expect("examples")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".case.json"))
            .map(|e| itaku_navi::core::case::load_case(&e.path()).expect("example"))
            .collect();
    for i in 0..n {
        let mut case = examples[i % examples.len()].clone();
        case.basics.document_number = format!("R8-{i:05}");
        let sub = dir.path().join(format!("{}", 2020 + i % 7));
        std::fs::create_dir_all(&sub).expect("folder");
        itaku_navi::core::case::save_case(&sub.join(format!("case-{i:05}.json")), &case).expect("save");
    }
    // The backups saves leave are not cases; remove them so the folder holds n files.
    for year in 0..7 {
        for e in std::fs::read_dir(dir.path().join(format!("{}", 2020 + year))).expect("folder").flatten() {
            if e.file_name().to_string_lossy().ends_with(".bak") {
                std::fs::remove_file(e.path()).expect("remove");
            }
        }
    }
    dir
}

#[divan::bench(sample_count = 5)]
fn first_scan_10000(bencher: Bencher) {
    let dir = generated_folder(10_000);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    bencher.bench_local(|| {
        let (reg, stats) = register::scan(dir.path(), None, &rules).expect("scan");
        assert_eq!(stats.files, 10_000);
        black_box(reg)
    });
}

#[divan::bench(sample_count = 10)]
fn rescan_after_one_change_10000(bencher: Bencher) {
    let dir = generated_folder(10_000);
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    let (mut index, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let path = dir.path().join("2020/case-00000.json");
    let mut n = 0u32;
    bencher.bench_local(|| {
        touch(&path, &mut n);
        let (reg, stats) = register::scan(dir.path(), Some(std::mem::take(&mut index)), &rules).expect("rescan");
        assert_eq!(stats.read, 1);
        index = reg;
    });
}

/// Changes one case on disk (a new task name each time).
fn touch(path: &Path, n: &mut u32) {
    *n += 1;
    let mut case = itaku_navi::core::case::load_case(path).expect("load");
    case.basics.task_name = format!("変更 {n}");
    itaku_navi::core::case::save_case(path, &case).expect("save");
}
