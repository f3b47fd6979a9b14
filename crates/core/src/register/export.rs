//! The register for the 統括情報セキュリティ責任者: CSV (UTF-8 with BOM, which Excel opens
//! as Japanese) and XLSX with one row per case, and the unlisted tasks judged by the
//! 情報セキュリティ責任者 that the organisation's list does not hold yet, as
//! `appendix1.json` entries to merge.

use chrono::NaiveDate;

use super::{Binding, Register, Row, Seal};
use crate::case::fields::Field;
use crate::case::lifecycle::Expiry;
use crate::output::OutputError;
use crate::rules::RuleSet;
use crate::rules::files::{Appendix1Entry, EntryOrigin};
use crate::text::{Lang, Text};

/// One column of the exported register.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header in Japanese.
    pub ja: &'static str,
    /// Header in English.
    pub en: &'static str,
}

impl Column {
    /// The column of a basic field, named as the field is everywhere.
    const fn field(f: Field) -> Column {
        let (ja, en) = f.names();
        Column { ja, en }
    }
}

/// The columns, in order.
const COLUMNS: [Column; 23] = [
    Column::field(Field::DocumentNumber),
    Column::field(Field::TaskName),
    Column::field(Field::Section),
    Column::field(Field::Author),
    Column::field(Field::Form),
    Column { ja: "結論", en: "Outcome" },
    Column { ja: "根拠条項", en: "Clauses of the outcome" },
    Column { ja: "承認状況", en: "Approval state" },
    Column { ja: "承認者", en: "Approver" },
    Column { ja: "判断日", en: "Decided on" },
    Column { ja: "有効期限・再審査日", en: "Expiry / re-review" },
    Column { ja: "期限", en: "Expiry state" },
    Column { ja: "承認と内容", en: "Approval covers content" },
    Column { ja: "自己承認", en: "Self-approval" },
    Column { ja: "封印", en: "Seal" },
    Column { ja: "版", en: "Revision" },
    Column { ja: "最終更新", en: "Last change" },
    Column { ja: "ファイル", en: "File" },
    Column { ja: "読み込みエラー", en: "Read error" },
    Column { ja: "現行規則では結論が変わる", en: "Overturned by today's rules" },
    Column { ja: "クラウドの登録（ISMAP 等）の有効期限", en: "Cloud listing (ISMAP etc.) valid until" },
    Column { ja: "登録の期限", en: "Listing state" },
    Column { ja: "署名", en: "Signature" },
];

/// The exported columns.
#[must_use]
pub fn columns() -> &'static [Column] {
    &COLUMNS
}

/// The last change as local date and time.
fn modified_text(ns: Option<i128>) -> String {
    ns.and_then(|ns| i64::try_from(ns / 1_000_000_000).ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Where today's rules part from a case's recorded outcome, in words: both outcomes, the
/// node the path now ends at with its clauses, and the 付録1 entry's classification today.
fn overturned_text(rules: &RuleSet, e: &super::Entry, o: &super::Overturned, lang: Lang) -> String {
    let name = |k: Option<crate::rules::files::OutcomeKind>| k.map(|k| rules.outcome_def(k).name.get(lang).to_string());
    let recorded = name(e.outcome).unwrap_or_default();
    let now = name(e.evaluated).unwrap_or_else(|| lang.pick("未確定", "no outcome").to_string());
    let cites = if o.citations.is_empty() { String::new() } else { format!(" ({})", o.citations.join(", ")) };
    let entry = o.appendix1_entry.as_ref().map(|(id, important)| {
        let found = rules.appendix1.entries.iter().find(|x| &x.entry_id == id);
        let task = found.map_or("", |x| x.task.get(lang));
        // The entry's own citation (「付録1 2(2)」): the clause words come from the rules.
        let cite = found.and_then(|x| x.citations.first()).map_or("", String::as_str);
        match (lang, important) {
            (Lang::Ja, true) => format!("; {cite}（{id}）「{task}」は現在「重要」"),
            (Lang::Ja, false) => format!("; {cite}（{id}）「{task}」は現在「重要でない」"),
            (Lang::En, true) => format!("; {cite} ({id}) \"{task}\" is now important"),
            (Lang::En, false) => format!("; {cite} ({id}) \"{task}\" is now not important"),
        }
    });
    let entry = entry.unwrap_or_default();
    match lang {
        Lang::Ja => format!("記録「{recorded}」→ 現行規則「{now}」（経路の終点: {}{cites}{entry}）", o.node_id),
        Lang::En => format!(
            "recorded \"{recorded}\" → today's rules \"{now}\" (the path now ends at {}{cites}{entry})",
            o.node_id
        ),
    }
}

/// The state of a re-review date in words.
#[must_use]
pub fn expiry_text(e: Expiry, lang: Lang) -> String {
    match e {
        Expiry::NoDate => String::new(),
        Expiry::Unreadable => lang.pick("日付が読めません", "unreadable date").into(),
        Expiry::Ahead { days, .. } => {
            if lang == Lang::Ja {
                format!("あと{days}日")
            } else {
                format!("{days} days left")
            }
        }
        Expiry::Expired { days, .. } => {
            if lang == Lang::Ja {
                format!("期限切れ（{days}日経過）")
            } else {
                format!("expired {days} days ago")
            }
        }
    }
}

/// The cells of one row, by name; [`RowCells::in_column_order`] lines them up with
/// [`columns`] for the exports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowCells {
    /// 文書番号.
    pub document_number: String,
    /// 業務名.
    pub task: String,
    /// 担当課室.
    pub section: String,
    /// 作成者.
    pub author: String,
    /// 委託の形態.
    pub form: String,
    /// 結論.
    pub outcome: String,
    /// 根拠条項 of the outcome.
    pub clauses: String,
    /// 承認状況.
    pub state: String,
    /// 承認者.
    pub approver: String,
    /// 判断日.
    pub decided_on: String,
    /// 有効期限・再審査日.
    pub review_by: String,
    /// The state of that date in words.
    pub expiry: String,
    /// Whether the approval covers the content, in words.
    pub binding: String,
    /// Self-approval, in words (empty: none).
    pub self_approval: String,
    /// The seal, in words.
    pub seal: String,
    /// 版.
    pub revision: String,
    /// 最終更新.
    pub modified: String,
    /// The file, relative to the folder.
    pub file: String,
    /// Why the file could not be read (empty: it was read).
    pub error: String,
    /// Where today's rules part from the recorded outcome (empty: they agree).
    pub overturned: String,
    /// The cloud listing and its validity end (empty: no listed cloud service).
    pub listing: String,
    /// The state of that date in words.
    pub listing_state: String,
    /// The approval's signature in words (empty: no approval entry).
    pub signature: String,
}

impl RowCells {
    /// The cells in [`columns`] order.
    #[must_use]
    pub fn in_column_order(&self) -> Vec<String> {
        let v = vec![
            self.document_number.clone(),
            self.task.clone(),
            self.section.clone(),
            self.author.clone(),
            self.form.clone(),
            self.outcome.clone(),
            self.clauses.clone(),
            self.state.clone(),
            self.approver.clone(),
            self.decided_on.clone(),
            self.review_by.clone(),
            self.expiry.clone(),
            self.binding.clone(),
            self.self_approval.clone(),
            self.seal.clone(),
            self.revision.clone(),
            self.modified.clone(),
            self.file.clone(),
            self.error.clone(),
            self.overturned.clone(),
            self.listing.clone(),
            self.listing_state.clone(),
            self.signature.clone(),
        ];
        debug_assert_eq!(v.len(), COLUMNS.len());
        v
    }
}

/// The cells of one row.
#[must_use]
pub fn cells(rules: &RuleSet, row: &Row, today: NaiveDate, lang: Lang) -> RowCells {
    let Ok(e) = &row.entry else {
        return RowCells {
            modified: modified_text(row.modified_ns),
            file: row.path.clone(),
            error: row.entry.as_ref().err().cloned().unwrap_or_default(),
            ..RowCells::default()
        };
    };
    let form = e.form.as_deref().map(|f| rules.form(f).map_or(f.to_string(), |d| d.label.get(lang).to_string()));
    // The register shows what the rules decide; a file claiming another outcome says so.
    let name = |o| rules.outcome_def(o).name.get(lang).to_string();
    let (mut outcome, clauses) = e.evaluated.map_or((String::new(), String::new()), |o| {
        let def = rules.outcome_def(o);
        (def.name.get(lang).to_string(), def.citations.join(", "))
    });
    if e.record_mismatch() {
        let recorded = e.outcome.map(name).unwrap_or_default();
        outcome = match lang {
            Lang::Ja => format!("{outcome}（記録と判定が不一致: ファイルの記録は「{recorded}」）"),
            Lang::En => format!("{outcome} (record and rules disagree: the file records \"{recorded}\")"),
        };
    }
    let binding = match e.binding {
        Binding::None => "",
        Binding::Current => lang.pick("承認時のまま", "as approved"),
        Binding::Outdated => lang.pick("承認後に変更あり（要再承認）", "changed after approval (re-approval needed)"),
        Binding::Unbound => lang.pick("承認した版の記録なし", "approved version not recorded"),
    };
    let seal = match e.seal {
        Seal::Intact => lang.pick("一致", "intact"),
        Seal::Altered => lang.pick("アプリ外で変更", "altered outside the app"),
        Seal::Unsealed => lang.pick("未封印", "unsealed"),
        Seal::Resealed => {
            lang.pick("再封印（アプリ外の変更を受け入れ）", "resealed (a change outside the app accepted)")
        }
    };
    let overturned = e.overturned.as_ref().map(|o| overturned_text(rules, e, o, lang)).unwrap_or_default();
    RowCells {
        overturned,
        document_number: e.document_number.clone(),
        task: e.task_name.clone(),
        section: e.section.clone(),
        author: e.author.clone(),
        form: form.unwrap_or_default(),
        outcome,
        clauses,
        state: e.lifecycle(today).label(lang, rules.organisation.date_style),
        approver: if e.approval_entries > 1 {
            match lang {
                Lang::Ja => format!("{}（記録 {} 件）", e.approver, e.approval_entries),
                Lang::En => format!("{} ({} entries)", e.approver, e.approval_entries),
            }
        } else {
            e.approver.clone()
        },
        decided_on: e.decided_on.clone().unwrap_or_default(),
        review_by: e.review_by.clone().unwrap_or_default(),
        expiry: expiry_text(e.expiry(today), lang),
        listing: e.listing.as_ref().map_or_else(String::new, |(register, until)| {
            format!("{} {until}", crate::case::cloud::register_name(*register, lang))
        }),
        listing_state: expiry_text(e.listing_expiry(today), lang),
        signature: e.signature.as_ref().map(|s| s.words(lang, e.signature_required)).unwrap_or_default(),
        binding: binding.to_string(),
        self_approval: if e.self_approved {
            lang.pick("作成者と同名", "same name as the author").to_string()
        } else {
            String::new()
        },
        seal: seal.to_string(),
        revision: e.revision.to_string(),
        modified: modified_text(row.modified_ns),
        file: row.path.clone(),
        error: String::new(),
    }
}

/// The rows to export: which (indices into `reg.rows`, in order), as of which day, in
/// which language.
pub struct Selection<'a> {
    /// The rules (form and outcome names, the outcome's clauses).
    pub rules: &'a RuleSet,
    /// The register.
    pub reg: &'a Register,
    /// The rows, in order.
    pub picked: &'a [usize],
    /// Today, for the expiry state.
    pub today: NaiveDate,
    /// Language of the headers and states.
    pub lang: Lang,
}

/// The rows as JSON — `{"folder", "rows": [{"row": {column: cell}, "record": …}],
/// "unreadable"}` — written as they are serialised, one row at a time: memory holds the
/// register's rows, never the whole document (50 000 files took 1.2 GB as one JSON value).
pub fn write_json(s: &Selection, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, &JsonDoc(s)).map_err(std::io::Error::other)?;
    writeln!(w)?;
    w.flush()
}

/// The document of [`write_json`].
struct JsonDoc<'a>(&'a Selection<'a>);

/// The picked rows, serialised as the writer reaches them.
struct JsonRows<'a>(&'a Selection<'a>);

/// One row: its cells by column name, and the record it is read from.
struct JsonRow<'a>(&'a Selection<'a>, usize);

/// A row's cells, by their column's name in the chosen language, in column order.
struct JsonCells(Vec<(&'static str, String)>);

impl serde::Serialize for JsonDoc<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Register", 3)?;
        st.serialize_field("folder", &self.0.reg.folder)?;
        st.serialize_field("rows", &JsonRows(self.0))?;
        st.serialize_field("unreadable", &self.0.reg.unreadable())?;
        st.end()
    }
}

impl serde::Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.picked.iter().map(|&i| JsonRow(self.0, i)))
    }
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let JsonRow(sel, i) = *self;
        let row = &sel.reg.rows[i];
        let cells = cells(sel.rules, row, sel.today, sel.lang).in_column_order();
        let named =
            columns().iter().zip(cells).map(|(c, v)| (if sel.lang == Lang::Ja { c.ja } else { c.en }, v)).collect();
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("row", &JsonCells(named))?;
        m.serialize_entry("record", row)?;
        m.end()
    }
}

impl serde::Serialize for JsonCells {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The rows as CSV: UTF-8 with a BOM and CRLF line ends, as Excel on Windows expects. A cell
/// that would start a formula is written as text ([`crate::text::as_spreadsheet_text`]).
pub fn to_csv(s: &Selection) -> Result<Vec<u8>, OutputError> {
    let Selection { rules, reg, picked, today, lang } = *s;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::from(*b"\xEF\xBB\xBF"));
    let header: Vec<&str> = COLUMNS.iter().map(|c| lang.pick(c.ja, c.en)).collect();
    w.write_record(&header)?;
    for &i in picked {
        let row = cells(rules, &reg.rows[i], today, lang);
        w.write_record(row.in_column_order().iter().map(|c| crate::text::as_spreadsheet_text(c).into_owned()))?;
    }
    Ok(w.into_inner()?)
}

/// The rows as an XLSX workbook: one sheet, a frozen bold header row with a filter on
/// every column.
pub fn to_xlsx(s: &Selection) -> Result<Vec<u8>, OutputError> {
    use rust_xlsxwriter::{Format, Workbook};
    let Selection { rules, reg, picked, today, lang } = *s;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("台帳", "Register"))?;
    let bold = Format::new().set_bold();
    for (c, col) in COLUMNS.iter().enumerate() {
        let c = u16::try_from(c)?;
        sheet.write_string_with_format(0, c, lang.pick(col.ja, col.en), &bold)?;
        sheet.set_column_width(c, if c == 1 { 40 } else { 16 })?;
    }
    for (r, &i) in picked.iter().enumerate() {
        let r = u32::try_from(r + 1)?;
        for (c, text) in cells(rules, &reg.rows[i], today, lang).in_column_order().iter().enumerate() {
            let c = u16::try_from(c)?;
            sheet.write_string(r, c, text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(picked.len())?;
    let last_col = u16::try_from(COLUMNS.len() - 1)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(book.save_to_buffer()?)
}

/// The unlisted tasks judged under 5.1(3) whose task 付録1 does not list yet, as entries
/// ready to merge into the organisation's `appendix1.json` (5.1(4)): `origin`
/// organisation, ids `add-<document number or file>`, the judgment as the reason (worded
/// by `wording.json`).
#[must_use]
pub fn appendix1_additions(rules: &RuleSet, reg: &Register) -> Vec<Appendix1Entry> {
    let listed: Vec<&str> = rules.appendix1.entries.iter().map(|e| e.task.ja.as_str()).collect();
    let mut out: Vec<Appendix1Entry> = Vec::new();
    for row in &reg.rows {
        let Ok(e) = &row.entry else { continue };
        let Some(j) = &e.judged else { continue };
        let task = e.task_name.trim();
        if task.is_empty() || listed.contains(&task) || out.iter().any(|o| o.task.ja == task) {
            continue;
        }
        let key = if e.document_number.trim().is_empty() { row.path.as_str() } else { e.document_number.as_str() };
        let slug: String =
            key.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect::<String>().trim_matches('-').into();
        let id = if j.handles_important {
            "register.appendix1_addition.important"
        } else {
            "register.appendix1_addition.other"
        };
        let fill = [("by", j.decided_by.as_str()), ("on", j.decided_on.as_str()), ("reason", j.rationale.as_str())];
        out.push(Appendix1Entry {
            entry_id: format!("add-{slug}"),
            task: Text::new(task, task),
            handles_important: j.handles_important,
            citations: rules.wording(id).1,
            reason: Text::new(rules.words(id, Lang::Ja, &fill), rules.words(id, Lang::En, &fill)),
            origin: EntryOrigin::Organisation,
            exclusions: Vec::new(),
        });
    }
    out
}
