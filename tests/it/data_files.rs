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

/// Every key the code asks for with `tr("…")` exists in the locale files (a missing key
/// would show as the key text itself), and every outcome has its short name.
#[test]
fn every_key_the_code_uses_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ja = keys("ja.yml");
    let mut used = BTreeSet::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source");
                // `tr("key")`, not `push_str("…")`: the character before `tr(` must not
                // continue an identifier.
                for (at, _) in text.match_indices("tr(\"") {
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    if let Some(key) = text[at + 4..].split('"').next() {
                        used.insert(key.to_string());
                    }
                }
            }
        }
    }
    assert!(used.len() > 150, "found only {} keys", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !ja.contains(*k)).collect();
    assert!(missing.is_empty(), "keys used in the code but missing from locales: {missing:?}");
}

/// The outcome names have one spelling: the rule set's (`flow.json` → `outcomes`). The
/// locales once said 「委託可（範囲を絞り込み）」 beside the memo's 「委託可（範囲の絞り込みによる）」.
#[test]
fn outcome_names_are_spelled_once_in_the_rules() {
    use itaku_navi::core::rules::files::OutcomeKind;
    use itaku_navi::core::rules::{NodeBody, load_embedded};
    let rules = load_embedded().expect("shipped rules");
    for file in ["ja.yml", "en.yml"] {
        let keys = keys(file);
        for kind in OutcomeKind::ALL {
            let key = format!("outcome.{}", kind.id());
            assert!(!keys.contains(&key), "{file} spells the outcome name {key} a second time");
        }
    }
    for node in &rules.nodes {
        if let NodeBody::Outcome { outcome, .. } = &node.body {
            let name = rules.outcome_name(*outcome);
            assert!(
                node.text.ja.starts_with(&name.ja),
                "outcome node {} is titled 「{}」 but its outcome is named 「{}」",
                node.node_id,
                node.text.ja,
                name.ja
            );
        }
    }
    assert_eq!(rules.outcome_name(OutcomeKind::PermittedNarrowed).ja, "委託可（範囲の絞り込みによる）");
}
