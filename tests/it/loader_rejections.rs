//! One test per kind of broken rule data: each is rejected with a message naming what,
//! where (JSON path or node id) and the file — never a panic.

use itaku_navi::core::rules::{RuleErrors, RuleSource, load_dir, load_source};
use serde_json::{Value, json};

/// Loads the shipped rules with one file changed by `edit`, expecting rejection.
fn reject_with(file: &str, edit: impl FnOnce(&mut Value)) -> RuleErrors {
    let mut source = RuleSource::embedded();
    let entry = source.files.iter_mut().find(|(name, _, _)| name == file).expect("known file");
    let mut value: Value = serde_json::from_str(&entry.2).expect("shipped file is JSON");
    edit(&mut value);
    entry.2 = serde_json::to_string_pretty(&value).expect("serialise");
    load_source(&source).expect_err("the broken rules must be rejected")
}

fn node_mut<'a>(flow: &'a mut Value, node_id: &str) -> &'a mut Value {
    flow["nodes"].as_array_mut().expect("nodes").iter_mut().find(|n| n["node_id"] == node_id).expect("node exists")
}

fn assert_one(errors: &RuleErrors, message: &str, place: &str, file: &str) {
    assert!(
        errors.0.iter().any(|e| e.message.contains(message) && e.place.contains(place) && e.file.contains(file)),
        "expected an error with message ~ {message:?}, place ~ {place:?}, file ~ {file:?}; got:\n{errors}"
    );
}

#[test]
fn shipped_rules_load() {
    load_source(&RuleSource::embedded()).expect("shipped rules are valid");
}

#[test]
fn unknown_key_is_rejected_with_its_path() {
    let e = reject_with("flow.json", |flow| {
        node_mut(flow, "q_wants_exception")["choices"][0]["nxt"] = json!("o_prohibited");
    });
    assert_one(&e, "unknown field `nxt`", "nodes[", "embedded:flow.json");
    assert!(e.0[0].place.contains("line"), "syntax-level errors carry line and column: {e}");
}

#[test]
fn unknown_key_in_a_catalogue_names_the_item_path() {
    let e = reject_with("threats.json", |t| {
        t["threats"][2]["severity"] = json!("high");
    });
    assert_one(&e, "unknown field `severity`", "threats[2]", "threats.json");
}

#[test]
fn dangling_reference_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        node_mut(flow, "t_inventory")["next"] = json!("s_nowhere");
    });
    assert_one(&e, "dangling reference: \"s_nowhere\"", "(t_inventory).next", "flow.json");
}

#[test]
fn dangling_countermeasure_in_a_threat_is_rejected() {
    let e = reject_with("threats.json", |t| {
        t["threats"][0]["suggested_countermeasures"][0] = json!("cm-teleport");
    });
    assert_one(
        &e,
        "\"cm-teleport\" is not a countermeasure_id",
        "threats[0] (th-leak).suggested_countermeasures[0]",
        "threats.json",
    );
}

#[test]
fn unreachable_node_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        flow["nodes"].as_array_mut().expect("nodes").push(json!({
            "kind": "outcome", "node_id": "o_orphan", "step": "outcome", "outcome": "permitted",
            "title": {"ja": "孤立", "en": "Orphan"}, "explanation": {"ja": "説明", "en": "Explanation"},
            "citations": ["5.1(2)"]
        }));
    });
    assert_one(&e, "unreachable node", "(o_orphan)", "flow.json");
}

#[test]
fn cycle_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        let node = node_mut(flow, "s_important_remaining");
        node["cases"][0]["next"] = json!("t_inventory");
    });
    assert_one(&e, "cycle", "nodes[", "flow.json");
}

#[test]
fn duplicate_id_is_rejected() {
    let e = reject_with("countermeasures.json", |c| {
        let list = c["countermeasures"].as_array_mut().expect("list");
        let copy = list[0].clone();
        list.push(copy);
    });
    assert_one(&e, "duplicate countermeasure_id \"cm-named-workers\"", "countermeasures[", "countermeasures.json");
}

#[test]
fn duplicate_node_id_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        let list = flow["nodes"].as_array_mut().expect("nodes");
        let copy = list[0].clone();
        list.push(copy);
    });
    assert_one(&e, "duplicate node_id \"t_basics\"", "nodes[", "flow.json");
}

#[test]
fn item_without_citation_is_rejected() {
    let e = reject_with("cautions.json", |c| {
        c["cautions"][11]["citations"] = json!([]);
    });
    assert_one(&e, "item without a citation", "cautions[11] (t4-12).citations", "cautions.json");
}

#[test]
fn unrecognised_citation_is_rejected() {
    let e = reject_with("forms.json", |f| {
        f["forms"][0]["citations"] = json!(["somewhere in the manual"]);
    });
    assert_one(&e, "names neither a clause", "forms[0] (build).citations[0]", "forms.json");
}

#[test]
fn missing_translation_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        node_mut(flow, "q_operations_access")["text"]["en"] = json!("");
    });
    assert_one(&e, "missing translation", "(q_operations_access).text.en", "flow.json");
}

#[test]
fn switch_without_a_case_for_a_value_is_rejected() {
    let e = reject_with("flow.json", |flow| {
        node_mut(flow, "s_listing_none_important")["cases"].as_array_mut().expect("cases").pop();
    });
    assert_one(
        &e,
        "value \"unlisted\" of fact Appendix1Status has no case",
        "(s_listing_none_important).cases",
        "flow.json",
    );
}

#[test]
fn unknown_warning_id_is_rejected() {
    let e = reject_with("warnings.json", |w| {
        w["warnings"][0]["warning_id"] = json!("w-made-up");
    });
    assert_one(&e, "unknown warning_id \"w-made-up\"", "warnings[0]", "warnings.json");
}

#[test]
fn syntax_error_in_a_folder_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in itaku_navi::core::rules::embedded::files() {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let broken = dir.path().join("narrowing.json");
    std::fs::write(&broken, "{\n  \"measures\": [\n    {\"narrowing_id\": \"x\",\n  ]\n}\n").expect("write");
    let e = load_dir(dir.path()).expect_err("broken JSON is rejected");
    assert_one(&e, "", "line 4", &broken.display().to_string());
}

#[test]
fn missing_file_in_a_folder_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in itaku_navi::core::rules::embedded::files() {
        if name != "cautions.json" {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
    }
    let e = load_dir(dir.path()).expect_err("missing file is rejected");
    assert_one(&e, "cannot read the file", "(whole file)", "cautions.json");
}

#[test]
fn several_problems_are_all_reported() {
    let e = reject_with("flow.json", |flow| {
        node_mut(flow, "t_inventory")["next"] = json!("s_nowhere");
        node_mut(flow, "q_operations_access")["help"]["ja"] = json!(" ");
    });
    assert!(e.0.len() >= 2, "both problems reported: {e}");
}

#[test]
fn a_rule_set_id_too_long_for_the_footer_is_refused_with_its_place() {
    let err = reject_with("ruleset.json", |v| v["ruleset_id"] = json!("x".repeat(200_000))).to_string();
    assert!(err.contains("ruleset_id") && err.contains("200000 characters") && err.contains("ruleset.json"), "{err}");
}

#[test]
fn a_citation_must_name_a_clause_that_clauses_json_quotes() {
    // A clause that does not exist, and a part of 5.1 that 5.1's quoted parts do not include.
    for bad in ["9.9(9)", "5.1(9)"] {
        let err = reject_with("threats.json", |v| v["threats"][0]["citations"] = json!([bad])).to_string();
        assert!(err.contains(bad) && err.contains("does not quote") && err.contains("threats[0]"), "{bad}: {err}");
    }
    // A clauses.json that lost a cited clause: the citing file says which citation broke.
    let err = reject_with("clauses.json", |v| {
        let clauses = v["clauses"].as_array_mut().expect("clauses");
        clauses.retain(|c| c["clause_id"] != "8.1");
    })
    .to_string();
    assert!(err.contains("8.1(") && err.contains("does not quote"), "{err}");
    // A part of a clause quoted whole still resolves to it (8.1(3) → 8.1).
    let rules = itaku_navi::core::rules::load_embedded().expect("rules");
    assert_eq!(rules.clause("8.1(3)").map(|c| c.clause_id.as_str()), Some("8.1"));
}

/// Issue 23, finding 5: rule folders inside every file limit that multiplied on load. A
/// word for itself of 51 KB holding 〔 省 〕 is refused by name; a short one holding the
/// placeholders loads and appears once per placeholder (one pass, never re-read).
#[test]
fn an_organisation_word_that_would_multiply_is_refused_and_a_short_one_stays_linear() {
    // Within the per-text limit (20 000 characters), as the hostile folder was.
    let word = "〔 省 〕当省〔省〕".repeat(1_950);
    assert!(word.len() > 50_000 && word.chars().count() < 20_000);
    let e = reject_with("organisation.json", |o| o["self_word"]["ja"] = json!(word));
    assert_one(&e, "replaces every 〔 省 〕", "self_word", "organisation.json");
    let mut source = RuleSource::embedded();
    let entry = source.files.iter_mut().find(|(name, _, _)| name == "organisation.json").expect("file");
    let mut value: Value = serde_json::from_str(&entry.2).expect("json");
    value["self_word"]["ja"] = json!("当省〔 省 〕");
    entry.2 = value.to_string();
    let rules = load_source(&source).expect("a short word loads");
    let clause = rules.clauses.clauses.iter().find(|c| c.clause_id == "3.1.2").expect("3.1.2 quotes 〔 省 〕");
    assert!(clause.text.contains("当省〔 省 〕の庁舎内"), "{}", clause.text);
    assert!(!clause.text.contains("当省〔 省 〕の庁舎内当省"), "replaced once: {}", clause.text);
}

/// A draft's fill holding `{slots}` is refused by `check` (it passed before, then `spec`
/// multiplied it to 4.8 GB).
#[test]
fn a_draft_fill_holding_slots_is_refused_with_its_path() {
    let e = reject_with("drafts.json", |d| {
        let fill = "{deliverable}{deliverable}{storage_kind}".repeat(10);
        d["choices"][0]["options"][0]["fill"] = json!(fill);
    });
    assert_one(&e, "cannot hold a {slot}", "choices[0] (deliverable).options[0].fill", "drafts.json");
}

/// A rules folder copied before the screens' names of 付録1 and 表4 moved into
/// `wording.json` (its file lacks every `ui.*` id but `ui.upkeep.citations`) still loads, with
/// the shipped texts; a missing memo wording id is still an error naming it.
#[test]
fn an_older_folder_without_the_screen_wording_loads_with_the_shipped_texts() {
    use itaku_navi::core::rules::wording_ids::SHIPPED_WHEN_MISSING;
    use itaku_navi::core::text::Lang;
    let write_without = |drop: &dyn Fn(&str) -> bool| {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in itaku_navi::core::rules::embedded::files() {
            let text = if name == "wording.json" {
                let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
                let list = v["wording"].as_array_mut().expect("list");
                list.retain(|w| !drop(w["wording_id"].as_str().unwrap_or_default()));
                serde_json::to_string_pretty(&v).expect("json")
            } else {
                text.to_string()
            };
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    };
    let old = write_without(&|id| SHIPPED_WHEN_MISSING.contains(&id));
    let rules = load_dir(old.path()).expect("an older folder loads");
    assert_eq!(rules.words("ui.upkeep.title", Lang::Ja, &[]), "付録1 の更新（5.1(4)）");
    assert_eq!(rules.words("ui.terms.table4", Lang::En, &[]), "表4 Cautions on services on fixed terms");

    let broken = write_without(&|id| id == "memo.heading.terms");
    let e = load_dir(broken.path()).expect_err("memo wording stays required");
    assert!(e.to_string().contains("missing the text of wording_id \"memo.heading.terms\""), "{e}");
}
