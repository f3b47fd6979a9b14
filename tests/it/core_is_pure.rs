//! The core crate reaches no GUI, windowing, i18n or command-line crate, not even through a
//! dependency of a dependency: `cargo tree` of `itaku-navi-core` (normal dependencies, for
//! every platform) must not list one. The compiler then refuses any core code that names
//! the app; this test keeps someone from adding such a crate to `crates/core/Cargo.toml`.

use std::process::Command;

/// Crates that belong to the app's side of the line.
const APP_SIDE: [&str; 8] = ["egui", "eframe", "egui_extras", "egui-winit", "winit", "rfd", "rust-i18n", "clap"];

fn core_tree() -> String {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            // Not --offline: on a fresh machine the other platforms' crates (which `cargo
            // test` never needed) are fetched first.
            "--locked",
            "-p",
            "itaku-navi-core",
            "-e",
            "normal",
            "--target",
            "all",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The crate names in `cargo tree --prefix none` output (`name vX.Y.Z (…)` per line).
fn names(tree: &str) -> Vec<&str> {
    tree.lines().filter_map(|l| l.split_whitespace().next()).collect()
}

fn app_side_in(tree: &str) -> Vec<String> {
    let names = names(tree);
    APP_SIDE.iter().filter(|c| names.contains(c)).map(ToString::to_string).collect()
}

#[test]
fn the_core_crate_depends_on_no_gui_i18n_or_cli_crate() {
    let tree = core_tree();
    assert!(names(&tree).contains(&"typst"), "the tree was not read (no typst in it):\n{tree}");
    let found = app_side_in(&tree);
    assert!(found.is_empty(), "crates/core reaches {found:?}; keep them in the app's Cargo.toml");
}

#[test]
fn the_check_would_see_an_app_crate() {
    let app_tree = "itaku-navi v0.1.0 (/x)\neframe v0.37.0\nserde v1.0.0\n";
    assert_eq!(app_side_in(app_tree), vec!["eframe".to_string()]);
}
