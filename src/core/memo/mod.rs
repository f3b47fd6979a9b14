//! The decision memo: one model built from the case, the rules and the engine's
//! evaluation; Markdown, HTML, DOCX and PDF are renderings of it. The model is a header,
//! a list of sections made of a few kinds of block, an approval block and a footer, so
//! each renderer stays small and they cannot drift apart in content.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod pdf_check;

use crate::core::case::{Access, ApprovalResult, Case, PersonalData, TermsStatus};
use crate::core::engine::{Evaluation, PathKind, evaluate};
use crate::core::rules::RuleSet;
use crate::core::rules::files::{AccessVia, OutcomeKind, Severity};
use crate::core::text::{Lang, l};

/// How the drafts mark a choice still open (「〔要選択：…〕」): every renderer highlights the
/// bracketed text that starts with it (DOCX: yellow, bold; PDF: a show rule of the template).
pub const OPEN_CHOICE_MARK: &str = "〔要選択";

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// Label–value rows (a two-column table).
    Fields(Vec<(String, String)>),
    /// A table with a header row; long tables split across pages with the header repeated.
    Table {
        /// Column headings.
        headers: Vec<String>,
        /// Rows, each with one cell per heading.
        rows: Vec<Vec<String>>,
    },
    /// A bulleted list.
    List(Vec<String>),
    /// A line in a frame no reader misses: the case's state as the register shows it, at
    /// the end of page 1's summary (`alert`: a state that needs a look — approval outdated,
    /// lapsed, resealed — printed red and bold).
    Notice {
        /// The line.
        text: String,
        /// Whether it warns.
        alert: bool,
    },
}

/// A numbered section of the memo.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// The approval block: the decision once recorded, otherwise blank lines to fill in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApprovalBlock {
    /// Heading.
    pub heading: String,
    /// The three choices, with a mark on the one recorded.
    pub choices: Vec<(String, bool)>,
    /// Label–value rows: conditions, date, name, seal, review date.
    pub fields: Vec<(String, String)>,
}

impl ApprovalBlock {
    /// Whether the document carries an approval block (a memo does; the drafts do not).
    #[must_use]
    pub fn is_shown(&self) -> bool {
        !self.heading.is_empty()
    }
}

/// The whole memo.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Memo {
    /// Language of the memo.
    pub lang: Lang,
    /// The outcome, when reached.
    pub outcome: Option<OutcomeKind>,
    /// Title that follows the outcome (判断記録, 判断依頼書, 例外許可申請書, 委託不可の判断記録).
    pub title: String,
    /// Header rows: document number, date, addressee, section, author.
    pub header: Vec<(String, String)>,
    /// Addressee line (情報セキュリティ責任者 殿), with the organisation's title of the role.
    pub addressee: String,
    /// 決裁欄: the organisation's stamp boxes, left to right (none: no stamp row).
    pub stamp_boxes: Vec<String>,
    /// The stamp row's label.
    pub stamp_label: String,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// The approval block.
    pub approval: ApprovalBlock,
    /// Footer: rule set id and version.
    pub rule_set: String,
    /// Integrity hash of the case (`sha256:…`).
    pub hash: String,
    /// Label of the footer's hash line.
    pub hash_label: String,
    /// Label of the rule set in the footer.
    pub rule_set_label: String,
    /// A notice shown while no outcome is reached (a draft).
    pub draft_notice: Option<String>,
    /// The program that made it (`itaku-navi 0.1.0`), printed in the PDF's footer.
    pub made_with: String,
    /// What a memo PDF was made from beyond its attached case (program version, language,
    /// date of issue: [`pdf_check::MemoStamp`]), kept in the PDF's keywords so `verify`
    /// can make the same memo again and compare its pages; empty for the drafts.
    pub keywords: String,
}

/// Text as every format can carry it: control characters that XML forbids (U+0001,
/// U+000B…) and the non-characters U+FFFE/U+FFFF are dropped (Word refused a DOCX holding
/// one), and the bidirectional overrides that can reverse displayed text (U+202A–U+202E,
/// U+2066–U+2069) are shown as a visible mark instead of acting. Tabs and line breaks stay.
#[must_use]
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(c),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

impl Memo {
    /// Applies [`printable`] to every text of the memo, so no renderer meets a character
    /// its format cannot carry.
    pub fn make_printable(&mut self) {
        self.map_texts(&|s: &mut String| {
            if s.chars().any(|c| c.is_control() || ('\u{202A}'..='\u{2069}').contains(&c) || c >= '\u{FFFE}') {
                *s = printable(s);
            }
        });
    }

    /// Applies `f` to every text of the memo the renderers print.
    pub fn map_texts(&mut self, f: &dyn Fn(&mut String)) {
        let pairs = |pairs: &mut Vec<(String, String)>| {
            for (a, b) in pairs {
                f(a);
                f(b);
            }
        };
        f(&mut self.title);
        pairs(&mut self.header);
        self.stamp_boxes.iter_mut().for_each(f);
        for section in &mut self.sections {
            f(&mut section.heading);
            for block in &mut section.blocks {
                match block {
                    Block::Para(p) => f(p),
                    Block::Fields(fields) => pairs(fields),
                    Block::Table { headers, rows } => {
                        headers.iter_mut().for_each(f);
                        rows.iter_mut().flatten().for_each(f);
                    }
                    Block::List(items) => items.iter_mut().for_each(f),
                    Block::Notice { text, .. } => f(text),
                }
            }
        }
        pairs(&mut self.approval.fields);
        f(&mut self.rule_set);
    }
}

/// `itaku-navi VERSION`: the program that made a document.
#[must_use]
pub fn made_with() -> String {
    format!("itaku-navi {}", env!("CARGO_PKG_VERSION"))
}

/// The longest run of characters without a break opportunity that a page can take: a
/// token longer than this (a pasted URL, a hash, a run of letters) gets invisible break
/// points, so it wraps instead of running off the page.
pub const LONGEST_UNBROKEN: usize = 30;

/// `text` with a zero-width space after every [`LONGEST_UNBROKEN`] characters of a run
/// that has no space and no CJK character (where the line breaker could break already).
#[must_use]
pub fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // A printed hash is copied and compared: it never gets an invisible character (the
        // PDF template lets it break between its parts without one).
        if let Some(hash) = leading_hash(rest) {
            out.push_str(hash);
            rest = &rest[hash.len()..];
            run = 0;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        out.push(c);
        let breaks_here = c.is_whitespace() || c == '\u{200B}' || u32::from(c) >= 0x2E80;
        run = if breaks_here { 0 } else { run + 1 };
        if run >= LONGEST_UNBROKEN {
            out.push('\u{200B}');
            run = 0;
        }
    }
    out
}

/// The `sha256:` hash `text` starts with, if it does.
fn leading_hash(text: &str) -> Option<&str> {
    let body = text.strip_prefix(crate::core::case::integrity::PREFIX)?;
    let hex = body.bytes().take_while(u8::is_ascii_hexdigit).count();
    (hex == 64).then(|| &text[..crate::core::case::integrity::PREFIX.len() + 64])
}

/// The footer's rule set: the one the memo was decided under, and the case's own stamp
/// too when it differs, so a memo never prints one rule set while applying another.
#[must_use]
pub fn rule_set_line(rules: &RuleSet, case: &Case, lang: Lang) -> String {
    let (id, version) = rules.stamp();
    let decided = format!("{id} {version}");
    let recorded = format!("{} {}", case.rule_set.ruleset_id, case.rule_set.version);
    if decided == recorded {
        decided
    } else {
        format!("{decided} ({} {recorded})", l(lang, "案件の記録時:", "case recorded under"))
    }
}

/// The memo's title for an outcome.
#[must_use]
pub fn title_for(outcome: Option<OutcomeKind>, lang: Lang) -> String {
    match outcome {
        Some(OutcomeKind::Permitted | OutcomeKind::PermittedNarrowed) => {
            l(lang, "外部委託の可否に関する判断記録", "Record of the outsourcing decision")
        }
        Some(OutcomeKind::JudgmentRequest) => l(
            lang,
            "重要な情報を取り扱う情報処理業務に該当するか否かの判断依頼書",
            "Request for a judgment on whether the task handles important information",
        ),
        Some(OutcomeKind::ExceptionRequest) => l(
            lang,
            "重要な情報を取り扱う情報処理業務の外部委託に係る例外許可申請書",
            "Request for an exception to outsource a task handling important information",
        ),
        Some(OutcomeKind::Prohibited) => l(lang, "外部委託不可の判断記録", "Record of a decision not to outsource"),
        None => l(lang, "外部委託の可否に関する判断記録（作成中）", "Record of the outsourcing decision (draft)"),
    }
}

/// The outcome's short name, followed by the outcome node's title only when that says more
/// (「委託不可 — 委託不可（リスクを十分に低減できない）」, never 「例外許可申請 — 例外許可申請」).
fn outcome_line(name: &str, title: &str) -> String {
    if title == name { name.to_string() } else { format!("{name} — {title}") }
}

fn yes_no(b: bool, lang: Lang) -> String {
    if b { l(lang, "あり", "Yes") } else { l(lang, "なし", "No") }
}

/// The label of the case's hash in every page's footer (Japanese, English): `verify`
/// reads the hash that follows it, not any other hash a page shows (a reseal's or the
/// previous revision's).
pub const HASH_LABEL: (&str, &str) = ("完全性ハッシュ", "Integrity hash");

/// Builds the memo. `issued_on` is the date printed in the header (YYYY-MM-DD).
#[must_use]
pub fn build(rules: &RuleSet, case: &Case, lang: Lang, issued_on: &str) -> Memo {
    let eval = evaluate(rules, case);
    let outcome = eval.outcome.as_ref().map(|o| o.outcome);
    let b = &case.basics;
    let or_blank =
        |s: &str| if s.trim().is_empty() { l(lang, "（未記入）", "(not filled in)") } else { s.to_string() };
    let mut header = vec![
        (l(lang, "文書番号", "Document no."), or_blank(&b.document_number)),
        (l(lang, "日付", "Date"), issued_on.to_string()),
        (l(lang, "担当課室", "Section"), or_blank(&b.section)),
        (l(lang, "作成者", "Prepared by"), or_blank(&b.author)),
    ];
    if case.revision > 1 {
        header.push((l(lang, "版", "Revision"), case.revision.to_string()));
    }
    for r in &case.reseals {
        let when = r.at.format("%Y-%m-%d %H:%M");
        header.push((
            l(lang, "再封印", "Resealed"),
            match lang {
                Lang::Ja => format!(
                    "{when} — 封印後に変更されていたファイルを、変更を承知のうえで受け入れ、再封印しました（封印時のハッシュ: {}、受け入れた内容のハッシュ: {}）",
                    r.previous_hash, r.found_hash
                ),
                Lang::En => format!(
                    "{when} — the file had changed after it was sealed; it was accepted as found and sealed again (hash when sealed: {}; hash of the content found: {})",
                    r.previous_hash, r.found_hash
                ),
            },
        ));
    }
    let conditions = conditions(rules, case, &eval, lang);
    let today =
        crate::core::case::lifecycle::parse_date(issued_on).unwrap_or_else(|| chrono::Local::now().date_naive());
    let state = crate::core::case::lifecycle::case_state(case, outcome, today);
    let mut sections = vec![at_a_glance(rules, case, &eval, &conditions, state, lang), summary(rules, case, lang)];
    if let Some(s) = changes_since(rules, case, lang) {
        sections.push(s);
    }
    sections.push(flow(rules, &eval, lang));
    sections.push(inventory(rules, case, lang));
    if let Some(s) = narrowing(rules, case, lang) {
        sections.push(s);
    }
    if let Some(s) = terms(rules, case, lang) {
        sections.push(s);
    }
    if let Some(s) = risk(rules, case, lang) {
        sections.push(s);
    }
    sections.push(conclusion(rules, &eval, lang));
    sections.push(conditions);
    if let Some(s) = appendix1_request(rules, case, &eval, lang) {
        sections.push(s);
    }
    for (i, s) in sections.iter_mut().enumerate() {
        s.heading = format!("{}. {}", i + 1, s.heading);
    }
    let mut memo = Memo {
        lang,
        outcome,
        title: title_for(outcome, lang),
        header,
        addressee: match lang {
            Lang::Ja => format!("{} 殿", rules.organisation.roles.officer.ja),
            Lang::En => format!("To: the {}", rules.organisation.roles.officer.en),
        },
        stamp_boxes: rules.organisation.stamp_boxes.iter().map(|b| b.get(lang).to_string()).collect(),
        stamp_label: l(lang, "決裁欄", "Approval stamps"),
        sections,
        approval: approval(rules, case, outcome, state, lang),
        rule_set: rule_set_line(rules, case, lang),
        hash: crate::core::case::integrity::case_hash(case),
        hash_label: l(lang, HASH_LABEL.0, HASH_LABEL.1),
        rule_set_label: l(lang, "規則セット", "Rule set"),
        draft_notice: outcome.is_none().then(|| {
            l(
                lang,
                "判断はまだ完了していません。この文書は作成中の記録です。",
                "The decision is not complete yet. This is a draft record.",
            )
        }),
        made_with: made_with(),
        keywords: pdf_check::MemoStamp::current(lang, issued_on).keywords(),
    };
    memo.make_printable();
    memo
}

fn summary(rules: &RuleSet, case: &Case, lang: Lang) -> Section {
    let b = &case.basics;
    let form = b.form.as_deref().and_then(|f| rules.form(f));
    let mut form_text = form.map_or_else(|| l(lang, "（未選択）", "(not chosen)"), |f| f.label.get(lang).to_string());
    if let Some(sub) = form.and_then(|f| f.subforms.iter().find(|s| Some(&s.subform_id) == b.subform.as_ref())) {
        form_text = format!("{form_text}（{}）", sub.label.get(lang));
    }
    let terms = if crate::core::engine::terms_service_used(rules, case) {
        let free = if b.terms_service.free { l(lang, "無償", "free of charge") } else { l(lang, "有償", "paid") };
        format!("{} {} ({free})", l(lang, "利用する:", "Used:"), b.terms_service.service_name)
    } else {
        l(lang, "利用しない", "Not used")
    };
    let lookup = match &case.appendix1 {
        None => l(lang, "（未確認）", "(not checked)"),
        Some(a) => match (&a.entry_id, &a.judgement) {
            (Some(e), _) => rules.appendix1_entry(e).map_or_else(
                || e.clone(),
                |entry| {
                    let class = if entry.handles_important {
                        l(lang, "重要な情報を取り扱う業務", "handles important information")
                    } else {
                        l(lang, "重要な情報を取り扱わない業務", "does not handle important information")
                    };
                    format!("{}（{class}、{}）", entry.task.get(lang), entry.citations.join(", "))
                },
            ),
            (None, Some(j)) => {
                format!(
                    "{} — {} {} {}",
                    rules.words("memo.appendix1.unlisted_judged", lang, &[]),
                    if j.handles_important {
                        l(lang, "重要", "important")
                    } else {
                        l(lang, "重要でない", "not important")
                    },
                    j.decided_on,
                    j.decided_by
                ) + &if j.handles_important || j.condition.trim().is_empty() {
                    String::new()
                } else {
                    format!("{}{}", l(lang, "（条件：", " (on condition: "), j.condition.trim()) + &l(lang, "）", ")")
                }
            }
            (None, None) => rules.words("memo.appendix1.unlisted_open", lang, &[]),
        },
    };
    let mut fields = vec![
        (l(lang, "業務の名称", "Task"), b.task_name.clone()),
        (l(lang, "業務の概要", "Summary"), b.summary.clone()),
        (l(lang, "外部委託の形態", "Form of outsourcing"), form_text),
        (l(lang, "約款による情報処理サービス", "Service on fixed terms"), terms),
        (l(lang, "契約期間", "Contract period"), b.period.clone()),
        (l(lang, "予算", "Budget"), b.budget.clone()),
        (l(lang, "再委託の見込み", "Subcontracting expected"), yes_no(b.subcontracting_expected, lang)),
        (rules.words("memo.field.appendix1_lookup", lang, &[]), lookup),
    ];
    if let Some(a) = &case.appendix1
        && !a.rationale.trim().is_empty()
    {
        fields.push((rules.words("memo.field.appendix1_rationale", lang, &[]), a.rationale.clone()));
    }
    if let Some(a) = &case.appendix1
        && let Some(entry) = a.entry_id.as_deref().and_then(|e| rules.appendix1_entry(e))
    {
        for x in &entry.exclusions {
            let answer = match a.exclusions.get(&x.exclusion_id) {
                Some(true) => l(lang, "含まれる", "Included"),
                Some(false) => l(lang, "含まれない", "Not included"),
                None => l(lang, "未回答", "Not answered"),
            };
            fields.push((
                rules.words("memo.field.appendix1_exclusion", lang, &[]),
                format!("{} — {answer} ({})", x.question.get(lang), x.citations.join(", ")),
            ));
        }
    }
    Section { heading: l(lang, "案件の概要", "Case summary"), blocks: vec![Block::Fields(fields)] }
}

fn flow(rules: &RuleSet, eval: &Evaluation, lang: Lang) -> Section {
    // In the order of the steps, so the numbers never run backwards (「6. 約款の確認」 then
    // 「5. 範囲の絞り込み」 when a switch of step 6 is walked first); within a step, in the
    // order walked (the sort is stable).
    let mut path: Vec<_> = eval.path.iter().collect();
    path.sort_by_key(|p| rules.step_idx(&p.step_id).unwrap_or(usize::MAX));
    let rows = path
        .into_iter()
        .map(|p| {
            let step = rules
                .step_idx(&p.step_id)
                .map_or_else(String::new, |i| format!("{}. {}", i + 1, rules.steps[i].title.get(lang)));
            let answer = match p.kind {
                PathKind::Task => l(lang, "完了", "Done"),
                _ => p.value_label.as_ref().map_or_else(String::new, |v| v.get(lang).to_string()),
            };
            let reason = match p.kind {
                PathKind::Switch => l(lang, "（自動判定）", "(automatic)"),
                _ => p.rationale.clone().unwrap_or_default(),
            };
            vec![step, p.text.get(lang).to_string(), answer, reason, p.citations.join(", ")]
        })
        .collect();
    Section {
        heading: l(lang, "判断の経過", "How the decision was reached"),
        blocks: vec![Block::Table {
            headers: vec![
                l(lang, "手順", "Step"),
                l(lang, "確認事項", "Question"),
                l(lang, "回答", "Answer"),
                l(lang, "理由", "Reason"),
                l(lang, "根拠", "Basis"),
            ],
            rows,
        }],
    }
}

fn inventory(rules: &RuleSet, case: &Case, lang: Lang) -> Section {
    let rows: Vec<Vec<String>> = case
        .inventory
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let access = match item.access {
                Access::Provided => l(lang, "提供", "Provided"),
                Access::Accessible => l(lang, "アクセス可能", "Accessible"),
            };
            // A hidden path names its clause (5.2(3)/(4)); the task itself needs none.
            let path = rules.access_path(item.via);
            let via = if item.via == AccessVia::Direct {
                path.label.get(lang).to_string()
            } else {
                format!("{} ({})", path.label.get(lang), path.citations.join(", "))
            };
            let personal = match item.personal {
                PersonalData::None => l(lang, "なし", "None"),
                PersonalData::Personal => l(lang, "個人情報", "Personal"),
                PersonalData::SpecialCare => l(lang, "要配慮・特定個人情報", "Special care"),
            };
            let mut judged = match item.important {
                Some(true) => l(lang, "重要", "Important"),
                Some(false) => l(lang, "重要でない", "Not important"),
                None => l(lang, "未判断", "Not judged"),
            };
            // What narrowing did to the item, where the reader looks for it.
            let access = match case.narrowing_for(&item.item_id) {
                Some(n) if n.removes_item => {
                    judged.push_str(
                        l(lang, " → 絞り込みにより委託先に取り扱わせない", " → kept from the contractor by narrowing")
                            .as_str(),
                    );
                    format!("{access}{}", l(lang, "（絞り込みにより行わない）", " (not, after narrowing)"))
                }
                Some(n) if !n.measures.is_empty() => {
                    judged.push_str(l(lang, " → 一部を絞り込み", " → narrowed in part").as_str());
                    access
                }
                _ => access,
            };
            vec![(i + 1).to_string(), item.name.clone(), access, via, personal, judged, item.reason.clone()]
        })
        .collect();
    let blocks = if rows.is_empty() {
        vec![Block::Para(l(lang, "洗い出した情報はありません。", "No information listed."))]
    } else {
        vec![Block::Table {
            headers: vec![
                l(lang, "No.", "No."),
                l(lang, "情報", "Information"),
                l(lang, "提供／アクセス", "Provided / accessible"),
                l(lang, "経路", "Path"),
                l(lang, "個人情報", "Personal data"),
                l(lang, "判断", "Judgment"),
                l(lang, "理由", "Reason"),
            ],
            rows,
        }]
    };
    Section { heading: rules.words("memo.heading.inventory", lang, &[]), blocks }
}

fn narrowing(rules: &RuleSet, case: &Case, lang: Lang) -> Option<Section> {
    if case.narrowing.is_empty() {
        return None;
    }
    let rows = case
        .narrowing
        .iter()
        .map(|n| {
            let item = case.item(&n.item_id).map_or_else(|| n.item_id.clone(), |i| i.name.clone());
            let measures: Vec<String> = n
                .measures
                .iter()
                .map(|m| rules.narrowing_measure(m).map_or_else(|| m.clone(), |d| d.label.get(lang).to_string()))
                .collect();
            let effect = if n.removes_item {
                l(lang, "委託先は取り扱わない", "Kept from the contractor")
            } else {
                l(lang, "委託先が取り扱う", "Still handled by the contractor")
            };
            vec![item, measures.join("、"), n.detail.clone(), effect, n.reason.clone()]
        })
        .collect();
    Some(Section {
        heading: rules.words("memo.heading.narrowing", lang, &[]),
        blocks: vec![Block::Table {
            headers: vec![
                l(lang, "情報", "Information"),
                l(lang, "措置", "Measures"),
                l(lang, "具体的な方法（条件）", "How (condition)"),
                l(lang, "結果", "Effect"),
                l(lang, "理由", "Reason"),
            ],
            rows,
        }],
    })
}

/// The cautions of the terms (表4 and 5.2(5)) and how the case met each, as a table: the
/// memo's terms section and the 約款 drafts print it. For bidders (`for_bidders`: the
/// drafts), why the section accepted a risk or left one open stays out: that reasoning is
/// the approver's (the memo keeps it); what the terms or an added measure do stays in.
#[must_use]
pub fn terms_table(rules: &RuleSet, case: &Case, lang: Lang, for_bidders: bool) -> Block {
    let tc = &case.terms_check;
    let rows = rules
        .cautions
        .iter()
        .map(|c| {
            let row = tc.rows.iter().find(|r| r.caution_id == c.caution_id);
            let status = match row.map(|r| r.status) {
                None => l(lang, "未確認", "Not checked"),
                Some(TermsStatus::AddressedByTerms) => l(lang, "約款で対応", "By the terms"),
                Some(TermsStatus::AddressedByMeasure) => l(lang, "追加の対策で対応", "By an added measure"),
                Some(TermsStatus::RiskAccepted) => l(lang, "リスクを受容", "Risk accepted"),
                Some(TermsStatus::NotAddressed) => l(lang, "対応なし", "Not addressed"),
                Some(TermsStatus::NotApplicable) => l(lang, "該当しない", "Does not apply"),
                Some(TermsStatus::ServiceDeclined) => {
                    l(lang, "受け入れられない（このサービスは利用しない）", "Not acceptable (the service is not used)")
                }
            };
            vec![
                c.citations.first().cloned().unwrap_or_default(),
                c.text.get(lang).to_string(),
                status,
                row.map(|r| r.clause.clone()).unwrap_or_default(),
                row.filter(|r| {
                    !for_bidders || matches!(r.status, TermsStatus::AddressedByTerms | TermsStatus::AddressedByMeasure)
                })
                .map(|r| r.note.clone())
                .unwrap_or_default(),
            ]
        })
        .collect();
    Block::Table {
        headers: vec![
            l(lang, "項番", "No."),
            l(lang, "留意事項", "Caution"),
            l(lang, "評価", "Assessment"),
            l(lang, "約款の条項", "Clause of the terms"),
            l(lang, "備考・理由", "Note / reason"),
        ],
        rows,
    }
}

fn terms(rules: &RuleSet, case: &Case, lang: Lang) -> Option<Section> {
    if !crate::core::engine::terms_service_used(rules, case) {
        return None;
    }
    let tc = &case.terms_check;
    Some(Section {
        heading: rules.words("memo.heading.terms", lang, &[]),
        blocks: vec![
            Block::Fields(vec![
                (l(lang, "サービス", "Service"), case.basics.terms_service.service_name.clone()),
                (l(lang, "データの保存場所", "Data location"), tc.data_location.clone()),
                (l(lang, "準拠法", "Governing law"), tc.governing_law.clone()),
                (l(lang, "管轄裁判所", "Competent court"), tc.court.clone()),
            ]),
            terms_table(rules, case, lang, false),
        ],
    })
}

fn risk(rules: &RuleSet, case: &Case, lang: Lang) -> Option<Section> {
    if case.risk.is_empty() {
        return None;
    }
    let th = rules.thresholds();
    let level = |l_: u8, i: u8| match th.level(l_, i) {
        crate::core::risk::RiskLevel::Low => l(lang, "低", "Low"),
        crate::core::risk::RiskLevel::Medium => l(lang, "中", "Medium"),
        crate::core::risk::RiskLevel::High => l(lang, "高", "High"),
    };
    let rows = case
        .risk
        .iter()
        .map(|r| {
            let threat =
                rules.threat(&r.threat_id).map_or_else(|| r.threat_id.clone(), |t| t.name.get(lang).to_string());
            let measures: Vec<String> = r
                .countermeasures
                .iter()
                .map(|c| rules.countermeasure(c).map_or_else(|| c.clone(), |d| d.label.get(lang).to_string()))
                .collect();
            vec![
                threat,
                format!(
                    "{}×{} = {}",
                    r.likelihood_before,
                    r.impact_before,
                    level(r.likelihood_before, r.impact_before)
                ),
                if r.no_effective_countermeasure {
                    l(lang, "有効な対策なし（理由は備考）", "No effective countermeasure (see the note)")
                } else {
                    measures.join("、")
                },
                format!("{}×{} = {}", r.likelihood_after, r.impact_after, level(r.likelihood_after, r.impact_after)),
                r.note.clone(),
            ]
        })
        .collect();
    Some(Section {
        heading: rules.words("memo.heading.risk", lang, &[]),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!(
                    "発生可能性×影響度で評価し、対策後の値を残存リスクとする。評価値 {} 以上を「高」、{} 以上を「中」、それ未満を「低」とする。",
                    th.high_from, th.medium_from
                ),
                Lang::En => format!(
                    "Each threat is rated likelihood × impact; the value after countermeasures is the residual risk. A score of {} or more is High, {} or more Medium, below that Low.",
                    th.high_from, th.medium_from
                ),
            }),
            Block::Table {
                headers: vec![
                    l(lang, "脅威", "Threat"),
                    l(lang, "対策前", "Before"),
                    l(lang, "対策", "Countermeasures"),
                    l(lang, "対策後（残存リスク）", "After (residual)"),
                    l(lang, "備考", "Note"),
                ],
                rows,
            },
        ],
    })
}

fn conclusion(rules: &RuleSet, eval: &Evaluation, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    if let Some(o) = &eval.outcome {
        blocks.push(Block::Fields(vec![
            (l(lang, "結論", "Outcome"), outcome_line(rules.outcome_name(o.outcome).get(lang), o.title.get(lang))),
            (l(lang, "根拠条項", "Basis"), o.basis_citations.join(", ")),
        ]));
        blocks.push(Block::Para(o.explanation.get(lang).to_string()));
    } else {
        let missing = eval
            .next
            .as_ref()
            .map(|p| p.missing.iter().take(20).map(|m| m.get(lang).to_string()).collect())
            .unwrap_or_default();
        blocks.push(Block::Para(l(lang, "結論はまだ出ていません。残っている事項:", "No outcome yet. Still to do:")));
        blocks.push(Block::List(missing));
    }
    if !eval.warnings.is_empty() {
        blocks.push(Block::Para(l(lang, "注意事項:", "Warnings:")));
        blocks.push(Block::List(
            eval.warnings
                .iter()
                .map(|w| {
                    // The list already has a bullet: a notice is labelled, not bulleted twice
                    // (it printed 「• ・ 無償のサービス…」).
                    let mark =
                        if w.severity == Severity::Warning { "⚠".to_string() } else { l(lang, "参考:", "Note:") };
                    format!("{mark} {} ({})", w.text.get(lang), w.citations.join(", "))
                })
                .collect(),
        ));
    }
    Section { heading: l(lang, "結論", "Conclusion"), blocks }
}

/// The box right under the title (issue 13): the outcome, what is asked of the approver,
/// how many conditions the decision carries, and the warnings still open — so the
/// 情報セキュリティ責任者 grasps the request on page 1.
/// What page 1 asks of the approver, by the case's state: a lapsed permission asks for a
/// re-review, not for the decision already given; a decision in force asks for nothing.
fn approver_ask(
    rules: &RuleSet,
    eval: &Evaluation,
    state: crate::core::case::lifecycle::CaseState,
    lang: Lang,
) -> String {
    use crate::core::case::lifecycle::CaseState;
    match (&eval.outcome, state) {
        (None, _) => l(lang, "判断の完了後に提出します", "To be submitted once the decision is complete"),
        (Some(_), CaseState::Expired { .. }) => l(
            lang,
            "許可は失効しています。再審査（新しい版での判断）を行い、改めて決定を求めてください。",
            "The permission has lapsed: re-review the case (a new revision) and ask for a decision again.",
        ),
        (Some(_), CaseState::ApprovalOutdated | CaseState::Resealed) => l(
            lang,
            "変更後の記録を確認のうえ、改めて決定してください。",
            "Check the record as changed and decide again.",
        ),
        (
            Some(_),
            CaseState::Approved | CaseState::ApprovedWithConditions | CaseState::Rejected | CaseState::ReviewDue { .. },
        ) => l(lang, "決定済みです（下の決定欄のとおり）。", "Decided (see the decision block below)."),
        (Some(o), _) => match &o.ask {
            Some(ask) => ask.get(lang).to_string(),
            None => rules.words(&format!("memo.ask.{}", o.outcome.id()), lang, &[]),
        },
    }
}

fn at_a_glance(
    rules: &RuleSet,
    case: &Case,
    eval: &Evaluation,
    conditions: &Section,
    state: crate::core::case::lifecycle::CaseState,
    lang: Lang,
) -> Section {
    let outcome = match &eval.outcome {
        Some(o) => outcome_line(rules.outcome_name(o.outcome).get(lang), o.title.get(lang)),
        None => l(lang, "未決定（作成中）", "Not decided yet (draft)"),
    };
    let ask = approver_ask(rules, eval, state, lang);
    let open: Vec<&crate::core::engine::Warning> =
        eval.warnings.iter().filter(|w| w.severity == Severity::Warning).collect();
    let warnings = if open.is_empty() {
        l(lang, "なし", "None")
    } else {
        let first = open.iter().map(|w| w.text.get(lang)).collect::<Vec<_>>().join(" / ");
        format!("{}{} — {first}", open.len(), l(lang, "件", ""))
    };
    let mut fields =
        vec![(l(lang, "結論", "Outcome"), outcome), (l(lang, "承認者に求めること", "Asked of the approver"), ask)];
    if let Some(line) = crate::core::case::lifecycle::record_line(case, lang) {
        fields.push((l(lang, "決定の記録", "Decisions recorded"), line));
    }
    // An exception requested with a residual 高 leads with those risks and the section's
    // reasons, so the request never reads as if every risk were reduced (5.1(5)).
    if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest) {
        let th = rules.thresholds();
        fields.push((l(lang, "残存リスク", "Residual risks"), residual_summary(rules, case, lang)));
        fields.push((
            l(lang, "有効期限・再審査日（課室の案）", "Expiry or re-review date (proposed)"),
            if case.proposed_review_by.is_empty() {
                l(lang, "（未記入）", "(not given)")
            } else {
                case.proposed_review_by.clone()
            },
        ));
        for r in case
            .risk
            .iter()
            .filter(|r| th.level(r.likelihood_after, r.impact_after) == crate::core::risk::RiskLevel::High)
        {
            let threat = rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(lang));
            fields.push((
                l(lang, "残存リスク「高」", "Residual risk HIGH"),
                format!(
                    "{threat} — {}: {}",
                    l(lang, "それでも十分に低減できるとする理由", "why still held sufficiently reduced"),
                    r.residual_reason
                ),
            ));
        }
    }
    // What the decision would bind, on page 1: the first conditions in full, and where the rest are.
    let listed: Vec<&String> = conditions
        .blocks
        .iter()
        .filter_map(|b| if let Block::List(items) = b { Some(items) } else { None })
        .flatten()
        .collect();
    let more = listed.len().saturating_sub(PAGE_ONE_CONDITIONS);
    let where_rest = if more > 0 {
        format!(
            "{}{more}{}",
            l(lang, "（うち ", " ("),
            l(lang, "件は「付すべき条件」に）", " more under Conditions to impose)")
        )
    } else {
        String::new()
    };
    let count = listed.len();
    fields.push((l(lang, "付す条件", "Conditions"), format!("{count}{}{where_rest}", l(lang, "件", ""))));
    for (i, c) in listed.iter().take(PAGE_ONE_CONDITIONS).enumerate() {
        fields.push((format!("{}{}", l(lang, "条件 ", "Condition "), i + 1), (*c).clone()));
    }
    fields.push((l(lang, "未解決の警告", "Open warnings"), warnings));
    // Decided and still warned: the approver reads first what has to happen before the
    // decision can be approved (a 約款 caution neither met nor accepted reads "委託可"
    // and "not recommended" at once otherwise).
    if !open.is_empty() && eval.outcome.is_some() {
        fields.push((
            l(lang, "承認の前に", "Before approval"),
            l(
                lang,
                "上の警告を解消するか、解消しない理由を記録してから承認を求めてください。警告が残ったままの承認は推奨されません。",
                "Resolve the warnings above, or record why they stay, before asking for approval: approving with a warning open is not recommended.",
            ),
        ));
    }
    // Page 1 ends with the case's state as the register shows it, framed; red when it
    // needs a look (approval outdated, lapsed, resealed).
    let notice = Block::Notice {
        text: format!("{}{} — {}", l(lang, "状態：", "State: "), state.label(lang), state.sentence(lang)),
        alert: state.needs_look(),
    };
    Section { heading: l(lang, "判断の要旨", "At a glance"), blocks: vec![Block::Fields(fields), notice] }
}

/// How many conditions page 1 gives in full.
const PAGE_ONE_CONDITIONS: usize = 5;

/// The residual risks by level, the 高 and 中 ones named: 「高 1件（情報漏えい）、中 2件（…）、低 3件」.
fn residual_summary(rules: &RuleSet, case: &Case, lang: Lang) -> String {
    use crate::core::risk::RiskLevel;
    let th = rules.thresholds();
    let mut parts = Vec::new();
    for (level, ja, en, named) in [
        (RiskLevel::High, "高", "high", true),
        (RiskLevel::Medium, "中", "medium", true),
        (RiskLevel::Low, "低", "low", false),
    ] {
        let rows: Vec<&str> = case
            .risk
            .iter()
            .filter(|r| th.level(r.likelihood_after, r.impact_after) == level)
            .map(|r| rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(lang)))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let names = if named {
            format!("{}{}{}", l(lang, "（", " ("), rows.join(l(lang, "、", ", ").as_str()), l(lang, "）", ")"))
        } else {
            String::new()
        };
        parts.push(match lang {
            Lang::Ja => format!("{ja} {}件{names}", rows.len()),
            Lang::En => format!("{} {en}{names}", rows.len()),
        });
    }
    if parts.is_empty() {
        l(lang, "（評価なし）", "(none assessed)")
    } else {
        parts.join(l(lang, "、", "; ").as_str())
    }
}

/// One condition the decision carries, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionItem {
    /// The condition as the memo words it.
    pub text: String,
    /// Where it comes from: the clauses and catalogue sources behind it, or the approval.
    pub source: String,
    /// A model wording for a contract, quoted from a source the catalogue cites.
    pub model: Option<crate::core::rules::files::ModelWording>,
}

/// Every condition the decision carries (DOMAIN: narrowing measures, an exception's
/// countermeasures, the 表4 measures added, subcontracting, the approver's conditions),
/// each with its source. The memo lists them; the drafts append them as requirements.
#[must_use]
pub fn condition_items(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Vec<ConditionItem> {
    let mut list = Vec::new();
    // Nothing is outsourced under 委託不可: no condition binds it (a measure added to a
    // 約款 service that is then declined would read as a condition of a service not used).
    if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::Prohibited) {
        return list;
    }
    let narrowing_cites = |measures: &[String]| {
        let mut cites: Vec<&str> = measures
            .iter()
            .filter_map(|m| rules.narrowing_measure(m))
            .flat_map(|d| d.citations.iter().map(String::as_str))
            .collect();
        cites.dedup();
        cites.join(", ")
    };
    for n in case.narrowing.iter().filter(|n| n.removes_item) {
        let item = case.item(&n.item_id).map_or_else(|| n.item_id.clone(), |i| i.name.clone());
        let how = if n.detail.trim().is_empty() { n.reason.clone() } else { n.detail.clone() };
        let mut source = narrowing_cites(&n.measures);
        if source.is_empty() {
            source = rules.wording("memo.condition.narrowed").1.join(", ");
        }
        list.push(ConditionItem {
            text: rules.words("memo.condition.narrowed", lang, &[("item", &item), ("how", &how)]),
            source,
            model: None,
        });
    }
    // Narrowing that leaves an item with the contractor still binds it (an exception's
    // partial narrowing): what was narrowed, and how.
    for n in case.narrowing.iter().filter(|n| !n.removes_item && !n.measures.is_empty()) {
        let item = case.item(&n.item_id).map_or_else(|| n.item_id.clone(), |i| i.name.clone());
        let labels: Vec<&str> =
            n.measures.iter().map(|m| rules.narrowing_measure(m).map_or(m.as_str(), |d| d.label.get(lang))).collect();
        let how = if n.detail.trim().is_empty() {
            labels.join("、")
        } else {
            format!("{}（{}）", labels.join("、"), n.detail.trim())
        };
        list.push(ConditionItem {
            text: rules.words("memo.condition.narrowed_partial", lang, &[("item", &item), ("how", &how)]),
            source: narrowing_cites(&n.measures),
            model: None,
        });
    }
    if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::ExceptionRequest) {
        list.extend(exception_countermeasures(rules, case, lang));
    }
    // Cautions of the terms met by a measure the section adds: the measure is a condition.
    for row in case.terms_check.rows.iter().filter(|r| r.status == TermsStatus::AddressedByMeasure) {
        let Some(c) = rules.caution(&row.caution_id) else { continue };
        let measure = [row.note.trim(), row.clause.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" — ");
        let measure = if measure.is_empty() {
            l(lang, "（措置の記載なし）", "(measure not described)")
        } else {
            measure
        };
        list.push(ConditionItem {
            text: rules.words(
                "memo.condition.terms_measure",
                lang,
                &[("caution", c.text.get(lang)), ("measure", &measure), ("cites", &c.citations.join(", "))],
            ),
            source: c.citations.join(", "),
            model: None,
        });
    }
    // A 5.1(3) judgment that holds only under a condition binds the outsourcing.
    if let Some(j) = case.appendix1.as_ref().and_then(|a| a.judgement.as_ref()).filter(|a| !a.handles_important)
        && !j.condition.trim().is_empty()
    {
        list.push(ConditionItem {
            text: rules.words("memo.condition.judgement", lang, &[("condition", j.condition.trim())]),
            source: rules.wording("memo.condition.judgement").1.join(", "),
            model: None,
        });
    }
    if case.basics.subcontracting_expected {
        list.push(ConditionItem {
            text: rules.words("memo.condition.subcontracting", lang, &[]),
            source: rules.wording("memo.condition.subcontracting").1.join(", "),
            model: None,
        });
    }
    if let Some(a) = case.decision()
        && !a.conditions.trim().is_empty()
    {
        list.push(ConditionItem {
            text: format!("{} {}", l(lang, "承認の条件 —", "Conditions of approval —"), a.conditions),
            source: match lang {
                Lang::Ja => format!("{}の承認（{} {}）", rules.organisation.roles.officer.ja, a.decided_on, a.approver),
                Lang::En => {
                    format!("approval by the {} ({} {})", rules.organisation.roles.officer.en, a.decided_on, a.approver)
                }
            },
            model: None,
        });
    }
    list
}

/// An exception's countermeasures as conditions: each measure once, with what the section
/// wrote on the risk rows that chose it.
fn exception_countermeasures(rules: &RuleSet, case: &Case, lang: Lang) -> Vec<ConditionItem> {
    let mut list = Vec::new();
    let mut measures: Vec<&str> = case.risk.iter().flat_map(|r| r.countermeasures.iter().map(String::as_str)).collect();
    measures.sort_unstable();
    measures.dedup();
    for m in measures {
        let def = rules.countermeasure(m);
        let label = def.map_or(m, |d| d.label.get(lang));
        let mut source = rules.wording("memo.condition.countermeasure").1;
        source.extend(def.map(|d| d.citations.clone()).unwrap_or_default());
        // Listed as it is: a risk row's note belongs to its row (the risk table shows it),
        // never to every countermeasure of that row.
        list.push(ConditionItem {
            text: rules.words("memo.condition.countermeasure", lang, &[("label", label)]),
            source: source.join(", "),
            model: def.and_then(|d| d.model_wording.clone()),
        });
    }
    // What the section wrote on a risk row binds once, named by the row's threat.
    for r in case.risk.iter().filter(|r| !r.note.trim().is_empty()) {
        let threat = rules.threat(&r.threat_id).map_or(r.threat_id.as_str(), |t| t.name.get(lang));
        list.push(ConditionItem {
            text: rules.words("memo.condition.risk_note", lang, &[("threat", threat), ("note", r.note.trim())]),
            source: rules.wording("memo.condition.risk_note").1.join(", "),
            model: None,
        });
    }
    list
}

fn conditions(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Section {
    let list: Vec<String> = condition_items(rules, case, eval, lang).into_iter().map(|c| c.text).collect();
    let blocks = if list.is_empty() {
        vec![Block::Para(l(lang, "付すべき条件はありません。", "No conditions."))]
    } else {
        vec![Block::List(list)]
    };
    Section { heading: l(lang, "付すべき条件", "Conditions to impose"), blocks }
}

fn appendix1_request(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Option<Section> {
    let unlisted = case.appendix1.as_ref().is_some_and(|a| a.entry_id.is_none());
    if !unlisted {
        return None;
    }
    let text = if eval.outcome.as_ref().is_some_and(|o| o.outcome == OutcomeKind::JudgmentRequest) {
        rules.words("memo.appendix1_request.judgment", lang, &[])
    } else {
        rules.words("memo.appendix1_request.report", lang, &[])
    };
    let mut blocks = vec![Block::Para(text)];
    // The section's own proposal goes with the request, for the officer to confirm or not.
    if let Some(a) = case.appendix1.as_ref().filter(|a| a.judgement.is_none()) {
        let proposed = match a.proposed_important {
            Some(true) => l(lang, "重要な情報を取り扱う業務", "Handles important information"),
            Some(false) => l(lang, "重要な情報を取り扱わない業務", "Does not handle important information"),
            None => l(lang, "（未記入）", "(not filled in)"),
        };
        let reason = if a.proposed_reason.trim().is_empty() {
            l(lang, "（未記入）", "(not filled in)")
        } else {
            a.proposed_reason.clone()
        };
        blocks.push(Block::Fields(vec![
            (l(lang, "課室としての区分の案", "Classification the section proposes"), proposed),
            (l(lang, "その理由", "Why"), reason),
        ]));
    }
    Some(Section { heading: rules.words("memo.appendix1_request.heading", lang, &[]), blocks })
}

/// The 情報セキュリティ責任者's decision in words (承認 / 条件付承認 / 不承認).
#[must_use]
pub fn approval_result(result: ApprovalResult, lang: Lang) -> String {
    match result {
        ApprovalResult::Approved => l(lang, "承認", "Approved"),
        ApprovalResult::ApprovedWithConditions => l(lang, "条件付承認", "Approved with conditions"),
        ApprovalResult::Rejected => l(lang, "不承認", "Rejected"),
    }
}

/// 「前回からの変更」: for a re-review, the previous revision's seal and approval and every
/// field that changed since.
fn changes_since(rules: &RuleSet, case: &Case, lang: Lang) -> Option<Section> {
    let prev = case.history.last()?;
    let old = &prev.case;
    let approval_text = old.decision().map_or_else(
        || l(lang, "（なし）", "(none)"),
        |a| format!("{} — {} {}", approval_result(a.result, lang), a.approver, a.decided_on),
    );
    let fields = vec![
        (
            l(lang, "前回の版", "Previous revision"),
            format!("{} ({})", prev.revision, prev.closed_at.format("%Y-%m-%d")),
        ),
        (l(lang, "前回の完全性ハッシュ", "Previous integrity hash"), old.integrity.clone().unwrap_or_default()),
        (l(lang, "前回の決定", "Previous decision"), approval_text),
    ];
    // The previous decision is stated above; the new revision has none yet by design.
    let changes: Vec<_> = crate::core::case::diff::changes(old, case)
        .into_iter()
        .filter(|c| !c.path.starts_with("approval.") && c.path != "outcome.node_id")
        .collect();
    let value = |path: &str, v: String| -> String {
        match v.as_str() {
            "true" => yes_no(true, lang),
            "false" => yes_no(false, lang),
            id if path == "outcome.outcome" => rules
                .outcomes
                .iter()
                .find(|o| o.outcome.id() == id)
                .map_or_else(|| id.to_string(), |o| o.name.get(lang).to_string()),
            _ => v,
        }
    };
    let mut blocks = vec![Block::Fields(fields)];
    if changes.is_empty() {
        blocks.push(Block::Para(l(lang, "前回から変更はありません。", "Nothing changed since the previous revision.")));
    } else {
        blocks.push(Block::Table {
            headers: vec![l(lang, "項目", "Field"), l(lang, "前回", "Before"), l(lang, "今回", "Now")],
            rows: changes
                .into_iter()
                .map(|c| {
                    let label = change_label(rules, case, old, &c.path, lang);
                    vec![label, value(&c.path, c.before), value(&c.path, c.after)]
                })
                .collect(),
        });
    }
    Some(Section { heading: l(lang, "前回からの変更", "Changes since the previous revision"), blocks })
}

/// A changed field's name as a reader knows it: the question's text for an answer, the
/// item's name for an inventory field, a plain name for the basics (the path otherwise).
#[must_use]
pub fn change_label(rules: &RuleSet, case: &Case, old: &Case, path: &str, lang: Lang) -> String {
    if let Some(rest) = path.strip_prefix("answers.") {
        let (node, field) = rest.rsplit_once('.').unwrap_or((rest, "value"));
        let text = rules.node(node).map_or(node.to_string(), |n| n.text.get(lang).to_string());
        let what = if field == "rationale" { l(lang, "理由", "reason") } else { l(lang, "回答", "answer") };
        return format!("{text} — {what}");
    }
    if let Some(rest) = path.strip_prefix("inventory[")
        && let Some((id, field)) = rest.split_once("].")
    {
        let name = case.item(id).or_else(|| old.item(id)).map_or(id, |i| i.name.as_str());
        return format!("{} 「{name}」 — {field}", l(lang, "情報", "Item"));
    }
    let basics = [
        ("basics.document_number", "文書番号", "Document no."),
        ("basics.task_name", "業務名", "Task"),
        ("basics.summary", "業務の概要", "Summary"),
        ("basics.section", "担当課室", "Section"),
        ("basics.author", "作成者", "Author"),
        ("basics.form", "委託の形態", "Form"),
        ("basics.subform", "委託の形態（細分）", "Sub-form"),
        ("basics.period", "契約期間", "Period"),
        ("basics.budget", "予算", "Budget"),
        ("basics.subcontracting_expected", "再委託の見込み", "Subcontracting expected"),
        ("outcome.outcome", "結論", "Outcome"),
    ];
    basics.iter().find(|(p, _, _)| *p == path).map_or_else(|| path.to_string(), |(_, ja, en)| l(lang, ja, en))
}

fn approval(
    rules: &RuleSet,
    case: &Case,
    outcome: Option<OutcomeKind>,
    state: crate::core::case::lifecycle::CaseState,
    lang: Lang,
) -> ApprovalBlock {
    let officer = rules.organisation.roles.officer.get(lang);
    let a = case.decision();
    let is = |r: ApprovalResult| a.is_some_and(|a| a.result == r);
    let choices = vec![
        (l(lang, "承認", "Approved"), is(ApprovalResult::Approved)),
        (l(lang, "条件付承認", "Approved with conditions"), is(ApprovalResult::ApprovedWithConditions)),
        (l(lang, "不承認", "Rejected"), is(ApprovalResult::Rejected)),
    ];
    let mut fields = vec![
        (l(lang, "条件", "Conditions"), a.map(|a| a.conditions.clone()).unwrap_or_default()),
        (l(lang, "決定日", "Date"), a.map(|a| a.decided_on.clone()).unwrap_or_default()),
        (
            match lang {
                Lang::Ja => format!("{officer} 氏名"),
                Lang::En => format!("{officer}'s name"),
            },
            a.map(|a| a.approver.clone()).unwrap_or_default(),
        ),
    ];
    // An exception is granted for a time: its blank block asks for the date as well, above
    // the seal, not only once one was recorded.
    let review = a.and_then(|a| a.review_by.clone());
    if review.is_some() || outcome == Some(OutcomeKind::ExceptionRequest) {
        fields.push((l(lang, "有効期限・再審査日", "Expiry / re-review date"), review.unwrap_or_default()));
    }
    // A recorded approval that no longer covers the content, or that the author gave, is
    // said on the memo itself.
    if let Some(crate::core::case::integrity::ApprovalBinding::Outdated { approved, .. }) =
        crate::core::case::integrity::approval_binding(case)
    {
        fields.push((
            l(lang, "承認の有効性", "Validity of the approval"),
            if lang == Lang::Ja {
                format!("承認の後に内容が変更されています（承認時の内容 {approved}）。この承認は現在の内容には及びません。再度の承認が必要です。")
            } else {
                format!("The case was changed after this approval (content approved: {approved}). The approval does not cover the current content; it must be approved again.")
            },
        ));
    }
    if matches!(
        state,
        crate::core::case::lifecycle::CaseState::Expired { .. } | crate::core::case::lifecycle::CaseState::Resealed
    ) {
        fields.push((l(lang, "状態", "State"), state.sentence(lang)));
    }
    if let Some(a) = a.filter(|a| !a.reference.trim().is_empty()) {
        fields.push((l(lang, "決裁番号", "Approval number"), a.reference.clone()));
    }
    if case.approval_entries().count() > 1
        && let Some(line) = crate::core::case::lifecycle::record_line(case, lang)
    {
        fields.push((l(lang, "決定の記録", "Decisions recorded"), line));
    }
    if crate::core::case::lifecycle::self_approved(case) {
        fields.push((
            l(lang, "注意", "Note"),
            l(
                lang,
                "承認者の氏名が作成者と同じです（自己承認）。",
                "The approver has the author's name (self-approval).",
            ),
        ));
    }
    fields.push((l(lang, "印", "Seal"), String::new()));
    ApprovalBlock {
        heading: match lang {
            Lang::Ja => format!("{officer}の決定"),
            Lang::En => format!("Decision of the {officer}"),
        },
        choices,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_follow_the_outcome() {
        assert_eq!(
            title_for(Some(OutcomeKind::ExceptionRequest), Lang::Ja),
            "重要な情報を取り扱う情報処理業務の外部委託に係る例外許可申請書"
        );
        assert_eq!(title_for(Some(OutcomeKind::Prohibited), Lang::Ja), "外部委託不可の判断記録");
        assert!(title_for(None, Lang::En).contains("draft"));
    }
}

/// The formats a memo can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PDF (typst), with the case attached.
    Pdf,
    /// Word.
    Docx,
    /// One HTML file.
    Html,
    /// Markdown.
    Markdown,
}

impl Format {
    /// Every format, in the order menus and help list them. The one definition the CLI's
    /// `--format` values, the export dialog's filters and the README's table come from.
    pub const ALL: [Self; 4] = [Self::Pdf, Self::Docx, Self::Html, Self::Markdown];

    /// The format for a name or file extension (`pdf`, `docx`, `html`/`htm`, `md`/`markdown`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extensions().contains(&s.as_str()))
    }

    /// The usual file extension, also the format's name on the command line.
    #[must_use]
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// Every extension that means this format, the usual one first.
    #[must_use]
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Pdf => &["pdf"],
            Self::Docx => &["docx"],
            Self::Html => &["html", "htm"],
            Self::Markdown => &["md", "markdown"],
        }
    }

    /// The name shown in a file dialog's filter.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Docx => "Word (DOCX)",
            Self::Html => "HTML",
            Self::Markdown => "Markdown",
        }
    }

    /// The names `--format` accepts (`pdf, docx, html, md`).
    #[must_use]
    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|f| f.extension()).collect()
    }

    /// The format of an output file from its extension, if it names one.
    #[must_use]
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        path.extension().and_then(|e| e.to_str()).and_then(Self::parse)
    }
}

/// Why a memo could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The memo or the case could not be serialised for the PDF (not expected to happen).
    #[error("cannot prepare the memo data: {0}")]
    Data(#[from] serde_json::Error),
    /// typst could not lay the PDF out; its diagnostics.
    #[error("PDF layout failed: {0}")]
    Layout(String),
    /// typst could not write the PDF; its diagnostics.
    #[error("PDF export failed: {0}")]
    PdfExport(String),
    /// docx-rs could not pack the Word file.
    #[error("DOCX packing failed: {0}")]
    Docx(String),
}

/// Why no case could be read from a memo PDF.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    /// The file is not a PDF lopdf can read.
    #[error("not a readable PDF: {0}")]
    NotPdf(String),
    /// The attached file is not UTF-8 text.
    #[error("the attached file is not UTF-8 text")]
    NotText,
    /// The PDF carries no attached file.
    #[error("the PDF has no attached case file (was it exported by itaku-navi?)")]
    Missing,
}

/// Renders the memo of `case` in `format`.
pub fn render(
    rules: &RuleSet,
    case: &Case,
    lang: Lang,
    issued_on: &str,
    format: Format,
) -> Result<Vec<u8>, RenderError> {
    render_memo(&build(rules, case, lang, issued_on), case, format)
}

/// Renders an already built memo in `format`; `case` is attached to a PDF.
pub fn render_memo(memo: &Memo, case: &Case, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Pdf => pdf::render(memo, case),
        Format::Docx => docx::render(memo),
        Format::Html => Ok(html::render(memo).into_bytes()),
        Format::Markdown => Ok(markdown::render(memo).into_bytes()),
    }
}

/// The case file attached to a memo PDF, as text.
pub fn attached_case(pdf: &[u8]) -> Result<String, AttachmentError> {
    attached_case_in(&load_pdf(pdf)?)
}

/// Parses PDF bytes with lopdf.
fn load_pdf(pdf: &[u8]) -> Result<lopdf::Document, AttachmentError> {
    lopdf::Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))
}

/// Every file attached to a PDF (its `EmbeddedFile` streams).
fn embedded_files(doc: &lopdf::Document) -> impl Iterator<Item = &lopdf::Stream> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"EmbeddedFile"))
}

/// The first attached file of a loaded PDF, as text.
fn attached_case_in(doc: &lopdf::Document) -> Result<String, AttachmentError> {
    let stream = embedded_files(doc).next().ok_or(AttachmentError::Missing)?;
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(content).map_err(|_| AttachmentError::NotText)
}
