//! Facts the engine derives from a case, and what each task still lacks.

use crate::case::fields::Field;
use crate::case::{Case, InventoryItem, TermsStatus};
use crate::rules::RuleSet;
use crate::rules::files::{AccessVia, Fact, OutcomeKind, TaskKind};
use crate::text::{Lang, Text};

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// Whether the case uses a service on fixed terms: declared in the basics, or implied by
/// the chosen form (3.2).
#[must_use]
pub fn terms_service_used(rules: &RuleSet, case: &Case) -> bool {
    case.basics.terms_service.used
        || case.basics.form.as_deref().and_then(|f| rules.form(f)).is_some_and(|f| f.implies_terms_service)
}

/// Whether the check of the terms ended with 「このサービスは利用しない」 on a caution the
/// rules know (5.2(5), 7.6): the case then ends without the rest of the check.
#[must_use]
pub fn terms_service_declined(rules: &RuleSet, case: &Case) -> bool {
    terms_service_used(rules, case)
        && case
            .terms_check
            .rows
            .iter()
            .any(|r| r.status == TermsStatus::ServiceDeclined && rules.caution(&r.caution_id).is_some())
}

/// The value of a fact, or `None` while the step that supplies it is not done.
#[must_use]
pub fn fact_value(rules: &RuleSet, case: &Case, fact: Fact) -> Option<String> {
    let important = || case.inventory.iter().filter(|i| i.important == Some(true));
    match fact {
        Fact::Form => case.basics.form.clone(),
        Fact::Appendix1Status => {
            let lookup = case.appendix1.as_ref()?;
            let handles = match &lookup.entry_id {
                Some(entry) => Some(rules.appendix1_entry(entry)?.handles_important),
                None => lookup.judgement.as_ref().map(|j| j.handles_important),
            };
            Some(
                match handles {
                    Some(true) => "important",
                    Some(false) => "not_important",
                    None => "unlisted",
                }
                .to_string(),
            )
        }
        Fact::TermsServiceUsed => Some(yes_no(terms_service_used(rules, case))),
        Fact::TermsServiceDeclined => Some(yes_no(terms_service_declined(rules, case))),
        Fact::AnyImportant => Some(yes_no(important().next().is_some())),
        Fact::ImportantRemaining => Some(yes_no(important().any(|i| !case.is_removed(&i.item_id)))),
        Fact::NarrowingApplied => Some(yes_no(important().any(|i| case.is_removed(&i.item_id)))),
        Fact::SubcontractingExpected => Some(yes_no(case.basics.subcontracting_expected)),
    }
}

/// A readable label for a fact's value (a form's name, はい/いいえ, a 付録1 status).
#[must_use]
pub fn value_label(rules: &RuleSet, fact: Fact, value: &str) -> Text {
    match (fact, value) {
        (Fact::Form, form) => rules.form(form).map_or_else(|| Text::new(form, form), |f| f.label.clone()),
        (Fact::Appendix1Status, "important") => Text::new(
            "重要な情報を取り扱う業務として掲載（又は判断済み）",
            "Listed (or judged) as handling important information",
        ),
        (Fact::Appendix1Status, "not_important") => Text::new(
            "重要な情報を取り扱わない業務として掲載（又は判断済み）",
            "Listed (or judged) as not handling important information",
        ),
        (Fact::Appendix1Status, _) => rules.wording("facts.appendix1.unlisted").0,
        (_, "yes") => Text::new("はい", "Yes"),
        (_, "no") => Text::new("いいえ", "No"),
        (_, other) => Text::new(other, other),
    }
}

/// What one inventory item still lacks (name, importance, reason); empty when complete.
#[must_use]
pub fn item_missing(item: &InventoryItem) -> Vec<Text> {
    let mut missing = Vec::new();
    let name = if item.name.trim().is_empty() { item.item_id.as_str() } else { item.name.as_str() };
    if item.name.trim().is_empty() {
        missing.push(Text::new(
            format!("{}: 情報の名称", item.item_id),
            format!("{}: name of the information", item.item_id),
        ));
    }
    if item.important.is_none() {
        missing.push(Text::new(
            format!("「{name}」: 重要な情報か否かの判断"),
            format!("\"{name}\": whether it is important"),
        ));
    }
    if item.reason.trim().is_empty() {
        missing.push(Text::new(format!("「{name}」: 判断の理由"), format!("\"{name}\": reason for the judgment")));
    }
    missing
}

/// What an access-path question still needs once answered: every item reached by a hidden
/// path judged, and, when the answer says the path exists (`expects`), at least one item
/// inventoried as reached that way. Empty when the walk may go on.
#[must_use]
pub fn access_path_missing(rules: &RuleSet, case: &Case, expects: Option<AccessVia>) -> Vec<Text> {
    let mut missing = Vec::new();
    // A 付録1 exclusion the task includes opens its path whatever the question's answer.
    let mut paths: Vec<AccessVia> = expects.into_iter().collect();
    paths.extend(excluded_work_paths(rules, case));
    paths.sort_by_key(|v| v.id());
    paths.dedup();
    for via in paths.into_iter().filter(|via| !case.inventory.iter().any(|i| i.via == *via)) {
        let label = &rules.access_path(via).label;
        missing.push(Text::new(
            rules.words("engine.access_path_uninventoried", Lang::Ja, &[("path", &label.ja)]),
            rules.words("engine.access_path_uninventoried", Lang::En, &[("path", &label.en)]),
        ));
    }
    for item in case.inventory.iter().filter(|i| i.via != AccessVia::Direct) {
        missing.extend(item_missing(item));
    }
    missing
}

/// For an exception request: each risk row whose residual level stays 高 without a reason
/// why the risk is still held sufficiently reduced (5.1(5)).
#[must_use]
pub fn residual_high_missing(rules: &RuleSet, case: &Case) -> Vec<Text> {
    let thresholds = rules.thresholds();
    case.risk
        .iter()
        .filter(|r| thresholds.level(r.likelihood_after, r.impact_after) == crate::risk::RiskLevel::High)
        .filter(|r| r.residual_reason.trim().is_empty())
        .map(|r| {
            let name =
                rules.threat(&r.threat_id).map_or_else(|| Text::new(&r.threat_id, &r.threat_id), |t| t.name.clone());
            Text::new(
                format!("「{}」: 残存リスクが高のまま十分に低減できると判断する理由", name.ja),
                format!(
                    "\"{}\": why the risk is held sufficiently reduced although the residual risk stays high",
                    name.en
                ),
            )
        })
        .collect()
}

/// For an exception: the 有効期限・再審査日 the section proposes, missing or not a date.
#[must_use]
pub fn proposed_review_by_missing(case: &Case) -> Option<Text> {
    crate::case::lifecycle::parse_date(&case.proposed_review_by).is_none().then(|| {
        Text::new(
            "例外とする期間: 有効期限・再審査日の案（YYYY-MM-DD）",
            "The exception's period: the proposed expiry or re-review date (YYYY-MM-DD)",
        )
    })
}

/// The outcome's explanation as the record stands: an exception requested with a residual
/// 高 (its reasons recorded) says so, instead of the node's "the risk is sufficiently
/// reduced" followed by a warning that denies it.
#[must_use]
pub fn outcome_explanation(rules: &RuleSet, case: &Case, kind: OutcomeKind, node_text: &Text) -> Text {
    let thresholds = rules.thresholds();
    let high: Vec<Text> = case
        .risk
        .iter()
        .filter(|r| thresholds.level(r.likelihood_after, r.impact_after) == crate::risk::RiskLevel::High)
        .map(|r| rules.threat(&r.threat_id).map_or_else(|| Text::new(&r.threat_id, &r.threat_id), |t| t.name.clone()))
        .collect();
    if kind != OutcomeKind::ExceptionRequest || high.is_empty() {
        return node_text.clone();
    }
    let list = |lang: Lang| {
        high.iter().map(|t| format!("「{}」", t.get(lang))).collect::<Vec<_>>().join(if lang == Lang::Ja {
            "、"
        } else {
            ", "
        })
    };
    Text::new(
        rules.words("outcome.exception_request.high_accepted", Lang::Ja, &[("items", &list(Lang::Ja))]),
        rules.words("outcome.exception_request.high_accepted", Lang::En, &[("items", &list(Lang::En))]),
    )
}

/// For an access-path question not yet answered: the choice a 付録1 exclusion the task
/// includes already settles (the one expecting that exclusion's path), with the reason
/// the record gives for it (the exclusion's question, from `wording.json`).
#[must_use]
pub fn answered_by_exclusion<'c>(
    rules: &RuleSet,
    case: &Case,
    choices: &'c [crate::rules::Choice],
) -> Option<(&'c crate::rules::Choice, String)> {
    let lookup = case.appendix1.as_ref()?;
    let entry = rules.appendix1_entry(lookup.entry_id.as_deref()?)?;
    let x = entry.exclusions.iter().find(|x| {
        lookup.exclusions.get(&x.exclusion_id) == Some(&true)
            && choices.iter().any(|c| c.expects_inventory_via == Some(x.via))
    })?;
    let choice = choices.iter().find(|c| c.expects_inventory_via == Some(x.via))?;
    Some((choice, rules.words("engine.answered_by_exclusion", Lang::Ja, &[("question", &x.question.ja)])))
}

/// The hidden paths opened by 付録1 exclusions the task includes (answered "yes").
#[must_use]
pub fn excluded_work_paths(rules: &RuleSet, case: &Case) -> Vec<AccessVia> {
    let Some(lookup) = &case.appendix1 else { return Vec::new() };
    let Some(entry) = lookup.entry_id.as_deref().and_then(|e| rules.appendix1_entry(e)) else { return Vec::new() };
    entry.exclusions.iter().filter(|x| lookup.exclusions.get(&x.exclusion_id) == Some(&true)).map(|x| x.via).collect()
}

/// What a task still lacks; empty when it is complete.
#[must_use]
pub fn task_missing(rules: &RuleSet, case: &Case, task: TaskKind) -> Vec<Text> {
    match task {
        TaskKind::Basics => basics_missing(rules, case),
        TaskKind::Appendix1 => appendix1_missing(rules, case),
        TaskKind::Inventory => inventory_missing(case),
        TaskKind::Narrowing => narrowing_missing(case),
        // A caution the section will not accept ends the check: the service is not used, and
        // the rest need not be checked for it.
        TaskKind::TermsCheck if terms_service_declined(rules, case) => Vec::new(),
        TaskKind::TermsCheck => terms_missing(rules, case),
        TaskKind::RiskAnalysis => risk_missing(rules, case),
    }
}

/// Step 1: the task, section, author and the form (with its kind where it has kinds).
fn basics_missing(rules: &RuleSet, case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    let b = &case.basics;
    if b.task_name.trim().is_empty() {
        missing.push(Field::TaskName.text());
    }
    if b.section.trim().is_empty() {
        missing.push(Field::Section.text());
    }
    if b.author.trim().is_empty() {
        missing.push(Field::Author.text());
    }
    match b.form.as_deref().map(|f| (f, rules.form(f))) {
        None => missing.push(Field::Form.text()),
        Some((f, None)) => missing.push(Text::new(
            format!("外部委託の形態「{f}」はこの規則セットにありません"),
            format!("The form \"{f}\" is not in this rule set"),
        )),
        Some((_, Some(form))) => {
            let sub_ok = b.subform.as_ref().is_some_and(|s| form.subforms.iter().any(|x| &x.subform_id == s));
            if !form.subforms.is_empty() && !sub_ok {
                missing.push(Text::new(
                    format!("「{}」の形態（サービスの種類）", form.label.ja),
                    format!("Kind of \"{}\"", form.label.en),
                ));
            }
        }
    }
    missing
}

/// Step 2: the 付録1 entry looked up, and each of its exclusions answered.
fn appendix1_missing(rules: &RuleSet, case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    match &case.appendix1 {
        None => missing.push(rules.wording("facts.appendix1.missing").0),
        Some(l) => match l.entry_id.as_deref().map(|e| (e, rules.appendix1_entry(e))) {
            Some((e, None)) => missing.push(Text::new(
                rules.words("facts.appendix1.unknown_entry", Lang::Ja, &[("entry", e)]),
                rules.words("facts.appendix1.unknown_entry", Lang::En, &[("entry", e)]),
            )),
            Some((_, Some(entry))) => {
                // 「…を除く」: whether this task includes the excluded work is asked, not assumed.
                for x in entry.exclusions.iter().filter(|x| !l.exclusions.contains_key(&x.exclusion_id)) {
                    missing.push(x.question.clone());
                }
            }
            None => {}
        },
    }
    missing
}

/// Step 3: at least one item, and every directly given item judged.
fn inventory_missing(case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    if case.inventory.is_empty() {
        missing.push(Text::new(
            "提供する情報・アクセスし得る情報が一つも洗い出されていません",
            "No information has been listed yet",
        ));
    }
    // Items reached through installation or operations are checked where that path is
    // asked (the access-path question), so adding one there never sends the walk back.
    for item in case.inventory.iter().filter(|i| i.via == AccessVia::Direct) {
        missing.extend(item_missing(item));
    }
    missing
}

/// Step 4: every important item's narrowing considered, with its reason and measure.
fn narrowing_missing(case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    for item in case.inventory.iter().filter(|i| i.important == Some(true)) {
        match case.narrowing_for(&item.item_id) {
            None => missing.push(Text::new(
                format!("「{}」: 範囲の絞り込みの検討", item.name),
                format!("\"{}\": narrowing not yet considered", item.name),
            )),
            Some(n) if n.reason.trim().is_empty() => missing.push(Text::new(
                format!("「{}」: 絞り込みの理由", item.name),
                format!("\"{}\": reason for the narrowing", item.name),
            )),
            Some(n) if n.removes_item && n.measures.is_empty() => missing.push(Text::new(
                format!("「{}」: 委託先から外すための措置", item.name),
                format!("\"{}\": the measure that keeps it from the contractor", item.name),
            )),
            Some(_) => {}
        }
    }
    missing
}

/// Step 6: every caution evaluated to an end, and the terms' data location, law and court.
fn terms_missing(rules: &RuleSet, case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    let tc = &case.terms_check;
    for caution in &rules.cautions {
        let cited = caution.citations.first().map_or(caution.caution_id.as_str(), String::as_str);
        // The six 5.2(5) risks share one citation: name each by its text.
        let short = |t: &str| t.chars().take(24).collect::<String>() + if t.chars().count() > 24 { "…" } else { "" };
        let cited = Text::new(
            format!("{cited}「{}」", short(&caution.text.ja)),
            format!("{cited} \"{}\"", short(&caution.text.en)),
        );
        match tc.rows.iter().find(|r| r.caution_id == caution.caution_id) {
            None => missing.push(Text::new(format!("{}: 未確認", cited.ja), format!("{}: not yet checked", cited.en))),
            // 5.2(5): a caution ends met, with a measure, or accepted with a reason that
            // says something; "not addressed" leaves the decision open.
            Some(r) if r.status == TermsStatus::RiskAccepted && !super::warnings::says_something(&r.note) => {
                missing.push(Text::new(
                    format!("{}: リスクを受容する理由", cited.ja),
                    format!("{}: reason for accepting the risk", cited.en),
                ));
            }
            Some(r) if r.status == TermsStatus::NotAddressed => missing.push(Text::new(
                format!("{}: 対応していない（対策を講じるか、理由を付けてリスクを受容するかを決める）", cited.ja),
                format!("{}: not addressed (add a measure, or accept the risk with a reason)", cited.en),
            )),
            Some(_) => {}
        }
    }
    for (value, ja, en) in [
        (&tc.data_location, "データの保存場所", "Data location"),
        (&tc.governing_law, "準拠法", "Governing law"),
        (&tc.court, "管轄裁判所", "Competent court"),
    ] {
        if value.trim().is_empty() {
            missing.push(Text::new(ja, en));
        }
    }
    missing
}

/// Step 7: at least one threat, each on the scales with its countermeasures (or the
/// honest "none is effective" with its reason).
fn risk_missing(rules: &RuleSet, case: &Case) -> Vec<Text> {
    let mut missing = Vec::new();
    if case.risk.is_empty() {
        missing.push(Text::new("想定される脅威が一つも評価されていません", "No assumed threat has been assessed"));
    }
    let (max_l, max_i) = (rules.max_likelihood(), rules.max_impact());
    for row in &case.risk {
        let name = rules.threat(&row.threat_id).map_or(row.threat_id.as_str(), |th| th.name.ja.as_str());
        if rules.threat(&row.threat_id).is_none() {
            missing.push(Text::new(
                format!("脅威「{}」はカタログにありません", row.threat_id),
                format!("Threat \"{}\" is not in the catalogue", row.threat_id),
            ));
        }
        let levels_ok = [row.likelihood_before, row.likelihood_after].iter().all(|v| (1..=max_l).contains(v))
            && [row.impact_before, row.impact_after].iter().all(|v| (1..=max_i).contains(v));
        if !levels_ok {
            missing.push(Text::new(
                format!("「{name}」: 発生可能性・影響度の評価"),
                format!("\"{}\": likelihood and impact", row.threat_id),
            ));
        }
        if row.no_effective_countermeasure {
            // Stated honestly instead of a fake pick: nothing chosen, nothing reduced,
            // and the reason written down.
            if !row.countermeasures.is_empty() {
                missing.push(Text::new(
                    format!("「{name}」: 「有効な対策がない」とした脅威に対策が選ばれています"),
                    format!("\"{}\": countermeasures are chosen although none is effective", row.threat_id),
                ));
            }
            if (row.likelihood_after, row.impact_after) != (row.likelihood_before, row.impact_before) {
                missing.push(Text::new(
                    format!("「{name}」: 対策がないため、対策後の評価は対策前と同じになります"),
                    format!("\"{}\": with no countermeasure the risk after equals the risk before", row.threat_id),
                ));
            }
            if row.note.trim().is_empty() {
                missing.push(Text::new(
                    format!("「{name}」: 有効な対策がない理由（備考）"),
                    format!("\"{}\": why no countermeasure is effective (note)", row.threat_id),
                ));
            }
        } else if row.countermeasures.is_empty() {
            missing.push(Text::new(
                format!("「{name}」: 対策の選択（有効な対策がなければ、その旨を選ぶ）"),
                format!("\"{}\": countermeasures (or state that none is effective)", row.threat_id),
            ));
        }
    }
    missing
}
