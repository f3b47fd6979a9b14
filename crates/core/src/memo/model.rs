//! The memo model every renderer prints: blocks, sections, the approval block, the memo,
//! and the text rules every format shares (printable characters, break points in long runs).

use crate::rules::files::OutcomeKind;
use crate::text::Lang;

/// How the drafts mark a choice still open (「〔要選択：…〕」): every renderer highlights the
/// bracketed text that starts with it (DOCX: yellow, bold; PDF: a show rule of the template).
pub const OPEN_CHOICE_MARK: &str = "〔要選択";

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// Label–value rows (a two-column table).
    Fields(Vec<(String, String)>),
    /// A table with a header row; long tables split across pages with the header repeated.
    Table {
        /// Column headings.
        headers: Vec<String>,
        /// Rows, each with one cell per heading.
        rows: Vec<Vec<String>>,
    },
    /// A bulleted list.
    List(Vec<String>),
    /// A line in a frame no reader misses: the case's state as the register shows it, at
    /// the end of page 1's summary (`alert`: a state that needs a look — approval outdated,
    /// lapsed, resealed — printed red and bold).
    Notice {
        /// The line.
        text: String,
        /// Whether it warns.
        alert: bool,
    },
}

/// A numbered section of the memo.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// The approval block: the decision once recorded, otherwise blank lines to fill in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApprovalBlock {
    /// Heading.
    pub heading: String,
    /// The three choices, with a mark on the one recorded.
    pub choices: Vec<(String, bool)>,
    /// Label–value rows: conditions, date, name, seal, review date.
    pub fields: Vec<(String, String)>,
}

impl ApprovalBlock {
    /// Whether the document carries an approval block (a memo does; the drafts do not).
    #[must_use]
    pub fn is_shown(&self) -> bool {
        !self.heading.is_empty()
    }
}

/// The whole memo.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Memo {
    /// Language of the memo.
    pub lang: Lang,
    /// The outcome, when reached.
    pub outcome: Option<OutcomeKind>,
    /// Title that follows the outcome (判断記録, 判断依頼書, 例外許可申請書, 委託不可の判断記録).
    pub title: String,
    /// Header rows: document number, date, addressee, section, author.
    pub header: Vec<(String, String)>,
    /// Addressee line (情報セキュリティ責任者 殿), with the organisation's title of the role.
    pub addressee: String,
    /// 決裁欄: the organisation's stamp boxes, left to right (none: no stamp row).
    pub stamp_boxes: Vec<String>,
    /// The stamp row's label.
    pub stamp_label: String,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// The approval block.
    pub approval: ApprovalBlock,
    /// Footer: rule set id and version.
    pub rule_set: String,
    /// Integrity hash of the case (`sha256:…`).
    pub hash: String,
    /// Label of the footer's hash line.
    pub hash_label: String,
    /// Label of the rule set in the footer.
    pub rule_set_label: String,
    /// A notice shown while no outcome is reached (a draft).
    pub draft_notice: Option<String>,
    /// The program that made it (`itaku-navi 0.1.0`), printed in the PDF's footer.
    pub made_with: String,
    /// What a memo PDF was made from beyond its attached case (program version, language,
    /// date of issue: [`super::pdf_check::MemoStamp`]), kept in the PDF's keywords so `verify`
    /// can make the same memo again and compare its pages; empty for the drafts.
    pub keywords: String,
}

/// Text as every format can carry it: control characters that XML forbids (U+0001,
/// U+000B…) and the non-characters U+FFFE/U+FFFF are dropped (Word refused a DOCX holding
/// one), and the bidirectional overrides that can reverse displayed text (U+202A–U+202E,
/// U+2066–U+2069) are shown as a visible mark instead of acting. Tabs and line breaks stay.
#[must_use]
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(c),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

impl Memo {
    /// Applies [`printable`] to every text of the memo, so no renderer meets a character
    /// its format cannot carry.
    pub fn make_printable(&mut self) {
        self.map_texts(&|s: &mut String| {
            if s.chars().any(|c| c.is_control() || ('\u{202A}'..='\u{2069}').contains(&c) || c >= '\u{FFFE}') {
                *s = printable(s);
            }
        });
    }

    /// Applies `f` to every text of the memo the renderers print.
    pub fn map_texts(&mut self, f: &dyn Fn(&mut String)) {
        let pairs = |pairs: &mut Vec<(String, String)>| {
            for (a, b) in pairs {
                f(a);
                f(b);
            }
        };
        f(&mut self.title);
        pairs(&mut self.header);
        self.stamp_boxes.iter_mut().for_each(f);
        for section in &mut self.sections {
            f(&mut section.heading);
            for block in &mut section.blocks {
                match block {
                    Block::Para(p) => f(p),
                    Block::Fields(fields) => pairs(fields),
                    Block::Table { headers, rows } => {
                        headers.iter_mut().for_each(f);
                        rows.iter_mut().flatten().for_each(f);
                    }
                    Block::List(items) => items.iter_mut().for_each(f),
                    Block::Notice { text, .. } => f(text),
                }
            }
        }
        pairs(&mut self.approval.fields);
        f(&mut self.rule_set);
    }
}

/// `itaku-navi VERSION`: the program that made a document.
#[must_use]
pub fn made_with() -> String {
    format!("itaku-navi {}", env!("CARGO_PKG_VERSION"))
}

/// The longest run of characters without a break opportunity that a page can take: a
/// token longer than this (a pasted URL, a hash, a run of letters) gets invisible break
/// points, so it wraps instead of running off the page.
pub const LONGEST_UNBROKEN: usize = 30;

/// `text` with a zero-width space after every [`LONGEST_UNBROKEN`] characters of a run
/// that has no space and no CJK character (where the line breaker could break already).
#[must_use]
pub fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // A printed hash is copied and compared: it never gets an invisible character (the
        // PDF template lets it break between its parts without one).
        if let Some(hash) = leading_hash(rest) {
            out.push_str(hash);
            rest = &rest[hash.len()..];
            run = 0;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        out.push(c);
        let breaks_here = c.is_whitespace() || c == '\u{200B}' || u32::from(c) >= 0x2E80;
        run = if breaks_here { 0 } else { run + 1 };
        if run >= LONGEST_UNBROKEN {
            out.push('\u{200B}');
            run = 0;
        }
    }
    out
}

/// The `sha256:` hash `text` starts with, if it does.
fn leading_hash(text: &str) -> Option<&str> {
    let body = text.strip_prefix(crate::case::integrity::PREFIX)?;
    let hex = body.bytes().take_while(u8::is_ascii_hexdigit).count();
    (hex == 64).then(|| &text[..crate::case::integrity::PREFIX.len() + 64])
}
