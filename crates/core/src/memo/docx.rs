//! The memo as a Word document (docx-rs): real tables with a shaded header row, heading
//! paragraphs, A4 page, a Japanese font set for East Asian text, and a footer with the
//! rule set, the integrity hash and "page N / M", so it can be edited in Word or 一太郎.
//! A table's header row repeats on every page it runs onto (`w:tblHeader`, which docx-rs
//! cannot write: the row is marked while building and the mark replaced after packing).

use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, Docx, Footer, HeightRule, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType,
    Table, TableCell, TableRow, WidthType,
};

use super::{Block, Memo, OPEN_CHOICE_MARK, RenderError};

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

/// The runs of a text: a choice still open in the drafts (「〔要選択…〕」) is highlighted and
/// bold, so no reader misses what is left to decide.
fn runs(text: &str, bold: bool) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN_CHOICE_MARK) {
        let end = rest[start..].find('〕').map_or(rest.len(), |e| start + e + '〕'.len_utf8());
        if start > 0 {
            out.push(run(&rest[..start]));
        }
        out.push(run(&rest[start..end]).bold().highlight("yellow"));
        rest = &rest[end..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(run(rest));
    }
    if bold { out.into_iter().map(Run::bold).collect() } else { out }
}

fn para(text: &str) -> Paragraph {
    runs(text, false).into_iter().fold(Paragraph::new(), Paragraph::add_run)
}

fn cell(text: &str, header: bool, width: usize) -> TableCell {
    let p = runs(text, header).into_iter().fold(Paragraph::new(), Paragraph::add_run);
    let mut c = TableCell::new().add_paragraph(p).width(width, WidthType::Dxa);
    if header {
        c = c.shading(Shading::new().shd_type(ShdType::Clear).fill("E6E6E6"));
    }
    c
}

fn table(headers: Option<&[String]>, rows: &[Vec<String>], widths: &[usize]) -> Table {
    let mut out = Vec::new();
    if let Some(h) = headers {
        // The mark for `repeat_header_rows`: no other row has an automatic height.
        let row = TableRow::new(h.iter().zip(widths).map(|(t, w)| cell(t, true, *w)).collect());
        out.push(row.cant_split().row_height(HEADER_MARK_HEIGHT).height_rule(HeightRule::Auto));
    }
    for r in rows {
        out.push(TableRow::new(r.iter().zip(widths).map(|(t, w)| cell(t, false, *w)).collect()).cant_split());
    }
    Table::new(out).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa)
}

/// Column widths in proportion to the text each column holds (its header and its first
/// 100 rows, a Japanese character counting two), each between 5 and 40 characters' worth:
/// even widths squeezed a long caution into a column as narrow as a number's.
fn column_widths(headers: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let n = headers.len().max(1);
    let width = |s: &str| s.chars().map(|c| if u32::from(c) >= 0x2E80 { 2 } else { 1 }).sum::<usize>();
    let weights: Vec<usize> = (0..n)
        .map(|i| {
            let longest = std::iter::once(headers.get(i).map_or(0, |h| width(h)))
                .chain(rows.iter().take(100).map(|r| r.get(i).map_or(0, |c| width(c))))
                .max()
                .unwrap_or(0);
            longest.clamp(5, 40) + 3
        })
        .collect();
    let total: usize = weights.iter().sum();
    weights.iter().map(|w| TEXT_WIDTH * w / total.max(1)).collect()
}

fn fields(rows: &[(String, String)]) -> Table {
    let widths = [TEXT_WIDTH * 3 / 10, TEXT_WIDTH * 7 / 10];
    let out: Vec<TableRow> = rows
        .iter()
        .map(|(k, v)| TableRow::new(vec![cell(k, true, widths[0]), cell(v, false, widths[1])]).cant_split())
        .collect();
    Table::new(out).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa)
}

/// 決裁欄: the titles over tall empty boxes, at the right margin.
fn stamps(titles: &[String]) -> Table {
    const BOX: usize = 960; // 17 mm in twentieths of a point
    let widths = vec![BOX; titles.len()];
    let title = |t: &str| {
        TableCell::new()
            .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(t).size(16)))
            .width(BOX, WidthType::Dxa)
    };
    let head = TableRow::new(titles.iter().map(|t| title(t)).collect()).cant_split();
    let blank = TableRow::new(titles.iter().map(|_| cell("", false, BOX)).collect())
        .cant_split()
        .row_height(850.0)
        .height_rule(HeightRule::Exact);
    Table::new(vec![head, blank])
        .set_grid(widths)
        .width(BOX * titles.len(), WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Right)
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
    if !memo.stamp_boxes.is_empty() {
        doc = doc.add_table(stamps(&memo.stamp_boxes)).add_paragraph(Paragraph::new());
    }
    for (k, v) in &memo.header {
        doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(&format!("{k}: {v}"))));
    }
    if !memo.addressee.is_empty() {
        doc = doc.add_paragraph(para(&memo.addressee));
    }
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
                        .add_table(table(Some(headers), rows, &column_widths(headers, rows)))
                        .add_paragraph(Paragraph::new());
                }
                Block::List(items) => {
                    for i in items {
                        doc = doc.add_paragraph(para(&format!("・{i}")));
                    }
                }
                Block::Notice { text, alert } => {
                    // A framed one-cell table: red and bold when the state needs a look.
                    let mut r = run(text).bold();
                    if *alert {
                        r = r.color("B00000");
                    }
                    let colour = if *alert { "B00000" } else { "404040" };
                    let borders = [
                        docx_rs::TableCellBorderPosition::Top,
                        docx_rs::TableCellBorderPosition::Bottom,
                        docx_rs::TableCellBorderPosition::Left,
                        docx_rs::TableCellBorderPosition::Right,
                    ]
                    .into_iter()
                    .fold(docx_rs::TableCellBorders::with_empty(), |b, side| {
                        b.set(docx_rs::TableCellBorder::new(side).color(colour).size(12))
                    });
                    let cell = TableCell::new()
                        .add_paragraph(Paragraph::new().add_run(r))
                        .width(TEXT_WIDTH, WidthType::Dxa)
                        .set_borders(borders);
                    doc = doc
                        .add_table(Table::new(vec![TableRow::new(vec![cell])]).width(TEXT_WIDTH, WidthType::Dxa))
                        .add_paragraph(Paragraph::new());
                }
            }
        }
    }
    if memo.approval.is_shown() {
        doc = doc.add_paragraph(heading(&memo.approval.heading));
        let choices: Vec<String> =
            memo.approval.choices.iter().map(|(c, on)| format!("{} {c}", if *on { "■" } else { "□" })).collect();
        doc = doc.add_paragraph(para(&choices.join("　　")).keep_next(true));
        doc = doc.add_table(fields(&memo.approval.fields));
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| RenderError::Docx(e.to_string()))?;
    repeat_header_rows(&bytes.into_inner()).map_err(|e| RenderError::Docx(format!("header rows: {e}")))
}

/// The height given to header rows as their mark (an automatic height ignores it).
const HEADER_MARK_HEIGHT: f32 = 1.0;

/// Rewrites `word/document.xml` so each marked header row carries `<w:tblHeader/>` (Word
/// and `LibreOffice` then repeat it at the top of every page the table continues on).
fn repeat_header_rows(docx: &[u8]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data)?;
        if name == "word/document.xml" {
            data = mark_header_rows(&String::from_utf8(data)?).into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&data)?;
    }
    Ok(out.finish()?.into_inner())
}

/// Replaces each `<w:trHeight …/>` of automatic height (the header rows' mark) by
/// `<w:tblHeader/>`.
fn mark_header_rows(xml: &str) -> String {
    let mut result = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find("<w:trHeight") {
        let Some(len) = rest[at..].find("/>").map(|e| e + 2) else { break };
        let element = &rest[at..at + len];
        result.push_str(&rest[..at]);
        result.push_str(if element.contains("\"auto\"") { "<w:tblHeader/>" } else { element });
        rest = &rest[at + len..];
    }
    result.push_str(rest);
    result
}
