//! Why a table (CSV, XLSX) or a register index could not be made or written: one typed
//! error for the core's spreadsheet-like outputs, so callers can tell a full table from a
//! failed disk and messages keep the library's own words.

/// A CSV, XLSX or index output that failed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The CSV writer failed.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The workbook could not be made.
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Serialising (the register's JSON) failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Encoding the register index failed.
    #[error("register index: {0}")]
    Index(#[from] postcard::Error),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// More rows or columns than the format can hold.
    #[error("more rows or columns than an XLSX sheet holds")]
    TooLarge,
    /// A folder could not be made.
    #[error("{source} — {folder}")]
    Folder {
        /// The folder, quoted as messages show paths.
        folder: String,
        /// Why.
        source: std::io::Error,
    },
    /// The atomic write failed.
    #[error(transparent)]
    Write(#[from] crate::atomic::WriteError),
}

impl From<std::num::TryFromIntError> for OutputError {
    fn from(_: std::num::TryFromIntError) -> Self {
        OutputError::TooLarge
    }
}

impl<W> From<csv::IntoInnerError<W>> for OutputError {
    fn from(e: csv::IntoInnerError<W>) -> Self {
        OutputError::Io(e.into_error())
    }
}
