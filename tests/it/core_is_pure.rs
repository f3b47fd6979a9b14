//! The core must not depend on the GUI or on rust-i18n: scan every file under src/core.

use std::path::Path;

fn scan(dir: &Path, offenders: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            scan(&path, offenders);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let banned_crate = ["egui", "eframe", "rust_i18n"].iter().any(|b| code.contains(b));
                // rust-i18n's `t!(` macro, but not `format!(` and friends.
                let translate_macro = code
                    .match_indices("t!(")
                    .any(|(i, _)| code[..i].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_')));
                if banned_crate || translate_macro {
                    offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
}

#[test]
fn core_names_no_gui_or_i18n_crate() {
    let mut offenders = Vec::new();
    scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"), &mut offenders);
    assert!(offenders.is_empty(), "src/core must stay pure:\n{}", offenders.join("\n"));
}
