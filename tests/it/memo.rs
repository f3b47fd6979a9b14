//! The decision memo: golden Markdown and HTML for one case of each outcome, escaping of
//! user text, the integrity check catching any edited byte, the PDF's text and attached
//! case, and the DOCX's tables.

use std::path::Path;

use itaku_navi::core::case::integrity::{Verdict, verify};
use itaku_navi::core::case::{Case, load_case, parse_case, save_case};
use itaku_navi::core::memo::pdf_check::page_texts;
use itaku_navi::core::memo::{self, Format, attached_case};
use itaku_navi::core::rules::{RuleSet, load_embedded};
use itaku_navi::core::text::Lang;

const DATE: &str = "2026-11-22";

fn rules() -> RuleSet {
    load_embedded().expect("shipped rules")
}

fn case(name: &str) -> Case {
    load_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name)).expect("example case")
}

const ONE_PER_OUTCOME: [(&str, &str); 5] = [
    ("permitted", "01_permitted_public_content.case.json"),
    ("permitted_narrowed", "04_narrowed_installation_path.case.json"),
    ("judgment_request", "06_judgment_request_unlisted.case.json"),
    ("exception_request", "08_exception_request_payroll_operations.case.json"),
    ("prohibited", "10_prohibited_no_exception.case.json"),
];

#[test]
fn golden_markdown_and_html_for_each_outcome() {
    let rules = rules();
    for (outcome, file) in ONE_PER_OUTCOME {
        let c = case(file);
        let m = memo::build(&rules, &c, Lang::Ja, DATE);
        assert_eq!(m.outcome.map(itaku_navi::core::rules::files::OutcomeKind::id), Some(outcome), "{file}");
        insta::assert_snapshot!(format!("md_{outcome}"), memo::markdown::render(&m));
        insta::assert_snapshot!(format!("html_{outcome}"), memo::html::render(&m));
    }
    let en = memo::build(&rules, &case(ONE_PER_OUTCOME[3].1), Lang::En, DATE);
    insta::assert_snapshot!("md_exception_request_en", memo::markdown::render(&en));
}

#[test]
fn user_text_comes_out_literally() {
    let rules = rules();
    let mut c = case("01_permitted_public_content.case.json");
    c.basics.task_name = "<script>alert('x')</script> | 表".into();
    c.inventory[0].reason = "</td><td>偽のセル & more".into();
    let m = memo::build(&rules, &c, Lang::Ja, DATE);
    let html = memo::html::render(&m);
    assert!(!html.contains("<script>alert"), "script tag must be escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | 表"));
    assert!(html.contains("&lt;/td&gt;&lt;td&gt;偽のセル &amp; more"));
    assert!(!html.contains("</td><td>偽のセル"));
    let md = memo::markdown::render(&m);
    assert!(md.contains("&lt;script&gt;alert('x')&lt;/script&gt; \\| 表"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("&lt;/td&gt;&lt;td&gt;偽のセル &amp; more"), "{md}");
}

#[test]
fn verify_catches_any_edited_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.json");
    save_case(&path, &case("08_exception_request_payroll_operations.case.json")).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let sealed = parse_case("case.json", &text).unwrap();
    assert!(matches!(verify(&sealed), Verdict::Intact { .. }));
    let bytes = text.as_bytes();
    let mut checked = 0;
    for i in 0..bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            continue;
        }
        let mut edited = bytes.to_vec();
        edited[i] = if bytes[i] == b'7' {
            b'8'
        } else if bytes[i].is_ascii_digit() {
            b'7'
        } else if bytes[i] == b'x' {
            b'y'
        } else {
            b'x'
        };
        let edited = String::from_utf8(edited).unwrap();
        checked += 1;
        match parse_case("edited.json", &edited) {
            Err(_) => {} // refused as a case: caught
            Ok(c) => assert!(!matches!(verify(&c), Verdict::Intact { .. }), "byte {i} edited and not caught"),
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// The text of every page of a PDF, as lopdf extracts it (a page it cannot read fails).
fn pdf_text(pdf: &[u8]) -> String {
    page_texts(pdf).expect("a PDF").into_iter().map(|t| t.expect("page text")).collect()
}

#[test]
fn pdf_has_the_title_and_case_name_as_text_and_the_case_attached() {
    let rules = rules();
    let c = case("08_exception_request_payroll_operations.case.json");
    let pdf = memo::render(&rules, &c, Lang::Ja, DATE, Format::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // Extract the text as a reader's copy-and-paste or search would see it.
    // The extractor separates glyph runs with spaces; compare without whitespace.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains("重要な情報を取り扱う情報処理業務の外部委託に係る例外許可申請書"), "{text}");
    assert!(text.contains(&squeeze(&c.basics.task_name)), "{text}");
    assert!(text.contains(&itaku_navi::core::case::integrity::case_hash(&c)[..20]), "the hash is printed");
    let attached = attached_case(&pdf).unwrap();
    let back = parse_case("attached", &attached).unwrap();
    assert!(matches!(verify(&back), Verdict::Intact { .. }));
    assert_eq!(back.basics, c.basics);
}

/// `word/document.xml` of a DOCX.
pub fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document.xml"), &mut xml)
        .expect("UTF-8");
    xml
}

#[test]
fn docx_holds_real_tables() {
    let rules = rules();
    let c = case("08_exception_request_payroll_operations.case.json");
    let xml = document_xml(&memo::render(&rules, &c, Lang::Ja, DATE, Format::Docx).unwrap());
    assert!(xml.matches("<w:tbl>").count() >= 5, "summary, flow, inventory, narrowing, risk, approval tables");
    assert!(xml.contains("例外許可申請書"));
    assert!(xml.contains(&c.basics.task_name));
    assert!(xml.contains("情報漏えい"), "the risk table lists the threats");
}

/// The README's format table lists every memo format with its `--format` name and
/// extensions, as `memo::Format` defines them (one definition; issue 9).
#[test]
fn the_readme_format_table_matches_the_formats() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    for f in itaku_navi::core::memo::Format::ALL {
        let exts: Vec<String> = f.extensions().iter().map(|e| format!("`.{e}`")).collect();
        let row = format!("| {} | `{}` | {} |", f.label(), f.extension(), exts.join(", "));
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
}

/// Control characters (U+000B, U+0001, U+FFFE) typed or pasted into any text made
/// `document.xml` malformed, so Word refused the file while the command exited 0; a
/// bidi override (U+202E) reversed the displayed text. Every format now carries neither
/// (issue 12, findings 3 and 10).
#[test]
fn control_and_bidi_characters_never_reach_a_memo() {
    let rules = rules();
    let mut c = case("08_exception_request_payroll_operations.case.json");
    c.basics.task_name = "給与\u{000B}計算\u{0001}の\u{FFFE}入力\u{202E}gnp.exe".into();
    c.inventory[0].reason = "縦タブ\u{000B}入り\u{0007}".into();
    let bytes = memo::render(&rules, &c, Lang::Ja, DATE, Format::Docx).unwrap();
    let xml = document_xml(&bytes);
    for bad in ['\u{000B}', '\u{0001}', '\u{0007}', '\u{FFFE}', '\u{202E}'] {
        assert!(!xml.contains(bad), "document.xml holds U+{:04X}", u32::from(bad));
    }
    assert!(xml.contains("給与計算の入力\u{FFFD}gnp.exe"), "the text stays, the override is shown as a mark");
    docx_rs::read_docx(&bytes).expect("the DOCX parses as XML again");
    for format in [Format::Markdown, Format::Html] {
        let text = String::from_utf8(memo::render(&rules, &c, Lang::Ja, DATE, format).unwrap()).unwrap();
        assert!(!text.contains('\u{202E}') && !text.contains('\u{000B}'), "{format:?}");
    }
}

/// Markdown: a link, an image, emphasis or code typed into any text stays text, and a
/// blank line in the approval conditions cannot start a fake bullet (issue 12, finding 7).
#[test]
fn markdown_cells_and_list_items_cannot_carry_markup() {
    use itaku_navi::core::case::{Approval, ApprovalResult};
    let rules = rules();
    let mut c = case("01_permitted_public_content.case.json");
    c.basics.task_name =
        "![x](https://example.invalid/a.png) [link](https://example.invalid) *b* _u_ `code` ~~s~~".into();
    c.approval = Some(Approval {
        result: ApprovalResult::ApprovedWithConditions,
        conditions: "条件A\n\n- 偽の条件\n1. 偽の番号".into(),
        approver: "情報セキュリティ責任者".into(),
        decided_on: "2026-11-20".into(),
        review_by: None,
        approved_content: None,
        action: itaku_navi::core::case::ApprovalAction::default(),
        reference: String::new(),
        recorded_at: None,
        covers_decision: false,
        signature: None,
    });
    let md = memo::markdown::render(&memo::build(&rules, &c, Lang::Ja, DATE));
    assert!(
        md.contains(
            r"!\[x\](https://example.invalid/a.png) \[link\](https://example.invalid) \*b\* \_u\_ \`code\` \~\~s\~\~"
        ),
        "{md}"
    );
    assert!(!md.contains("![x]("), "no image");
    assert!(!md.contains("[link]("), "no link");
    assert!(!md.lines().any(|l| l.starts_with("- 偽の条件") || l.starts_with("1. 偽の番号")), "{md}");
    assert!(md.contains("条件A<br><br>- 偽の条件<br>1. 偽の番号"), "{md}");
}

/// The path table's step numbers never go backwards (issue 13, finding 3: 「4. … 6. 約款の確認
/// 5. 範囲の絞り込み」).
#[test]
fn the_path_table_runs_in_step_order() {
    let rules = rules();
    for name in [
        "01_permitted_public_content.case.json",
        "08_exception_request_payroll_operations.case.json",
        "13_terms_unaddressed_foreign.case.json",
    ] {
        let m = memo::build(&rules, &case(name), Lang::Ja, DATE);
        let rows = m
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                memo::Block::Table { headers, rows } if headers.first().is_some_and(|h| h == "手順") => {
                    Some(rows.clone())
                }
                _ => None,
            })
            .expect("path table");
        let numbers: Vec<u32> =
            rows.iter().filter_map(|r| r[0].split('.').next().and_then(|n| n.parse().ok())).collect();
        assert!(numbers.len() >= 4, "{name}: {numbers:?}");
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{name}: {numbers:?}");
    }
}

/// Page 1 carries the request (issue 13, finding 1): the first section says the outcome,
/// what is asked of the approver, how many conditions, and the open warnings.
#[test]
fn the_first_section_tells_the_approver_what_is_asked() {
    let rules = rules();
    for (name, ask) in [
        ("01_permitted_public_content.case.json", "判断の承認"),
        ("06_judgment_request_unlisted.case.json", "該当するか否かの判断"),
        ("08_exception_request_payroll_operations.case.json", "例外としての外部委託の許可又は不許可"),
        ("14_operations_path_contradicts_listing.case.json", "判断の承認"),
        ("24_terms_risks_accepted_with_reasons.case.json", "判断の承認"),
    ] {
        let m = memo::build(&rules, &case(name), Lang::Ja, DATE);
        let first = &m.sections[0];
        assert!(first.heading.ends_with("判断の要旨"), "{name}: {}", first.heading);
        let memo::Block::Fields(fields) = &first.blocks[0] else { panic!("{name}: fields") };
        let get = |k: &str| fields.iter().find(|(l, _)| l == k).map(|(_, v)| v.clone()).unwrap_or_default();
        assert!(get("承認者に求めること").contains(ask), "{name}: {fields:?}");
        let listed = m
            .sections
            .iter()
            .filter(|s| s.heading.ends_with("付すべき条件"))
            .flat_map(|s| &s.blocks)
            .map(|b| if let memo::Block::List(items) = b { items.len() } else { 0 })
            .sum::<usize>();
        assert!(get("付す条件").starts_with(&format!("{listed}件")), "{name}: {}", get("付す条件"));
        // The first conditions are on page 1 in full.
        let on_page_one = fields.iter().filter(|(k, _)| k.starts_with("条件 ")).count();
        assert_eq!(on_page_one, listed.min(5), "{name}");
        let warnings = get("未解決の警告");
        if name.starts_with("14_") {
            assert!(warnings.starts_with('1'), "{name}: the contradicted listing is open: {warnings}");
            assert!(get("承認の前に").contains("警告を解消するか"), "{name}: says what must happen first");
        } else {
            assert_eq!(get("承認の前に"), "", "{name}: nothing to do first");
        }
        // The outcome is named once, never 「例外許可申請 — 例外許可申請」.
        let outcome = get("結論");
        if let Some((a, b)) = outcome.split_once(" — ") {
            assert_ne!(a, b, "{name}");
        }
    }
}

/// An exception request with a residual 高 leads with that risk and the section's reason
/// (issue 13, finding 4); without a reason the case stays undecided (tests/cases/22).
#[test]
fn an_exception_with_a_residual_high_leads_with_it_and_its_reason() {
    let rules = rules();
    let m = memo::build(&rules, &case("09_exception_with_residual_high.case.json"), Lang::Ja, DATE);
    let memo::Block::Fields(fields) = &m.sections[0].blocks[0] else { panic!("fields") };
    let high = fields.iter().find(|(k, _)| k == "残存リスク「高」").expect("the residual 高 on page 1");
    assert!(high.1.contains("情報漏えい") && high.1.contains("専用端末"), "{high:?}");
    let position = fields.iter().position(|(k, _)| k == "残存リスク「高」").expect("listed");
    assert!(position < fields.iter().position(|(k, _)| k == "付す条件").expect("conditions"), "it leads");
}

/// A notice in the conclusion is labelled, not bulleted twice (issue 13, finding 8:
/// 「• ・ 無償のサービス…」).
#[test]
fn a_notice_has_one_bullet() {
    let rules = rules();
    let md =
        memo::markdown::render(&memo::build(&rules, &case("12_free_terms_service_survey.case.json"), Lang::Ja, DATE));
    assert!(md.contains("- 参考: "), "{md}");
    assert!(!md.contains("- ・"), "{md}");
}

#[test]
fn a_long_unbroken_token_wraps_in_the_pdf_and_is_never_cut() {
    let rules = rules();
    let mut c = case("08_exception_request_payroll_operations.case.json");
    let token = "A".repeat(3000);
    c.basics.summary.clone_from(&token);
    let pdf = memo::render(&rules, &c, Lang::Ja, DATE, Format::Pdf).unwrap();
    let count_a = |pdf: &[u8]| pdf_text(pdf).chars().filter(|ch| *ch == 'A').count();
    c.basics.summary = "-".into();
    let without = memo::render(&rules, &c, Lang::Ja, DATE, Format::Pdf).unwrap();
    // Before: 27–69 characters survived, the rest ran off the page. Now every one is on a
    // page (the token goes on to page 2, past the footer, so it is counted, not matched).
    assert_eq!(count_a(&pdf) - count_a(&without), 3000, "the whole token is on the pages");
    c.basics.summary.clone_from(&token);
    // The text formats keep the token as it was typed.
    let md = String::from_utf8(memo::render(&rules, &c, Lang::Ja, DATE, Format::Markdown).unwrap()).unwrap();
    assert!(md.contains(&token));
}

#[test]
fn docx_header_rows_repeat_on_every_page() {
    let rules = rules();
    let c = case("08_exception_request_payroll_operations.case.json");
    let xml = document_xml(&memo::render(&rules, &c, Lang::Ja, DATE, Format::Docx).unwrap());
    let model = memo::build(&rules, &c, Lang::Ja, DATE);
    let headed_tables =
        model.sections.iter().flat_map(|s| &s.blocks).filter(|b| matches!(b, memo::Block::Table { .. })).count();
    assert!(headed_tables >= 3);
    // One repeated header row per table with headers; the key–value tables have none.
    assert_eq!(xml.matches("<w:tblHeader/>").count(), headed_tables, "{xml}");
    assert!(!xml.contains("w:hRule=\"auto\""), "the marks are all replaced");
}

#[test]
fn an_exception_memo_asks_for_the_expiry_in_its_blank_approval_block_and_states_the_risk_levels() {
    let rules = rules();
    let c = case("08_exception_request_payroll_operations.case.json");
    assert!(c.approval.is_none(), "not yet decided");
    let model = memo::build(&rules, &c, Lang::Ja, DATE);
    let labels: Vec<&str> = model.approval.fields.iter().map(|(k, _)| k.as_str()).collect();
    let expiry = labels.iter().position(|k| *k == "有効期限・再審査日").expect("the expiry row is there, blank");
    let seal = labels.iter().position(|k| *k == "印").expect("seal");
    assert!(expiry < seal, "{labels:?}");
    // Another outcome does not ask for it.
    let permitted = memo::build(&rules, &case("01_permitted_public_content.case.json"), Lang::Ja, DATE);
    assert!(!permitted.approval.fields.iter().any(|(k, _)| k == "有効期限・再審査日"));
    // The risk table says where 中 and 高 begin.
    let md = String::from_utf8(memo::render(&rules, &c, Lang::Ja, DATE, Format::Markdown).unwrap()).unwrap();
    let th = rules.thresholds();
    assert!(md.contains(&format!("評価値 {} 以上を「高」、{} 以上を「中」", th.high_from, th.medium_from)), "{md}");
}

/// The payroll case with 400 more items, 台帳ファイル000 to 台帳ファイル399, each with the
/// reason `reason(i)`.
fn payroll_with_ledgers(reason: impl Fn(usize) -> String) -> itaku_navi::core::case::Case {
    let mut c = case("08_exception_request_payroll_operations.case.json");
    let template = c.inventory[0].clone();
    for i in 0..400 {
        c.inventory.push(itaku_navi::core::case::InventoryItem {
            item_id: format!("bulk-{i}"),
            name: format!("台帳ファイル{i:03}"),
            reason: reason(i),
            ..template.clone()
        });
    }
    c
}

#[test]
fn a_long_inventory_in_the_pdf_keeps_every_row_and_heads_every_page_it_runs_on() {
    let rules = rules();
    let c = payroll_with_ledgers(|i| {
        if i % 2 == 0 {
            "機微な内容を含まないが、課内の共有フォルダで複数の職員が編集する".into()
        } else {
            "公開資料".into()
        }
    });
    let pdf = memo::render(&rules, &c, Lang::Ja, DATE, Format::Pdf).expect("pdf");
    let pages: Vec<String> = page_texts(&pdf).expect("text").into_iter().map(Option::unwrap_or_default).collect();
    let all = squeeze(&pages.concat());
    for i in [0, 1, 199, 200, 399] {
        assert!(all.contains(&format!("台帳ファイル{i:03}")), "row {i} is printed");
    }
    // Every page the table runs on after its first starts with the header row.
    let runs_on: Vec<usize> = (0..pages.len())
        .filter(|&p| squeeze(&pages[p]).contains("台帳ファイル") && !squeeze(&pages[p]).contains("台帳ファイル000"))
        .collect();
    assert!(runs_on.len() >= 3, "the table spans pages: {runs_on:?}");
    for p in runs_on {
        let text = squeeze(&pages[p]);
        let header = text.find("理由").expect("the header row");
        let first_row = text.find("台帳ファイル").expect("a row");
        assert!(header < first_row, "page {} begins with the header row", p + 1);
    }
}

#[test]
fn a_long_inventory_in_the_docx_keeps_every_row_in_order_each_paragraph_with_its_own_id() {
    let rules = rules();
    // Text XML must escape, and a line break (a row docx-rs builds itself).
    let c = payroll_with_ledgers(|i| if i == 7 { "一行目\n二行目".into() } else { format!("A&B <{i}> \"引用\"") });
    let xml = document_xml(&memo::render(&rules, &c, Lang::Ja, DATE, Format::Docx).expect("docx"));
    let at: Vec<usize> =
        (0..400).map(|i| xml.find(&format!("台帳ファイル{i:03}")).expect("every row is there")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "rows in the case's order");
    assert!(xml.contains("A&amp;B &lt;399&gt;"), "text escaped");
    assert!(xml.contains("一行目</w:t><w:br w:type=\"textWrapping\" />"), "a line break stays a break");
    let ids: Vec<&str> = xml.match_indices("w14:paraId=\"").map(|(i, m)| &xml[i + m.len()..][..8]).collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "every paragraph has its own id");
    assert!(!xml.contains('\u{E000}') && !xml.contains('\u{E001}'), "no placeholder left");
}

/// A text that looks like the DOCX writer's placeholders (private-use characters) is
/// printed as it is, and every table still holds its rows where they belong.
#[test]
fn a_text_like_a_docx_placeholder_changes_nothing_but_itself() {
    let rules = rules();
    let mark = "\u{E000}body-0\u{E000}";
    let mut c = payroll_with_ledgers(|i| if i == 3 { format!("理由 {mark}") } else { "公開資料".into() });
    c.basics.summary = format!("概要 {mark} \u{E001}0\u{E001}");
    let xml = document_xml(&memo::render(&rules, &c, Lang::Ja, DATE, Format::Docx).expect("docx"));
    assert!(xml.contains(&format!("概要 {mark} \u{E001}0\u{E001}")), "the summary as written");
    assert!(xml.contains(&format!("理由 {mark}")), "the reason as written");
    let at: Vec<usize> =
        (0..400).map(|i| xml.find(&format!("台帳ファイル{i:03}")).expect("every row is there")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "rows in the case's order");
    let summary = xml.find("概要 ").expect("summary");
    assert!(summary < at[0], "the inventory's rows stay in the inventory, after the summary");
}

/// Text without white space (PDF text extraction spaces CJK text unevenly).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_memo_that_shows_other_hashes_verifies_by_the_hash_in_its_footer() {
    use itaku_navi::core::case::integrity::{self, record_reseal};
    use itaku_navi::core::case::lifecycle::start_re_review;
    use itaku_navi::core::memo::pdf_check::pdf_facts;
    let rules = rules();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+09:00").expect("time");
    // A second revision (its memo names the first revision's hash) whose file was changed
    // after its seal and accepted (its memo names both hashes of the reseal).
    let first = integrity::sealed(&case("08_exception_request_payroll_operations.case.json"));
    let mut second = integrity::sealed(&start_re_review(&first, now, first.rule_set.clone()));
    second.basics.budget = "書き換えた予算".into();
    assert!(record_reseal(&mut second, now));
    let others = [first.integrity.clone().expect("sealed"), second.reseals[0].previous_hash.clone()];
    for lang in [Lang::Ja, Lang::En] {
        let pdf = memo::render(&rules, &second, lang, DATE, Format::Pdf).expect("pdf");
        let text: String = pdf_text(&pdf).chars().filter(|c| !c.is_whitespace()).collect();
        for h in &others {
            assert!(text.contains(h.as_str()), "{lang:?}: the memo shows {h}");
        }
        let facts = pdf_facts(&pdf).expect("facts");
        let attached = parse_case("attached", &facts.case_text).expect("case");
        assert_eq!(facts.disagreement(attached.integrity.as_deref()), None, "{lang:?}");
        assert!(
            facts.page_hashes.iter().all(|p| p.len() == 1),
            "{lang:?}: one case hash a page: {:?}",
            facts.page_hashes
        );
    }
}

/// Issue 22 finding 2: an exception with a residual 高 whose reason is recorded says so in
/// its conclusion, and no line of the memo denies another; page 1 names the residual risks
/// by level and asks for nothing already recorded.
#[test]
fn an_exception_with_a_high_risk_accepted_says_so_and_never_contradicts_itself() {
    let rules = rules();
    for (name, high) in [
        ("08_exception_request_payroll_operations.case.json", false),
        ("09_exception_with_residual_high.case.json", true),
    ] {
        let c = case(name);
        let m = memo::build(&rules, &c, Lang::Ja, DATE);
        let text = memo::markdown::render(&m);
        let claims_reduced = text.contains("リスクが十分に低減できると判断したため");
        let denies = text.contains("十分に低減できたとは言えない");
        assert!(!(claims_reduced && denies), "{name}: the conclusion and a warning contradict each other");
        assert_eq!(claims_reduced, !high, "{name}");
        assert_eq!(text.contains("残存リスクが「高」の脅威（「情報漏えい」）が残りますが"), high, "{name}");
        let memo::Block::Fields(fields) = &m.sections[0].blocks[0] else { panic!("fields") };
        let get = |k: &str| fields.iter().find(|(l, _)| l == k).map(|(_, v)| v.clone()).unwrap_or_default();
        assert!(get("残存リスク").contains(if high { "高 1件（情報漏えい）" } else { "中 " }), "{name}: {fields:?}");
        assert_eq!(get("承認の前に"), "", "{name}: nothing to do first");
        assert_eq!(get("未解決の警告"), "なし", "{name}");
    }
}

/// Issue 22 finding 7: a document number is printed as typed, with no space added between
/// its Japanese and its digits.
#[test]
fn a_document_number_prints_exactly_as_typed() {
    let rules = rules();
    let mut c = case("01_permitted_public_content.case.json");
    c.basics.document_number = "福第123号".into();
    let m = memo::build(&rules, &c, Lang::Ja, DATE);
    let pdf = memo::render_memo(&m, &c, memo::Format::Pdf).expect("pdf");
    let pages = memo::pdf_check::page_texts(&pdf).expect("pages");
    let first = pages[0].as_deref().unwrap_or_default();
    assert!(first.contains("福第123号"), "{first}");
}
