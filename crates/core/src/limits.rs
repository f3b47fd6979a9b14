//! Length limits for every text and list a case or rule file holds, checked at load so an
//! absurd input is refused with its place instead of reaching the memo (a 200 000-character
//! rule-set id, wrapped in the footer of every page, once took 2 GB to lay out).

use serde_json::Value;

/// Most characters in an identifier or a one-line field (a name, a title, an id, a version).
pub const LINE_MAX: usize = 200;
/// Most characters in any other text (a reason, a note, a quoted clause).
pub const TEXT_MAX: usize = 20_000;
/// Most entries in any list (the inventory, the risk rows…).
pub const ITEMS_MAX: usize = 10_000;
/// Most characters in all the texts of one file together (values, not keys): every field
/// within its own limit could still add up to a case whose memo takes minutes and
/// gigabytes (a 60 MB case: 17 s, 2.1 GB). At this bound the costliest shape measured —
/// 37 texts of 20 000 characters in the inventory table — makes its PDF memo in 5.2 s with
/// 935 MB (release, 2 cores); 10 000 ordinary inventory items hold about 540 000.
pub const TOTAL_TEXT_MAX: usize = 750_000;

/// A text or list over its limit: where, and what the limit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    /// The JSON path, e.g. `inventory[3].name`.
    pub path: String,
    /// What is too long and the limit, in words.
    pub message: String,
}

/// Fields that are one line by nature (shown in headers, footers, table cells).
pub(crate) fn is_one_line(key: &str) -> bool {
    key == "id"
        || key.ends_with("_id")
        || matches!(
            key,
            "task_name"
                | "section"
                | "author"
                | "name"
                | "title"
                | "label"
                | "approver"
                | "version"
                | "document_number"
        )
}

/// The first text or list in `value` over its limit, if any; then the file as a whole
/// (all its texts together, [`TOTAL_TEXT_MAX`]).
#[must_use]
pub fn first_over_limit(value: &Value) -> Option<OverLimit> {
    let mut total = 0;
    if let Some(over) = walk(value, &mut Vec::new(), "", &mut total) {
        return Some(over);
    }
    total_over(total)
}

/// Why a text of `n` characters under the key `key` (asked only for a text longer than
/// [`LINE_MAX`]) is too long, if it is.
pub(crate) fn text_over<'k>(n: usize, key: impl FnOnce() -> &'k str) -> Option<String> {
    if n <= LINE_MAX {
        // Within the shorter limit, a text is within either: its key need not be looked at.
        return None;
    }
    let (max, kind) = if is_one_line(key()) { (LINE_MAX, "a one-line field") } else { (TEXT_MAX, "a text") };
    (n > max).then(|| format!("{n} characters; {kind} may hold at most {max}"))
}

/// Why a list of `n` entries is too long, if it is.
pub(crate) fn list_over(n: usize) -> Option<String> {
    (n > ITEMS_MAX).then(|| format!("{n} entries; a list may hold at most {ITEMS_MAX}"))
}

/// Why a key (its UTF-8 bytes) is too long, if it is.
pub(crate) fn key_over(key: &[u8]) -> Option<String> {
    // No more characters than bytes: a short key is not counted.
    let n = if key.len() > LINE_MAX { String::from_utf8_lossy(key).chars().count() } else { 0 };
    (n > LINE_MAX).then(|| format!("a key of {n} characters; a key may hold at most {LINE_MAX}"))
}

/// The whole file over its limit when its texts hold `total` characters together.
pub(crate) fn total_over(total: usize) -> Option<OverLimit> {
    (total > TOTAL_TEXT_MAX).then(|| OverLimit {
        path: "(the whole file)".into(),
        message: format!(
            "{total} characters in all its texts; a file may hold at most {TOTAL_TEXT_MAX} (its memo would take too long to make)"
        ),
    })
}

/// One step of the way from the top of the file to a value.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON path of `steps` (`inventory[1].name`), made only for the message: formatting
/// it for every value took most of a large case's check.
fn path_of(steps: &[Step]) -> String {
    use std::fmt::Write as _;
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(k) if path.is_empty() => path.push_str(k),
            Step::Key(k) => {
                path.push('.');
                path.push_str(k);
            }
            Step::Index(i) => {
                let _ = write!(path, "[{i}]");
            }
        }
    }
    path
}

fn walk<'a>(value: &'a Value, steps: &mut Vec<Step<'a>>, key: &str, total: &mut usize) -> Option<OverLimit> {
    let here = |steps: &[Step], message| OverLimit { path: shown(&path_of(steps)), message };
    match value {
        Value::String(s) => {
            let n = s.chars().count();
            *total += n;
            text_over(n, || key).map(|m| here(steps, m))
        }
        Value::Array(items) => {
            if let Some(m) = list_over(items.len()) {
                return Some(here(steps, m));
            }
            items.iter().enumerate().find_map(|(i, v)| {
                steps.push(Step::Index(i));
                let over = walk(v, steps, key, total);
                steps.pop();
                over
            })
        }
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if let Some(m) = key_over(k.as_bytes()) {
                return Some(here(steps, m));
            }
            steps.push(Step::Key(k));
            let over = walk(v, steps, k, total);
            steps.pop();
            over
        }),
        _ => None,
    }
}

/// A path as messages show it: the top level has a name.
pub(crate) fn shown(path: &str) -> String {
    if path.is_empty() { "(top level)".into() } else { path.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_name_the_place_and_the_limit() {
        let ok = serde_json::json!({"basics": {"task_name": "給与計算", "summary": "x".repeat(5000)}});
        assert_eq!(first_over_limit(&ok), None);
        let long_name = serde_json::json!({"inventory": [{"name": "a"}, {"name": "名".repeat(201)}]});
        let e = first_over_limit(&long_name).expect("over");
        assert_eq!(e.path, "inventory[1].name");
        assert!(e.message.contains("201 characters") && e.message.contains("200"), "{}", e.message);
        let many = serde_json::json!({"risk": vec![0; ITEMS_MAX + 1]});
        assert!(first_over_limit(&many).expect("over").message.contains("10000"));
    }

    /// Issue 23, finding 4: every field within its limit, the whole over the total.
    #[test]
    fn a_file_over_the_total_is_refused_as_a_whole() {
        let items: Vec<serde_json::Value> =
            (0..40).map(|i| serde_json::json!({"item_id": format!("i{i}"), "reason": "理".repeat(TEXT_MAX)})).collect();
        let big = serde_json::json!({ "inventory": items });
        let e = first_over_limit(&big).expect("over");
        assert_eq!(e.path, "(the whole file)");
        assert!(e.message.contains(&TOTAL_TEXT_MAX.to_string()), "{}", e.message);
        let items: Vec<serde_json::Value> =
            (0..30).map(|i| serde_json::json!({"item_id": format!("i{i}"), "reason": "理".repeat(TEXT_MAX)})).collect();
        assert_eq!(first_over_limit(&serde_json::json!({ "inventory": items })), None, "600 000 characters: fine");
    }
}
