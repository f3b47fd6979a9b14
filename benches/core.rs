//! Benchmarks of the decision core (`cargo bench --bench core`):
//! loading + validating the shipped rules, a generated 1 000 / 10 000-node rule set
//! (cost should grow linearly), and deciding a case with 10 000 inventory items and
//! 200 risk rows, and opening it as the app does; and loading the training samples (parse,
//! decide, build each quiz).

use divan::{Bencher, black_box};
use itaku_navi::core::case::check_against;
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::rules::{RuleSource, load_embedded, load_source};
use serde_json::{Value, json};

mod common;

use common::large_case;

fn main() {
    divan::main();
}

/// The shipped rules with `extra` generated yes/no questions chained between the first
/// two nodes, all in the basics step.
fn generated_source(extra: usize) -> RuleSource {
    let mut source = RuleSource::embedded();
    let entry = source.files.iter_mut().find(|(name, _, _)| name == "flow.json").expect("flow.json");
    let mut flow: Value = serde_json::from_str(&entry.2).expect("json");
    let nodes = flow["nodes"].as_array_mut().expect("nodes");
    let first_next = nodes[0]["next"].as_str().expect("task next").to_string();
    nodes[0]["next"] = json!("q_gen_0");
    for i in 0..extra {
        let next = if i + 1 == extra { first_next.clone() } else { format!("q_gen_{}", i + 1) };
        nodes.push(json!({
            "kind": "question", "node_id": format!("q_gen_{i}"), "step": "basics",
            "text": {"ja": format!("生成された質問 {i}"), "en": format!("Generated question {i}")},
            "help": {"ja": "ベンチマーク用", "en": "For the benchmark"},
            "citations": ["5.2(1)"], "rationale_required": false,
            "choices": [
                {"value": "yes", "label": {"ja": "はい", "en": "Yes"}, "citations": ["5.2(1)"], "next": next},
                {"value": "no", "label": {"ja": "いいえ", "en": "No"}, "citations": ["5.2(1)"], "next": next}
            ]
        }));
    }
    entry.2 = serde_json::to_string(&flow).expect("serialise");
    source
}

#[divan::bench]
fn load_shipped_rules() {
    black_box(load_embedded().expect("valid"));
}

#[divan::bench(args = [1_000, 10_000])]
fn load_generated_rules(bencher: Bencher, extra_nodes: usize) {
    let source = generated_source(extra_nodes);
    bencher.bench(|| black_box(load_source(&source).expect("valid")));
}

#[divan::bench]
fn decide_large_case(bencher: Bencher) {
    let rules = load_embedded().expect("valid");
    let case = large_case();
    bencher.bench(|| {
        let problems = check_against(&rules, &case, "large.json");
        assert!(problems.is_empty());
        black_box(evaluate(&rules, &case))
    });
}

/// Opening the training screens: parse the 13 shipped samples, decide each, build its quiz.
#[divan::bench]
fn load_training_samples(bencher: Bencher) {
    let rules = load_embedded().expect("valid");
    bencher.bench(|| black_box(itaku_navi::core::training::load_embedded_samples(&rules)));
}

/// Opening the 10 000-item / 200-risk case as the app does (issue 29): read, parse, check
/// its lengths, hash it against its seal, stamp its bytes.
#[divan::bench]
fn open_large_case(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.case.json");
    let mut case = large_case();
    case.inventory.truncate(itaku_navi::core::limits::ITEMS_MAX);
    itaku_navi::core::case::save_case(&path, &case).expect("saved");
    bencher.bench(|| black_box(itaku_navi::core::case::load_case_verified(&path).expect("opens")));
}
