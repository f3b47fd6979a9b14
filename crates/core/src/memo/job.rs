//! An export the app hands to the program's own commands (`memo`, `spec`) in a child
//! process: one typed job whose argument list the command line parses back (a test in
//! `cli` parses every document, format and language), so the two cannot drift apart.

use std::ffi::OsString;
use std::path::Path;

use super::Format;
use crate::text::Lang;

/// Which document an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The decision memo (`memo`).
    Memo,
    /// The procurement-spec and contract drafts (`spec`).
    Drafts,
}

impl Document {
    /// The command that writes it.
    #[must_use]
    pub fn command(self) -> &'static str {
        match self {
            Self::Memo => "memo",
            Self::Drafts => "spec",
        }
    }
}

/// One export: the document of the case at `case`, in `lang` and `format`, into `out`,
/// under the rules folder `rules_dir` (the shipped rules where `None`).
#[derive(Debug, Clone, Copy)]
pub struct ExportJob<'a> {
    /// The organisation's rules folder.
    pub rules_dir: Option<&'a Path>,
    /// The document.
    pub document: Document,
    /// The case file (a sealed copy).
    pub case: &'a Path,
    /// Its language.
    pub lang: Lang,
    /// Its format.
    pub format: Format,
    /// Where it is written.
    pub out: &'a Path,
}

impl ExportJob<'_> {
    /// The command line that runs it (without the program's name).
    #[must_use]
    pub fn args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        if let Some(d) = self.rules_dir {
            args.extend(["--rules".into(), d.into()]);
        }
        args.extend([self.document.command().into(), self.case.into()]);
        args.extend(["--lang", self.lang.code(), "--format", self.format.extension(), "-o"].map(OsString::from));
        args.push(self.out.into());
        args
    }
}
