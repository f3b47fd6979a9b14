//! The formats a memo is written in and the one entry point that renders it.

use crate::case::Case;
use crate::rules::RuleSet;
use crate::text::Lang;

use super::compose::build;
use super::model::Memo;
use super::{docx, html, markdown, pdf};

/// The formats a memo can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PDF (typst), with the case attached.
    Pdf,
    /// Word.
    Docx,
    /// One HTML file.
    Html,
    /// Markdown.
    Markdown,
}

impl Format {
    /// Every format, in the order menus and help list them. The one definition the CLI's
    /// `--format` values, the export dialog's filters and the README's table come from.
    pub const ALL: [Self; 4] = [Self::Pdf, Self::Docx, Self::Html, Self::Markdown];

    /// The format for a name or file extension (`pdf`, `docx`, `html`/`htm`, `md`/`markdown`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extensions().contains(&s.as_str()))
    }

    /// The usual file extension, also the format's name on the command line.
    #[must_use]
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// Every extension that means this format, the usual one first.
    #[must_use]
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Pdf => &["pdf"],
            Self::Docx => &["docx"],
            Self::Html => &["html", "htm"],
            Self::Markdown => &["md", "markdown"],
        }
    }

    /// The name shown in a file dialog's filter.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Docx => "Word (DOCX)",
            Self::Html => "HTML",
            Self::Markdown => "Markdown",
        }
    }

    /// The names `--format` accepts (`pdf, docx, html, md`).
    #[must_use]
    pub fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|f| f.extension()).collect()
    }

    /// The format of an output file from its extension, if it names one.
    #[must_use]
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        path.extension().and_then(|e| e.to_str()).and_then(Self::parse)
    }
}

/// Why a memo could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The memo or the case could not be serialised for the PDF (not expected to happen).
    #[error("cannot prepare the memo data: {0}")]
    Data(#[from] serde_json::Error),
    /// typst could not lay the PDF out; its diagnostics.
    #[error("PDF layout failed: {0}")]
    Layout(String),
    /// typst could not write the PDF; its diagnostics.
    #[error("PDF export failed: {0}")]
    PdfExport(String),
    /// docx-rs could not pack the Word file.
    #[error("DOCX packing failed: {0}")]
    Docx(String),
}

/// Renders the memo of `case` in `format`.
pub fn render(
    rules: &RuleSet,
    case: &Case,
    lang: Lang,
    issued_on: &str,
    format: Format,
) -> Result<Vec<u8>, RenderError> {
    render_memo(&build(rules, case, lang, issued_on), case, format)
}

/// Renders an already built memo in `format`; `case` is attached to a PDF.
pub fn render_memo(memo: &Memo, case: &Case, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Pdf => pdf::render(memo, case),
        Format::Docx => docx::render(memo),
        Format::Html => Ok(html::render(memo).into_bytes()),
        Format::Markdown => Ok(markdown::render(memo).into_bytes()),
    }
}
