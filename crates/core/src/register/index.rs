//! Where the register's index is kept — the last scan of a cases folder, so the next scan
//! reads only the files that changed — shared by the app and `itaku-navi register`: in the
//! folder itself (`.itaku-navi-register-index.bin`, for everyone who scans it) where the
//! folder can be written, otherwise in the user's data folder under a name that follows
//! the folder. It is a cache, kept in postcard's compact binary form (as JSON, reading and
//! writing it took half of a rescan of 10 000 files). An index is never trusted blindly:
//! [`super::scan`] checks each row against its file's length, time and identity, and
//! ignores another folder's or version's index.

use std::path::{Path, PathBuf};

use super::{INDEX_FORMAT, Register};

/// The index's name inside the cases folder (hidden, and not `.json`: the scan reads
/// neither).
pub const FOLDER_INDEX: &str = ".itaku-navi-register-index.bin";

/// The largest index read (10 000 rows take about 3 MB).
const INDEX_LIMIT: u64 = 256 * 1024 * 1024;

/// The app's own folder: `$ITAKU_NAVI_DATA_DIR`, or the platform's data folder
/// (`%APPDATA%\itaku-navi` on Windows, `~/.local/share/itaku-navi` on Linux).
#[must_use]
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ITAKU_NAVI_DATA_DIR") {
        return PathBuf::from(dir);
    }
    // One folder named once (ProjectDirs gave `%APPDATA%\itaku-navi\itaku-navi\data`).
    directories::BaseDirs::new()
        .map_or_else(|| std::env::temp_dir().join("itaku-navi"), |d| d.data_dir().join("itaku-navi"))
}

/// The index of `folder` in the data folder: one file per cases folder.
fn data_index(folder: &Path, data_dir: &Path) -> PathBuf {
    let key = crate::text::shown_path(folder);
    let hash = crate::case::integrity::hex_hash(key.as_bytes());
    data_dir.join(format!("register-index-{}.bin", &hash[..16]))
}

/// The places an index of `folder` may be, in the order they are tried.
fn places(folder: &Path, data_dir: &Path) -> [PathBuf; 2] {
    [folder.join(FOLDER_INDEX), data_index(folder, data_dir)]
}

/// The newest usable index of `folder` (the folder's own, else the data folder's); `None`
/// when there is none, or none for this folder and program version.
#[must_use]
pub fn load(folder: &Path, data_dir: &Path) -> Option<Register> {
    let want = crate::text::shown_path(folder);
    places(folder, data_dir).iter().find_map(|p| {
        let meta = std::fs::metadata(p).ok()?;
        if !meta.is_file() || meta.len() > INDEX_LIMIT {
            return None;
        }
        let bytes = std::fs::read(p).ok()?;
        // The format comes first: another version's index is not decoded any further.
        let (format, _) = postcard::take_from_bytes::<u32>(&bytes).ok()?;
        if format != INDEX_FORMAT {
            return None;
        }
        let reg: Register = postcard::from_bytes(&bytes).ok()?;
        (reg.folder == want).then_some(reg)
    })
}

/// Keeps the index (atomically): in the folder where it can be written, else in the data
/// folder. Returns where it went.
pub fn save(folder: &Path, data_dir: &Path, reg: &Register) -> Result<PathBuf, crate::output::OutputError> {
    let bytes = postcard::to_stdvec(reg)?;
    let [in_folder, in_data] = places(folder, data_dir);
    if crate::atomic::write_atomic(&in_folder, &bytes, false).is_ok() {
        return Ok(in_folder);
    }
    std::fs::create_dir_all(data_dir)
        .map_err(|source| crate::output::OutputError::Folder { folder: crate::textfile::quoted(data_dir), source })?;
    crate::atomic::write_atomic(&in_data, &bytes, false)?;
    Ok(in_data)
}
