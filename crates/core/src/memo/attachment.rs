//! The case file a memo PDF carries: reading it back out of the PDF (lopdf).

/// Why no case could be read from a memo PDF.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    /// The file is not a PDF lopdf can read.
    #[error("not a readable PDF: {0}")]
    NotPdf(String),
    /// The attached file is not UTF-8 text.
    #[error("the attached file is not UTF-8 text")]
    NotText,
    /// The PDF carries no attached file.
    #[error("the PDF has no attached case file (was it exported by itaku-navi?)")]
    Missing,
}

/// The case file attached to a memo PDF, as text.
pub fn attached_case(pdf: &[u8]) -> Result<String, AttachmentError> {
    attached_case_in(&load_pdf(pdf)?)
}

/// Parses PDF bytes with lopdf.
pub(super) fn load_pdf(pdf: &[u8]) -> Result<lopdf::Document, AttachmentError> {
    lopdf::Document::load_mem(pdf).map_err(|e| AttachmentError::NotPdf(e.to_string()))
}

/// Every file attached to a PDF (its `EmbeddedFile` streams).
pub(super) fn embedded_files(doc: &lopdf::Document) -> impl Iterator<Item = &lopdf::Stream> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"EmbeddedFile"))
}

/// The first attached file of a loaded PDF, as text.
pub(super) fn attached_case_in(doc: &lopdf::Document) -> Result<String, AttachmentError> {
    let stream = embedded_files(doc).next().ok_or(AttachmentError::Missing)?;
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(content).map_err(|_| AttachmentError::NotText)
}
