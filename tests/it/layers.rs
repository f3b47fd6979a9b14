//! The modules' dependencies point one way (issue 9). The core is layered
//! foundation (text, risk, atomic) → rules → case → engine → edit → memo / training;
//! outside it, `cli` and `ui` are two front ends that never name each other (only
//! `main.rs` knows both), and `ui::training` never reaches back into `ui::app`.
//! The test reads every `crate::…` and `super::…` path in `src/` and fails on any path that
//! points up a layer, which is how an import circle would have to start.

use std::path::{Path, PathBuf};

/// The layer of a core module; a module may only name modules of a lower or equal rank
/// (equal only for itself: `memo` and `training` must not name each other).
fn core_rank(module: &str) -> Option<u8> {
    Some(match module {
        "text" | "textfile" | "risk" | "atomic" | "limits" => 0,
        "rules" => 1,
        "case" => 2,
        "engine" => 3,
        "edit" => 4,
        "memo" | "training" | "register" => 5,
        "drafts" => 6,
        _ => return None,
    })
}

/// Where a file sits: `("core", Some("engine"))`, `("ui", Some("training"))`, `("cli", None)`.
fn home(src: &Path, file: &Path) -> (String, Option<String>) {
    let rel: Vec<String> = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("")
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let top = rel[0].clone();
    let sub = rel.get(1).filter(|s| *s != "mod").cloned();
    (top, sub)
}

/// Every path of the form `crate::a::b`, resolved from `super::` where it leaves the file's
/// own module, as `(top, second)`.
fn references(file: &Path, text: &str, src: &Path) -> Vec<(String, Option<String>, usize)> {
    let (top, _) = home(src, file);
    let depth_in_sub = file.parent().is_some_and(|p| p != src.join(&top) && p != src);
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let path: Vec<&str> = rest[i + 7..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .collect();
            out.push((path[0].to_string(), path.get(1).filter(|s| !s.is_empty()).map(ToString::to_string), n + 1));
            rest = &rest[i + 7..];
        }
        // `super::x` in a file directly in src/core/ (or a mod.rs there) names core::x.
        if top == "core" && !depth_in_sub {
            let mut rest = code;
            while let Some(i) = rest.find("super::") {
                let name: String = rest[i + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && !name.chars().next().is_some_and(char::is_uppercase) {
                    out.push(("core".into(), Some(name), n + 1));
                }
                rest = &rest[i + 7..];
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn violations() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bad = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        let (top, sub) = home(&src, &file);
        for (to_top, to_sub, line) in references(&file, &text, &src) {
            let at = format!("{}:{line}", file.display());
            let wrong = match (top.as_str(), to_top.as_str()) {
                // The core names nothing outside itself but the embedded font bytes.
                ("core", "core") => match (sub.as_deref().and_then(core_rank), to_sub.as_deref()) {
                    (Some(from), Some(to)) => {
                        let same = sub.as_deref() == Some(to);
                        core_rank(to).is_some_and(|r| r > from || (r == from && !same && from > 0))
                    }
                    _ => false,
                },
                ("core", other) => other != "fonts_data",
                ("ui", "cli") | ("cli", "ui") | ("schema", "ui" | "cli") => true,
                ("ui", "ui") => sub.as_deref() == Some("training") && to_sub.as_deref() == Some("app"),
                _ => false,
            };
            if wrong {
                bad.push(format!(
                    "{at}: {top}{} names {to_top}{}",
                    sub.as_deref().map(|s| format!("::{s}")).unwrap_or_default(),
                    to_sub.as_deref().map(|s| format!("::{s}")).unwrap_or_default()
                ));
            }
        }
    }
    bad
}

#[test]
fn module_dependencies_point_one_way() {
    let bad = violations();
    assert!(bad.is_empty(), "dependencies that point up a layer (an import circle in the making):\n{}", bad.join("\n"));
}

#[test]
fn every_core_module_has_a_layer() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    for entry in std::fs::read_dir(core).expect("read core") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().expect("name").to_string_lossy().into_owned();
        if name != "mod" {
            assert!(core_rank(&name).is_some(), "src/core/{name} has no layer in tests/it/layers.rs");
        }
    }
}
