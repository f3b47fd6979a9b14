//! Checks a memo PDF against itself before its attached case is trusted: itaku-navi writes
//! a memo in one piece with one attached case, and prints the case's hash on every page.
//! A PDF changed afterwards — an incremental update that swaps the attachment, a second
//! attachment, pages that show another hash — is reported, so `verify` cannot say "ok"
//! for a memo whose pages and attachment disagree.

use super::AttachmentError;
use crate::core::case::integrity::PREFIX;

/// What the PDF itself says, beside its attached case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    /// The attached case file, as text.
    pub case_text: String,
    /// The `sha256:…` hashes printed as the case's hash on each page (after the footer's
    /// label, [`super::HASH_LABEL`]), page by page: one each as itaku-navi writes it; none on
    /// a page whose text cannot be read. Other hashes a page shows (a reseal's, the previous
    /// revision's) are not among them.
    pub page_hashes: Vec<Vec<String>>,
    /// How many times the file was saved: 1 as itaku-navi writes it; more means an
    /// incremental update was appended.
    pub revisions: usize,
    /// How many files are attached: 1 as itaku-navi writes it.
    pub attachments: usize,
}

impl PdfFacts {
    /// The first way the PDF disagrees with how itaku-navi writes it and with its attached
    /// case's stored hash, in words; `None` when it agrees.
    #[must_use]
    pub fn disagreement(&self, stored_hash: Option<&str>) -> Option<String> {
        if self.revisions > 1 {
            return Some(format!(
                "the PDF was changed after it was written ({} revisions; itaku-navi writes one)",
                self.revisions
            ));
        }
        if self.attachments != 1 {
            return Some(format!("the PDF carries {} attached files; itaku-navi attaches one", self.attachments));
        }
        let Some(stored) = stored_hash else {
            return Some("the attached case carries no hash".into());
        };
        if self.page_hashes.is_empty() {
            return Some("the PDF has no pages".into());
        }
        // Every page, not the document as a whole: a page put in from another memo, or one
        // that shows no hash, is caught even when the other pages agree.
        for (n, hashes) in (1..).zip(&self.page_hashes) {
            if hashes.is_empty() {
                return Some(format!("page {n} shows no integrity hash"));
            }
            if let Some(other) = hashes.iter().find(|h| *h != stored) {
                return Some(format!("the pages show {other} (page {n}) but the attached case carries {stored}"));
            }
        }
        None
    }
}

/// Reads the facts of a memo PDF: its attached case, the hashes printed on its pages, its
/// revisions and attachments.
pub fn pdf_facts(pdf: &[u8]) -> Result<PdfFacts, AttachmentError> {
    // Parsed once: the attachment, the count of attachments and the page texts all come
    // from the same document.
    let doc = super::load_pdf(pdf)?;
    let case_text = super::attached_case_in(&doc)?;
    let attachments = super::embedded_files(&doc).count();
    let revisions = pdf.windows(5).filter(|w| *w == b"%%EOF").count().max(1);
    let page_hashes = texts_of(&doc).iter().map(|t| hashes_in(t.as_deref().unwrap_or_default())).collect();
    Ok(PdfFacts { case_text, page_hashes, revisions, attachments })
}

/// The text of each page of a PDF, as a reader's copy-and-paste or search would see it
/// (glyph runs may be separated by spaces or line breaks); `None` for a page whose text
/// cannot be read.
pub fn page_texts(pdf: &[u8]) -> Result<Vec<Option<String>>, AttachmentError> {
    Ok(texts_of(&super::load_pdf(pdf)?))
}

/// How many decompressed bytes one page's content may take before its text is not read:
/// a memo page takes tens of kilobytes; a small stream that inflates past this is a bomb.
const PAGE_CONTENT_LIMIT: usize = 16 * 1024 * 1024;

/// The text of each page of a loaded PDF, in page order. A run of text in a font whose
/// encoding cannot be read is left out and the rest of the page kept, so one odd font does
/// not hide the footer's hash.
fn texts_of(doc: &lopdf::Document) -> Vec<Option<String>> {
    doc.get_pages()
        .keys()
        .map(|&page| {
            // lopdf may panic on a damaged page; a hostile file must not stop `verify`.
            let chunks = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                doc.extract_text_chunks_with_limit(&[page], PAGE_CONTENT_LIMIT)
            }))
            .ok()?;
            let read: Vec<String> = chunks.into_iter().filter_map(Result::ok).collect();
            (!read.is_empty()).then(|| read.concat())
        })
        .collect()
}

/// The hashes a page's text shows as the case's hash (`完全性ハッシュ: sha256:…` or
/// `Integrity hash: sha256:…`), whitespace ignored (the extractor may break a line of
/// glyphs anywhere).
fn hashes_in(text: &str) -> Vec<String> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(text);
    let mut found = Vec::new();
    for label in [super::HASH_LABEL.0, super::HASH_LABEL.1] {
        let marker = squeeze(&format!("{label}: {PREFIX}"));
        let mut rest = text.as_str();
        while let Some(at) = rest.find(&marker) {
            rest = &rest[at + marker.len()..];
            let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).take(64).collect();
            if hex.len() == 64 {
                found.push(format!("{PREFIX}{hex}"));
            }
        }
    }
    found
}
