//! Legal vocabulary lives in the rule data, never in Rust: a clause number (「5.2(3)」), a
//! table (「表4」) or an appendix (「付録1」) spelled in a string literal of `src/` outside its
//! tests would be a second copy of the rule book that an organisation cannot adapt and that
//! drifts from `decision-trees/` (issue 9).

use std::path::Path;

/// The clause patterns: `5.2(3)`, `7.6(1)`, `表4`, `付録1`, `別表`, `第9条`, `第2部`.
fn names_a_clause(literal: &str) -> bool {
    let chars: Vec<char> = literal.chars().collect();
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

/// The string literals of one line of Rust (good enough for this code base: no raw strings
/// with quotes inside).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let mut in_char = false;
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            break; // comment
        }
        if c == '\'' {
            in_char = !in_char;
            continue;
        }
        if c == '"' && !in_char {
            let mut lit = String::new();
            while let Some(d) = chars.next() {
                match d {
                    '\\' => {
                        if let Some(e) = chars.next() {
                            lit.push(e);
                        }
                    }
                    '"' => break,
                    _ => lit.push(d),
                }
            }
            out.push(lit);
        }
    }
    out
}

fn scan(dir: &Path, offenders: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            scan(&path, offenders);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            for (n, line) in text.lines().enumerate() {
                // A file's unit tests sit at its end, after `#[cfg(test)]`.
                if line.trim_start().starts_with("#[cfg(test)]") {
                    break;
                }
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                for lit in literals(line) {
                    if names_a_clause(&lit) {
                        offenders.push(format!("{}:{}: \"{lit}\"", path.display(), n + 1));
                    }
                }
            }
        }
    }
}

#[test]
fn no_clause_is_spelled_in_a_rust_string_literal_outside_tests() {
    let mut offenders = Vec::new();
    scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut offenders);
    assert!(
        offenders.is_empty(),
        "clause patterns in Rust string literals (move them to decision-trees/, e.g. wording.json):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_clause_pattern_check_can_fail() {
    for hit in ["導入作業 (5.2(3))", "表4", "付録1の確認", "7.6(1)", "004 第9条", "第2部", "別表"] {
        assert!(names_a_clause(hit), "{hit}");
    }
    for miss in ["結論", "version 0.1", "{:.1}", "3.5 MB", "付録", "表示"] {
        assert!(!names_a_clause(miss), "{miss}");
    }
    assert_eq!(literals(r#"let a = "x"; // "表4""#), vec!["x".to_string()]);
    assert_eq!(literals(r#"f('"', "表4")"#), vec!["表4".to_string()]);
}
