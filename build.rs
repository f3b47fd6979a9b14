//! Rebuild when locale files or the embedded rule data change (`include_str!` and
//! rust-i18n do not always notice edits by themselves).
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=decision-trees");
}
