//! Reading the project's own Rust source as syntax (with `syn`), for the few rules the
//! compiler cannot see: which module a file is, and which items are test-only. Shared by
//! the layers test and the legal-words test, so both read every file whole (production code
//! after a test module included) and every `use` form (groups, several lines, `super::`).

use std::path::{Path, PathBuf};

/// The workspace root (the app's package).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which crate a source file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crate {
    /// `src/`: the app, the CLI and the schema; names the core as `crate::core`.
    App,
    /// `crates/core/src/`: the core, whose modules sit at its root.
    Core,
}

impl Crate {
    /// Where the crate's sources are, under the workspace root.
    pub fn src(self) -> &'static str {
        match self {
            Crate::App => "src",
            Crate::Core => "crates/core/src",
        }
    }
}

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read source dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// The module path of a file relative to its crate's `src`: `rules/validate.rs` →
/// `["rules", "validate"]`, `rules/mod.rs` → `["rules"]`, `lib.rs` → `[]`.
pub fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.with_extension("").iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// Whether attributes make an item test-only (`#[cfg(test)]`, `#[cfg(all(test, …))]`).
pub fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && {
            let tokens = a.meta.require_list().map(|l| l.tokens.to_string()).unwrap_or_default();
            tokens.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == "test")
                && !tokens.starts_with("not")
        }
    })
}

/// The attributes of an item, whatever its kind.
pub fn attrs_of(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::ExternCrate(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::ForeignMod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::TraitAlias(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// Parses a file, naming it in the panic if it is not Rust.
pub fn parse(name: &str, text: &str) -> syn::File {
    syn::parse_file(text).unwrap_or_else(|e| panic!("{name}: not parsable as Rust: {e}"))
}

/// The line a span starts on (1-based).
pub fn line_of(span: proc_macro2::Span) -> usize {
    span.start().line
}
