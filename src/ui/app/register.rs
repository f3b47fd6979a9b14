//! The register's glue: the cases folder, scans on a worker thread (reusing the index kept
//! in the app's folder), the rows the current filter keeps (computed when the filter or
//! the scan changes, never per frame), and the CSV/XLSX export.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::core::register::{self, Filter, Query, Register};
use crate::tr;

use super::{App, Dialog, Picking};

/// What a finished scan sends back.
type ScanResult = Result<(Register, register::ScanStats), String>;

/// The register screen's state.
#[derive(Default)]
pub struct RegisterState {
    /// The last scan.
    pub reg: Option<Register>,
    /// Why the folder could not be read.
    pub error: Option<String>,
    /// The filter, search and sort.
    pub query: Query,
    /// The rows the query keeps, in order (indices into `reg.rows`).
    pub picked: Vec<usize>,
    /// What the last scan did.
    pub stats: Option<register::ScanStats>,
    /// Expired and soon-expiring (30 days) cases at the last scan, for the status bar.
    pub expired: usize,
    /// Soon-expiring cases.
    pub expiring: usize,
    /// Files of the last scan that could not be read (counted once per scan, not per frame).
    pub unreadable: usize,
    /// Counts the changes of the scan and of the rows picked: what the table keeps between
    /// frames (each row's words, where the selected row is) is kept against it.
    pub generation: u64,
    pub(super) scanning: Option<Receiver<ScanResult>>,
}

impl RegisterState {
    /// Whether a scan is running.
    #[must_use]
    pub fn is_scanning(&self) -> bool {
        self.scanning.is_some()
    }
}

/// Today, for expiry.
#[must_use]
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl App {
    /// Starts scanning the cases folder on a worker thread (no-op without a folder or
    /// while a scan runs).
    pub(super) fn rescan(&mut self) {
        let Some(dir) = self.settings.cases_dir.clone() else { return };
        if self.register.scanning.is_some() {
            return;
        }
        let previous = self.register.reg.clone().or_else(|| self.storage.load_register_index(&dir));
        let (tx, rx) = channel();
        let ctx = self.repaint.clone();
        let rules = self.rules.clone();
        std::thread::spawn(move || {
            let r = register::scan(&dir, previous, &rules)
                .map_err(|e| format!("{e} — {}", crate::core::textfile::quoted(&dir)));
            let _ = tx.send(r);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.register.scanning = Some(rx);
    }

    /// Takes a finished scan in.
    pub(super) fn poll_scan(&mut self) {
        let Some(rx) = &self.register.scanning else { return };
        let result = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(tr("register.scan_failed")),
        };
        self.register.scanning = None;
        match result {
            Ok((reg, stats)) => {
                // The index is a convenience: failing to keep it is said like the settings.
                if let Some(dir) = &self.settings.cases_dir
                    && let Err(e) = self.storage.save_register_index(dir, &reg)
                {
                    self.settings_error = Some(e);
                }
                let today = today();
                let entries = || reg.rows.iter().filter_map(|r| r.entry.as_ref().ok());
                self.register.expired = entries().filter(|e| e.expiry(today).is_expired()).count();
                self.register.expiring = entries().filter(|e| e.expiry(today).within(30)).count();
                self.register.unreadable = reg.unreadable();
                self.register.reg = Some(reg);
                self.register.stats = Some(stats);
                self.register.error = None;
                self.refilter();
            }
            Err(e) => self.register.error = Some(e),
        }
    }

    /// Applies a new filter, search or sort.
    pub(super) fn set_register_query(&mut self, q: Query) {
        self.register.query = q;
        self.refilter();
    }

    fn refilter(&mut self) {
        self.register.generation += 1;
        self.register.picked = self
            .register
            .reg
            .as_ref()
            .map(|reg| register::select(reg, &self.register.query, today()))
            .unwrap_or_default();
    }

    /// Uses `dir` as the cases folder and scans it.
    pub(super) fn set_cases_dir(&mut self, dir: &Path) {
        self.settings.cases_dir = Some(dir.to_path_buf());
        self.save_settings();
        self.register.reg = None;
        self.register.picked.clear();
        self.register.generation += 1;
        self.rescan();
    }

    /// Asks where to write the register (CSV or XLSX by the extension chosen).
    pub(super) fn export_register_dialog(&mut self) {
        let dir = self.settings.cases_dir.clone();
        self.pick(
            move |base: rfd::FileDialog| {
                let mut d = base
                    .add_filter("Excel (*.xlsx)", &["xlsx"])
                    .add_filter("CSV (*.csv)", &["csv"])
                    .set_file_name("register.xlsx");
                if let Some(dir) = dir {
                    d = d.set_directory(dir);
                }
                d.save_file()
            },
            Picking::RegisterExport,
        );
    }

    /// Writes the rows the filter keeps to `path`: CSV for `.csv`, otherwise XLSX.
    pub(super) fn export_register(&mut self, path: &Path) {
        let Some(reg) = &self.register.reg else { return };
        let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let path: PathBuf = if csv || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
            path.to_path_buf()
        } else {
            path.with_extension("xlsx")
        };
        let rows = register::Selection {
            rules: &self.rules,
            reg,
            picked: &self.register.picked,
            today: today(),
            lang: self.lang,
        };
        let bytes = if csv { register::to_csv(&rows) } else { register::to_xlsx(&rows) };
        let result = bytes.and_then(|b| Ok(crate::core::atomic::write_atomic(&path, &b, false)?));
        self.dialog = Some(match result {
            Ok(()) => Dialog::Info(format!("{}\n{}", tr("register.exported"), path.display())),
            Err(e) => Dialog::Error { title: tr("register.export_failed"), message: e.to_string() },
        });
    }

    /// Opens the register with a filter.
    pub(super) fn show_register(&mut self, filter: Option<Filter>) {
        if let Some(f) = filter {
            let q = Query { filter: f, ..self.register.query.clone() };
            self.set_register_query(q);
        }
        if self.register.reg.is_none() {
            self.rescan();
        }
    }

    /// Asks for the cases folder, starting at the one chosen before.
    pub(super) fn choose_cases_dir(&mut self) {
        let dir = self.settings.cases_dir.clone();
        self.pick(
            move |d: rfd::FileDialog| {
                match dir {
                    Some(dir) => d.set_directory(dir),
                    None => d,
                }
                .pick_folder()
            },
            Picking::CasesDir,
        );
    }
}
