//! Rebuild when locale files or the embedded rule data change (`include_str!` and
//! rust-i18n do not always notice edits by themselves), and fingerprint what makes a memo:
//! `ITAKU_MEMO_LAYOUT`, stamped into every memo PDF, so `verify` knows whether this build can
//! make a memo again to the byte (the same sources give the same fingerprint on every
//! platform; a build whose memo code, template, fonts, rule data or crates differ gets
//! another one, and checks older memos only partly rather than calling them ALTERED).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// What the memo is made from.
/// Paths are relative to this crate (`crates/core`); the hash names them from the workspace root.
const MEMO_SOURCES: [&str; 5] =
    ["src", "../../assets/fonts", "../../decision-trees", "../../locales", "../../Cargo.lock"];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=decision-trees");
    let mut all = Vec::new();
    for source in MEMO_SOURCES {
        println!("cargo:rerun-if-changed={source}");
        files(Path::new(source), &mut all);
    }
    let mut hash = Sha256::new();
    for f in &all {
        // Paths with '/' and text without CR: a Windows checkout fingerprints as Linux does.
        hash.update(f.to_string_lossy().replace('\\', "/").as_bytes());
        let bytes = std::fs::read(f).unwrap_or_default();
        let text_like = !bytes.contains(&0);
        let bytes: Vec<u8> = if text_like { bytes.into_iter().filter(|b| *b != b'\r').collect() } else { bytes };
        hash.update(u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_le_bytes());
        hash.update(&bytes);
    }
    let digest = hash.finalize();
    let hex = digest.iter().take(6).fold(String::new(), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    });
    println!("cargo:rustc-env=ITAKU_MEMO_LAYOUT={hex}");
}
