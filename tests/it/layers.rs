//! The layers the compiler cannot see. The core is its own crate (`crates/core`), so the
//! core naming the app, egui or the CLI does not compile; what is left for this test is the
//! order *inside* each crate. In the core: foundation (text, risk, atomic, limits, canonical, fonts) →
//! rules → case → engine → edit → memo / training / register → drafts. In the app: `cli`
//! and `ui` are two front ends that never name each other (only `main.rs` knows both),
//! `schema` names neither, and `ui::training` never reaches back into `ui::app`.
//!
//! The sources are read as syntax (`syn`), every item outside `#[cfg(test)]` wherever it
//! stands in the file, every path in `use` trees (groups, several lines) and in code, with
//! `crate::`, `self::` and `super::` resolved from the module the item is in.

use std::path::Path;

use syn::visit::Visit;

use super::rust_source::{self, Crate};

/// The layer of a core module; a module may only name modules of a lower or equal rank
/// (equal only for itself: `memo` and `training` must not name each other).
fn core_rank(module: &str) -> Option<u8> {
    Some(match module {
        "text" | "dates" | "textfile" | "risk" | "atomic" | "limits" | "canonical" | "fonts_data" | "output" => 0,
        "rules" => 1,
        "case" => 2,
        "engine" | "signing" => 3,
        "edit" => 4,
        "memo" | "training" | "register" | "regression" => 5,
        "drafts" => 6,
        _ => return None,
    })
}

/// Collects every path an item names, resolved to an absolute module path of its crate.
struct Paths {
    /// The module the visitor is in (the file's, plus inline `mod`s).
    module: Vec<String>,
    /// (absolute path, line)
    found: Vec<(Vec<String>, usize)>,
}

impl Paths {
    fn resolve(&mut self, segments: &[String], line: usize) {
        let (mut abs, mut rest) = match segments.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &segments[1..]),
            Some("self" | "super") => (self.module.clone(), segments),
            // An outside crate, a prelude name or a name in scope.
            _ => return,
        };
        // `super::super::x`, `self::super::x`: each `super` leaves one module.
        while let Some(first) = rest.first() {
            match first.as_str() {
                "self" => {}
                "super" => {
                    abs.pop();
                }
                _ => break,
            }
            rest = &rest[1..];
        }
        abs.extend(rest.iter().cloned());
        self.found.push((abs, line));
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.resolve(&prefix.clone(), rust_source::line_of(n.ident.span()));
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.resolve(&prefix.clone(), rust_source::line_of(r.ident.span()));
                prefix.pop();
            }
            syn::UseTree::Glob(g) => self.resolve(&prefix.clone(), rust_source::line_of(g.star_token.spans[0])),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if rust_source::is_test_only(rust_source::attrs_of(item)) {
            return;
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !rust_source::is_test_only(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(first) = p.segments.first() {
            self.resolve(&segments, rust_source::line_of(first.ident.span()));
        }
        syn::visit::visit_path(self, p);
    }
}

/// The layer violations in one file's text (`rel` is its path under the crate's `src`).
fn violations_in(krate: Crate, rel: &Path, text: &str) -> Vec<String> {
    let module = rust_source::module_of(rel);
    if krate == Crate::App && module.first().is_some_and(|m| m == "main") {
        return Vec::new(); // the binary's root knows both front ends by design
    }
    let mut paths = Paths { module: module.clone(), found: Vec::new() };
    paths.visit_file(&rust_source::parse(&rel.display().to_string(), text));
    // (top, second) of the file and of each path, with the app's `core::x` read as the core's `x`.
    let place = |p: &[String]| -> (String, Option<String>) {
        let p: Vec<&str> = p.iter().map(String::as_str).collect();
        match (krate, p.as_slice()) {
            (Crate::Core, [first, ..]) => ("core".into(), Some((*first).to_string())),
            (Crate::App, ["core", second, ..]) => ("core".into(), Some((*second).to_string())),
            (Crate::App, [first, second, ..]) => ((*first).to_string(), Some((*second).to_string())),
            (Crate::App, [first]) => ((*first).to_string(), None),
            _ => (String::new(), None),
        }
    };
    let (top, sub) = place(&module);
    let mut bad = Vec::new();
    for (to, line) in paths.found {
        let (to_top, to_sub) = place(&to);
        let wrong = match (top.as_str(), to_top.as_str()) {
            ("core", "core") => match (sub.as_deref().and_then(core_rank), to_sub.as_deref()) {
                (Some(from), Some(to)) => {
                    let same = sub.as_deref() == Some(to);
                    core_rank(to).is_some_and(|r| r > from || (r == from && !same && from > 0))
                }
                _ => false,
            },
            ("ui", "cli") | ("cli", "ui") | ("schema", "ui" | "cli") => true,
            ("ui", "ui") => sub.as_deref() == Some("training") && to_sub.as_deref() == Some("app"),
            _ => false,
        };
        if wrong {
            bad.push(format!(
                "{}/{}:{line}: {top}{} names {}",
                krate.src(),
                rel.display(),
                sub.as_deref().map(|s| format!("::{s}")).unwrap_or_default(),
                to.join("::")
            ));
        }
    }
    bad
}

fn violations() -> Vec<String> {
    let mut bad = Vec::new();
    for krate in [Crate::App, Crate::Core] {
        let src = rust_source::root().join(krate.src());
        for file in rust_source::rust_files(&src) {
            let text = std::fs::read_to_string(&file).expect("read");
            bad.extend(violations_in(krate, file.strip_prefix(&src).expect("under src"), &text));
        }
    }
    bad
}

#[test]
fn module_dependencies_point_one_way() {
    let bad = violations();
    assert!(bad.is_empty(), "dependencies that point up a layer (an import circle in the making):\n{}", bad.join("\n"));
}

/// Each probe is an upward import of a form the earlier line scan missed; each must be caught.
#[test]
fn the_layer_check_catches_every_form_of_upward_import() {
    let probes: [(Crate, &str, &str); 8] = [
        (Crate::App, "ui/training.rs", "use super::app::App;"),
        (Crate::App, "ui/training.rs", "use super::{\n    view,\n    app::{App, Command},\n};"),
        (Crate::App, "ui/training.rs", "use crate::ui::{app};"),
        (Crate::App, "cli.rs", "fn f() -> crate::ui::App { todo!() }"),
        (Crate::App, "ui/mod.rs", "use self::super::cli::run;"),
        (Crate::Core, "rules/mod.rs", "use super::engine::Evaluation;"),
        (Crate::Core, "case/io.rs", "use crate::{\n    text::Lang,\n    engine::{self, evaluate},\n};"),
        // Production code placed after the test module.
        (
            Crate::Core,
            "case/io.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::engine::evaluate;\n}\n\npub fn late() { let _ = crate::engine::evaluate; }",
        ),
    ];
    for (krate, rel, text) in probes {
        let found = violations_in(krate, Path::new(rel), text);
        assert!(!found.is_empty(), "not caught in {rel}: {text}");
    }
    // A test module may reach anything; the same import outside it is caught above.
    assert!(
        violations_in(Crate::Core, Path::new("case/io.rs"), "#[cfg(test)]\nmod tests { use crate::engine::evaluate; }")
            .is_empty()
    );
    // Downward and sideways-within-a-module imports are fine.
    assert!(
        violations_in(
            Crate::Core,
            Path::new("engine/mod.rs"),
            "use crate::{rules::RuleSet, case::Case};\nuse super::text::Lang;"
        )
        .is_empty()
    );
}

#[test]
fn every_core_module_has_a_layer() {
    let core = rust_source::root().join(Crate::Core.src());
    for entry in std::fs::read_dir(core).expect("read core") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().expect("name").to_string_lossy().into_owned();
        if name != "lib" {
            assert!(core_rank(&name).is_some(), "crates/core/src/{name} has no layer in tests/it/layers.rs");
        }
    }
}
