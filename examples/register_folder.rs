//! Writes a folder of decided case files for the register's benchmarks
//! (`tools/bench-reevaluate.sh`): `register_folder DIR N` saves N copies of the example
//! cases, each with its outcome recorded under the shipped rules and its own document
//! number, spread over yearly sub-folders as an office keeps them.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: register_folder DIR N"))?);
    let n: usize = args.next().ok_or_else(|| anyhow::anyhow!("usage: register_folder DIR N"))?.parse()?;
    let rules = itaku_navi::core::rules::load_embedded()?;
    let mut examples = Vec::new();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"))?.flatten() {
        if e.file_name().to_string_lossy().ends_with(".case.json") {
            let mut case = itaku_navi::core::case::load_case(&e.path())?;
            let ev = itaku_navi::core::engine::evaluate(&rules, &case);
            itaku_navi::core::edit::record_outcome(&mut case, &ev, chrono::Local::now().fixed_offset());
            examples.push(case);
        }
    }
    examples.sort_by(|a, b| a.basics.task_name.cmp(&b.basics.task_name));
    for i in 0..n {
        let mut case = examples[i % examples.len()].clone();
        case.basics.document_number = format!("R8-{i:05}");
        let sub = dir.join(format!("{}", 2020 + i % 7));
        std::fs::create_dir_all(&sub)?;
        itaku_navi::core::case::save_case(&sub.join(format!("case-{i:05}.json")), &case)?;
    }
    // The backups saves leave are not cases.
    for year in 0..7 {
        for e in std::fs::read_dir(dir.join(format!("{}", 2020 + year)))?.flatten() {
            if e.file_name().to_string_lossy().ends_with(".bak") {
                std::fs::remove_file(e.path())?;
            }
        }
    }
    println!("wrote {n} decided cases into {}", dir.display());
    Ok(())
}
