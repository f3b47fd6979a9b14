//! Reading a folder of case files into a [`Register`], on every core, reusing the rows
//! of a previous scan for files that have not changed: same length, modification time and
//! identity (Unix: inode and status-change time), or — where the system tells no
//! identity — the same content hash.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Entry, INDEX_FORMAT, Register, Row};
use crate::rules::RuleSet;

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Case files found.
    pub files: usize,
    /// Files read and parsed.
    pub read: usize,
    /// Rows taken over from the previous scan.
    pub reused: usize,
    /// Rows of the previous scan whose files are gone.
    pub gone: usize,
}

impl ScanStats {
    /// Whether the register is the previous one, row for row (nothing read, nothing gone):
    /// the index on disk then need not be written again.
    #[must_use]
    pub fn unchanged(&self) -> bool {
        self.read == 0 && self.gone == 0 && self.reused == self.files
    }
}

/// Whether `path` (a link) leads to a file inside `root`.
fn inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        // A broken link: reading it fails with the system's own message.
        (Ok(_), Err(_)) => true,
        _ => false,
    }
}

/// A file the walk found, with what identifies its version.
struct Found {
    /// Why it is not read at all (a link out of the folder).
    refused: Option<String>,
    rel: String,
    path: PathBuf,
    len: u64,
    modified_ns: Option<i128>,
    identity: Option<(u64, i128)>,
}

/// The file's identity where the system gives one no program can set back: inode and
/// status-change time on Unix (`touch -d` moves the modification time, and changes this).
#[cfg(unix)]
#[expect(clippy::unnecessary_wraps, reason = "the same signature as elsewhere, where there is no identity")]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, i128)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.ino(), i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())))
}

/// Elsewhere no such identity is read: a row is reused only after its content hash matches.
#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<(u64, i128)> {
    None
}

/// Case files are `.json` files; backups, hidden files (our temporaries, the index) and
/// the rule folder's schemas are not.
fn is_case_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json") && !name.starts_with('.')
}

fn nanos(t: std::time::SystemTime) -> Option<i128> {
    t.duration_since(std::time::UNIX_EPOCH).ok().map(|d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

/// Walks `dir` recursively. A folder that cannot be listed becomes an error row.
fn walk(root: &Path, dir: &Path, found: &mut Vec<Found>, errors: &mut Vec<Row>) {
    let rel_of = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Row {
                path: rel_of(dir),
                len: 0,
                modified_ns: None,
                identity: None,
                content_hash: None,
                entry: Err(format!("cannot list this folder: {e}")),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() {
            if !name.starts_with('.') && name != "schema" {
                walk(root, &path, found, errors);
            }
        } else if is_case_file(&name) {
            // A link is followed for the file's own facts only inside the folder; a broken
            // one is read (and fails) below.
            let refused = (kind.is_symlink() && !inside(root, &path))
                .then(|| "a link to a file outside the folder: not read".to_string());
            let meta = std::fs::metadata(&path).ok().filter(|_| refused.is_none());
            found.push(Found {
                refused,
                rel: rel_of(&path),
                len: meta.as_ref().map_or(0, std::fs::Metadata::len),
                modified_ns: meta.as_ref().and_then(|m| m.modified().ok()).and_then(nanos),
                identity: meta.as_ref().and_then(identity),
                path,
            });
        }
    }
}

/// Reads one file into its row; `known` is its previous row, reused when the file has no
/// identity to compare and its content hash is unchanged.
fn read_row(f: &Found, known: Option<&Row>, rules: &RuleSet) -> Row {
    let label = crate::text::shown_path(&f.path);
    let row = |entry, content_hash| Row {
        path: f.rel.clone(),
        len: f.len,
        modified_ns: f.modified_ns,
        identity: f.identity,
        content_hash,
        entry,
    };
    if let Some(why) = &f.refused {
        return row(Err(why.clone()), None);
    }
    match crate::textfile::read_bytes(&f.path) {
        Err(e) => row(Err(e.to_string()), None),
        Ok(bytes) => {
            let hash = crate::case::integrity::hex_hash(&bytes);
            if let Some(k) = known.filter(|k| k.content_hash.as_deref() == Some(hash.as_str())) {
                return row(k.entry.clone(), Some(hash));
            }
            let entry = match crate::textfile::decode(&bytes) {
                Err(e) => Err(e.to_string()),
                Ok(text) => crate::case::parse_case(&label, text)
                    .map(|c| Box::new(Entry::of(&c, rules)))
                    .map_err(|e| e.to_string()),
            };
            row(entry, Some(hash))
        }
    }
}

/// [`read_row`], with a panic turned into the file's error row: a file is never dropped.
fn guarded(f: &Found, known: Option<&Row>, rules: &RuleSet) -> Row {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_row(f, known, rules))).unwrap_or_else(|_| Row {
        path: f.rel.clone(),
        len: f.len,
        modified_ns: f.modified_ns,
        identity: f.identity,
        content_hash: None,
        entry: Err("the program failed while reading this file (please report it)".into()),
    })
}

/// Scans `dir`, evaluating every case under `rules`. With `previous` (an earlier register
/// of the same folder, for instance the index kept on disk), a file whose length,
/// modification time and identity are all unchanged keeps its row; a file with no identity
/// to compare is read and keeps its row when its content hash is unchanged; any other file
/// is read again. An index of another format, folder or rule set is ignored. The previous
/// register's rows are moved, not copied, into the new one.
pub fn scan(dir: &Path, previous: Option<Register>, rules: &RuleSet) -> Result<(Register, ScanStats), std::io::Error> {
    // The folder itself must exist: an empty register for a missing share would hide it.
    std::fs::read_dir(dir)?;
    let folder = crate::text::shown_path(dir);
    let mut found = Vec::new();
    let mut rows = Vec::new();
    walk(dir, dir, &mut found, &mut rows);
    // The index holds rows evaluated under these very rules: same id and version with an
    // edited 付録1 is another rule set (a row's outcome may differ).
    let (id, version) = rules.stamp();
    let stamp = format!("{id}@{version} {}", rules.fingerprint);
    let mut known: HashMap<String, Row> = previous
        .filter(|p| p.format == INDEX_FORMAT && p.folder == folder && p.rules == stamp)
        .map(|p| p.rows.into_iter().map(|r| (r.path.clone(), r)).collect())
        .unwrap_or_default();
    let mut stats = ScanStats { files: found.len(), ..ScanStats::default() };
    let mut to_read = Vec::new();
    for f in &found {
        let previous = known.remove(f.rel.as_str());
        match previous {
            Some(r)
                if r.len == f.len
                    && r.modified_ns == f.modified_ns
                    && f.modified_ns.is_some()
                    && f.identity.is_some()
                    && r.identity == f.identity =>
            {
                rows.push(r);
                stats.reused += 1;
            }
            // Without an identity, the row is reused only if the content hash agrees.
            Some(r) if f.identity.is_none() && r.len == f.len => to_read.push((f, Some(r))),
            _ => to_read.push((f, None)),
        }
    }
    stats.read = to_read.len();
    stats.gone = known.len();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
    let chunk = to_read.len().div_ceil(threads).max(1);
    let read: Vec<Row> = std::thread::scope(|s| {
        let handles: Vec<_> = to_read
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|(f, k)| guarded(f, k.as_ref(), rules)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    rows.extend(read);
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((Register { format: INDEX_FORMAT, folder, rules: stamp, rows }, stats))
}
