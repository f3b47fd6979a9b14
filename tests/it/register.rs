//! The register (issue 14): rows and filters from a folder of cases, the index a rescan
//! reuses, CSV and XLSX read back, the approval bound to the content it covers, the
//! concurrent-save refusal, a re-review round trip, and the `register` command.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use chrono::{Days, NaiveDate};
use itaku_navi::core::case::integrity::{self, ApprovalBinding};
use itaku_navi::core::case::lifecycle::RecordPolicy;
use itaku_navi::core::case::{Approval, ApprovalResult, Case, CaseError, load_case, save_case, save_case_checked};
use itaku_navi::core::edit::{self, Edit};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::register::{self, ApprovalState, Binding, Filter, Query};
use itaku_navi::core::rules::RuleSet;
use itaku_navi::core::text::Lang;

fn rules() -> RuleSet {
    itaku_navi::core::rules::load_embedded().expect("shipped rules")
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn days_from_today(days: i64) -> String {
    let d = if days >= 0 {
        today().checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today().checked_sub_days(Days::new(days.unsigned_abs()))
    };
    d.expect("date in range").format("%Y-%m-%d").to_string()
}

/// An example case with its outcome recorded, as the app saves it.
fn decided(rules: &RuleSet, name: &str, number: &str) -> Case {
    let path = format!("{}/tests/cases/{name}.case.json", env!("CARGO_MANIFEST_DIR"));
    let mut case = load_case(Path::new(&path)).expect("example case");
    case.basics.document_number = number.into();
    let ev = evaluate(rules, &case);
    edit::record_outcome(&mut case, &ev, now());
    case
}

/// Records an approval through the same edit the app uses (it binds it to the content).
fn approve(case: &mut Case, approver: &str, review_by: Option<String>) {
    let a = Approval {
        approver: approver.into(),
        decided_on: days_from_today(-200),
        result: ApprovalResult::ApprovedWithConditions,
        conditions: "年1回の監査".into(),
        review_by,
        approved_content: None,
        action: itaku_navi::core::case::ApprovalAction::default(),
        reference: String::new(),
        recorded_at: None,
        covers_decision: false,
        signature: None,
    };
    edit::apply(case, Edit::PendingApproval(Some(a)), now());
    edit::apply(case, Edit::RecordApproval(itaku_navi::core::case::lifecycle::RecordPolicy::default()), now());
    assert!(case.pending_approval.is_none(), "the approval was recorded");
}

/// A folder with a draft, a case awaiting decision, an expired exception, one due in 20
/// days, an approval outdated by a later change, a self-approval, an unlisted task judged
/// by the officer, an unreadable file, and files that are not cases (a backup, a temporary).
pub(crate) fn folder(rules: &RuleSet) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir(d.join("2026")).expect("sub folder");
    let mut draft = Case::new("nisc-itaku-2011-template", "1.0.0");
    draft.basics.task_name = "下書きの案件".into();
    draft.basics.document_number = "R8-001".into();
    save_case(&d.join("draft.json"), &draft).expect("save");
    save_case(&d.join("awaiting.json"), &decided(rules, "01_permitted_public_content", "R8-002")).expect("save");
    let mut expired = decided(rules, "08_exception_request_payroll_operations", "R8-003");
    approve(&mut expired, "情報 責任者", Some(days_from_today(-10)));
    save_case(&d.join("2026/expired.json"), &expired).expect("save");
    let mut soon = decided(rules, "09_exception_with_residual_high", "R8-004");
    approve(&mut soon, "情報 責任者", Some(days_from_today(20)));
    save_case(&d.join("2026/soon.json"), &soon).expect("save");
    let mut outdated = decided(rules, "03_permitted_build_offsite", "R8-005");
    approve(&mut outdated, "情報 責任者", None);
    let mut b = outdated.basics.clone();
    b.summary.push_str("（承認後に追記）");
    edit::apply(&mut outdated, Edit::Basics(b), now());
    save_case(&d.join("outdated.json"), &outdated).expect("save");
    let mut own = decided(rules, "02_permitted_published_statistics", "R8-006");
    // The program refuses to record it; a file written by hand (or by an older version)
    // can still hold one, and the register must show it.
    let author = own.basics.author.clone();
    approve(&mut own, "別の者", None);
    if let Some(mut a) = own.approval.clone() {
        a.approver = author.replace(' ', "　");
        a.approved_content = Some(integrity::decision_hash(&own, &a));
        own.approval = Some(a);
    }
    save_case(&d.join("self.json"), &own).expect("save");
    save_case(&d.join("judged.json"), &decided(rules, "16_unlisted_judged_not_important", "R8-007")).expect("save");
    std::fs::write(d.join("broken.json"), "{\"schema_version\": 1, \"basics\": ").expect("write");
    std::fs::write(d.join("awaiting.json.bak"), "old").expect("write");
    std::fs::write(d.join(".itaku-navi-x.tmp"), "half").expect("write");
    dir
}

fn by_path<'a>(reg: &'a register::Register, path: &str) -> &'a register::Entry {
    reg.rows
        .iter()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no row {path}"))
        .entry
        .as_ref()
        .expect("readable")
}

fn paths(reg: &register::Register, q: &Query) -> Vec<String> {
    register::select(reg, q, today()).into_iter().map(|i| reg.rows[i].path.clone()).collect()
}

#[test]
fn rows_and_filters_from_a_folder_of_cases() {
    let rules = rules();
    let dir = folder(&rules);
    let (reg, stats) = register::scan(dir.path(), None, &rules).expect("scan");
    assert_eq!(stats.files, 8, "seven cases and the broken file; not the .bak or the temporary");
    assert_eq!(reg.rows.len(), 8);
    let broken = reg.rows.iter().find(|r| r.path == "broken.json").expect("the unreadable file is listed");
    let err = broken.entry.as_ref().expect_err("unreadable");
    assert!(err.contains("broken.json") && err.contains("line"), "the error names the file and the place: {err}");
    assert_eq!(by_path(&reg, "draft.json").state, ApprovalState::Draft);
    assert_eq!(by_path(&reg, "awaiting.json").state, ApprovalState::Awaiting);
    let expired = by_path(&reg, "2026/expired.json");
    assert_eq!(expired.state, ApprovalState::ApprovedWithConditions);
    assert_eq!(expired.binding, Binding::Current);
    assert!(expired.expiry(today()).is_expired());
    assert_eq!(by_path(&reg, "outdated.json").binding, Binding::Outdated);
    assert!(by_path(&reg, "self.json").self_approved, "「山田　太郎」 and 「山田 太郎」 are one name");
    assert!(!expired.self_approved);

    let q = |filter| Query { filter, ..Query::default() };
    assert_eq!(paths(&reg, &q(Filter::Expired)), ["2026/expired.json"]);
    assert_eq!(paths(&reg, &q(Filter::Expiring(30))), ["2026/expired.json", "2026/soon.json"]);
    assert_eq!(paths(&reg, &q(Filter::Expiring(10))), ["2026/expired.json"]);
    assert_eq!(paths(&reg, &q(Filter::Drafts)), ["draft.json"]);
    assert_eq!(paths(&reg, &q(Filter::Awaiting)), ["awaiting.json", "judged.json"]);
    assert_eq!(paths(&reg, &q(Filter::Attention)), ["2026/expired.json", "broken.json", "outdated.json", "self.json"]);
    assert_eq!(paths(&reg, &q(Filter::Unreadable)), ["broken.json"]);
    let section = by_path(&reg, "2026/expired.json").section.clone();
    let only = Query { section: Some(section), ..Query::default() };
    assert_eq!(paths(&reg, &only), ["2026/expired.json", "2026/soon.json"], "both exceptions come from 人事課");
    let search = Query { search: "r8-004".into(), ..Query::default() };
    assert_eq!(paths(&reg, &search), ["2026/soon.json"]);
    let sorted = Query { sort: register::SortKey::DocumentNumber, descending: true, ..Query::default() };
    assert_eq!(paths(&reg, &sorted).first().map(String::as_str), Some("judged.json"), "R8-007 first");
}

#[test]
fn a_rescan_reads_only_what_changed_and_never_trusts_a_stale_index() {
    let rules = rules();
    let dir = folder(&rules);
    let (first, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let (again, stats) = register::scan(dir.path(), Some(first.clone()), &rules).expect("rescan");
    assert_eq!((stats.read, stats.reused), (0, 8));
    assert!(stats.unchanged(), "nothing to write back to the index");
    assert_eq!(again, first);
    // Someone changes one case: only it is read again, and its row follows.
    let path = dir.path().join("draft.json");
    let mut case = load_case(&path).expect("load");
    case.basics.task_name = "名簿の入力（変更）".into();
    save_case(&path, &case).expect("save");
    let (after, stats) = register::scan(dir.path(), Some(again), &rules).expect("rescan");
    assert_eq!((stats.read, stats.reused), (1, 7));
    assert!(!stats.unchanged());
    assert_eq!(by_path(&after, "draft.json").task_name, "名簿の入力（変更）");
    // A case removed: its row goes, and the index must be written again.
    let gone = dir.path().join("gone.json");
    std::fs::copy(&path, &gone).expect("copy");
    let (with, _) = register::scan(dir.path(), Some(after.clone()), &rules).expect("rescan");
    std::fs::remove_file(&gone).expect("remove");
    let (without, stats) = register::scan(dir.path(), Some(with), &rules).expect("rescan");
    assert_eq!((stats.read, stats.gone), (0, 1));
    assert!(!stats.unchanged(), "a row went");
    assert_eq!(without, after);
    // An index of another folder is ignored, not trusted.
    let mut foreign = after.clone();
    foreign.folder = "/somewhere/else".into();
    let (_, stats) = register::scan(dir.path(), Some(foreign), &rules).expect("scan");
    assert_eq!(stats.read, 8);
}

#[test]
fn csv_and_xlsx_hold_the_rows_shown() {
    let rules = rules();
    let dir = folder(&rules);
    let (reg, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let all = register::select(&reg, &Query::default(), today());
    let selection = |picked| register::Selection { rules: &rules, reg: &reg, picked, today: today(), lang: Lang::Ja };
    let csv = register::to_csv(&selection(&all)).expect("csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM, for Excel");
    assert!(csv.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(header[0], "文書番号");
    assert!(header.contains(&"根拠条項".to_string()) && header.contains(&"有効期限・再審査日".to_string()));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 8);
    let expired = rows.iter().find(|r| &r[0] == "R8-003").expect("R8-003");
    assert!(expired[7].starts_with("失効（有効期限 "), "the state today: {:?}", &expired[7]);
    assert!(expired[11].starts_with("期限切れ"), "{:?}", &expired[11]);
    assert!(expired[6].contains("5.1(5)"), "the outcome's clauses: {:?}", &expired[6]);
    let outdated = rows.iter().find(|r| &r[0] == "R8-005").expect("R8-005");
    assert!(outdated[12].contains("要再承認"), "{:?}", &outdated[12]);
    let broken = rows.iter().find(|r| &r[17] == "broken.json").expect("broken row");
    assert!(!broken[18].is_empty(), "the error is in the row");

    let expired_only = register::select(&reg, &Query { filter: Filter::Expired, ..Query::default() }, today());
    let xlsx = register::to_xlsx(&selection(&expired_only)).expect("xlsx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an XLSX is a zip");
    let read = |zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut s).expect("read");
        s
    };
    let sheet = read(&mut zip, "xl/worksheets/sheet1.xml");
    let strings = read(&mut zip, "xl/sharedStrings.xml");
    assert_eq!(sheet.matches("<row ").count(), 2, "the header and the one expired case");
    assert!(strings.contains("R8-003") && strings.contains("文書番号") && !strings.contains("R8-004"));
    assert!(read(&mut zip, "xl/workbook.xml").contains("台帳"));
}

#[test]
fn an_approval_covers_the_content_it_was_given_to() {
    let rules = rules();
    let mut case = decided(&rules, "08_exception_request_payroll_operations", "R8-010");
    assert_eq!(integrity::approval_binding(&case), None);
    approve(&mut case, "情報 責任者", Some(days_from_today(365)));
    assert_eq!(integrity::approval_binding(&case), Some(ApprovalBinding::Current));
    // Recording the outcome on save does not unbind it; a change to the content does.
    let ev = evaluate(&rules, &case);
    edit::record_outcome(&mut case, &ev, now());
    assert_eq!(integrity::approval_binding(&case), Some(ApprovalBinding::Current));
    let mut b = case.basics.clone();
    b.period = "2027-04-01〜2030-03-31".into();
    edit::apply(&mut case, Edit::Basics(b), now());
    assert!(matches!(integrity::approval_binding(&case), Some(ApprovalBinding::Outdated { .. })));
    let memo = itaku_navi::core::memo::build(&rules, &case, Lang::Ja, "2026-12-01");
    let md = itaku_navi::core::memo::markdown::render(&memo);
    assert!(md.contains("承認の後に内容が変更されています"), "the memo says the approval is outdated");
    // Approving again is a new entry, with the approver and the date asked anew.
    let mut again = Approval::blank(itaku_navi::core::case::ApprovalAction::Reapprove, &days_from_today(0));
    again.approver = "情報 次長".into();
    again.result = ApprovalResult::ApprovedWithConditions;
    again.conditions = "年1回の監査".into();
    again.review_by = Some(days_from_today(300));
    edit::apply(&mut case, Edit::PendingApproval(Some(again)), now());
    edit::apply(&mut case, Edit::RecordApproval(itaku_navi::core::case::lifecycle::RecordPolicy::default()), now());
    assert_eq!(integrity::approval_binding(&case), Some(ApprovalBinding::Current));
    assert_eq!(case.approval_entries().count(), 2, "the first approval is kept, not overwritten");
    assert_eq!(case.approval_history[0].approver, "情報 責任者");
    assert_eq!(case.decision().map(|a| a.approver.as_str()), Some("情報 次長"));
}

#[test]
fn a_save_never_overwrites_someone_elses_save() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.json");
    save_case(&path, &decided(&rules, "01_permitted_public_content", "R8-020")).expect("save");
    // Two people open the same file.
    let stamp_a = itaku_navi::core::case::disk_stamp(&path).expect("stamp").expect("exists");
    let stamp_b = stamp_a.clone();
    let mut a = load_case(&path).expect("load");
    let mut b = a.clone();
    a.basics.budget = "600万円".into();
    b.basics.budget = "700万円".into();
    let after_a = save_case_checked(&path, &a, Some(&stamp_a)).expect("the first save goes through");
    let err = save_case_checked(&path, &b, Some(&stamp_b)).expect_err("the second is refused");
    assert!(matches!(err, CaseError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("nothing was overwritten"), "{err}");
    assert_eq!(load_case(&path).expect("load").basics.budget, "600万円", "A's save is kept");
    // A saves again from its own stamp: fine.
    a.basics.budget = "650万円".into();
    save_case_checked(&path, &a, Some(&after_a)).expect("A saves again");
    // A file touched without a change (a copy tool, a share) is not a conflict.
    let stamp = itaku_navi::core::case::disk_stamp(&path).expect("stamp").expect("exists");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_mins(1))
        .expect("touch");
    save_case_checked(&path, &a, Some(&stamp)).expect("same content, other time: no conflict");
}

#[test]
fn a_re_review_keeps_the_old_revision_and_the_memo_lists_the_changes() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("exception.json");
    let mut case = decided(&rules, "08_exception_request_payroll_operations", "R8-030");
    approve(&mut case, "情報 責任者", Some(days_from_today(-1)));
    save_case(&path, &case).expect("save");
    let sealed_old = load_case(&path).expect("load");
    let mut next = sealed_old.clone();
    let (ruleset_id, version) = rules.stamp();
    edit::apply(&mut next, Edit::StartReReview(itaku_navi::core::case::RuleSetStamp { ruleset_id, version }), now());
    assert_eq!(next.revision, 2);
    assert!(next.approval.is_none(), "the new revision waits for a new decision");
    assert_eq!(next.answers, sealed_old.answers, "the answers carry over");
    let mut b = next.basics.clone();
    b.budget = "800万円".into();
    edit::apply(&mut next, Edit::Basics(b), now());
    let ev = evaluate(&rules, &next);
    edit::record_outcome(&mut next, &ev, now());
    save_case(&path, &next).expect("save");
    let reloaded = load_case(&path).expect("reload");
    assert_eq!(reloaded.history.len(), 1);
    let old = &reloaded.history[0].case;
    assert_eq!(old.approval, sealed_old.approval, "the old approval is kept");
    assert_eq!(old.basics.budget, sealed_old.basics.budget);
    assert!(matches!(integrity::verify(old), integrity::Verdict::Intact { .. }), "the old revision stays sealed");
    let memo = itaku_navi::core::memo::build(&rules, &reloaded, Lang::Ja, "2026-12-01");
    let md = itaku_navi::core::memo::markdown::render(&memo);
    assert!(md.contains("前回からの変更"), "{md}");
    assert!(md.contains("予算") && md.contains("800万円") && md.contains("500万円"), "the change is listed");
    assert!(md.contains(old.integrity.as_deref().expect("old seal")), "the previous hash is printed");
    // Tampering with the kept revision breaks the file's seal.
    let text = std::fs::read_to_string(&path).expect("read").replacen("500万円", "100万円", 1);
    let tampered = itaku_navi::core::case::parse_case("t", &text).expect("parse");
    assert!(matches!(integrity::verify(&tampered), integrity::Verdict::Altered { .. }));
}

fn run(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_itaku-navi")).args(args).output().expect("run itaku-navi")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn the_register_command_lists_exports_and_fails_on_an_unreadable_file() {
    let rules = rules();
    let dir = folder(&rules);
    let d = dir.path();
    let out = run(&["register", s(d)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "an unreadable file fails the run: {stderr}");
    assert!(stdout.contains("broken.json | ERROR:"), "{stdout}");
    assert!(stdout.contains("R8-003") && stdout.contains("期限切れ"), "{stdout}");
    assert!(stdout.contains("8 of 8 file(s)"), "{stdout}");
    std::fs::remove_file(d.join("broken.json")).expect("remove");
    let out = run(&["--cases", s(d), "register", "--expiring", "30"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("R8-003") && stdout.contains("R8-004") && !stdout.contains("R8-005"), "{stdout}");
    let exports = tempfile::tempdir().expect("temp dir");
    let csv: PathBuf = exports.path().join("台帳.csv");
    let xlsx = exports.path().join("台帳.xlsx");
    let additions = exports.path().join("additions.json");
    let out = run(&[
        "register",
        s(d),
        "--csv",
        s(&csv),
        "--xlsx",
        s(&xlsx),
        "--appendix1-additions",
        s(&additions),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.contains("Document number") && text.contains("R8-006"), "{text}");
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
    let entries: Vec<itaku_navi::core::rules::files::Appendix1Entry> =
        serde_json::from_str(&std::fs::read_to_string(&additions).expect("additions")).expect("appendix-1 entries");
    assert_eq!(entries.len(), 1, "the one unlisted task the officer judged");
    assert_eq!(entries[0].task.ja, "庁舎案内の多言語翻訳");
    assert!(!entries[0].handles_important);
    assert!(entries[0].citations.iter().any(|c| c == "5.1(4)"));
    let out = run(&["register", s(d), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["rows"].as_array().map(Vec::len), Some(7));
    let out = run(&["register"]);
    assert_eq!(out.status.code(), Some(2), "no folder is a usage error");
}

#[test]
fn verify_fails_on_an_approval_outdated_by_a_later_change() {
    let rules = rules();
    let dir = folder(&rules);
    let out = run(&["verify", s(&dir.path().join("outdated.json"))]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("APPROVAL OUTDATED"), "{stderr}");
    let out = run(&["verify", s(&dir.path().join("2026/expired.json"))]);
    assert_eq!(out.status.code(), Some(5), "expired: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the approval covers this content and this decision"));
    let out = run(&["verify", s(&dir.path().join("2026/soon.json"))]);
    assert_eq!(out.status.code(), Some(0), "due in 20 days, still valid: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("re-review due in 20 days"));
    let out = run(&["verify", s(&dir.path().join("self.json"))]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("self-approval"));
}

#[test]
fn a_resealed_case_needs_a_look_until_its_content_is_approved() {
    use itaku_navi::core::register::{Entry, Row, Seal};
    let rules = rules();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+09:00").expect("time");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json");
    let mut case = integrity::sealed(&load_case(&example).expect("case"));
    assert_eq!(Entry::of(&case, &rules).seal, Seal::Intact);
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    assert!(!Entry::of(&case, &rules).needs_attention(day));
    // Changed outside the app, then accepted and saved (sealed again with the record).
    case.basics.budget = "書き換えた予算".into();
    assert_eq!(Entry::of(&case, &rules).seal, Seal::Altered);
    assert!(integrity::record_reseal(&mut case, now));
    let case = integrity::sealed(&case);
    let entry = Entry::of(&case, &rules);
    assert_eq!(entry.seal, Seal::Resealed);
    assert!(entry.needs_attention(day), "a reseal nobody approved since needs a look");
    let row = Row {
        path: "x.json".into(),
        len: 0,
        modified_ns: None,
        identity: None,
        content_hash: None,
        entry: Ok(Box::new(entry)),
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    assert_eq!(register::cells(&rules, &row, today, Lang::Ja).seal, "再封印（アプリ外の変更を受け入れ）");
    // Approved again after the reseal: the approver saw the accepted change.
    let mut approved = case.clone();
    let mut entry = Approval::blank(itaku_navi::core::case::ApprovalAction::Approve, "2026-12-02");
    entry.approver = "情報セキュリティ責任者".into();
    entry.conditions = "年1回の監査".into();
    entry.result = ApprovalResult::ApprovedWithConditions;
    entry.review_by = Some("2027-12-01".into());
    let later = chrono::DateTime::parse_from_rfc3339("2026-12-02T10:00:00+09:00").expect("time");
    approved.record_approval(entry, RecordPolicy::default(), later).expect("recorded");
    let entry = Entry::of(&integrity::sealed(&approved), &rules);
    assert_eq!(entry.seal, Seal::Resealed);
    assert!(!entry.needs_attention(day), "{entry:?}");
}

// A section can plant a formula in a case (its task name, its author, its file name); the
// register's CSV holds it as text, so whoever opens the register in Excel runs nothing.
#[test]
fn the_csv_never_holds_a_formula_a_case_planted() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("dir");
    let mut case = decided(&rules, "01_permitted_public_content", "=HYPERLINK(\"http://x\",\"R8\")");
    case.basics.task_name = "=cmd|' /C calc'!A0".into();
    case.basics.author = "@SUM(1+1)".into();
    case.basics.section = "＝1+1".into();
    save_case(&dir.path().join("-2+3.json"), &case).expect("save");
    let (reg, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let all = register::select(&reg, &Query::default(), today());
    let csv = register::to_csv(&register::Selection {
        rules: &rules,
        reg: &reg,
        picked: &all,
        today: today(),
        lang: Lang::Ja,
    })
    .expect("csv");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let row = reader.records().next().expect("one row").expect("row");
    let cells: Vec<&str> = row.iter().collect();
    for planted in ["=HYPERLINK(", "=cmd|", "@SUM(", "＝1+1", "-2+3.json"] {
        let cell = cells.iter().find(|c| c.contains(planted)).unwrap_or_else(|| panic!("{planted} in {cells:?}"));
        assert!(cell.starts_with('\''), "{cell:?} is text");
    }
    assert!(
        cells.iter().all(|c| !c.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])),
        "no cell starts a formula: {cells:?}"
    );
    // Ordinary text is left as it is.
    assert_eq!(itaku_navi::core::text::as_spreadsheet_text("人事課").as_ref(), "人事課");
    assert_eq!(itaku_navi::core::text::as_spreadsheet_text("2026-12-05").as_ref(), "2026-12-05");
}

// Issue 23 finding 4: a pipe, a device, a link out of the folder and a huge file each become
// an error row at once; nothing hangs and nothing is read whole into memory.
#[cfg(unix)]
#[test]
fn the_register_never_hangs_on_a_pipe_a_device_a_link_out_or_a_huge_file() {
    let rules = rules();
    let outside = tempfile::tempdir().expect("dir");
    let secret = outside.path().join("secret.json");
    save_case(&secret, &Case::new("nisc-itaku-2011-template", "1.0.0")).expect("save");
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    save_case(&d.join("good.json"), &Case::new("nisc-itaku-2011-template", "1.0.0")).expect("save");
    let fifo = d.join("x.case.json");
    assert!(Process::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.json")).expect("link");
    std::os::unix::fs::symlink(&secret, d.join("out.json")).expect("link");
    std::os::unix::fs::symlink(d.join("good.json"), d.join("inside.json")).expect("link");
    let huge = std::fs::File::create(d.join("huge.json")).expect("create");
    huge.set_len(itaku_navi::core::textfile::FILE_LIMIT + 1).expect("sparse");
    let started = std::time::Instant::now();
    let (reg, _) = register::scan(d, None, &rules).expect("scan");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    let row = |p: &str| reg.rows.iter().find(|r| r.path == p).unwrap_or_else(|| panic!("{p}")).entry.clone();
    assert!(row("x.case.json").unwrap_err().contains("not a regular file"));
    let zero = row("zero.json").unwrap_err();
    assert!(zero.contains("outside the folder") || zero.contains("not a regular file"), "{zero}");
    assert!(row("out.json").unwrap_err().contains("outside the folder"));
    assert!(row("huge.json").unwrap_err().contains("more than"));
    assert!(row("inside.json").is_ok(), "a link inside the folder is read");
    assert!(row("good.json").is_ok());
    // Opening them in the app or the CLI ends at once too.
    assert!(load_case(&fifo).is_err());
    assert!(load_case(Path::new("/dev/zero")).unwrap_err().to_string().contains("not a regular file"));
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi")).arg("decide").arg(&fifo).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi")).arg("verify").arg(&fifo).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Issue 23, finding 6: a file name with a newline, a carriage return or a terminal escape
/// sequence is printed escaped by `register` and `verify`: it cannot forge a row or colour
/// the terminal.
#[cfg(unix)]
#[test]
fn odd_file_names_are_printed_escaped_never_acted_on() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("dir");
    let case = decided(&rules, "03_permitted_build_offsite", "第1号");
    let odd = dir.path().join("a\nFORGED | row\r\u{1b}[31mred.case.json");
    save_case(&odd, &case).expect("save");
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi")).arg("register").arg(dir.path()).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    assert!(text.contains("a\\u{a}FORGED | row\\u{d}\\u{1b}[31mred.case.json"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("FORGED")), "no forged line: {text}");
    let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi")).arg("verify").arg(&odd).output().expect("run");
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains('\u{1b}') && !all.contains('\r'), "{all:?}");
}

/// Issue 29: `register` keeps the same index as the app, in the folder (or, where the
/// folder cannot be written, in the data folder): a second run reads only what changed.
#[test]
fn the_cli_rescans_only_what_changed_through_the_apps_index() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("dir");
    let data = tempfile::tempdir().expect("data");
    for i in 0..5 {
        save_case(
            &dir.path().join(format!("c{i}.case.json")),
            &decided(&rules, "03_permitted_build_offsite", &format!("第{i}号")),
        )
        .expect("save");
    }
    let run = || {
        let out = Process::new(env!("CARGO_BIN_EXE_itaku-navi"))
            .env("ITAKU_NAVI_DATA_DIR", data.path())
            .arg("register")
            .arg(dir.path())
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or("").to_string()
    };
    assert!(run().ends_with("5 read, 0 unchanged since the last scan"), "first scan reads all");
    let index = dir.path().join(register::index::FOLDER_INDEX);
    assert!(index.is_file(), "kept in the folder");
    let written = std::fs::metadata(&index).and_then(|m| m.modified()).expect("time");
    assert!(run().ends_with("0 read, 5 unchanged since the last scan"), "nothing changed");
    let again = std::fs::metadata(&index).and_then(|m| m.modified()).expect("time");
    assert_eq!(written, again, "an unchanged folder's index is not written again");
    save_case(&dir.path().join("c2.case.json"), &decided(&rules, "01_permitted_public_content", "第9号"))
        .expect("save");
    assert!(run().ends_with("1 read, 4 unchanged since the last scan"), "one changed");
    // The app reads the same index.
    let reg = register::index::load(dir.path(), data.path()).expect("the app finds it");
    assert_eq!(reg.rows.len(), 5);
}

/// A copy of the shipped rules with one 付録1 entry's classification flipped.
pub(crate) fn rules_with_entry_flipped(entry: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in itaku_navi::core::rules::embedded::files() {
        let text = if name == "appendix1.json" {
            let mut doc: serde_json::Value = serde_json::from_str(text).expect("json");
            for e in doc["entries"].as_array_mut().expect("entries") {
                if e["entry_id"] == entry {
                    let was = e["handles_important"].as_bool().expect("bool");
                    e["handles_important"] = serde_json::Value::Bool(!was);
                }
            }
            serde_json::to_string_pretty(&doc).expect("json")
        } else {
            text.to_string()
        };
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// What a rule change does to past decisions (issue 26, part 5): ten decided cases; after
/// 付録1 a1-ex-06 turns 「重要」, `register --reevaluate` lists exactly the two decided under
/// it — each with both outcomes and the entry named — and the register's filter and its
/// CSV say the same; under the shipped rules none is listed.
#[test]
fn register_reevaluate_names_the_past_decisions_a_rule_change_overturns() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("tempdir");
    let names = [
        "01_permitted_public_content",
        "02_permitted_published_statistics",
        "03_permitted_build_offsite",
        "04_narrowed_installation_path",
        "05_narrowed_anonymised_statistics",
        "08_exception_request_payroll_operations",
        "10_prohibited_no_exception",
        "12_free_terms_service_survey",
        "20_stale_answer_kept",
        "24_terms_risks_accepted_with_reasons",
    ];
    for (i, name) in names.iter().enumerate() {
        let case = decided(&rules, name, &format!("R8-{:03}", i + 1));
        assert!(case.outcome.is_some(), "{name} is decided");
        save_case(&dir.path().join(format!("{name}.json")), &case).expect("save");
    }
    let data = tempfile::tempdir().expect("data");
    let run = |rules_dir: Option<&Path>, extra: &[&str]| {
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_itaku-navi"));
        cmd.env("ITAKU_NAVI_DATA_DIR", data.path());
        if let Some(r) = rules_dir {
            cmd.arg("--rules").arg(r);
        }
        cmd.arg("register").arg(dir.path()).arg("--reevaluate").args(extra);
        let out = cmd.output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let same = run(None, &[]);
    assert!(same.contains("0 of 10 file(s)"), "nothing overturned under the same rules: {same}");
    let changed = rules_with_entry_flipped("a1-ex-06");
    let said = run(Some(changed.path()), &[]);
    let lines: Vec<&str> = said.lines().filter(|l| l.contains("現行規則")).collect();
    assert_eq!(lines.len(), 2, "{said}");
    for l in &lines {
        assert!(
            l.contains("記録「委託可」") && l.contains("付録1 2(3)（a1-ex-06）") && l.contains("現在「重要」"),
            "{l}"
        );
    }
    assert!(said.contains("R8-002") && said.contains("R8-009"), "{said}");
    // The same in the register's own filter and in the CSV.
    let changed_rules = itaku_navi::core::rules::load_dir(changed.path()).expect("rules");
    let (reg, _) = register::scan(dir.path(), None, &changed_rules).expect("scan");
    let q = Query { filter: Filter::Overturned, ..Query::default() };
    assert_eq!(register::select(&reg, &q, today()).len(), 2);
    let csv = dir.path().join("台帳.csv");
    let _ = run(Some(changed.path()), &["--csv", csv.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.contains("現行規則では結論が変わる"), "the column is there");
    assert_eq!(text.matches("（a1-ex-06）").count(), 2, "{text}");
}

/// The memo of a re-review says whether the rules changed since the previous revision (each
/// revision keeps the rule set it was decided under) and what today's rules would make of
/// the previous revision (issue 26, part 5).
#[test]
fn a_re_review_memo_says_the_rules_changed_and_what_they_make_of_the_previous_decision() {
    let shipped = rules();
    let mut first = decided(&shipped, "02_permitted_published_statistics", "R8-100");
    approve(&mut first, "情報 責任者", None);
    let first = itaku_navi::core::case::integrity::sealed(&first);
    // Same rules: said so.
    let (ruleset_id, version) = shipped.stamp();
    let mut same = first.clone();
    let stamp = itaku_navi::core::case::RuleSetStamp { ruleset_id: ruleset_id.clone(), version };
    edit::apply(&mut same, Edit::StartReReview(stamp), now());
    let md = itaku_navi::core::memo::markdown::render(&itaku_navi::core::memo::build(
        &shipped,
        &same,
        Lang::Ja,
        "2026-12-06",
    ));
    assert!(md.contains("| 判断に用いた規則 | 前回と同じ規則（nisc-itaku-2011-template 1.0.0） |"), "{md}");
    // Rules of a later version, with the 付録1 entry the case names turned 「重要」.
    let changed = rules_with_entry_flipped("a1-ex-06");
    let path = changed.path().join("ruleset.json");
    let mut info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("ruleset")).expect("json");
    info["version"] = "1.1.0".into();
    std::fs::write(&path, info.to_string()).expect("write");
    let later = itaku_navi::core::rules::load_rules(Some(changed.path())).expect("later rules");
    let mut next = first.clone();
    edit::apply(
        &mut next,
        Edit::StartReReview(itaku_navi::core::case::RuleSetStamp { ruleset_id, version: "1.1.0".into() }),
        now(),
    );
    assert_eq!(next.rule_set.version, "1.1.0", "the new revision is decided under today's rules");
    assert_eq!(next.history[0].case.rule_set.version, "1.0.0", "the old one keeps its own");
    let md =
        itaku_navi::core::memo::markdown::render(&itaku_navi::core::memo::build(&later, &next, Lang::Ja, "2026-12-06"));
    assert!(
        md.contains("前回 nisc-itaku-2011-template 1.0.0 → 今回 nisc-itaku-2011-template 1.1.0：前回の判断の後に規則が変わっています。"),
        "{md}"
    );
    assert!(md.contains("前回の版を現行の規則で判断すると「判断依頼」になります（記録は「委託可」）"), "{md}");
}
