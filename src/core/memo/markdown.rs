//! The memo as Markdown (GitHub-flavoured tables). Cell text is escaped so a `|` or a
//! line break in user text cannot break the table.

use std::fmt::Write;

use super::{Block, Memo};

/// Escapes text for a table cell: HTML characters become entities (so `<script>` is
/// shown, never run), pipes cannot split the cell, and line breaks become `<br>`.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Escapes text for a paragraph or list item: characters that would start markup.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.replace('\n', "  \n")
}

fn table(out: &mut String, headers: &[String], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for r in rows {
        let _ = writeln!(out, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out.push('\n');
}

/// Renders the memo as Markdown.
#[must_use]
pub fn render(memo: &Memo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&memo.title));
    for (k, v) in &memo.header {
        let _ = writeln!(out, "{}: {}  ", text(k), text(v));
    }
    let _ = writeln!(out, "\n{}\n", text(&memo.addressee));
    if let Some(d) = &memo.draft_notice {
        let _ = writeln!(out, "> **{}**\n", text(d));
    }
    for s in &memo.sections {
        let _ = writeln!(out, "## {}\n", text(&s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "{}\n", text(p));
                }
                Block::Fields(f) => table(
                    &mut out,
                    &[String::new(), String::new()],
                    &f.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect::<Vec<_>>(),
                ),
                Block::Table { headers, rows } => table(&mut out, headers, rows),
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(out, "- {}", text(i));
                    }
                    out.push('\n');
                }
            }
        }
    }
    let _ = writeln!(out, "## {}\n", text(&memo.approval.heading));
    let choices: Vec<String> =
        memo.approval.choices.iter().map(|(c, on)| format!("{} {}", if *on { "■" } else { "□" }, text(c))).collect();
    let _ = writeln!(out, "{}\n", choices.join("　"));
    table(
        &mut out,
        &[String::new(), String::new()],
        &memo.approval.fields.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect::<Vec<_>>(),
    );
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "{}: {}  ", text(&memo.rule_set_label), text(&memo.rule_set));
    let _ = writeln!(out, "{}: `{}`", text(&memo.hash_label), memo.hash);
    out
}
