//! itaku-navi (外部委託 可否判断ナビ): decides whether an information-processing task may be
//! outsourced under §5.1/§5.2 of NISC's outsourcing template, and records why.
//!
//! - [`core`]: the pure decision core, the `itaku-navi-core` crate in `crates/core` (rules,
//!   engine, case, register, drafts, memo); re-exported here so `crate::core::…` names it.
//! - [`cli`]: the headless command line (`check`, `decide`, `memo`, `verify`, `schema`);
//!   `main.rs` chooses between it and the app.
//! - [`ui`]: the egui desktop app.
//! - [`schema`]: JSON Schemas for the rule files and the case file.
//! - [`console`]: on Windows, the GUI exe borrows a terminal's console for commands.

pub mod cli;
pub mod console;
pub use itaku_navi_core as core;
pub use itaku_navi_core::fonts_data;
pub mod schema;
pub mod ui;

rust_i18n::i18n!("locales", fallback = "ja");

/// Translates a UI string key in the current locale (rust-i18n's `t!` only works in this crate).
#[must_use]
pub fn tr(key: &str) -> String {
    rust_i18n::t!(key).into_owned()
}

/// Sets the UI locale (`ja` or `en`).
pub fn set_locale(code: &str) {
    rust_i18n::set_locale(code);
}
