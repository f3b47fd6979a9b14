//! The record says only what is so (issue 21): approvals are appended entries, the approval
//! covers its own decision, `verify` compares what each memo page shows with the memo its
//! attached case gives, one lifecycle state reaches every document, the register believes
//! the rules rather than the file, and names are compared as people read them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use itaku_navi::core::case::integrity::{self, ApprovalBinding};
use itaku_navi::core::case::lifecycle::{self, CaseState, RecordPolicy, Refusal};
use itaku_navi::core::case::{Approval, ApprovalAction, ApprovalResult, Case, load_case, save_case};
use itaku_navi::core::edit::{self, Edit};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::register;
use itaku_navi::core::rules::{RuleSet, load_embedded};
use itaku_navi::core::text::Lang;

/// An organisation that requires the approval system's number.
const REFERENCE: RecordPolicy = RecordPolicy { reference_required: true, expiry_required: false };

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_itaku-navi")).args(args).output().expect("run itaku-navi")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn example(name: &str) -> Case {
    let p = format!("{}/tests/cases/{name}.case.json", env!("CARGO_MANIFEST_DIR"));
    load_case(Path::new(&p)).expect("example case")
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).expect("time")
}

fn entry(
    action: ApprovalAction,
    approver: &str,
    on: &str,
    result: ApprovalResult,
    review_by: Option<&str>,
) -> Approval {
    let mut a = Approval::blank(action, on);
    a.approver = approver.into();
    a.result = result;
    if result == ApprovalResult::ApprovedWithConditions {
        a.conditions = "年1回の監査".into();
    }
    a.review_by = review_by.map(Into::into);
    a
}

/// The exception example, decided and approved with conditions until `review_by`.
pub(crate) fn approved_exception(review_by: &str) -> Case {
    let rules = rules();
    let mut case = example("08_exception_request_payroll_operations");
    let ev = evaluate(&rules, &case);
    edit::record_outcome(&mut case, &ev, at("2026-04-01T09:00:00+09:00"));
    let e = entry(
        ApprovalAction::Approve,
        "鈴木 一郎",
        "2026-04-01",
        ApprovalResult::ApprovedWithConditions,
        Some(review_by),
    );
    case.record_approval(e, RecordPolicy::default(), at("2026-04-01T10:00:00+09:00")).expect("recorded");
    integrity::sealed(&case)
}

fn write(dir: &Path, name: &str, case: &Case) -> PathBuf {
    let p = dir.join(name);
    save_case(&p, case).expect("save");
    p
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

// Finding 1: an outdated approval cannot be made current again by anyone who opens the file.
#[test]
fn rebinding_an_outdated_approval_is_a_new_entry_and_never_the_authors() {
    let rules = rules();
    let mut case = approved_exception("2027-03-31");
    case.basics.budget = "新しい予算 1,200万円".into();
    assert!(matches!(integrity::approval_binding(&case), Some(ApprovalBinding::Outdated { .. })));
    let author = case.basics.author.clone();
    let before = case.clone();
    // The author re-approving, however the name is typed, is refused and changes nothing.
    for name in [author.clone(), author.replace(' ', "　"), format!(" {author} ")] {
        let again = entry(ApprovalAction::Reapprove, &name, "2026-12-03", ApprovalResult::Approved, Some("2027-03-31"));
        edit::apply(&mut case, Edit::PendingApproval(Some(again.clone())), at("2026-12-03T10:00:00+09:00"));
        assert!(
            !edit::apply(
                &mut case,
                Edit::RecordApproval(itaku_navi::core::case::lifecycle::RecordPolicy::default()),
                at("2026-12-03T10:00:00+09:00")
            ),
            "{name}: refused"
        );
        assert_eq!(case.approval, before.approval, "{name}: the record is unchanged");
        assert_eq!(lifecycle::refusal(&case, &again, RecordPolicy::default()), Some(Refusal::SelfApproval));
    }
    // Someone else: a new entry, the first kept as it was.
    let again = entry(
        ApprovalAction::Reapprove,
        "佐藤 花子",
        "2026-12-03",
        ApprovalResult::ApprovedWithConditions,
        Some("2027-03-31"),
    );
    edit::apply(&mut case, Edit::PendingApproval(Some(again)), at("2026-12-03T10:00:00+09:00"));
    assert!(edit::apply(
        &mut case,
        Edit::RecordApproval(itaku_navi::core::case::lifecycle::RecordPolicy::default()),
        at("2026-12-03T10:00:00+09:00")
    ));
    assert_eq!(integrity::approval_binding(&case), Some(ApprovalBinding::Current));
    assert_eq!(case.approval_history, before.approval.clone().into_iter().collect::<Vec<_>>());
    let current = case.decision().expect("in force");
    assert_eq!((current.approver.as_str(), current.action), ("佐藤 花子", ApprovalAction::Reapprove));
    // The memo, the register and verify say it was re-approved and that an earlier one exists.
    let md =
        itaku_navi::core::memo::markdown::render(&itaku_navi::core::memo::build(&rules, &case, Lang::Ja, "2026-12-04"));
    assert!(md.contains("再承認 2026-12-03 佐藤 花子（それ以前: 決定 2026-04-01 鈴木 一郎）"), "{md}");
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "rebound.json", &case);
    let (reg, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let cells =
        register::cells(&rules, &reg.rows[0], chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("d"), Lang::Ja);
    assert_eq!(cells.approver, "佐藤 花子（記録 2 件）");
    let out = run(&["verify", s(&path)]);
    assert!(
        text(&out).contains("re-approved 2026-12-03 by 佐藤 花子 (before: decided 2026-04-01 by 鈴木 一郎)"),
        "{}",
        text(&out)
    );
}

/// Swaps, in every page's content, the glyph codes of two characters (as the page's fonts
/// map them back to text): the visible page changes and nothing else does. The PDF is
/// written again as one revision, as qpdf would.
fn swap_glyphs(pdf: &[u8], a: char, b: char, also_text_maps: bool) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).expect("pdf");
    let mut codes: Vec<(String, String)> = Vec::new();
    let hex = |c: char| format!("{:04X}", u32::from(c));
    for obj in doc.objects.values() {
        let Ok(stream) = obj.as_stream() else { continue };
        let Ok(bytes) = stream.decompressed_content() else { continue };
        let cmap = String::from_utf8_lossy(&bytes);
        if !cmap.contains("beginbfchar") {
            continue;
        }
        let (mut ca, mut cb) = (None, None);
        for line in cmap.lines() {
            let parts: Vec<&str> = line.split(['<', '>']).filter(|p| !p.trim().is_empty()).collect();
            if parts.len() == 2 {
                if parts[1].eq_ignore_ascii_case(&hex(a)) {
                    ca = Some(parts[0].to_uppercase());
                }
                if parts[1].eq_ignore_ascii_case(&hex(b)) {
                    cb = Some(parts[0].to_uppercase());
                }
            }
        }
        if let (Some(x), Some(y)) = (ca, cb) {
            codes.push((x, y));
        }
    }
    assert!(!codes.is_empty(), "the fonts map both characters");
    // Glyph codes are two bytes in the page's strings (typst writes hex or literal strings).
    let codes: Vec<([u8; 2], [u8; 2])> = codes
        .iter()
        .filter_map(|(x, y)| {
            let x = u16::from_str_radix(x, 16).ok()?.to_be_bytes();
            let y = u16::from_str_radix(y, 16).ok()?.to_be_bytes();
            Some((x, y))
        })
        .collect();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let mut changed = 0;
    let mut swap = |bytes: &mut Vec<u8>| {
        for unit in bytes.chunks_mut(2) {
            for (x, y) in &codes {
                if unit == x {
                    unit.copy_from_slice(y);
                    changed += 1;
                } else if unit == y {
                    unit.copy_from_slice(x);
                    changed += 1;
                }
            }
        }
    };
    for page in pages {
        let content = doc.get_page_content(page);
        let mut ops = lopdf::content::Content::decode(&content).expect("content");
        for op in &mut ops.operations {
            if op.operator != "TJ" && op.operator != "Tj" {
                continue;
            }
            for operand in &mut op.operands {
                match operand {
                    lopdf::Object::String(bytes, _) => swap(bytes),
                    lopdf::Object::Array(items) => {
                        for item in items {
                            if let lopdf::Object::String(bytes, _) = item {
                                swap(bytes);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        doc.change_page_content(page, ops.encode().expect("encode")).expect("change");
    }
    assert!(changed > 0, "some glyph was swapped");
    if also_text_maps {
        swap_text_maps(&mut doc, a, b);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

// Finding 2: a memo page edited to show another decision does not verify.
#[test]
fn a_memo_page_showing_another_decision_is_altered_naming_the_page() {
    let dir = tempfile::tempdir().expect("dir");
    let mut case = approved_exception("2099-03-31");
    // Rejected instead: the approval block shows ■ 不承認.
    case.approval_history.clear();
    case.approval = None;
    let e = entry(ApprovalAction::Approve, "鈴木 一郎", "2026-04-01", ApprovalResult::Rejected, None);
    case.record_approval(e, RecordPolicy::default(), at("2026-04-01T10:00:00+09:00")).expect("recorded");
    let path = write(dir.path(), "rejected.json", &integrity::sealed(&case));
    let memo = dir.path().join("memo.pdf");
    let out = run(&["memo", s(&path), "-o", s(&memo)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(&["verify", s(&memo)]);
    assert_eq!(out.status.code(), Some(0), "the memo as written verifies: {}", text(&out));
    assert!(text(&out).contains("byte for byte, what its attached case gives"), "{}", text(&out));
    // ■ and □ swapped on the pages: ■ 承認 … □ 不承認, one revision, the hash line intact.
    let edited = dir.path().join("edited.pdf");
    std::fs::write(&edited, swap_glyphs(&std::fs::read(&memo).expect("read"), '■', '□', false)).expect("write");
    let pages = itaku_navi::core::memo::pdf_check::page_texts(&std::fs::read(&edited).expect("read")).expect("pages");
    let last = pages.len();
    assert!(pages[last - 1].as_deref().unwrap_or_default().contains("■ 承認"), "the visible page now reads ■ 承認");
    let out = run(&["verify", s(&edited)]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("ALTERED") && msg.contains("page ") && msg.contains("first differing line"), "{msg}");
    // The same swap, with the fonts' text maps swapped as well: the page shows ■ 承認 and its
    // text still reads □ 承認 … ■ 不承認. What is seen changed: not ok.
    let hidden = dir.path().join("hidden.pdf");
    let swapped = swap_glyphs(&std::fs::read(&memo).expect("read"), '■', '□', true);
    std::fs::write(&hidden, swapped).expect("write");
    let original = itaku_navi::core::memo::pdf_check::page_texts(&std::fs::read(&memo).expect("read")).expect("pages");
    let pages = itaku_navi::core::memo::pdf_check::page_texts(&std::fs::read(&hidden).expect("read")).expect("pages");
    assert_eq!(pages, original, "the text reads as before");
    let out = run(&["verify", s(&hidden)]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("fonts, drawings or structure"), "{}", text(&out));
}

/// Swaps, in every font's text map (`ToUnicode`), the characters two glyphs stand for.
fn swap_text_maps(doc: &mut lopdf::Document, a: char, b: char) {
    let hex = |c: char| format!("{:04X}", u32::from(c));
    let (ha, hb) = (hex(a), hex(b));
    let mut changed = 0;
    for obj in doc.objects.values_mut() {
        let Ok(stream) = obj.as_stream_mut() else { continue };
        let Ok(bytes) = stream.decompressed_content() else { continue };
        let cmap = String::from_utf8_lossy(&bytes).into_owned();
        if !(cmap.contains("beginbfchar") && cmap.contains(&format!("<{ha}>")) && cmap.contains(&format!("<{hb}>"))) {
            continue;
        }
        let swapped = cmap
            .replace(&format!("<{ha}>"), "<@A@>")
            .replace(&format!("<{hb}>"), &format!("<{ha}>"))
            .replace("<@A@>", &format!("<{hb}>"));
        stream.set_plain_content(swapped.into_bytes());
        stream.compress().expect("compress");
        changed += 1;
    }
    assert!(changed > 0, "a text map holds both characters");
}

// Finding 3: the decision is inside what the approval covers; a reseal stays 要確認.
#[test]
fn a_decision_edited_in_the_file_and_resealed_stays_under_review() {
    let rules = rules();
    let mut case = approved_exception("2027-03-31");
    case.approval_history.clear();
    case.approval = None;
    let e = entry(ApprovalAction::Approve, "鈴木 一郎", "2026-04-01", ApprovalResult::Rejected, None);
    case.record_approval(e, RecordPolicy::default(), at("2026-04-01T10:00:00+09:00")).expect("recorded");
    let sealed = integrity::sealed(&case);
    // Edited outside the app: 不承認 → 承認 valid until 2099.
    let mut flipped = sealed.clone();
    if let Some(a) = flipped.approval.as_mut() {
        a.result = ApprovalResult::Approved;
        a.review_by = Some("2099-12-31".into());
    }
    assert!(matches!(integrity::approval_binding(&flipped), Some(ApprovalBinding::Outdated { .. })));
    // Accepted through the reseal dialog, saved.
    assert!(integrity::record_reseal(&mut flipped, at("2026-12-04T09:00:00+09:00")));
    let resealed = integrity::sealed(&flipped);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("d");
    assert_eq!(
        lifecycle::case_state(&resealed, Some(itaku_navi::core::rules::files::OutcomeKind::ExceptionRequest), today),
        CaseState::Resealed
    );
    let e = register::Entry::of(&resealed, &rules);
    assert!(e.needs_attention(today) && e.seal_needs_look(), "{e:?}");
    // Even with the approval's hash recomputed to match, the reseal keeps it under review.
    let mut forged = flipped.clone();
    if let Some(a) = forged.approval.clone() {
        let mut a2 = a.clone();
        a2.approved_content = Some(integrity::decision_hash(&forged, &a));
        forged.approval = Some(a2);
    }
    let forged = integrity::sealed(&forged);
    assert_eq!(integrity::approval_binding(&forged), Some(ApprovalBinding::Current));
    assert!(register::Entry::of(&forged, &rules).needs_attention(today));
}

// Finding 4: an expired exception reads as lapsed in the memo, verify and spec.
#[test]
fn an_expired_exception_says_so_on_page_one_in_verify_and_in_spec() {
    let rules = rules();
    let case = approved_exception("2026-11-30");
    let memo = itaku_navi::core::memo::build(&rules, &case, Lang::Ja, "2026-12-05");
    let first = &memo.sections[0];
    let page1 = format!("{:?}", first.blocks);
    assert!(page1.contains("失効"), "{page1}");
    assert!(page1.contains("再審査"), "{page1}");
    let ask = rules.words("memo.ask.exception_request", Lang::Ja, &[]);
    assert!(!page1.contains(&ask), "page 1 no longer asks for a permission: {page1}");
    // Before the date it did not say so.
    let earlier = itaku_navi::core::memo::build(&rules, &case, Lang::Ja, "2026-06-01");
    assert!(!format!("{:?}", earlier.sections[0].blocks).contains("失効"));
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "expired.json", &case);
    let out = run(&["verify", s(&path)]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(text(&out).contains("EXPIRED") && text(&out).contains("lapsed"), "{}", text(&out));
    let spec = dir.path().join("spec.md");
    let out = run(&["spec", s(&path), "-o", s(&spec)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("失効"), "{}", text(&out));
    let md = std::fs::read_to_string(&spec).expect("spec");
    assert!(md.contains("有効な承認に基づくものとして使うことはできません"), "{md}");
}

// Finding 5: the register shows what the rules decide, and sees a same-size old-time edit.
#[test]
fn the_register_marks_an_edited_outcome_and_sees_a_same_size_edit_with_the_old_time() {
    let rules = rules();
    let dir = tempfile::tempdir().expect("dir");
    let case = approved_exception("2027-03-31");
    let path = write(dir.path(), "case.json", &case);
    let (first, _) = register::scan(dir.path(), None, &rules).expect("scan");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("d");
    assert!(!first.rows[0].entry.as_ref().expect("row").record_mismatch());
    // The outcome field edited to 委託可 and the file sealed again to match.
    let mut edited = case.clone();
    if let Some(o) = edited.outcome.as_mut() {
        o.outcome = itaku_navi::core::rules::files::OutcomeKind::Permitted;
    }
    let bytes_before = std::fs::read(&path).expect("read");
    let modified = std::fs::metadata(&path).expect("meta").modified().expect("mtime");
    save_case(&path, &integrity::sealed(&edited)).expect("save");
    let mut bytes = std::fs::read(&path).expect("read");
    // Same length as before (pad or cut the trailing whitespace), and the old time put back.
    bytes.resize(bytes_before.len(), b' ');
    std::fs::write(&path, &bytes).expect("write");
    let f = std::fs::File::options().write(true).open(&path).expect("open");
    f.set_times(std::fs::FileTimes::new().set_modified(modified)).expect("set time");
    drop(f);
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), bytes_before.len() as u64);
    let (again, stats) = register::scan(dir.path(), Some(first.clone()), &rules).expect("rescan");
    assert_eq!(stats.read, 1, "the changed file is read again");
    let e = again.rows[0].entry.as_ref().expect("readable");
    assert!(e.record_mismatch(), "{e:?}");
    assert!(e.needs_attention(today));
    let cells = register::cells(&rules, &again.rows[0], today, Lang::Ja);
    assert!(cells.outcome.contains("記録と判定が不一致"), "{}", cells.outcome);
    assert!(
        cells.outcome.starts_with(
            rules.outcome_name(itaku_navi::core::rules::files::OutcomeKind::ExceptionRequest).get(Lang::Ja)
        )
    );
}

// Finding 6: names compared as people read them.
#[test]
fn self_approval_is_caught_in_every_way_a_name_can_be_typed() {
    let mut case = example("01_permitted_public_content");
    let variants = [
        ("山田 太郎", "山田　太郎"),               // full-width space
        ("山田 太郎", "山田太郎"),                 // no space
        ("山田 太郎", "山田\u{200B}太郎"),         // zero-width space
        ("山田 太郎", "山田\u{FEFF} 太郎"),        // byte-order mark
        ("山田 太郎", "山田\u{2060}太郎\u{200D}"), // word joiner, zero-width joiner
        ("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"),              // half-width katakana
        ("Yamada Taro", "ＹＡＭＡＤＡ　ＴＡＲＯ"), // full-width letters, other case
        ("yamada taro", "YAMADA\u{00A0}TARO"),     // case, no-break space
    ];
    for (author, approver) in variants {
        case.basics.author = author.into();
        let e = entry(ApprovalAction::Approve, approver, "2026-12-01", ApprovalResult::Approved, None);
        assert_eq!(
            lifecycle::refusal(&case, &e, RecordPolicy::default()),
            Some(Refusal::SelfApproval),
            "{author} / {approver:?}"
        );
        let mut c = case.clone();
        c.approval = Some(e);
        assert!(lifecycle::self_approved(&c), "{author} / {approver:?}");
    }
    case.basics.author = "山田 太郎".into();
    let other = entry(ApprovalAction::Approve, "山田 次郎", "2026-12-01", ApprovalResult::Approved, None);
    assert_eq!(lifecycle::refusal(&case, &other, RecordPolicy::default()), None);
}

// Finding 7: `memo --reseal` records the reseal in the case it attaches.
#[test]
fn memo_reseal_puts_the_reseal_record_into_the_attached_case() {
    let dir = tempfile::tempdir().expect("dir");
    let mut case = approved_exception("2027-03-31");
    case.basics.budget = "書き換えた予算".into();
    let path = dir.path().join("altered.json");
    std::fs::write(&path, serde_json::to_string_pretty(&case).expect("json")).expect("write");
    let memo = dir.path().join("memo.pdf");
    assert_eq!(run(&["memo", s(&path), "-o", s(&memo)]).status.code(), Some(1), "refused without --reseal");
    let out = run(&["memo", s(&path), "-o", s(&memo), "--reseal"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // The hashes the pages print (footer, reseal) carry no invisible character: copied, they
    // match. (The long-text breaker gives every other long run a break.)
    let hash = format!("sha256:{}", "0123456789abcdef".repeat(4));
    let line = format!("封印時のハッシュ: {hash}、受け入れた内容: {hash}");
    assert_eq!(itaku_navi::core::memo::breakable(&line), line);
    assert!(itaku_navi::core::memo::breakable(&"x".repeat(64)).contains('\u{200B}'));
    let attached = itaku_navi::core::memo::attached_case(&std::fs::read(&memo).expect("read")).expect("attached");
    let attached = itaku_navi::core::case::parse_case("attached", &attached).expect("case");
    assert_eq!(attached.reseals.len(), 1, "the attached case carries the reseal");
    assert!(matches!(integrity::verify(&attached), integrity::Verdict::Intact { .. }));
    let out = run(&["verify", s(&memo)]);
    assert_eq!(out.status.code(), Some(4), "resealed and not approved since: {}", text(&out));
    assert!(
        text(&out).contains("byte for byte, what its attached case gives") && text(&out).contains("resealed"),
        "{}",
        text(&out)
    );
}

// Old files: an approval written before entries opens, verifies and reads as one entry.
#[test]
fn an_approval_written_before_entries_is_one_entry_and_still_verifies() {
    let case = example("01_permitted_public_content");
    let mut json: serde_json::Value = serde_json::to_value(&case).expect("json");
    json["approval"] = serde_json::json!({
        "approver": "情報 太郎", "decided_on": "2026-04-01", "result": "approved", "conditions": "",
        "approved_content": integrity::approval_hash(&case)
    });
    let old: Case = serde_json::from_value(json).expect("an old file reads");
    let old = integrity::sealed(&old);
    assert_eq!(old.approval_entries().count(), 1);
    assert_eq!(old.decision().map(|a| a.action), Some(ApprovalAction::Approve));
    assert_eq!(integrity::approval_binding(&old), Some(ApprovalBinding::Current));
    assert_eq!(
        lifecycle::record_line(&old, Lang::Ja, itaku_navi::core::dates::DateStyle::Western).as_deref(),
        Some("決定 2026-04-01 情報 太郎")
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "old.json", &old);
    let written = std::fs::read_to_string(&path).expect("read");
    assert!(
        !written.contains("\"action\"") && !written.contains("covers_decision"),
        "an old entry is written as it was"
    );
    let out = run(&["verify", s(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("the decision itself is not covered"), "{}", text(&out));
}

// The organisation's profile can require the approval system's number.
#[test]
fn a_profile_that_requires_the_approval_number_refuses_an_entry_without_it() {
    let mut case = approved_exception("2027-03-31");
    let mut e = entry(
        ApprovalAction::Extend,
        "佐藤 花子",
        "2026-12-03",
        ApprovalResult::ApprovedWithConditions,
        Some("2028-03-31"),
    );
    assert_eq!(lifecycle::refusal(&case, &e, REFERENCE), Some(Refusal::NoReference));
    assert_eq!(case.record_approval(e.clone(), REFERENCE, at("2026-12-03T10:00:00+09:00")), Err(Refusal::NoReference));
    e.reference = "総情第123号".into();
    case.record_approval(e, REFERENCE, at("2026-12-03T10:00:00+09:00")).expect("recorded");
    assert_eq!(case.decision().map(|a| a.review_by.as_deref()), Some(Some("2028-03-31")), "the date moved");
    // An extension that moves nothing, and a withdrawal, are entries too.
    let same = entry(
        ApprovalAction::Extend,
        "佐藤 花子",
        "2026-12-04",
        ApprovalResult::ApprovedWithConditions,
        Some("2028-03-31"),
    );
    assert_eq!(lifecycle::refusal(&case, &same, RecordPolicy::default()), Some(Refusal::NoNewDate));
    let withdraw = entry(ApprovalAction::Withdraw, "佐藤 花子", "2026-12-04", ApprovalResult::Approved, None);
    case.record_approval(withdraw, RecordPolicy::default(), at("2026-12-04T10:00:00+09:00")).expect("recorded");
    assert!(case.decision().is_none(), "withdrawn: no decision in force");
    assert_eq!(case.approval_entries().count(), 3);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("d");
    assert_eq!(
        lifecycle::case_state(&case, Some(itaku_navi::core::rules::files::OutcomeKind::ExceptionRequest), today),
        CaseState::Withdrawn
    );
}

// What the form requires is checked when the entry is recorded, not only by the screen: an
// exception permitted needs its expiry, a conditional approval its conditions, and an
// extension cannot turn a decision into another.
#[test]
fn an_entry_is_checked_by_the_record_not_only_by_the_screen() {
    let exception = RecordPolicy { reference_required: false, expiry_required: true };
    let mut case = example("08_exception_request_payroll_operations");
    case.approval = None;
    let mut e = entry(ApprovalAction::Approve, "佐藤 花子", "2026-12-03", ApprovalResult::Approved, None);
    assert_eq!(case.record_approval(e.clone(), exception, at("2026-12-03T10:00:00+09:00")), Err(Refusal::NoExpiry));
    e.review_by = Some("2026-11-30".into());
    assert_eq!(
        lifecycle::refusal(&case, &e, exception),
        Some(Refusal::ExpiryBeforeDecision),
        "lapsed on the day it is given"
    );
    e.review_by = None;
    e.result = ApprovalResult::Rejected;
    assert_eq!(lifecycle::refusal(&case, &e, exception), None, "a rejection needs no expiry");
    e.result = ApprovalResult::ApprovedWithConditions;
    e.review_by = Some("2027-03-31".into());
    assert_eq!(lifecycle::refusal(&case, &e, exception), Some(Refusal::NoConditions));
    e.conditions = "踏み台経由に限る".into();
    case.record_approval(e, exception, at("2026-12-03T10:00:00+09:00")).expect("recorded");
    let mut extend =
        entry(ApprovalAction::Extend, "佐藤 花子", "2026-12-04", ApprovalResult::Approved, Some("2028-03-31"));
    extend.conditions.clear();
    case.record_approval(extend, exception, at("2026-12-04T10:00:00+09:00")).expect("recorded");
    let d = case.decision().expect("in force");
    assert_eq!(d.result, ApprovalResult::ApprovedWithConditions, "an extension keeps the decision");
    assert_eq!(d.conditions, "踏み台経由に限る");
    assert_eq!(d.review_by.as_deref(), Some("2028-03-31"));
}

// The memo's bytes depend on its case and stamp only, never on the day it is made: a memo
// issued long ago is still the memo its case makes, and verifies.
#[test]
fn a_memo_issued_on_another_day_verifies_byte_for_byte() {
    let rules = rules();
    let case = integrity::sealed(&example("01_permitted_public_content"));
    let memo = itaku_navi::core::memo::build(&rules, &case, Lang::Ja, "2025-01-15");
    let pdf = itaku_navi::core::memo::render_memo(&memo, &case, itaku_navi::core::memo::Format::Pdf).expect("pdf");
    // The file carries no date of the day it was made (only the stamp's date of issue).
    let raw = String::from_utf8_lossy(&pdf);
    for dated in ["CreationDate", "ModDate", "xmp:CreateDate", "xmp:ModifyDate", "D:20"] {
        assert!(!raw.contains(dated), "{dated} in the PDF");
    }
    assert!(raw.contains("issued=2025-01-15"), "the stamp");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = run(&["verify", s(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("byte for byte"), "{}", text(&out));
}

/// The memo with its stamp saying another build made it (as a memo of an earlier release
/// reads to this one), written again as one revision.
fn restamp(pdf: &[u8], layout: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).expect("pdf");
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).expect("info");
    let dict = doc.get_dictionary_mut(info).expect("dict");
    let old =
        String::from_utf8_lossy(dict.get(b"Keywords").and_then(lopdf::Object::as_str).expect("keywords")).into_owned();
    let new = old
        .split_whitespace()
        .map(|w| if w.starts_with("layout=") { format!("layout={layout}") } else { w.to_string() });
    dict.set("Keywords", lopdf::Object::string_literal(new.collect::<Vec<_>>().join(" ")));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

// A memo made by another build (an earlier release) is never ALTERED for its layout alone:
// it is checked partly (the hash on every page, the values that decide) and says so.
#[test]
fn a_memo_of_another_build_is_checked_partly_and_never_called_altered_for_its_layout() {
    let dir = tempfile::tempdir().expect("dir");
    let case = approved_exception("2099-03-31");
    let path = write(dir.path(), "approved.json", &integrity::sealed(&case));
    let memo = dir.path().join("memo.pdf");
    assert_eq!(run(&["memo", s(&path), "-o", s(&memo)]).status.code(), Some(0));
    let older = dir.path().join("older.pdf");
    std::fs::write(&older, restamp(&std::fs::read(&memo).expect("read"), "000000000000")).expect("write");
    let out = run(&["verify", s(&older)]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out));
    assert!(text(&out).contains("partial") && text(&out).contains("memo build 000000000000"), "{}", text(&out));
    // Such a memo whose page shows another decision is still ALTERED.
    let edited = dir.path().join("older-edited.pdf");
    let swapped = swap_glyphs(&std::fs::read(&memo).expect("read"), '■', '□', false);
    std::fs::write(&edited, restamp(&swapped, "000000000000")).expect("write");
    let out = run(&["verify", s(&edited)]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
}

/// Page 1 of every memo ends with the state the register shows, in a frame; a state that
/// needs a look (outdated, lapsed) is an alert no reader misses (issue 22, finding 4).
#[test]
fn page_one_ends_with_the_registers_state_framed_and_alerting_when_it_needs_a_look() {
    use itaku_navi::core::case::lifecycle::case_state;
    use itaku_navi::core::memo::Block;
    let rules = rules();
    let notice = |case: &Case, today: &str| {
        let memo = itaku_navi::core::memo::build(&rules, case, Lang::Ja, today);
        match memo.sections[0].blocks.last() {
            Some(Block::Notice { text, alert }) => (text.clone(), *alert),
            other => panic!("page 1 ends with {other:?}"),
        }
    };
    let case = approved_exception("2027-03-31");
    let (text, alert) = notice(&case, "2026-12-05");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
    let state = case_state(&case, evaluate(&rules, &case).outcome.map(|o| o.outcome), today);
    assert!(text.contains(&state.label(Lang::Ja, rules.organisation.date_style)), "the register's words: {text}");
    assert!(!alert, "approved: framed, no alert");
    // Lapsed: the alert.
    let (text, alert) = notice(&case, "2027-04-02");
    assert!(alert && text.contains("失効"), "{text}");
    // Changed after the approval: the alert.
    let mut changed = case.clone();
    changed.basics.summary.push_str("（追記）");
    let (text, alert) = notice(&changed, "2026-12-05");
    assert!(alert && text.contains("要再承認"), "{text}");
    // In the PDF the frame's text is on page 1.
    let memo = itaku_navi::core::memo::build(&rules, &changed, Lang::Ja, "2026-12-05");
    let pdf = itaku_navi::core::memo::render_memo(&memo, &changed, itaku_navi::core::memo::Format::Pdf).expect("pdf");
    let facts = itaku_navi::core::memo::pdf_check::pdf_facts(&pdf).expect("facts");
    let page1: String =
        facts.page_texts[0].clone().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    assert!(page1.contains("承認後に変更あり（要再承認）"), "{page1}");
}
