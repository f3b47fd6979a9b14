//! The embedded Japanese font covers every character of CP932 (Windows-31J, with the
//! NEC and IBM extensions officers use in names such as 髙橋 and 山﨑), so nothing typed
//! on a Japanese Windows PC shows as a box. The Japanese font plus its small gap font
//! (`DejaVu Sans` for ≒, which Noto Sans CJK JP lacks) must cover it together.

use std::path::Path;

#[test]
fn embedded_font_covers_all_of_cp932() {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let bytes = std::fs::read(fonts.join("NotoSansJP-CP932.otf")).expect("font file");
    let face = ttf_parser::Face::parse(&bytes, 0).expect("font parses");
    let gap_bytes = std::fs::read(fonts.join("DejaVuSans-CP932-gaps.ttf")).expect("gap font file");
    let gap = ttf_parser::Face::parse(&gap_bytes, 0).expect("gap font parses");
    let covered = |ch: char| face.glyph_index(ch).is_some() || gap.glyph_index(ch).is_some();
    let mut missing = Vec::new();
    let mut checked = 0;
    // Every double-byte sequence of CP932; encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J.
    for lead in (0x81u8..=0x9F).chain(0xE0..=0xFC) {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFC) {
            let pair = [lead, trail];
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&pair);
            if had_errors {
                continue;
            }
            for ch in text.chars().filter(|c| !c.is_control() && *c != '\u{FFFD}') {
                checked += 1;
                if !covered(ch) {
                    missing.push(ch);
                }
            }
        }
    }
    // Private-use (gaiji) code points have no standard glyph anywhere; ignore them.
    missing.retain(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
    assert!(checked > 7_000, "checked {checked} characters");
    assert!(
        missing.is_empty(),
        "{} CP932 characters have no glyph: {:?}",
        missing.len(),
        missing.iter().take(40).collect::<String>()
    );
    for ch in "髙﨑德ⅰ№㈱①外部委託可否判断ナビ•✓→".chars() {
        assert!(covered(ch), "no glyph for {ch}");
    }
}

/// Every character the UI can show from its own texts (locale files, symbols in the UI
/// code, the rule files) has a glyph in the embedded fonts.
#[test]
fn embedded_fonts_cover_every_ui_and_rule_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fonts = root.join("assets/fonts");
    let bytes = std::fs::read(fonts.join("NotoSansJP-CP932.otf")).expect("font file");
    let face = ttf_parser::Face::parse(&bytes, 0).expect("font parses");
    let gap_bytes = std::fs::read(fonts.join("DejaVuSans-CP932-gaps.ttf")).expect("gap font file");
    let gap = ttf_parser::Face::parse(&gap_bytes, 0).expect("gap font parses");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in
        ["locales", "decision-trees", "decision-trees/samples", "src/ui", "src/ui/screens", "crates/core/src/training"]
    {
        for e in std::fs::read_dir(root.join(dir)).expect("dir").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "yml" || x == "json" || x == "rs") {
                files.push(p);
            }
        }
    }
    let mut missing = std::collections::BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("text file");
        for ch in text.chars().filter(|c| !c.is_control() && !c.is_ascii()) {
            if face.glyph_index(ch).is_none() && gap.glyph_index(ch).is_none() {
                missing.entry(ch).or_insert_with(|| f.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "characters with no glyph (first file that uses each): {missing:?}");
}
