//! What differs between two versions of a case, field by field: the 「前回からの変更」 of
//! a re-review and the comparison shown when someone else saved the same file first.
//! Lists of items are matched by their ids, so a removed item is one change, not a shift.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Case;

/// One difference: where, and the value before and after (empty when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where in the case: `basics.task_name`, `answers.q-access.value`,
    /// `inventory[item-2].important`.
    pub path: String,
    /// The value before ("" when it did not exist).
    pub before: String,
    /// The value after ("" when it no longer exists).
    pub after: String,
}

/// Fields that change without changing what was decided: the seal, when an answer was
/// given, the outcome's record time, the revision bookkeeping.
const IGNORED: [&str; 4] = ["integrity", "history", "revision", "approved_content"];

/// The differences from `old` to `new`, in path order.
#[must_use]
pub fn changes(old: &Case, new: &Case) -> Vec<Change> {
    let flat = |c: &Case| {
        let mut out = BTreeMap::new();
        flatten("", &serde_json::to_value(c).unwrap_or(Value::Null), &mut out);
        out
    };
    let (a, b) = (flat(old), flat(new));
    let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| Change {
            path: p.clone(),
            before: a.get(p).cloned().unwrap_or_default(),
            after: b.get(p).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The id an element of a list is known by, if it has one.
fn element_id(v: &Value) -> Option<&str> {
    ["item_id", "row_id", "caution_id"].iter().find_map(|k| v.get(*k).and_then(Value::as_str))
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if IGNORED.contains(&k.as_str()) || k == "answered_at" || k == "recorded_at" {
                    continue;
                }
                let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&p, child, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| element_id(i).is_some()) && !items.is_empty() => {
            for item in items {
                let id = element_id(item).unwrap_or_default();
                flatten(&format!("{prefix}[{id}]"), item, out);
            }
        }
        Value::Array(items) => {
            let text: Vec<String> = items.iter().map(scalar).collect();
            if !text.is_empty() {
                out.insert(prefix.to_string(), text.join(", "));
            }
        }
        Value::Null => {}
        other => {
            let s = scalar(other);
            if !s.is_empty() {
                out.insert(prefix.to_string(), s);
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::InventoryItem;

    #[test]
    fn items_are_matched_by_id_and_bookkeeping_is_not_a_change() {
        let mut old = Case::new("r", "1");
        old.basics.task_name = "名簿入力".into();
        old.inventory = vec![InventoryItem::new("item-1", "名簿"), InventoryItem::new("item-2", "集計表")];
        let mut new = old.clone();
        new.inventory.remove(0);
        new.basics.task_name = "名簿入力及び集計".into();
        new.integrity = Some("sha256:00".into());
        new.revision = 2;
        let c = changes(&old, &new);
        let paths: Vec<&str> = c.iter().map(|c| c.path.as_str()).collect();
        assert!(paths.contains(&"basics.task_name"), "{paths:?}");
        assert!(paths.iter().any(|p| p.starts_with("inventory[item-1]")), "{paths:?}");
        assert!(!paths.iter().any(|p| p.starts_with("inventory[item-2]")), "item-2 did not change: {paths:?}");
        assert!(!paths.iter().any(|p| p.contains("integrity") || p.contains("revision")), "{paths:?}");
        let name = c.iter().find(|c| c.path == "inventory[item-1].name").expect("removed item");
        assert_eq!((name.before.as_str(), name.after.as_str()), ("名簿", ""));
    }
}
