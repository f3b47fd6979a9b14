//! The embedded Japanese font (Noto Sans CJK JP, CP932 subset, SIL OFL 1.1), set as the
//! first proportional font and a monospace fallback, plus a tiny `DejaVu Sans` subset for
//! the CP932 characters Noto lacks (≒), so no glyph shows as a box.

use std::sync::Arc;

pub use crate::fonts_data::{GAP_FONT, JAPANESE_FONT};

/// Licence of the Japanese font (SIL OFL 1.1), shown under Help → Licences.
pub const NOTO_LICENSE: &str = include_str!("../../assets/fonts/OFL.txt");

/// Licence of the gap font, shown under Help → Licences.
pub const DEJAVU_LICENSE: &str = include_str!("../../assets/fonts/DejaVu-LICENSE.txt");

/// Installs the Japanese font into egui.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("noto-sans-jp".into(), Arc::new(egui::FontData::from_static(JAPANESE_FONT)));
    fonts.font_data.insert("dejavu-gaps".into(), Arc::new(egui::FontData::from_static(GAP_FONT)));
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        list.insert(0, "noto-sans-jp".into());
        list.push("dejavu-gaps".into());
    }
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        list.push("noto-sans-jp".into());
        list.push("dejavu-gaps".into());
    }
    ctx.set_fonts(fonts);
}
