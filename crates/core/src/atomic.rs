//! Atomic file writes: a temporary file beside the target, fsynced, then renamed into
//! place, so a crash leaves either the old file or the new one, never half of either.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written; each says which stage failed. Nothing was replaced,
/// except that [`WriteError::KeptBeside`] wrote the new content under another name.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is a symbolic link that cannot be resolved.
    #[error("cannot follow the link: {0}")]
    FollowLink(#[source] std::io::Error),
    /// The folder to write into does not exist.
    #[error("the folder \"{}\" does not exist", crate::text::shown_path(.0))]
    NoFolder(PathBuf),
    /// The target is read-only: it is never silently replaced.
    #[error("the file is read-only; nothing was written (clear its read-only attribute, or save under another name)")]
    ReadOnly,
    /// No temporary file could be created beside the target.
    #[error("cannot create a temporary file beside it: {0}")]
    Temporary(#[source] std::io::Error),
    /// Writing or flushing the temporary file failed (a full disk, a lost share).
    #[error("cannot write: {0}")]
    Write(#[source] std::io::Error),
    /// The old file could not be copied to its `.bak`.
    #[error("cannot keep the previous version as .bak: {0}")]
    Backup(#[source] std::io::Error),
    /// The target could not be replaced (on Windows: open in another program); the new
    /// content was kept under `kept`, so nothing was lost.
    #[error(
        "cannot replace the file: {cause}. Another program may have it open (close it and save again); nothing was lost: the new content was written to \"{}\"",
        crate::text::shown_path(kept)
    )]
    KeptBeside {
        /// What the operating system said.
        #[source]
        cause: std::io::Error,
        /// Where the new content is.
        kept: PathBuf,
    },
    /// The target could not be replaced and the new content could not be kept either.
    #[error("cannot move the new file into place: {0}")]
    Replace(#[source] std::io::Error),
}

/// The backup kept beside a file: `name.json.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// A free name beside `path` for content that could not replace it:
/// `memo (新しい版 2).pdf`.
#[must_use]
pub fn beside(path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (1..10_000)
        .map(|n| {
            let tag = if n == 1 { "新しい版".to_string() } else { format!("新しい版 {n}") };
            path.with_file_name(format!("{stem} ({tag}){ext}"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("new"))
}

/// Removes temporary files of ours that a crash left in `dir` (older than an hour, so a
/// write in progress in another instance is never touched).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".itaku-navi-")
            && name.ends_with(".tmp")
            && entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

thread_local! {
    static BEFORE_RENAME: std::cell::RefCell<Option<Box<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

/// For tests only: runs `hook` on this thread between writing a file's new content and
/// renaming it into place (as a slow file share's flush takes time there); `None` removes it.
#[doc(hidden)]
pub fn set_before_rename_hook(hook: Option<Box<dyn Fn()>>) {
    BEFORE_RENAME.with(|h| *h.borrow_mut() = hook);
}

/// Writes `bytes` to `path` atomically. With `keep_backup`, an existing file is first
/// copied to [`backup_path`]. The error says which stage failed.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), WriteError> {
    // A symbolic link is followed: the file it points to is replaced, the link stays.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path).map_err(WriteError::FollowLink)?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::NoFolder(dir));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(WriteError::ReadOnly);
    }
    remove_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".itaku-navi-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(WriteError::Temporary)?;
    tmp.write_all(bytes).map_err(WriteError::Write)?;
    // A temporary file is private (0600); give the document the old file's permissions,
    // or the usual ones for a new document.
    let perms = std::fs::metadata(path).map(|m| m.permissions()).ok();
    #[cfg(unix)]
    let perms = perms.or_else(|| Some(std::os::unix::fs::PermissionsExt::from_mode(0o644)));
    if let Some(p) = perms {
        // Best effort: a file share (SMB/CIFS) may refuse to change modes, and the
        // document is still right without them.
        let _ = tmp.as_file().set_permissions(p);
    }
    tmp.as_file().sync_all().map_err(WriteError::Write)?;
    BEFORE_RENAME.with(|hook| {
        if let Some(h) = hook.borrow().as_ref() {
            h();
        }
    });
    if keep_backup && path.exists() {
        let bak = backup_path(path);
        std::fs::copy(path, &bak).map_err(WriteError::Backup)?;
        // The backup must survive a crash as well as the new file.
        if let Ok(f) = std::fs::File::open(&bak) {
            let _ = f.sync_all();
        }
    }
    if let Err(e) = tmp.persist(path) {
        // On Windows a file open in another program (a PDF viewer, Word) cannot be
        // replaced ("Access denied (os error 5)"). Keep the new content beside it so
        // nothing is lost, and say what to do.
        let cause = e.error;
        let kept = beside(path);
        return Err(match e.file.persist_noclobber(&kept) {
            Ok(_) => WriteError::KeptBeside { cause, kept },
            Err(_) => WriteError::Replace(cause),
        });
    }
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        // Make the rename itself durable; failure here leaves a correct file, so ignore it.
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_that_cannot_replace_the_target_is_kept_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A folder where the file should be cannot be replaced by a file, on every platform.
        let target = dir.path().join("memo.pdf");
        std::fs::create_dir(&target).expect("folder in the way");
        let err = write_atomic(&target, b"%PDF new", false).expect_err("cannot replace a folder").to_string();
        let kept = dir.path().join("memo (新しい版).pdf");
        assert!(err.contains("nothing was lost") && err.contains("memo (新しい版).pdf"), "{err}");
        assert_eq!(std::fs::read(&kept).expect("kept"), b"%PDF new");
        assert_eq!(beside(&target), dir.path().join("memo (新しい版 2).pdf"));
    }

    #[test]
    fn a_missing_folder_is_named_and_a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err =
            write_atomic(&dir.path().join("no-such-folder/memo.pdf"), b"x", false).expect_err("no folder").to_string();
        assert!(
            err.contains("no-such-folder") && err.contains("does not exist") && !err.contains(".itaku-navi-"),
            "{err}"
        );
        let target = dir.path().join("approved.json");
        std::fs::write(&target, b"old").expect("write");
        let mut perms = std::fs::metadata(&target).expect("meta").permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&target, perms).expect("read-only");
        let err = write_atomic(&target, b"new", true).expect_err("read-only").to_string();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&target).expect("read"), b"old");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_target_keeps_its_link_and_stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"old").expect("write");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let stale = dir.path().join(".itaku-navi-crashed.tmp");
        std::fs::write(&stale, b"half").expect("write");
        let old = std::fs::File::options().write(true).open(&stale).expect("open");
        old.set_modified(std::time::SystemTime::now() - std::time::Duration::from_hours(2)).expect("age");
        write_atomic(&link, b"new", false).expect("write through the link");
        assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
        assert!(!stale.exists(), "a temporary left by a crash is cleaned up");
    }
}
