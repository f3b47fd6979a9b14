//! Canonical JSON written straight from a value's `Serialize` — keys sorted, no whitespace,
//! `serde_json`'s own escaping and numbers: the same bytes as `serde_json::to_vec` of
//! `serde_json::to_value` of it — with every text and list checked against its length limit
//! ([`crate::limits`]) on the way. What a case's seal hashes and its limits read, without a
//! tree of the case: for a 10 000-item case, building that tree and dropping it took more
//! than half of opening the file.

use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use crate::limits::{self, OverLimit};

/// A value's canonical JSON and what its length check found.
#[derive(Debug)]
pub struct Canonical {
    /// The canonical text, with the top-level keys `canonical` was asked to leave out left out.
    pub bytes: Vec<u8>,
    /// A text or list over its limit (the first met in the value's own field order), or the
    /// whole over [`limits::TOTAL_TEXT_MAX`]; `None` when every length is within its limit.
    /// Left-out keys are checked too.
    pub over_limit: Option<OverLimit>,
}

/// The canonical JSON of `value` without its top-level keys `leave_out`, and its length check.
///
/// # Errors
/// What `serde_json`'s own serializer would refuse (a map whose keys are not strings or numbers).
pub fn canonical<T: Serialize + ?Sized>(value: &T, leave_out: &[&str]) -> serde_json::Result<Canonical> {
    let mut state = State { leave_out, ..State::default() };
    value.serialize(&mut serde_json::Serializer::with_formatter(io::sink(), Sorting(&mut state)))?;
    let over_limit = state.over.take().or_else(|| limits::total_over(state.total));
    Ok(Canonical { bytes: state.out, over_limit })
}

/// What has been written so far and where the writing is.
#[derive(Default)]
struct State<'a> {
    /// The text so far; an object's entries are put in key order when the object ends.
    out: Vec<u8>,
    /// The objects open now, outermost first.
    objects: Vec<Object>,
    /// The entries of the open objects, each object's after its parent's (one list, reused).
    entries: Vec<Entry>,
    /// The keys of the open objects' entries, unescaped (what they are sorted by).
    names: Vec<u8>,
    /// Where sorted entries are put together before they replace the unsorted ones.
    scratch: Vec<u8>,
    /// A key is being written (not a value).
    in_key: bool,
    /// Characters of the text value being written.
    chars: usize,
    /// Characters of all text values so far.
    total: usize,
    /// The way from the top to the value being written: the open arrays' entry counts
    /// (`Index`) and the open objects' current keys (`Key`).
    path: Vec<Step>,
    /// The first length over its limit.
    over: Option<OverLimit>,
    /// Top-level keys not written.
    leave_out: &'a [&'a str],
}

/// An object being written.
struct Object {
    /// Where its `{` is in the text.
    open: usize,
    /// Its first entry in [`State::entries`].
    first_entry: usize,
    /// Where its keys begin in [`State::names`].
    first_name: usize,
}

/// One key and value of an object, as written.
struct Entry {
    /// The key, quoted and escaped, in the text.
    key: Range<usize>,
    /// The key unescaped, in [`State::names`].
    name: Range<usize>,
    /// The value, in the text.
    value: Range<usize>,
}

/// One step of the way to a value.
enum Step {
    /// An object's entry, by its key in [`State::names`].
    Key(Range<usize>),
    /// An array's entry: how many entries it has had so far.
    Index(usize),
}

impl State<'_> {
    /// The key of the innermost object entry on the way (a list's entries take its key).
    fn key(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                Step::Key(r) => std::str::from_utf8(&self.names[r.clone()]).ok(),
                Step::Index(_) => None,
            })
            .unwrap_or("")
    }

    /// The path of the value being written, as [`limits`] names it (`inventory[3].name`).
    fn path(&self) -> String {
        use std::fmt::Write as _;
        let mut path = String::new();
        for step in &self.path {
            match step {
                Step::Key(r) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&String::from_utf8_lossy(&self.names[r.clone()]));
                }
                Step::Index(n) => {
                    let _ = write!(path, "[{}]", n.saturating_sub(1));
                }
            }
        }
        limits::shown(&path)
    }

    /// Writes a number or `true`/`false`; in a key (a map keyed by numbers), its text is the
    /// key's name too.
    fn literal(&mut self, write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
        let at = self.out.len();
        write(&mut self.out)?;
        if self.in_key {
            self.names.extend_from_slice(&self.out[at..]);
        }
        Ok(())
    }

    /// Notes a length over its limit, unless one was met already.
    fn over(&mut self, message: String) {
        if self.over.is_none() {
            self.over = Some(OverLimit { path: self.path(), message });
        }
    }

    /// Puts the entries of the object that just ended in key order (the last of equal keys
    /// wins, as in a `serde_json::Map`), leaving out the top-level keys asked for.
    fn sort_object(&mut self, object: &Object) {
        let top = self.objects.is_empty();
        let entries = &mut self.entries[object.first_entry..];
        let names = &self.names;
        entries.sort_by(|a, b| names[a.name.clone()].cmp(&names[b.name.clone()]));
        self.scratch.clear();
        self.scratch.push(b'{');
        let mut written = 0;
        for (i, e) in entries.iter().enumerate() {
            let name = &names[e.name.clone()];
            if entries.get(i + 1).is_some_and(|next| names[next.name.clone()] == *name)
                || (top && self.leave_out.iter().any(|k| k.as_bytes() == name))
            {
                continue;
            }
            if written > 0 {
                self.scratch.push(b',');
            }
            self.scratch.extend_from_slice(&self.out[e.key.clone()]);
            self.scratch.push(b':');
            self.scratch.extend_from_slice(&self.out[e.value.clone()]);
            written += 1;
        }
        self.scratch.push(b'}');
        self.out.truncate(object.open);
        self.out.extend_from_slice(&self.scratch);
        self.entries.truncate(object.first_entry);
        self.names.truncate(object.first_name);
    }
}

/// The formatter that writes into a [`State`] (ignoring `serde_json`'s writer) and sorts each
/// object's entries when it ends; numbers, strings and their escapes are written as
/// `serde_json`'s compact formatter writes them.
struct Sorting<'s, 'a>(&'s mut State<'a>);

impl Formatter for Sorting<'_, '_> {
    fn write_null<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        CompactFormatter.write_null(&mut self.0.out)
    }
    fn write_bool<W: ?Sized + io::Write>(&mut self, _: &mut W, v: bool) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_bool(out, v))
    }
    fn write_i8<W: ?Sized + io::Write>(&mut self, _: &mut W, v: i8) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_i8(out, v))
    }
    fn write_i16<W: ?Sized + io::Write>(&mut self, _: &mut W, v: i16) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_i16(out, v))
    }
    fn write_i32<W: ?Sized + io::Write>(&mut self, _: &mut W, v: i32) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_i32(out, v))
    }
    fn write_i64<W: ?Sized + io::Write>(&mut self, _: &mut W, v: i64) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_i64(out, v))
    }
    fn write_i128<W: ?Sized + io::Write>(&mut self, _: &mut W, v: i128) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_i128(out, v))
    }
    fn write_u8<W: ?Sized + io::Write>(&mut self, _: &mut W, v: u8) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_u8(out, v))
    }
    fn write_u16<W: ?Sized + io::Write>(&mut self, _: &mut W, v: u16) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_u16(out, v))
    }
    fn write_u32<W: ?Sized + io::Write>(&mut self, _: &mut W, v: u32) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_u32(out, v))
    }
    fn write_u64<W: ?Sized + io::Write>(&mut self, _: &mut W, v: u64) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_u64(out, v))
    }
    fn write_u128<W: ?Sized + io::Write>(&mut self, _: &mut W, v: u128) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_u128(out, v))
    }
    fn write_f32<W: ?Sized + io::Write>(&mut self, _: &mut W, v: f32) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_f32(out, v))
    }
    fn write_f64<W: ?Sized + io::Write>(&mut self, _: &mut W, v: f64) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_f64(out, v))
    }
    fn write_number_str<W: ?Sized + io::Write>(&mut self, _: &mut W, v: &str) -> io::Result<()> {
        self.0.literal(|out| CompactFormatter.write_number_str(out, v))
    }
    fn write_raw_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, v: &str) -> io::Result<()> {
        CompactFormatter.write_raw_fragment(&mut self.0.out, v)
    }

    fn begin_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.chars = 0;
        CompactFormatter.begin_string(&mut self.0.out)
    }
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, fragment: &str) -> io::Result<()> {
        let s = &mut *self.0;
        if s.in_key {
            s.names.extend_from_slice(fragment.as_bytes());
        } else {
            s.chars += fragment.chars().count();
        }
        CompactFormatter.write_string_fragment(&mut s.out, fragment)
    }
    fn write_char_escape<W: ?Sized + io::Write>(&mut self, _: &mut W, escape: CharEscape) -> io::Result<()> {
        let s = &mut *self.0;
        if s.in_key {
            s.names.push(match escape {
                CharEscape::Quote => b'"',
                CharEscape::ReverseSolidus => b'\\',
                CharEscape::Solidus => b'/',
                CharEscape::Backspace => 0x08,
                CharEscape::FormFeed => 0x0c,
                CharEscape::LineFeed => b'\n',
                CharEscape::CarriageReturn => b'\r',
                CharEscape::Tab => b'\t',
                CharEscape::AsciiControl(b) => b,
            });
        } else {
            s.chars += 1;
        }
        CompactFormatter.write_char_escape(&mut s.out, escape)
    }
    fn end_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        CompactFormatter.end_string(&mut s.out)?;
        if !s.in_key {
            let n = s.chars;
            s.total += n;
            if let Some(message) = limits::text_over(n, || s.key()) {
                s.over(message);
            }
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.path.push(Step::Index(0));
        CompactFormatter.begin_array(&mut self.0.out)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W, first: bool) -> io::Result<()> {
        if let Some(Step::Index(n)) = self.0.path.last_mut() {
            *n += 1;
        }
        CompactFormatter.begin_array_value(&mut self.0.out, first)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        if let Some(Step::Index(n)) = s.path.pop()
            && let Some(message) = limits::list_over(n)
        {
            s.over(message);
        }
        CompactFormatter.end_array(&mut s.out)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        s.objects.push(Object { open: s.out.len(), first_entry: s.entries.len(), first_name: s.names.len() });
        s.out.push(b'{');
        Ok(())
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W, _first: bool) -> io::Result<()> {
        let s = &mut *self.0;
        s.in_key = true;
        let (at, name) = (s.out.len(), s.names.len());
        s.entries.push(Entry { key: at..at, name: name..name, value: at..at });
        Ok(())
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        s.in_key = false;
        let (at, names) = (s.out.len(), s.names.len());
        let Some(e) = s.entries.last_mut() else { return Ok(()) };
        e.key.end = at;
        e.name.end = names;
        let name = e.name.clone();
        if let Some(message) = limits::key_over(&s.names[name.clone()]) {
            s.over(message);
        }
        s.path.push(Step::Key(name));
        Ok(())
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        let at = s.out.len();
        if let Some(e) = s.entries.last_mut() {
            e.value = at..at;
        }
        Ok(())
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        s.path.pop();
        let at = s.out.len();
        // The entry of the object open now: a nested object's entries were taken off when it ended.
        if let Some(e) = s.entries.last_mut() {
            e.value.end = at;
        }
        Ok(())
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let s = &mut *self.0;
        if let Some(object) = s.objects.pop() {
            s.sort_object(&object);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The bytes of the way they replace: `to_vec(to_value(v))`, top-level keys left out.
    fn through_tree(v: &serde_json::Value, leave_out: &[&str]) -> Vec<u8> {
        let mut v = v.clone();
        if let Some(map) = v.as_object_mut() {
            for k in leave_out {
                map.remove(*k);
            }
        }
        serde_json::to_vec(&v).expect("serializes")
    }

    #[test]
    fn the_text_is_the_trees_text_byte_for_byte() {
        let v = json!({
            "zeta": [1, -2, {"b": null, "a": true, "ä": "x"}, [], {}],
            "alpha": "改行\n\"引用\"\\ タブ\t \u{1} /",
            "mid": {"y": {"k2": 2, "k1": [{"z": 1, "a": 2}]}, "x": u64::MAX},
            "integrity": "sha256:…",
            "a\"q": 1, "a": 0, "ab": 1, "B": 2
        });
        let numbered: std::collections::BTreeMap<u32, &str> = [(10, "十"), (9, "九"), (100, "百")].into();
        for leave_out in [&[][..], &["integrity"][..]] {
            let ours = canonical(&v, leave_out).expect("ok");
            assert_eq!(String::from_utf8(ours.bytes).unwrap(), String::from_utf8(through_tree(&v, leave_out)).unwrap());
            assert!(ours.over_limit.is_none());
        }
        let tree = serde_json::to_value(&numbered).expect("tree");
        assert_eq!(canonical(&numbered, &[]).expect("ok").bytes, through_tree(&tree, &[]));
    }

    #[test]
    fn lengths_over_their_limit_are_found_with_their_place() {
        let name = "名".repeat(limits::LINE_MAX + 1);
        let v = json!({"inventory": [{"name": "a"}, {"name": name, "reason": "ok"}]});
        let over = canonical(&v, &[]).expect("ok").over_limit.expect("over");
        assert_eq!(over.path, "inventory[1].name");
        assert!(over.message.contains("201 characters"), "{}", over.message);
        // A list's texts take the list's key: one-line names in a list of names.
        let v = json!({"approver": ["a", "x".repeat(limits::LINE_MAX + 1)]});
        assert_eq!(limits::first_over_limit(&v).map(|o| o.path), Some("approver[1]".into()));
        let over = canonical(&v, &[]).expect("ok").over_limit.expect("over");
        assert_eq!((over.path.as_str(), over.message.contains("a one-line field")), ("approver[1]", true));
        let many = json!({"risk": vec![0; limits::ITEMS_MAX + 1]});
        assert!(canonical(&many, &[]).expect("ok").over_limit.expect("over").message.contains("10001 entries"));
        let long_key = json!({ "k".repeat(limits::LINE_MAX + 1): 1 });
        assert!(canonical(&long_key, &[]).expect("ok").over_limit.expect("over").message.contains("a key of 201"));
        let total: Vec<_> = (0..40).map(|_| "理".repeat(limits::TEXT_MAX)).collect();
        let over = canonical(&json!({ "notes": total }), &[]).expect("ok").over_limit.expect("over");
        assert_eq!(over.path, "(the whole file)");
    }

    /// Every check the tree walk makes, the stream makes: the same cases pass and fail.
    #[test]
    fn the_stream_finds_what_the_tree_walk_finds() {
        let cases = [
            json!({"a": "x".repeat(limits::TEXT_MAX)}),
            json!({"a": "x".repeat(limits::TEXT_MAX + 1)}),
            json!({"title": "x".repeat(limits::LINE_MAX)}),
            json!({"title": "\n".repeat(limits::LINE_MAX + 1)}),
            json!({"x": [[vec![1; limits::ITEMS_MAX]]]}),
            json!({"x": [{"item_id": "i".repeat(limits::LINE_MAX + 1)}]}),
        ];
        for v in cases {
            let tree = limits::first_over_limit(&v);
            let ours = canonical(&v, &[]).expect("ok").over_limit;
            assert_eq!(ours.map(|o| o.path), tree.map(|o| o.path), "{v}");
        }
    }
}
