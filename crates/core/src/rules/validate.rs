//! The checks that turn parsed rule files into a [`RuleSet`]: duplicate ids, dangling
//! references, unreachable nodes, cycles, missing citations and missing translations.

mod drafts;

use std::collections::{HashMap, HashSet};

use super::warning_ids::KNOWN_WARNINGS;
use crate::text::Text;

use super::error::{RuleError, RuleErrors};
use super::files::{AccessVia, CautionGroup, NodeDef, OutcomeKind};
use super::model::{Choice, Node, NodeBody, NodeIdx, RuleSet, SwitchCase};

pub(crate) use super::embedded::Parsed;

/// Collects errors for one file.
struct Checker<'a> {
    file: &'a str,
    errors: &'a mut Vec<RuleError>,
    sources: &'a HashSet<String>,
    /// The clause ids quoted in clauses.json: every rule-book citation must resolve to one.
    quoted: &'a HashSet<String>,
}

impl Checker<'_> {
    fn err(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.errors.push(RuleError { message: message.into(), place: place.into(), file: self.file.to_string() });
    }

    fn text(&mut self, place: &str, text: &Text) {
        if text.ja.trim().is_empty() {
            self.err(format!("{place}.ja"), "missing translation: the Japanese text is empty");
        }
        if text.en.trim().is_empty() {
            self.err(format!("{place}.en"), "missing translation: the English text is empty");
        }
    }

    fn citations(&mut self, place: &str, citations: &[String]) {
        if citations.is_empty() {
            self.err(format!("{place}.citations"), "item without a citation: name the clause it comes from");
        }
        for (i, c) in citations.iter().enumerate() {
            if !citation_is_recognised(c, self.sources) {
                self.err(
                    format!("{place}.citations[{i}]"),
                    format!(
                        "citation \"{c}\" names neither a clause of the rule book (a clause number, a table with an optional row number, or an appendix item) nor a known source (a source id of ruleset.json and an article)"
                    ),
                );
            } else if !is_source_citation(c, self.sources) && !resolves(c, self.quoted) {
                self.err(
                    format!("{place}.citations[{i}]"),
                    format!(
                        "citation \"{c}\" names a clause that clauses.json does not quote (nor a clause it is part of): quote the clause there, or correct the citation"
                    ),
                );
            }
        }
    }

    /// Each item of the list `list`: its text `field` and its citations, each error at
    /// `list[i] (id)`, where `of` gives an item's id, text and citations.
    fn texts_cited<'t, T>(
        &mut self,
        list: &str,
        field: &str,
        items: &'t [T],
        of: impl Fn(&'t T) -> (String, &'t Text, &'t Vec<String>),
    ) {
        for (i, item) in items.iter().enumerate() {
            let (id, text, citations) = of(item);
            let place = format!("{list}[{i}] ({id})");
            self.text(&format!("{place}.{field}"), text);
            self.citations(&place, citations);
        }
    }

    fn unique<'s>(
        &mut self,
        what: &str,
        list_place: &str,
        ids: impl IntoIterator<Item = &'s str>,
    ) -> HashMap<&'s str, usize> {
        let mut seen = HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            if id.trim().is_empty() {
                self.err(format!("{list_place}[{i}]"), format!("empty {what}"));
            } else if let Some(first) = seen.insert(id, i) {
                self.err(
                    format!("{list_place}[{i}] ({id})"),
                    format!("duplicate {what} \"{id}\": already used at {list_place}[{first}]"),
                );
                seen.insert(id, first);
            }
        }
        seen
    }
}

impl Checker<'_> {
    /// Each `(id, times defined)` must be defined exactly once in `list_place`: every outcome
    /// named once, every access path labelled once.
    fn once_each<const N: usize>(
        &mut self,
        list_place: &str,
        (what, noun, done): (&str, &str, &str),
        counts: [(&str, usize); N],
    ) {
        for (id, count) in counts {
            match count {
                1 => {}
                0 => self.err(list_place, format!("missing the {noun} of {what} \"{id}\"")),
                _ => self.err(list_place, format!("{what} \"{id}\" is {done} more than once")),
            }
        }
    }

    /// Texts the program knows by id (warnings, wording): each id once and known to the
    /// program, every id it knows present, each text in both languages with its clauses.
    /// Returns them by id.
    fn known_texts<T: Clone>(
        &mut self,
        list_place: &str,
        id_field: &str,
        known: &[&str],
        items: &[T],
        parts: impl Fn(&T) -> (&str, &Text, &Vec<String>),
    ) -> HashMap<String, T> {
        self.unique(id_field, list_place, items.iter().map(|x| parts(x).0));
        let mut by_id = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let (id, text, citations) = parts(item);
            let place = format!("{list_place}[{i}] ({id})");
            self.text(&format!("{place}.text"), text);
            self.citations(&place, citations);
            if !known.contains(&id) {
                self.err(
                    format!("{place}.{id_field}"),
                    format!("unknown {id_field} \"{id}\"; the program knows: {}", known.join(", ")),
                );
            }
            by_id.insert(id.to_string(), item.clone());
        }
        for id in known {
            if !by_id.contains_key(*id) {
                self.err(list_place, format!("missing the text of {id_field} \"{id}\""));
            }
        }
        by_id
    }
}

/// Whether a rule-book citation names a clause quoted in clauses.json: the clause itself,
/// or the nearest clause it is part of when that clause is quoted whole. A clause quoted
/// by its parts (`5.1(1)`…`5.1(5)`) does not answer for a part it lacks (`5.1(9)`).
fn resolves(citation: &str, quoted: &HashSet<String>) -> bool {
    let mut chain = super::model::citation_and_parents(citation);
    if chain.next().is_some_and(|itself| quoted.contains(itself)) {
        return true;
    }
    chain.find(|key| quoted.contains(*key)).is_some_and(|parent| {
        !quoted
            .iter()
            .any(|q| q.strip_prefix(parent).is_some_and(|rest| rest.starts_with('(') || rest.starts_with(' ')))
    })
}

/// `SOURCE article`: a citation of another source than the rule book (`002 第3`).
fn is_source_citation(citation: &str, sources: &HashSet<String>) -> bool {
    citation.trim().split_once(' ').is_some_and(|(head, rest)| sources.contains(head) && !rest.trim().is_empty())
}

/// A rule-book clause (`5.1(3)`, `3.1.2`, `表4 No.12`, `付録1 1(2)`) or `SOURCE article`.
fn citation_is_recognised(citation: &str, sources: &HashSet<String>) -> bool {
    let c = citation.trim();
    if c.is_empty() {
        return false;
    }
    if is_source_citation(c, sources) {
        return true;
    }
    if c.starts_with('表') || c.starts_with("付録") {
        return c.chars().any(|ch| ch.is_ascii_digit());
    }
    // A clause: digits and dots, then any number of "(n)" or "(a)" groups.
    let (numbers, groups) = c.find('(').map_or((c, ""), |i| c.split_at(i));
    let numbers_ok = !numbers.is_empty()
        && numbers.split('.').all(|part| !part.is_empty() && part.chars().all(|ch| ch.is_ascii_digit()));
    let groups_ok = groups.is_empty()
        || groups.strip_prefix('(').and_then(|g| g.strip_suffix(')')).is_some_and(|inner| {
            inner.split(")(").all(|g| !g.is_empty() && g.chars().all(|ch| ch.is_ascii_alphanumeric()))
        });
    numbers_ok && groups_ok
}

/// One file's own checks, given the parsed rule set and a checker naming that file.
type FileCheck = fn(&Parsed, &mut Checker);

/// Checks the parsed files, each on its own and then together, and builds the rule set;
/// or every error found, each naming its file and place.
pub(crate) fn build(p: Parsed) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    let sources: HashSet<String> =
        p.ruleset.1.sources.iter().filter(|s| !s.is_rule_book).map(|s| s.source_id.clone()).collect();
    let quoted: HashSet<String> = p.clauses.1.clauses.iter().map(|c| c.clause_id.clone()).collect();

    // Each catalogue file on its own (the ids it names from files checked before it).
    let per_file: [(&str, FileCheck); 14] = [
        (&p.ruleset.0, check_ruleset),
        (&p.forms.0, check_forms),
        (&p.clauses.0, check_clauses),
        (&p.glossary.0, check_glossary),
        (&p.appendix1.0, check_appendix1),
        (&p.cautions.0, check_cautions),
        (&p.countermeasures.0, check_countermeasures),
        (&p.threats.0, check_threats),
        (&p.narrowing.0, check_narrowing),
        (&p.measures.0, check_measures),
        (&p.organisation.0, check_organisation),
        (&p.drafts.0, drafts::check_drafts),
        (&p.references.0, check_references),
        (&p.approvers.0, check_approvers),
    ];
    for (file, check) in per_file {
        check(&p, &mut Checker { file, errors: &mut errors, sources: &sources, quoted: &quoted });
    }
    let forms = &p.forms.1.forms;

    // warnings.json and wording.json: texts the program knows by id.
    let warnings = Checker { file: &p.warnings.0, errors: &mut errors, sources: &sources, quoted: &quoted }
        .known_texts("warnings", "warning_id", &KNOWN_WARNINGS, &p.warnings.1.warnings, |w| {
            (w.warning_id.as_str(), &w.text, &w.citations)
        });
    let wording = Checker { file: &p.wording.0, errors: &mut errors, sources: &sources, quoted: &quoted }.known_texts(
        "wording",
        "wording_id",
        &super::wording_ids::all().collect::<Vec<_>>(),
        &p.wording.1.wording,
        |w| (w.wording_id.as_str(), &w.text, &w.citations),
    );

    // flow.json
    let form_ids: Vec<String> = forms.iter().map(|f| f.form_id.clone()).collect();
    let (nodes, start, node_index) = build_flow(
        &mut Checker { file: &p.flow.0, errors: &mut errors, sources: &sources, quoted: &quoted },
        &p.flow.1,
        &form_ids,
    );

    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }
    let mut rules = RuleSet {
        info: p.ruleset.1,
        steps: p.flow.1.steps,
        nodes,
        start,
        importance_questions: p.flow.1.importance_questions,
        outcomes: p.flow.1.outcomes,
        access_paths: p.flow.1.access_paths,
        forms: p.forms.1.forms,
        appendix1: p.appendix1.1,
        cautions: p.cautions.1.cautions,
        threats: p.threats.1,
        countermeasures: p.countermeasures.1.countermeasures,
        narrowing: p.narrowing.1.measures,
        measures: p.measures.1,
        warnings,
        clauses: p.clauses.1,
        glossary: p.glossary.1,
        wording,
        node_index,
        organisation: p.organisation.1,
        drafts: p.drafts.1,
        references: p.references.1,
        approvers: p.approvers.1,
        fingerprint: String::new(),
    };
    rules.use_own_words();
    Ok(rules)
}

/// flow.json: its catalogues checked, its nodes resolved into the graph (every reference
/// to a step or node looked up), and the graph's checks once nothing else is wrong.
fn build_flow(
    c: &mut Checker,
    flow: &super::files::FlowFile,
    form_ids: &[String],
) -> (Vec<Node>, NodeIdx, HashMap<String, NodeIdx>) {
    let step_ids = check_flow_catalogues(c, flow);
    let ids = c.unique("node_id", "nodes", flow.nodes.iter().map(node_id));
    let node_index = ids.iter().map(|(id, &i)| ((*id).to_string(), i)).collect();
    let start = ids.get(flow.start.as_str()).copied().unwrap_or_else(|| {
        c.err("start", format!("dangling reference: start \"{}\" names no node", flow.start));
        0
    });
    let mut steps_used = vec![false; flow.steps.len()];
    let mut nodes: Vec<Node> = Vec::with_capacity(flow.nodes.len());
    for (i, def) in flow.nodes.iter().enumerate() {
        let id = node_id(def);
        let place = format!("nodes[{i}] ({id})");
        let (step, text, citations) = node_common(def);
        let node_step = if let Some(&found) = step_ids.get(step) {
            steps_used[found] = true;
            found
        } else {
            c.err(format!("{place}.step"), format!("dangling reference: \"{step}\" is not a step_id"));
            0
        };
        c.text(&format!("{place}.text"), text);
        c.citations(&place, citations);
        let body = match def {
            NodeDef::Task { task, next, .. } => {
                NodeBody::Task { task: *task, next: resolve(c, &ids, format!("{place}.next"), next) }
            }
            NodeDef::Question { help, rationale_required, choices, .. } => {
                c.text(&format!("{place}.help"), help);
                let choices = question_choices(c, &ids, &place, choices);
                NodeBody::Question { help: help.clone(), rationale_required: *rationale_required, choices }
            }
            NodeDef::Switch { fact, cases, default, .. } => {
                let domain: Vec<String> =
                    if *fact == super::files::Fact::Form { form_ids.to_vec() } else { fact.fixed_values() };
                let resolved = switch_cases(c, &ids, &place, (*fact, &domain), cases);
                let default = default.as_ref().map(|d| resolve(c, &ids, format!("{place}.default"), d));
                if default.is_none() {
                    for v in domain.iter().filter(|v| !cases.iter().any(|cs| &cs.value == *v)) {
                        c.err(
                            format!("{place}.cases"),
                            format!("value \"{v}\" of fact {fact:?} has no case and there is no default"),
                        );
                    }
                }
                NodeBody::Switch { fact: *fact, cases: resolved, default }
            }
            NodeDef::Outcome { outcome, explanation, ask, .. } => {
                c.text(&format!("{place}.explanation"), explanation);
                if let Some(ask) = ask {
                    c.text(&format!("{place}.ask"), ask);
                }
                NodeBody::Outcome { outcome: *outcome, explanation: explanation.clone(), ask: ask.clone() }
            }
        };
        nodes.push(Node {
            node_id: id.to_string(),
            step: node_step,
            text: text.clone(),
            citations: citations.clone(),
            body,
        });
    }
    for (i, used) in steps_used.iter().enumerate() {
        if !used {
            c.err(
                format!("steps[{i}] ({})", flow.steps[i].step_id),
                "step has no node: nothing would ever be asked in it",
            );
        }
    }
    if c.errors.is_empty() {
        graph_checks(c, &nodes, start);
    }
    (nodes, start, node_index)
}

/// flow.json's catalogues: steps, importance questions, the outcomes' names and the access
/// paths' labels (each once). Returns the steps by id.
fn check_flow_catalogues<'f>(c: &mut Checker, flow: &'f super::files::FlowFile) -> HashMap<&'f str, usize> {
    let step_ids = c.unique("step_id", "steps", flow.steps.iter().map(|s| s.step_id.as_str()));
    for (i, s) in flow.steps.iter().enumerate() {
        let place = format!("steps[{i}] ({})", s.step_id);
        c.text(&format!("{place}.title"), &s.title);
        c.text(&format!("{place}.guidance"), &s.guidance);
        c.citations(&place, &s.citations);
    }
    c.unique("question_id", "importance_questions", flow.importance_questions.iter().map(|q| q.question_id.as_str()));
    c.texts_cited("importance_questions", "text", &flow.importance_questions, |q| {
        (q.question_id.clone(), &q.text, &q.citations)
    });
    let named = |kind| flow.outcomes.iter().filter(|o| o.outcome == kind).count();
    c.once_each("outcomes", ("outcome", "name", "named"), OutcomeKind::ALL.map(|k| (k.id(), named(k))));
    c.texts_cited("outcomes", "name", &flow.outcomes, |o| (o.outcome.id().to_string(), &o.name, &o.citations));
    let labelled = |via| flow.access_paths.iter().filter(|a| a.via == via).count();
    c.once_each("access_paths", ("access path", "label", "labelled"), AccessVia::ALL.map(|v| (v.id(), labelled(v))));
    c.texts_cited("access_paths", "label", &flow.access_paths, |a| (a.via.id().to_string(), &a.label, &a.citations));
    step_ids
}

/// The node `target` names, or an error at `place` (and an index no node has).
fn resolve(c: &mut Checker, ids: &HashMap<&str, NodeIdx>, place: String, target: &str) -> NodeIdx {
    if let Some(&i) = ids.get(target) {
        i
    } else {
        c.err(place, format!("dangling reference: \"{target}\" names no node"));
        usize::MAX
    }
}

/// A question's choices: at least one, each value once, each resolved to its next node.
fn question_choices(
    c: &mut Checker,
    ids: &HashMap<&str, NodeIdx>,
    place: &str,
    choices: &[super::files::ChoiceDef],
) -> Vec<Choice> {
    if choices.is_empty() {
        c.err(format!("{place}.choices"), "a question needs at least one choice");
    }
    c.unique("choice value", &format!("{place}.choices"), choices.iter().map(|ch| ch.value.as_str()));
    choices
        .iter()
        .enumerate()
        .map(|(j, ch)| {
            let cp = format!("{place}.choices[{j}]");
            c.text(&format!("{cp}.label"), &ch.label);
            c.citations(&cp, &ch.citations);
            Choice {
                value: ch.value.clone(),
                label: ch.label.clone(),
                citations: ch.citations.clone(),
                next: resolve(c, ids, format!("{cp}.next"), &ch.next),
                expects_inventory_via: ch.expects_inventory_via,
            }
        })
        .collect()
}

/// A switch's cases: each value once and one of the fact's `domain`, each resolved.
fn switch_cases(
    c: &mut Checker,
    ids: &HashMap<&str, NodeIdx>,
    place: &str,
    (fact, domain): (super::files::Fact, &[String]),
    cases: &[super::files::CaseDef],
) -> Vec<SwitchCase> {
    c.unique("case value", &format!("{place}.cases"), cases.iter().map(|cs| cs.value.as_str()));
    cases
        .iter()
        .enumerate()
        .map(|(j, cs)| {
            if !domain.contains(&cs.value) {
                c.err(
                    format!("{place}.cases[{j}].value"),
                    format!(
                        "\"{}\" is not a value of fact {:?}; its values are: {}",
                        cs.value,
                        fact,
                        domain.join(", ")
                    ),
                );
            }
            if !cs.citations.is_empty() {
                c.citations(&format!("{place}.cases[{j}]"), &cs.citations);
            }
            SwitchCase {
                value: cs.value.clone(),
                next: resolve(c, ids, format!("{place}.cases[{j}].next"), &cs.next),
                citations: cs.citations.clone(),
            }
        })
        .collect()
}

/// The longest word an organisation may use for itself, in characters (Japanese).
const SELF_WORD_LIMIT: usize = 30;

/// `organisation.json`: every text in both languages, a word for itself, at most 8 stamp
/// boxes of a few characters each.
fn check_organisation(p: &Parsed, c: &mut Checker) {
    let o = &p.organisation.1;
    c.text("notice", &o.notice);
    c.text("name", &o.name);
    c.text("self_word", &o.self_word);
    // The word replaces every 〔 省 〕 and 「当省」 of the rule texts: a word, not a text.
    if o.self_word.ja.chars().count() > SELF_WORD_LIMIT || o.self_word.en.chars().count() > 2 * SELF_WORD_LIMIT {
        c.err(
            "self_word",
            format!(
                "the organisation's word for itself replaces every 〔 省 〕 of the rule texts: at most {SELF_WORD_LIMIT} characters ({} in English)",
                2 * SELF_WORD_LIMIT
            ),
        );
    }
    c.text("roles.officer", &o.roles.officer);
    c.text("roles.chief_officer", &o.roles.chief_officer);
    c.text("roles.section_officer", &o.roles.section_officer);
    c.text("document_number_pattern", &o.document_number_pattern);
    if let Some(policy) = &o.policy {
        c.text("policy.title", &policy.title);
        c.text("policy.published", &policy.published);
        if chrono::NaiveDate::parse_from_str(&policy.dated, "%Y-%m-%d").is_err() {
            c.err("policy.dated", format!("\"{}\" is not a date written YYYY-MM-DD", policy.dated));
        }
    }
    if o.stamp_boxes.len() > 8 {
        c.err("stamp_boxes", format!("{} stamp boxes: at most 8 fit across the page", o.stamp_boxes.len()));
    }
    for (i, b) in o.stamp_boxes.iter().enumerate() {
        c.text(&format!("stamp_boxes[{i}]"), b);
        if b.ja.chars().count() > 8 || b.en.chars().count() > 16 {
            c.err(format!("stamp_boxes[{i}]"), "a stamp box title fits in 8 characters (16 in English)");
        }
    }
}

/// `references.json`: each entry names a clause of `clauses.json` once, with its own
/// article in both languages (and the national clause, where given, too).
fn check_references(p: &Parsed, c: &mut Checker) {
    let r = &p.references.1;
    c.text("notice", &r.notice);
    let mut seen = std::collections::HashSet::new();
    for (i, entry) in r.references.iter().enumerate() {
        let at = format!("references[{i}]");
        if !p.clauses.1.clauses.iter().any(|cl| cl.clause_id == entry.clause_id) {
            c.err(
                format!("{at}.clause_id"),
                format!(
                    "\"{}\" is not a clause of clauses.json (write its clause_id as clauses.json does)",
                    entry.clause_id
                ),
            );
        }
        if !seen.insert(entry.clause_id.as_str()) {
            c.err(format!("{at}.clause_id"), format!("\"{}\" has a reference already", entry.clause_id));
        }
        c.text(&format!("{at}.own"), &entry.own);
        if let Some(national) = &entry.national {
            c.text(&format!("{at}.national"), national);
        }
    }
}

/// `approvers.json`: each approver named, with an Ed25519 public key in OpenSSH form that no
/// other entry has, and a validity period of real dates.
fn check_approvers(p: &Parsed, c: &mut Checker) {
    let a = &p.approvers.1;
    c.text("notice", &a.notice);
    let mut keys = std::collections::HashSet::new();
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    for (i, entry) in a.approvers.iter().enumerate() {
        let at = format!("approvers[{i}]");
        if entry.name.trim().is_empty() {
            c.err(format!("{at}.name"), "an approver has a name");
        }
        c.text(&format!("{at}.role"), &entry.role);
        match ssh_key::PublicKey::from_openssh(entry.public_key.trim()) {
            Ok(k) if k.algorithm() == ssh_key::Algorithm::Ed25519 => {
                if !keys.insert(k.key_data().clone()) {
                    c.err(format!("{at}.public_key"), "this key is listed already");
                }
            }
            Ok(k) => c.err(format!("{at}.public_key"), format!("an Ed25519 key is needed, not {}", k.algorithm())),
            Err(e) => c.err(format!("{at}.public_key"), format!("not a public key in OpenSSH form ({e})")),
        }
        let from = date(&entry.valid_from);
        if from.is_none() {
            c.err(format!("{at}.valid_from"), format!("\"{}\" is not a date written YYYY-MM-DD", entry.valid_from));
        }
        if let Some(until) = &entry.valid_until {
            match date(until) {
                None => c.err(format!("{at}.valid_until"), format!("\"{until}\" is not a date written YYYY-MM-DD")),
                Some(u) if from.is_some_and(|f| u < f) => {
                    c.err(format!("{at}.valid_until"), "the key's validity ends before it begins");
                }
                Some(_) => {}
            }
        }
    }
}

/// Unreachable nodes and cycles, in time linear in nodes + edges.
fn graph_checks(c: &mut Checker, nodes: &[Node], start: NodeIdx) {
    // Reachability.
    let mut reached = vec![false; nodes.len()];
    let mut stack = vec![start];
    reached[start] = true;
    while let Some(n) = stack.pop() {
        for s in nodes[n].body.successors() {
            if !reached[s] {
                reached[s] = true;
                stack.push(s);
            }
        }
    }
    for (i, r) in reached.iter().enumerate() {
        if !r {
            c.err(format!("nodes[{i}] ({})", nodes[i].node_id), "unreachable node: no path from start leads here");
        }
    }
    // Cycles: Kahn's algorithm; whatever keeps an in-degree lies on or behind a cycle.
    let mut indegree = vec![0usize; nodes.len()];
    for n in nodes {
        for s in n.body.successors() {
            indegree[s] += 1;
        }
    }
    let mut queue: Vec<NodeIdx> = (0..nodes.len()).filter(|&i| indegree[i] == 0).collect();
    let mut removed = 0;
    while let Some(n) = queue.pop() {
        removed += 1;
        for s in nodes[n].body.successors() {
            indegree[s] -= 1;
            if indegree[s] == 0 {
                queue.push(s);
            }
        }
    }
    if removed < nodes.len() {
        // Name one node that is really on a cycle: walk from a leftover node until a repeat.
        let mut on_cycle = (0..nodes.len()).find(|&i| indegree[i] > 0).unwrap_or(0);
        let mut seen = HashSet::new();
        while seen.insert(on_cycle) {
            on_cycle = nodes[on_cycle].body.successors().into_iter().find(|&s| indegree[s] > 0).unwrap_or(on_cycle);
        }
        c.err(
            format!("nodes[{on_cycle}] ({})", nodes[on_cycle].node_id),
            "cycle: following next from this node comes back to it, so a walk could never end in an outcome",
        );
    }
}

fn node_id(def: &NodeDef) -> &str {
    match def {
        NodeDef::Task { node_id, .. }
        | NodeDef::Question { node_id, .. }
        | NodeDef::Switch { node_id, .. }
        | NodeDef::Outcome { node_id, .. } => node_id,
    }
}

fn node_common(def: &NodeDef) -> (&str, &Text, &Vec<String>) {
    match def {
        NodeDef::Task { step, text, citations, .. }
        | NodeDef::Question { step, text, citations, .. }
        | NodeDef::Switch { step, text, citations, .. }
        | NodeDef::Outcome { step, title: text, citations, .. } => (step, text, citations),
    }
}

/// Checks `ruleset.json` on its own (and the ids it names in the files loaded before it).
fn check_ruleset(p: &Parsed, c: &mut Checker) {
    let rs = &p.ruleset.1;
    if rs.ruleset_id.trim().is_empty() {
        c.err("ruleset_id", "empty ruleset_id");
    }
    if rs.version.trim().is_empty() {
        c.err("version", "empty version");
    }
    c.text("title", &rs.title);
    c.text("sample_notice", &rs.sample_notice);
    c.unique("source_id", "sources", rs.sources.iter().map(|s| s.source_id.as_str()));
    for (i, s) in rs.sources.iter().enumerate() {
        c.text(&format!("sources[{i}] ({}).title", s.source_id), &s.title);
    }
    if rs.sources.iter().filter(|s| s.is_rule_book).count() != 1 {
        c.err("sources", "exactly one source must have is_rule_book: true");
    }
}

/// Checks `forms.json` on its own (and the ids it names in the files loaded before it).
fn check_forms(p: &Parsed, c: &mut Checker) {
    let forms = &p.forms.1.forms;
    c.unique("form_id", "forms", forms.iter().map(|f| f.form_id.as_str()));
    for (i, f) in forms.iter().enumerate() {
        let place = format!("forms[{i}] ({})", f.form_id);
        c.text(&format!("{place}.label"), &f.label);
        c.text(&format!("{place}.description"), &f.description);
        c.citations(&place, &f.citations);
        c.unique("subform_id", &format!("{place}.subforms"), f.subforms.iter().map(|s| s.subform_id.as_str()));
        for (j, s) in f.subforms.iter().enumerate() {
            let sp = format!("{place}.subforms[{j}] ({})", s.subform_id);
            c.text(&format!("{sp}.label"), &s.label);
            c.text(&format!("{sp}.description"), &s.description);
            c.citations(&sp, &s.citations);
        }
    }
}

/// Checks `clauses.json` on its own (and the ids it names in the files loaded before it).
fn check_clauses(p: &Parsed, c: &mut Checker) {
    let cl = &p.clauses.1;
    let all_sources: HashSet<&str> = p.ruleset.1.sources.iter().map(|s| s.source_id.as_str()).collect();
    c.text("notice", &cl.notice);
    c.unique("clause_id", "clauses", cl.clauses.iter().map(|x| x.clause_id.as_str()));
    for (i, x) in cl.clauses.iter().enumerate() {
        let place = format!("clauses[{i}] ({})", x.clause_id);
        c.text(&format!("{place}.heading"), &x.heading);
        if x.text.trim().is_empty() {
            c.err(format!("{place}.text"), "empty clause text");
        }
        if !all_sources.contains(x.source_id.as_str()) {
            c.err(format!("{place}.source_id"), format!("unknown source_id \"{}\"", x.source_id));
        }
    }
}

/// Checks `glossary.json` on its own (and the ids it names in the files loaded before it).
fn check_glossary(p: &Parsed, c: &mut Checker) {
    let g = &p.glossary.1;
    c.text("notice", &g.notice);
    c.unique("term_id", "terms", g.terms.iter().map(|t| t.term_id.as_str()));
    for (i, t) in g.terms.iter().enumerate() {
        let place = format!("terms[{i}] ({})", t.term_id);
        c.text(&format!("{place}.term"), &t.term);
        c.text(&format!("{place}.explanation"), &t.explanation);
        c.citations(&place, &t.citations);
        for (j, l) in t.later_terms.iter().enumerate() {
            c.text(&format!("{place}.later_terms[{j}].term"), &l.term);
            c.text(&format!("{place}.later_terms[{j}].note"), &l.note);
        }
    }
}

/// Checks `appendix1.json` on its own (and the ids it names in the files loaded before it).
fn check_appendix1(p: &Parsed, c: &mut Checker) {
    let a = &p.appendix1.1;
    c.text("notice", &a.notice);
    let ids = a.entries.iter().map(|e| e.entry_id.as_str()).chain(a.judgements.iter().map(|j| j.judgement_id.as_str()));
    c.unique("entry or judgement id", "entries+judgements", ids);
    for (i, e) in a.entries.iter().enumerate() {
        let place = format!("entries[{i}] ({})", e.entry_id);
        c.text(&format!("{place}.task"), &e.task);
        c.text(&format!("{place}.reason"), &e.reason);
        c.citations(&place, &e.citations);
        c.unique("exclusion_id", &format!("{place}.exclusions"), e.exclusions.iter().map(|x| x.exclusion_id.as_str()));
        for (k, x) in e.exclusions.iter().enumerate() {
            let xp = format!("{place}.exclusions[{k}] ({})", x.exclusion_id);
            c.text(&format!("{xp}.question"), &x.question);
            c.citations(&xp, &x.citations);
            if x.via == AccessVia::Direct {
                c.err(format!("{xp}.via"), "an exclusion must name a hidden path: installation or operations");
            }
        }
    }
    for (i, j) in a.judgements.iter().enumerate() {
        let place = format!("judgements[{i}] ({})", j.judgement_id);
        c.text(&format!("{place}.task"), &j.task);
        c.text(&format!("{place}.reason"), &j.reason);
        c.citations(&place, &j.citations);
        if j.decided_by.trim().is_empty() {
            c.err(format!("{place}.decided_by"), "who decided is empty");
        }
        if chrono::NaiveDate::parse_from_str(&j.decided_on, "%Y-%m-%d").is_err() {
            c.err(format!("{place}.decided_on"), format!("\"{}\" is not a date (YYYY-MM-DD)", j.decided_on));
        }
    }
}

/// Checks `cautions.json` on its own (and the ids it names in the files loaded before it).
fn check_cautions(p: &Parsed, c: &mut Checker) {
    let list = &p.cautions.1.cautions;
    c.unique("caution_id", "cautions", list.iter().map(|x| x.caution_id.as_str()));
    let numbers: Vec<String> =
        list.iter().filter(|x| x.group == CautionGroup::Table4).map(|x| x.number.to_string()).collect();
    c.unique("table row number", "cautions(table4)", numbers.iter().map(String::as_str));
    for (i, x) in list.iter().enumerate() {
        let place = format!("cautions[{i}] ({})", x.caution_id);
        c.text(&format!("{place}.text"), &x.text);
        c.citations(&place, &x.citations);
    }
}

/// Checks `countermeasures.json` on its own (and the ids it names in the files loaded before it).
fn check_countermeasures(p: &Parsed, c: &mut Checker) {
    let list = &p.countermeasures.1.countermeasures;
    c.unique("countermeasure_id", "countermeasures", list.iter().map(|x| x.countermeasure_id.as_str()));
    for (i, x) in list.iter().enumerate() {
        let place = format!("countermeasures[{i}] ({})", x.countermeasure_id);
        c.text(&format!("{place}.label"), &x.label);
        c.citations(&place, &x.citations);
        if let Some(w) = &x.model_wording {
            if !x.citations.contains(&w.source) {
                c.err(
                    format!("{place}.model_wording.source"),
                    format!("\"{}\" is not one of the measure's citations: quote from a source it cites", w.source),
                );
            }
            if w.text.trim().is_empty() {
                c.err(format!("{place}.model_wording.text"), "empty quotation");
            }
        }
    }
}

/// Checks `threats.json` on its own (and the ids it names in the files loaded before it).
fn check_threats(p: &Parsed, c: &mut Checker) {
    let cm_ids: HashSet<String> =
        p.countermeasures.1.countermeasures.iter().map(|x| x.countermeasure_id.clone()).collect();
    let t = &p.threats.1;
    let m = &t.risk_matrix;
    for (name, levels) in [("likelihood_levels", &m.likelihood_levels), ("impact_levels", &m.impact_levels)] {
        if levels.is_empty() {
            c.err(format!("risk_matrix.{name}"), "at least one level is needed");
        }
        for (i, l) in levels.iter().enumerate() {
            if usize::from(l.level) != i + 1 {
                c.err(
                    format!("risk_matrix.{name}[{i}].level"),
                    format!("levels must run 1, 2, 3…; found {} here", l.level),
                );
            }
            c.text(&format!("risk_matrix.{name}[{i}].label"), &l.label);
        }
    }
    let max_score = u16::try_from(m.likelihood_levels.len() * m.impact_levels.len()).unwrap_or(u16::MAX);
    if !(1..=max_score).contains(&u16::from(m.medium_from))
        || m.medium_from >= m.high_from
        || u16::from(m.high_from) > max_score
    {
        c.err(
            "risk_matrix",
            format!(
                "thresholds must satisfy 1 ≤ medium_from < high_from ≤ {max_score}; found {} and {}",
                m.medium_from, m.high_from
            ),
        );
    }
    c.citations("risk_matrix", &m.citations);
    c.unique("threat_id", "threats", t.threats.iter().map(|x| x.threat_id.as_str()));
    for (i, x) in t.threats.iter().enumerate() {
        let place = format!("threats[{i}] ({})", x.threat_id);
        c.text(&format!("{place}.name"), &x.name);
        c.text(&format!("{place}.description"), &x.description);
        c.citations(&place, &x.citations);
        for (j, cm) in x.suggested_countermeasures.iter().enumerate() {
            if !cm_ids.contains(cm) {
                c.err(
                    format!("{place}.suggested_countermeasures[{j}]"),
                    format!("dangling reference: \"{cm}\" is not a countermeasure_id of countermeasures.json"),
                );
            }
        }
    }
}

/// Checks `narrowing.json` on its own (and the ids it names in the files loaded before it).
fn check_narrowing(p: &Parsed, c: &mut Checker) {
    let list = &p.narrowing.1.measures;
    c.unique("narrowing_id", "measures", list.iter().map(|x| x.narrowing_id.as_str()));
    for (i, x) in list.iter().enumerate() {
        let place = format!("measures[{i}] ({})", x.narrowing_id);
        c.text(&format!("{place}.label"), &x.label);
        c.text(&format!("{place}.description"), &x.description);
        c.citations(&place, &x.citations);
    }
}

/// Checks `measures.json` on its own (and the ids it names in the files loaded before it).
fn check_measures(p: &Parsed, c: &mut Checker) {
    let forms = &p.forms.1.forms;
    let m = &p.measures.1;
    c.text("notice", &m.notice);
    let cols = c.unique("column_id", "columns", m.columns.iter().map(|x| x.column_id.as_str()));
    for (i, col) in m.columns.iter().enumerate() {
        let place = format!("columns[{i}] ({})", col.column_id);
        c.text(&format!("{place}.label"), &col.label);
        match forms.iter().find(|f| f.form_id == col.form_id) {
            None => c.err(
                format!("{place}.form_id"),
                format!("dangling reference: \"{}\" is not a form_id of forms.json", col.form_id),
            ),
            Some(f) => {
                if let Some(sub) = &col.subform_id
                    && !f.subforms.iter().any(|s| &s.subform_id == sub)
                {
                    c.err(
                        format!("{place}.subform_id"),
                        format!("dangling reference: \"{sub}\" is not a sub-form of \"{}\"", f.form_id),
                    );
                }
            }
        }
    }
    c.unique("table_id", "tables", m.tables.iter().map(|x| x.table_id.as_str()));
    for (i, t) in m.tables.iter().enumerate() {
        let place = format!("tables[{i}] ({})", t.table_id);
        c.text(&format!("{place}.title"), &t.title);
        c.citations(&place, &t.citations);
        c.unique("row_id", &format!("{place}.rows"), t.rows.iter().map(|r| r.row_id.as_str()));
        for (j, r) in t.rows.iter().enumerate() {
            let rp = format!("{place}.rows[{j}] ({})", r.row_id);
            c.text(&format!("{rp}.label"), &r.label);
            c.citations(&rp, &r.citations);
            for key in r.marks.keys().chain(r.cell_notes.keys()) {
                if !cols.contains_key(key.as_str()) {
                    c.err(format!("{rp}.marks.{key}"), format!("dangling reference: \"{key}\" is not a column_id"));
                }
            }
            for col in &m.columns {
                if !r.marks.contains_key(&col.column_id) {
                    c.err(
                        format!("{rp}.marks"),
                        format!(
                            "no mark for column \"{}\" (write \"unknown\" if the source does not say)",
                            col.column_id
                        ),
                    );
                }
            }
            for (key, note) in &r.cell_notes {
                c.text(&format!("{rp}.cell_notes.{key}"), note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::citation_is_recognised;
    use std::collections::HashSet;

    #[test]
    fn citations_of_the_rule_book_and_sources_are_recognised() {
        let sources: HashSet<String> = ["000", "004"].iter().map(ToString::to_string).collect();
        for ok in [
            "5.1(3)",
            "5.2(4)",
            "3.1.2",
            "4(1)",
            "6.2.1(1)",
            "表4 No.12",
            "表1",
            "付録1 1(2)",
            "004 第9条",
            "000 (2)(b)(ウ)",
            "7.6(1)",
        ] {
            assert!(citation_is_recognised(ok, &sources), "{ok}");
        }
        for bad in ["", "see above", "5.x(1)", "5.1(", "009 第1条", "表"] {
            assert!(!citation_is_recognised(bad, &sources), "{bad}");
        }
    }
}
