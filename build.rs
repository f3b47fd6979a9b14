//! Rebuild the app when a locale file changes: rust-i18n's `i18n!` embeds `locales/*.yml`
//! but does not always notice their edits by itself. (The core crate fingerprints the memo's
//! sources in its own `crates/core/build.rs`.)

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
