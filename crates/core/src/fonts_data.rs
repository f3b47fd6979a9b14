//! The embedded font bytes, shared by the egui app and the PDF memo so both show the
//! same glyphs: Noto Sans CJK JP cut to CP932 (SIL OFL 1.1) and a `DejaVu Sans` subset for
//! the few characters Noto lacks (≒, ✔, ℹ, ⚙).

/// Noto Sans CJK JP, CP932 subset.
pub static JAPANESE_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansJP-CP932.otf");

/// `DejaVu Sans` cut to the characters missing from the Japanese font.
pub static GAP_FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-CP932-gaps.ttf");
