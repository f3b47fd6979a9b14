//! The embedded Japanese font (Noto Sans CJK JP, CP932 subset, SIL OFL 1.1), set as the
//! first proportional font and a monospace fallback so no glyph shows as a box.

use std::sync::Arc;

/// The font bytes; the PDF memo uses the same ones.
pub const JAPANESE_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansJP-CP932.otf");

/// Installs the Japanese font into egui.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("noto-sans-jp".into(), Arc::new(egui::FontData::from_static(JAPANESE_FONT)));
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        list.insert(0, "noto-sans-jp".into());
    }
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        list.push("noto-sans-jp".into());
    }
    ctx.set_fonts(fonts);
}
