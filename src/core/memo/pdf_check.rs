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
    /// Every `sha256:…` hash printed on the pages, in page order (one per page).
    pub printed_hashes: Vec<String>,
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
        if self.printed_hashes.is_empty() {
            return Some("the pages show no integrity hash".into());
        }
        if let Some(other) = self.printed_hashes.iter().find(|h| *h != stored) {
            return Some(format!("the pages show {other} but the attached case carries {stored}"));
        }
        None
    }
}

/// Reads the facts of a memo PDF: its attached case, the hashes printed on its pages, its
/// revisions and attachments.
pub fn pdf_facts(pdf: &[u8]) -> Result<PdfFacts, AttachmentError> {
    // Loaded once: the attachment and the count of attachments come from the same parse.
    let doc = super::load_pdf(pdf)?;
    let case_text = super::attached_case_in(&doc)?;
    let attachments = super::embedded_files(&doc).count();
    let revisions = pdf.windows(5).filter(|w| *w == b"%%EOF").count().max(1);
    Ok(PdfFacts { case_text, printed_hashes: printed_hashes(pdf), revisions, attachments })
}

/// The `sha256:` hashes in the text of the pages. A PDF whose text cannot be extracted
/// shows none (and so fails the check).
fn printed_hashes(pdf: &[u8]) -> Vec<String> {
    // pdf-extract can panic on malformed input; a hostile file must not stop `verify`.
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(pdf))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    let mut rest = squeezed.as_str();
    while let Some(at) = rest.find(PREFIX) {
        let hex: String = rest[at + PREFIX.len()..].chars().take_while(char::is_ascii_hexdigit).take(64).collect();
        if hex.len() == 64 {
            found.push(format!("{PREFIX}{hex}"));
        }
        rest = &rest[at + PREFIX.len()..];
    }
    found
}
