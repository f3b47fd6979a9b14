//! The training samples in decision-trees/samples/: each is accepted by the real
//! `itaku-navi decide` and reaches the outcome it states; together they cover every
//! outcome and every consideration of 5.2(1)–(5); each makes a complete quiz; a broken
//! sample is reported by file and place.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use itaku_navi::core::case::{Case, parse_case};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::risk::RiskLevel;
use itaku_navi::core::rules::files::{AccessVia, OutcomeKind};
use itaku_navi::core::rules::load_embedded;
use itaku_navi::core::training::{
    EMBEDDED_SAMPLES, QuizMode, QuizSession, Sample, load_embedded_samples, load_samples_dir,
};

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decision-trees/samples")
}

fn samples() -> Vec<Sample> {
    let rules = load_embedded().expect("shipped rules load");
    let set = load_embedded_samples(&rules);
    assert!(set.errors.is_empty(), "samples refused: {:#?}", set.errors);
    set.samples
}

#[test]
fn the_folder_and_the_compiled_in_list_hold_the_same_files() {
    let mut on_disk: Vec<String> = std::fs::read_dir(samples_dir())
        .expect("decision-trees/samples exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".case.json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = EMBEDDED_SAMPLES.iter().map(|(n, _)| (*n).to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "add new sample files to EMBEDDED_SAMPLES in crates/core/src/training/samples.rs");
}

#[test]
fn decide_accepts_every_sample_and_reaches_its_expected_outcome() {
    let samples = samples();
    assert!(samples.len() >= 12, "at least 12 samples, found {}", samples.len());
    for s in &samples {
        let path = samples_dir().join(&s.file);
        let out = Command::new(env!("CARGO_BIN_EXE_itaku-navi"))
            .arg("decide")
            .arg(&path)
            .arg("--json")
            .output()
            .expect("run itaku-navi");
        assert!(out.status.success(), "{}: {}", s.file, String::from_utf8_lossy(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(
            doc["evaluation"]["outcome"]["outcome"].as_str(),
            Some(s.training.expected_outcome.id()),
            "{}: the engine's outcome differs from training.expected_outcome",
            s.file
        );
    }
}

fn answer(case: &Case, node: &str) -> Option<String> {
    case.answers.get(node).map(|a| a.value.clone())
}

#[test]
fn together_the_samples_cover_every_outcome_and_every_consideration_of_5_2() {
    let rules = load_embedded().expect("rules");
    let samples = samples();
    let outcomes: BTreeSet<&str> = samples.iter().map(|s| s.training.expected_outcome.id()).collect();
    for kind in OutcomeKind::ALL {
        assert!(outcomes.contains(kind.id()), "no sample reaches {}", kind.id());
    }
    let cited: BTreeSet<&str> = samples
        .iter()
        .flat_map(|s| s.training.topics.iter().chain(s.training.commentary.iter().flat_map(|n| &n.citations)))
        .map(String::as_str)
        .collect();
    for clause in ["5.2(1)", "5.2(2)", "5.2(3)", "5.2(4)", "5.2(5)", "5.1(3)", "5.1(5)", "3.2", "表4"] {
        assert!(cited.contains(clause), "no sample teaches {clause}");
    }
    let has = |what: &str, f: &dyn Fn(&Sample) -> bool| assert!(samples.iter().any(f), "no sample with {what}");
    has("a free service on fixed terms", &|s| s.case.basics.terms_service.used && s.case.basics.terms_service.free);
    has("the installation path answered yes and inventoried", &|s| {
        answer(&s.case, "q_installation_access").as_deref() == Some("yes")
            && s.case.inventory.iter().any(|i| i.via == AccessVia::Installation)
    });
    has("operations staff reaching important data", &|s| {
        answer(&s.case, "q_operations_access").as_deref() == Some("yes")
            && s.case.inventory.iter().any(|i| i.via == AccessVia::Operations && i.important == Some(true))
    });
    has("narrowing that changes the outcome", &|s| {
        let mut without = s.case.clone();
        without.narrowing.iter_mut().for_each(|n| n.removes_item = false);
        let with = evaluate(&rules, &s.case).outcome.map(|o| o.outcome);
        let before = evaluate(&rules, &without).outcome.map(|o| o.outcome);
        with == Some(OutcomeKind::PermittedNarrowed) && before != with
    });
    has("an exception refused because a residual risk stays high", &|s| {
        let t = rules.thresholds();
        s.training.expected_outcome == OutcomeKind::Prohibited
            && answer(&s.case, "q_wants_exception").as_deref() == Some("yes")
            && answer(&s.case, "q_sufficiently_reduced").as_deref() == Some("no")
            && s.case.risk.iter().any(|r| t.level(r.likelihood_after, r.impact_after) == RiskLevel::High)
    });
}

#[test]
fn every_sample_makes_a_quiz_that_the_model_answers_pass_and_wrong_answers_fail() {
    for s in samples() {
        assert!(s.items.len() >= 3, "{}: only {} quiz items", s.file, s.items.len());
        assert_eq!(s.items.last().map(|i| i.item_id.as_str()), Some("outcome"), "{}", s.file);
        for item in &s.items {
            assert!(!item.citations.is_empty(), "{}: {} has no clause", s.file, item.item_id);
            assert!(item.choices.iter().any(|c| c.value == item.model_value), "{}: {}", s.file, item.item_id);
        }
        let mut quiz =
            QuizSession::new(&s.training.sample_id, &s.training.title.ja, s.items.clone(), QuizMode::AtEnd, "t");
        for i in 0..quiz.items.len() {
            let model = quiz.items[i].model_value.clone();
            quiz.choose(i, &model);
            quiz.next();
        }
        assert!(quiz.finished);
        assert_eq!(quiz.score(), (s.items.len(), s.items.len()), "{}", s.file);
        quiz.retry();
        for i in 0..quiz.items.len() {
            let wrong =
                quiz.items[i].choices.iter().find(|c| c.value != quiz.items[i].model_value).map(|c| c.value.clone());
            quiz.choose(i, &wrong.expect("every item offers a wrong answer"));
            quiz.next();
        }
        assert_eq!(quiz.score().0, 0, "{}", s.file);
    }
}

#[test]
fn a_broken_or_wrong_sample_is_reported_by_file_and_the_others_still_load() {
    let rules = load_embedded().expect("rules");
    let dir = tempfile::tempdir().expect("tempdir");
    let (good_name, good) = EMBEDDED_SAMPLES[0];
    std::fs::write(dir.path().join(good_name), good).expect("write");
    // A typo in a key: the error names the JSON path.
    std::fs::write(dir.path().join("x1_typo.case.json"), good.replace("\"narrative\"", "\"narative\"")).expect("write");
    // Model answers that no longer reach the stated outcome.
    let mut wrong: Case = parse_case("s", good).expect("parse");
    if let Some(t) = wrong.training.as_mut() {
        t.expected_outcome = OutcomeKind::Prohibited;
    }
    std::fs::write(dir.path().join("x2_wrong.case.json"), serde_json::to_string(&wrong).expect("json")).expect("write");
    // Commentary for an item the quiz does not have.
    std::fs::write(dir.path().join("x3_note.case.json"), good.replace("\"importance:i2\"", "\"importance:i9\""))
        .expect("write");

    let set = load_samples_dir(&rules, dir.path());
    assert_eq!(set.samples.len(), 1);
    assert_eq!(set.errors.len(), 3, "{:#?}", set.errors);
    let errors: Vec<String> = set.errors.iter().map(ToString::to_string).collect();
    assert!(errors[0].contains("x1_typo.case.json") && errors[0].contains("training"), "{}", errors[0]);
    assert!(errors[0].contains("line"), "{}", errors[0]);
    assert!(errors[1].contains("x2_wrong.case.json") && errors[1].contains("prohibited"), "{}", errors[1]);
    assert!(errors[2].contains("x3_note.case.json") && errors[2].contains("importance:i9"), "{}", errors[2]);
}
