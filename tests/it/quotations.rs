//! Every text the rule files quote from a source — a clause of `clauses.json`, a paragraph,
//! variant or label of `drafts.json`, a model wording of `countermeasures.json` — is found
//! letter for letter in that source (kept in `decision-trees/sources/`), within the part
//! the citation names, after the edits `ruleset.json` declares for the source (issue 22).
//! Spaces and line breaks, the source's list bullets and full/half-width forms (NFKC) are
//! not compared; every other difference must be declared with its reason.

use std::path::Path;

use itaku_navi::core::rules::files::{QuotationEdit, RuleSetFile, SourceDef};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees")
}

fn json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data_dir().join(name)).expect(name)).expect(name)
}

/// Text compared without spaces, line breaks or width differences.
fn compact(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// One line of a source or a quotation without its list marks (`-`, `#`, `・`, `**`).
fn without_marks(line: &str) -> String {
    let mut l = line.replace("**", "");
    loop {
        let t = l.trim_start();
        let t = t.trim_start_matches('#');
        let t = t.strip_prefix('-').or_else(|| t.strip_prefix('*')).or_else(|| t.strip_prefix('・')).unwrap_or(t);
        let t = t.trim_start().to_string();
        if t == l {
            return l;
        }
        l = t;
    }
}

/// A source's text, line by line, and where its parts (第N部) begin.
struct Source {
    def: SourceDef,
    lines: Vec<String>,
    /// Lines that are headings of a part (「## 第 部 …」).
    part_heads: Vec<usize>,
}

impl Source {
    fn load(def: &SourceDef) -> Source {
        let path = data_dir().join("sources").join(&def.file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The part headings lost their digits in the source text: the Nth 「# 第 部」 heading.
        let part_heads = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with('#') && l.trim_start_matches('#').trim_start().starts_with("第 部"))
            .map(|(i, _)| i)
            .collect();
        Source { def: def.clone(), lines: text.lines().map(without_marks).collect(), part_heads }
    }

    /// The line range a citation such as `第2部 1.1(9)` or `第3部 2` names, following a
    /// 「…と同じ」 to the 1.1 item it points at; the whole text when it names no part.
    fn region(&self, citation: &str) -> Result<Vec<(usize, usize)>, String> {
        let whole = Ok(vec![(0, self.lines.len())]);
        let Some((part, rest)) = citation.strip_prefix('第').and_then(|r| r.split_once('部')) else { return whole };
        let part: usize = part.parse().map_err(|_| format!("bad part in \"{citation}\""))?;
        let rest = rest.trim();
        let heads = &self.part_heads;
        let mut a = *heads.get(part - 1).ok_or_else(|| format!("part {part} not found"))?;
        let mut b = heads.get(part).copied().unwrap_or(self.lines.len());
        if rest.is_empty() {
            return Ok(vec![(a, b)]);
        }
        let (section, item) = match rest.split_once('(') {
            Some((s, i)) => (s, Some(i.trim_end_matches(')'))),
            None => (rest, None),
        };
        let starts_section = |l: &str, s: &str| {
            l.strip_prefix(s).is_some_and(|r| r.starts_with(' ') || r.starts_with('「') || r.starts_with('\u{3000}'))
        };
        a = (a..b).find(|i| starts_section(&self.lines[*i], section)).ok_or_else(|| format!("{section} not found"))?;
        let is_section = |l: &str| {
            let digits: String = l.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            !digits.is_empty() && !digits.ends_with('.') && starts_section(l, &digits)
        };
        b = (a + 1..b).find(|i| is_section(&self.lines[*i])).unwrap_or(b);
        let Some(item) = item else { return Ok(vec![(a, b)]) };
        let n: usize = item.parse().map_err(|_| format!("bad item in \"{citation}\""))?;
        let item_at = |k: usize| (a..b).find(|i| self.lines[*i].starts_with(&format!("({k})")));
        let start = item_at(n).ok_or_else(|| format!("({n}) not found in {section}"))?;
        let end = (start + 1..b).find(|i| self.lines[*i].starts_with(&format!("({})", n + 1))).unwrap_or(b);
        let mut ranges = vec![(start, end)];
        // 「「1 情報システムの構築等の場合」と同じ。」: the item of 1.1 with the same heading.
        if section != "1.1" && self.lines[start..end].iter().any(|l| l.contains("と同じ")) {
            let heading = |i: usize| {
                let l = &self.lines[i];
                compact(l.split_once(')').map_or("", |(_, h)| h))
            };
            let wanted = heading(start);
            let (a1, b1) = self.region(&format!("第{part}部 1.1"))?[0];
            let same = (a1..b1)
                .find(|i| self.lines[*i].starts_with('(') && heading(*i) == wanted)
                .ok_or_else(|| format!("「と同じ」: no item \"{wanted}\" in 1.1"))?;
            let k = self.lines[same].trim_start_matches('(').split(')').next().unwrap_or("").to_string();
            ranges.extend(self.region(&format!("第{part}部 1.1({k})"))?);
        }
        Ok(ranges)
    }

    /// The text of a citation with the declared edits applied, compacted.
    fn text(&self, citation: &str) -> Result<String, String> {
        let mut out = String::new();
        for (a, b) in self.region(citation)? {
            out.push_str(&compact(&self.lines[a..b].concat()));
        }
        // Edits in file order; consecutive edits of the same text are alternative readings
        // (the source's 「[納品までに / 年 月 日までに]」): each is kept, side by side.
        let edits: Vec<&QuotationEdit> = self.def.quotation_edits.iter().filter(|e| applies(e, citation)).collect();
        let mut i = 0;
        while i < edits.len() {
            let from = compact(&edits[i].from);
            let group: Vec<&&QuotationEdit> = edits[i..].iter().take_while(|e| compact(&e.from) == from).collect();
            i += group.len();
            out = group.iter().map(|e| out.replace(&from, &compact(&e.to))).collect::<Vec<_>>().join("¦");
        }
        Ok(out)
    }
}

fn applies(edit: &QuotationEdit, citation: &str) -> bool {
    edit.only_in.is_empty()
        || edit
            .only_in
            .iter()
            .any(|c| citation == c || citation.strip_prefix(c.as_str()).is_some_and(|r| r.starts_with(' ')))
}

/// What was checked, and what did not match.
#[derive(Default)]
struct Report {
    clauses: usize,
    paragraphs: usize,
    variants: usize,
    labels: usize,
    model_wordings: usize,
    cautions: usize,
    failures: Vec<String>,
}

struct Checker {
    sources: Vec<Source>,
}

impl Checker {
    fn new(ruleset: &RuleSetFile) -> Checker {
        Checker { sources: ruleset.sources.iter().map(Source::load).collect() }
    }

    /// Checks one quoted paragraph, cited as `001 第2部 1.1(9)` (source id, then the place).
    fn check(&self, report: &mut Report, what: &str, cited: &str, quoted: &str) {
        let (id, citation) = cited.split_once(' ').unwrap_or((cited, ""));
        let Some(source) = self.sources.iter().find(|s| s.def.source_id == id) else {
            report.failures.push(format!("{what}: source \"{id}\" is not in ruleset.json"));
            return;
        };
        let hay = match source.text(citation) {
            Ok(t) => t,
            Err(e) => {
                report.failures.push(format!("{what}: {cited}: {e}"));
                return;
            }
        };
        let mut quoted = quoted.trim().to_string();
        for [open, close] in &source.def.note_brackets {
            let inner = quoted.strip_prefix(open.as_str()).and_then(|q| q.strip_suffix(close.as_str()));
            if let Some(inner) = inner.filter(|i| !i.contains(close.as_str())) {
                quoted = inner.to_string();
                for p in &source.def.note_prefixes {
                    quoted = quoted.strip_prefix(p.as_str()).unwrap_or(&quoted).to_string();
                }
                break;
            }
        }
        // Line by line (a table's rows are lines of the quotation, cells of the source).
        for fragment in quoted.lines().map(without_marks).flat_map(|l| slots_removed(&l)) {
            let f = compact(&fragment);
            if f.chars().count() < 2 || hay.contains(&f) {
                continue;
            }
            let chars: Vec<char> = f.chars().collect();
            let agree =
                (0..=chars.len()).rev().find(|k| hay.contains(&chars[..*k].iter().collect::<String>())).unwrap_or(0);
            let shown: String = chars[agree..].iter().take(24).collect();
            let before: String = chars[agree.saturating_sub(16)..agree].iter().collect();
            report.failures.push(format!(
                "{what} ({cited}): not in the source as quoted — …{before}⟦{shown}…⟧ (declare the edit in ruleset.json or quote verbatim)"
            ));
        }
    }
}

/// The literal pieces between `{slot}`s (a slot is filled by the case's answer).
fn slots_removed(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.last_mut().expect("one").push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            rest = &rest[open..];
            break;
        };
        out.push(String::new());
        rest = &rest[open + close + 1..];
    }
    out.last_mut().expect("one").push_str(rest);
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn texts(v: &Value) -> Vec<&str> {
    v.get("text").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// Walks every quotation of the shipped rule files.
fn check_all(checker: &Checker, drafts: &Value, clauses: &Value, countermeasures: &Value) -> Report {
    let mut report = Report::default();
    // 表4's cautions are the table's rows, quoted (5.2(5)'s own risks are the app's list of
    // that clause's sentence, not a quotation: the clause itself is quoted in clauses.json).
    for caution in json("cautions.json")["cautions"].as_array().expect("cautions") {
        if str_of(caution, "group") == Some("table4") {
            report.cautions += 1;
            let id = str_of(caution, "caution_id").unwrap_or("?");
            let text = caution.get("text").and_then(|t| str_of(t, "ja")).unwrap_or("");
            checker.check(&mut report, &format!("cautions.json {id}"), "001 表4", text);
        }
    }
    for clause in clauses["clauses"].as_array().expect("clauses") {
        let id = str_of(clause, "clause_id").unwrap_or("?");
        let source = str_of(clause, "source_id").unwrap_or("?");
        report.clauses += 1;
        checker.check(
            &mut report,
            &format!("clauses.json {id}"),
            &format!("{source} {id}"),
            str_of(clause, "text").unwrap_or(""),
        );
    }
    for doc in drafts["documents"].as_array().expect("documents") {
        let doc_source = str_of(doc, "source").unwrap_or("?");
        for chapter in doc["chapters"].as_array().expect("chapters") {
            if let Some(note) = chapter.get("note").and_then(Value::as_str).filter(|n| !n.is_empty()) {
                report.paragraphs += 1;
                checker.check(&mut report, "drafts.json chapter note", doc_source, note);
            }
            for clause in chapter["clauses"].as_array().expect("clauses") {
                let id = str_of(clause, "clause_id").unwrap_or("?");
                let cited = str_of(clause, "source").unwrap_or(doc_source);
                for t in texts(clause) {
                    report.paragraphs += 1;
                    checker.check(&mut report, &format!("drafts.json {id}"), cited, t);
                }
                for variant in clause.get("variants").and_then(Value::as_array).into_iter().flatten() {
                    report.variants += 1;
                    if let Some(label) = str_of(variant, "label") {
                        for part in label.split('】').filter(|p| !p.is_empty()) {
                            report.labels += 1;
                            // A label names the case it applies to; a few borrow part 2's wording: the whole source.
                            let source = doc_source.split(' ').next().unwrap_or(doc_source);
                            checker.check(
                                &mut report,
                                &format!("drafts.json {id} label"),
                                source,
                                &format!("{part}】"),
                            );
                        }
                    }
                    for t in texts(variant) {
                        report.paragraphs += 1;
                        checker.check(&mut report, &format!("drafts.json {id} variant"), cited, t);
                    }
                }
            }
        }
    }
    let mut stack = vec![countermeasures];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(w) = map.get("model_wording") {
                    report.model_wordings += 1;
                    let id = str_of(v, "countermeasure_id").unwrap_or("?");
                    checker.check(
                        &mut report,
                        &format!("countermeasures.json {id} model wording"),
                        str_of(w, "source").unwrap_or("?"),
                        str_of(w, "text").unwrap_or(""),
                    );
                }
                stack.extend(map.values());
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    report
}

fn shipped() -> (Checker, Value, Value, Value) {
    let ruleset: RuleSetFile = serde_json::from_value(json("ruleset.json")).expect("ruleset");
    (Checker::new(&ruleset), json("drafts.json"), json("clauses.json"), json("countermeasures.json"))
}

#[test]
fn every_quotation_is_verbatim_or_its_edit_declared() {
    let (checker, drafts, clauses, countermeasures) = shipped();
    let report = check_all(&checker, &drafts, &clauses, &countermeasures);
    let edits: usize = checker.sources.iter().map(|s| s.def.quotation_edits.len()).sum();
    eprintln!(
        "quotations checked: {} clauses, {} paragraphs, {} variants ({} labels), {} model wordings, {} 表4 rows; {edits} edits declared",
        report.clauses, report.paragraphs, report.variants, report.labels, report.model_wordings, report.cautions
    );
    assert!(
        report.clauses > 20 && report.paragraphs > 100 && report.model_wordings > 5 && report.cautions == 18,
        "the walk found the quotations"
    );
    assert!(
        report.failures.is_empty(),
        "{} quotations differ from their source:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
}

/// The test can fail: one undeclared edit of a quotation (a word dropped, as 「にも」→「に」
/// was) is reported with the clause that carries it.
#[test]
fn an_undeclared_edit_is_named() {
    let (checker, mut drafts, clauses, countermeasures) = shipped();
    let mut edited = None;
    'find: for doc in drafts["documents"].as_array_mut().expect("documents") {
        for chapter in doc["chapters"].as_array_mut().expect("chapters") {
            for clause in chapter["clauses"].as_array_mut().expect("clauses") {
                if str_of(clause, "clause_id") == Some("spec-build-structure") {
                    clause["text"][0] = Value::from(
                        "本調達に係る業務を行う事業者は、情報セキュリティを確保するための体制を整備すること。",
                    );
                    edited = Some(());
                    break 'find;
                }
            }
        }
    }
    assert!(edited.is_some(), "the clause to edit exists");
    let report = check_all(&checker, &drafts, &clauses, &countermeasures);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(
        report.failures[0].contains("spec-build-structure") && report.failures[0].contains("1.1(1)"),
        "{}",
        report.failures[0]
    );
}
