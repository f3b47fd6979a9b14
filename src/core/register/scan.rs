//! Reading a folder of case files into a [`Register`], on every core, reusing the rows
//! of a previous scan for files whose length and modification time have not changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Entry, INDEX_FORMAT, Register, Row};

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Case files found.
    pub files: usize,
    /// Files read and parsed.
    pub read: usize,
    /// Rows taken over from the previous scan.
    pub reused: usize,
}

/// A file the walk found, with what identifies its version.
struct Found {
    rel: String,
    path: PathBuf,
    len: u64,
    modified_ns: Option<i128>,
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
            // A link is followed for the file's own facts; a broken one is read (and fails) below.
            let meta = std::fs::metadata(&path).ok();
            found.push(Found {
                rel: rel_of(&path),
                len: meta.as_ref().map_or(0, std::fs::Metadata::len),
                modified_ns: meta.and_then(|m| m.modified().ok()).and_then(nanos),
                path,
            });
        }
    }
}

/// Reads one file into its row.
fn read_row(f: &Found) -> Row {
    let label = f.path.display().to_string();
    let entry = match std::fs::read(&f.path) {
        Err(e) => Err(format!("cannot read the file: {e}")),
        Ok(bytes) => match crate::core::textfile::decode(&bytes) {
            Err(e) => Err(e.to_string()),
            Ok(text) => crate::core::case::parse_case(&label, text).map(|c| Entry::of(&c)).map_err(|e| e.to_string()),
        },
    };
    Row { path: f.rel.clone(), len: f.len, modified_ns: f.modified_ns, entry }
}

/// [`read_row`], with a panic turned into the file's error row: a file is never dropped.
fn guarded(f: &Found) -> Row {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_row(f))).unwrap_or_else(|_| Row {
        path: f.rel.clone(),
        len: f.len,
        modified_ns: f.modified_ns,
        entry: Err("the program failed while reading this file (please report it)".into()),
    })
}

/// Scans `dir`. With `previous` (an earlier register of the same folder, for instance the
/// index kept on disk), a file whose length and modification time are both unchanged keeps
/// its row; any other file is read again. An index of another format or folder is ignored.
pub fn scan(dir: &Path, previous: Option<&Register>) -> Result<(Register, ScanStats), std::io::Error> {
    // The folder itself must exist: an empty register for a missing share would hide it.
    std::fs::read_dir(dir)?;
    let folder = dir.display().to_string();
    let mut found = Vec::new();
    let mut rows = Vec::new();
    walk(dir, dir, &mut found, &mut rows);
    let known: HashMap<&str, &Row> = previous
        .filter(|p| p.format == INDEX_FORMAT && p.folder == folder)
        .map(|p| p.rows.iter().map(|r| (r.path.as_str(), r)).collect())
        .unwrap_or_default();
    let mut stats = ScanStats { files: found.len(), ..ScanStats::default() };
    let mut to_read = Vec::new();
    for f in &found {
        match known.get(f.rel.as_str()) {
            Some(r) if r.len == f.len && r.modified_ns == f.modified_ns && f.modified_ns.is_some() => {
                rows.push((*r).clone());
                stats.reused += 1;
            }
            _ => to_read.push(f),
        }
    }
    stats.read = to_read.len();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
    let chunk = to_read.len().div_ceil(threads).max(1);
    let read: Vec<Row> = std::thread::scope(|s| {
        let handles: Vec<_> = to_read
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|f| guarded(f)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    rows.extend(read);
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((Register { format: INDEX_FORMAT, folder, rows }, stats))
}
