//! A generated walk over the shipped rules: every path from the start, through every
//! answer of every question and every value of every fact, ends in an outcome that
//! carries a citation; every outcome node is reachable; all five outcomes exist.

use std::collections::BTreeSet;

use itaku_navi::core::rules::files::OutcomeKind;
use itaku_navi::core::rules::{NodeBody, NodeIdx, RuleSet, load_embedded};

/// Every path from `start`, as node lists. The loader guarantees a DAG, so this ends.
fn all_paths(rules: &RuleSet) -> Vec<Vec<NodeIdx>> {
    let mut done = Vec::new();
    let mut stack = vec![vec![rules.start]];
    while let Some(path) = stack.pop() {
        let last = *path.last().expect("non-empty");
        let next = rules.nodes[last].body.successors();
        if next.is_empty() {
            done.push(path);
        } else {
            for n in next {
                let mut p = path.clone();
                p.push(n);
                stack.push(p);
            }
        }
    }
    done
}

#[test]
fn every_path_ends_in_a_cited_outcome() {
    let rules = load_embedded().expect("shipped rules");
    let paths = all_paths(&rules);
    assert!(paths.len() >= 20, "the shipped flow has many paths; found {}", paths.len());
    let mut outcome_nodes = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for path in &paths {
        let end = &rules.nodes[*path.last().expect("non-empty")];
        let NodeBody::Outcome { outcome, .. } = &end.body else {
            panic!(
                "path ends at a non-outcome node {}: {:?}",
                end.node_id,
                path.iter().map(|&i| &rules.nodes[i].node_id).collect::<Vec<_>>()
            );
        };
        assert!(!end.citations.is_empty(), "outcome {} has no citation", end.node_id);
        for &i in path {
            assert!(!rules.nodes[i].citations.is_empty(), "node {} on a path has no citation", rules.nodes[i].node_id);
        }
        outcome_nodes.insert(end.node_id.clone());
        kinds.insert(outcome.id());
    }
    for n in &rules.nodes {
        if matches!(n.body, NodeBody::Outcome { .. }) {
            assert!(outcome_nodes.contains(&n.node_id), "outcome {} is never reached", n.node_id);
        }
    }
    for k in OutcomeKind::ALL {
        assert!(kinds.contains(k.id()), "no path reaches {}", k.id());
    }
}
