//! The memo as PDF, laid out by the `typst` crate from `memo.typ`: A4, the embedded
//! Japanese font (subset into the PDF), searchable text, tables that split across pages
//! with their header repeated, and the sealed case file attached so the memo alone can
//! be verified (`itaku-navi verify MEMO.pdf`).

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::{Memo, RenderError};
use crate::case::Case;
use crate::rules::files::PdfArchive;

const TEMPLATE: &str = include_str!("memo.typ");

/// The fonts, parsed once per process.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = [crate::fonts_data::JAPANESE_FONT, crate::fonts_data::GAP_FONT]
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

/// A minimal typst world: one source, the embedded fonts, inputs in `sys.inputs`.
struct MemoWorld {
    library: LazyHash<Library>,
    source: Source,
    today: Option<Datetime>,
}

impl World for MemoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }
    fn main(&self) -> FileId {
        self.source.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Renders the memo to PDF bytes, attaching the case (sealed with its hash).
pub fn render(memo: &Memo, case: &Case) -> Result<Vec<u8>, RenderError> {
    render_with(memo, case, TEMPLATE)
}

/// [`render`] with another layout than `memo.typ` (to measure a layout change without a
/// rebuild: `cargo run --features dev-examples --example memo_layout`).
#[doc(hidden)]
pub fn render_with(memo: &Memo, case: &Case, template: &str) -> Result<Vec<u8>, RenderError> {
    // typst breaks lines at spaces and between CJK characters only: a long token would run
    // off the page and be lost, so it gets invisible break points (text extraction keeps
    // every character).
    let mut memo = memo.clone();
    memo.map_texts(&|s: &mut String| {
        if s.chars().count() > super::LONGEST_UNBROKEN {
            *s = super::breakable(s);
        }
    });
    let memo_json = serde_json::to_string(&memo)?;
    let mut case_json = serde_json::to_string_pretty(&crate::case::integrity::sealed(case))?;
    case_json.push('\n');
    let mut inputs = Dict::new();
    inputs.insert("memo".into(), memo_json.into_value());
    inputs.insert("case".into(), case_json.into_value());
    // The PDF's date is the memo's date of issue, never the day it is made: the same case
    // and stamp make the same bytes on any day, which `verify` relies on.
    let stamp = super::pdf_check::MemoStamp::parse(&memo.keywords);
    let today = stamp
        .as_ref()
        .and_then(|s| crate::case::lifecycle::parse_date(&s.issued_on))
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let archive = stamp.as_ref().map_or(PdfArchive::Plain, |s| s.archive);
    let today = Datetime::from_ymd(
        chrono::Datelike::year(&today),
        u8::try_from(chrono::Datelike::month(&today)).unwrap_or(1),
        u8::try_from(chrono::Datelike::day(&today)).unwrap_or(1),
    );
    let world = MemoWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        source: Source::detached(template),
        today,
    };
    let document =
        typst::compile::<typst_layout::PagedDocument>(&world).output.map_err(|e| RenderError::Layout(messages(&e)));
    let pdf = document.and_then(|d| {
        let standards = match archive {
            PdfArchive::Plain => typst_pdf::PdfStandards::default(),
            // PDF/A-3b, not -2b: PDF/A-2 allows only PDF/A files as attachments, and the memo
            // must carry its case file for `verify`.
            PdfArchive::PdfA3b => typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_3b])
                .map_err(|e| RenderError::PdfExport(e.message().to_string()))?,
        };
        // PDF/A requires a document date: the memo's date of issue, never the day it is made
        // (the same case and stamp make the same bytes, which `verify` relies on). A plain
        // memo carries no date beyond its stamp.
        let timestamp = today.filter(|_| archive == PdfArchive::PdfA3b).map(typst_pdf::Timestamp::new_utc);
        let options = typst_pdf::PdfOptions { standards, timestamp, ..typst_pdf::PdfOptions::default() };
        typst_pdf::pdf(&d, &options).map_err(|e| RenderError::PdfExport(messages(&e)))
    });
    // typst memoises layout across compiles and never forgets on its own: a process that
    // renders many PDFs (the fuzz driver, the tests, an in-process export) grew by about
    // 2.7 MB per render (5.5 GB after 2 000; the fuzz run's slowest inputs took minutes
    // under that pressure). Forgetting what the last ten renders did not use keeps it flat
    // (`cargo run --features dev-examples --example render_loop`).
    typst::comemo::evict(10);
    pdf
}
