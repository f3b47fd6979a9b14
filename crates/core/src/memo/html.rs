//! The memo as one self-contained HTML file with print CSS for A4. Every piece of text is
//! escaped, so user input such as `<script>` or `</td>` appears literally.

use std::fmt::Write;

use super::{Block, Memo};
use crate::text::Lang;

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", "Meiryo", sans-serif; font-size: 10.5pt; line-height: 1.6; color: #111; max-width: 180mm; margin: 0 auto; overflow-wrap: anywhere; }
h1 { font-size: 16pt; text-align: center; margin: 8mm 0 6mm; }
h2 { font-size: 12pt; border-bottom: 1px solid #444; margin-top: 7mm; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #666; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; }
table.fields th { width: 28%; }
.header { width: auto; margin-left: auto; }
.stamps { width: auto; margin-left: auto; margin-bottom: 2mm; }
.stamps th { width: 17mm; text-align: center; font-size: 8pt; }
.stamps td { height: 15mm; }
.header td, .header th { border: none; padding: 0 2mm; }
.addressee { margin: 4mm 0; }
.draft { border: 2px solid #b00; padding: 2mm; color: #b00; font-weight: bold; }
.notice { border: 1.5px solid #333; padding: 2mm; font-weight: bold; }
.notice.alert { border-color: #b00; color: #b00; }
.choices span { margin-right: 8mm; }
footer { margin-top: 8mm; border-top: 1px solid #444; font-size: 8.5pt; color: #333; }
code { font-family: monospace; word-break: break-all; }
@media print { body { max-width: none; } }
"#;

fn fields(out: &mut String, rows: &[(String, String)], class: &str) {
    let _ = write!(out, "<table class=\"{class}\">");
    for (k, v) in rows {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v));
    }
    out.push_str("</table>\n");
}

/// Renders the memo as HTML.
#[must_use]
pub fn render(memo: &Memo) -> String {
    let lang = match memo.lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&memo.title)
    );
    if !memo.stamp_boxes.is_empty() {
        let _ = write!(out, "<table class=\"stamps\" aria-label=\"{}\"><tr>", escape(&memo.stamp_label));
        for b in &memo.stamp_boxes {
            let _ = write!(out, "<th>{}</th>", escape(b));
        }
        out.push_str("</tr><tr>");
        for _ in &memo.stamp_boxes {
            out.push_str("<td></td>");
        }
        out.push_str("</tr></table>\n");
    }
    fields(&mut out, &memo.header, "header");
    if !memo.addressee.is_empty() {
        let _ = writeln!(out, "<p class=\"addressee\">{}</p>", escape(&memo.addressee));
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&memo.title));
    if let Some(d) = &memo.draft_notice {
        let _ = writeln!(out, "<p class=\"draft\">{}</p>", escape(d));
    }
    for s in &memo.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                Block::Fields(f) => fields(&mut out, f, "fields"),
                Block::Table { headers, rows } => {
                    out.push_str("<table><thead><tr>");
                    for h in headers {
                        let _ = write!(out, "<th>{}</th>", escape(h));
                    }
                    out.push_str("</tr></thead><tbody>\n");
                    for r in rows {
                        out.push_str("<tr>");
                        for c in r {
                            let _ = write!(out, "<td>{}</td>", escape(c));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody></table>\n");
                }
                Block::List(items) => {
                    out.push_str("<ul>");
                    for i in items {
                        let _ = write!(out, "<li>{}</li>", escape(i));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Notice { text, alert } => {
                    let class = if *alert { "notice alert" } else { "notice" };
                    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", escape(text));
                }
            }
        }
    }
    if memo.approval.is_shown() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&memo.approval.heading));
        out.push_str("<p class=\"choices\">");
        for (c, on) in &memo.approval.choices {
            let _ = write!(out, "<span>{} {}</span>", if *on { "■" } else { "□" }, escape(c));
        }
        out.push_str("</p>\n");
        fields(&mut out, &memo.approval.fields, "fields");
    }
    let _ = writeln!(
        out,
        "<footer>{}: {}<br>{}: <code>{}</code></footer>\n</body>\n</html>",
        escape(&memo.rule_set_label),
        escape(&memo.rule_set),
        escape(&memo.hash_label),
        escape(&memo.hash)
    );
    out
}
