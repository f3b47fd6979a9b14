//! Case files: round trip, atomic save with a `.bak` of the previous version, refusal of
//! newer schema versions (never overwritten), and precise errors for broken files.

use std::path::PathBuf;

use itaku_navi::core::case::{CaseError, check_against, load_case, parse_case, save_case};
use itaku_navi::core::rules::load_embedded;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json")
}

#[test]
fn save_then_load_gives_the_same_case() {
    let case = load_case(&example()).expect("example loads");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("案件.json");
    save_case(&path, &case).expect("save");
    let mut back = load_case(&path).expect("reload");
    // A save seals the case with its hash; everything else comes back unchanged.
    let hash = back.integrity.take().expect("sealed on save");
    assert_eq!(hash, itaku_navi::core::case::integrity::case_hash(&case));
    assert_eq!(back, case);
}

#[test]
fn saving_again_keeps_the_previous_version_as_bak() {
    let mut case = load_case(&example()).expect("example loads");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("case.json");
    save_case(&path, &case).expect("first save");
    let first = std::fs::read_to_string(&path).expect("read");
    case.basics.task_name = "変更後の名称".into();
    save_case(&path, &case).expect("second save");
    let bak = dir.path().join("case.json.bak");
    assert_eq!(std::fs::read_to_string(&bak).expect("backup exists"), first);
    assert!(std::fs::read_to_string(&path).expect("read").contains("変更後の名称"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn a_newer_schema_is_refused_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("future.json");
    let future =
        "{\"schema_version\": 99, \"rule_set\": {\"ruleset_id\": \"x\", \"version\": \"9\"}, \"new_field\": true}\n";
    std::fs::write(&path, future).expect("write");
    let err = load_case(&path).expect_err("newer schema refused");
    assert!(matches!(err, CaseError::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("future.json"), "names the file: {err}");
    let case = load_case(&example()).expect("example loads");
    let err = save_case(&path, &case).expect_err("does not overwrite a newer file");
    assert!(matches!(err, CaseError::NewerSchema { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), future, "file untouched");
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let err = parse_case("broken.json", "{\n  \"schema_version\": 1,\n  \"rule_set\": {\n}").expect_err("broken");
    let msg = err.to_string();
    assert!(msg.contains("broken.json") && msg.contains("line 4"), "{msg}");
}

#[test]
fn unknown_key_names_its_json_path() {
    let text = std::fs::read_to_string(example()).expect("read").replacen("\"medium\"", "\"medum\"", 1);
    let err = parse_case("typo.json", &text).expect_err("unknown key");
    let msg = err.to_string();
    assert!(
        msg.contains("unknown field `medum`") && msg.contains("inventory[0]") && msg.contains("typo.json"),
        "{msg}"
    );
    // A field a later version added reads as that, not as a broken file.
    assert!(msg.contains("saved by a newer itaku-navi") && msg.contains(env!("CARGO_PKG_VERSION")), "{msg}");
}

#[test]
fn missing_schema_version_is_explained() {
    let err = parse_case("plain.json", "{\"basics\": {}}").expect_err("no version");
    assert!(err.to_string().contains("missing schema_version"), "{err}");
}

#[test]
fn dangling_references_in_a_case_are_named() {
    let rules = load_embedded().expect("rules");
    let mut case = load_case(&example()).expect("example loads");
    case.narrowing[0].item_id = "i99".into();
    case.risk[0].threat_id = "th-dragons".into();
    case.answers.get_mut("q_wants_exception").expect("answered").value = "perhaps".into();
    let errors: Vec<String> = check_against(&rules, &case, "c.json").iter().map(ToString::to_string).collect();
    let all = errors.join("\n");
    assert!(all.contains("narrowing[0].item_id"), "{all}");
    assert!(all.contains("risk[0].threat_id"), "{all}");
    assert!(all.contains("answers.q_wants_exception.value"), "{all}");
}

#[test]
fn a_repeated_answer_key_is_refused_not_silently_overwritten() {
    let text = std::fs::read_to_string(example()).expect("read");
    // The same node answered twice: serde alone would keep the last one without a word.
    let doubled = text.replacen("\"answers\": {", "\"answers\": {\n    \"q_wants_exception\": {\"value\": \"no\"},", 1);
    assert_ne!(doubled, text, "the example has answers");
    let err = parse_case("twice.json", &doubled).expect_err("duplicate key").to_string();
    assert!(err.contains("q_wants_exception") && err.contains("appears twice") && err.contains("twice.json"), "{err}");
}

#[test]
fn a_date_in_the_wrong_form_says_what_form_is_expected() {
    let text = std::fs::read_to_string(example()).expect("read");
    let bad = first_date_cut_to_its_day(&text);
    let err = parse_case("dates.json", &bad).expect_err("bad date").to_string();
    assert!(
        err.contains("RFC 3339") && err.contains("2026-11-24T10:30:00+09:00") && err.contains("dates.json"),
        "{err}"
    );
}

/// Cuts the first `answered_at` or `recorded_at` value to its date alone.
fn first_date_cut_to_its_day(text: &str) -> String {
    for key in ["\"answered_at\": \"", "\"recorded_at\": \""] {
        if let Some(at) = text.find(key) {
            let start = at + key.len();
            let end = start + text[start..].find('"').expect("closing quote");
            return format!("{}{}{}", &text[..start], &text[start..start + 10], &text[end..]);
        }
    }
    panic!("no date in the example");
}

#[test]
fn an_absurdly_long_field_is_refused_at_load_with_its_place_and_limit() {
    let text = std::fs::read_to_string(example()).expect("read");
    let case = parse_case("x.json", &text).expect("example");
    let long = text.replacen(&format!("\"{}\"", case.basics.task_name), &format!("\"{}\"", "長".repeat(5000)), 1);
    let err = parse_case("long.json", &long).expect_err("too long").to_string();
    assert!(
        err.contains("basics.task_name")
            && err.contains("5000 characters")
            && err.contains("200")
            && err.contains("long.json"),
        "{err}"
    );
}

#[test]
fn an_unknown_form_lists_the_forms_there_are() {
    let rules = load_embedded().expect("rules");
    let mut case = load_case(&example()).expect("example loads");
    case.basics.form = Some("9.9".into());
    let all: Vec<String> = check_against(&rules, &case, "c.json").iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    let first = &rules.forms[0].form_id;
    assert!(all.contains("basics.form") && all.contains("expected one of") && all.contains(first.as_str()), "{all}");
}

#[test]
fn a_case_is_stamped_from_the_bytes_it_was_read_from_and_refused_alike() {
    use itaku_navi::core::case::{disk_stamp, load_case_stamped, save_case_stamped};
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("c.json");
    let case = itaku_navi::core::case::load_case(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/01_permitted_public_content.case.json"),
    )
    .expect("example");
    let written = save_case_stamped(&p, &case).expect("save");
    let on_disk = disk_stamp(&p).expect("read").expect("exists");
    assert!(written.same_content(&on_disk), "the stamp of what was written");
    let (back, read) = load_case_stamped(&p).expect("load");
    assert!(read.same_content(&written));
    assert_eq!(back.basics, case.basics);
    // A Windows-encoded file is refused with the same words as by load_case.
    std::fs::write(&p, b"\xFF\xFE{\x00}\x00").expect("write");
    let stamped = load_case_stamped(&p).expect_err("UTF-16").to_string();
    let plain = itaku_navi::core::case::load_case(&p).expect_err("UTF-16").to_string();
    assert_eq!(stamped, plain);
}

/// What the app opens with (one canonical pass for the limits and the seal) is what a load
/// and a seal check each on their own say: for a sealed, an altered, an unsealed case, and for
/// a case with a field over its limit or in UTF-16.
#[test]
fn a_case_opened_with_its_seal_checked_reads_as_a_load_then_a_check_would() {
    use itaku_navi::core::case::integrity::{self, Verdict};
    use itaku_navi::core::case::{load_case_stamped, load_case_verified};
    let dir = tempfile::tempdir().expect("dir");
    let case = load_case(&example()).expect("example");
    let sealed = integrity::sealed(&case);
    let mut altered = sealed.clone();
    altered.basics.task_name.push_str("（書き換え）");
    let mut unsealed = case.clone();
    unsealed.integrity = None;
    let mut kinds = Vec::new();
    for (name, c) in [("sealed", &sealed), ("altered", &altered), ("unsealed", &unsealed)] {
        let p = dir.path().join(format!("{name}.json"));
        // Written as it is (a save would seal it).
        std::fs::write(&p, serde_json::to_string_pretty(c).expect("json")).expect("write");
        let (case, stamp, verdict) = load_case_verified(&p).expect("open");
        let (expected, expected_stamp) = load_case_stamped(&p).expect("load");
        assert_eq!(case, expected, "{name}");
        assert!(stamp.same_content(&expected_stamp), "{name}");
        assert_eq!(verdict, integrity::verify(&expected), "{name}");
        kinds.push(match verdict {
            Verdict::Intact { .. } => "intact",
            Verdict::Altered { .. } => "altered",
            Verdict::Unsealed { .. } => "unsealed",
        });
    }
    assert_eq!(kinds, ["intact", "altered", "unsealed"]);
    // Refused with the same words.
    let text = std::fs::read_to_string(example()).expect("read");
    let long = text.replacen(&format!("\"{}\"", case.basics.task_name), &format!("\"{}\"", "長".repeat(5000)), 1);
    let p = dir.path().join("long.json");
    std::fs::write(&p, long).expect("write");
    let opened = load_case_verified(&p).expect_err("too long").to_string();
    assert!(opened.contains("basics.task_name") && opened.contains("5000 characters"), "{opened}");
    assert_eq!(opened, load_case(&p).expect_err("too long").to_string());
    std::fs::write(&p, b"\xFF\xFE{\x00}\x00").expect("write");
    assert_eq!(load_case_verified(&p).expect_err("UTF-16").to_string(), load_case(&p).expect_err("UTF-16").to_string());
}

#[test]
fn a_reseal_is_recorded_only_for_a_changed_case_keeps_the_approval_and_stays_with_its_revision() {
    use itaku_navi::core::case::integrity::{self, ApprovalBinding, Verdict};
    use itaku_navi::core::case::{Approval, ApprovalResult, lifecycle};
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+09:00").expect("time");
    let mut case = load_case(&example()).expect("example");
    case.approval = Some(Approval {
        approver: "情報セキュリティ責任者".into(),
        decided_on: "2026-11-30".into(),
        result: ApprovalResult::Approved,
        conditions: String::new(),
        review_by: None,
        approved_content: Some(integrity::approval_hash(&case)),
        action: itaku_navi::core::case::ApprovalAction::default(),
        reference: String::new(),
        recorded_at: None,
        covers_decision: false,
        signature: None,
    });
    let sealed = integrity::sealed(&case);
    // An intact case records nothing.
    let mut intact = sealed.clone();
    assert!(!integrity::record_reseal(&mut intact, now));
    assert!(intact.reseals.is_empty());
    // A changed one records the hash it carried and the hash of what was found.
    let mut changed = sealed.clone();
    changed.basics.budget = "書き換えた予算".into();
    let Verdict::Altered { stored, actual } = integrity::verify(&changed) else { panic!("caught") };
    assert!(integrity::record_reseal(&mut changed, now));
    assert_eq!(changed.reseals.len(), 1);
    assert_eq!((&changed.reseals[0].previous_hash, &changed.reseals[0].found_hash), (&stored, &actual));
    // The change itself outdates the approval; the record of the reseal does not add to it.
    let mut only_record = sealed.clone();
    only_record.reseals = changed.reseals.clone();
    assert_eq!(integrity::approval_binding(&only_record), Some(ApprovalBinding::Current));
    assert!(matches!(integrity::approval_binding(&changed), Some(ApprovalBinding::Outdated { .. })));
    // Sealed again, the record is part of what the hash covers.
    let resealed = integrity::sealed(&changed);
    let mut stripped = resealed.clone();
    stripped.reseals.clear();
    assert!(matches!(integrity::verify(&stripped), Verdict::Altered { .. }), "removing the record is a change");
    // A re-review keeps the record in the revision it belongs to, not in the next.
    let next = lifecycle::start_re_review(&resealed, now, resealed.rule_set.clone());
    assert!(next.reseals.is_empty());
    assert_eq!(next.history[0].case.reseals.len(), 1);
}

// Issue 23 finding 2: two copies save the same file while one's write is slow to land (a
// slow SMB share): the check and the rename happen under a save lock the other respects,
// so the second save sees the first and gets the conflict, never a silent overwrite.
#[test]
fn two_saves_on_a_slow_share_never_both_succeed() {
    use itaku_navi::core::case::{load_case_stamped, save_case_checked};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.json");
    save_case(&path, &load_case(&example()).expect("example")).expect("save");
    let (opened, stamp) = load_case_stamped(&path).expect("open");
    for round in 0..3 {
        let (mut a, mut b) = (opened.clone(), opened.clone());
        a.basics.summary = format!("Aの変更 {round}");
        b.basics.summary = format!("Bの変更 {round}");
        let (p, s) = (path.clone(), stamp.clone());
        // A's write lands slowly: its rename comes 600 ms after its check.
        let slow = std::thread::spawn(move || {
            itaku_navi::core::atomic::set_before_rename_hook(Some(Box::new(|| {
                std::thread::sleep(std::time::Duration::from_millis(600));
            })));
            save_case_checked(&p, &a, Some(&s))
        });
        std::thread::sleep(std::time::Duration::from_millis(150));
        let b_result = save_case_checked(&path, &b, Some(&stamp));
        let a_result = slow.join().expect("thread");
        assert!(a_result.is_ok(), "round {round}: {a_result:?}");
        assert!(matches!(b_result, Err(CaseError::ChangedOnDisk { .. })), "round {round}: {b_result:?}");
        let on_disk = load_case(&path).expect("read");
        assert_eq!(on_disk.basics.summary, format!("Aの変更 {round}"), "A's save stands, B was told");
        assert!(!dir.path().join(".shared.json.saving").exists(), "the lock is gone after the save");
        // Back to the opened state for the next round.
        save_case(&path, &opened).expect("reset");
        let (_, s2) = load_case_stamped(&path).expect("reopen");
        assert!(s2.same_content(&stamp));
    }
}

// A lock left by a crash is taken over once it is stale; a fresh one makes the save wait and
// then say who is saving.
#[test]
fn a_stale_save_lock_is_taken_over() {
    use itaku_navi::core::case::{load_case_stamped, save_case_checked};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("c.json");
    save_case(&path, &load_case(&example()).expect("example")).expect("save");
    let (case, stamp) = load_case_stamped(&path).expect("open");
    let lock = dir.path().join(".c.json.saving");
    std::fs::write(&lock, "someone (process 1) since 2026-01-01 09:00:00\n").expect("lock");
    let old =
        std::time::SystemTime::now() - itaku_navi::core::case::SAVE_LOCK_STALE - std::time::Duration::from_secs(5);
    std::fs::File::options().write(true).open(&lock).expect("open").set_modified(old).expect("age");
    save_case_checked(&path, &case, Some(&stamp)).expect("a stale lock does not block");
    assert!(!lock.exists());
}

/// The seal's text is what every seal so far was made over — `serde_json`'s text of the
/// case's JSON tree without its integrity field, keys sorted, then the rule set — now
/// written without the tree: for every case file the project holds, the sealed fixture, and
/// a case whose texts hold quotes, backslashes, control characters and line breaks. A
/// difference would make every sealed file read as altered.
#[test]
fn the_seal_covers_the_same_text_as_the_json_tree_of_the_case_did() {
    use itaku_navi::core::case::integrity::{self, Verdict};
    let through_tree = |case: &itaku_navi::core::case::Case| {
        let mut tree = serde_json::to_value(case).expect("tree");
        tree.as_object_mut().expect("object").remove("integrity");
        let mut bytes = serde_json::to_vec(&tree).expect("json");
        bytes
            .extend_from_slice(format!("\nrule_set={}@{}", case.rule_set.ruleset_id, case.rule_set.version).as_bytes());
        bytes
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/cases"))
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".case.json"))
        .collect();
    files.push(root.join("tests/fixtures/approved-exception.case.json"));
    assert!(files.len() > 20, "{files:?}");
    for path in &files {
        let case = load_case(path).expect("loads");
        assert_eq!(integrity::canonical_bytes(&case), through_tree(&case), "{}", path.display());
    }
    let sealed = load_case(&root.join("tests/fixtures/approved-exception.case.json")).expect("fixture");
    assert!(matches!(integrity::verify(&sealed), Verdict::Intact { .. }));
    let mut odd = load_case(&example()).expect("example");
    odd.basics.task_name = "「引用」\"quote\" \\back\\ /slash/ \u{1}\u{1f}".into();
    odd.basics.summary = "一行目\r\n二行目\t字下げ\u{7f}\u{2028}😀".into();
    odd.answers.insert("z\"key\\".into(), odd.answers.values().next().expect("an answer").clone());
    odd.drafting.insert("b".into(), "\n".into());
    odd.drafting.insert("a".into(), String::new());
    assert_eq!(integrity::canonical_bytes(&odd), through_tree(&odd));
    assert_eq!(integrity::case_hash(&odd), integrity::hex_hash(&through_tree(&odd)));
}
