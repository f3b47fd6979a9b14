//! The memo as Markdown (GitHub-flavoured tables). Cell text is escaped so a `|` or a
//! line break in user text cannot break the table.

use std::fmt::Write;

use super::{Block, Memo};

/// Escapes one line of user text so it is shown literally: HTML characters become
/// entities (so `<script>` is shown, never run), and every character that starts inline
/// markup — links and images (`[`, `]`), emphasis (`*`, `_`, `~`), code (`` ` ``), a
/// table cell (`|`) — is backslash-escaped. With `block_start`, text that would start a
/// heading or a list item where a paragraph or list item begins has its marker escaped too.
fn inline(line: &str, block_start: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let numbered = trimmed.chars().take_while(char::is_ascii_digit).count();
    let starts_block = block_start
        && (trimmed.starts_with(['#', '-', '+', '=']) || (numbered > 0 && trimmed[numbered..].starts_with(['.', ')'])));
    for (i, ch) in line.char_indices() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            _ => {
                let marker_at = if numbered > 0 { lead + numbered } else { lead };
                if starts_block && i == marker_at {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
    }
    out
}

/// User text on one Markdown line: each line escaped, joined with `<br>`, so no line break
/// — not even a blank line — can end the cell, the paragraph or the list item it is in.
fn one_line(s: &str, block_start: bool) -> String {
    s.lines().enumerate().map(|(i, l)| inline(l, block_start && i == 0)).collect::<Vec<_>>().join("<br>")
}

/// Escapes text for a table cell or a heading (where no block can start).
fn cell(s: &str) -> String {
    one_line(s, false)
}

/// Escapes text that begins a paragraph or a list item.
fn text(s: &str) -> String {
    one_line(s, true)
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
    let _ = writeln!(out, "# {}\n", cell(&memo.title));
    if !memo.stamp_boxes.is_empty() {
        // 決裁欄: the titles over an empty row to stamp in (a Markdown file opens with its title).
        let _ = writeln!(out, "{}\n", text(&memo.stamp_label));
        let blank = vec![String::new(); memo.stamp_boxes.len()];
        table(&mut out, &memo.stamp_boxes, &[blank]);
    }
    for (k, v) in &memo.header {
        let _ = writeln!(out, "{}: {}  ", text(k), text(v));
    }
    out.push('\n');
    if !memo.addressee.is_empty() {
        let _ = writeln!(out, "{}\n", text(&memo.addressee));
    }
    if let Some(d) = &memo.draft_notice {
        let _ = writeln!(out, "> **{}**\n", text(d));
    }
    for s in &memo.sections {
        let _ = writeln!(out, "## {}\n", cell(&s.heading));
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
                Block::Notice { text: t, alert } => {
                    let mark = if *alert { "⚠ " } else { "" };
                    let _ = writeln!(out, "> **{mark}{}**\n", text(t));
                }
            }
        }
    }
    if memo.approval.is_shown() {
        let _ = writeln!(out, "## {}\n", text(&memo.approval.heading));
        let choices: Vec<String> = memo
            .approval
            .choices
            .iter()
            .map(|(c, on)| format!("{} {}", if *on { "■" } else { "□" }, text(c)))
            .collect();
        let _ = writeln!(out, "{}\n", choices.join("　"));
        table(
            &mut out,
            &[String::new(), String::new()],
            &memo.approval.fields.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect::<Vec<_>>(),
        );
    }
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "{}: {}  ", text(&memo.rule_set_label), text(&memo.rule_set));
    let _ = writeln!(out, "{}: `{}`", text(&memo.hash_label), memo.hash);
    out
}
