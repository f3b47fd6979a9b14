//! Approvals only the approver can make (issue 27): the approver's own Ed25519 key (in the
//! user's profile, under a passphrase) signs an approval entry as an SSH signature, checked
//! against the organisation's approver list; `verify`, the register and the memo say what
//! the signature shows, and the forgery routes end in "unsigned" or "signature broken".

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use itaku_navi::core::case::{ApprovalResult, Case, integrity, load_case, save_case};
use itaku_navi::core::rules::{RuleSet, load_rules};
use itaku_navi::core::signing;
use itaku_navi::core::text::Lang;

const PASS: &str = "正しい合言葉 2026";

/// Runs the program with its own profile folder (where the key lives).
fn run(profile: &Path, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_itaku-navi"));
    cmd.env("ITAKU_NAVI_DATA_DIR", profile).env_remove("ITAKU_NAVI_PASSPHRASE").args(args);
    if let Some(p) = passphrase {
        cmd.env("ITAKU_NAVI_PASSPHRASE", p);
    }
    cmd.output().expect("run itaku-navi")
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// A copy of the shipped rules with `approvers.json` holding `approvers` and the profile
/// requiring signatures or not.
fn rules_with(approvers: &serde_json::Value, required: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("rules");
    for (name, text) in itaku_navi::core::rules::embedded::files() {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, text).expect("write");
    }
    let list = serde_json::json!({"notice": {"ja": "承認者一覧", "en": "approvers"}, "approvers": approvers});
    std::fs::write(dir.path().join("approvers.json"), list.to_string()).expect("write");
    let path = dir.path().join("organisation.json");
    let mut org: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("org")).expect("json");
    org["signed_approvals_required"] = required.into();
    std::fs::write(&path, org.to_string()).expect("write");
    dir
}

fn approver(name: &str, key: &str, from: &str) -> serde_json::Value {
    serde_json::json!({"name": name, "role": {"ja": "情報セキュリティ責任者", "en": "Information Security Officer"},
        "public_key": key, "valid_from": from})
}

/// A profile folder with a new key; its public key.
fn new_key(name: &str) -> (tempfile::TempDir, String) {
    let profile = tempfile::tempdir().expect("profile");
    let out = run(profile.path(), &["key", "new", "--name", name], Some(PASS));
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    (profile, String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The approved exception example saved in a folder of its own.
fn approved_case() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("cases");
    let path = dir.path().join("exception.case.json");
    save_case(&path, &crate::record::approved_exception("2027-03-31")).expect("save");
    (dir, path)
}

/// Signs the case's last entry as 鈴木 一郎 with the key in `profile` (the right passphrase).
fn sign_as_suzuki(profile: &Path, rules: &Path, case: &Path) {
    let out = run(profile, &["--rules", s(rules), "sign", s(case), "--as", "鈴木 一郎"], Some(PASS));
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
}

/// Edits the case file as someone with write access would, recomputing every hash that
/// `verify` prints (the decision's binding and the seal) so that only a signature can tell.
fn forge(path: &Path, change: impl FnOnce(&mut Case)) {
    let mut case = load_case(path).expect("case");
    change(&mut case);
    let entry = case.approval.clone().expect("entry");
    let hash = integrity::decision_hash(&case, &entry);
    if let Some(a) = case.approval.as_mut() {
        a.approved_content = Some(hash);
    }
    let sealed = integrity::sealed(&case);
    std::fs::write(path, serde_json::to_string_pretty(&sealed).expect("json")).expect("write");
}

#[test]
fn a_signed_approval_verifies_and_any_change_after_signing_breaks_it() {
    let (profile, public) = new_key("鈴木 一郎");
    assert!(public.starts_with("ssh-ed25519 "), "{public}");
    let rules = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-01-01")]), false);
    let (_cases, path) = approved_case();
    sign_as_suzuki(profile.path(), rules.path(), &path);
    let out = run(profile.path(), &["--rules", s(rules.path()), "verify", s(&path)], None);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(
        said(&out).contains("signed by 鈴木 一郎 (key SHA256:") && said(&out).contains("a listed approver"),
        "{}",
        said(&out)
    );
    assert!(said(&out).contains("approver list: sha256:"), "the list checked with is named");
    // The memo's decision block and the register say the same.
    let loaded = load_rules(Some(rules.path())).expect("rules");
    let case = load_case(&path).expect("case");
    let md = itaku_navi::core::memo::markdown::render(&itaku_navi::core::memo::build(
        &loaded,
        &case,
        Lang::Ja,
        "2026-12-06",
    ));
    assert!(md.contains("| 電子署名 | 鈴木 一郎 の署名（鍵 SHA256:"), "{md}");
    // The decision changed after signing (条件付承認 → 承認), every printed hash recomputed.
    forge(&path, |c| {
        if let Some(a) = c.approval.as_mut() {
            a.result = ApprovalResult::Approved;
            a.conditions.clear();
        }
    });
    let out = run(profile.path(), &["--rules", s(rules.path()), "verify", s(&path)], None);
    assert_eq!(out.status.code(), Some(7), "{}", said(&out));
    assert!(said(&out).contains("signature broken"), "{}", said(&out));
    // The content changed after signing, the same way.
    let (_cases2, path2) = approved_case();
    sign_as_suzuki(profile.path(), rules.path(), &path2);
    forge(&path2, |c| c.basics.budget = "書き換えた予算".into());
    let out = run(profile.path(), &["--rules", s(rules.path()), "verify", s(&path2)], None);
    assert!(said(&out).contains("signature broken") && out.status.code() == Some(7), "{}", said(&out));
}

#[test]
fn a_key_off_the_list_outside_its_validity_or_added_after_the_fact_is_named() {
    let (profile, public) = new_key("鈴木 一郎");
    let listed = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-01-01")]), false);
    let (_cases, path) = approved_case();
    sign_as_suzuki(profile.path(), listed.path(), &path);
    // Checked against a list without the key.
    let empty = rules_with(&serde_json::json!([]), false);
    let out = run(profile.path(), &["--rules", s(empty.path()), "verify", s(&path)], None);
    assert!(
        said(&out).contains("signed by a key not on the approver list") && out.status.code() == Some(7),
        "{}",
        said(&out)
    );
    // A key that counts only from after the decision (2026-04-01).
    let later = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-06-01")]), false);
    let out = run(profile.path(), &["--rules", s(later.path()), "verify", s(&path)], None);
    assert!(said(&out).contains("outside its validity") && out.status.code() == Some(7), "{}", said(&out));
    // A forger adds his own key to the list after the fact: the honest signature now reads
    // as made under another list, and the list checked with is printed by its fingerprint.
    let (_forger, forger_key) = new_key("偽 太郎");
    let edited = rules_with(
        &serde_json::json!([
            approver("鈴木 一郎", &public, "2026-01-01"),
            approver("偽 太郎", &forger_key, "2026-01-01")
        ]),
        false,
    );
    let out = run(profile.path(), &["--rules", s(edited.path()), "verify", s(&path)], None);
    assert!(said(&out).contains("the approver list changed since signing"), "{}", said(&out));
    let a = signing::approvers_fingerprint(&load_rules(Some(listed.path())).expect("rules").approvers);
    let b = signing::approvers_fingerprint(&load_rules(Some(edited.path())).expect("rules").approvers);
    assert_ne!(a, b);
    assert!(said(&out).contains(&b), "the list version used is printed");
}

/// The route the issue found — run verify, copy the hashes it prints into a hand-written
/// approval — ends in "unsigned (needs a look)" where the organisation requires signatures.
#[test]
fn a_hand_written_approval_reads_unsigned_where_signatures_are_required() {
    let (profile, public) = new_key("鈴木 一郎");
    let rules = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-01-01")]), true);
    let dir = tempfile::tempdir().expect("cases");
    let path = dir.path().join("forged.case.json");
    let base = crate::record::approved_exception("2027-03-31");
    save_case(&path, &base).expect("save");
    forge(&path, |c| {
        if let Some(a) = c.approval.as_mut() {
            a.approver = "情報 太郎".into();
        }
    });
    let out = run(profile.path(), &["--rules", s(rules.path()), "verify", s(&path)], None);
    assert!(
        said(&out).contains("ok: the approval covers this content and this decision"),
        "the hashes agree: {}",
        said(&out)
    );
    assert!(said(&out).contains("unsigned (needs a look)"), "{}", said(&out));
    assert_eq!(out.status.code(), Some(7), "never plain ok: {}", said(&out));
    // The register says it, and its filter 「署名なしの承認」 lists it.
    let loaded = load_rules(Some(rules.path())).expect("rules");
    let (reg, _) = itaku_navi::core::register::scan(dir.path(), None, &loaded).expect("scan");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
    let cells = itaku_navi::core::register::cells(&loaded, &reg.rows[0], today, Lang::Ja);
    assert_eq!(cells.signature, "署名なし（要確認）");
    let q = itaku_navi::core::register::Query {
        filter: itaku_navi::core::register::Filter::UnsignedApproval,
        ..Default::default()
    };
    assert_eq!(itaku_navi::core::register::select(&reg, &q, today).len(), 1);
}

/// The signature is an ordinary SSH signature: OpenSSH's own `ssh-keygen -Y verify` accepts
/// it with the approver list as `allowed_signers`, and refuses it for another message.
#[test]
fn openssh_checks_the_same_signature() {
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("ssh-keygen not installed: skipped");
        return;
    }
    let (profile, public) = new_key("鈴木 一郎");
    let rules_dir = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-01-01")]), false);
    let (_cases, path) = approved_case();
    sign_as_suzuki(profile.path(), rules_dir.path(), &path);
    let rules: RuleSet = load_rules(Some(rules_dir.path())).expect("rules");
    let entry = load_case(&path).expect("case").approval.expect("entry");
    let sig = entry.signature.clone().expect("signed");
    let work = tempfile::tempdir().expect("work");
    let allowed = work.path().join("allowed_signers");
    std::fs::write(&allowed, signing::allowed_signers(&rules.approvers)).expect("write");
    let sig_file = work.path().join("approval.sig");
    std::fs::write(&sig_file, &sig.sshsig).expect("write");
    let message = signing::message(&entry, &sig.signer, &sig.approvers).expect("message");
    let keygen = |msg: &[u8]| {
        use std::io::Write as _;
        let mut child = Command::new("ssh-keygen")
            .args(["-Y", "verify", "-f", s(&allowed), "-I", "鈴木_一郎", "-n", signing::NAMESPACE, "-s", s(&sig_file)])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("ssh-keygen");
        child.stdin.take().expect("stdin").write_all(msg).expect("write");
        child.wait_with_output().expect("wait")
    };
    let ok = keygen(&message);
    assert!(ok.status.success(), "{}", said(&ok));
    let mut other = message.clone();
    other.extend_from_slice(b"x");
    assert!(!keygen(&other).status.success(), "another message is refused");
}

#[test]
fn key_handling_says_what_is_wrong_and_loses_nothing() {
    let (profile, public) = new_key("鈴木 一郎");
    let rules = rules_with(&serde_json::json!([approver("鈴木 一郎", &public, "2026-01-01")]), false);
    let (_cases, path) = approved_case();
    let before = std::fs::read(&path).expect("case");
    let out = run(
        profile.path(),
        &["--rules", s(rules.path()), "sign", s(&path), "--as", "鈴木 一郎"],
        Some("違う合言葉です"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(said(&out).contains("the passphrase does not open the signing key"), "{}", said(&out));
    assert_eq!(std::fs::read(&path).expect("case"), before, "the case is untouched");
    // No key in this profile.
    let empty = tempfile::tempdir().expect("profile");
    let out = run(empty.path(), &["--rules", s(rules.path()), "sign", s(&path), "--as", "鈴木 一郎"], Some(PASS));
    assert!(said(&out).contains("no signing key at") && out.status.code() == Some(1), "{}", said(&out));
    // An existing key is never overwritten; a short passphrase is refused.
    let key = std::fs::read(signing::key_path(profile.path())).expect("key");
    let out = run(profile.path(), &["key", "new", "--name", "別人"], Some(PASS));
    assert!(said(&out).contains("never overwritten") && out.status.code() == Some(1), "{}", said(&out));
    assert_eq!(std::fs::read(signing::key_path(profile.path())).expect("key"), key);
    let out = run(empty.path(), &["key", "new", "--name", "鈴木"], Some("短い"));
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    // The private key is encrypted at rest and readable by its owner only.
    let text = String::from_utf8(key).expect("text");
    assert!(text.contains("BEGIN OPENSSH PRIVATE KEY"));
    assert!(signing::load_key(profile.path(), "違う").is_err());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(signing::key_path(profile.path())).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "no one else may read the key");
    }
    let out = run(profile.path(), &["key", "show"], None);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), public);
}

/// Types `text` into the field labelled `label`, one key event per character.
fn type_keys(h: &mut egui_kittest::Harness<'_, itaku_navi::ui::App>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).focus();
    h.run();
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
}

/// In the app: the approver creates a key on the outcome step (passphrase twice), the
/// keeper of the list adds its public key on the upkeep screen, and the approver signs the
/// decision with the passphrase — each typed key by key.
#[test]
fn in_the_app_a_key_is_made_listed_and_the_decision_signed() {
    use crate::ui_wizard::{LOCALE, click, harness_with_rules};
    use egui_kittest::kittest::Queryable;
    use itaku_navi::ui::app::Command as AppCommand;
    let _one = LOCALE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = tempfile::tempdir().expect("profile");
    let rules_dir = rules_with(&serde_json::json!([]), true);
    let (_cases, path) = approved_case();
    let rules = load_rules(Some(rules_dir.path())).expect("rules");
    let mut h = harness_with_rules(data.path(), egui::vec2(1400.0, 1400.0), rules);
    h.state_mut().handle(AppCommand::CloseDialog);
    h.state_mut().handle(AppCommand::SetRulesDir(rules_dir.path().to_path_buf()));
    h.state_mut().handle(AppCommand::CloseDialog);
    h.state_mut().handle(AppCommand::Open(path.clone()));
    let last = h.state().rules.steps.len() - 1;
    h.state_mut().handle(AppCommand::Goto(itaku_navi::ui::Screen::Step(last)));
    h.run();
    assert!(h.query_by_label_contains("署名なし（要確認）").is_some(), "required and unsigned: said so");
    // No key yet: create one.
    type_keys(&mut h, "新しい合言葉", PASS);
    type_keys(&mut h, "もう一度", PASS);
    click(&mut h, "署名鍵を作る");
    let public = signing::public_key(data.path()).expect("key created in the user's profile");
    assert!(matches!(h.state().dialog, Some(itaku_navi::ui::Dialog::Info(ref t)) if t.contains(&public)));
    h.state_mut().handle(AppCommand::CloseDialog);
    // The keeper of the list adds it on the upkeep screen.
    h.state_mut().handle(AppCommand::Goto(itaku_navi::ui::Screen::Upkeep));
    h.run();
    type_keys(&mut h, "氏名", "鈴木 一郎");
    type_keys(&mut h, "公開鍵（ssh-ed25519 で始まる1行）", &public);
    type_keys(&mut h, "鍵の有効期間の始め（YYYY-MM-DD）", "2026-01-01");
    click(&mut h, "一覧に加える");
    click(&mut h, "承認者一覧を保存");
    assert!(matches!(h.state().dialog, Some(itaku_navi::ui::Dialog::Info(_))), "{:?}", h.state().dialog);
    h.state_mut().handle(AppCommand::CloseDialog);
    assert_eq!(h.state().rules.approvers.approvers.len(), 1);
    // The approver signs.
    h.state_mut().handle(AppCommand::Goto(itaku_navi::ui::Screen::Step(last)));
    h.run();
    type_keys(&mut h, "署名鍵の合言葉", PASS);
    click(&mut h, "この決定に署名する");
    h.state_mut().handle(AppCommand::CloseDialog);
    h.run();
    let check = signing::check(h.state().case.approval.as_ref().expect("entry"), &h.state().rules);
    assert!(check.is_trusted(), "{check:?}");
    assert!(h.query_by_label_contains("鈴木 一郎 の署名（鍵 SHA256:").is_some());
}

/// `tests/fixtures/approved-exception.case.json`, the approved exception example that the
/// Windows smoke test signs and verifies under Wine, is what this build records (written
/// again with `ITAKU_UPDATE_FIXTURES=1`).
#[test]
fn the_approved_case_fixture_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/approved-exception.case.json");
    let case = crate::record::approved_exception("2030-03-31");
    let text = serde_json::to_string_pretty(&case).expect("json") + "\n";
    if std::env::var_os("ITAKU_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, &text).expect("write");
    }
    let on_disk = std::fs::read_to_string(&path).expect("fixture (ITAKU_UPDATE_FIXTURES=1 cargo test writes it)");
    assert_eq!(on_disk, text, "the fixture is stale: ITAKU_UPDATE_FIXTURES=1 cargo test the_approved_case_fixture");
    assert!(matches!(integrity::verify(&load_case(&path).expect("loads")), integrity::Verdict::Intact { .. }));
}
