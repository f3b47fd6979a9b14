//! Reading and writing case files: precise errors, migration of older schema versions,
//! refusal of newer ones, and atomic saves that keep the previous version as `.bak`.

use std::path::Path;

use super::{CASE_SCHEMA_VERSION, Case};

/// Why a case file could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// The content is wrong: bad JSON, an unknown key, a wrong type, or a dangling reference.
    #[error("{message} — at {place} — in {file}")]
    Invalid {
        /// What is wrong.
        message: String,
        /// JSON path, with line and column where known.
        place: String,
        /// The file.
        file: String,
    },
    /// The file was written by a newer version of the program.
    #[error(
        "this case file uses schema_version {found}, newer than the {supported} this program understands; update itaku-navi to open it (the file was not changed) — in {file}"
    )]
    NewerSchema {
        /// Version in the file.
        found: u64,
        /// Version this build understands.
        supported: u32,
        /// The file.
        file: String,
    },
    /// Someone else saved the file after it was opened here: it was not overwritten.
    #[error(
        "the file was changed by someone else after you opened it (another person on the share, or another program); nothing was overwritten — save under another name, or open the file again — in {file}"
    )]
    ChangedOnDisk {
        /// The file.
        file: String,
    },
    /// Someone else is saving the file right now (their save lock stands beside it).
    #[error(
        "someone else is saving this file right now ({holder}); nothing was written and your work is kept — save again in a moment — in {file}"
    )]
    BeingSaved {
        /// The file.
        file: String,
        /// Who holds the lock and since when, as the lock file says.
        holder: String,
    },
    /// Reading or writing failed.
    #[error("{message} — in {file}")]
    Io {
        /// What failed.
        message: String,
        /// The file.
        file: String,
    },
}

fn invalid(file: &str, place: impl Into<String>, message: impl Into<String>) -> CaseError {
    CaseError::Invalid { message: message.into(), place: place.into(), file: file.to_string() }
}

fn serde_invalid(file: &str, path: &str, err: &serde_json::Error) -> CaseError {
    let (mut message, place) = crate::rules::error::serde_message_and_place(path, err);
    // A later version may add optional fields to the same schema version: say so, rather
    // than leave the user to think the file is broken.
    if message.starts_with("unknown field") {
        message = format!(
            "{message} — if the file was saved by a newer itaku-navi, open it with that version (this is {})",
            env!("CARGO_PKG_VERSION")
        );
    }
    invalid(file, place, message)
}

/// Reads the `schema_version` of a JSON text without trusting anything else in it.
/// Only the version is built: the rest of the document is skipped without being
/// allocated (building a whole `Value` first took a third of `decide`'s time on a large case).
fn schema_version_of(label: &str, text: &str) -> Result<u64, CaseError> {
    #[derive(serde::Deserialize)]
    struct Head {
        schema_version: Option<serde_json::Value>,
    }
    if !text.trim_start().starts_with('{') {
        // Let a syntax error keep its line and column; anything else is not an object.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
            return Err(serde_invalid(label, "", &e));
        }
        return Err(invalid(label, "(top level)", "a case file must be a JSON object"));
    }
    let head: Head = serde_json::from_str(text).map_err(|e| serde_invalid(label, "", &e))?;
    let version = match head.schema_version.as_ref() {
        Some(v) => {
            v.as_u64().ok_or_else(|| invalid(label, "schema_version", "schema_version must be a whole number"))?
        }
        None => {
            return Err(invalid(
                label,
                "schema_version",
                "missing schema_version: this is not an itaku-navi case file",
            ));
        }
    };
    Ok(version)
}

/// Brings an older document up to the current schema, one version at a time.
/// Version 1 is the first published format, so nothing older exists yet; each future
/// format change adds a step here and a test with a file of the old version.
fn migrate(label: &str, version: u64, value: serde_json::Value) -> Result<serde_json::Value, CaseError> {
    match version {
        v if v == u64::from(CASE_SCHEMA_VERSION) => Ok(value),
        other => Err(invalid(
            label,
            "schema_version",
            format!("schema_version {other} was never a published case format (the first is 1)"),
        )),
    }
}

/// Parses a case from JSON text. `label` names the file in errors.
pub fn parse_case(label: &str, text: &str) -> Result<Case, CaseError> {
    let case = parse_unchecked(label, text)?;
    checked(label, &case)?;
    Ok(case)
}

/// Parses a case from JSON text without its length limits (which [`checked`] checks).
fn parse_unchecked(label: &str, text: &str) -> Result<Case, CaseError> {
    // A file of this version parses as it is, in one pass; any other file (another version,
    // or one with an error to report) goes the way that finds its version first.
    if let Ok(case) = serde_json::from_str::<Case>(text)
        && case.schema_version == CASE_SCHEMA_VERSION
    {
        return Ok(case);
    }
    let version = schema_version_of(label, text)?;
    if version > u64::from(CASE_SCHEMA_VERSION) {
        return Err(CaseError::NewerSchema { found: version, supported: CASE_SCHEMA_VERSION, file: label.to_string() });
    }
    if version == u64::from(CASE_SCHEMA_VERSION) {
        // Parse the text itself so errors keep their line and column.
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            serde_invalid(label, &path, e.inner())
        })
    } else {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| serde_invalid(label, "", &e))?;
        let migrated = migrate(label, version, value)?;
        serde_path_to_error::deserialize(migrated).map_err(|e| {
            let path = e.path().to_string();
            serde_invalid(label, &path, e.inner())
        })
    }
}

/// Every text and list of the case within its limit, or the first that is not, by its
/// path; and the case's canonical JSON without its integrity field (what its seal hashes),
/// made in the same pass.
fn checked(label: &str, case: &Case) -> Result<Vec<u8>, CaseError> {
    let canonical = super::integrity::canonical_json(case).map_err(|e| serde_invalid(label, "", &e))?;
    match canonical.over_limit {
        Some(over) => Err(invalid(label, over.path, format!("too long: {}", over.message))),
        None => Ok(canonical.bytes),
    }
}

/// Reads and parses a case file.
pub fn load_case(path: &Path) -> Result<Case, CaseError> {
    let label = crate::text::shown_path(path);
    let text = crate::textfile::read(path)
        .map_err(|e| CaseError::Io { message: e.to_string(), file: crate::textfile::quoted(path) })?;
    parse_case(&label, &text)
}

/// Loads a case and stamps the very bytes it was parsed from: a save by someone else
/// between reading the case and stamping it (two reads) would have been taken for this
/// copy's own version, and overwritten by the next save.
pub fn load_case_stamped(path: &Path) -> Result<(Case, DiskStamp), CaseError> {
    read_stamped(path, parse_case)
}

/// Loads a case as [`load_case_stamped`] does and checks its seal ([`super::integrity::verify`]),
/// writing the case's canonical JSON once for the length limits and the seal's hash: what
/// the app does with every file it opens.
pub fn load_case_verified(path: &Path) -> Result<(Case, DiskStamp, super::integrity::Verdict), CaseError> {
    let ((case, verdict), stamp) = read_stamped(path, |label, text| {
        let case = parse_unchecked(label, text)?;
        let canonical = checked(label, &case)?;
        let verdict = super::integrity::verify_canonical(&case, canonical);
        Ok((case, verdict))
    })?;
    Ok((case, stamp, verdict))
}

/// Reads a case file's bytes once, gives its text to `parse` (with the name errors give
/// the file), and stamps the same bytes.
fn read_stamped<T>(
    path: &Path,
    parse: impl FnOnce(&str, &str) -> Result<T, CaseError>,
) -> Result<(T, DiskStamp), CaseError> {
    let label = crate::text::shown_path(path);
    let io = |message: String| CaseError::Io { message, file: crate::textfile::quoted(path) };
    let bytes = crate::textfile::read_bytes(path).map_err(|e| io(e.to_string()))?;
    let text = crate::textfile::decode(&bytes).map_err(|e| io(crate::textfile::ReadError::from(e).to_string()))?;
    Ok((parse(&label, text)?, DiskStamp::of(&bytes)))
}

/// What a case file was on disk when it was opened or last saved: enough to tell, before
/// the next save, whether someone else has saved it since. Its content decides, not its
/// modification time: on a file share that may be coarse (2 s on FAT, rounded over SMB)
/// or touched without a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    /// Its length in bytes.
    pub len: u64,
    /// SHA-256 of its bytes.
    pub sha256: [u8; 32],
}

impl DiskStamp {
    /// The stamp of some bytes just written or read.
    fn of(bytes: &[u8]) -> Self {
        use sha2::Digest;
        Self { len: bytes.len() as u64, sha256: sha2::Sha256::digest(bytes).into() }
    }

    /// True when the content is the same.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }
}

/// The stamp of the file at `path` as it is now; `None` when it does not exist.
pub fn disk_stamp(path: &Path) -> Result<Option<DiskStamp>, CaseError> {
    match crate::textfile::read_bytes(path) {
        Ok(bytes) => Ok(Some(DiskStamp::of(&bytes))),
        Err(crate::textfile::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CaseError::Io {
            message: format!("cannot read the file to check it is unchanged: {e}"),
            file: crate::textfile::quoted(path),
        }),
    }
}

/// Saves like [`save_case`], but only when the file on disk is still the one opened
/// (`opened`: its stamp then; `None` for a file that did not exist). Someone else's save
/// in between is never overwritten: [`CaseError::ChangedOnDisk`]. Returns the new stamp.
pub fn save_case_checked(path: &Path, case: &Case, opened: Option<&DiskStamp>) -> Result<DiskStamp, CaseError> {
    // The check and the rename happen under the save lock another copy respects: two saves
    // on a slow share can no longer both pass the check and overwrite each other.
    let _lock = SaveLock::take(path)?;
    let now = disk_stamp(path)?;
    let unchanged = match (opened, &now) {
        (Some(then), Some(now)) => then.same_content(now),
        (None, None) => true,
        // Created since, or deleted since: either way not the file this copy came from.
        (Some(_), None) | (None, Some(_)) => false,
    };
    if !unchanged {
        return Err(CaseError::ChangedOnDisk { file: crate::text::shown_path(path) });
    }
    Ok(DiskStamp::of(&save_bytes(path, case)?))
}

/// Saves atomically, sealed with its integrity hash: write a temporary file beside the
/// target, fsync it, keep the old
/// file as `.bak`, rename the new one into place, fsync the folder. A file of a newer
/// schema is never overwritten.
pub fn save_case(path: &Path, case: &Case) -> Result<(), CaseError> {
    save_bytes(path, case).map(|_| ())
}

/// [`save_case`], returning the stamp of the bytes it wrote (not of a second read, which
/// could meet someone else's save).
pub fn save_case_stamped(path: &Path, case: &Case) -> Result<DiskStamp, CaseError> {
    let _lock = SaveLock::take(path)?;
    Ok(DiskStamp::of(&save_bytes(path, case)?))
}

/// How old a save lock may be before it is taken for one a crash left behind: far longer
/// than any save takes, even on a slow share.
pub const SAVE_LOCK_STALE: std::time::Duration = std::time::Duration::from_mins(2);

/// How long a save waits for someone else's save of the same file to finish.
const SAVE_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// The lock beside a case while it is saved: `.NAME.saving`, created only if absent (an
/// atomic create, on a local disk and over SMB alike), holding who saves and since when;
/// removed when the save ends.
struct SaveLock {
    path: std::path::PathBuf,
}

impl SaveLock {
    fn path_for(case: &Path) -> std::path::PathBuf {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        case.with_file_name(format!(".{name}.saving"))
    }

    /// Takes the lock, waiting for another save to finish; a lock older than
    /// [`SAVE_LOCK_STALE`] is removed as left by a crash.
    fn take(case: &Path) -> Result<Self, CaseError> {
        use std::io::Write;
        let path = Self::path_for(case);
        let file = crate::text::shown_path(case);
        let started = std::time::Instant::now();
        loop {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let who = std::env::var("USERNAME").or_else(|_| std::env::var("USER")).unwrap_or_default();
                    let _ = writeln!(
                        f,
                        "{who} (process {}) since {}",
                        std::process::id(),
                        chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
                    );
                    return Ok(Self { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = std::fs::metadata(&path).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
                    if age.is_some_and(|a| a > SAVE_LOCK_STALE) {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    if started.elapsed() > SAVE_LOCK_WAIT {
                        let holder = std::fs::read_to_string(&path).unwrap_or_default().trim().to_string();
                        return Err(CaseError::BeingSaved { file, holder });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                // A folder that refuses the lock refuses the save too: say so now.
                Err(e) => {
                    return Err(CaseError::Io {
                        message: format!("cannot create the save lock {}: {e}", crate::text::shown_path(&path)),
                        file,
                    });
                }
            }
        }
    }
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// [`save_case`], returning the bytes written.
fn save_bytes(path: &Path, case: &Case) -> Result<Vec<u8>, CaseError> {
    let label = crate::text::shown_path(path);
    if let Ok(existing) = std::fs::read_to_string(path)
        && let Ok(found) = schema_version_of(&label, &existing)
        && found > u64::from(CASE_SCHEMA_VERSION)
    {
        return Err(CaseError::NewerSchema { found, supported: CASE_SCHEMA_VERSION, file: label });
    }
    let mut json = serde_json::to_string_pretty(&crate::case::integrity::sealed(case))
        .map_err(|e| CaseError::Io { message: format!("cannot serialise the case: {e}"), file: label.clone() })?;
    json.push('\n');
    crate::atomic::write_atomic(path, json.as_bytes(), true)
        .map_err(|e| CaseError::Io { message: e.to_string(), file: label })?;
    Ok(json.into_bytes())
}
