//! Legal vocabulary lives in the rule data, never in the program: a clause number
//! (「5.2(3)」), a table (「表4」) or an appendix (「付録1」) spelled in a string literal of the
//! app or the core outside its tests, or in the UI texts of `locales/`, would be a second copy
//! of the rule book that an organisation cannot adapt and that drifts from `decision-trees/`
//! (issue 9). Texts are compared after NFKC, so full-width 「（５．１(１)）」 is caught too;
//! every file is read whole (production code after a test module included) as syntax, string
//! literals inside macro calls (`format!`) included.

use unicode_normalization::UnicodeNormalization;

use syn::visit::Visit;

use super::rust_source::{self, Crate};
/// The clause patterns: `5.2(3)`, `7.6(1)`, `表4`, `付録1`, `別表`, `第9条`, `第2部`.
fn names_a_clause(literal: &str) -> bool {
    let chars: Vec<char> = literal.nfkc().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        // 「表4」「付録1」: a table or appendix with its number.
        if (c == '表' && digit(next))
            || (c == '録' && i > 0 && chars[i - 1] == '付' && digit(next))
            || (c == '別' && next == '表')
        {
            return true;
        }
        // 「第9条」「第2部」: an article or part.
        if c == '第' && digit(next) {
            let rest: String = chars[i + 1..].iter().skip_while(|c| digit(**c)).take(1).collect();
            if rest == "条" || rest == "部" || rest == "章" {
                return true;
            }
        }
        // 「5.2(3)」: a numbered clause with an item.
        if digit(c) && next == '.' && chars.get(i + 2).is_some_and(|c| digit(*c)) {
            let mut j = i + 2;
            while chars.get(j).is_some_and(|c| digit(*c) || *c == '.') {
                j += 1;
            }
            if chars.get(j) == Some(&'(') && chars.get(j + 1).is_some_and(|c| digit(*c)) {
                return true;
            }
        }
    }
    false
}

/// Every string literal outside test-only items, with its line.
struct Literals {
    found: Vec<(String, usize)>,
}

impl Literals {
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Literal(l) => {
                    if let syn::Lit::Str(s) = syn::Lit::new(l.clone()) {
                        self.found.push((s.value(), rust_source::line_of(l.span())));
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Literals {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !rust_source::is_test_only(rust_source::attrs_of(item)) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !rust_source::is_test_only(&f.attrs) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.found.push((s.value(), rust_source::line_of(s.span())));
    }

    // Doc comments are prose about the rule book, not text the user reads; other attributes
    // (`#[error("…")]`, `#[arg(help = "…")]`) are.
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        match &a.meta {
            _ if a.path().is_ident("doc") => {}
            syn::Meta::List(l) => self.tokens(l.tokens.clone()),
            _ => syn::visit::visit_attribute(self, a),
        }
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
    }
}

/// The clause-naming literals of one Rust source.
fn offenders_in_rust(name: &str, text: &str) -> Vec<String> {
    let mut lits = Literals { found: Vec::new() };
    lits.visit_file(&rust_source::parse(name, text));
    lits.found.into_iter().filter(|(l, _)| names_a_clause(l)).map(|(l, n)| format!("{name}:{n}: \"{l}\"")).collect()
}

/// The clause-naming lines of a locale file (keys are ASCII, so the whole line is read).
fn offenders_in_locale(name: &str, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && names_a_clause(l))
        .map(|(n, l)| format!("{name}:{}: {}", n + 1, l.trim()))
        .collect()
}

fn offenders() -> Vec<String> {
    let root = rust_source::root();
    let mut out = Vec::new();
    for krate in [Crate::App, Crate::Core] {
        for file in rust_source::rust_files(&root.join(krate.src())) {
            let text = std::fs::read_to_string(&file).expect("read source");
            out.extend(offenders_in_rust(&file.strip_prefix(&root).expect("under root").display().to_string(), &text));
        }
    }
    for entry in std::fs::read_dir(root.join("locales")).expect("locales") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read locale");
        out.extend(offenders_in_locale(&path.strip_prefix(&root).expect("under root").display().to_string(), &text));
    }
    out
}

#[test]
fn no_clause_is_spelled_in_program_text_outside_tests() {
    let offenders = offenders();
    assert!(
        offenders.is_empty(),
        "clause patterns in program text (move them to decision-trees/, e.g. wording.json, or fill them in from the rules):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_clause_pattern_check_can_fail() {
    for hit in [
        "導入作業 (5.2(3))",
        "表4",
        "付録1の確認",
        "7.6(1)",
        "004 第9条",
        "第2部",
        "別表",
        "（５．１(１)）",
        "表４",
        "付録１",
    ] {
        assert!(names_a_clause(hit), "{hit}");
    }
    for miss in ["結論", "version 0.1", "{:.1}", "3.5 MB", "付録", "表示"] {
        assert!(!names_a_clause(miss), "{miss}");
    }
    // A literal after the test module, one inside a macro call, one continued on the next
    // line: all caught. The same literal inside the test module is not.
    let src = "#[cfg(test)]\nmod tests {\n    const A: &str = \"5.1(1)\";\n}\n\nfn late() -> String {\n    format!(\"{} 付録1\", 1)\n}\nconst B: &str = \"前半 \\\n    （５．２(３)）\";\n/// 表4 in a doc comment is prose\nfn doc() {}\n";
    let found = offenders_in_rust("probe.rs", src);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("probe.rs:7:"), "{found:?}");
    assert!(found[1].starts_with("probe.rs:9:"), "{found:?}");
    // A full-width clause number in a locale file.
    let locale = "ja:\n  a.title: \"更新（５．１(４)）\"\n  # 付録1 in a comment\n  b: \"結論\"\n";
    assert_eq!(offenders_in_locale("probe.yml", locale).len(), 1);
}
