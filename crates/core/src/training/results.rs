//! Quiz results a trainer collects: one record per finished attempt, kept on the PC and
//! exported as CSV (UTF-8 with a byte-order mark, so Excel on Windows shows Japanese).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// One finished quiz attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizRecord {
    /// The trainee's name as typed.
    pub trainee: String,
    /// The sample's id.
    pub sample_id: String,
    /// The sample's title.
    pub sample_title: String,
    /// 1 for the first attempt at this sample in a session, then 2, 3 …
    pub attempt: u32,
    /// `step` (checked after each answer) or `end` (checked at the end).
    pub mode: String,
    /// When it was graded.
    pub finished_at: DateTime<FixedOffset>,
    /// Items answered as the model answer.
    pub score: usize,
    /// Items in the quiz.
    pub total: usize,
    /// Every item with both answers.
    pub items: Vec<RecordItem>,
}

/// One item of a finished attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordItem {
    /// 1-based position in the quiz.
    pub number: usize,
    /// The quiz item's id.
    pub item_id: String,
    /// The question as shown.
    pub prompt: String,
    /// The trainee's answer (empty if none).
    pub answer: String,
    /// The model answer.
    pub model_answer: String,
    /// Whether they match.
    pub correct: bool,
    /// The clauses behind the item.
    pub citations: String,
    /// The trainee's reason.
    pub reason: String,
}

/// The CSV of a set of records: one row per item of every attempt, headed in `lang`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn results_csv(records: &[QuizRecord], lang: Lang) -> Result<Vec<u8>, crate::output::OutputError> {
    let header: [&str; 14] = match lang {
        Lang::Ja => [
            "受講者",
            "サンプルID",
            "サンプル",
            "回",
            "採点方式",
            "実施日時",
            "得点",
            "満点",
            "設問番号",
            "設問ID",
            "設問",
            "受講者の回答",
            "模範解答",
            "正誤",
        ],
        Lang::En => [
            "Trainee",
            "Sample ID",
            "Sample",
            "Attempt",
            "Checked",
            "Finished at",
            "Score",
            "Out of",
            "No.",
            "Item ID",
            "Question",
            "Trainee's answer",
            "Model answer",
            "Result",
        ],
    };
    let tail: [&str; 2] = match lang {
        Lang::Ja => ["根拠条項", "受講者の理由"],
        Lang::En => ["Clauses", "Trainee's reason"],
    };
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let mut head: Vec<&str> = header.to_vec();
        head.extend(tail);
        w.write_record(&head)?;
        for r in records {
            let mode = match (r.mode.as_str(), lang) {
                ("step", Lang::Ja) => "1問ずつ",
                ("step", Lang::En) => "each answer",
                (_, Lang::Ja) => "最後にまとめて",
                (_, Lang::En) => "at the end",
            };
            for i in &r.items {
                let verdict = match (i.correct, lang) {
                    (true, Lang::Ja) => "正",
                    (false, Lang::Ja) => "誤",
                    (true, Lang::En) => "correct",
                    (false, Lang::En) => "wrong",
                };
                let cells = [
                    r.trainee.as_str(),
                    &r.sample_id,
                    &r.sample_title,
                    &r.attempt.to_string(),
                    mode,
                    &r.finished_at.format("%Y-%m-%d %H:%M").to_string(),
                    &r.score.to_string(),
                    &r.total.to_string(),
                    &i.number.to_string(),
                    &i.item_id,
                    &i.prompt,
                    &i.answer,
                    &i.model_answer,
                    verdict,
                    &i.citations,
                    &i.reason,
                ];
                // A trainee's name or reason is theirs to type: it never starts a formula.
                w.write_record(cells.map(crate::text::as_spreadsheet_text).iter().map(AsRef::<str>::as_ref))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_header_and_one_row_per_item_with_quotes_where_needed() {
        let record = QuizRecord {
            trainee: "山田, 太郎".into(),
            sample_id: "s01".into(),
            sample_title: "広報".into(),
            attempt: 2,
            mode: "end".into(),
            finished_at: DateTime::parse_from_rfc3339("2026-11-22T10:05:00+09:00").expect("date"),
            score: 1,
            total: 2,
            items: vec![
                RecordItem {
                    number: 1,
                    item_id: "appendix1".into(),
                    prompt: "付録1は".into(),
                    answer: "掲載なし".into(),
                    model_answer: "掲載なし".into(),
                    correct: true,
                    citations: "5.1(3)".into(),
                    reason: "一覧にない\n確認済み".into(),
                },
                RecordItem {
                    number: 2,
                    item_id: "outcome".into(),
                    prompt: "結論は".into(),
                    answer: String::new(),
                    model_answer: "判断依頼".into(),
                    correct: false,
                    citations: "5.1(3)".into(),
                    reason: String::new(),
                },
            ],
        };
        let bytes = results_csv(&[record], Lang::Ja).expect("csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf8");
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let got: Vec<csv::StringRecord> = rows.records().collect::<Result<_, _>>().expect("parse");
        assert_eq!(got.len(), 2);
        assert_eq!(&got[0][0], "山田, 太郎");
        assert_eq!(&got[0][4], "最後にまとめて");
        assert_eq!(&got[0][13], "正");
        assert_eq!(&got[0][15], "一覧にない\n確認済み");
        assert_eq!(&got[1][13], "誤");
        assert_eq!(rows.headers().expect("headers").get(0), Some("受講者"));
    }
}
