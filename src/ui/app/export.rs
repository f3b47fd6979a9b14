//! The memo and the procurement-spec/contract drafts: the memo built for the preview; both
//! exported by a child process (the program's own `memo` or `spec` command) so that the
//! memory a large PDF takes goes back to the system when it ends; in-process on a worker
//! thread when the program is not its own exe (the tests).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::core::text::Lang;
use crate::tr;

use super::{App, Dialog};

/// Which document an export writes (the core's, shared with the command line).
pub use crate::core::memo::job::Document;

/// What the export keeps between frames.
pub struct ExportState {
    /// The exe that writes memos as a child process ([`own_exe`]); `None` renders in this
    /// process on a worker thread.
    pub exe: Option<PathBuf>,
    /// The export running now, and which document it writes.
    pub(super) running: Option<(Receiver<Result<PathBuf, String>>, Document)>,
    /// The preview's memo and the case revision and language it was built for.
    pub(super) preview: Option<(u64, Lang, crate::core::memo::Memo)>,
}

impl ExportState {
    /// No export running, writing through `exe`.
    pub(super) fn new(exe: Option<PathBuf>) -> Self {
        Self { exe, running: None, preview: None }
    }
}

impl App {
    /// The memo of the current case in the UI language, dated today.
    #[must_use]
    pub fn memo(&self) -> crate::core::memo::Memo {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        crate::core::memo::build(&self.rules, &self.case, self.lang, &today)
    }

    /// Asks where to write a memo-shaped document (native save dialog beside the case
    /// file, every format offered, `first` at the top).
    pub(super) fn pick_document_path(
        &mut self,
        name: String,
        first: crate::core::memo::Format,
        wrap: fn(std::sync::mpsc::Receiver<Option<PathBuf>>) -> super::Picking,
    ) {
        let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
        self.pick(
            move |base: rfd::FileDialog| {
                let mut formats = crate::core::memo::Format::ALL.to_vec();
                formats.sort_by_key(|f| *f != first);
                let mut d =
                    formats.iter().fold(base, |d, f| d.add_filter(f.label(), f.extensions())).set_file_name(name);
                if let Some(dir) = dir {
                    d = d.set_directory(dir);
                }
                d.save_file()
            },
            wrap,
        );
    }

    /// The drafts of the current case in the UI language, dated today.
    ///
    /// # Errors
    /// When the case has no form of outsourcing yet.
    pub fn drafts(&self) -> Result<crate::core::memo::Memo, crate::core::drafts::DraftError> {
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        crate::core::drafts::build_evaluated(&self.rules, &self.case, &self.eval, self.lang, &today)
    }

    /// Renders and writes the memo or the drafts off the UI thread (see the module docs);
    /// the UI stays responsive.
    pub(super) fn export(&mut self, path: PathBuf, document: Document) {
        use crate::core::memo::Format;
        let default = if document == Document::Drafts { Format::Docx } else { Format::Pdf };
        let format = Format::of_path(&path).unwrap_or(default);
        let path = if path.extension().is_none() { path.with_extension(format.extension()) } else { path };
        let built = match document {
            Document::Memo => Ok(self.memo()),
            Document::Drafts => self.drafts().map_err(|e| e.to_string()),
        };
        let memo = match built {
            Ok(m) => m,
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: tr("drafts.failed"), message: e });
                return;
            }
        };
        let case = self.case.clone();
        let (tx, rx) = channel();
        let ctx = self.repaint.clone();
        let child = self.export.exe.clone().map(|exe| (exe, self.rules_dir.clone(), self.lang));
        std::thread::spawn(move || {
            let result = match child {
                Some((exe, rules_dir, lang)) => {
                    export_in_child(&exe, rules_dir.as_deref(), &case, (document, lang, format), &path)
                }
                None => match crate::core::memo::render_memo(&memo, &case, format) {
                    Ok(b) => crate::core::atomic::write_atomic(&path, &b, false)
                        .map_err(|e| format!("{e} — in {}", crate::core::textfile::quoted(&path))),
                    Err(e) => Err(e.to_string()),
                },
            };
            let _ = tx.send(result.map(|()| path));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.export.running = Some((rx, document));
    }

    /// Whether a memo is being written.
    #[must_use]
    pub fn is_exporting(&self) -> bool {
        self.export.running.is_some()
    }

    /// Waits for a running export to finish (for tests and the command line).
    pub fn finish_export(&mut self) {
        if let Some((rx, document)) = self.export.running.take() {
            let result = rx.recv().unwrap_or_else(|_| Err("the export stopped unexpectedly".into()));
            self.export_done(result, document);
        }
    }

    pub(super) fn export_done(&mut self, result: Result<PathBuf, String>, document: Document) {
        let (done, failed) = match document {
            Document::Memo => ("export.done", "export.failed"),
            Document::Drafts => ("drafts.done", "drafts.failed"),
        };
        self.dialog = Some(match result {
            Ok(p) => Dialog::Info(format!("{}\n{}", tr(done), p.display())),
            Err(e) => Dialog::Error { title: tr(failed), message: e },
        });
    }

    /// The memo for the preview window, rebuilt only when the case or the language changed.
    pub fn take_preview_memo(&mut self) -> crate::core::memo::Memo {
        match self.export.preview.take() {
            Some((revision, lang, memo)) if revision == self.revision && lang == self.lang => memo,
            _ => self.memo(),
        }
    }

    /// Gives the preview memo back for the next frame.
    pub fn keep_preview_memo(&mut self, memo: crate::core::memo::Memo) {
        self.export.preview = Some((self.revision, self.lang, memo));
    }

    /// Asks where to write the memo (PDF first), named after the case.
    pub(super) fn export_dialog(&mut self) {
        let name = self.suggested_file_name().trim_end_matches(".json").to_string() + ".pdf";
        self.pick_document_path(name, crate::core::memo::Format::Pdf, super::Picking::Export);
    }

    /// Asks where to write the drafts (DOCX first: it is what the section pastes into its
    /// specification), named after the case.
    pub(super) fn export_drafts_dialog(&mut self) {
        let stem = self.suggested_file_name().trim_end_matches(".json").to_string();
        let name = format!("{stem} {}.docx", crate::tr("drafts.file_suffix"));
        self.pick_document_path(name, crate::core::memo::Format::Docx, super::Picking::ExportDrafts);
    }
}

/// The program's own exe, when this process is it: exports run there as `memo` commands.
#[must_use]
pub fn own_exe() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    (exe.file_stem()? == "itaku-navi").then_some(exe)
}

/// A copy of the case for the child to read, private to the user: the folder 0700 and the
/// file 0600 on Unix (the case may hold personal information); on Windows the user's own
/// temporary folder, which other users cannot read. Removed with the returned folder.
fn private_copy(case: &crate::core::case::Case) -> Result<(tempfile::TempDir, PathBuf), String> {
    let dir = tempfile::Builder::new()
        .prefix("itaku-navi-export-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("cannot make the temporary folder private: {e}"))?;
    }
    let case_path = dir.path().join("export.case.json");
    crate::core::case::save_case(&case_path, case).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&case_path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot make the temporary copy private: {e}"))?;
    }
    Ok((dir, case_path))
}

/// Writes the memo or the drafts by running `exe memo` / `exe spec` on a sealed copy of
/// the case in a temporary folder, with the app's rules folder and language. The child's
/// error is the message.
fn export_in_child(
    exe: &Path,
    rules_dir: Option<&Path>,
    case: &crate::core::case::Case,
    (document, lang, format): (Document, crate::core::text::Lang, crate::core::memo::Format),
    out: &Path,
) -> Result<(), String> {
    // Held until the child is done: dropping it removes the folder.
    let (_dir, case_path) = private_copy(case)?;
    let job = crate::core::memo::job::ExportJob { rules_dir, document, case: &case_path, lang, format, out };
    let done = std::process::Command::new(exe)
        .args(job.args())
        .output()
        .map_err(|e| format!("cannot start the export ({}): {e}", exe.display()))?;
    if done.status.success() {
        Ok(())
    } else {
        let said = String::from_utf8_lossy(&done.stderr);
        Err(said.trim().trim_start_matches("error: ").to_string())
    }
}

#[cfg(test)]
mod tests {
    /// Issue 23, finding 6: the export's temporary copy of a case is private to the user.
    #[cfg(unix)]
    #[test]
    fn the_temporary_copy_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let case = crate::core::case::Case::new("nisc-itaku-2011-template", "1.0.0");
        let (dir, file) = super::private_copy(&case).expect("copy");
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o700);
        assert_eq!(mode(&file), 0o600);
    }
}
