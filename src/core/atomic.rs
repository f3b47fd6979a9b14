//! Atomic file writes: a temporary file beside the target, fsynced, then renamed into
//! place, so a crash leaves either the old file or the new one, never half of either.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The backup kept beside a file: `name.json.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically. With `keep_backup`, an existing file is first
/// copied to [`backup_path`]. The error says which stage failed.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".itaku-navi-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {e}"))?;
    tmp.write_all(bytes).map_err(|e| format!("cannot write: {e}"))?;
    // A temporary file is private (0600); give the document the old file's permissions,
    // or the usual ones for a new document.
    let perms = std::fs::metadata(path).map(|m| m.permissions()).ok();
    #[cfg(unix)]
    let perms = perms.or_else(|| Some(std::os::unix::fs::PermissionsExt::from_mode(0o644)));
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p).map_err(|e| format!("cannot set permissions: {e}"))?;
    }
    tmp.as_file().sync_all().map_err(|e| format!("cannot flush to disk: {e}"))?;
    if keep_backup && path.exists() {
        std::fs::copy(path, backup_path(path)).map_err(|e| format!("cannot keep the previous version as .bak: {e}"))?;
    }
    tmp.persist(path).map_err(|e| format!("cannot move the new file into place: {}", e.error))?;
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        // Make the rename itself durable; failure here leaves a correct file, so ignore it.
        let _ = d.sync_all();
    }
    Ok(())
}
