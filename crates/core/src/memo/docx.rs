//! The memo as a Word document (docx-rs): real tables with a shaded header row, heading
//! paragraphs, A4 page, a Japanese font set for East Asian text, and a footer with the
//! rule set, the integrity hash and "page N / M", so it can be edited in Word or 一太郎.
//! A table's header row repeats on every page it runs onto (`w:tblHeader`, which docx-rs
//! cannot write: the row is marked while building and the mark replaced after packing).
//! A table's body rows are written one at a time while the package is rewritten: docx-rs
//! holds a document as a tree of large structs (about 35 KB per row of a five-column
//! table), so the 10 000-item memo took 350 MB built whole.

use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, BuildXML, Docx, Footer, HeightRule, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Shading, ShdType, Table, TableCell, TableRow, WidthType,
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

/// A table: its header row, marked for [`repeat_header_rows`], then either one placeholder
/// row that [`repeat_header_rows`] replaces by the body rows of `bodies[n]` (`Some(n)`), or
/// the body rows themselves.
fn table(headers: &[String], rows: &[Vec<String>], widths: &[usize], placeholder: Option<usize>) -> Table {
    // The mark for `repeat_header_rows`: no other row has an automatic height.
    let head = TableRow::new(headers.iter().zip(widths).map(|(t, w)| cell(t, true, *w)).collect())
        .cant_split()
        .row_height(HEADER_MARK_HEIGHT)
        .height_rule(HeightRule::Auto);
    let body = match placeholder {
        Some(n) => vec![TableRow::new(vec![
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(body_mark(n)))),
        ])],
        None => rows
            .iter()
            .map(|r| TableRow::new(r.iter().zip(widths).map(|(t, w)| cell(t, false, *w)).collect()).cant_split())
            .collect(),
    };
    Table::new(std::iter::once(head).chain(body).collect()).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa)
}

/// Whether any text of the memo holds a character the placeholders are made of: then the
/// tables are built whole by docx-rs (slower, never wrong) rather than a text taken for a
/// placeholder.
fn holds_marks(memo: &Memo) -> bool {
    serde_json::to_string(memo).map_or(true, |text| text.contains(['\u{E000}', '\u{E001}']))
}

/// The text of the placeholder row of the `n`th table's body (a private-use character no
/// memo text holds, around a number).
fn body_mark(n: usize) -> String {
    format!("\u{E000}body-{n}\u{E000}")
}

/// A body row of a table as docx-rs builds it, in `WordprocessingML`.
fn body_row(cells: &[String], widths: &[usize]) -> Vec<u8> {
    TableRow::new(cells.iter().zip(widths).map(|(t, w)| cell(t, false, *w)).collect()).cant_split().build()
}

/// The rows of a table's body and the widths of its columns.
struct Body<'a> {
    rows: &'a [Vec<String>],
    widths: Vec<usize>,
}

/// The attribute docx-rs gives every paragraph: an id of eight hex digits, unique in the
/// document.
const PARA_ID: &str = "w14:paraId=\"";

/// A body row of one table as docx-rs builds it, with a hole for each cell's text and each
/// paragraph's id. Building every row through docx-rs took 20 µs a row (its builders move
/// large structs); a row of plain text is this row with its texts and fresh ids put in,
/// which writes the same XML. A row with a line break or an open choice (more than one
/// run), or with fewer or more cells than columns, is built by docx-rs itself.
struct RowTemplate {
    /// The XML between the holes.
    pieces: Vec<String>,
    /// The hole after each piece but the last.
    holes: Vec<Hole>,
}

/// A hole in a [`RowTemplate`].
enum Hole {
    /// The text of the cell of this column, escaped.
    Text(usize),
    /// A paragraph id.
    ParaId,
}

/// The placeholder text of column `k` while the template is built.
fn text_hole(k: usize) -> String {
    format!("\u{E001}{k}\u{E001}")
}

impl RowTemplate {
    fn new(widths: &[usize]) -> Result<Self, Box<dyn std::error::Error>> {
        let holes: Vec<String> = (0..widths.len()).map(text_hole).collect();
        let xml = String::from_utf8(body_row(&holes, widths))?;
        let mut template = RowTemplate { pieces: Vec::new(), holes: Vec::new() };
        let mut rest = xml.as_str();
        loop {
            let id = rest.find(PARA_ID).map(|at| at + PARA_ID.len());
            let text = rest.find('\u{E001}');
            match (id, text) {
                (Some(at), t) if t.is_none_or(|t| at < t) => {
                    template.pieces.push(rest[..at].to_string());
                    template.holes.push(Hole::ParaId);
                    rest = rest.get(at + 8..).ok_or("a paragraph id of other than eight digits")?;
                }
                (_, Some(at)) => {
                    let len = rest[at + 3..].find('\u{E001}').ok_or("an unclosed text hole")? + 6;
                    let k = rest[at + 3..at + len - 3].parse()?;
                    template.pieces.push(rest[..at].to_string());
                    template.holes.push(Hole::Text(k));
                    rest = &rest[at + len..];
                }
                _ => break,
            }
        }
        template.pieces.push(rest.to_string());
        Ok(template)
    }

    /// Writes `cells` as a row, its paragraphs numbered from `next_id` on.
    fn write(
        &self,
        cells: &[String],
        widths: &[usize],
        next_id: &mut u32,
        out: &mut impl Write,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let plain =
            cells.len() == widths.len() && !cells.iter().any(|c| c.contains('\n') || c.contains(OPEN_CHOICE_MARK));
        if !plain {
            return write_renumbered(&String::from_utf8(body_row(cells, widths))?, next_id, out);
        }
        for (piece, hole) in self.pieces.iter().zip(&self.holes) {
            out.write_all(piece.as_bytes())?;
            match hole {
                Hole::Text(k) => write_escaped(cells.get(*k).map_or("", String::as_str), out)?,
                Hole::ParaId => write_para_id(next_id, out)?,
            }
        }
        out.write_all(self.pieces.last().map_or("", String::as_str).as_bytes())?;
        Ok(())
    }
}

/// Writes text escaped as docx-rs escapes a run's text (through its own XML writer).
fn write_escaped(text: &str, out: &mut impl Write) -> Result<(), Box<dyn std::error::Error>> {
    let mut writer = docx_rs::xml::writer::EmitterConfig::default().create_writer(out);
    writer.write(text)?;
    Ok(())
}

fn write_para_id(next_id: &mut u32, out: &mut impl Write) -> std::io::Result<()> {
    write!(out, "{:08x}", *next_id)?;
    *next_id += 1;
    Ok(())
}

/// Writes `xml` with every paragraph id replaced by a fresh one.
fn write_renumbered(xml: &str, next_id: &mut u32, out: &mut impl Write) -> Result<(), Box<dyn std::error::Error>> {
    let mut rest = xml;
    while let Some(at) = rest.find(PARA_ID).map(|at| at + PARA_ID.len()) {
        out.write_all(&rest.as_bytes()[..at])?;
        write_para_id(next_id, out)?;
        rest = rest.get(at + 8..).ok_or("a paragraph id of other than eight digits")?;
    }
    out.write_all(rest.as_bytes())?;
    Ok(())
}

/// The first paragraph id above every id in `xml`.
fn first_free_para_id(xml: &str) -> u32 {
    xml.match_indices(PARA_ID)
        .filter_map(|(at, _)| xml.get(at + PARA_ID.len()..at + PARA_ID.len() + 8))
        .filter_map(|id| u32::from_str_radix(id, 16).ok())
        .max()
        .map_or(1, |id| id + 1)
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
    let mut bodies = Vec::new();
    let stream = !holds_marks(memo);
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
                    let widths = column_widths(headers, rows);
                    let placeholder = stream.then_some(bodies.len());
                    doc = doc.add_table(table(headers, rows, &widths, placeholder)).add_paragraph(Paragraph::new());
                    if stream {
                        bodies.push(Body { rows, widths });
                    }
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
    repeat_header_rows(&bytes.into_inner(), &bodies).map_err(|e| RenderError::Docx(format!("header rows: {e}")))
}

/// The height given to header rows as their mark (an automatic height ignores it).
const HEADER_MARK_HEIGHT: f32 = 1.0;

/// Rewrites `word/document.xml` so each marked header row carries `<w:tblHeader/>` (Word
/// and `LibreOffice` then repeat it at the top of every page the table continues on), and
/// each table's placeholder row is replaced by its body rows, built and written one at a
/// time (from a [`RowTemplate`], their paragraphs numbered after the rest's).
fn repeat_header_rows(docx: &[u8], bodies: &[Body]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data)?;
        out.start_file(name.as_str(), options)?;
        if name != "word/document.xml" {
            out.write_all(&data)?;
            continue;
        }
        let xml = mark_header_rows(&String::from_utf8(data)?);
        let mut next_id = first_free_para_id(&xml);
        let mut rest = xml.as_str();
        for (n, body) in bodies.iter().enumerate() {
            let mark = body_mark(n);
            let at = rest.find(&mark).ok_or("a table's placeholder row is missing")?;
            let start = rest[..at].rfind("<w:tr>").ok_or("a placeholder outside a row")?;
            let end = at + rest[at..].find("</w:tr>").ok_or("a placeholder row never closes")? + "</w:tr>".len();
            out.write_all(&rest.as_bytes()[..start])?;
            let template = RowTemplate::new(&body.widths)?;
            for row in body.rows {
                template.write(row, &body.widths, &mut next_id, &mut out)?;
            }
            rest = &rest[end..];
        }
        out.write_all(rest.as_bytes())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `xml` with every paragraph id blanked (ids differ by design between the two ways).
    fn without_ids(xml: &str) -> String {
        let mut out = String::new();
        let mut rest = xml;
        while let Some(at) = rest.find(PARA_ID).map(|at| at + PARA_ID.len()) {
            out.push_str(&rest[..at]);
            rest = &rest[at + 8..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn a_row_from_the_template_is_the_row_docx_rs_builds() {
        let widths = [1200, 3000, 800, 2000];
        let template = RowTemplate::new(&widths).expect("template");
        let rows: Vec<Vec<String>> = vec![
            vec!["業務ファイル 1".into(), "機微な内容を含まない".into(), String::new(), "A & B <c> \"d\" 'e'".into()],
            vec!["two\nlines".into(), "x".into(), "y".into(), "z".into()],
            vec![format!("{OPEN_CHOICE_MARK}：A／B〕 の後"), "x".into(), "  spaces  ".into(), "\t".into()],
            vec!["short row".into()],
        ];
        let mut next_id = 0x100;
        for row in &rows {
            let mut ours = Vec::new();
            template.write(row, &widths, &mut next_id, &mut ours).expect("written");
            let ours = String::from_utf8(ours).expect("utf-8");
            let theirs = String::from_utf8(body_row(row, &widths)).expect("utf-8");
            assert_eq!(without_ids(&ours), without_ids(&theirs), "row {row:?}");
        }
        // Every paragraph got its own id: four cells in each of three rows, one in the short
        // row, and the open choice's cell is one paragraph of several runs.
        assert_eq!(next_id, 0x100 + 13, "ids handed out");
    }
}
