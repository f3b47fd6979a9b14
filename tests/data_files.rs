//! The published JSON Schemas in decision-trees/schema stay in step with the Rust types,
//! and the locale files have the same keys.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn published_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/schema");
    for (name, schema) in itaku_navi::schema::all() {
        let on_disk = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|_| panic!("{name} missing: run `itaku-navi schema`"));
        assert_eq!(on_disk, itaku_navi::schema::render(&schema), "{name} is stale: run `cargo run -- schema`");
    }
}

fn keys(file: &str) -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(file)).expect("locale file");
    text.lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(':'))
        .map(|l| l.split(':').next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn ja_and_en_locales_have_the_same_keys() {
    let ja = keys("ja.yml");
    let en = keys("en.yml");
    assert!(!ja.is_empty());
    assert_eq!(ja.symmetric_difference(&en).collect::<Vec<_>>(), Vec::<&String>::new());
}
