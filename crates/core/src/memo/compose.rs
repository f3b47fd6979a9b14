//! Composing the memo from the case, the rules and the evaluation: the header, each
//! section in order (summary, flow, inventory, narrowing, terms, risk, conclusion, changes),
//! and the approval block.

use crate::case::fields::Field;
use crate::case::{Access, ApprovalResult, Case, PersonalData, TermsStatus};
use crate::dates::format_recorded;
use crate::engine::{Evaluation, PathKind, evaluate};
use crate::rules::RuleSet;
use crate::rules::files::{AccessVia, OutcomeKind, Severity};
use crate::text::{Lang, l};

use super::conditions::conditions;
use super::model::{ApprovalBlock, Block, Memo, Section, made_with};
use super::pdf_check;

/// The footer's rule set: the one the memo was decided under, and the case's own stamp
/// too when it differs, so a memo never prints one rule set while applying another.
#[must_use]
pub fn rule_set_line(rules: &RuleSet, case: &Case, lang: Lang) -> String {
    let (id, version) = rules.stamp();
    // The rule book it is based on, under the name its author has today (NISC, since
    // 2025-07 国家サイバー統括室): the ruleset's own title of its rule-book source.
    let book = rules.info.sources.iter().find(|s| s.is_rule_book).map(|s| s.title.get(lang));
    let decided = match book {
        Some(book) => format!("{id} {version} — {book}"),
        None => format!("{id} {version}"),
    };
    let recorded = format!("{} {}", case.rule_set.ruleset_id, case.rule_set.version);
    if (case.rule_set.ruleset_id.as_str(), case.rule_set.version.as_str()) == (id.as_str(), version.as_str()) {
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
    let dates = rules.organisation.date_style;
    let b = &case.basics;
    let or_blank =
        |s: &str| if s.trim().is_empty() { l(lang, "（未記入）", "(not filled in)") } else { s.to_string() };
    let mut header = vec![
        (Field::DocumentNumber.name(lang), or_blank(&b.document_number)),
        (l(lang, "日付", "Date"), format_recorded(issued_on, dates, lang)),
        (Field::Section.name(lang), or_blank(&b.section)),
        (Field::Author.name(lang), or_blank(&b.author)),
    ];
    if case.revision > 1 {
        header.push((l(lang, "版", "Revision"), case.revision.to_string()));
    }
    for r in &case.reseals {
        let when = format_recorded(&r.at.format("%Y-%m-%d %H:%M").to_string(), dates, lang);
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
    let today = crate::case::lifecycle::parse_date(issued_on).unwrap_or_else(|| chrono::Local::now().date_naive());
    let state = crate::case::lifecycle::case_state(case, outcome, today);
    let mut sections = vec![at_a_glance(rules, case, &eval, &conditions, state, lang), summary(rules, case, lang)];
    if let Some(s) = changes_since(rules, case, lang) {
        sections.push(s);
    }
    sections.push(flow(rules, &eval, lang));
    sections.push(inventory(rules, case, lang));
    if let Some(s) = narrowing(rules, case, lang) {
        sections.push(s);
    }
    if let Some(s) = terms(rules, case, today, lang) {
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
    if let Some(s) = super::references_section(rules, case, &eval, lang) {
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
        hash: crate::case::integrity::case_hash(case),
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
        keywords: pdf_check::MemoStamp::current(lang, issued_on, rules).keywords(),
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
    let terms = if crate::engine::terms_service_used(rules, case) {
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
                    format_recorded(&j.decided_on, rules.organisation.date_style, lang),
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
        (l(lang, "契約期間", "Contract period"), format_recorded(&b.period, rules.organisation.date_style, lang)),
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

fn terms(rules: &RuleSet, case: &Case, today: chrono::NaiveDate, lang: Lang) -> Option<Section> {
    use crate::case::cloud;
    if !crate::engine::terms_service_used(rules, case) {
        return None;
    }
    let tc = &case.terms_check;
    // A value the listing discloses is cited as such (表4 No.12, 17, 18 rest on it).
    let from = cloud::from_listing(tc);
    let basis = |value: &str, listed: bool| {
        if listed {
            format!("{value}{}", l(lang, "（ISMAP 等の登録簿の開示による）", " (as the listing discloses)"))
        } else {
            value.to_string()
        }
    };
    let c = &tc.cloud;
    Some(Section {
        heading: rules.words("memo.heading.terms", lang, &[]),
        blocks: vec![
            Block::Fields(vec![
                (l(lang, "サービス", "Service"), case.basics.terms_service.service_name.clone()),
                (l(lang, "クラウドサービス", "Cloud service"), cloud::answer(c.is_cloud, lang)),
                (
                    l(lang, "要機密情報（機密性2以上）の取扱い", "Handles information requiring confidentiality"),
                    cloud::answer(c.confidential, lang),
                ),
                (
                    l(lang, "ISMAP・ISMAP-LIU への登録", "ISMAP / ISMAP-LIU listing"),
                    cloud::listing_words(c, today, lang, rules.organisation.date_style),
                ),
                (l(lang, "データの保存場所", "Data location"), basis(&tc.data_location, from[0])),
                (l(lang, "準拠法", "Governing law"), basis(&tc.governing_law, from[1])),
                (l(lang, "管轄裁判所", "Competent court"), basis(&tc.court, from[2])),
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
        crate::risk::RiskLevel::Low => l(lang, "低", "Low"),
        crate::risk::RiskLevel::Medium => l(lang, "中", "Medium"),
        crate::risk::RiskLevel::High => l(lang, "高", "High"),
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
fn approver_ask(rules: &RuleSet, eval: &Evaluation, state: crate::case::lifecycle::CaseState, lang: Lang) -> String {
    use crate::case::lifecycle::CaseState;
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
    state: crate::case::lifecycle::CaseState,
    lang: Lang,
) -> Section {
    let outcome = match &eval.outcome {
        Some(o) => outcome_line(rules.outcome_name(o.outcome).get(lang), o.title.get(lang)),
        None => l(lang, "未決定（作成中）", "Not decided yet (draft)"),
    };
    let ask = approver_ask(rules, eval, state, lang);
    let open: Vec<&crate::engine::Warning> = eval.warnings.iter().filter(|w| w.severity == Severity::Warning).collect();
    let warnings = if open.is_empty() {
        l(lang, "なし", "None")
    } else {
        let first = open.iter().map(|w| w.text.get(lang)).collect::<Vec<_>>().join(" / ");
        format!("{}{} — {first}", open.len(), l(lang, "件", ""))
    };
    let mut fields =
        vec![(l(lang, "結論", "Outcome"), outcome), (l(lang, "承認者に求めること", "Asked of the approver"), ask)];
    if let Some(line) = crate::case::lifecycle::record_line(case, lang, rules.organisation.date_style) {
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
                format_recorded(&case.proposed_review_by, rules.organisation.date_style, lang)
            },
        ));
        for r in
            case.risk.iter().filter(|r| th.level(r.likelihood_after, r.impact_after) == crate::risk::RiskLevel::High)
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
        text: format!(
            "{}{} — {}",
            l(lang, "状態：", "State: "),
            state.label(lang, rules.organisation.date_style),
            state.sentence(lang, rules.organisation.date_style)
        ),
        alert: state.needs_look(),
    };
    Section { heading: l(lang, "判断の要旨", "At a glance"), blocks: vec![Block::Fields(fields), notice] }
}

/// How many conditions page 1 gives in full.
const PAGE_ONE_CONDITIONS: usize = 5;

/// The residual risks by level, the 高 and 中 ones named: 「高 1件（情報漏えい）、中 2件（…）、低 3件」.
fn residual_summary(rules: &RuleSet, case: &Case, lang: Lang) -> String {
    use crate::risk::RiskLevel;
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
        |a| {
            let on = format_recorded(&a.decided_on, rules.organisation.date_style, lang);
            format!("{} — {} {on}", approval_result(a.result, lang), a.approver)
        },
    );
    let fields = vec![
        (
            l(lang, "前回の版", "Previous revision"),
            format!(
                "{} ({})",
                prev.revision,
                format_recorded(&prev.closed_at.format("%Y-%m-%d").to_string(), rules.organisation.date_style, lang)
            ),
        ),
        (l(lang, "前回の完全性ハッシュ", "Previous integrity hash"), old.integrity.clone().unwrap_or_default()),
        (l(lang, "前回の決定", "Previous decision"), approval_text),
        (l(lang, "判断に用いた規則", "Rules applied"), rules_between(rules, case, old, lang)),
    ];
    // The previous decision is stated above; the new revision has none yet by design.
    let changes: Vec<_> = crate::case::diff::changes(old, case)
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

/// Whether the rules changed between the previous revision and this one: each revision
/// keeps the rule set it was decided under, and the previous revision is evaluated under
/// today's rules, so a rule change that would have decided it otherwise is said.
fn rules_between(rules: &RuleSet, case: &Case, old: &Case, lang: Lang) -> String {
    let stamp = |c: &Case| format!("{} {}", c.rule_set.ruleset_id, c.rule_set.version);
    let mut text = if old.rule_set == case.rule_set {
        match lang {
            Lang::Ja => format!("前回と同じ規則（{}）", stamp(case)),
            Lang::En => format!("the same rules as the previous revision ({})", stamp(case)),
        }
    } else {
        match lang {
            Lang::Ja => format!("前回 {} → 今回 {}：前回の判断の後に規則が変わっています。", stamp(old), stamp(case)),
            Lang::En => {
                format!("previous {} → now {}: the rules changed after the previous decision.", stamp(old), stamp(case))
            }
        }
    };
    let recorded = old.outcome.as_ref().map(|o| o.outcome);
    let today = evaluate(rules, old).outcome.map(|o| o.outcome);
    if recorded.is_some() && recorded != today {
        let name = |o: Option<OutcomeKind>| {
            o.map_or_else(|| l(lang, "未決定", "undecided"), |o| rules.outcome_name(o).get(lang).to_string())
        };
        let (now, was) = (name(today), name(recorded));
        let said = match lang {
            Lang::Ja => format!(" 前回の版を現行の規則で判断すると「{now}」になります（記録は「{was}」）。"),
            Lang::En => {
                format!(" Under today's rules the previous revision would be decided '{now}' (recorded: '{was}').")
            }
        };
        text.push_str(&said);
    }
    text
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
    if path == "outcome.outcome" {
        return l(lang, "結論", "Outcome");
    }
    Field::at(path).map_or_else(|| path.to_string(), |f| f.name(lang))
}

fn approval(
    rules: &RuleSet,
    case: &Case,
    outcome: Option<OutcomeKind>,
    state: crate::case::lifecycle::CaseState,
    lang: Lang,
) -> ApprovalBlock {
    let officer = rules.organisation.roles.officer.get(lang);
    let dates = rules.organisation.date_style;
    let a = case.decision();
    let is = |r: ApprovalResult| a.is_some_and(|a| a.result == r);
    let choices = vec![
        (l(lang, "承認", "Approved"), is(ApprovalResult::Approved)),
        (l(lang, "条件付承認", "Approved with conditions"), is(ApprovalResult::ApprovedWithConditions)),
        (l(lang, "不承認", "Rejected"), is(ApprovalResult::Rejected)),
    ];
    let mut fields = vec![
        (l(lang, "条件", "Conditions"), a.map(|a| a.conditions.clone()).unwrap_or_default()),
        (l(lang, "決定日", "Date"), a.map(|a| format_recorded(&a.decided_on, dates, lang)).unwrap_or_default()),
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
    let review = a.and_then(|a| a.review_by.as_deref()).map(|d| format_recorded(d, dates, lang));
    if review.is_some() || outcome == Some(OutcomeKind::ExceptionRequest) {
        fields.push((l(lang, "有効期限・再審査日", "Expiry / re-review date"), review.unwrap_or_default()));
    }
    // A recorded approval that no longer covers the content, or that the author gave, is
    // said on the memo itself.
    if let Some(crate::case::integrity::ApprovalBinding::Outdated { approved, .. }) =
        crate::case::integrity::approval_binding(case)
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
    if matches!(state, crate::case::lifecycle::CaseState::Expired { .. } | crate::case::lifecycle::CaseState::Resealed)
    {
        fields.push((l(lang, "状態", "State"), state.sentence(lang, dates)));
    }
    if let Some(a) = a.filter(|a| !a.reference.trim().is_empty()) {
        fields.push((l(lang, "決裁番号", "Approval number"), a.reference.clone()));
    }
    // The approver's signature (or its absence), as verify and the register say it — once
    // the organisation signs approvals (a list of approvers, or signatures required).
    let required = rules.organisation.signed_approvals_required;
    if let Some(entry) =
        case.approval.as_ref().filter(|e| e.signature.is_some() || required || !rules.approvers.approvers.is_empty())
    {
        fields.push((l(lang, "電子署名", "Signature"), crate::signing::check(entry, rules).words(lang, required)));
    }
    if case.approval_entries().count() > 1
        && let Some(line) = crate::case::lifecycle::record_line(case, lang, dates)
    {
        fields.push((l(lang, "決定の記録", "Decisions recorded"), line));
    }
    if crate::case::lifecycle::self_approved(case) {
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
