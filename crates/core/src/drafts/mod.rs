//! The drafts that follow a decision: the information-security part of the procurement
//! specification (第2部) and of the contract (第3部) for the case's form of outsourcing,
//! quoted from `drafts.json` with each 【…の場合】 variant chosen from the case or by the
//! user, every still-open choice marked where it matters, and the decision's conditions
//! appended with their sources. Built as a [`Memo`], so the memo's four renderers print it.

pub mod choices;

use crate::case::Case;
use crate::case::fields::Field;
use crate::engine::{Evaluation, evaluate};
use crate::memo::{ApprovalBlock, Block, Memo, OPEN_CHOICE_MARK, Section, condition_items, rule_set_line, terms_table};
use crate::rules::RuleSet;
use crate::rules::files::{DraftChapter, DraftClause, DraftDocument, DraftTable, OutcomeKind, slots};
use crate::text::{Lang, l};

use choices::{ChoiceState, Chosen, Truth, all_hold, chapters_for, relevant};

/// Why drafts cannot be made for a case.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DraftError {
    /// The case has no form of outsourcing yet: the clauses depend on it.
    #[error("the case has no form of outsourcing yet (step 1, basics.form): the clauses of the drafts depend on it")]
    NoForm,
    /// The form has no chapter in drafts.json (an organisation's rules folder).
    #[error("drafts.json has no chapter for the form \"{0}\"")]
    NoChapter(String),
}

/// The title of the drafts.
#[must_use]
pub fn title(lang: Lang) -> String {
    l(
        lang,
        "調達仕様書及び契約書の情報セキュリティ関連事項（草案）",
        "Information-security clauses for the procurement specification and the contract (draft)",
    )
}

/// Builds the drafts for `case`. `issued_on` is the date printed in the header.
///
/// # Errors
/// [`DraftError`] when the case has no form of outsourcing, or the rules no chapter for it.
pub fn build(rules: &RuleSet, case: &Case, lang: Lang, issued_on: &str) -> Result<Memo, DraftError> {
    build_evaluated(rules, case, &evaluate(rules, case), lang, issued_on)
}

/// [`build`] with the case's evaluation already at hand (the app keeps it; its preview
/// rebuilds the drafts each frame and need not walk the rules again).
///
/// # Errors
/// As [`build`].
pub fn build_evaluated(
    rules: &RuleSet,
    case: &Case,
    eval: &Evaluation,
    lang: Lang,
    issued_on: &str,
) -> Result<Memo, DraftError> {
    let Some(form) = case.basics.form.as_deref() else { return Err(DraftError::NoForm) };
    let chapters = chapters_for(rules, case);
    if chapters.is_empty() {
        return Err(DraftError::NoChapter(form.to_string()));
    }
    let states = relevant(rules, case, eval, lang);
    let b = &case.basics;
    let or_blank =
        |s: &str| if s.trim().is_empty() { l(lang, "（未記入）", "(not filled in)") } else { s.to_string() };
    let header = vec![
        (Field::DocumentNumber.name(lang), or_blank(&b.document_number)),
        (l(lang, "日付", "Date"), crate::dates::format_recorded(issued_on, rules.organisation.date_style, lang)),
        (Field::Section.name(lang), or_blank(&b.section)),
        (Field::Author.name(lang), or_blank(&b.author)),
    ];
    let mut sections = vec![about(rules, case, eval, lang), chosen_table(&states, lang)];
    let conditions = condition_items(rules, case, eval, lang);
    for (doc, chapter) in chapters {
        sections.extend(document(rules, case, doc, chapter, &states, &conditions, lang));
    }
    if let Some(s) = crate::memo::references_section(rules, case, eval, lang) {
        sections.push(s);
    }
    let open: Vec<&str> =
        states.iter().filter(|s| s.chosen == Chosen::Open).map(|s| s.def.question.get(lang)).collect();
    let mut notices = Vec::new();
    if let Some(n) = decision_notice(rules, case, eval, lang, issued_on) {
        notices.push(n);
    }
    if !open.is_empty() {
        notices.push(match lang {
            Lang::Ja => format!(
                "未選択の項目が {} 件あります（{}）。本文の〔要選択〕の箇所は、選択するまで両方の記述を残しています。",
                open.len(),
                open.join("、")
            ),
            Lang::En => format!(
                "{} choice(s) still open ({}). Where the text says 〔要選択〕, every variant is kept until you choose.",
                open.len(),
                open.join(", ")
            ),
        });
    }
    let mut memo = Memo {
        lang,
        outcome: eval.outcome.as_ref().map(|o| o.outcome),
        title: title(lang),
        header,
        addressee: String::new(),
        stamp_boxes: Vec::new(),
        stamp_label: String::new(),
        sections,
        approval: ApprovalBlock { heading: String::new(), choices: Vec::new(), fields: Vec::new() },
        rule_set: rule_set_line(rules, case, lang),
        hash: crate::case::integrity::case_hash(case),
        hash_label: l(lang, "作成元の案件のハッシュ", "Hash of the case it was made from"),
        rule_set_label: l(lang, "規則セット", "Rule set"),
        draft_notice: (!notices.is_empty()).then(|| notices.join("\n")),
        made_with: crate::memo::made_with(),
        keywords: String::new(),
    };
    memo.make_printable();
    Ok(memo)
}

/// Whether the decision allows the drafts to be used yet, in words (none: it does). The
/// case's state on the day the drafts are made ([`crate::case::lifecycle::case_state`]) decides: a
/// lapsed, outdated or resealed approval, or a rejection, never reads as usable.
#[must_use]
pub fn decision_notice(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang, issued_on: &str) -> Option<String> {
    use crate::case::lifecycle::{self, CaseState};
    let outcome = eval.outcome.as_ref().map(|o| o.outcome);
    let today = lifecycle::parse_date(issued_on).unwrap_or_else(|| chrono::Local::now().date_naive());
    let state = lifecycle::case_state(case, outcome, today);
    let sentence = state.sentence(lang, rules.organisation.date_style);
    let approved = state.approval_usable();
    let name = |k: OutcomeKind| rules.outcome_name(k).get(lang).to_string();
    if outcome.is_some_and(|o| o != OutcomeKind::Prohibited)
        && matches!(
            state,
            CaseState::Expired { .. } | CaseState::ApprovalOutdated | CaseState::Resealed | CaseState::Rejected
        )
    {
        return Some(match lang {
            Lang::Ja => {
                format!("{sentence} この草案は、有効な承認に基づくものとして使うことはできません。")
            }
            Lang::En => format!("{sentence} These drafts cannot be used as resting on a valid approval."),
        });
    }
    match outcome {
        None => Some(l(
            lang,
            "判断が終わっていない案件の草案です。判断と承認を得てから使ってください。",
            "The decision is not finished: use the drafts once it is decided and approved.",
        )),
        Some(OutcomeKind::Prohibited) => Some(match lang {
            Lang::Ja => format!(
                "判断結果は「{}」です。この業務は外部委託できないため、この草案は使えません。",
                name(OutcomeKind::Prohibited)
            ),
            Lang::En => format!(
                "The outcome is '{}': the task may not be outsourced, so these drafts cannot be used.",
                name(OutcomeKind::Prohibited)
            ),
        }),
        Some(OutcomeKind::JudgmentRequest) if !approved => Some(match lang {
            Lang::Ja => format!(
                "判断結果は「{}」です。重要な情報を取り扱うか否かの判断を受けるまで、この草案は使えません。",
                name(OutcomeKind::JudgmentRequest)
            ),
            Lang::En => format!(
                "The outcome is '{}': the drafts cannot be used until that judgment is made.",
                name(OutcomeKind::JudgmentRequest)
            ),
        }),
        Some(OutcomeKind::ExceptionRequest) if !approved => Some(match lang {
            Lang::Ja => format!(
                "判断結果は「{}」です。例外の許可を受けるまで、この草案は使えません。",
                name(OutcomeKind::ExceptionRequest)
            ),
            Lang::En => format!(
                "The outcome is '{}': the drafts cannot be used until the exception is granted.",
                name(OutcomeKind::ExceptionRequest)
            ),
        }),
        _ => None,
    }
}

/// What the drafts were made from: the case, its form, the decision and its approval.
fn about(rules: &RuleSet, case: &Case, eval: &Evaluation, lang: Lang) -> Section {
    let b = &case.basics;
    let form = b.form.as_deref().and_then(|f| rules.form(f));
    let mut form_text = form.map_or_else(String::new, |f| f.label.get(lang).to_string());
    if let (Some(f), Some(sub)) = (form, b.subform.as_deref())
        && let Some(s) = f.subforms.iter().find(|s| s.subform_id == sub)
    {
        form_text = format!("{form_text}（{}）", s.label.get(lang));
    }
    let outcome = eval
        .outcome
        .as_ref()
        .map_or_else(|| l(lang, "未決定", "Not reached"), |o| rules.outcome_name(o.outcome).get(lang).to_string());
    let approval = case.decision().map_or_else(
        || l(lang, "未承認", "Not yet decided"),
        |a| {
            let on = crate::dates::format_recorded(&a.decided_on, rules.organisation.date_style, lang);
            format!("{}（{on} {}）", crate::memo::approval_result(a.result, lang), a.approver)
        },
    );
    Section {
        heading: l(lang, "この草案について", "About these drafts"),
        blocks: vec![
            Block::Fields(vec![
                (l(lang, "業務の名称", "Task"), b.task_name.clone()),
                (l(lang, "委託形態", "Form of outsourcing"), form_text),
                (l(lang, "判断結果", "Outcome"), outcome),
                (l(lang, "承認", "Approval"), approval),
            ]),
            Block::Para(rules.drafts.notice.get(lang).to_string()),
        ],
    }
}

/// The choices the drafts depend on and how each stands.
fn chosen_table(states: &[ChoiceState], lang: Lang) -> Section {
    let rows = states
        .iter()
        .map(|s| {
            let label = |o: &str| {
                s.def.options.iter().find(|x| x.option_id == o).map_or(o.to_string(), |x| x.label.get(lang).to_string())
            };
            let (chosen, by) = match &s.chosen {
                Chosen::ByCase { option, why } => {
                    (label(option), format!("{}{why}", l(lang, "案件から — ", "from the case — ")))
                }
                Chosen::ByUser(o) => (label(o), l(lang, "選択", "chosen")),
                Chosen::Open => (l(lang, "〔要選択〕", "〔要選択〕 open"), String::new()),
            };
            vec![s.def.question.get(lang).to_string(), chosen, by]
        })
        .collect();
    Section {
        heading: l(lang, "選択した記述", "Choices"),
        blocks: vec![Block::Table {
            headers: vec![l(lang, "項目", "Choice"), l(lang, "選択", "Option"), l(lang, "決まり方", "Decided by")],
            rows,
        }],
    }
}

/// One document's chapter: a heading section, then one section per clause included, then
/// the decision's conditions as the last clause.
fn document(
    rules: &RuleSet,
    case: &Case,
    doc: &DraftDocument,
    chapter: &DraftChapter,
    states: &[ChoiceState],
    conditions: &[crate::memo::ConditionItem],
    lang: Lang,
) -> Vec<Section> {
    let mut out = Vec::new();
    let mut intro =
        vec![Block::Para(format!("{}: {} {}", l(lang, "出典", "Source"), doc.source, chapter.heading.get(lang)))];
    if !chapter.note.is_empty() {
        intro.push(Block::Para(chapter.note.clone()));
    }
    let heading = match lang {
        Lang::Ja => format!("{}（{}）", doc.title.get(lang), chapter.heading.get(lang)),
        Lang::En => format!("{} ({})", doc.title.get(lang), chapter.heading.get(lang)),
    };
    out.push(Section { heading, blocks: intro });
    let form = case.basics.form.as_deref();
    let mut number = 0;
    for clause in &chapter.clauses {
        let whole = all_hold(&clause.when, form, states);
        if whole == Truth::No {
            continue;
        }
        let Some(blocks) = clause_blocks(rules, case, clause, &whole, number + 1, form, states, lang) else { continue };
        number += 1;
        out.push(Section { heading: format!("({number}) {}", clause.heading.get(lang)), blocks });
    }
    number += 1;
    let blocks = if conditions.is_empty() {
        vec![Block::Para(l(
            lang,
            "（外部委託の可否判断による個別の条件はありません。）",
            "(The decision carries no specific conditions.)",
        ))]
    } else {
        vec![Block::List(conditions.iter().map(|c| with_source(c, lang)).collect())]
    };
    out.push(Section { heading: format!("({number}) {}", doc.conditions_heading.get(lang)), blocks });
    out
}

/// A condition and the sources behind it that its wording does not already cite.
fn with_source(c: &crate::memo::ConditionItem, lang: Lang) -> String {
    let unsaid: Vec<&str> =
        c.source.split(", ").map(str::trim).filter(|s| !s.is_empty() && !c.text.contains(*s)).collect();
    let mut text = if unsaid.is_empty() {
        c.text.clone()
    } else {
        format!("{}（{}: {}）", c.text, l(lang, "出典", "source"), unsaid.join(", "))
    };
    if let Some(m) = &c.model {
        text = format!("{text}\n{}（{}）：「{}」", l(lang, "記載例", "Model wording"), m.source, m.text);
    }
    text
}

/// The paragraphs of one clause, numbered `number`; `None` when no text of it applies.
#[expect(clippy::too_many_arguments, reason = "The clause, where it stands, and what decides its variants.")]
fn clause_blocks(
    rules: &RuleSet,
    case: &Case,
    clause: &DraftClause,
    whole: &Truth,
    number: usize,
    form: Option<&str>,
    states: &[ChoiceState],
    lang: Lang,
) -> Option<Vec<Block>> {
    let question = |ids: &[String]| {
        ids.iter()
            .map(|id| states.iter().find(|s| &s.def.choice_id == id).map_or(id.as_str(), |s| s.def.question.get(lang)))
            .collect::<Vec<_>>()
            .join("、")
    };
    let fill = |t: &str| fill_slots(t, number, states, lang);
    let mut blocks = Vec::new();
    if let Truth::Open(ids) = whole {
        blocks.push(Block::Para(format!(
            "{OPEN_CHOICE_MARK}：{}{}〕",
            question(ids),
            l(lang, " — 選択によってはこの項を含めない", " — depending on the choice, this clause is left out"),
        )));
    }
    blocks.extend(clause.text.iter().map(|t| Block::Para(fill(t))));
    let mut labels: Vec<&str> = if clause.label.is_empty() { Vec::new() } else { vec![clause.label.as_str()] };
    let mut any_text = !clause.text.is_empty();
    for v in &clause.variants {
        match all_hold(&v.when, form, states) {
            Truth::No => {}
            Truth::Yes => {
                labels.push(&v.label);
                blocks.extend(v.text.iter().map(|t| Block::Para(fill(t))));
                any_text = true;
            }
            Truth::Open(ids) => {
                blocks.push(Block::Para(format!("{OPEN_CHOICE_MARK}：{} — {}〕", question(&ids), v.label)));
                blocks.extend(v.text.iter().map(|t| Block::Para(fill(t))));
                any_text = true;
            }
        }
    }
    if !any_text {
        return None;
    }
    if clause.table == Some(DraftTable::TermsCautions) {
        blocks.push(terms_table(rules, case, lang, true));
    }
    blocks.push(Block::Para(format!("［{}: {}{}］", l(lang, "出典", "Source"), clause.source, labels.concat())));
    Some(blocks)
}

/// `text` with its `{choice}` slots filled from the chosen option (an open choice shows
/// every option's words, marked) and `{previous}` as the numbers of the clauses before.
fn fill_slots(text: &str, number: usize, states: &[ChoiceState], lang: Lang) -> String {
    // One pass over the clause's own text: a fill is printed as it is, never searched for
    // slots again, so a fill holding `{slots}` cannot multiply (issue 23, finding 5).
    let names: Vec<String> = slots(text).map(|n| format!("{{{n}}}")).collect();
    let patterns: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::text::replace_once(text, &patterns, |slot| {
        let name = &slot[1..slot.len() - 1];
        slot_value(name, number, states, lang)
    })
}

/// What a `{name}` slot is filled with; `None`: not a slot this program fills (left as it is).
fn slot_value(name: &str, number: usize, states: &[ChoiceState], lang: Lang) -> Option<String> {
    if name == "previous" {
        return Some(match number {
            0..=2 => "(1)".to_string(),
            n => format!("(1)～({})", n - 1),
        });
    }
    let s = states.iter().find(|s| s.def.choice_id == name)?;
    Some(match s.chosen.option() {
        Some(o) => s.def.options.iter().find(|x| x.option_id == o).map(|x| x.fill.clone()).unwrap_or_default(),
        None => format!(
            "{OPEN_CHOICE_MARK}：{}：{}〕",
            s.def.question.get(lang),
            s.def.options.iter().map(|x| x.fill.as_str()).collect::<Vec<_>>().join("／")
        ),
    })
}
