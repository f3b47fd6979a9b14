//! The memo as a Word document (docx-rs): real tables with a shaded header row, heading
//! paragraphs, A4 page, a Japanese font set for East Asian text, and a footer with the
//! rule set, the integrity hash and "page N / M", so it can be edited in Word or 一太郎.

use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType, Table,
    TableCell, TableRow, WidthType,
};

use super::{Block, Memo, RenderError};

/// Body text size in half-points (10.5 pt).
const BODY: usize = 21;
/// Usable width of an A4 page with 20 mm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;

fn run(text: &str) -> Run {
    // Line breaks inside a value become real breaks.
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn cell(text: &str, header: bool, width: usize) -> TableCell {
    let mut r = run(text);
    if header {
        r = r.bold();
    }
    let mut c = TableCell::new().add_paragraph(Paragraph::new().add_run(r)).width(width, WidthType::Dxa);
    if header {
        c = c.shading(Shading::new().shd_type(ShdType::Clear).fill("E6E6E6"));
    }
    c
}

fn table(headers: Option<&[String]>, rows: &[Vec<String>], widths: &[usize]) -> Table {
    let mut out = Vec::new();
    if let Some(h) = headers {
        out.push(TableRow::new(h.iter().zip(widths).map(|(t, w)| cell(t, true, *w)).collect()).cant_split());
    }
    for r in rows {
        out.push(TableRow::new(r.iter().zip(widths).map(|(t, w)| cell(t, false, *w)).collect()).cant_split());
    }
    Table::new(out).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa)
}

fn even_widths(n: usize) -> Vec<usize> {
    vec![TEXT_WIDTH / n.max(1); n.max(1)]
}

fn fields(rows: &[(String, String)]) -> Table {
    let widths = [TEXT_WIDTH * 3 / 10, TEXT_WIDTH * 7 / 10];
    let out: Vec<TableRow> = rows
        .iter()
        .map(|(k, v)| TableRow::new(vec![cell(k, true, widths[0]), cell(v, false, widths[1])]).cant_split())
        .collect();
    Table::new(out).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa)
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().size(24)).keep_next(true)
}

/// Renders the memo as DOCX bytes.
pub fn render(memo: &Memo) -> Result<Vec<u8>, RenderError> {
    let fonts = RunFonts::new().ascii("Noto Sans CJK JP").hi_ansi("Noto Sans CJK JP").east_asia("Noto Sans CJK JP");
    let footer = Footer::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}: {}", memo.rule_set_label, memo.rule_set)).size(14)),
        )
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(format!("{}: {}", memo.hash_label, memo.hash)).size(14)),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_page_num(PageNum::new())
                .add_run(Run::new().add_text(" / "))
                .add_num_pages(NumPages::new()),
        );
    let margin = PageMargin { top: 1134, left: 1134, bottom: 1134, right: 1134, header: 567, footer: 567, gutter: 0 };
    let mut doc =
        Docx::new().page_size(11906, 16838).page_margin(margin).default_fonts(fonts).default_size(BODY).footer(footer);
    for (k, v) in &memo.header {
        doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(&format!("{k}: {v}"))));
    }
    doc = doc.add_paragraph(para(&memo.addressee));
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_text(&memo.title).bold().size(30)),
    );
    if let Some(d) = &memo.draft_notice {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(d).bold().color("B00000")));
    }
    for s in &memo.sections {
        doc = doc.add_paragraph(heading(&s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => doc = doc.add_paragraph(para(p)),
                Block::Fields(f) => doc = doc.add_table(fields(f)).add_paragraph(Paragraph::new()),
                Block::Table { headers, rows } => {
                    doc = doc
                        .add_table(table(Some(headers), rows, &even_widths(headers.len())))
                        .add_paragraph(Paragraph::new());
                }
                Block::List(items) => {
                    for i in items {
                        doc = doc.add_paragraph(para(&format!("・{i}")));
                    }
                }
            }
        }
    }
    doc = doc.add_paragraph(heading(&memo.approval.heading));
    let choices: Vec<String> =
        memo.approval.choices.iter().map(|(c, on)| format!("{} {c}", if *on { "■" } else { "□" })).collect();
    doc = doc.add_paragraph(para(&choices.join("　　")).keep_next(true));
    doc = doc.add_table(fields(&memo.approval.fields));
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| RenderError::Docx(e.to_string()))?;
    Ok(bytes.into_inner())
}
